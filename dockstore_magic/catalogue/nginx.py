"""``nginx:1.27.3`` (mainline, bookworm; linux/amd64): seven layers on ``debian:bookworm-slim``.

As nginxinc/docker-nginx builds it (history from docker-library/repo-info; created
2024-11-26T18:42:08Z, rebuilt on the bookworm-20241223 base; 192 MB): the shared Debian base
(74.8 MB), one big ``RUN`` that adds the nginx user (uid/gid 101), installs nginx 1.27.3, its
dynamic modules (geoip, image-filter, njs 0.8.7, xslt), gettext-base and curl from
nginx.org's repository and links the logs to stdout/stderr (116.9 MB), then five ``COPY``
layers holding the entrypoint scripts with their real content (1618, 2123, 389, 3018 and
4613 bytes).
"""
from __future__ import annotations

from . import debian
from ._build import BUILDKIT, Layout, epoch, hist, history_text
from ._debextra import apt_logs, copyright, lay_krb5, lay_openssl, lib, simple_lib, _h
from ._dpkg import Pkg
from .registry import CatalogueImage, CatalogueLayer, register

VERSION = "1.27.3"
NJS = "0.8.7"
REL = "1~bookworm"
CREATED = "2024-11-26T18:42:08Z"
T = epoch(CREATED)
RUN_SIZE = 116_878_239
MAINT = "NGINX Docker Maintainers <docker-maint@nginx.com>"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# the image's history entry for its big RUN (upstream Dockerfile text, kept as data)
RUN_INSTALL = history_text("nginx-1.27.3-install.txt")

NGINX_CONF = """
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
"""

DEFAULT_CONF = """\
server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

"""

INDEX_HTML = """\
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"""

ERROR_HTML = """\
<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
"""

MIME_TYPES = """
types {
    text/html                                        html htm shtml;
    text/css                                         css;
    text/xml                                         xml;
    image/gif                                        gif;
    image/jpeg                                       jpeg jpg;
    application/javascript                           js;
    application/atom+xml                             atom;
    application/rss+xml                              rss;

    text/mathml                                      mml;
    text/plain                                       txt;
    text/vnd.sun.j2me.app-descriptor                 jad;
    text/vnd.wap.wml                                 wml;
    text/x-component                                 htc;

    image/avif                                       avif;
    image/png                                        png;
    image/svg+xml                                    svg svgz;
    image/tiff                                       tif tiff;
    image/vnd.wap.wbmp                               wbmp;
    image/webp                                       webp;
    image/x-icon                                     ico;
    image/x-jng                                      jng;
    image/x-ms-bmp                                   bmp;

    font/woff                                        woff;
    font/woff2                                       woff2;

    application/java-archive                         jar war ear;
    application/json                                 json;
    application/mac-binhex40                         hqx;
    application/msword                               doc;
    application/pdf                                  pdf;
    application/postscript                           ps eps ai;
    application/rtf                                  rtf;
    application/vnd.apple.mpegurl                    m3u8;
    application/vnd.google-earth.kml+xml             kml;
    application/vnd.google-earth.kmz                 kmz;
    application/vnd.ms-excel                         xls;
    application/vnd.ms-fontobject                    eot;
    application/vnd.ms-powerpoint                    ppt;
    application/vnd.oasis.opendocument.graphics      odg;
    application/vnd.oasis.opendocument.presentation  odp;
    application/vnd.oasis.opendocument.spreadsheet   ods;
    application/vnd.oasis.opendocument.text          odt;
    application/vnd.openxmlformats-officedocument.presentationml.presentation
                                                     pptx;
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
                                                     xlsx;
    application/vnd.openxmlformats-officedocument.wordprocessingml.document
                                                     docx;
    application/vnd.wap.wmlc                         wmlc;
    application/wasm                                 wasm;
    application/x-7z-compressed                      7z;
    application/x-cocoa                              cco;
    application/x-java-archive-diff                  jardiff;
    application/x-java-jnlp-file                     jnlp;
    application/x-makeself                           run;
    application/x-perl                               pl pm;
    application/x-pilot                              prc pdb;
    application/x-rar-compressed                     rar;
    application/x-redhat-package-manager             rpm;
    application/x-sea                                sea;
    application/x-shockwave-flash                    swf;
    application/x-stuffit                            sit;
    application/x-tcl                                tcl tk;
    application/x-x509-ca-cert                       der pem crt;
    application/x-xpinstall                          xpi;
    application/xhtml+xml                            xhtml;
    application/xspf+xml                             xspf;
    application/zip                                  zip;

    application/octet-stream                         bin exe dll;
    application/octet-stream                         deb;
    application/octet-stream                         dmg;
    application/octet-stream                         iso img;
    application/octet-stream                         msi msp msm;

    audio/midi                                       mid midi kar;
    audio/mpeg                                       mp3;
    audio/ogg                                        ogg;
    audio/x-m4a                                      m4a;
    audio/x-realaudio                                ra;

    video/3gpp                                       3gpp 3gp;
    video/mp2t                                       ts;
    video/mp4                                        mp4;
    video/mpeg                                       mpeg mpg;
    video/quicktime                                  mov;
    video/webm                                       webm;
    video/x-flv                                      flv;
    video/x-m4v                                      m4v;
    video/x-mng                                      mng;
    video/x-ms-asf                                   asx asf;
    video/x-ms-wmv                                   wmv;
    video/x-msvideo                                  avi;
}
"""

FASTCGI_PARAMS = """
fastcgi_param  QUERY_STRING       $query_string;
fastcgi_param  REQUEST_METHOD     $request_method;
fastcgi_param  CONTENT_TYPE       $content_type;
fastcgi_param  CONTENT_LENGTH     $content_length;

fastcgi_param  SCRIPT_NAME        $fastcgi_script_name;
fastcgi_param  REQUEST_URI        $request_uri;
fastcgi_param  DOCUMENT_URI       $document_uri;
fastcgi_param  DOCUMENT_ROOT      $document_root;
fastcgi_param  SERVER_PROTOCOL    $server_protocol;
fastcgi_param  REQUEST_SCHEME     $scheme;
fastcgi_param  HTTPS              $https if_not_empty;

fastcgi_param  GATEWAY_INTERFACE  CGI/1.1;
fastcgi_param  SERVER_SOFTWARE    nginx/$nginx_version;

fastcgi_param  REMOTE_ADDR        $remote_addr;
fastcgi_param  REMOTE_PORT        $remote_port;
fastcgi_param  SERVER_ADDR        $server_addr;
fastcgi_param  SERVER_PORT        $server_port;
fastcgi_param  SERVER_NAME        $server_name;

# PHP only, required if PHP was built with --enable-force-cgi-redirect
fastcgi_param  REDIRECT_STATUS    200;
"""

