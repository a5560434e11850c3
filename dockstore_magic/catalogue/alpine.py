"""``alpine`` (linux/amd64): the official image is one ``ADD alpine-minirootfs-….tar.gz /``.

Modelled: ``alpine:3.20.3`` (tags latest, 3.20, 3, 3.20.3; created 2024-09-06, 7.80 MB) and
``alpine:3.19.4`` (tags 3.19, 3.19.4; 7.40 MB).  The rootfs is musl + BusyBox: the applets
are symbolic links to ``/bin/busybox`` in /bin, /sbin, /usr/bin and /usr/sbin, as
``busybox --install -s`` lays them out; ``/lib/apk/db/installed`` lists the packages.
"""
from __future__ import annotations

import base64
import hashlib

from ._alpine_data import APPLETS, GROUP, PASSWD
from ._build import BUILDKIT, Layout, digest_of, epoch, hist
from .registry import CatalogueImage, CatalogueLayer, register


def _shadow() -> str:
    lines = []
    for entry in PASSWD.splitlines():
        name = entry.split(":", 1)[0]
        lines.append(f"{name}:{'*' if name == 'root' else '!'}::0:::::")
    return "\n".join(lines) + "\n"


PROFILE = """\
# Append our default paths
appendpath () {
	case ":$PATH:" in
		*:"$1":*)
			;;
		*)
			PATH="${PATH:+$PATH:}$1"
	esac
}

appendpath '/usr/local/sbin'
appendpath '/usr/local/bin'
appendpath '/usr/sbin'
appendpath '/usr/bin'
appendpath '/sbin'
appendpath '/bin'
unset -f appendpath

export PATH
export PAGER=less
umask 022

# set up fallback default PS1
: "${HOSTNAME:=$(hostname)}"
PS1='${HOSTNAME%%.*}:$PWD'
[ "$(id -u)" -eq 0 ] && PS1="${PS1}# " || PS1="${PS1}\\$ "

# use nicer PS1 for bash and busybox ash
[ -n "$BASH_VERSION" -o "$BB_ASH_VERSION" ] && PS1='\\h:\\w\\$ '

# use nicer PS1 for zsh
[ -n "$ZSH_VERSION" ] && PS1='%m:%~%# '

# export PS1 as before
export PS1

for script in /etc/profile.d/*.sh ; do
	if [ -r "$script" ] ; then
		. "$script"
	fi
done
unset script
"""

MOTD = """\
Welcome to Alpine!

The Alpine Wiki contains a large amount of how-to guides and general
information about administrating Alpine systems.
See <https://wiki.alpinelinux.org/>.

You can setup the system with the command: setup-alpine

You may change this message by editing /etc/motd.

"""

FSTAB = """\
/dev/cdrom	/media/cdrom	iso9660	noauto,ro 0 0
/dev/usbdisk	/media/usb	vfat	noauto,ro 0 0
"""

INITTAB = """\
# /etc/inittab

::sysinit:/sbin/openrc sysinit
::sysinit:/sbin/openrc boot
::wait:/sbin/openrc default

# Set up a couple of getty's
tty1::respawn:/sbin/getty 38400 tty1
tty2::respawn:/sbin/getty 38400 tty2
tty3::respawn:/sbin/getty 38400 tty3
tty4::respawn:/sbin/getty 38400 tty4
tty5::respawn:/sbin/getty 38400 tty5
tty6::respawn:/sbin/getty 38400 tty6

# Put a getty on the serial port
#ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100

# Stuff to do for the 3-finger salute
::ctrlaltdel:/sbin/reboot

# Stuff to do before rebooting
::shutdown:/sbin/openrc shutdown
"""

