"""``ubuntu`` (linux/amd64): Canonical's minimized cloud rootfs, one ``ADD`` layer.

Modelled: ``ubuntu:24.04`` = ``noble-20241118.1`` (tags latest, 24.04, noble; Ubuntu
24.04.1 LTS; 78.1 MB) and ``ubuntu:22.04`` = ``jammy-20240911.1`` (tags 22.04, jammy; Ubuntu
22.04.5 LTS; 77.9 MB), with the classic-builder history Canonical publishes (``ARG RELEASE``,
``ARG LAUNCHPAD_BUILD_ARCH``, two ``LABEL``s, ``ADD file:<sha> in /``, ``CMD ["/bin/bash"]``)
and the ADD digests from docker-library/repo-info.  The tree is laid out by the Debian
builder with Ubuntu's texts, users (noble has the ``ubuntu`` user, uid 1000), package names
and versions and its ``excludes`` dpkg filter; binary sizes of the main tools are Ubuntu's,
the rest are Debian's (a documented approximation).
"""
from __future__ import annotations

from . import _debian_data as D
from . import debian
from ._build import Layout, digest_of, epoch, hist
from ._dpkg import Pkg
from .registry import CatalogueImage, CatalogueLayer, register

UBU = "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"

EXCLUDES = """\
# Drop all man pages
path-exclude=/usr/share/man/*

# Drop all translations
path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo

# Drop all documentation ...
path-exclude=/usr/share/doc/*

# ... except copyright files ...
path-include=/usr/share/doc/*/copyright

# ... and Debian changelogs for native & non-native packages
path-include=/usr/share/doc/*/changelog.Debian.*

# Drop all lintian overrides
path-exclude=/usr/share/lintian/*

# Drop all info pages
path-exclude=/usr/share/info/*

# Drop all groff files for man pages
path-exclude=/usr/share/groff/*
"""

LEGAL = """
The programs included with the Ubuntu system are free software;
the exact distribution terms for each program are described in the
individual files in /usr/share/doc/*/copyright.

Ubuntu comes with ABSOLUTELY NO WARRANTY, to the extent permitted by
applicable law.

"""

NOBLE_SOURCES = """\
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

## Ubuntu security updates. Aside from URIs and Suites,
## this should mirror your choices in the previous section.
Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
"""

JAMMY_SOURCES = """\
# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to
# newer versions of the distribution.
deb http://archive.ubuntu.com/ubuntu/ jammy main restricted
# deb-src http://archive.ubuntu.com/ubuntu/ jammy main restricted

## Major bug fix updates produced after the final release of the
## distribution.
deb http://archive.ubuntu.com/ubuntu/ jammy-updates main restricted
# deb-src http://archive.ubuntu.com/ubuntu/ jammy-updates main restricted

## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu
## team. Also, please note that software in universe WILL NOT receive any
## review or updates from the Ubuntu security team.
deb http://archive.ubuntu.com/ubuntu/ jammy universe
# deb-src http://archive.ubuntu.com/ubuntu/ jammy universe
deb http://archive.ubuntu.com/ubuntu/ jammy-updates universe
# deb-src http://archive.ubuntu.com/ubuntu/ jammy-updates universe

## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu
## team, and may not be under a free licence. Please satisfy yourself as to
## your rights to use the software. Also, please note that software in
## multiverse WILL NOT receive any review or updates from the Ubuntu
## security team.
deb http://archive.ubuntu.com/ubuntu/ jammy multiverse
# deb-src http://archive.ubuntu.com/ubuntu/ jammy multiverse
deb http://archive.ubuntu.com/ubuntu/ jammy-updates multiverse
# deb-src http://archive.ubuntu.com/ubuntu/ jammy-updates multiverse

## N.B. software from this repository may not have been tested as
## extensively as that contained in the main release, although it includes
## newer versions of some applications which may provide useful features.
## Also, please note that software in backports WILL NOT receive any review
## or updates from the Ubuntu security team.
deb http://archive.ubuntu.com/ubuntu/ jammy-backports main restricted universe multiverse
# deb-src http://archive.ubuntu.com/ubuntu/ jammy-backports main restricted universe multiverse

deb http://security.ubuntu.com/ubuntu/ jammy-security main restricted
# deb-src http://security.ubuntu.com/ubuntu/ jammy-security main restricted
deb http://security.ubuntu.com/ubuntu/ jammy-security universe
# deb-src http://security.ubuntu.com/ubuntu/ jammy-security universe
deb http://security.ubuntu.com/ubuntu/ jammy-security multiverse
# deb-src http://security.ubuntu.com/ubuntu/ jammy-security multiverse
"""

