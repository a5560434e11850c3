"""Small ready-made root filesystems for trying the shell (and for its tests): an Alpine-like
busybox tree and a Debian-like coreutils/dash tree.  Real base images come from the image
module; these are deliberately tiny, but their accounts (/etc/passwd, /etc/group), the
applets' folders and the coreutils' sizes are the catalogue's data for those images."""
from __future__ import annotations

from ..catalogue._alpine_data import (APPLETS as ALPINE_APPLETS, GROUP as ALPINE_GROUP,
                                      PASSWD as ALPINE_PASSWD)
from ..catalogue._debian_data import (COREUTILS as DEBIAN_COREUTILS, GROUP as DEBIAN_GROUP,
                                      PASSWD as DEBIAN_PASSWD)
from ..fs.blob import FillerBlob
from ..fs.tree import TreeFS

EPOCH = 1_700_000_000.0      # 2023-11-14, when these "images" were built

BUSYBOX_APPLETS = [
    "ash", "sh", "ls", "cat", "echo", "mkdir", "rm", "rmdir", "cp", "mv", "ln", "chmod", "chown",
    "chgrp", "touch", "stat", "head", "tail", "wc", "grep", "egrep", "fgrep", "find", "du", "df",
    "sed", "sort", "uniq", "cut", "tr", "tee", "xargs", "seq", "env", "id", "whoami", "pwd",
    "hostname", "uname", "date", "sleep", "true", "false", "test", "[", "basename", "dirname",
    "readlink", "realpath", "mktemp", "md5sum", "sha256sum", "sha1sum", "sha512sum", "tar",
    "gzip", "gunzip", "zcat", "dd", "truncate", "fallocate", "printf", "kill", "ps", "nproc",
    "which", "wget", "base64", "od", "hexdump", "xxd", "rev", "nl", "paste", "install", "sync",
    "getent", "addgroup", "adduser", "groups", "free", "timeout", "nice", "nohup", "arch",
    "printenv", "clear", "tty", "vi", "more", "less", "ping", "awk",
]
#: where each applet's symlink is, as in Alpine's busybox (/etc/busybox-paths.d/busybox); the few
#: that Alpine's busybox lacks (getent, groups) go to /usr/bin
APPLET_DIRS = {name: d for d, names in ALPINE_APPLETS.items() for name in names.split()}

COREUTILS = [
    "ls", "cat", "echo", "mkdir", "rm", "rmdir", "cp", "mv", "ln", "chmod", "chown", "chgrp",
    "touch", "stat", "head", "tail", "wc", "sort", "uniq", "cut", "tr", "tee", "seq", "env",
    "id", "whoami", "pwd", "uname", "date", "sleep", "true", "false", "test", "[", "basename",
    "dirname", "readlink", "realpath", "mktemp", "md5sum", "sha256sum", "sha1sum", "sha512sum",
    "dd", "truncate", "du", "df", "printf", "nproc", "base64", "od", "nl", "paste", "install",
    "sync", "groups", "timeout", "nice", "nohup", "arch", "printenv", "tty",
]
OTHER_DEBIAN = {"grep": 203152, "sed": 122224, "find": 224848, "xargs": 68520, "tar": 531928,
                "gzip": 98136, "hostname": 22760, "which": 1075, "getent": 35648, "rev": 14656,
                "fallocate": 27000, "kill": 31000, "ps": 137000, "free": 27000, "clear": 14568,
                "bash": 1265648, "dash": 125560, "zcat": 1984, "gunzip": 2346, "hexdump": 68000,
                "useradd": 147000, "groupadd": 84000, "usermod": 139000, "adduser": 37000,
                "addgroup": 37000, "apt-get": 51648, "apt": 18888, "dpkg": 318224, "mawk": 162992}


def make_busybox_fs(clock=None) -> TreeFS:
    """An Alpine 3.20-like root: /bin/busybox with applet symlinks, /etc/passwd, /etc/group,
    apk's database."""
    fs = TreeFS(clock=clock or (lambda: EPOCH))
    for d in ("bin", "sbin", "usr", "usr/bin", "usr/sbin", "usr/local", "usr/local/bin",
              "usr/lib", "usr/share", "etc", "etc/apk", "lib", "lib/apk", "lib/apk/db", "root",
              "home", "var", "var/cache", "var/cache/apk", "var/log", "var/tmp", "tmp", "dev",
              "proc", "sys", "run", "mnt", "opt", "srv", "media"):
        fs.mkdir("/" + d)
    fs.chmod("/tmp", 0o1777)
    fs.chmod("/var/tmp", 0o1777)
    fs.chmod("/root", 0o700)
    fs.write("/bin/busybox", FillerBlob(808712, "busybox-1.36.1"), mode=0o755)
    for a in BUSYBOX_APPLETS:
        fs.symlink("/bin/busybox", f"{APPLET_DIRS.get(a, '/usr/bin')}/{a}")
    fs.write("/sbin/apk", FillerBlob(67744, "apk-tools-2.14.4"), mode=0o755)
    fs.write("/etc/passwd", ALPINE_PASSWD)
    fs.write("/etc/group", ALPINE_GROUP)
    fs.write("/etc/shadow", "root:*::0:::::\n", mode=0o640)
    fs.chown("/etc/shadow", 0, 42)
    fs.write("/etc/hostname", "localhost\n")
    fs.write("/etc/os-release", 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\n'
             'PRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\n')
    fs.write("/etc/alpine-release", "3.20.3\n")
    fs.write("/etc/apk/repositories",
             "https://dl-cdn.alpinelinux.org/alpine/v3.20/main\n"
             "https://dl-cdn.alpinelinux.org/alpine/v3.20/community\n")
    fs.write("/etc/apk/world", "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\n"
             "libc-utils\n")
    fs.write("/lib/apk/db/installed", "")
    fs.write("/lib/ld-musl-x86_64.so.1", FillerBlob(658424, "musl-1.2.5"), mode=0o755)
    fs.symlink("ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1")
    return fs