SERVICES = """\
# Network services, Internet style
#
# Note that it is presently the policy of IANA to assign a single well-known
# port number for both TCP and UDP; hence, officially ports have two entries
# even if the protocol doesn't support UDP operations.
#
# Updated from https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml .
#
# New ports will be added on request if they have been officially assigned
# by IANA and used in the real-world or are needed by a debian package.
# If you need a huge list of used numbers please install the nmap package.

tcpmux		1/tcp				# TCP port service multiplexer
echo		7/tcp
echo		7/udp
discard		9/tcp		sink null
discard		9/udp		sink null
systat		11/tcp		users
daytime		13/tcp
daytime		13/udp
netstat		15/tcp
chargen		19/tcp		ttytst source
chargen		19/udp		ttytst source
ftp-data	20/tcp
ftp		21/tcp
fsp		21/udp		fspd
ssh		22/tcp				# SSH Remote Login Protocol
telnet		23/tcp
smtp		25/tcp		mail
time		37/tcp		timserver
time		37/udp		timserver
whois		43/tcp		nicname
tacacs		49/tcp				# Login Host Protocol (TACACS)
tacacs		49/udp
domain		53/tcp				# Domain Name Server
domain		53/udp
bootps		67/udp
bootpc		68/udp
tftp		69/udp
gopher		70/tcp				# Internet Gopher
finger		79/tcp
http		80/tcp		www		# WorldWideWeb HTTP
kerberos	88/tcp		kerberos5 krb5 kerberos-sec	# Kerberos v5
kerberos	88/udp		kerberos5 krb5 kerberos-sec	# Kerberos v5
pop3		110/tcp		pop-3		# POP version 3
sunrpc		111/tcp		portmapper	# RPC 4.0 portmapper
sunrpc		111/udp		portmapper
auth		113/tcp		authentication tap ident
nntp		119/tcp		readnews untp	# USENET News Transfer Protocol
ntp		123/udp				# Network Time Protocol
epmap		135/tcp		loc-srv		# DCE endpoint resolution
netbios-ns	137/udp				# NETBIOS Name Service
netbios-dgm	138/udp				# NETBIOS Datagram Service
netbios-ssn	139/tcp				# NETBIOS session service
imap2		143/tcp		imap		# Interim Mail Access P 2 and 4
snmp		161/tcp				# Simple Net Mgmt Protocol
snmp		161/udp
snmp-trap	162/tcp		snmptrap	# Traps for SNMP
snmp-trap	162/udp		snmptrap
bgp		179/tcp				# Border Gateway Protocol
irc		194/tcp				# Internet Relay Chat
ldap		389/tcp				# Lightweight Directory Access Protocol
ldap		389/udp
https		443/tcp				# http protocol over TLS/SSL
https		443/udp				# HTTP/3
submissions	465/tcp		ssmtp smtps urd # Submission over TLS [RFC8314]
syslog		514/udp
submission	587/tcp				# Submission [RFC4409]
ldaps		636/tcp				# LDAP over SSL
ldaps		636/udp
rsync		873/tcp
imaps		993/tcp				# IMAP over SSL
pop3s		995/tcp				# POP-3 over SSL
mysql		3306/tcp
postgresql	5432/tcp	postgres	# PostgreSQL Database
redis		6379/tcp
"""

PROTOCOLS = """\
# Internet (IP) protocols
#
# Updated from http://www.iana.org/assignments/protocol-numbers and other
# sources.

ip	0	IP		# internet protocol, pseudo protocol number
hopopt	0	HOPOPT		# IPv6 Hop-by-Hop Option [RFC1883]
icmp	1	ICMP		# internet control message protocol
igmp	2	IGMP		# Internet Group Management
ggp	3	GGP		# gateway-gateway protocol
ipencap	4	IP-ENCAP	# IP encapsulated in IP (officially ``IP'')
st	5	ST		# ST datagram mode
tcp	6	TCP		# transmission control protocol
egp	8	EGP		# exterior gateway protocol
pup	12	PUP		# PARC universal packet protocol
udp	17	UDP		# user datagram protocol
hmp	20	HMP		# host monitoring protocol
ipv6	41	IPv6		# Internet Protocol, version 6
ipv6-route	43	IPv6-Route	# Routing Header for IPv6
ipv6-frag	44	IPv6-Frag	# Fragment Header for IPv6
gre	47	GRE		# General Routing Encapsulation
esp	50	IPSEC-ESP	# Encap Security Payload [RFC2406]
ah	51	IPSEC-AH	# Authentication Header [RFC2402]
ipv6-icmp	58	IPv6-ICMP	# ICMP for IPv6
ipv6-nonxt	59	IPv6-NoNxt	# No Next Header for IPv6
ipv6-opts	60	IPv6-Opts	# Destination Options for IPv6
sctp	132	SCTP		# Stream Control Transmission Protocol
udplite	136	UDPLite		# UDP-Lite [RFC3828]
"""