SCGI_PARAMS = """
scgi_param  REQUEST_METHOD     $request_method;
scgi_param  REQUEST_URI        $request_uri;
scgi_param  QUERY_STRING       $query_string;
scgi_param  CONTENT_TYPE       $content_type;

scgi_param  DOCUMENT_URI       $document_uri;
scgi_param  DOCUMENT_ROOT      $document_root;
scgi_param  SCGI               1;
scgi_param  SERVER_PROTOCOL    $server_protocol;
scgi_param  REQUEST_SCHEME     $scheme;
scgi_param  HTTPS              $https if_not_empty;

scgi_param  REMOTE_ADDR        $remote_addr;
scgi_param  REMOTE_PORT        $remote_port;
scgi_param  SERVER_PORT        $server_port;
scgi_param  SERVER_NAME        $server_name;
"""

UWSGI_PARAMS = """
uwsgi_param  QUERY_STRING       $query_string;
uwsgi_param  REQUEST_METHOD     $request_method;
uwsgi_param  CONTENT_TYPE       $content_type;
uwsgi_param  CONTENT_LENGTH     $content_length;

uwsgi_param  REQUEST_URI        $request_uri;
uwsgi_param  PATH_INFO          $document_uri;
uwsgi_param  DOCUMENT_ROOT      $document_root;
uwsgi_param  SERVER_PROTOCOL    $server_protocol;
uwsgi_param  REQUEST_SCHEME     $scheme;
uwsgi_param  HTTPS              $https if_not_empty;

uwsgi_param  REMOTE_ADDR        $remote_addr;
uwsgi_param  REMOTE_PORT        $remote_port;
uwsgi_param  SERVER_PORT        $server_port;
uwsgi_param  SERVER_NAME        $server_name;
"""

# --------------------------------------------------------------------------- entrypoint scripts
# nginxinc/docker-nginx entrypoint/*, as in the 1.27.3 images.
DOCKER_ENTRYPOINT = """\
#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" -o "$1" = "nginx-debug" ]; then
    if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f";
                        . "$f"
                    else
                        # warn on shell scripts without exec bit
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f";
                        "$f"
                    else
                        # warn on shell scripts without exec bit
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *) entrypoint_log "$0: Ignoring $f";;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
"""

LISTEN_IPV6 = """\
#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename $0)
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"

# check if we have ipv6 available
if [ ! -f "/proc/net/if_inet6" ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi

if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi

# check if the file can be modified, e.g. not on a r/o filesystem
touch /$DEFAULT_CONF_FILE 2>/dev/null || { entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

# check if the file is already modified, e.g. on a container restart
grep -q "listen  \\[::]\\:80;" /$DEFAULT_CONF_FILE && { entrypoint_log "$ME: info: IPv6 listen already enabled"; exit 0; }

if [ -f "/etc/os-release" ]; then
    . /etc/os-release
else
    entrypoint_log "$ME: info: can not guess the operating system"
    exit 0
fi

entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"

case "$ID" in
    "debian")
        CHECKSUM=$(dpkg-query --show --showformat='${Conffiles}\\n' nginx | grep $DEFAULT_CONF_FILE | cut -d' ' -f 3)
        echo "$CHECKSUM  /$DEFAULT_CONF_FILE" | md5sum -c - >/dev/null 2>&1 || {
            entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
            exit 0
        }
        ;;
    "alpine")
        CHECKSUM=$(apk manifest nginx 2>/dev/null| grep $DEFAULT_CONF_FILE | cut -d' ' -f 1 | cut -d ':' -f 2)
        echo "$CHECKSUM  /$DEFAULT_CONF_FILE" | sha1sum -c - >/dev/null 2>&1 || {
            entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
            exit 0
        }
        ;;
    *)
        entrypoint_log "$ME: info: Unsupported distribution"
        exit 0
        ;;
esac

# enable ipv6 on default.conf listen sockets
sed -i -E 's,listen       80;,listen       80;\\n    listen  [::]:80;,' /$DEFAULT_CONF_FILE

entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"

exit 0
"""

LOCAL_RESOLVERS = """\
#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[ "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ] || return 0

NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {if ($2 ~ ":") {print "["$2"]"} else {print $2}}' /etc/resolv.conf)

NGINX_LOCAL_RESOLVERS="${NGINX_LOCAL_RESOLVERS% }"

export NGINX_LOCAL_RESOLVERS
"""

ENVSUBST = """\
#!/bin/sh

set -e

ME=$(basename "$0")

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

add_stream_block() {
  local conffile="/etc/nginx/nginx.conf"

  if grep -q -E "\\s*stream\\s*\\{" "$conffile"; then
    entrypoint_log "$ME: $conffile contains a stream block; include $stream_output_dir/*.conf to enable stream templates"
  else
    # check if the file can be modified, e.g. not on a r/o filesystem
    touch "$conffile" 2>/dev/null || { entrypoint_log "$ME: info: can not modify $conffile (read-only file system?)"; exit 0; }
    entrypoint_log "$ME: Appending stream block to $conffile to include $stream_output_dir/*.conf"
    cat << END >> "$conffile"
# added by "$ME" on "$(date)"
stream {
  include $stream_output_dir/*.conf;
}
END
  fi
}

auto_envsubst() {
  local template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
  local suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
  local output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
  local stream_suffix="${NGINX_ENVSUBST_STREAM_TEMPLATE_SUFFIX:-.stream-template}"
  local stream_output_dir="${NGINX_ENVSUBST_STREAM_OUTPUT_DIR:-/etc/nginx/stream-conf.d}"
  local filter="${NGINX_ENVSUBST_FILTER:-}"

  local template defined_envs relative_path output_path subdir
  defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \\"\\" } }" < /dev/null ))
  [ -d "$template_dir" ] || return 0
  if [ ! -w "$output_dir" ]; then
    entrypoint_log "$ME: ERROR: $template_dir exists, but $output_dir is not writable"
    return 0
  fi
  find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path="${template#"$template_dir/"}"
    output_path="$output_dir/${relative_path%"$suffix"}"
    subdir=$(dirname "$relative_path")
    # create a subdirectory where the template file exists
    mkdir -p "$output_dir/$subdir"
    entrypoint_log "$ME: Running envsubst on $template to $output_path"
    envsubst "$defined_envs" < "$template" > "$output_path"
  done

  # Print the first file with the stream suffix, this will be false if there are none
  if test -n "$(find "$template_dir" -name "*$stream_suffix" -print -quit)"; then
    mkdir -p "$stream_output_dir"
    if [ ! -w "$stream_output_dir" ]; then
      entrypoint_log "$ME: ERROR: $template_dir exists, but $stream_output_dir is not writable"
      return 0
    fi
    add_stream_block
    find "$template_dir" -follow -type f -name "*$stream_suffix" -print | while read -r template; do
      relative_path="${template#"$template_dir/"}"
      output_path="$stream_output_dir/${relative_path%"$stream_suffix"}"
      subdir=$(dirname "$relative_path")
      # create a subdirectory where the template file exists
      mkdir -p "$stream_output_dir/$subdir"
      entrypoint_log "$ME: Running envsubst on $template to $output_path"
      envsubst "$defined_envs" < "$template" > "$output_path"
    done
  fi
}

auto_envsubst

exit 0
"""