E2FS = {"e2fsprogs", "libext2fs2", "libss2", "logsave", "libcom-err2"}

NOBLE_VERSIONS = {
    "adduser": "3.137ubuntu1", "apt": "2.7.14build2", "base-files": "13ubuntu10.1",
    "base-passwd": "3.6.3build1", "bash": "5.2.21-2ubuntu4", "bsdutils": "1:2.39.3-9ubuntu6.1",
    "coreutils": "9.4-3ubuntu6", "dash": "0.5.12-6ubuntu5", "debconf": "1.5.86ubuntu1",
    "debianutils": "5.17build1", "diffutils": "1:3.10-1build1", "dpkg": "1.22.6ubuntu6.1",
    "findutils": "4.9.0-5build1", "gcc-14-base": "14-20240412-0ubuntu1",
    "gpgv": "2.4.4-2ubuntu17", "grep": "3.11-4build1", "gzip": "1.12-1ubuntu3",
    "hostname": "3.23+nmu2ubuntu2", "init-system-helpers": "1.66ubuntu1",
    "libacl1": "2.3.2-1build1.1", "libapt-pkg6.0t64": "2.7.14build2",
    "libattr1": "1:2.5.2-1build1.1", "libaudit-common": "1:3.1.2-2.1build1.1",
    "libaudit1": "1:3.1.2-2.1build1.1", "libblkid1": "2.39.3-9ubuntu6.1",
    "libbz2-1.0": "1.0.8-5.1build0.1", "libc-bin": "2.39-0ubuntu8.3", "libc6": "2.39-0ubuntu8.3",
    "libcap-ng0": "0.8.4-2build2", "libcap2": "1:2.66-5ubuntu2", "libcrypt1": "1:4.4.36-4build1",
    "libdb5.3t64": "5.3.28+dfsg2-7", "libdebconfclient0": "0.271ubuntu3",
    "libffi8": "3.4.6-1build1", "libgcc-s1": "14-20240412-0ubuntu1",
    "libgcrypt20": "1.10.3-2build1", "libgmp10": "2:6.3.0+dfsg-2ubuntu6",
    "libgnutls30t64": "3.8.3-1.1ubuntu3.2", "libgpg-error0": "1.47-3build2",
    "libhogweed6t64": "3.9.1-2.2build1.1", "libidn2-0": "2.3.7-2build1",
    "liblz4-1": "1.9.4-1build1.1", "liblzma5": "5.6.1+really5.4.5-1build0.1",
    "libmd0": "1.1.0-2build1", "libmount1": "2.39.3-9ubuntu6.1",
    "libnettle8t64": "3.9.1-2.2build1.1", "libp11-kit0": "0.25.3-4ubuntu2.1",
    "libpam-modules": "1.5.3-5ubuntu5.1", "libpam-modules-bin": "1.5.3-5ubuntu5.1",
    "libpam-runtime": "1.5.3-5ubuntu5.1", "libpam0g": "1.5.3-5ubuntu5.1",
    "libpcre2-8-0": "10.42-4ubuntu2", "libseccomp2": "2.5.5-1ubuntu3.1",
    "libselinux1": "3.5-2ubuntu2", "libsemanage-common": "3.5-1build5",
    "libsemanage2": "3.5-1build5", "libsepol2": "3.5-2build1",
    "libsmartcols1": "2.39.3-9ubuntu6.1", "libstdc++6": "14-20240412-0ubuntu1",
    "libsystemd0": "255.4-1ubuntu8.4", "libtasn1-6": "4.19.0-3build1",
    "libtinfo6": "6.4+20240113-1ubuntu2", "libudev1": "255.4-1ubuntu8.4",
    "libunistring5": "1.1-2build1", "libuuid1": "2.39.3-9ubuntu6.1",
    "libxxhash0": "0.8.2-2build1", "libzstd1": "1.5.5+dfsg2-2build1.1",
    "login": "1:4.13+dfsg1-4ubuntu3.2", "mawk": "1.3.4.20240123-1build1",
    "mount": "2.39.3-9ubuntu6.1", "ncurses-base": "6.4+20240113-1ubuntu2",
    "ncurses-bin": "6.4+20240113-1ubuntu2", "passwd": "1:4.13+dfsg1-4ubuntu3.2",
    "perl-base": "5.38.2-3.2build2.1", "sed": "4.9-2build1", "sysvinit-utils": "3.08-6ubuntu3",
    "tar": "1.35+dfsg-3build1", "usr-is-merged": "39ubuntu1",
    "util-linux": "2.39.3-9ubuntu6.1", "util-linux-extra": "2.39.3-9ubuntu6.1",
    "zlib1g": "1:1.3.dfsg-3.1ubuntu2.1", "ubuntu-keyring": "2023.11.28.1",
    "sensible-utils": "0.0.22", "unminimize": "0.2.1",
}
NOBLE_RENAME = {"gcc-12-base": "gcc-14-base", "libapt-pkg6.0": "libapt-pkg6.0t64",
                "libdb5.3": "libdb5.3t64", "libgnutls30": "libgnutls30t64",
                "libhogweed6": "libhogweed6t64", "libnettle8": "libnettle8t64",
                "libunistring2": "libunistring5", "debian-archive-keyring": "ubuntu-keyring"}