MODULES_LOAD = """\
af_packet
ipv6
"""

UDHCPC_CONF = """\
# Do not overwrite /etc/resolv.conf
#RESOLV_CONF="no"

# Only add nameserver to resolv.conf
#NO_DNS=yes
"""

SYSCTL_ALPINE = """\
# content of this file will override /etc/sysctl.d/*
net.ipv4.tcp_syncookies = 1
kernel.panic = 120

# Disable SysRq key
kernel.sysrq = 0
net.ipv4.conf.default.rp_filter = 1
net.ipv4.conf.all.rp_filter = 1
net.ipv4.ping_group_range=999 59999
"""

LOCALE_SH = """\
# LC_COLLATE is set separately, because the default (C) is more sensible for
# sorting than any other locale.
export CHARSET=${CHARSET:-UTF-8}
export LANG=${LANG:-C.UTF-8}
export LC_COLLATE=${LC_COLLATE:-C}
"""

COLOR_PROMPT = """\
# Setup a red prompt for root and a green one for users.
# rename this file to color_prompt.sh to actually enable it
NORMAL="\\[\\e[0m\\]"
RED="\\[\\e[1;31m\\]"
GREEN="\\[\\e[1;32m\\]"
if [ "$USER" = root ]; then
	PS1="$RED\\h [$NORMAL\\w$RED]# $NORMAL"
else
	PS1="$GREEN\\h [$NORMAL\\w$GREEN]\\$ $NORMAL"
fi
"""

KEYS_X86_64 = ["alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub",
               "alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub",
               "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub"]
KEYS_OTHER = ["alpine-devel@lists.alpinelinux.org-5243ef4b.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-524d27bb.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-58199dcc.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-58cbb476.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-58e4f17d.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-60ac2099.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-61666e3f.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-616a9724.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-616abc23.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-616ac3bc.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-616adfeb.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-616db30d.rsa.pub",
              "alpine-devel@lists.alpinelinux.org-66ba20fe.rsa.pub"]


# name, version, installed size (bytes), description, url, license, origin
def _packages(v: dict) -> list[tuple]:
    bb = v["busybox"]
    return [
        ("alpine-baselayout", v["baselayout"], v["is_baselayout"],
         "Alpine base dir structure and init scripts",
         "https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout", "GPL-2.0-only",
         "alpine-baselayout"),
        ("alpine-baselayout-data", v["baselayout"], 77824,
         "Alpine base dir structure and init scripts",
         "https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout", "GPL-2.0-only",
         "alpine-baselayout"),
        ("alpine-keys", "2.4-r1", 159744, "Public keys for Alpine Linux packages",
         "https://alpinelinux.org", "MIT", "alpine-keys"),
        ("apk-tools", v["apk"], 303104, "Alpine Package Keeper - package manager for alpine",
         "https://gitlab.alpinelinux.org/alpine/apk-tools", "GPL-2.0-only", "apk-tools"),
        ("busybox", bb, v["is_busybox"], "Size optimized toolbox of many common UNIX utilities",
         "https://busybox.net/", "GPL-2.0-only", "busybox"),
        ("busybox-binsh", bb, 8192, "busybox ash /bin/sh", "https://busybox.net/",
         "GPL-2.0-only", "busybox"),
        ("ca-certificates-bundle", v["ca"], 241664, "Pre generated bundle of Mozilla certificates",
         "https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/",
         "MPL-2.0 AND MIT", "ca-certificates"),
    ] + ([("libc-utils", "0.7.2-r5", 4096, "Meta package to pull in correct libc",
           "https://alpinelinux.org", "BSD-2-Clause AND BSD-3-Clause", "libc-dev")]
         if v.get("libc_utils") else []) + [
        ("libcrypto3", v["openssl"], v["is_crypto"], "Crypto library from openssl",
         "https://www.openssl.org/", "Apache-2.0", "openssl"),
        ("libssl3", v["openssl"], v["is_ssl"], "SSL shared libraries", "https://www.openssl.org/",
         "Apache-2.0", "openssl"),
        ("musl", v["musl"], 667648, "the musl c library (libc) implementation",
         "https://musl.libc.org/", "MIT", "musl"),
        ("musl-utils", v["musl"], 131072, "the musl c library (libc) implementation",
         "https://musl.libc.org/", "MIT AND BSD-2-Clause AND GPL-2.0-or-later", "musl"),
        ("scanelf", "1.3.7-r2", 81920, "Scan ELF binaries for stuff",
         "https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities", "GPL-2.0-only", "pax-utils"),
        ("ssl_client", bb, 28672, "EXternal ssl_client for busybox wget", "https://busybox.net/",
         "GPL-2.0-only", "busybox"),
        ("zlib", v["zlib"], 110592, "A compression/decompression Library", "https://zlib.net/",
         "Zlib", "zlib"),
    ]


