"""``debian`` (linux/amd64): one layer made by debuerreotype.

Modelled: ``debian:bookworm-20241223`` (Debian 12.8; tags latest, bookworm, 12, 12.8, stable,
bookworm-20241223; 117 MB) and its ``-slim`` variant (74.8 MB), both created
2024-12-23T00:00:00Z, history ``# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'``
(comment ``debuerreotype 0.15``).  The slim layer is the base of ``python:3.12.8-slim`` and
``nginx:1.27.3`` (same diffID in reality), and is built here by one shared builder.

The tree is merged-/usr (``/bin -> usr/bin`` …), with the real essential package set (88
packages, dpkg status and info lists generated from what is laid out), real texts for the
configuration files people look at, and fillers of realistic size for binaries, libraries,
gconv modules, perl modules, debconf templates, and (non-slim) docs, man pages and
translations.  The slim variant differs exactly as in reality: no /usr/share/{doc (but
copyright files), man, locale, info, lintian}, plus ``/etc/dpkg/dpkg.cfg.d/docker``.
"""
from __future__ import annotations

import functools
import hashlib

from . import _debian_data as D
from ._build import ML, Layout, digest_of, hist, lib as _lib
from ._dpkg import Pkg, write_db
from .registry import CatalogueImage, CatalogueLayer, register

SNAPSHOT = "20241223"
CREATED = "2024-12-23T00:00:00Z"
EPOCH = 1734912000
DEBIAN_VERSION = "12.8"
CREATED_BY = f"# debian.sh --arch 'amd64' out/ 'bookworm' '@{EPOCH}'"
COMMENT = "debuerreotype 0.15"
SLIM_SIZE = 74_830_000          # docker images: 74.8MB (repo-info: "~ 74.83 Mb")
FULL_SIZE = 116_950_000         # docker images: 117MB


def packages() -> list[Pkg]:
    return [Pkg.from_tuple(t) for t in D.BOOKWORM]


def _shadow(passwd: str, day: int) -> str:
    out = []
    for line in passwd.splitlines():
        name = line.split(":", 1)[0]
        out.append(f"{name}:*:{day}:0:99999:7:::")
    return "\n".join(out) + "\n"


def _gshadow(group: str) -> str:
    return "".join(f"{line.split(':', 1)[0]}:*::\n" for line in group.splitlines())


def _bins(L: Layout, d: str, table: dict, mode: int = 0o755) -> None:
    for name, size in table.items():
        L.blob(f"{d}/{name}", size, mode=mode)


def _script(L: Layout, path: str, text: str) -> None:
    L.text(path, text, mode=0o755)


def _lay_e2fsprogs(L: Layout) -> None:
    L.package("e2fsprogs")
    _bins(L, "/usr/sbin", {"badblocks": 35432, "debugfs": 230104, "dumpe2fs": 35392,
                           "e2freefrag": 14560, "e2fsck": 367304, "e2image": 47328,
                           "e2undo": 22832, "e4crypt": 26864, "e4defrag": 26936,
                           "filefrag": 18952, "mke2fs": 133296, "mklost+found": 14472,
                           "resize2fs": 76304, "tune2fs": 117144})
    for alias in ("fsck.ext2", "fsck.ext3", "fsck.ext4"):
        L.hardlink("/usr/sbin/e2fsck", f"/usr/sbin/{alias}")
    for alias in ("mkfs.ext2", "mkfs.ext3", "mkfs.ext4"):
        L.hardlink("/usr/sbin/mke2fs", f"/usr/sbin/{alias}")
    L.link("tune2fs", "/usr/sbin/e2label")
    L.link("dumpe2fs", "/usr/sbin/e2mmpstatus")
    _bins(L, "/usr/bin", {"chattr": 14624, "lsattr": 14568})
    L.blob("/usr/sbin/e2scrub", 7296)
    L.blob("/usr/sbin/e2scrub_all", 5396)
    L.text("/etc/mke2fs.conf", "[defaults]\n\tbase_features = sparse_super,large_file,"
           "filetype,resize_inode,dir_index,ext_attr\n\tdefault_mntopts = acl,user_xattr\n"
           "\tenable_periodic_fsck = 0\n\tblocksize = 4096\n\tinode_size = 256\n"
           "\tinode_ratio = 16384\n\n[fs_types]\n\text3 = {\n\t\tfeatures = has_journal\n\t}\n"
           "\text4 = {\n\t\tfeatures = has_journal,extent,huge_file,flex_bg,metadata_csum,"
           "64bit,dir_nlink,extra_isize\n\t}\n\tsmall = {\n\t\tinode_ratio = 4096\n\t}\n"
           "\tfloppy = {\n\t\tinode_ratio = 8192\n\t}\n\tbig = {\n\t\tinode_ratio = 32768\n"
           "\t}\n\thuge = {\n\t\tinode_ratio = 65536\n\t}\n\tnews = {\n\t\tinode_ratio = 4096"
           "\n\t}\n\tlargefile = {\n\t\tinode_ratio = 1048576\n\t\tblocksize = -1\n\t}\n"
           "\tlargefile4 = {\n\t\tinode_ratio = 4194304\n\t\tblocksize = -1\n\t}\n\thurd = {\n"
           "\t     blocksize = 4096\n\t     inode_size = 128\n\t     warn_y2038_dates = 0\n\t}\n")
    L.text("/etc/e2scrub.conf", "# e2scrub configuration file\n\n# Snapshots will be "
           "created with this much space reserved.\n# snap_size_mb=256\n\n# Set this to 1 to "
           "enable fstrim for the mountpoint after a\n# successful e2scrub run.\n# "
           "fstrim=0\n\n# Arguments passed into e2fsck.\n# e2fsck_opts=\"-vtt\"\n\n# Set this "
           "to 1 to have e2scrub_all scrub all LVs, not just the mounted ones.\n# "
           "scrub_all=0\n")
    L.text("/etc/cron.d/e2scrub_all", "30 3 * * 0 root test -e /run/systemd/system || "
           "SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron\n10 3 * * * "
           "root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r\n")
    L.blob(f"{ML}/e2fsprogs/e2scrub_all_cron", 1978)
    L.blob(f"{ML}/e2fsprogs/e2scrub_fail", 1412)
    L.package("logsave")
    L.blob("/usr/sbin/logsave", 14648)