JAMMY_VERSIONS = {
    "adduser": "3.118ubuntu5", "apt": "2.4.13", "base-files": "12ubuntu4.7",
    "base-passwd": "3.5.52build1", "bash": "5.1-6ubuntu1.1", "bsdutils": "1:2.37.2-4ubuntu3.4",
    "coreutils": "8.32-4.1ubuntu1.2", "dash": "0.5.11+git20210903+057cd650a4ed-3build1",
    "debconf": "1.5.79ubuntu1", "debianutils": "5.5-1ubuntu2", "diffutils": "1:3.8-0ubuntu2",
    "dpkg": "1.21.1ubuntu2.3", "findutils": "4.8.0-1ubuntu3",
    "gcc-12-base": "12.3.0-1ubuntu1~22.04", "gpgv": "2.2.27-3ubuntu2.1", "grep": "3.7-1build1",
    "gzip": "1.10-4ubuntu4.1", "hostname": "3.23ubuntu2", "init-system-helpers": "1.62",
    "libacl1": "2.3.1-1", "libapt-pkg6.0": "2.4.13", "libattr1": "1:2.5.1-1build1",
    "libaudit-common": "1:3.0.7-1build1", "libaudit1": "1:3.0.7-1build1",
    "libblkid1": "2.37.2-4ubuntu3.4", "libbz2-1.0": "1.0.8-5build1",
    "libc-bin": "2.35-0ubuntu3.8", "libc6": "2.35-0ubuntu3.8", "libcap-ng0": "0.7.9-2.2build3",
    "libcap2": "1:2.44-1ubuntu0.22.04.1", "libcrypt1": "1:4.4.27-1",
    "libdb5.3": "5.3.28+dfsg1-0.8ubuntu3", "libdebconfclient0": "0.261ubuntu1",
    "libffi8": "3.4.2-4", "libgcc-s1": "12.3.0-1ubuntu1~22.04", "libgcrypt20": "1.9.4-3ubuntu3",
    "libgmp10": "2:6.2.1+dfsg-3ubuntu1", "libgnutls30": "3.7.3-4ubuntu1.5",
    "libgpg-error0": "1.43-3", "libhogweed6": "3.7.3-1build2", "libidn2-0": "2.3.2-2build1",
    "liblz4-1": "1.9.3-2build2", "liblzma5": "5.2.5-2ubuntu1", "libmd0": "1.0.4-1build1",
    "libmount1": "2.37.2-4ubuntu3.4", "libnettle8": "3.7.3-1build2",
    "libp11-kit0": "0.24.0-6build1", "libpam-modules": "1.4.0-11ubuntu2.4",
    "libpam-modules-bin": "1.4.0-11ubuntu2.4", "libpam-runtime": "1.4.0-11ubuntu2.4",
    "libpam0g": "1.4.0-11ubuntu2.4", "libpcre2-8-0": "10.39-3ubuntu0.1",
    "libseccomp2": "2.5.3-2ubuntu2", "libselinux1": "3.3-1build2",
    "libsemanage-common": "3.3-1build2", "libsemanage2": "3.3-1build2",
    "libsepol2": "3.3-1build1", "libsmartcols1": "2.37.2-4ubuntu3.4",
    "libstdc++6": "12.3.0-1ubuntu1~22.04", "libsystemd0": "249.11-0ubuntu3.12",
    "libtasn1-6": "4.18.0-4build1", "libtinfo6": "6.3-2ubuntu0.1",
    "libudev1": "249.11-0ubuntu3.12", "libunistring2": "1.0-1", "libuuid1": "2.37.2-4ubuntu3.4",
    "libxxhash0": "0.8.1-1", "libzstd1": "1.4.8+dfsg-3build1", "login": "1:4.8.1-2ubuntu2.2",
    "mawk": "1.3.4.20200120-3", "mount": "2.37.2-4ubuntu3.4", "ncurses-base": "6.3-2ubuntu0.1",
    "ncurses-bin": "6.3-2ubuntu0.1", "passwd": "1:4.8.1-2ubuntu2.2",
    "perl-base": "5.34.0-3ubuntu1.3", "sed": "4.8-1ubuntu2", "sysvinit-utils": "3.01-1ubuntu1",
    "tar": "1.34+dfsg-1ubuntu0.1.22.04.2", "util-linux": "2.37.2-4ubuntu3.4",
    "zlib1g": "1:1.2.11.dfsg-2ubuntu9.2", "ubuntu-keyring": "2021.03.26",
    "sensible-utils": "0.0.17", "libpcre3": "2:8.39-13ubuntu0.22.04.1",
}
JAMMY_RENAME = {"debian-archive-keyring": "ubuntu-keyring"}