def _q1(text: str) -> str:
    return "Q1" + base64.b64encode(hashlib.sha1(text.encode()).digest()).decode()


def _installed_db(v: dict, L: Layout, mtime: float) -> str:
    out = []
    for name, ver, size, desc, url, lic, origin in _packages(v):
        out += [f"C:{_q1(name + ver + 'control')}", f"P:{name}", f"V:{ver}", "A:x86_64",
                f"S:{max(2048, size // 3)}", f"I:{size}", f"T:{desc}", f"U:{url}", f"L:{lic}",
                f"o:{origin}", "m:Natanael Copa <ncopa@alpinelinux.org>" if origin != "openssl"
                else "m:Ariadne Conill <ariadne@dereferenced.org>", f"t:{int(mtime) - 86400}",
                f"c:{hashlib.sha1((origin + ver).encode()).hexdigest()}"]
        dirs: dict[str, list[str]] = {}
        for path in L.owned.get(name, []):
            st = L.fs.lstat(path)
            if st.is_dir:
                dirs.setdefault(path.lstrip("/"), [])
            else:
                d, base = path.rsplit("/", 1)
                dirs.setdefault(d.lstrip("/"), []).append(base)
        for d in sorted(dirs):
            out.append(f"F:{d}")
            for base in sorted(dirs[d]):
                out += [f"R:{base}", f"Z:{_q1(d + '/' + base + ver)}"]
        out.append("")
    return "\n".join(out) + "\n"


VERSIONS = {
    "3.20.3": dict(baselayout="3.6.5-r0", is_baselayout=315392, apk="2.14.4-r0",
                   busybox="1.36.1-r29", is_busybox=929792, ca="20240705-r0",
                   openssl="3.3.2-r0", is_crypto=4771840, is_ssl=819200, musl="1.2.5-r0",
                   zlib="1.3.1-r1", libc_utils=False, busybox_size=808712, crypto=4425456,
                   ssl=702104, ldmusl=662120, created="2024-09-06T12:05:36Z",
                   target=7_800_000, minor="3.20", blob_size=3623904,
                   blob="sha256:da9db072f522755cbeb85be2b3f84059b70571b229512f1571d9217b77e1087f", digest="sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a"),
    "3.19.4": dict(baselayout="3.4.3-r2", is_baselayout=331776, apk="2.14.4-r0",
                   busybox="1.36.1-r19", is_busybox=946176, ca="20240226-r0",
                   openssl="3.1.7-r0", is_crypto=4620288, is_ssl=561152,
                   musl="1.2.4_git20230717-r4", zlib="1.3.1-r0", libc_utils=True,
                   busybox_size=816936, crypto=4264752, ssl=598832, ldmusl=662120,
                   created="2024-09-06T22:20:13.531986494Z", target=7_400_000, minor="3.19",
                   digest=None),
}