TUNE_WORKERS = """\
#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

LC_ALL=C
ME=$( basename "$0" )
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[ "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0

touch /etc/nginx/nginx.conf 2>/dev/null || { echo >&2 "$ME: error: can not modify /etc/nginx/nginx.conf (read-only file system?)"; exit 0; }

ceildiv() {
  num=$1
  div=$2
  echo $(( (num + div - 1) / div ))
}

get_cpuset() {
  cpusetroot=$1
  cpusetfile=$2
  ncpu=0
  [ -f "$cpusetroot/$cpusetfile" ] || return 1
  for token in $( tr ',' ' ' < "$cpusetroot/$cpusetfile" ); do
    case "$token" in
      *-*)
        count=$( seq $(echo "$token" | tr '-' ' ') | wc -l )
        ncpu=$(( ncpu+count ))
        ;;
      *)
        ncpu=$(( ncpu+1 ))
        ;;
    esac
  done
  echo "$ncpu"
}

get_quota() {
  cpuroot=$1
  ncpu=0
  [ -f "$cpuroot/cpu.cfs_quota_us" ] || return 1
  [ -f "$cpuroot/cpu.cfs_period_us" ] || return 1
  cfs_quota=$( cat "$cpuroot/cpu.cfs_quota_us" )
  cfs_period=$( cat "$cpuroot/cpu.cfs_period_us" )
  [ "$cfs_quota" = "-1" ] && return 1
  [ "$cfs_period" = "0" ] && return 1
  ncpu=$( ceildiv "$cfs_quota" "$cfs_period" )
  [ "$ncpu" -gt 0 ] || return 1
  echo "$ncpu"
}

get_quota_v2() {
  cpuroot=$1
  ncpu=0
  [ -f "$cpuroot/cpu.max" ] || return 1
  cfs_quota=$( cut -d' ' -f 1 < "$cpuroot/cpu.max" )
  cfs_period=$( cut -d' ' -f 2 < "$cpuroot/cpu.max" )
  [ "$cfs_quota" = "max" ] && return 1
  [ "$cfs_period" = "0" ] && return 1
  ncpu=$( ceildiv "$cfs_quota" "$cfs_period" )
  [ "$ncpu" -gt 0 ] || return 1
  echo "$ncpu"
}

get_cgroup_v1_path() {
  needle=$1
  found=
  foundroot=
  mountpoint=

  [ -r "/proc/self/mountinfo" ] || return 1
  [ -r "/proc/self/cgroup" ] || return 1

  while IFS= read -r line; do
    case "$needle" in
      "cpuset")
        case "$line" in
          *cpuset*)
            found=$( echo "$line" | cut -d ' ' -f 4,5 )
            break
            ;;
        esac
        ;;
      "cpu")
        case "$line" in
          *cpuset*)
            ;;
          *cpu,cpuacct*|*cpuacct,cpu|*cpuacct*|*cpu*)
            found=$( echo "$line" | cut -d ' ' -f 4,5 )
            break
            ;;
        esac
    esac
  done << __EOF__
$( grep -F -- '- cgroup ' /proc/self/mountinfo )
__EOF__

  while IFS= read -r line; do
    controller=$( echo "$line" | cut -d: -f 2 )
    case "$needle" in
      "cpuset")
        case "$controller" in
          cpuset)
            mountpoint=$( echo "$line" | cut -d: -f 3 )
            break
            ;;
        esac
        ;;
      "cpu")
        case "$controller" in
          cpu,cpuacct|cpuacct,cpu|cpuacct|cpu)
            mountpoint=$( echo "$line" | cut -d: -f 3 )
            break
            ;;
        esac
        ;;
    esac
done << __EOF__
$( grep -F -- 'cpu' /proc/self/cgroup )
__EOF__

  case "${found%% *}" in
    "/")
      foundroot="${found##* }$mountpoint"
      ;;
    "$mountpoint")
      foundroot="${found##* }"
      ;;
  esac
  echo "$foundroot"
}

get_cgroup_v2_path() {
  found=
  foundroot=
  mountpoint=

  [ -r "/proc/self/mountinfo" ] || return 1
  [ -r "/proc/self/cgroup" ] || return 1

  while IFS= read -r line; do
    found=$( echo "$line" | cut -d ' ' -f 4,5 )
  done << __EOF__
$( grep -F -- '- cgroup2 ' /proc/self/mountinfo )
__EOF__

  while IFS= read -r line; do
    mountpoint=$( echo "$line" | cut -d: -f 3 )
done << __EOF__
$( grep -F -- '0::' /proc/self/cgroup )
__EOF__

  case "${found%% *}" in
    "")
      return 1
      ;;
    "/")
      foundroot="${found##* }$mountpoint"
      ;;
    "$mountpoint")
      foundroot="${found##* }"
      ;;
  esac
  echo "$foundroot"
}

ncpu_online=$( getconf _NPROCESSORS_ONLN )
ncpu_cpuset=
ncpu_quota=
ncpu_cpuset_v2=
ncpu_quota_v2=

cpuset=$( get_cgroup_v1_path "cpuset" ) && ncpu_cpuset=$( get_cpuset "$cpuset" "cpuset.effective_cpus" ) || ncpu_cpuset=$ncpu_online
cpu=$( get_cgroup_v1_path "cpu" ) && ncpu_quota=$( get_quota "$cpu" ) || ncpu_quota=$ncpu_online
cgroup_v2=$( get_cgroup_v2_path ) && ncpu_cpuset_v2=$( get_cpuset "$cgroup_v2" "cpuset.cpus.effective" ) || ncpu_cpuset_v2=$ncpu_online
cgroup_v2=$( get_cgroup_v2_path ) && ncpu_quota_v2=$( get_quota_v2 "$cgroup_v2" ) || ncpu_quota_v2=$ncpu_online

ncpu=$( printf "%s\\n%s\\n%s\\n%s\\n%s\\n" \\
               "$ncpu_online" \\
               "$ncpu_cpuset" \\
               "$ncpu_quota" \\
               "$ncpu_cpuset_v2" \\
               "$ncpu_quota_v2" \\
               | sort -n \\
               | head -n 1 )

sed -i.bak -r 's/^(worker_processes)(.*)$/# Commented out by '"$ME"' on '"$(date)"'\\n#\\1\\2\\n\\1 '"$ncpu"';/' /etc/nginx/nginx.conf
"""