def make_debian_fs(clock=None, python: bool = False) -> TreeFS:
    """A Debian 12 (bookworm)-like root: merged /usr, dash as /bin/sh, GNU coreutils.  With
    ``python``, also a python:3.12-like /usr/local (python3, pip)."""
    fs = TreeFS(clock=clock or (lambda: EPOCH))
    for d in ("usr", "usr/bin", "usr/sbin", "usr/lib", "usr/lib/x86_64-linux-gnu", "usr/share",
              "usr/share/doc", "usr/local", "usr/local/bin", "usr/local/lib", "etc", "etc/apt",
              "etc/apt/sources.list.d", "etc/apt/apt.conf.d", "root", "home", "var", "var/lib",
              "var/lib/dpkg", "var/lib/dpkg/info", "var/lib/apt", "var/lib/apt/lists",
              "var/lib/apt/lists/partial", "var/cache", "var/cache/apt", "var/cache/apt/archives",
              "var/cache/apt/archives/partial", "var/log", "var/tmp", "tmp", "dev", "proc",
              "sys", "run", "mnt", "opt", "srv", "media", "boot"):
        fs.mkdir("/" + d)
    for link, tgt in (("bin", "usr/bin"), ("sbin", "usr/sbin"), ("lib", "usr/lib"),
                      ("lib64", "usr/lib64")):
        fs.symlink(tgt, "/" + link)
    fs.mkdir("/usr/lib64")
    fs.chmod("/tmp", 0o1777)
    fs.chmod("/var/tmp", 0o1777)
    fs.chmod("/root", 0o700)
    for c in COREUTILS:
        fs.write("/usr/bin/" + c, FillerBlob(DEBIAN_COREUTILS[c], "coreutils-9.1:" + c),
                 mode=0o755)
    for c, size in OTHER_DEBIAN.items():
        where = "/usr/sbin/" if c in ("useradd", "groupadd", "usermod", "adduser",
                                      "addgroup") else "/usr/bin/"
        fs.write(where + c, FillerBlob(size, "debian:" + c), mode=0o755)
    fs.symlink("dash", "/usr/bin/sh")
    fs.symlink("mawk", "/usr/bin/awk")
    fs.write("/usr/lib/x86_64-linux-gnu/libc.so.6", FillerBlob(1922136, "glibc-2.36"),
             mode=0o755)
    fs.write("/etc/passwd", DEBIAN_PASSWD)
    fs.write("/etc/group", DEBIAN_GROUP)
    fs.write("/etc/shadow", "root:*:19737:0:99999:7:::\n", mode=0o640)
    fs.chown("/etc/shadow", 0, 42)
    fs.write("/etc/hostname", "localhost\n")
    fs.write("/etc/debian_version", "12.7\n")
    fs.write("/etc/os-release",
             'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\n'
             'VERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'
             'HOME_URL="https://www.debian.org/"\n')
    fs.write("/etc/apt/sources.list.d/debian.sources",
             "Types: deb\nURIs: http://deb.debian.org/debian\n"
             "Suites: bookworm bookworm-updates\nComponents: main\n"
             "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
             "Types: deb\nURIs: http://deb.debian.org/debian-security\n"
             "Suites: bookworm-security\nComponents: main\n"
             "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
    fs.write("/etc/apt/apt.conf.d/docker-gzip-indexes", 'Acquire::GzipIndexes "true";\n')
    fs.write("/etc/apt/apt.conf.d/docker-clean",
             'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb '
             '/var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\n')
    fs.write("/var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\n"
             "Priority: required\nSection: admin\nInstalled-Size: 340\nMaintainer: Santiago "
             "Vila <sanvila@debian.org>\nArchitecture: amd64\nVersion: 12.4+deb12u7\n"
             "Description: Debian base system miscellaneous files\n\n")
    if python:
        fs.mkdir("/usr/local/lib/python3.12")
        fs.mkdir("/usr/local/lib/python3.12/site-packages")
        fs.write("/usr/local/bin/python3.12", FillerBlob(14472, "python3.12"), mode=0o755)
        fs.symlink("python3.12", "/usr/local/bin/python3")
        fs.symlink("python3", "/usr/local/bin/python")
        fs.write("/usr/local/bin/pip", "#!/usr/local/bin/python3.12\n# pip launcher\n",
                 mode=0o755)
        fs.write("/usr/local/bin/pip3", "#!/usr/local/bin/python3.12\n# pip launcher\n",
                 mode=0o755)
        fs.mkdir("/usr/local/lib/python3.12/site-packages/pip")
        fs.write("/usr/local/lib/python3.12/site-packages/pip/__init__.py",
                 '__version__ = "24.2"\n')
    return fs


#: the clock of :func:`sh` (2025-11-28 08:53:20 UTC)
NOW = 1_764_320_000.0


def sh(fs, script: str, **kw):
    """Run ``script`` as ``/bin/sh -c`` on ``fs`` with a fixed clock; returns
    (ShellResult, ShellContext).  Keyword arguments go to :class:`ShellContext`."""
    from .context import ShellContext
    from .interp import Shell
    kw.setdefault("clock", lambda: NOW)
    kw.setdefault("hostname", "abc123")
    kw.setdefault("env", {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                          "HOME": "/root" if kw.get("uid", 0) == 0 else "/"})
    ctx = ShellContext(fs=fs, **kw)
    return Shell(ctx).run_script(script), ctx