def _rootfs(version: str):
    v = VERSIONS[version]
    mtime = epoch(v["created"])

    def build():
        L = Layout(mtime, f"alpine:{version}")
        # --- alpine-baselayout(-data): the skeleton
        L.package("alpine-baselayout")
        for d in ("/dev", "/home", "/media/cdrom", "/media/floppy", "/media/usb", "/mnt", "/opt",
                  "/proc", "/run", "/srv", "/sys", "/usr/local/bin", "/usr/local/lib",
                  "/usr/local/share", "/usr/share/man", "/usr/share/misc", "/var/cache",
                  "/var/empty", "/var/lib/misc", "/var/local", "/var/log", "/var/mail",
                  "/var/opt", "/var/spool/cron", "/etc/apk/protected_paths.d", "/etc/conf.d",
                  "/etc/crontabs", "/etc/init.d", "/etc/modprobe.d", "/etc/modules-load.d",
                  "/etc/opt", "/etc/periodic/15min", "/etc/periodic/daily",
                  "/etc/periodic/hourly", "/etc/periodic/monthly", "/etc/periodic/weekly",
                  "/etc/profile.d", "/etc/sysctl.d", "/lib/firmware", "/lib/modules-load.d",
                  "/lib/sysctl.d"):
            L.dir(d)
        L.dir("/root", 0o700)
        L.dir("/tmp", 0o1777)
        L.dir("/var/tmp", 0o1777)
        L.link("../run", "/var/run")
        L.link("../run/lock", "/var/lock")
        L.link("../../../etc/crontabs", "/var/spool/cron/crontabs")
        L.link("../../mail", "/var/spool/mail")
        L.text("/etc/crontabs/root", "# do daily/weekly/monthly maintenance\n"
               "# min\thour\tday\tmonth\tweekday\tcommand\n"
               "*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min\n"
               "0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly\n"
               "0\t2\t*\t*\t*\trun-parts /etc/periodic/daily\n"
               "0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly\n"
               "0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly\n\n", mode=0o600)
        L.text("/etc/profile", PROFILE)
        L.text("/etc/profile.d/README", "This directory should contain scripts that should be "
               "run at login.\nShell scripts should end with .sh and will be sourced.\n")
        L.text("/etc/profile.d/locale.sh", LOCALE_SH)
        L.text("/etc/profile.d/color_prompt.sh.disabled", COLOR_PROMPT)
        L.text("/etc/motd", MOTD)
        L.text("/etc/hostname", "localhost\n")
        L.text("/etc/hosts", "127.0.0.1\tlocalhost localhost.localdomain\n"
               "::1\t\tlocalhost localhost.localdomain\n")
        L.text("/etc/fstab", FSTAB)
        L.text("/etc/inittab", INITTAB)
        L.text("/etc/modules", "af_packet\nipv6\n")
        L.text("/etc/modprobe.d/aliases.conf", "# Aliases to tell insmod/modprobe which modules "
               "to use\n\nalias net-pf-1 unix\nalias net-pf-2 ipv4\nalias net-pf-10 ipv6\n")
        L.text("/etc/modprobe.d/blacklist.conf", "# garbage\nblacklist eth1394\n"
               "blacklist evbug\nblacklist usbmouse\nblacklist usbkbd\n")
        L.text("/etc/modprobe.d/i386.conf", "alias parport_lowlevel parport_pc\n"
               "alias char-major-10-135 rtc\n")
        L.text("/etc/modprobe.d/kms.conf", "options i915 modeset=1\noptions radeon modeset=1\n")
        L.text("/etc/modules-load.d/README", "This directory can contain config files listing "
               "modules to load at boot.\n")
        L.link("../proc/mounts", "/etc/mtab")
        L.text("/etc/nsswitch.conf", "# musl itself does not support NSS, however some third "
               "party DNS\n# implementations use the nsswitch.conf file to determine what "
               "\n# policy to follow.\n# Editing this file is not recommended.\n"
               "hosts: files dns\n")
        L.text("/etc/protocols", PROTOCOLS)
        L.text("/etc/services", SERVICES)
        L.text("/etc/shells", "# valid login shells\n/bin/sh\n/bin/ash\n")
        L.text("/etc/sysctl.conf", "# content of this file will override /etc/sysctl.d/*\n")
        L.text("/lib/sysctl.d/00-alpine.conf", SYSCTL_ALPINE)
        L.text("/etc/issue", f"Welcome to Alpine Linux {v['minor']}\nKernel \\r on an \\m "
               "(\\l)\n\n")
        L.text("/etc/alpine-release", f"{version}\n")
        L.text("/etc/os-release", f'NAME="Alpine Linux"\nID=alpine\nVERSION_ID={version}\n'
               f'PRETTY_NAME="Alpine Linux v{v["minor"]}"\nHOME_URL="https://alpinelinux.org/"\n'
               'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n')
        L.text("/etc/secfixes.d/alpine", "")
        L.blob("/sbin/mkmntdirs", 14024)
        L.package("alpine-baselayout-data")
        L.text("/etc/group", GROUP)
        L.text("/etc/passwd", PASSWD)
        L.text("/etc/shadow", _shadow(), mode=0o640, gid=42)
        # --- alpine-keys
        L.package("alpine-keys")
        for k in KEYS_X86_64:
            L.blob(f"/etc/apk/keys/{k}", 451, mode=0o644)
        for k in KEYS_X86_64 + KEYS_OTHER:
            L.blob(f"/usr/share/apk/keys/{k}", 451 if k in KEYS_X86_64 else 800, mode=0o644,
                   seed=f"alpine-keys:{k}")
        L.dir("/usr/share/apk/keys/x86_64")
        for k in KEYS_X86_64:
            L.link(f"../{k}", f"/usr/share/apk/keys/x86_64/{k}")
        # --- musl
        L.package("musl")
        L.blob("/lib/ld-musl-x86_64.so.1", v["ldmusl"])
        L.link("ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1")
        L.package("musl-utils")
        L.blob("/sbin/ldconfig", 393, mode=0o755)
        for name, size in (("getconf", 34568), ("getent", 47944), ("iconv", 22104)):
            L.blob(f"/usr/bin/{name}", size)
        L.link("/lib/ld-musl-x86_64.so.1", "/usr/bin/ldd")
        # --- zlib, openssl
        L.package("zlib")
        L.blob("/lib/libz.so.1.3.1", 100216)
        L.link("libz.so.1.3.1", "/lib/libz.so.1")
        L.package("libcrypto3")
        L.bulk("/usr/lib/libcrypto.so.3", v["crypto"], mode=0o755)
        L.link("../../usr/lib/libcrypto.so.3", "/lib/libcrypto.so.3")
        for eng, size in (("afalg.so", 22280), ("capi.so", 14248), ("loader_attic.so", 67816),
                          ("padlock.so", 14176)):
            L.blob(f"/usr/lib/engines-3/{eng}", size)
        L.blob("/usr/lib/ossl-modules/legacy.so", 153408)
        L.text("/etc/ssl/ct_log_list.cnf", "# This file specifies the Certificate Transparency "
               "logs\n# that are to be trusted.\n\n# Google's list of logs can be found here:\n#"
               "       www.certificate-transparency.org/known-logs\n# Arbitrary logs can be "
               "added\n")
        L.bulk("/etc/ssl/openssl.cnf", 12411)
        L.bulk("/etc/ssl/openssl.cnf.dist", 12411)
        L.blob("/etc/ssl/misc/CA.pl", 8062)
        L.blob("/etc/ssl/misc/tsget.pl", 6743)
        L.link("tsget.pl", "/etc/ssl/misc/tsget")
        L.dir("/etc/ssl/private", 0o700)
        L.package("libssl3")
        L.bulk("/usr/lib/libssl.so.3", v["ssl"], mode=0o755)
        L.link("../../usr/lib/libssl.so.3", "/lib/libssl.so.3")
        L.package("ca-certificates-bundle")
        L.bulk("/etc/ssl/certs/ca-certificates.crt", 223000)
        L.link("certs/ca-certificates.crt", "/etc/ssl/cert.pem")
        L.dir("/etc/ssl1.1")
        L.link("../ssl/cert.pem", "/etc/ssl1.1/cert.pem")
        L.link("../ssl/certs", "/etc/ssl1.1/certs")
        # --- busybox: one binary, applets as symlinks
        L.package("busybox")
        L.bulk("/bin/busybox", v["busybox_size"], mode=0o755)
        paths = []
        for d, names in APPLETS.items():
            for name in names.split():
                if name == "sh":
                    continue
                L.link("/bin/busybox", f"{d}/{name}")
                paths.append(f"{d}/{name}")
        L.text("/etc/busybox-paths.d/busybox", "".join(
            p.lstrip("/") + "\n" for p in sorted(paths + ["/bin/sh"])))
        L.text("/etc/logrotate.d/acpid", "/var/log/acpid.log {\n\tmissingok\n\tnotifempty\n"
               "\tsharedscripts\n\tpostrotate\n\t\t/etc/init.d/acpid --ifstarted restart || "
               "true\n\tendscript\n}\n")
        L.text("/etc/securetty", "".join(f"{t}\n" for t in
               ["console", "tty1", "tty2", "tty3", "tty4", "tty5", "tty6", "tty7", "tty8",
                "tty9", "tty10", "tty11", "ttyS0", "ttyS1", "ttyS2", "ttyS3", "hvc0", "hvc1",
                "ttyAMA0", "ttyUSB0"]))
        L.text("/etc/udhcpc/udhcpc.conf", UDHCPC_CONF)
        L.blob("/usr/share/udhcpc/default.script", 3527, mode=0o755)
        L.dir("/var/lib/udhcpd")
        L.package("busybox-binsh")
        L.link("/bin/busybox", "/bin/sh")
        L.package("ssl_client")
        L.blob("/usr/bin/ssl_client", 14232)
        L.package("scanelf")
        L.blob("/usr/bin/scanelf", 75744)
        # --- apk-tools
        L.package("apk-tools")
        L.blob("/sbin/apk", 71216)
        L.blob(f"/lib/libapk.so.{v['apk'].split('-')[0]}", 223048)
        L.text("/etc/apk/arch", "x86_64\n")
        L.text("/etc/apk/repositories",
               f"https://dl-cdn.alpinelinux.org/alpine/v{v['minor']}/main\n"
               f"https://dl-cdn.alpinelinux.org/alpine/v{v['minor']}/community\n")
        world = ["alpine-baselayout", "alpine-keys", "apk-tools", "busybox",
                 "ca-certificates-bundle"] + (["libc-utils"] if v["libc_utils"] else []) \
            + ["ssl_client"]
        L.text("/etc/apk/world", "".join(f"{w}\n" for w in world))
        L.package(None)
        L.dir("/lib/apk/exec")
        L.dir("/var/cache/apk")
        L.dir("/var/cache/misc")
        L.empty("/lib/apk/db/lock", mode=0o600)
        L.text("/lib/apk/db/triggers", "Q1BiG5v3yVdQeAmM+o6vX6WbNAU+I= /bin /usr/bin /sbin "
               "/usr/sbin /lib /usr/lib\n")
        L.bulk("/lib/apk/db/scripts.tar", 10240)
        L.text("/lib/apk/db/installed", _installed_db(v, L, mtime))
        return L.finish(v["target"])
    return build


def _image(version: str, tags: list[str]) -> None:
    v = VERSIONS[version]
    created = v["created"]
    add = f"ADD alpine-minirootfs-{version}-x86_64.tar.gz / # buildkit"
    layer = CatalogueLayer(key=f"alpine:{version}", created_by=add, size_hint=v["target"],
                           builder=_rootfs(version), digest=v.get("blob", ""),
                           compressed_size=v.get("blob_size", 0))
    image = CatalogueImage(
        repository="alpine", tag=tags[0], aliases=tags[1:], layers=[layer],
        config={
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["/bin/sh"],
        },
        history=[hist(created, add, comment=BUILDKIT),
                 hist(created, 'CMD ["/bin/sh"]', empty=True, comment=BUILDKIT)],
        created=created,
        repo_digest=v["digest"] or digest_of(f"alpine:{version} manifest index"),
        version_note=f"Alpine Linux {version} minirootfs (musl {v['musl']}, "
                     f"busybox {v['busybox']})",
    )
    register(image, tags)


_image("3.20.3", ["latest", "3.20.3", "3.20", "3"])
_image("3.19.4", ["3.19.4", "3.19"])