EXTRA_PKGS = {
    "ubuntu-keyring": ("all", "misc", "important", 44, "GnuPG keys of the Ubuntu archive",
                       "The Ubuntu project digitally signs its Release files. This package\n"
                       "contains the archive keys used for that."),
    "sensible-utils": ("all", "utils", "required", 59, "Utilities for sensible alternative "
                       "selection", "This package provides a number of small utilities which "
                       "are used\nby programs to sensibly select and spawn an appropriate "
                       "browser,\neditor, or pager."),
    "unminimize": ("all", "admin", "optional", 21, "Un-minimize your minimal images or setup",
                   "This package contains the unminimize script, to restore the content and\n"
                   "functionality of a full Ubuntu server setup."),
    "libpcre3": ("amd64", "libs", "required", 687, "Old Perl 5 Compatible Regular Expression "
                 "Library - runtime files", "This is a library of functions to support regular "
                 "expressions whose syntax\nand semantics are as close as possible to those of "
                 "the Perl 5 language."),
}


def _packages(versions: dict, rename: dict, drop: set) -> list[Pkg]:
    out = []
    for t in D.BOOKWORM:
        name = t[0]
        if name in drop:
            continue
        name = rename.get(name, name)
        p = Pkg.from_tuple(t)
        p.name, p.version, p.maintainer = name, versions[name], UBU
        p.source = None
        out.append(p)
    have = {p.name for p in out}
    for name, (arch, section, prio, size, short, long) in EXTRA_PKGS.items():
        if name in versions and name not in have:
            out.append(Pkg(name, versions[name], arch, section, prio, name == "sensible-utils",
                           size, UBU, None, "", "", short, long))
    return out


def _os_release(version: str, codename: str, full: str, logo: bool) -> str:
    return (f'PRETTY_NAME="Ubuntu {version} LTS"\nNAME="Ubuntu"\nVERSION_ID="{full}"\n'
            f'VERSION="{version} LTS ({codename.capitalize()} '
            f'{"Numbat" if codename == "noble" else "Jellyfish"})"\n'
            f'VERSION_CODENAME={codename}\nID=ubuntu\nID_LIKE=debian\n'
            'HOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\n'
            'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\n'
            'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n'
            f'UBUNTU_CODENAME={codename}\n' + ("LOGO=ubuntu-logo\n" if logo else ""))