class Distro:
    """What differs between the Debian-family rootfs this module lays out."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


BOOKWORM = Distro(
    debian_version=DEBIAN_VERSION + "\n", os_release=D.OS_RELEASE,
    issue="Debian GNU/Linux 12 \\n \\l\n\n", issue_net="Debian GNU/Linux 12\n", motd=D.MOTD,
    passwd=D.PASSWD, group=D.GROUP, day=EPOCH // 86400, vendor="Debian",
    origins="Vendor: Debian\nVendor-URL: https://www.debian.org/\nBugs: debbugs://bugs.debian.org\n",
    sources=[("/etc/apt/sources.list.d/debian.sources",
              D.DEBIAN_SOURCES.format(snap=f"{SNAPSHOT}T000000Z", suite="bookworm"))],
    excludes=("docker", D.DPKG_SLIM), packages=lambda: packages(), e2fsprogs=True,
    keyring="debian-archive-keyring", extra=None, drop=set(), rename={})


def lay_bookworm(L: Layout, full: bool, X: Distro = BOOKWORM) -> None:
    """Everything debootstrap + debuerreotype put in debian:bookworm(-slim) (or, with another
    :class:`Distro`, in an Ubuntu rootfs laid out the same way)."""
    # ------------------------------------------------------------------ skeleton
    L.package("base-files")
    for d in ("/boot", "/dev", "/etc", "/home", "/media", "/mnt", "/opt", "/proc", "/srv",
              "/sys", "/usr/bin", "/usr/games", "/usr/include", "/usr/lib", "/usr/lib64",
              "/usr/libexec", "/usr/sbin", "/usr/share", "/usr/src", "/usr/local/bin",
              "/usr/local/etc", "/usr/local/games", "/usr/local/include", "/usr/local/lib",
              "/usr/local/sbin", "/usr/local/share", "/usr/local/src", "/var/backups",
              "/var/cache", "/var/lib", "/var/local", "/var/log", "/var/opt", "/var/spool",
              "/run"):
        L.dir(d)
    L.link("share/man", "/usr/local/man")
    L.dir("/root", 0o700)
    L.dir("/tmp", 0o1777)
    L.dir("/var/tmp", 0o1777)
    L.dir("/run/lock", 0o1777)
    L.dir("/var/mail", 0o2775, 0, 8)
    L.link("/run", "/var/run")
    L.link("/run/lock", "/var/lock")
    L.package("usr-is-merged")
    for name in ("bin", "lib", "lib64", "sbin"):
        L.link(f"usr/{name}", f"/{name}")
    L.package("base-files")
    L.text("/etc/debian_version", X.debian_version)
    L.text("/usr/lib/os-release", X.os_release)
    L.link("../usr/lib/os-release", "/etc/os-release")
    L.text("/etc/issue", X.issue)
    L.text("/etc/issue.net", X.issue_net)
    if X.motd is not None:
        L.text("/etc/motd", X.motd)
    L.text("/etc/host.conf", D.HOST_CONF)
    L.text("/etc/profile", D.PROFILE)
    L.dir("/etc/profile.d")
    L.text(f"/etc/dpkg/origins/{X.vendor.lower()}", X.origins)
    L.link(X.vendor.lower(), "/etc/dpkg/origins/default")
    _script(L, "/etc/update-motd.d/10-uname", "#!/bin/sh\nuname -snrvm\n")
    for name, text in (("dot.bashrc", D.ROOT_BASHRC), ("dot.profile", D.ROOT_PROFILE),
                       ("motd", X.motd or ""), ("profile", D.PROFILE)):
        L.text(f"/usr/share/base-files/{name}", text)
    L.text("/usr/share/base-files/info.dir", "This is the file .../info/dir, which contains "
           "the\ntopmost node of the Info hierarchy, called (dir)Top.\n")
    L.text("/usr/share/base-files/staff-group-for-usr-local", "")
    for lic, size in (("Apache-2.0", 11358), ("Artistic", 6111), ("BSD", 1499),
                      ("CC0-1.0", 7048), ("GFDL-1.2", 20209), ("GFDL-1.3", 22949),
                      ("GPL-1", 12904), ("GPL-2", 18092), ("GPL-3", 35149),
                      ("LGPL-2", 25383), ("LGPL-2.1", 26530), ("LGPL-3", 7651),
                      ("MPL-1.1", 25755), ("MPL-2.0", 16726)):
        L.blob(f"/usr/share/common-licenses/{lic}", size, mode=0o644)
    for alias, real in (("GFDL", "GFDL-1.3"), ("GPL", "GPL-3"), ("LGPL", "LGPL-3")):
        L.link(real, f"/usr/share/common-licenses/{alias}")
    L.text("/root/.bashrc", D.ROOT_BASHRC)
    L.text("/root/.profile", D.ROOT_PROFILE)
    L.text("/etc/fstab", "# UNCONFIGURED FSTAB FOR BASE SYSTEM\n")
    # ------------------------------------------------------------------ users
    L.package("base-passwd")
    L.blob("/usr/sbin/update-passwd", 35760)
    L.text("/usr/share/base-passwd/passwd.master", D.PASSWD.replace(
        "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n", ""))
    L.text("/usr/share/base-passwd/group.master", D.GROUP)
    L.package(None)
    day = X.day
    L.text("/etc/passwd", X.passwd)
    L.text("/etc/passwd-", X.passwd)
    L.text("/etc/group", X.group)
    L.text("/etc/group-", X.group)
    L.text("/etc/shadow", _shadow(X.passwd, day), mode=0o640, gid=42)
    L.text("/etc/shadow-", _shadow(X.passwd, day), mode=0o600)
    L.text("/etc/gshadow", _gshadow(X.group), mode=0o640, gid=42)
    L.text("/etc/gshadow-", _gshadow(X.group), mode=0o600)
    L.empty("/etc/subuid")
    L.empty("/etc/subgid")
    L.empty("/etc/environment")
    L.link("/usr/share/zoneinfo/Etc/UTC", "/etc/localtime")
    # ------------------------------------------------------------------ shells
    L.package("bash")
    L.blob("/usr/bin/bash", 1265648)
    L.link("bash", "/usr/bin/rbash")
    L.blob("/usr/bin/bashbug", 7185)
    L.blob("/usr/bin/clear_console", 14568)
    L.text("/etc/bash.bashrc", D.BASH_BASHRC)
    L.text("/etc/skel/.bash_logout", D.SKEL_BASH_LOGOUT)
    L.text("/etc/skel/.bashrc", D.SKEL_BASHRC)
    L.text("/etc/skel/.profile", D.SKEL_PROFILE)
    L.package("dash")
    L.blob("/usr/bin/dash", 125560)
    L.link("dash", "/usr/bin/sh")
    L.package(None)
    L.text("/etc/shells", D.SHELLS)
    # ------------------------------------------------------------------ core utilities
    L.package("coreutils")
    _bins(L, "/usr/bin", D.COREUTILS)
    L.blob("/usr/sbin/chroot", 39768)
    L.blob("/usr/libexec/coreutils/libstdbuf.so", 14464, mode=0o644)
    L.package("findutils")
    L.blob("/usr/bin/find", 224848)
    L.blob("/usr/bin/xargs", 68512)
    L.package("grep")
    L.blob("/usr/bin/grep", 203152)
    for cmd, opt in (("egrep", "-E"), ("fgrep", "-F")):
        _script(L, f"/usr/bin/{cmd}", f'#!/bin/sh\ncmd=${{0##*/}}\necho "$cmd: warning: $cmd '
                f'is obsolescent; using grep {opt}" >&2\nexec grep {opt} "$@"\n')
    _script(L, "/usr/bin/rgrep", '#!/bin/sh\nexec grep -r "$@"\n')
    L.package("sed")
    L.blob("/usr/bin/sed", 121288)
    L.package("gzip")
    L.blob("/usr/bin/gzip", 98136)
    for name, size in (("gunzip", 2346), ("gzexe", 6447), ("zcat", 1984), ("zcmp", 1677),
                       ("zdiff", 6460), ("zegrep", 29), ("zfgrep", 29), ("zforce", 2081),
                       ("zgrep", 8103), ("zless", 2206), ("zmore", 1842), ("znew", 4577)):
        L.blob(f"/usr/bin/{name}", size)
    L.hardlink("/usr/bin/gunzip", "/usr/bin/uncompress")
    L.package("tar")
    L.blob("/usr/bin/tar", 527040)
    L.blob("/usr/sbin/rmt-tar", 59792)
    L.blob("/usr/sbin/tarcat", 936)
    L.link("/usr/sbin/rmt-tar", "/etc/alternatives/rmt")
    L.link("/etc/alternatives/rmt", "/usr/sbin/rmt")
    L.package("diffutils")
    _bins(L, "/usr/bin", {"cmp": 43816, "diff": 162872, "diff3": 55560, "sdiff": 47720})
    L.package("mawk")
    L.blob("/usr/bin/mawk", 166584)
    L.link("/usr/bin/mawk", "/etc/alternatives/awk")
    L.link("/usr/bin/mawk", "/etc/alternatives/nawk")
    L.link("/etc/alternatives/awk", "/usr/bin/awk")
    L.link("/etc/alternatives/nawk", "/usr/bin/nawk")
    L.package("hostname")
    L.blob("/usr/bin/hostname", 22616)
    for alias in ("dnsdomainname", "domainname", "nisdomainname", "ypdomainname"):
        L.link("hostname", f"/usr/bin/{alias}")
    L.package("debianutils")
    _bins(L, "/usr/bin", {"ischroot": 14480, "run-parts": 27152, "tempfile": 14480})
    L.blob("/usr/bin/savelog", 10467)
    _script(L, "/usr/bin/which.debianutils", """\
#! /bin/sh
set -ef

if test -n "$KSH_VERSION"; then
	puts() {
		print -r -- "$*"
	}
else
	puts() {
		printf '%s\\n' "$*"
	}
fi

ALLMATCHES=0

while getopts a whichopts
do
        case "$whichopts" in
                a) ALLMATCHES=1 ;;
                ?) puts "Usage: $0 [-a] args"; exit 2 ;;
        esac
done
shift $(($OPTIND - 1))

if [ "$#" -eq 0 ]; then
 ALLRET=1
else
 ALLRET=0
fi
case $PATH in
	(*[!:]:) PATH="$PATH:" ;;