# (COPY source, destination dir, content), in Dockerfile order
COPIES = [
    ("docker-entrypoint.sh", "/", DOCKER_ENTRYPOINT),
    ("10-listen-on-ipv6-by-default.sh", "/docker-entrypoint.d", LISTEN_IPV6),
    ("15-local-resolvers.envsh", "/docker-entrypoint.d", LOCAL_RESOLVERS),
    ("20-envsubst-on-templates.sh", "/docker-entrypoint.d", ENVSUBST),
    ("30-tune-worker-processes.sh", "/docker-entrypoint.d", TUNE_WORKERS),
]

# (package, version, files: [(real, size, links)], short description, source, installed KiB)
LIBS = [
    ("libicu72", "72.1-3", [("libicudata.so.72.1", 30_765_000, ["libicudata.so.72"]),
                            ("libicuuc.so.72.1", 2_110_000, ["libicuuc.so.72"]),
                            ("libicui18n.so.72.1", 3_390_000, ["libicui18n.so.72"])],
     "International Components for Unicode", "icu"),
    ("libx265-199", "3.5-2+b1", [("libx265.so.199", 12_900_000, [])],
     "H.265/HEVC video stream encoder (shared library)", "x265"),
    ("libsvtav1enc1", "1.4.1+dfsg-1", [("libSvtAv1Enc.so.1.4.1", 7_280_000, ["libSvtAv1Enc.so.1"])],
     "Scalable Video Technology for AV1 (libsvtav1enc shared library)", "svt-av1"),
    ("libaom3", "3.6.0-1+deb12u1", [("libaom.so.3.6.0", 5_480_000, ["libaom.so.3"])],
     "AV1 Video Codec Library", "aom"),
    ("librav1e0", "0.5.1-6", [("librav1e.so.0.5.1", 3_210_000, ["librav1e.so.0"])],
     "Fastest and safest AV1 encoder - shared library", "rust-rav1e"),
    ("libdav1d6", "1.0.0-2+deb12u1", [("libdav1d.so.6.6.0", 1_800_000, ["libdav1d.so.6"])],
     "fast and small AV1 video stream decoder (shared library)", "dav1d"),
    ("libgav1-1", "0.18.0-1+b1", [("libgav1.so.1", 1_310_000, [])],
     "AV1 decoder developed by Google -- runtime library", "libgav1"),
    ("libabsl20220623", "20220623.1-1", [(f"libabsl_{n}.so.20220623.0.0", s, [])
                                          for n, s in (("base", 22000), ("cord", 120000),
                                                       ("flags_internal", 60000),
                                                       ("hash", 18000), ("int128", 16000),
                                                       ("log_severity", 14000),
                                                       ("raw_hash_set", 15000),
                                                       ("status", 110000), ("str_format_internal", 95000),
                                                       ("strings", 140000), ("symbolize", 40000),
                                                       ("synchronization", 75000),
                                                       ("time", 60000), ("time_zone", 110000))],
     "extensions to the C++ standard library", "abseil"),
    ("libheif1", "1.15.1-1+deb12u1", [("libheif.so.1.15.1", 1_020_000, ["libheif.so.1"])],
     "ISO/IEC 23008-12:2017 HEIF file format decoder - shared library", "libheif"),
    ("libde265-0", "1.0.11-1+deb12u2", [("libde265.so.0.1.1", 610_000, ["libde265.so.0"])],
     "Open H.265 video codec implementation", "libde265"),
    ("libavif15", "0.11.1-1", [("libavif.so.15.0.1", 250_000, ["libavif.so.15"])],
     "Library for handling .avif files", "libavif"),
    ("libyuv0", "0.0~git20230123.b2528b0-1", [("libyuv.so.0.0.1854", 510_000, ["libyuv.so.0"])],
     "Library for YUV scaling (shared library)", "libyuv"),
    ("libxml2", "2.9.14+dfsg-1.3~deb12u1", [("libxml2.so.2.9.14", 1_960_000, ["libxml2.so.2"])],
     "GNOME XML library", None),
    ("libxslt1.1", "1.1.35-1", [("libxslt.so.1.1.34", 254_000, ["libxslt.so.1"]),
                                ("libexslt.so.0.8.20", 76_000, ["libexslt.so.0"])],
     "XSLT 1.0 processing library - runtime library", "libxslt"),
    ("libx11-6", "2:1.8.4-2+deb12u2", [("libX11.so.6.4.0", 1_320_000, ["libX11.so.6"]),
                                        ("libX11-xcb.so.1.0.0", 14_000, ["libX11-xcb.so.1"])],
     "X11 client-side library", "libx11"),
    ("libfreetype6", "2.12.1+dfsg-5+deb12u3", [("libfreetype.so.6.18.3", 810_000, ["libfreetype.so.6"])],
     "FreeType 2 font engine, shared library files", "freetype"),
    ("libcurl4", "7.88.1-10+deb12u8", [("libcurl.so.4.8.0", 749_000, ["libcurl.so.4"])],
     "easy-to-use client-side URL transfer library (OpenSSL flavour)", "curl"),
    ("libldap-2.5-0", "2.5.13+dfsg-5", [("libldap-2.5.so.0.1.8", 380_000, ["libldap-2.5.so.0"]),
                                        ("liblber-2.5.so.0.1.8", 60_000, ["liblber-2.5.so.0"])],
     "OpenLDAP libraries", "openldap"),
    ("liblerc4", "4.0.0+ds-2", [("libLerc.so.4", 540_000, [])],
     "Limited Error Raster Compression library", "lerc"),
    ("libtiff6", "4.5.0-6+deb12u1", [("libtiff.so.6.0.0", 560_000, ["libtiff.so.6"])],
     "Tag Image File Format (TIFF) library", "tiff"),
    ("libjpeg62-turbo", "1:2.1.5-2", [("libjpeg.so.62.3.0", 450_000, ["libjpeg.so.62"])],
     "libjpeg-turbo JPEG runtime library", "libjpeg-turbo"),
    ("libgd3", "2.3.3-9", [("libgd.so.3.0.11", 410_000, ["libgd.so.3"])],
     "GD Graphics Library", "libgd2"),
    ("libwebp7", "1.2.4-0.2+deb12u1", [("libwebp.so.7.1.5", 420_000, ["libwebp.so.7"])],
     "Lossy compression of digital photographic images", "libwebp"),
    ("libfontconfig1", "2.14.1-4", [("libfontconfig.so.1.12.0", 300_000, ["libfontconfig.so.1"])],
     "generic font configuration library - runtime", "fontconfig"),
    ("libssh2-1", "1.10.0-3+b1", [("libssh2.so.1.0.1", 270_000, ["libssh2.so.1"])],
     "SSH2 client-side library", "libssh2"),
    ("libpng16-16", "1.6.39-2", [("libpng16.so.16.39.0", 220_000, ["libpng16.so.16"])],
     "PNG library - runtime (version 1.6)", "libpng1.6"),
    ("libexpat1", "2.5.0-1+deb12u1", [("libexpat.so.1.8.10", 190_000, ["libexpat.so.1"])],
     "XML parsing C library - runtime library", "expat"),
    ("libnghttp2-14", "1.52.0-1+deb12u2", [("libnghttp2.so.14.24.1", 170_000, ["libnghttp2.so.14"])],
     "library implementing HTTP/2 protocol (shared library)", "nghttp2"),
    ("libgeoip1", "1.6.12-10", [("libGeoIP.so.1.6.12", 150_000, ["libGeoIP.so.1"])],
     "non-DNS IP-to-country resolver library", "geoip"),
    ("libxcb1", "1.15-1", [("libxcb.so.1.1.0", 170_000, ["libxcb.so.1"])],
     "X C Binding", "libxcb"),
    ("libbsd0", "0.11.7-2", [("libbsd.so.0.11.7", 120_000, ["libbsd.so.0"])],
     "utility functions from BSD systems - shared library", "libbsd"),
    ("librtmp1", "2.4+20151223.gitfa8646d.1-2+b2", [("librtmp.so.1", 120_000, [])],
     "toolkit for RTMP streams (shared library)", "rtmpdump"),
    ("libsasl2-2", "2.1.28+dfsg-10", [("libsasl2.so.2.0.25", 110_000, ["libsasl2.so.2"])],
     "Cyrus SASL - authentication abstraction library", "cyrus-sasl2"),
    ("libdeflate0", "1.14-1", [("libdeflate.so.0", 100_000, [])],
     "fast, whole-buffer DEFLATE-based compression and decompression", "libdeflate"),
    ("libxpm4", "1:3.5.12-1.1+deb12u1", [("libXpm.so.4.11.0", 76_000, ["libXpm.so.4"])],
     "X11 pixmap library", "libxpm"),
    ("libpsl5", "0.21.2-1", [("libpsl.so.5.3.4", 72_000, ["libpsl.so.5"])],
     "Library for Public Suffix List (shared libraries)", "libpsl"),
    ("libjbig0", "2.1-6.1", [("libjbig.so.0", 60_000, [])],
     "JBIGkit libraries", "jbigkit"),
    ("libnuma1", "2.0.16-1", [("libnuma.so.1.0.0", 52_000, ["libnuma.so.1"])],
     "Libraries for controlling NUMA policy", "numactl"),
    ("libsharpyuv0", "1.2.4-0.2+deb12u1", [("libsharpyuv.so.0.0.0", 18_000, ["libsharpyuv.so.0"])],
     "Library for sharp RGB to YUV conversion", "libwebp"),
    ("libxdmcp6", "1:1.1.2-3", [("libXdmcp.so.6.0.0", 27_000, ["libXdmcp.so.6"])],
     "X11 Display Manager Control Protocol library", "libxdmcp"),
    ("libxau6", "1:1.0.9-1", [("libXau.so.6.0.0", 18_000, ["libXau.so.6"])],
     "X11 authorisation library", "libxau"),
]