def _extra(release: str, codename: str, point: str, sizes: dict, user: bool):
    def extra(L: Layout) -> None:
        L.package("base-files")
        L.text("/etc/lsb-release", f"DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE={release}\n"
               f"DISTRIB_CODENAME={codename}\nDISTRIB_DESCRIPTION=\"Ubuntu {point} LTS\"\n")
        L.text("/etc/legal", LEGAL)
        for name, text in (("00-header", "#!/bin/sh\n#\n#    00-header - create the header "
                            "of the MOTD\n\n[ -r /etc/lsb-release ] && . /etc/lsb-release\n\n"
                            "if [ -z \"$DISTRIB_DESCRIPTION\" ] && [ -x /usr/bin/lsb_release ]; "
                            "then\n\t# Fall back to using the very slow lsb_release utility\n\t"
                            "DISTRIB_DESCRIPTION=$(lsb_release -s -d)\nfi\n\nprintf \"Welcome "
                            "to %s (%s %s %s)\\n\" \"$DISTRIB_DESCRIPTION\" \"$(uname -o)\" "
                            "\"$(uname -r)\" \"$(uname -m)\"\n"),
                           ("10-help-text", "#!/bin/sh\n\nprintf \"\\n\"\nprintf \" * "
                            "Documentation:  https://help.ubuntu.com\\n\"\nprintf \" * "
                            "Management:     https://landscape.canonical.com\\n\"\nprintf \" * "
                            "Support:        https://ubuntu.com/pro\\n\"\n")):
            L.text(f"/etc/update-motd.d/{name}", text, mode=0o755)
        L.package("sensible-utils")
        for name, size in (("select-editor", 2213), ("sensible-browser", 1324),
                           ("sensible-editor", 1302), ("sensible-pager", 1167)):
            L.blob(f"/usr/bin/{name}", size)
        L.package(None)
        L.text("/etc/dpkg/dpkg.cfg.d/excludes", EXCLUDES)
        for path, size in sizes.items():
            node = L.fs.node_at(path, follow=False)
            mode = node.mode & 0o7777
            L.blob(path, size, mode=mode)
        if user:
            L.dir("/home/ubuntu", 0o750, 1000, 1000)
            L.text("/home/ubuntu/.bash_logout", D.SKEL_BASH_LOGOUT, uid=1000, gid=1000)
            L.text("/home/ubuntu/.bashrc", D.SKEL_BASHRC, uid=1000, gid=1000)
            L.text("/home/ubuntu/.profile", D.SKEL_PROFILE, uid=1000, gid=1000)
    return extra


def _passwd_noble() -> str:
    return D.PASSWD + "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n"


def _passwd_jammy() -> str:
    return (D.PASSWD.replace("irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n",
                             "irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n"
                             "gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:"
                             "/usr/sbin/nologin\n")
            .replace("_apt:x:42:65534", "_apt:x:100:65534"))


def _profile(codename: str):
    if codename == "noble":
        release, point, debver = "24.04", "24.04.1", "trixie/sid\n"
        versions, rename, sources = NOBLE_VERSIONS, NOBLE_RENAME, [
            ("/etc/apt/sources.list", "# Ubuntu sources have moved to "
             "/etc/apt/sources.list.d/ubuntu.sources\n"),
            ("/etc/apt/sources.list.d/ubuntu.sources", NOBLE_SOURCES)]
        passwd, group = _passwd_noble(), D.GROUP + "ubuntu:x:1000:\n"
        sizes = {"/usr/bin/bash": 1446024, "/usr/bin/ls": 138216, "/usr/bin/dash": 129784,
                 "/usr/lib/x86_64-linux-gnu/libc.so.6": 2125328,
                 "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2": 236616}
        day, drop = 20046, E2FS
    else:
        release, point, debver = "22.04", "22.04.5", "bookworm/sid\n"
        versions, rename, sources = JAMMY_VERSIONS, JAMMY_RENAME, [
            ("/etc/apt/sources.list", JAMMY_SOURCES)]
        passwd = _passwd_jammy()
        group = D.GROUP.replace("irc:x:39:\n", "irc:x:39:\ngnats:x:41:\n")
        sizes = {"/usr/bin/bash": 1396520, "/usr/bin/ls": 138208, "/usr/bin/dash": 125688,
                 "/usr/lib/x86_64-linux-gnu/libc.so.6": 2220400,
                 "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2": 240936}
        day, drop = 19977, E2FS | {"usr-is-merged", "util-linux-extra"}
    pkgs = _packages(versions, rename, drop)
    return debian.Distro(
        debian_version=debver,
        os_release=_os_release(point, codename, release, codename == "noble"),
        issue=f"Ubuntu {point} LTS \\n \\l\n\n", issue_net=f"Ubuntu {point} LTS\n", motd=None,
        passwd=passwd, group=group, day=day, vendor="Ubuntu",
        origins="Vendor: Ubuntu\nVendor-URL: https://www.ubuntu.com/\nBugs: "
                "https://bugs.launchpad.net/ubuntu/+filebug\nParent: Debian\n",
        sources=sources, excludes=None, packages=lambda: pkgs, e2fsprogs=False,
        keyring="ubuntu-keyring",
        extra=_extra(release, codename, point, sizes, codename == "noble"),
        drop=drop, rename=rename)