esac
for PROGRAM in "$@"; do
 RET=1
 IFS_SAVE="$IFS"
 IFS=:
 case $PROGRAM in
  */*)
   if [ -f "$PROGRAM" ] && [ -x "$PROGRAM" ]; then
    puts "$PROGRAM"
    RET=0
   fi
   ;;
  *)
   for ELEMENT in $PATH; do
    if [ -z "$ELEMENT" ]; then
     ELEMENT=.
    fi
    if [ -f "$ELEMENT/$PROGRAM" ] && [ -x "$ELEMENT/$PROGRAM" ]; then
     puts "$ELEMENT/$PROGRAM"
     RET=0
     [ "$ALLMATCHES" -eq 1 ] || break
    fi
   done
   ;;
 esac
 IFS="$IFS_SAVE"
 if [ "$RET" -ne 0 ]; then
  ALLRET=1
 fi
done

exit "$ALLRET"
""")
    for name in ("add-shell", "installkernel", "remove-shell", "update-shells"):
        L.blob(f"/usr/sbin/{name}", 1000 + _h(name) % 2000)
    L.link("/usr/bin/which.debianutils", "/etc/alternatives/which")
    L.link("/etc/alternatives/which", "/usr/bin/which")
    L.package("ncurses-bin")
    _bins(L, "/usr/bin", {"clear": 14568, "infocmp": 63784, "tabs": 22816, "tic": 88424,
                          "toe": 22816, "tput": 27008, "tset": 27048})
    L.link("tic", "/usr/bin/captoinfo")
    L.link("tic", "/usr/bin/infotocap")
    L.link("tset", "/usr/bin/reset")
    L.package("ncurses-base")
    L.text("/etc/terminfo/README", "This directory is for system-local terminfo descriptions. "
           "By default,\nncurses will search ${HOME}/.terminfo first, then /etc/terminfo (this\n"
           "directory), then /lib/terminfo, and last not least /usr/share/terminfo.\n")
    for term, size in (("a/ansi", 1481), ("c/cons25", 1502), ("c/cygwin", 1518),
                       ("d/dumb", 308), ("h/hurd", 1561), ("l/linux", 1740),
                       ("m/mach", 617), ("m/mach-bold", 652), ("p/pcansi", 1198),
                       ("r/rxvt", 2204), ("r/rxvt-unicode", 2516), ("s/screen", 1609),
                       ("s/screen-256color", 1977), ("s/sun", 1004), ("t/tmux", 2143),
                       ("t/tmux-256color", 2607), ("v/vt100", 1190), ("v/vt102", 1184),
                       ("v/vt220", 1669), ("v/vt52", 474), ("w/wsvt25", 1597),
                       ("x/xterm", 3950), ("x/xterm-256color", 3903), ("x/xterm-color", 1551),
                       ("x/xterm-mono", 1524), ("x/xterm-r6", 1509), ("x/xterm-vt220", 2488)):
        L.blob(f"/usr/share/terminfo/{term}", size, mode=0o644)
    L.package("sysvinit-utils")
    L.blob("/usr/sbin/fstab-decode", 14568)
    L.blob("/usr/sbin/killall5", 22840)
    L.link("/sbin/killall5", "/usr/bin/pidof")
    # ------------------------------------------------------------------ util-linux & co
    L.package("util-linux")
    _bins(L, "/usr/bin", D.UTIL_LINUX_BIN)
    _bins(L, "/usr/sbin", D.UTIL_LINUX_SBIN)
    L.fs.chmod("/usr/bin/su", 0o4755)
    for alias in ("i386", "linux32", "linux64", "x86_64"):
        L.link("setarch", f"/usr/bin/{alias}")
    L.link("agetty", "/usr/sbin/getty")
    L.text("/etc/pam.d/runuser", D.PAM_FILES["runuser"])
    L.text("/etc/pam.d/runuser-l", D.PAM_FILES["runuser-l"])
    L.text("/etc/pam.d/su", D.PAM_FILES["su"])
    L.text("/etc/pam.d/su-l", "#%PAM-1.0\nauth\t\tinclude\t\tsu\naccount\t\tinclude\t\tsu\n"
           "password\tinclude\t\tsu\nsession\t\toptional\tpam_keyinit.so force revoke\n"
           "session\t\tinclude\t\tsu\n")
    L.text("/etc/default/su", "# Default values for su\n")
    L.package("util-linux-extra")
    _bins(L, "/usr/sbin", {"addpart": 14464, "delpart": 14464, "hwclock": 72232,
                           "partx": 55840, "resizepart": 18680})
    L.package("bsdutils")
    _bins(L, "/usr/bin", {"logger": 47584, "renice": 14656, "script": 55720,
                          "scriptreplay": 43008, "wall": 31168})
    L.package("mount")
    L.blob("/usr/bin/mount", 59704, mode=0o4755)
    L.blob("/usr/bin/umount", 35128, mode=0o4755)
    _bins(L, "/usr/sbin", {"losetup": 72272, "swapoff": 22808, "swapon": 47416})
    if X.e2fsprogs:
        _lay_e2fsprogs(L)
    # ------------------------------------------------------------------ dpkg & apt
    L.package("dpkg")
    _bins(L, "/usr/bin", {"dpkg": 314712, "dpkg-deb": 158440, "dpkg-divert": 150136,
                          "dpkg-maintscript-helper": 21458, "dpkg-query": 162536,
                          "dpkg-realpath": 2868, "dpkg-split": 125624,
                          "dpkg-statoverride": 75544, "dpkg-trigger": 84216,
                          "update-alternatives": 63560})
    L.blob("/usr/sbin/start-stop-daemon", 51464)
    L.text("/etc/dpkg/dpkg.cfg", D.DPKG_CFG)
    L.dir("/etc/dpkg/dpkg.cfg.d")
    L.text("/etc/alternatives/README", "Please read the update-alternatives(1) man page for "
           "information on this\ndirectory and its contents.\n")
    _script(L, "/etc/cron.daily/dpkg", "#!/bin/sh\n\n# Skip if systemd is running.\nif [ -d "
            "/run/systemd/system ]; then\n    exit 0\nfi\n\n/usr/libexec/dpkg/dpkg-db-backup\n")
    L.blob("/usr/libexec/dpkg/dpkg-db-backup", 2916)
    L.blob("/usr/libexec/dpkg/dpkg-db-keeper", 1953)
    L.text("/etc/logrotate.d/alternatives", "/var/log/alternatives.log {\n\tmonthly\n\t"
           "rotate 12\n\tcompress\n\tdelaycompress\n\tmissingok\n\tnotifempty\n\tcreate 644 "
           "root root\n}\n")
    L.text("/etc/logrotate.d/dpkg", "/var/log/dpkg.log {\n\tmonthly\n\trotate 12\n\t"
           "compress\n\tdelaycompress\n\tmissingok\n\tnotifempty\n\tcreate 644 root root\n}\n")
    for name, size in (("abitable", 436), ("cputable", 1787), ("ostable", 1718),
                       ("tupletable", 2081)):
        L.blob(f"/usr/share/dpkg/{name}", size, mode=0o644)
    L.blob("/usr/share/dpkg/sh/dpkg-error.sh", 2045, mode=0o644)
    for d in ("alternatives", "info", "parts", "triggers", "updates"):
        L.dir(f"/var/lib/dpkg/{d}")
    L.package("apt")
    _bins(L, "/usr/bin", {"apt": 18824, "apt-cache": 84296, "apt-cdrom": 26992,
                          "apt-config": 27000, "apt-get": 51576, "apt-key": 28168,
                          "apt-mark": 55680})
    L.blob("/usr/lib/apt/apt-helper", 55648)
    L.blob("/usr/lib/apt/apt.systemd.daily", 16353)
    for m, size in (("cdrom", 34944), ("copy", 22584), ("file", 22592), ("ftp", 88704),
                    ("gpgv", 72008), ("http", 121408), ("mirror", 72168), ("rred", 80040),
                    ("rsh", 47168), ("store", 26856)):
        L.blob(f"/usr/lib/apt/methods/{m}", size)
    for alias, real in (("https", "http"), ("ssh", "rsh"), ("mirror+copy", "mirror"),
                        ("mirror+file", "mirror"), ("mirror+ftp", "mirror"),
                        ("mirror+http", "mirror"), ("mirror+https", "mirror")):
        L.link(real, f"/usr/lib/apt/methods/{alias}")
    L.blob("/usr/lib/apt/planners/apt", 22584)
    L.blob("/usr/lib/apt/solvers/apt", 22584)
    L.blob("/usr/lib/apt/solvers/dump", 14568)
    _lib(L, "libapt-private.so.0.0.0", 431168, "libapt-private.so.0.0")
    L.text("/etc/apt/apt.conf.d/01autoremove", D.APT_AUTOREMOVE)
    for d in ("auth.conf.d", "keyrings", "preferences.d", "sources.list.d", "trusted.gpg.d"):
        L.dir(f"/etc/apt/{d}")
    _script(L, "/etc/cron.daily/apt-compat", "#!/bin/sh\n\nset -e\n\n# Systemd systems use "
            "a systemd timer unit which is preferable to\n# run. We want to randomize the apt "
            "update and unattended-upgrade\n# runs as much as possible to avoid hitting the "
            "mirrors all at the\n# same time. The systemd time is better at this than the "
            "fixed\n# cron.daily time\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n\n"
            "check_power()\n{\n    # laptop check, on_ac_power returns:\n    #       0 (true)"
            "    System is on main power\n    #       1 (false)   System is not on main power\n"
            "    #       255 (false) Power status could not be determined\n    # Desktop "
            "systems always return 255 it seems\n    if which on_ac_power >/dev/null 2>&1; "
            "then\n        if on_ac_power; then\n            :\n        elif [ $? -eq 1 ]; then"
            "\n            return 1\n        fi\n    fi\n    return 0\n}\n\n# sleep for a "
            "random interval of time (default 30min)\n# (some code taken from cron-apt, "
            "thanks)\nrandom_sleep()\n{\n    eval $(apt-config shell RandomSleep "
            "APT::Periodic::RandomSleep)\n    if [ -z \"$RandomSleep\" ]; then\n        "
            "RandomSleep=1800\n    fi\n    if [ \"$RandomSleep\" -eq 0 ]; then\n        return"
            "\n    fi\n    if [ -z \"$RANDOM\" ] ; then\n        # A fix for shells that do not "
            "have this bash feature.\n\tRANDOM=$(( $(dd if=/dev/urandom bs=2 count=1 2> "
            "/dev/null | cksum | cut -d' ' -f1) % 32767 ))\n    fi\n    TIME=$(($RANDOM % "
            "$RandomSleep))\n    sleep $TIME\n}\n\n# delay the job execution by a random amount"
            " of time\nrandom_sleep\n\n# ensure we don't do this on battery\ncheck_power || "
            "exit 0\n\n# run daily job\nexec /usr/lib/apt/apt.systemd.daily\n")
    L.text("/etc/logrotate.d/apt", "/var/log/apt/term.log {\n  rotate 12\n  monthly\n  "
           "compress\n  missingok\n  notifempty\n}\n\n/var/log/apt/history.log {\n  rotate 12"
           "\n  monthly\n  compress\n  missingok\n  notifempty\n}\n\n")
    L.blob("/etc/kernel/postinst.d/apt-auto-removal", 3417)
    L.dir("/var/cache/apt/archives/partial", 0o700, 42, 0)
    L.dir("/var/lib/apt/lists")
    L.dir("/var/lib/apt/mirrors")
    L.dir("/var/lib/apt/periodic")
    L.dir("/var/log/apt")
    L.package("libapt-pkg6.0")
    _lib(L, "libapt-pkg.so.6.0.0", 2119872, "libapt-pkg.so.6.0")
    L.package(None)
    # debuerreotype's container tweaks
    L.text("/etc/apt/apt.conf.d/docker-autoremove-suggests", D.DOCKER_AUTOREMOVE)
    L.text("/etc/apt/apt.conf.d/docker-clean", D.DOCKER_CLEAN)
    L.text("/etc/apt/apt.conf.d/docker-gzip-indexes", D.DOCKER_GZIP)
    L.text("/etc/apt/apt.conf.d/docker-no-languages", D.DOCKER_NO_LANGUAGES)
    L.text("/etc/dpkg/dpkg.cfg.d/docker-apt-speedup", D.DOCKER_APT_SPEEDUP)
    if not full and X.excludes:
        L.text(f"/etc/dpkg/dpkg.cfg.d/{X.excludes[0]}", X.excludes[1])
    for path, text in X.sources:
        L.text(path, text)
    L.package(X.keyring)
    if X.keyring == "debian-archive-keyring":
        L.bulk("/usr/share/keyrings/debian-archive-keyring.gpg", 78710)
        L.bulk("/usr/share/keyrings/debian-archive-removed-keys.gpg", 52896)
        for rel in ("bookworm", "bullseye", "buster"):
            for kind, size in (("automatic", 11973), ("security-automatic", 11994),
                               ("stable", 461 * 4)):
                L.blob(f"/etc/apt/trusted.gpg.d/debian-archive-{rel}-{kind}.asc", size,
                       mode=0o644)
    else:
        L.blob("/usr/share/keyrings/ubuntu-archive-keyring.gpg", 3602, mode=0o644)
        L.blob("/usr/share/keyrings/ubuntu-archive-removed-keys.gpg", 2794, mode=0o644)
        L.blob("/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg", 2867, mode=0o644)
        L.blob("/usr/share/keyrings/ubuntu-master-keyring.gpg", 1227, mode=0o644)
        L.blob("/etc/apt/trusted.gpg.d/ubuntu-keyring-2012-cdimage.gpg", 2794, mode=0o644)
        L.blob("/etc/apt/trusted.gpg.d/ubuntu-keyring-2018-archive.gpg", 1733, mode=0o644)
    L.package("gpgv")
    L.blob("/usr/bin/gpgv", 372248)
    # ------------------------------------------------------------------ debconf, perl
    L.package("debconf")
    for name, size in (("debconf", 2859), ("debconf-apt-progress", 11541),
                       ("debconf-communicate", 608), ("debconf-copydb", 1719),
                       ("debconf-escape", 660), ("debconf-set-selections", 2995),
                       ("debconf-show", 1827)):
        L.blob(f"/usr/bin/{name}", size)
    L.blob("/usr/sbin/dpkg-preconfigure", 5703)
    L.blob("/usr/sbin/dpkg-reconfigure", 6892)
    L.text("/etc/debconf.conf", D.DEBCONF_CONF)
    L.text("/etc/apt/apt.conf.d/70debconf", "// Pre-configure all packages with debconf "
           "before they are installed.\n// If you don't like it, comment it out.\n"
           "DPkg::Pre-Install-Pkgs {\"/usr/sbin/dpkg-preconfigure --apt || true\";};\n")
    for name, size in (("confmodule", 2637), ("confmodule.sh", 134), ("fix_db.pl", 1859),
                       ("frontend", 2587), ("debconf.conf", 2805)):
        L.blob(f"/usr/share/debconf/{name}", size, mode=0o644)
    for mod, size in (("AutoSelect.pm", 2219), ("Base.pm", 1017), ("Config.pm", 18806),
                      ("ConfModule.pm", 16977), ("Db.pm", 2516), ("DbDriver.pm", 2991),
                      ("Element.pm", 524), ("Encoding.pm", 1578), ("FrontEnd.pm", 1738),
                      ("Gettext.pm", 426), ("Log.pm", 925), ("Path.pm", 438),
                      ("Priority.pm", 788), ("Question.pm", 4932), ("Template.pm", 9560),
                      ("Iterator.pm", 401), ("DbDriver/File.pm", 4011),
                      ("DbDriver/Stack.pm", 5226), ("FrontEnd/Dialog.pm", 8690),
                      ("FrontEnd/Noninteractive.pm", 588), ("FrontEnd/Readline.pm", 3541),
                      ("FrontEnd/Teletype.pm", 2026), ("Element/Noninteractive.pm", 349),
                      ("Format/822.pm", 2160)):
        L.bulk(f"/usr/share/perl5/Debconf/{mod}", size)
    L.dir("/var/cache/debconf")
    L.package(None)
    L.text("/var/cache/debconf/config.dat", _debconf_config())
    L.text("/var/cache/debconf/config.dat-old", _debconf_config())
    L.empty("/var/cache/debconf/passwords.dat", mode=0o600)
    L.bulk("/var/cache/debconf/templates.dat", 1000000)
    L.bulk("/var/cache/debconf/templates.dat-old", 1000000)
    L.package("perl-base")
    L.blob("/usr/bin/perl", 3927720)
    L.hardlink("/usr/bin/perl", "/usr/bin/perl5.36.0")
    for mod, size in (("Carp.pm", 30624), ("Config.pm", 3441), ("Config_heavy.pl", 52862),
                      ("Cwd.pm", 17340), ("Errno.pm", 4860), ("Exporter.pm", 2494),
                      ("Fcntl.pm", 2209), ("File/Spec/Unix.pm", 14390), ("Getopt/Long.pm", 50980),
                      ("IO/Handle.pm", 5931), ("IPC/Open3.pm", 12110), ("List/Util.pm", 3418),
                      ("POSIX.pm", 49224), ("Scalar/Util.pm", 2106), ("Socket.pm", 13706),
                      ("Text/ParseWords.pm", 3555), ("Tie/Hash.pm", 2651), ("constant.pm", 5690),
                      ("overload.pm", 5036), ("strict.pm", 4567), ("utf8_heavy.pl", 31126),
                      ("unicore/Heavy.pl", 52560), ("unicore/To/Fold.pl", 13856),
                      ("unicore/lib/Perl/Word.pl", 16384), ("unicore/UCD.pl", 261340),
                      ("warnings.pm", 49016), ("auto/POSIX/POSIX.so", 117008),
                      ("auto/List/Util/Util.so", 63360), ("auto/Socket/Socket.so", 43256),
                      ("auto/Fcntl/Fcntl.so", 18888), ("auto/IO/IO.so", 22968),
                      ("re.pm", 12208), ("auto/re/re.so", 388320), ("Storable.pm", 48910),
                      ("auto/Storable/Storable.so", 109504), ("Encode.pm", 32130),
                      ("feature.pm", 25064)):
        L.bulk(f"{ML}/perl-base/{mod}", size)
    for table in ("Age", "Alpha", "Bc", "Blk", "Ccc", "Dt", "Ea", "Gc", "GCB", "Hst", "In",
                  "InSC", "Jt", "Lb", "Lower", "Nt", "Nv", "Perl", "SB", "Sc", "Scx", "Title",
                  "Upper", "WB", "XIDC", "XIDS"):
        L.bulk(f"{ML}/perl-base/unicore/lib/{table}/Y.pl", 60000 + _h(table) % 40000)
    for d, names in (("utils", "chmem dmesg fallocate findmnt flock getopt hardlink ionice "
                      "ipcs lsblk lscpu lsipc lslocks lslogins lsmem lsns mcookie more "
                      "mountpoint namei nsenter prlimit rename.ul renice rev setarch setpriv "
                      "setsid setterm su taskset unshare utmpdump whereis wdctl agetty blkid "
                      "blockdev fsck losetup mkswap swapon wipefs zramctl"),):
        L.package("util-linux")
        for name in names.split():
            L.bulk(f"/usr/share/bash-completion/completions/{name}", 1800 + _h(name) % 3000)
    L.package("perl-base")
    L.package("init-system-helpers")
    for name, size in (("deb-systemd-helper", 22519), ("deb-systemd-invoke", 6204)):
        L.blob(f"/usr/bin/{name}", size)
    for name, size in (("invoke-rc.d", 16489), ("service", 9296), ("update-rc.d", 17262)):
        L.blob(f"/usr/sbin/{name}", size)
    L.blob("/usr/share/perl5/Debian/AdduserCommon.pm", 1000, mode=0o644)
    L.package("adduser")
    L.blob("/usr/sbin/adduser", 59814)
    L.blob("/usr/sbin/deluser", 21926)
    L.link("adduser", "/usr/sbin/addgroup")
    L.link("deluser", "/usr/sbin/delgroup")
    L.text("/etc/adduser.conf", D.ADDUSER_CONF)
    L.text("/etc/deluser.conf", "# /etc/deluser.conf: `deluser' configuration.\n\n# Remove "
           "home directory and mail spool when user is removed\nREMOVE_HOME = 0\n\n# Remove "
           "all files on the system owned by the user to be removed\nREMOVE_ALL_FILES = 0\n\n"
           "# Backup files before removing them. This options has only an effect if\n# "
           "REMOVE_HOME or REMOVE_ALL_FILES is set.\nBACKUP = 0\n\n# target directory for the "
           "backup file\nBACKUP_TO = \".\"\n\n# exclude these filesystem types when searching "
           "for files of a user to backup\nONLY_IF_EMPTY = 0\n\nEXCLUDE_FSTYPES = \"(proc|sysfs"
           "|usbfs|devpts|devtmpfs|devfs|afs)\"\n")
    # ------------------------------------------------------------------ login, passwd, PAM
    L.package("login")
    L.blob("/usr/bin/login", 53016)
    L.blob("/usr/bin/faillog", 27176)
    L.blob("/usr/bin/lastlog", 27168)
    L.blob("/usr/bin/newgrp", 44632, mode=0o4755)
    L.link("newgrp", "/usr/bin/sg")
    L.blob("/usr/sbin/nologin", 14640)
    L.text("/etc/login.defs", D.LOGIN_DEFS)
    L.text("/etc/pam.d/login", D.PAM_FILES["login"])
    L.package("passwd")
    L.blob("/usr/bin/chage", 80376, mode=0o2755, gid=42)
    L.blob("/usr/bin/expiry", 31184, mode=0o2755, gid=42)
    for name, size in (("chfn", 62672), ("chsh", 52880), ("gpasswd", 88496),
                       ("passwd", 68248)):
        L.blob(f"/usr/bin/{name}", size, mode=0o4755)
    for name, size in (("chgpasswd", 64312), ("chpasswd", 60152), ("cppw", 55872),
                       ("groupadd", 72256), ("groupdel", 68064), ("groupmems", 59848),
                       ("groupmod", 76352), ("grpck", 59808), ("grpconv", 51392),
                       ("grpunconv", 51448), ("newusers", 108552), ("pwck", 55744),
                       ("pwconv", 47192), ("pwunconv", 47264), ("useradd", 143224),
                       ("userdel", 92856), ("usermod", 133816), ("vipw", 72768)):
        L.blob(f"/usr/sbin/{name}", size)
    L.link("cppw", "/usr/sbin/cpgr")
    L.link("vipw", "/usr/sbin/vigr")
    L.text("/etc/default/useradd", "# Default values for useradd(8)\n#\n# The SHELL variable "
           "specifies the default login shell on your\n# system.\n# Similar to DSHELL in "
           "adduser. However, we use \"sh\" here because\n# useradd is a low level utility "
           "and should be as general\n# as possible\nSHELL=/bin/sh\n#\n# The default group "
           "for users\n# 100=users on Debian systems\n# Same as USERS_GID in adduser\n# This "
           "argument is used when the -n flag is specified.\n# The default behavior (when -n "
           "and -g are not specified) is to create a\n# primary user group with the same name "
           "as the user being added to the\n# system.\n# GROUP=100\n#\n# The default home "
           "directory. Same as DHOME for adduser\n# HOME=/home\n#\n# The number of days after "
           "a password expires until the account\n# is permanently disabled\n# INACTIVE=-1\n"
           "#\n# The default expire date\n# EXPIRE=\n#\n# The SKEL variable specifies the "
           "directory containing \"skeletal\" user\n# files; in other words, files such as a "
           "sample .profile that will be\n# copied to the new user's home directory when it "
           "is created.\n# SKEL=/etc/skel\n#\n# Defines whether the mail spool should be "
           "created while\n# creating the account\n# CREATE_MAIL_SPOOL=no\n\n")
    for name in ("chfn", "chpasswd", "chsh", "newusers", "passwd"):
        L.text(f"/etc/pam.d/{name}", D.PAM_FILES[name])
    _script(L, "/etc/cron.daily/passwd", "#!/bin/sh\n\ncd /var/backups || exit 0\n\nfor FILE "
            "in passwd group shadow gshadow; do\n        test -f /etc/$FILE              || "
            "continue\n        cmp -s $FILE.bak /etc/$FILE    && continue\n        cp -p /etc/"
            "$FILE $FILE.bak && chmod 600 $FILE.bak\ndone\n")
    L.package("libpam-runtime")
    L.text("/etc/pam.conf", "# ---------------------------------------------------------------"
           "------------#\n# /etc/pam.conf\t\t\t\t\t\t\t\t     #\n# ----------------------------"
           "-----------------------------------------------#\n#\n# NOTE\n# ----\n#\n# NOTE: "
           "Most program use a file under the /etc/pam.d/ directory to setup their\n# PAM "
           "service modules. This file is used only if that directory does not exist.\n# "
           "---------------------------------------------------------------------------#\n\n"
           "# Format:\n# serv.\tmodule\t   ctrl\t      module [path]\t...[args..]\t\t     #\n# "
           "name\ttype\t   flag\t\t\t\t\t\t\t     #\n\n")
    for name in ("other", "common-account", "common-auth", "common-password",
                 "common-session", "common-session-noninteractive"):
        L.text(f"/etc/pam.d/{name}", D.PAM_FILES[name])
    L.blob("/usr/sbin/pam-auth-update", 22484)
    L.blob("/usr/sbin/pam_getenv", 2890)
    L.text("/usr/share/pam-configs/unix", "Name: Unix authentication\nDefault: yes\nPriority: "
           "256\nAuth-Type: Primary\nAuth:\n\t[success=end default=ignore]\tpam_unix.so "
           "nullok\nAuth-Initial:\n\t[success=end default=ignore]\tpam_unix.so nullok\n"
           "Account-Type: Primary\nAccount:\n\t[success=end new_authtok_reqd=done "
           "default=ignore]\tpam_unix.so\nAccount-Initial:\n\t[success=end "
           "new_authtok_reqd=done default=ignore]\tpam_unix.so\nSession-Type: Additional\n"
           "Session:\n\trequired\tpam_unix.so\nSession-Initial:\n\trequired\tpam_unix.so\n"
           "Password-Type: Primary\nPassword:\n\t[success=end default=ignore]\tpam_unix.so "
           "obscure use_authtok try_first_pass yescrypt\nPassword-Initial:\n\t[success=end "
           "default=ignore]\tpam_unix.so obscure yescrypt\n")
    for name in ("common-account", "common-auth", "common-password", "common-session",
                 "common-session-noninteractive"):
        L.blob(f"/usr/share/pam/{name}", 1200, mode=0o644)
    L.dir("/var/lib/pam")
    L.package("libpam-modules")
    for mod, size in (("pam_access", 22872), ("pam_debug", 14240), ("pam_deny", 14112),
                      ("pam_echo", 14248), ("pam_env", 22656), ("pam_exec", 22600),
                      ("pam_faildelay", 14240), ("pam_faillock", 22696), ("pam_filter", 18552),
                      ("pam_ftp", 14288), ("pam_group", 18616), ("pam_issue", 14288),
                      ("pam_keyinit", 14376), ("pam_lastlog", 18616), ("pam_limits", 22760),
                      ("pam_listfile", 18504), ("pam_localuser", 14272),
                      ("pam_loginuid", 14280), ("pam_mail", 18440), ("pam_mkhomedir", 14432),
                      ("pam_motd", 18504), ("pam_namespace", 43272), ("pam_nologin", 14296),
                      ("pam_permit", 14112), ("pam_pwhistory", 22712), ("pam_rhosts", 14296),
                      ("pam_rootok", 14272), ("pam_securetty", 14288), ("pam_selinux", 22760),
                      ("pam_sepermit", 18504), ("pam_setquota", 18544), ("pam_shells", 14280),
                      ("pam_stress", 14336), ("pam_succeed_if", 18520), ("pam_time", 22616),
                      ("pam_timestamp", 22760), ("pam_tty_audit", 14392), ("pam_umask", 14352),
                      ("pam_unix", 60976), ("pam_userdb", 18568), ("pam_usertype", 14296),
                      ("pam_warn", 14280), ("pam_wheel", 14328), ("pam_xauth", 22784)):
        L.blob(f"{ML}/security/{mod}.so", size, mode=0o644)
    for name, size in (("access.conf", 4564), ("faillock.conf", 2234), ("group.conf", 3635),
                       ("limits.conf", 2161), ("namespace.conf", 1637), ("pam_env.conf", 2972),
                       ("sepermit.conf", 419), ("time.conf", 2179)):
        L.text(f"/etc/security/{name}", f"# /etc/security/{name}\n#\n" + "#\n" * (size // 2 - 20))
    _script(L, "/etc/security/namespace.init", "#!/bin/sh\n# It receives as arguments:\n# - "
            "$1 polydir path (see WARNING below)\n# - $2 instance dir path (see WARNING below)"
            "\n# - $3 flag whether the instance dir was newly created (0 - no, 1 - yes)\n# - $4"
            " user name\n# - $5 flag whether the polydir path ($1) is safe (0 - unsafe, 1 - "
            "safe)\n# - $6 flag whether the instance dir path ($2) is safe (0 - unsafe, 1 - "
            "safe)\n\nexit 0\n")
    L.empty("/etc/security/opasswd", mode=0o600)
    L.dir("/etc/security/limits.d")
    L.dir("/etc/security/namespace.d")
    L.package("libpam-modules-bin")
    L.blob("/usr/sbin/faillock", 22856)
    L.blob("/usr/sbin/mkhomedir_helper", 22848)
    L.blob("/usr/sbin/pam_namespace_helper", 471)
    L.blob("/usr/sbin/pam_timestamp_check", 14728)
    L.blob("/usr/sbin/unix_chkpwd", 35112, mode=0o2755, gid=42)
    L.blob("/usr/sbin/unix_update", 35120)
    L.package("libpam0g")
    _lib(L, "libpam.so.0.85.1", 67224, "libpam.so.0")
    _lib(L, "libpam_misc.so.0.82.1", 14480, "libpam_misc.so.0")
    _lib(L, "libpamc.so.0.82.1", 14480, "libpamc.so.0")
    # ------------------------------------------------------------------ glibc
    L.package("libc6")
    for name, size in D.GLIBC_LIBS.items():
        L.blob(f"{ML}/{name}", size, mode=0o755 if name.startswith("ld-") else 0o644)
    L.link("../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "/usr/lib64/ld-linux-x86-64.so.2")
    for name in D.GCONV:
        L.bulk(f"{ML}/gconv/{name}", 300000)
    L.blob(f"{ML}/gconv/gconv-modules", 3208, mode=0o644)
    L.blob(f"{ML}/gconv/gconv-modules.d/gconv-modules-extra.conf", 56466, mode=0o644)
    L.blob(f"{ML}/audit/sotruss-lib.so", 14480, mode=0o644)
    L.text("/etc/ld.so.conf.d/x86_64-linux-gnu.conf", "# Multiarch support\n"
           "/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n")
    L.package(None)
    L.blob(f"{ML}/gconv/gconv-modules.cache", 27010, mode=0o644)
    L.package("libc-bin")
    _bins(L, "/usr/bin", {"getconf": 35200, "getent": 39856, "iconv": 64088, "locale": 58984,
                          "localedef": 367280, "pldd": 22704, "zdump": 22648})
    L.blob("/usr/bin/ldd", 5386)
    L.blob("/usr/bin/tzselect", 15044)
    _bins(L, "/usr/sbin", {"iconvconfig": 31224, "ldconfig": 952416, "zic": 63288})
    L.text("/etc/ld.so.conf", D.LD_SO_CONF)
    L.text("/etc/ld.so.conf.d/libc.conf", "# libc default configuration\n/usr/local/lib\n")
    L.text("/etc/bindresvport.blacklist", "#\n# This file contains a list of port numbers "
           "between 600 and 1024,\n# which should not be used by bindresvport. bindresvport "
           "is mostly\n# called by RPC services. This mostly solves the problem, that a\n# "
           "RPC service uses a well known port of another service.\n#\n631\t# cups\n636\t# "
           "ldaps\n774\t# rpasswd\n921\t# lwresd\n993\t# imaps\n995\t# pops\n")
    L.blob("/etc/gai.conf", 2584, mode=0o644)
    L.text("/usr/share/libc-bin/nsswitch.conf", D.NSSWITCH)
    for cat, size in (("LC_ADDRESS", 127), ("LC_COLLATE", 1406), ("LC_CTYPE", 353616),
                      ("LC_IDENTIFICATION", 258), ("LC_MEASUREMENT", 23),
                      ("LC_MESSAGES/SYS_LC_MESSAGES", 48), ("LC_MONETARY", 270),
                      ("LC_NAME", 62), ("LC_NUMERIC", 50), ("LC_PAPER", 34),
                      ("LC_TELEPHONE", 47), ("LC_TIME", 3360)):
        L.blob(f"/usr/lib/locale/C.utf8/{cat}", size, mode=0o644)
    L.package(None)
    L.text("/etc/nsswitch.conf", D.NSSWITCH)
    L.blob("/etc/ld.so.cache", 12264, mode=0o644)
    # ------------------------------------------------------------------ libraries
    libs = [
        ("libacl1", "libacl.so.1.1.2301", 35200, ["libacl.so.1"]),
        ("libattr1", "libattr.so.1.1.2501", 26696, ["libattr.so.1"]),
        ("libaudit1", "libaudit.so.1.0.0", 150120, ["libaudit.so.1"]),
        ("libblkid1", "libblkid.so.1.1.0", 338936, ["libblkid.so.1"]),
        ("libbz2-1.0", "libbz2.so.1.0.4", 74688, ["libbz2.so.1.0", "libbz2.so.1"]),
        ("libcap-ng0", "libcap-ng.so.0.0.0", 26984, ["libcap-ng.so.0"]),
        ("libcap-ng0", "libdrop_ambient.so.0.0.0", 14480, ["libdrop_ambient.so.0"]),
        ("libcap2", "libcap.so.2.66", 44064, ["libcap.so.2"]),
        ("libcap2", "libpsx.so.2.66", 14480, ["libpsx.so.2"]),
        ("libcom-err2", "libcom_err.so.2.1", 18504, ["libcom_err.so.2"]),
        ("libcrypt1", "libcrypt.so.1.1.0", 206776, ["libcrypt.so.1"]),
        ("libdb5.3", "libdb-5.3.so", 1838352, []),
        ("libdebconfclient0", "libdebconfclient.so.0.0.0", 18528, ["libdebconfclient.so.0"]),
        ("libext2fs2", "libext2fs.so.2.4", 423824, ["libext2fs.so.2"]),
        ("libext2fs2", "libe2p.so.2.3", 45240, ["libe2p.so.2"]),
        ("libffi8", "libffi.so.8.1.2", 47160, ["libffi.so.8"]),
        ("libgcc-s1", "libgcc_s.so.1", 125312, []),
        ("libgcrypt20", "libgcrypt.so.20.4.1", 1297904, ["libgcrypt.so.20"]),
        ("libgmp10", "libgmp.so.10.4.1", 646888, ["libgmp.so.10"]),
        ("libgnutls30", "libgnutls.so.30.34.3", 2062024, ["libgnutls.so.30"]),
        ("libgpg-error0", "libgpg-error.so.0.33.1", 149760, ["libgpg-error.so.0"]),
        ("libhogweed6", "libhogweed.so.6.6", 333752, ["libhogweed.so.6"]),
        ("libidn2-0", "libidn2.so.0.3.8", 133232, ["libidn2.so.0"]),
        ("liblz4-1", "liblz4.so.1.9.4", 137296, ["liblz4.so.1"]),
        ("liblzma5", "liblzma.so.5.4.1", 198720, ["liblzma.so.5"]),
        ("libmd0", "libmd.so.0.0.5", 59472, ["libmd.so.0"]),
        ("libmount1", "libmount.so.1.1.0", 381088, ["libmount.so.1"]),
        ("libnettle8", "libnettle.so.8.6", 329576, ["libnettle.so.8"]),
        ("libp11-kit0", "libp11-kit.so.0.3.0", 1313848, ["libp11-kit.so.0"]),
        ("libpcre2-8-0", "libpcre2-8.so.0.11.2", 616424, ["libpcre2-8.so.0"]),
        ("libseccomp2", "libseccomp.so.2.5.4", 137176, ["libseccomp.so.2"]),
        ("libselinux1", "libselinux.so.1", 190456, []),
        ("libsemanage2", "libsemanage.so.2", 300888, []),
        ("libsepol2", "libsepol.so.2", 752568, []),
        ("libsmartcols1", "libsmartcols.so.1.1.0", 219888, ["libsmartcols.so.1"]),
        ("libss2", "libss.so.2.0", 43240, ["libss.so.2"]),
        ("libstdc++6", "libstdc++.so.6.0.30", 2190440, ["libstdc++.so.6"]),
        ("libsystemd0", "libsystemd.so.0.35.0", 887992, ["libsystemd.so.0"]),
        ("libtasn1-6", "libtasn1.so.6.6.3", 80488, ["libtasn1.so.6"]),
        ("libtinfo6", "libtinfo.so.6.4", 200136, ["libtinfo.so.6"]),
        ("libudev1", "libudev.so.1.7.5", 235136, ["libudev.so.1"]),
        ("libunistring2", "libunistring.so.2.2.0", 1734408, ["libunistring.so.2"]),
        ("libuuid1", "libuuid.so.1.3.0", 34888, ["libuuid.so.1"]),
        ("libxxhash0", "libxxhash.so.0.8.1", 88904, ["libxxhash.so.0"]),
        ("libzstd1", "libzstd.so.1.5.4", 805784, ["libzstd.so.1"]),
        ("zlib1g", "libz.so.1.2.13", 121280, ["libz.so.1"]),
    ]
    for pkg, real, size, links in libs:
        if pkg in X.drop:
            continue
        L.package(pkg)
        _lib(L, real, size, *links)
    L.package("libstdc++6")
    L.blob("/usr/share/gcc/python/libstdcxx/v6/printers.py", 104614, mode=0o644)
    L.blob("/usr/share/gcc/python/libstdcxx/v6/xmethods.py", 28591, mode=0o644)
    L.blob("/usr/share/gdb/auto-load/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30-gdb.py",
           2491, mode=0o644)
    L.package("libaudit-common")
    L.text("/etc/libaudit.conf", "# This is the configuration for libaudit tunables.\n# It "
           "is only processed by libaudit, so it can be world readable.\n\n# This will allow "
           "auditing a tty login session to identify the user\n# and process.\n"
           "TTY_AUDIT_ENABLE=no\n")
    L.package("libattr1")
    L.text("/etc/xattr.conf", "# /etc/xattr.conf\n#\n# Format:\n# <pattern> <action>\n#\n# "
           "Actions:\n#   permissions - copy when trying to preserve permissions.\n#   skip - "
           "do not copy.\n\nsystem.nfs4_acl\t\t\tpermissions\nsystem.nfs4acl\t\t\t"
           "permissions\nsystem.posix_acl_access\t\tpermissions\nsystem.posix_acl_default\t"
           "permissions\ntrusted.SGI_ACL_DEFAULT\t\tskip\t# xfs specific\n"
           "trusted.SGI_ACL_FILE\t\tskip\t# xfs specific\ntrusted.SGI_CAP_FILE\t\tskip\t# xfs "
           "specific\ntrusted.SGI_DMI_*\t\tskip\t# xfs specific\ntrusted.SGI_MAC_FILE\t\tskip"
           "\t# xfs specific\nxfsroot.*\t\t\tskip\t# xfs specific; obsolete\nuser.Beagle.*\t\t"
           "\tskip\t# ignore Beagle index data\nsecurity.evm\t\t\tskip\t# may only be written "
           "by kernel\n")
    L.package("libsemanage-common")
    L.text("/etc/selinux/semanage.conf", "# Authors: Jason Tang <jtang@tresys.com>\n#\n# "
           "Copyright (C) 2004-2005 Tresys Technology, LLC\n#\n# Specify how libsemanage will "
           "interact with a SELinux policy manager.\nmodule-store = direct\n\n# When "
           "generating the final linked and expanded policy, by default\n# semanage will set "
           "the policy version to POLICYDB_VERSION_MAX\nexpand-check=0\n")
    L.package("libgpg-error0")
    L.blob("/usr/share/libgpg-error/errorref.txt", 17926, mode=0o644)
    # ------------------------------------------------------------------ copyright files
    if X.extra is not None:
        X.extra(L)
    for old, new in X.rename.items():
        if old in L.owned:
            L.owned[new] = L.owned.pop(old)
    for p in X.packages():
        L.package(p.name)
        L.bulk(f"/usr/share/doc/{p.name}/copyright", 2000 + (_h(p.name) % 24000))
    if full:
        L.group = "docs"
        _lay_docs(L)
        L.group = "main"
    # ------------------------------------------------------------------ logs, state
    L.package(None)
    for log, mode, gid in (("alternatives.log", 0o644, 0), ("dpkg.log", 0o644, 0),
                           ("btmp", 0o660, 43), ("faillog", 0o644, 0), ("lastlog", 0o664, 43),
                           ("wtmp", 0o664, 43)):
        L.empty(f"/var/log/{log}", mode=mode, gid=gid)
    L.empty("/var/log/apt/eipp.log.xz")
    L.empty("/var/log/apt/history.log")
    L.empty("/var/log/apt/term.log", mode=0o640, gid=4)
    L.text("/var/lib/apt/extended_states", "")
    L.dir("/var/cache/ldconfig", 0o700)
    for alt, target in (("awk", "/usr/bin/mawk"), ("nawk", "/usr/bin/mawk"),
                        ("rmt", "/usr/sbin/rmt-tar"), ("which", "/usr/bin/which.debianutils")):
        L.text(f"/var/lib/dpkg/alternatives/{alt}",
               f"auto\n/usr/bin/{alt}\n\n{target}\n{5 if alt != 'which' else 10}\n\n")
    L.empty("/var/lib/dpkg/diversions")
    L.empty("/var/lib/dpkg/statoverride")
    L.empty("/var/lib/dpkg/available")
    L.empty("/var/lib/dpkg/lock", mode=0o640)
    L.empty("/var/lib/dpkg/lock-frontend", mode=0o640)
    L.empty("/var/lib/dpkg/triggers/Lock", mode=0o600)
    L.empty("/var/lib/dpkg/triggers/Unincorp")
    L.text("/var/lib/dpkg/triggers/File", "/usr/lib/x86_64-linux-gnu/gconv libc-bin\n")
    L.text("/var/lib/dpkg/info/format", "1\n")
    write_db(L, X.packages())


def _debconf_config() -> str:
    entries = [
        ("debconf/frontend", "Dialog", "debconf"),
        ("debconf/priority", "high", "debconf"),
        ("libpam-runtime/conflicts", "", "libpam-runtime"),
        ("libpam-runtime/no_profiles_chosen", "", "libpam-runtime"),
        ("libpam-runtime/override", "false", "libpam-runtime"),
        ("libpam-runtime/profiles", "unix", "libpam-runtime"),
        ("libpam-runtime/title", "", "libpam-runtime"),
        ("libpam0g/restart-failed", "", "libpam0g:amd64"),
        ("libpam0g/restart-services", "", "libpam0g:amd64"),
        ("libpam0g/xdm-needs-restart", "", "libpam0g:amd64"),
        ("libraries/restart-without-asking", "false", "libpam0g:amd64"),
    ]
    out = []
    for name, value, owner in entries:
        out.append(f"Name: {name}\nTemplate: {name}\n" + (f"Value: {value}\n" if value else "")
                   + f"Owners: {owner}\n" + ("Flags: seen\n" if value else "") + "\n")
    return "".join(out)


def _h(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def _lay_docs(L: Layout) -> None:
    """What the slim variant's dpkg path-excludes leave out: docs, man pages, translations."""
    for p in packages():
        L.package(p.name)
        L.bulk(f"/usr/share/doc/{p.name}/changelog.Debian.gz", 1500 + _h(p.name + "c") % 30000)
        if _h(p.name) % 3 == 0:
            L.bulk(f"/usr/share/doc/{p.name}/changelog.gz", 4000 + _h(p.name + "u") % 60000)
        if _h(p.name) % 5 == 0:
            L.bulk(f"/usr/share/doc/{p.name}/NEWS.Debian.gz", 800 + _h(p.name + "n") % 4000)
        L.bulk(f"/usr/share/lintian/overrides/{p.name}", 120 + _h(p.name + "l") % 400)
    # man pages for every command of the base system
    L.package(None)
    owners: dict[str, str] = {}
    for pkg, paths in L.owned.items():
        for path in paths:
            owners[path] = pkg
    for d, sec in (("/usr/bin", "1"), ("/usr/sbin", "8")):
        for name in sorted(L.fs.listdir(d)):
            pkg = owners.get(f"{d}/{name}")
            if pkg is None or name.startswith("["):
                continue
            L.package(pkg)
            L.bulk(f"/usr/share/man/man{sec}/{name}.{sec}.gz", 1200 + _h(name) % 9000)
    L.package(None)
    for lang in ("de", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "sv", "uk"):
        for page, sec, pkg in (("dpkg", "1", "dpkg"), ("apt-get", "8", "apt"),
                               ("passwd", "1", "passwd"), ("login", "1", "login"),
                               ("debconf", "1", "debconf"), ("adduser", "8", "adduser"),
                               ("useradd", "8", "passwd"), ("su", "1", "util-linux")):
            L.package(pkg)
            L.bulk(f"/usr/share/man/{lang}/man{sec}/{page}.{sec}.gz", 3000 + _h(lang + page) % 12000)
    for pkg, pages in (("base-files", ["os-release.5"]), ("passwd", ["passwd.5", "shadow.5"]),
                       ("login", ["login.defs.5"]), ("dpkg", ["dpkg.cfg.5"]),
                       ("apt", ["apt.conf.5", "sources.list.5"]), ("libc-bin", ["ld.so.8"])):
        L.package(pkg)
        for page in pages:
            sec = page.rsplit(".", 1)[1]
            L.bulk(f"/usr/share/man/man{sec}/{page}.gz", 2500 + _h(page) % 8000)
    # translations
    owner_of_domain = {"coreutils": "coreutils", "tar": "tar", "grep": "grep", "sed": "sed",
                       "findutils": "findutils", "diffutils": "diffutils", "dpkg": "dpkg",
                       "apt": "apt", "libapt-pkg6.0": "libapt-pkg6.0", "shadow": "passwd",
                       "util-linux": "util-linux", "e2fsprogs": "e2fsprogs", "bash": "bash",
                       "debconf": "debconf", "adduser": "adduser", "libc": "libc-bin",
                       "gnupg2": "gpgv", "gnutls30": "libgnutls30",
                       "libgpg-error": "libgpg-error0", "Linux-PAM": "libpam-modules",
                       "libidn2": "libidn2-0", "sysvinit": "sysvinit-utils"}
    for domain, size in D.LOCALE_DOMAINS.items():
        L.package(owner_of_domain[domain])
        for lang in D.LOCALE_LANGS:
            if _h(domain + lang) % 3 == 0:
                continue
            L.bulk(f"/usr/share/locale/{lang}/LC_MESSAGES/{domain}.mo",
                   int(size * (0.7 + (_h(lang + domain) % 60) / 100)))
    L.package("base-files")
    for info, size in (("coreutils.info.gz", 120000), ("grep.info.gz", 30000),
                       ("sed.info.gz", 40000), ("find.info.gz", 70000),
                       ("diffutils.info.gz", 40000), ("tar.info.gz", 110000),
                       ("gzip.info.gz", 15000), ("dir", 1200)):
        L.bulk(f"/usr/share/info/{info}", size)


def build_rootfs(full: bool):
    def build():
        family = "debian:bookworm"     # same seeds in both variants: same binaries
        L = Layout(EPOCH, family)
        lay_bookworm(L, full)
        if not full:
            return L.finish(SLIM_SIZE)
        return L.finish(FULL_SIZE, fixed={"main": slim_factor()})
    return build


@functools.lru_cache(maxsize=1)
def slim_factor() -> float:
    """The scale the slim build gives its fillers; the full build reuses it so that both
    variants carry byte-identical binaries and libraries."""
    L = Layout(EPOCH, "debian:bookworm")
    lay_bookworm(L, False)
    L.finish(SLIM_SIZE)
    return L.factors["main"]


SLIM_LAYER = CatalogueLayer(
    key=f"debian:bookworm-{SNAPSHOT}-slim", created_by=CREATED_BY, size_hint=SLIM_SIZE,
    builder=build_rootfs(False), compressed_size=28231581,
    digest="sha256:fd674058ff8f8cfa7fb8a20c006fc0128541cbbad7f7f7f28df570d08f9e4d92")
FULL_LAYER = CatalogueLayer(key=f"debian:bookworm-{SNAPSHOT}", created_by=CREATED_BY,
                            size_hint=FULL_SIZE, builder=build_rootfs(True))


def base_history(created: str | None = None) -> dict:
    """The base layer's history entry (derived images restamp it with their own time)."""
    return hist(created or CREATED, CREATED_BY, comment=COMMENT)


@functools.lru_cache(maxsize=1)
def slim_state() -> dict:
    """What later layers need to rewrite the dpkg/debconf state of the slim base: its status
    stanzas (by package) and the content of the small text databases."""
    from ..fs import TreeFS
    fs = TreeFS(SLIM_LAYER.build())
    status = fs.read_text("/var/lib/dpkg/status")
    stanzas = {}
    for chunk in status.split("\n\n"):
        if chunk.strip():
            name = chunk.split("\n", 1)[0].split(": ", 1)[1]
            stanzas[name] = chunk.rstrip("\n") + "\n"
    return {
        "stanzas": stanzas,
        "debconf_config": fs.read_text("/var/cache/debconf/config.dat"),
        "passwd": fs.read_text("/etc/passwd"),
        "group": fs.read_text("/etc/group"),
        "shadow": fs.read_text("/etc/shadow"),
        "gshadow": fs.read_text("/etc/gshadow"),
    }


def write_status(L: Layout, new: list[Pkg], old_stanzas: dict[str, str] | None = None,
                 removed: tuple[str, ...] = ()) -> None:
    """A later layer's /var/lib/dpkg/status (+ -old) and the info files of ``new`` packages."""
    from ._dpkg import write_db as _write
    before = dict(old_stanzas if old_stanzas is not None else slim_state()["stanzas"])
    for name in removed:
        before.pop(name, None)
    _write(L, new, only={p.name for p in new})
    ours = L.fs.read_text("/var/lib/dpkg/status")
    merged = dict(before)
    for chunk in ours.split("\n\n"):
        if chunk.strip():
            merged[chunk.split("\n", 1)[0].split(": ", 1)[1]] = chunk.rstrip("\n") + "\n"
    status = "\n".join(merged[k] for k in sorted(merged))
    old = "\n".join(before[k] for k in sorted(before))
    L.package(None)
    L.text("/var/lib/dpkg/status", status)
    L.text("/var/lib/dpkg/status-old", old)


def _image(full: bool, tags: list[str]) -> None:
    layer = FULL_LAYER if full else SLIM_LAYER
    image = CatalogueImage(
        repository="debian", tag=tags[0], aliases=tags[1:], layers=[layer],
        config={
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["bash"],
        },
        history=[base_history()],
        created=CREATED,
        repo_digest=digest_of(f"debian:bookworm-{SNAPSHOT}{'' if full else '-slim'} index"),
        version_note=f"Debian {DEBIAN_VERSION} (bookworm-{SNAPSHOT}{'' if full else '-slim'})",
    )
    register(image, tags)


_image(True, ["latest", "bookworm", "12", DEBIAN_VERSION, "stable", f"bookworm-{SNAPSHOT}"])
_image(False, ["bookworm-slim", "12-slim", f"{DEBIAN_VERSION}-slim", "stable-slim",
               f"bookworm-{SNAPSHOT}-slim"])