def _install_layer():
    L = Layout(T, "nginx:1.27.3:install")
    pkgs: list[Pkg] = []
    # groupadd/useradd: the nginx user and group (uid/gid 101); backups written alongside
    base = debian.slim_state()
    day = 20081
    L.package(None)
    L.text("/etc/passwd", base["passwd"] + "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n")
    L.text("/etc/passwd-", base["passwd"])
    L.text("/etc/group", base["group"] + "nginx:x:101:\n")
    L.text("/etc/group-", base["group"])
    L.text("/etc/shadow", base["shadow"] + f"nginx:!:{day}::::::\n", mode=0o640, gid=42)
    L.text("/etc/shadow-", base["shadow"], mode=0o600)
    L.text("/etc/gshadow", base["gshadow"] + "nginx:!::\n", mode=0o640, gid=42)
    L.text("/etc/gshadow-", base["gshadow"], mode=0o600)
    L.blob("/etc/apt/keyrings/nginx-archive-keyring.gpg", 4418, mode=0o644)
    pkgs += lay_openssl(L)
    pkgs += lay_krb5(L)
    for name, version, files, short, source in LIBS:
        L.package(name)
        for real, size, links in files:
            lib(L, real, size, *links, bulk=size > 1_000_000)
        copyright(L, name)
        total = sum(s for _, s, _ in files)
        pkgs.append(Pkg(name, version, "amd64", "libs", "optional", False, total * 21 // 20480,
                        "Debian Multimedia Maintainers <debian-multimedia@lists.debian.org>"
                        if source in ("x265", "svt-av1", "aom", "rust-rav1e", "dav1d", "libgav1",
                                      "libheif", "libde265", "libavif")
                        else "Debian QA Group <packages@qa.debian.org>",
                        source, "", "libc6 (>= 2.34)", short,
                        short[0].upper() + short[1:] + "."))
    pkgs.append(simple_lib(L, "libsasl2-modules-db", "2.1.28+dfsg-10", "sasl2/libsasldb.so.2.0.25",
                           30_000, ["sasl2/libsasldb.so.2", "sasl2/libsasldb.so"],
                           "Cyrus SASL - pluggable authentication modules (DB)",
                           "Debian Cyrus Team <team+cyrus@tracker.debian.org>", "cyrus-sasl2"))
    L.package("libx11-data")
    for loc in ("C", "en_US.UTF-8", "iso8859-1", "iso8859-15", "ja_JP.UTF-8", "ko_KR.UTF-8",
                "zh_CN.UTF-8", "ru_RU.UTF-8", "el_GR.UTF-8", "pt_BR.UTF-8"):
        for f in ("Compose", "XI18N_OBJS", "XLC_LOCALE"):
            L.bulk(f"/usr/share/X11/locale/{loc}/{f}", 6000 + _h(loc + f) % 30000)
    for f, size in (("locale.alias", 90000), ("locale.dir", 64000), ("compose.dir", 48000)):
        L.bulk(f"/usr/share/X11/locale/{f}", size)
    L.bulk("/usr/share/X11/XErrorDB", 42000)
    L.blob("/usr/share/X11/Xcms.txt", 1500, mode=0o644)
    copyright(L, "libx11-data")
    pkgs.append(Pkg("libx11-data", "2:1.8.4-2+deb12u2", "all", "x11", "optional", False, 1550,
                    "Debian X Strike Force <debian-x@lists.debian.org>", "libx11", "", "",
                    "X11 client-side library", "This package provides the locale data files "
                    "for libx11.", multiarch="foreign"))
    L.package("fonts-dejavu-core")
    for font, size in (("DejaVuSans.ttf", 757076), ("DejaVuSans-Bold.ttf", 705684),
                       ("DejaVuSansMono.ttf", 340712), ("DejaVuSansMono-Bold.ttf", 331992),
                       ("DejaVuSerif.ttf", 380132), ("DejaVuSerif-Bold.ttf", 355692)):
        L.blob(f"/usr/share/fonts/truetype/dejavu/{font}", size, mode=0o644)
    for conf in ("20-unhint-small-dejavu-sans-mono.conf", "20-unhint-small-dejavu-sans.conf",
                 "20-unhint-small-dejavu-serif.conf", "57-dejavu-sans-mono.conf",
                 "57-dejavu-sans.conf", "57-dejavu-serif.conf"):
        L.bulk(f"/usr/share/fontconfig/conf.avail/{conf}", 1000 + _h(conf) % 2000)
        L.link(f"/usr/share/fontconfig/conf.avail/{conf}", f"/etc/fonts/conf.d/{conf}")
    copyright(L, "fonts-dejavu-core")
    pkgs.append(Pkg("fonts-dejavu-core", "2.37-6", "all", "fonts", "optional", False, 2954,
                    "Debian Fonts Task Force <debian-fonts@lists.debian.org>", "fonts-dejavu",
                    "", "", "Vera font family derivate with additional characters",
                    "DejaVu provides an expanded version of the Vera font family aiming for\n"
                    "quality and broader Unicode coverage.", multiarch="foreign"))
    L.package("fontconfig-config")
    L.bulk("/etc/fonts/fonts.conf", 2700)
    for conf in ("10-hinting-slight.conf", "10-scale-bitmap-fonts.conf", "10-sub-pixel-none.conf",
                 "10-yes-antialias.conf", "11-lcdfilter-default.conf", "20-unhint-small-vera.conf",
                 "30-metric-aliases.conf", "40-nonlatin.conf", "45-latin.conf", "49-sansserif.conf",
                 "50-user.conf", "51-local.conf", "60-latin.conf", "65-fonts-persian.conf",
                 "65-nonlatin.conf", "69-unifont.conf", "70-no-bitmaps.conf", "80-delicious.conf",
                 "90-synthetic.conf"):
        L.bulk(f"/usr/share/fontconfig/conf.avail/{conf}", 1200 + _h(conf) % 12000)
        L.link(f"/usr/share/fontconfig/conf.avail/{conf}", f"/etc/fonts/conf.d/{conf}")
    L.text("/etc/fonts/conf.d/README", "conf.d/README\n\nEach file in this directory is a "
           "fontconfig configuration file.  Fontconfig\nscans this directory, loading all files "
           "of the form [0-9][0-9]*.conf.\n")
    copyright(L, "fontconfig-config")
    pkgs.append(Pkg("fontconfig-config", "2.14.1-4", "amd64", "fonts", "optional", False, 992,
                    "Debian freedesktop.org maintainers <pkg-freedesktop-maintainers@lists."
                    "alioth.debian.org>", "fontconfig", "", "ucf (>= 0.29), fonts-dejavu-core "
                    "| ttf-bitstream-vera | fonts-liberation | fonts-liberation2 | fonts-croscore "
                    "| fonts-freefont-otf | fonts-freefont-ttf | fonts-urw-base35 | fonts-texgyre",
                    "generic font configuration library - configuration",
                    "Fontconfig is a font configuration and customization library, which\n"
                    "does not depend on the X Window System."))
    L.package("curl")
    L.blob("/usr/bin/curl", 302_240)
    copyright(L, "curl")
    pkgs.append(Pkg("curl", "7.88.1-10+deb12u8", "amd64", "web", "optional", False, None,
                    "Debian Curl Maintainers <team+curl@tracker.debian.org>", None, "",
                    "libc6 (>= 2.34), libcurl4 (= 7.88.1-10+deb12u8), zlib1g (>= 1:1.1.4)",
                    "command line tool for transferring data with URL syntax",
                    "curl is a command line tool for transferring data with URL syntax,\n"
                    "supporting DICT, FILE, FTP, FTPS, GOPHER, GOPHERS, HTTP, HTTPS, IMAP,\n"
                    "IMAPS, LDAP, LDAPS, MQTT, POP3, POP3S, RTMP, RTMPS, RTSP, SCP, SFTP,\n"
                    "SMB, SMBS, SMTP, SMTPS, TELNET and TFTP.",
                    extra={"Homepage": "https://curl.se/"}))
    L.package("gettext-base")
    for name, size in (("envsubst", 35_328), ("gettext", 35_336), ("ngettext", 35_336)):
        L.blob(f"/usr/bin/{name}", size)
    L.blob("/usr/bin/gettext.sh", 5188)
    copyright(L, "gettext-base")
    pkgs.append(Pkg("gettext-base", "0.21-12", "amd64", "utils", "standard", False, 335,
                    "Santiago Vila <sanvila@debian.org>", "gettext", "", "libc6 (>= 2.34)",
                    "GNU Internationalization utilities for the base system",
                    "This package includes the gettext and ngettext programs which allow\n"
                    "other packages to internationalize the messages given by shell scripts."))
    # ---------------------------------------------------------------- nginx itself
    L.package("nginx")
    L.bulk("/usr/sbin/nginx", 1_399_000, mode=0o755)
    L.bulk("/usr/sbin/nginx-debug", 1_468_000, mode=0o755)
    L.text("/etc/nginx/nginx.conf", NGINX_CONF)
    L.text("/etc/nginx/conf.d/default.conf", DEFAULT_CONF)
    L.text("/etc/nginx/mime.types", MIME_TYPES)
    L.text("/etc/nginx/fastcgi_params", FASTCGI_PARAMS)
    L.text("/etc/nginx/scgi_params", SCGI_PARAMS)
    L.text("/etc/nginx/uwsgi_params", UWSGI_PARAMS)
    L.link("/usr/lib/nginx/modules", "/etc/nginx/modules")
    L.text("/etc/default/nginx", "# Defaults for nginx initscript\n# sourced by "
           "/etc/init.d/nginx\n\n# Additional options that are passed to nginx\nDAEMON_ARGS=\"\""
           "\n")
    L.text("/etc/default/nginx-debug", "# Defaults for nginx initscript\n# sourced by "
           "/etc/init.d/nginx\n\n# Additional options that are passed to nginx\nDAEMON_ARGS=\"\""
           "\n")
    L.blob("/etc/init.d/nginx", 4579)
    L.blob("/etc/init.d/nginx-debug", 4615)
    L.text("/etc/logrotate.d/nginx", "/var/log/nginx/*.log {\n        daily\n        missingok"
           "\n        rotate 52\n        compress\n        delaycompress\n        notifempty\n"
           "        create 640 nginx adm\n        sharedscripts\n        postrotate\n"
           "                if [ -f /var/run/nginx.pid ]; then\n                        kill "
           "-USR1 `cat /var/run/nginx.pid`\n                fi\n        endscript\n}\n")
    L.text("/usr/share/nginx/html/index.html", INDEX_HTML)
    L.text("/usr/share/nginx/html/50x.html", ERROR_HTML)
    L.dir("/var/cache/nginx")
    L.dir("/var/log/nginx")
    L.dir("/usr/lib/nginx/modules")
    L.blob("/usr/lib/systemd/system/nginx.service", 437, mode=0o644)
    L.blob("/usr/lib/systemd/system/nginx-debug.service", 461, mode=0o644)
    copyright(L, "nginx")
    mods = {
        "nginx-module-geoip": [("ngx_http_geoip_module", 25_000), ("ngx_stream_geoip_module", 21_000)],
        "nginx-module-image-filter": [("ngx_http_image_filter_module", 34_000)],
        "nginx-module-njs": [("ngx_http_js_module", 2_060_000), ("ngx_stream_js_module", 2_010_000)],
        "nginx-module-xslt": [("ngx_http_xslt_filter_module", 29_000)],
    }
    for pkg, files in mods.items():
        L.package(pkg)
        for mod, size in files:
            for suffix, extra in (("", 0), ("-debug", size // 12)):
                path = f"/usr/lib/nginx/modules/{mod}{suffix}.so"
                if size > 1_000_000:
                    L.bulk(path, size + extra)
                else:
                    L.blob(path, size + extra, mode=0o644)
        copyright(L, pkg)
    L.package(None)
    L.link("/dev/stdout", "/var/log/nginx/access.log")
    L.link("/dev/stderr", "/var/log/nginx/error.log")
    L.dir("/docker-entrypoint.d")
    nginx_pkgs = [
        Pkg("nginx", f"{VERSION}-{REL}", "amd64", "httpd", "optional", False, 3374, MAINT, None,
            "", "libc6 (>= 2.28), libcrypt1 (>= 1:4.1.0), libpcre2-8-0 (>= 10.22), libssl3 "
            "(>= 3.0.0), zlib1g (>= 1:1.1.4), lsb-base (>= 3.0-6), adduser",
            "high performance web server",
            "nginx [engine x] is an HTTP and reverse proxy server, as well as\n"
            "a mail proxy server.", multiarch=None,
            extra={"Provides": "httpd, nginx-r1.27.3", "Conflicts": "nginx-common, nginx-core",
                   "Replaces": "nginx-common, nginx-core", "Homepage": "https://nginx.org"}),
        Pkg("nginx-module-geoip", f"{VERSION}-{REL}", "amd64", "httpd", "optional", False, 180,
            MAINT, None, "", f"libc6 (>= 2.14), libgeoip1 (>= 1.6.12), nginx (= {VERSION}-{REL})",
            "nginx GeoIP dynamic modules", "Dynamic GeoIP modules for nginx.",
            extra={"Homepage": "https://nginx.org"}),
        Pkg("nginx-module-image-filter", f"{VERSION}-{REL}", "amd64", "httpd", "optional",
            False, 140, MAINT, None, "", f"libc6 (>= 2.14), libgd3 (>= 2.1.0~alpha~), "
            f"nginx (= {VERSION}-{REL})", "nginx image filter dynamic module",
            "Dynamic image filter module for nginx.", extra={"Homepage": "https://nginx.org"}),
        Pkg("nginx-module-njs", f"{VERSION}+{NJS}-{REL}", "amd64", "httpd", "optional", False,
            8650, MAINT, None, "", f"libc6 (>= 2.34), libssl3 (>= 3.0.0), libxml2 (>= 2.7.4), "
            f"libxslt1.1 (>= 1.1.25), zlib1g (>= 1:1.1.4), nginx (= {VERSION}-{REL})",
            "nginx njs dynamic modules", "Dynamic modules for nginx: njs scripting language.",
            extra={"Homepage": "https://nginx.org"}),
        Pkg("nginx-module-xslt", f"{VERSION}-{REL}", "amd64", "httpd", "optional", False, 150,
            MAINT, None, "", f"libc6 (>= 2.14), libxml2 (>= 2.7.4), libxslt1.1 (>= 1.1.25), "
            f"nginx (= {VERSION}-{REL})", "nginx xslt dynamic module",
            "Dynamic xslt module for nginx.", extra={"Homepage": "https://nginx.org"}),
    ]
    pkgs += nginx_pkgs
    order = ["nginx", "nginx-module-xslt", "nginx-module-geoip", "nginx-module-image-filter",
             "nginx-module-njs", "gettext-base", "curl"]
    versions = {p.name: p.version for p in pkgs}
    rest = sorted(n for n in versions if n not in order)
    apt_logs(L, [(n, versions[n]) for n in order + rest],
             "apt-get install --no-install-recommends --no-install-suggests -y "
             f"nginx={VERSION}-{REL} nginx-module-xslt={VERSION}-{REL} "
             f"nginx-module-geoip={VERSION}-{REL} nginx-module-image-filter={VERSION}-{REL} "
             f"nginx-module-njs={VERSION}+{NJS}-{REL} gettext-base curl",
             [("ca-certificates/enable_crts", "", "ca-certificates"),
              ("ca-certificates/new_crts", "", "ca-certificates"),
              ("ca-certificates/title", "", "ca-certificates"),
              ("ca-certificates/trust_new_crts", "yes", "ca-certificates")])
    debian.write_status(L, pkgs)
    return L.finish(RUN_SIZE)


def _copy_layer(name: str, dest: str, content: str):
    def build():
        L = Layout(T, f"nginx:1.27.3:{name}")
        path = f"/{name}" if dest == "/" else f"{dest}/{name}"
        if dest != "/":
            L.dir(dest)
        L.text(path, content, mode=0o775)
        return L.finish(len(content.encode()))
    return build


# registry blob digests and sizes of the real amd64 layers (docker-library/repo-info)
INSTALL_LAYER = CatalogueLayer(
    key="nginx:1.27.3-bookworm#install", created_by=RUN_INSTALL, size_hint=RUN_SIZE,
    builder=_install_layer, compressed_size=43842081,
    digest="sha256:566e42bcee1cd697dcab6098c082789af33bc8cbcbaa95c8adbad87283c85c75")
_COPY_BLOBS = [
    ("sha256:2b99b9c5d9e5679c839357944d083c55c4c045e2cae21f84dfcfe5841e2ea59b", 627),
    ("sha256:bd98674871f548eff8a4e4f3d4aa1ba504320ccbabfb0a217c4ea5c23b6144fd", 957),
    ("sha256:1e109dd2a0d75eb2ab2491daec5b300e99027ffdd528998612b693f3347b97e4", 405),
    ("sha256:da8cc133ff821c8b0ac7a6667e3a2e70ee6eb04f850e38088f59720017a869db", 1210),
    ("sha256:c44f27309ea1a5e557aff07fbd5ece457d5cb85583f795b34f342d5550a08a5c", 1400),
]
COPY_LAYERS = [
    CatalogueLayer(key=f"nginx:1.27.3-bookworm#{name}",
                   created_by=f"COPY {name} {dest} # buildkit",
                   size_hint=len(content.encode()), builder=_copy_layer(name, dest, content),
                   digest=blob, compressed_size=csize)
    for (name, dest, content), (blob, csize) in zip(COPIES, _COPY_BLOBS)
]


def _history() -> list[dict]:
    c, k = CREATED, BUILDKIT
    h = [
        debian.base_history(c),
        hist(c, f"LABEL maintainer={MAINT}", True, k),
        hist(c, f"ENV NGINX_VERSION={VERSION}", True, k),
        hist(c, f"ENV NJS_VERSION={NJS}", True, k),
        hist(c, f"ENV NJS_RELEASE={REL}", True, k),
        hist(c, f"ENV PKG_RELEASE={REL}", True, k),
        hist(c, f"ENV DYNPKG_RELEASE={REL}", True, k),
        hist(c, RUN_INSTALL, False, k),
    ]
    h += [hist(c, layer.created_by, False, k) for layer in COPY_LAYERS]
    h += [
        hist(c, 'ENTRYPOINT ["/docker-entrypoint.sh"]', True, k),
        hist(c, "EXPOSE map[80/tcp:{}]", True, k),
        hist(c, "STOPSIGNAL SIGQUIT", True, k),
        hist(c, 'CMD ["nginx" "-g" "daemon off;"]', True, k),
    ]
    return h


register(CatalogueImage(
    repository="nginx", tag="latest", aliases=[],
    layers=[debian.SLIM_LAYER, INSTALL_LAYER, *COPY_LAYERS],
    config={
        "ExposedPorts": {"80/tcp": {}},
        "Env": [f"PATH={PATH}", f"NGINX_VERSION={VERSION}", f"NJS_VERSION={NJS}",
                f"NJS_RELEASE={REL}", f"PKG_RELEASE={REL}", f"DYNPKG_RELEASE={REL}"],
        "Entrypoint": ["/docker-entrypoint.sh"],
        "Cmd": ["nginx", "-g", "daemon off;"],
        "Labels": {"maintainer": MAINT},
        "StopSignal": "SIGQUIT",
    },
    history=_history(),
    created=CREATED,
    repo_digest="sha256:42e917aaa1b5bb40dd0f6f7f4f857490ac7747d7ef73b391c774a41a8b994f15",
    version_note=f"nginx {VERSION} (njs {NJS}) mainline on Debian {debian.DEBIAN_VERSION} "
                 f"bookworm-slim ({debian.SNAPSHOT})",
), ["latest", "1.27.3", "1.27", "1", "mainline", "bookworm", "1.27.3-bookworm",
    "1.27-bookworm", "1-bookworm", "mainline-bookworm"])