IMAGES = {
    "noble": dict(serial="20241118.1", release="24.04", target=78_120_000,
                  args="2024-11-19T17:29:23Z", add="2024-11-19T17:29:25Z",
                  file="bcebbf0fddcba5b864d5d267b68dd23bcfb01275e6ec7bcab69bf8b56af14804",
                  digest="sha256:80dd3c3b9c6cecb9f1667e9290b3bc61b78c2678c02cbdae5f0fea92cc6734ab",
                  tags=["latest", "24.04", "noble", "noble-20241118.1"], blob_size=29751968,
                  blob="sha256:de44b265507ae44b212defcb50694d666f136b35c1090d9709068bc861bb2d64"),
    "jammy": dict(serial="20240911.1", release="22.04", target=77_860_000,
                  args="2024-09-11T16:25:16Z", add="2024-09-11T16:25:17Z",
                  file="ebe009f86035c175ba244badd298a2582914415cf62783d510eab3a311a5d4e1",
                  digest="sha256:0e5e4a57c2499249aafc3b40fcd541e9a456aab7296681a3994d631587203f97",
                  tags=["22.04", "jammy", "jammy-20240911.1"], blob_size=29535688,
                  blob="sha256:6414378b647780fee8fd903ddb9541d134a1947ce092d08bdeb23a54cb3684ac"),
}


def _rootfs(codename: str):
    v = IMAGES[codename]

    def build():
        L = Layout(epoch(v["add"]), f"ubuntu:{codename}")
        debian.lay_bookworm(L, False, _profile(codename))
        return L.finish(v["target"])
    return build


def _image(codename: str) -> None:
    v = IMAGES[codename]
    add = f"/bin/sh -c #(nop) ADD file:{v['file']} in / "
    layer = CatalogueLayer(key=f"ubuntu:{codename}-{v['serial']}", created_by=add,
                           size_hint=v["target"], builder=_rootfs(codename),
                           digest=v["blob"], compressed_size=v["blob_size"])
    nop = "/bin/sh -c #(nop)  "
    history = [
        hist(v["args"], nop + "ARG RELEASE", True),
        hist(v["args"], nop + "ARG LAUNCHPAD_BUILD_ARCH", True),
        hist(v["args"], nop + "LABEL org.opencontainers.image.ref.name=ubuntu", True),
        hist(v["args"], nop + f"LABEL org.opencontainers.image.version={v['release']}", True),
        hist(v["add"], add),
        hist(v["add"], nop + 'CMD ["/bin/bash"]', True),
    ]
    image = CatalogueImage(
        repository="ubuntu", tag=v["tags"][0], aliases=v["tags"][1:], layers=[layer],
        config={
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["/bin/bash"],
            "Labels": {"org.opencontainers.image.ref.name": "ubuntu",
                       "org.opencontainers.image.version": v["release"]},
        },
        history=history, created=v["add"], repo_digest=v["digest"] or digest_of(codename),
        version_note=f"Ubuntu {codename}-{v['serial']}",
    )
    register(image, v["tags"])


_image("noble")
_image("jammy")
