"""Data for the Debian (and Ubuntu) rootfs builders: packages, file sizes and real texts.

Package versions are Debian 12.8 as in ``debian:bookworm-20241223`` (the base of
``python:3.12.8-slim-bookworm`` and ``nginx:1.27.3``, per docker-library/repo-info).
Installed sizes are dpkg's ``Installed-Size`` (KiB) as near as known; file sizes of the
binaries are those of the bookworm amd64 packages where known, estimates otherwise.
"""
from __future__ import annotations

U = "util-linux packagers <util-linux@packages.debian.org>"
GCC = "Debian GCC Maintainers <debian-gcc@lists.debian.org>"
GLIBC = "GNU Libc Maintainers <debian-glibc@lists.debian.org>"
TLS = "Debian GnuTLS Maintainers <pkg-gnutls-maint@lists.alioth.debian.org>"
SYSD = "Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>"
SE = "Debian SELinux maintainers <selinux-devel@lists.alioth.debian.org>"
E2 = "Theodore Y. Ts'o <tytso@mit.edu>"
PAM = "Sam Hartman <hartmans@debian.org>"
SHADOW = "Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>"
NCURSES = "Craig Small <csmall@debian.org>"
GPG = "Debian GnuPG Maintainers <pkg-gnupg-maint@lists.alioth.debian.org>"
APT = "APT Development Team <deity@lists.debian.org>"

UL = "2.38.1-5+deb12u2"
LIBC = "2.36-9+deb12u9"
SYSTEMD = "252.31-1~deb12u1"
PAMV = "1.5.2-6+deb12u1"
SHADOWV = "1:4.13+dfsg1-1+b1"

# (name, version, arch, section, priority, essential, installed KiB, maintainer, source,
#  pre-depends, depends, short description, long description)
BOOKWORM = [
    ("adduser", "3.134", "all", "admin", "important", False, 849,
     "Debian Adduser Developers <adduser@packages.debian.org>", None, "",
     "passwd (>= 1:4.7)", "add and remove users and groups",
     "This package includes the 'adduser' and 'deluser' commands for creating\n"
     "and removing users."),
    ("apt", "2.6.1", "amd64", "admin", "required", False, 4245, APT, None, "",
     "adduser, gpgv | gpgv2 | gpgv1, libapt-pkg6.0 (>= 2.6.1), debian-archive-keyring, "
     "libc6 (>= 2.34), libgcc-s1 (>= 3.0), libgnutls30 (>= 3.7.5), libseccomp2 (>= 2.4.2), "
     "libstdc++6 (>= 11), libsystemd0", "commandline package manager",
     "This package provides commandline tools for searching and\n"
     "managing as well as querying information about packages\n"
     "as a low-level access to all features of the libapt-pkg library."),
    ("base-files", "12.4+deb12u8", "amd64", "admin", "required", True, 391,
     "Santiago Vila <sanvila@debian.org>", None, "", "",
     "Debian base system miscellaneous files",
     "This package contains the basic filesystem hierarchy of a Debian system, and\n"
     "several important miscellaneous files, such as /etc/debian_version,\n"
     "/etc/host.conf, /etc/issue, /etc/motd, /etc/profile, and others,\n"
     "and the text of several common licenses in use on Debian systems."),
    ("base-passwd", "3.6.1", "amd64", "admin", "required", True, 239,
     "Colin Watson <cjwatson@debian.org>", None, "", "libc6 (>= 2.34), libdebconfclient0 (>= 0.145)",
     "Debian base system master password and group files",
     "These are the canonical master copies of the user database files\n"
     "(/etc/passwd and /etc/group), containing the Debian-allocated user and\n"
     "group IDs."),
    ("bash", "5.2.15-2+b7", "amd64", "shells", "required", True, 7164,
     "Matthias Klose <doko@debian.org>", "bash (5.2.15-2)", "", "base-files (>= 2.1.12), debianutils (>= 5.6-0.1)",
     "GNU Bourne Again SHell",
     "Bash is an sh-compatible command language interpreter that executes\n"
     "commands read from the standard input or from a file.  Bash also\n"
     "incorporates useful features from the Korn and C shells (ksh and csh)."),
    ("bsdutils", "1:" + UL, "amd64", "utils", "required", True, 335, U, "util-linux (" + UL + ")",
     "libc6 (>= 2.34), libsystemd0", "", "basic utilities from 4.4BSD-Lite",
     "This package contains the bare minimum of BSD utilities needed for a\n"
     "Debian system: logger, renice, script, scriptlive, scriptreplay and wall."),
    ("coreutils", "9.1-1", "amd64", "utils", "required", True, 18062,
     "Michael Stone <mstone@debian.org>", None, "libacl1 (>= 2.2.23), libattr1 (>= 1:2.4.44), "
     "libc6 (>= 2.34), libgmp10 (>= 2:6.2.1+dfsg1), libselinux1 (>= 3.1~)", "",
     "GNU core utilities",
     "This package contains the basic file, shell and text manipulation\n"
     "utilities which are expected to exist on every operating system."),
    ("dash", "0.5.12-2", "amd64", "shells", "required", True, 191,
     "Andrej Shadura <andrewsh@debian.org>", None, "libc6 (>= 2.34)", "debianutils (>= 5.6-0.1)",
     "POSIX-compliant shell",
     "The Debian Almquist Shell (dash) is a POSIX-compliant shell derived\n"
     "from ash."),
    ("debconf", "1.5.82", "all", "admin", "required", False, 505,
     "Debconf Developers <debconf-devel@lists.alioth.debian.org>", None, "perl-base (>= 5.20.1-3~)", "",
     "Debian configuration management system",
     "Debconf is a configuration management system for debian packages. Packages\n"
     "use Debconf to ask questions when they are installed."),
    ("debian-archive-keyring", "2023.3+deb12u1", "all", "misc", "important", False, 245,
     "Debian Release Team <packages@release.debian.org>", None, "", "",
     "GnuPG archive keys of the Debian archive",
     "The Debian project digitally signs its Release files. This package\n"
     "contains the archive keys used for that."),
    ("debianutils", "5.7-0.5~deb12u1", "amd64", "utils", "required", True, 243,
     "Clint Adams <clint@debian.org>", None, "libc6 (>= 2.34)", "",
     "Miscellaneous utilities specific to Debian",
     "This package provides a number of small utilities which are used\n"
     "primarily by the installation scripts of Debian packages, although\n"
     "you may use them directly."),
    ("diffutils", "1:3.8-4", "amd64", "utils", "required", True, 1597,
     "Santiago Vila <sanvila@debian.org>", None, "libc6 (>= 2.34)", "",
     "File comparison utilities",
     "The diffutils package provides the diff, diff3, sdiff, and cmp programs."),
    ("dpkg", "1.21.22", "amd64", "admin", "required", True, 6366,
     "Dpkg Developers <debian-dpkg@lists.debian.org>", None,
     "libbz2-1.0, libc6 (>= 2.34), liblzma5 (>= 5.4.0), libmd0 (>= 0.0.0), libselinux1 (>= 3.1~), "
     "libzstd1 (>= 1.5.2), zlib1g (>= 1:1.1.4)", "tar (>= 1.28-1)",
     "Debian package management system",
     "This package provides the low-level infrastructure for handling the\n"
     "installation and removal of Debian software packages."),
    ("e2fsprogs", "1.47.0-2", "amd64", "admin", "required", False, 1541, E2, None,
     "libblkid1 (>= 2.36), libc6 (>= 2.34), libcom-err2 (>= 1.43.9), libext2fs2 (= 1.47.0-2), "
     "libss2 (>= 1.38), libuuid1 (>= 2.16), logsave", "",
     "ext2/ext3/ext4 file system utilities",
     "The ext2, ext3 and ext4 file systems are successors of the original ext\n"
     "(\"extended\") file system."),
    ("findutils", "4.9.0-4", "amd64", "utils", "required", True, 1697,
     "Andreas Metzler <ametzler@debian.org>", None, "libc6 (>= 2.34), libselinux1 (>= 3.1~)", "",
     "utilities for finding files--find, xargs",
     "GNU findutils provides utilities to find files meeting specified\n"
     "criteria and perform various actions on the files which are found."),
    ("gcc-12-base", "12.2.0-14", "amd64", "libs", "required", False, 259, GCC, "gcc-12",
     "", "", "GCC, the GNU Compiler Collection (base package)",
     "This package contains files common to all languages and libraries\n"
     "contained in the GNU Compiler Collection (GCC)."),
    ("gpgv", "2.2.40-1.1", "amd64", "utils", "important", False, 877, GPG, "gnupg2",
     "", "libbz2-1.0, libc6 (>= 2.34), libgcrypt20 (>= 1.10.0), libgpg-error0 (>= 1.42), zlib1g (>= 1:1.1.4)",
     "GNU privacy guard - signature verification tool",
     "GnuPG is GNU's tool for secure communication and data storage.\n"
     "gpgv is actually a stripped-down version of gpg which is only able\n"
     "to check signatures."),
    ("grep", "3.8-5", "amd64", "utils", "required", True, 1630,
     "Anibal Monsalve Salazar <anibal@debian.org>", None, "", "libc6 (>= 2.34), libpcre2-8-0 (>= 10.32)",
     "GNU grep, egrep and fgrep",
     "'grep' is a utility to search for text in files; it can be used from the\n"
     "command line or in scripts."),
    ("gzip", "1.12-1", "amd64", "utils", "required", True, 261,
     "Milan Kupcevic <milan@debian.org>", None, "libc6 (>= 2.34)", "",
     "GNU compression utilities",
     "This package provides the standard GNU file compression utilities, which\n"
     "are also the default compression tools for Debian."),
    ("hostname", "3.23+nmu1", "amd64", "admin", "required", True, 48,
     "Michael Meskes <meskes@debian.org>", None, "libc6 (>= 2.34)", "",
     "utility to set/show the host name or domain name",
     "This package provides commands which can be used to display the system's\n"
     "DNS name, and to display or set its hostname or NIS domain name."),
    ("init-system-helpers", "1.65.2", "all", "admin", "required", True, 131, SYSD, None,
     "perl-base (>= 5.20.1-3)", "", "helper tools for all init systems",
     "This package contains helper tools that are necessary for switching between\n"
     "the various init systems that Debian contains (e. g. sysvinit or\n"
     "systemd)."),
    ("libacl1", "2.3.1-3", "amd64", "libs", "required", False, 67,
     "Guillem Jover <guillem@debian.org>", "acl", "", "libc6 (>= 2.33)",
     "access control list - shared library",
     "This package contains the shared library containing the POSIX 1003.1e\n"
     "draft standard 17 functions for manipulating access control lists."),
    ("libapt-pkg6.0", "2.6.1", "amd64", "libs", "required", False, 3307, APT, "apt", "",
     "libbz2-1.0, libc6 (>= 2.34), libgcc-s1 (>= 3.3.1), libgcrypt20 (>= 1.10.0), "
     "liblz4-1 (>= 0.0~r127), liblzma5 (>= 5.1.1alpha+20120614), libstdc++6 (>= 11), "
     "libsystemd0 (>= 221), libudev1 (>= 183), libxxhash0 (>= 0.7.1), libzstd1 (>= 1.5.2), "
     "zlib1g (>= 1:1.2.2.3)", "package management runtime library",
     "This library provides the common functionality for searching and\n"
     "managing packages as well as information about packages."),
    ("libattr1", "1:2.5.1-4", "amd64", "libs", "required", False, 55,
     "Guillem Jover <guillem@debian.org>", "attr", "", "libc6 (>= 2.34)",
     "extended attribute handling - shared library",
     "Contains the runtime environment required by programs that make use\n"
     "of extended attributes."),
    ("libaudit-common", "1:3.0.9-1", "all", "libs", "required", False, 15,
     "Laurent Bigonville <bigon@debian.org>", "audit", "", "",
     "Dynamic library for security auditing - common files",
     "The audit-libs package contains the dynamic libraries needed for\n"
     "applications to use the audit framework."),
    ("libaudit1", "1:3.0.9-1", "amd64", "libs", "required", False, 162,
     "Laurent Bigonville <bigon@debian.org>", "audit", "",
     "libaudit-common (>= 1:3.0.9-1), libc6 (>= 2.33), libcap-ng0 (>= 0.7.9)",
     "Dynamic library for security auditing",
     "The audit-libs package contains the dynamic libraries needed for\n"
     "applications to use the audit framework."),
    ("libblkid1", UL, "amd64", "libs", "required", False, 397, U, "util-linux", "",
     "libc6 (>= 2.33)", "block device ID library",
     "The blkid library allows system programs such as fsck and mount to\n"
     "quickly and easily find block devices by filesystem UUID or label."),
    ("libbz2-1.0", "1.0.8-5+b1", "amd64", "libs", "important", False, 105,
     "Anibal Monsalve Salazar <anibal@debian.org>", "bzip2 (1.0.8-5)", "", "libc6 (>= 2.4)",
     "high-quality block-sorting file compressor library - runtime",
     "This package contains libbzip2 which is used by the bzip2 compressor."),
    ("libc-bin", LIBC, "amd64", "libs", "required", True, 2609, GLIBC, "glibc", "",
     "libc6 (>> 2.36), libc6 (<< 2.37)", "GNU C Library: Binaries",
     "This package contains utility programs related to the GNU C Library."),
    ("libc6", LIBC, "amd64", "libs", "required", False, 12987, GLIBC, "glibc", "",
     "libgcc-s1", "GNU C Library: Shared libraries",
     "Contains the standard libraries that are used by nearly all programs on\n"
     "the system. This package includes shared versions of the standard C library\n"
     "and the standard math library, as well as many others."),
    ("libcap-ng0", "0.8.3-1+b3", "amd64", "libs", "optional", False, 43,
     "Håvard F. Aasen <havard.f.aasen@pfft.no>", "libcap-ng (0.8.3-1)", "", "libc6 (>= 2.33)",
     "alternate POSIX capabilities library",
     "This library implements the user-space interfaces to the POSIX\n"
     "1003.1e capabilities available in Linux kernels."),
    ("libcap2", "1:2.66-4", "amd64", "libs", "optional", False, 88,
     "Christian Kastner <ckk@debian.org>", None, "", "libc6 (>= 2.34)",
     "POSIX 1003.1e capabilities (library)",
     "Libcap implements the user-space interfaces to the POSIX 1003.1e capabilities\n"
     "available in Linux kernels."),
    ("libcom-err2", "1.47.0-2", "amd64", "libs", "required", False, 53, E2, "e2fsprogs", "",
     "libc6 (>= 2.17)", "common error description library",
     "libcomerr is an attempt to present a common error-handling mechanism to\n"
     "manipulate the most common form of error code in a fashion that does not\n"
     "have the problems identified with mechanisms commonly in use."),
    ("libcrypt1", "1:4.4.33-2", "amd64", "libs", "required", False, 233,
     "Marco d'Itri <md@linux.it>", "libxcrypt", "libc6 (>= 2.36)", "",
     "libcrypt shared library",
     "libxcrypt is a modern library for one-way hashing of passwords."),
    ("libdb5.3", "5.3.28+dfsg2-1", "amd64", "libs", "required", False, 1969,
     "Bastian Germann <bage@debian.org>", "db5.3", "", "libc6 (>= 2.34)",
     "Berkeley v5.3 Database Libraries [runtime]",
     "This is the runtime package for programs that use the v5.3 Berkeley\n"
     "database library."),
    ("libdebconfclient0", "0.270", "amd64", "libs", "required", False, 48,
     "Debian Install System Team <debian-boot@lists.debian.org>", "cdebconf", "",
     "libc6 (>= 2.4)", "Debian Configuration Management System (C-implementation library)",
     "Debconf is a configuration management system for Debian packages."),
    ("libext2fs2", "1.47.0-2", "amd64", "libs", "required", False, 674, E2, "e2fsprogs",
     "libc6 (>= 2.34)", "", "ext2/ext3/ext4 file system libraries",
     "The ext2, ext3 and ext4 file systems are successors of the original ext\n"
     "(\"extended\") file system."),
    ("libffi8", "3.4.4-1", "amd64", "libs", "required", False, 78, GCC, "libffi", "",
     "libc6 (>= 2.34)", "Foreign Function Interface library runtime",
     "A foreign function interface is the popular name for the interface that\n"
     "allows code written in one language to call code written in another\n"
     "language."),
    ("libgcc-s1", "12.2.0-14", "amd64", "libs", "required", False, 140, GCC, "gcc-12", "",
     "gcc-12-base (= 12.2.0-14), libc6 (>= 2.35)", "GCC support library",
     "Shared version of the support library, a library of internal subroutines\n"
     "that GCC uses to overcome shortcomings of particular machines."),
    ("libgcrypt20", "1.10.1-3", "amd64", "libs", "required", False, 1489, TLS, None, "",
     "libc6 (>= 2.34), libgpg-error0 (>= 1.27)", "LGPL Crypto library - runtime library",
     "libgcrypt contains cryptographic functions.  Many important free\n"
     "ciphers, hash algorithms and public key signing algorithms have been\n"
     "implemented."),
    ("libgmp10", "2:6.2.1+dfsg1-1.1", "amd64", "libs", "required", False, 840,
     "Debian Science Team <debian-science-maintainers@lists.alioth.debian.org>", "gmp", "",
     "libc6 (>= 2.14)", "Multiprecision arithmetic library",
     "GNU MP is a programmer's library for arbitrary precision\n"
     "arithmetic (ie, a bignum package)."),
    ("libgnutls30", "3.7.9-2+deb12u3", "amd64", "libs", "important", False, 3298, TLS, "gnutls28", "",
     "libc6 (>= 2.34), libgmp10 (>= 2:6.2.1+dfsg1), libhogweed6 (>= 3.6), libidn2-0 (>= 2.0.0), "
     "libnettle8 (>= 3.7~), libp11-kit0 (>= 0.23.18.1), libtasn1-6 (>= 4.14), libunistring2 (>= 0.9.7)",
     "GNU TLS library - main runtime library",
     "GnuTLS is a portable library which implements the Transport Layer\n"
     "Security (TLS 1.0, 1.1, 1.2, 1.3) and Datagram\n"
     "Transport Layer Security (DTLS 1.0, 1.2) protocols."),
    ("libgpg-error0", "1.46-1", "amd64", "libs", "required", False, 1005, GPG, "libgpg-error", "",
     "libc6 (>= 2.34)", "GnuPG development runtime library",
     "Library that defines common error values, messages, and common\n"
     "runtime functionality for all GnuPG components."),
    ("libhogweed6", "3.8.1-2", "amd64", "libs", "required", False, 426, TLS, "nettle", "",
     "libc6 (>= 2.14), libgmp10 (>= 2:6.2.1+dfsg1), libnettle8",
     "low level cryptographic library (public-key cryptos)",
     "Nettle is a cryptographic library that is designed to fit easily in more\n"
     "or less any context."),
    ("libidn2-0", "2.3.3-1+b1", "amd64", "libs", "required", False, 372,
     "Debian Libidn team <help-libidn@gnu.org>", "libidn2 (2.3.3-1)", "",
     "libc6 (>= 2.14), libunistring2 (>= 0.9.7)",
     "Internationalized domain names (IDNA2008/TR46) library",
     "Libidn2 implements the revised algorithm for internationalized domain\n"
     "names called IDNA2008/TR46."),
    ("liblz4-1", "1.9.4-1", "amd64", "libs", "required", False, 163,
     "Nobuhiro Iwamatsu <iwamatsu@debian.org>", "lz4", "", "libc6 (>= 2.14)",
     "Fast LZ compression algorithm library - runtime",
     "LZ4 is a very fast lossless compression algorithm providing compression speed\n"
     "at 400 MB/s per core, scalable with multi-cores CPU."),
    ("liblzma5", "5.4.1-0.2", "amd64", "libs", "required", False, 347,
     "Sebastian Andrzej Siewior <sebastian@breakpoint.cc>", "xz-utils", "", "libc6 (>= 2.34)",
     "XZ-format compression library",
     "XZ is the successor to the Lempel-Ziv/Markov-chain Algorithm\n"
     "compression format."),
    ("libmd0", "1.0.4-2", "amd64", "libs", "required", False, 79,
     "Guillem Jover <guillem@debian.org>", "libmd", "", "libc6 (>= 2.33)",
     "message digest functions from BSD systems - shared library",
     "The libmd library provides various message digest (\"hash\") functions,\n"
     "as found on various BSDs on a library with the same name."),
    ("libmount1", UL, "amd64", "libs", "required", False, 434, U, "util-linux", "",
     "libblkid1 (>= 2.17.2), libc6 (>= 2.34), libselinux1 (>= 3.1~)",
     "device mounting library",
     "This device mounting library is used by mount and umount helpers."),
    ("libnettle8", "3.8.1-2", "amd64", "libs", "required", False, 447, TLS, "nettle", "",
     "libc6 (>= 2.17)", "low level cryptographic library (symmetric and one-way cryptos)",
     "Nettle is a cryptographic library that is designed to fit easily in more\n"
     "or less any context."),
    ("libp11-kit0", "0.24.1-2", "amd64", "libs", "important", False, 1455, TLS, "p11-kit", "",
     "libc6 (>= 2.34), libffi8 (>= 3.4)", "library for loading and coordinating access to PKCS#11 modules - runtime",
     "The p11-kit library provides a way to load and enumerate Public-Key\n"
     "Cryptography Standard #11 modules, along with a standard configuration\n"
     "setup for installing PKCS#11 modules so that they're discoverable."),
    ("libpam-modules", PAMV, "amd64", "admin", "required", False, 1031, PAM, "pam",
     "libaudit1 (>= 1:2.2.1), libc6 (>= 2.34), libcrypt1 (>= 1:4.3.0), libdb5.3, "
     "libpam0g (>= 1.4.1), libselinux1 (>= 3.1~), debconf (>= 0.5) | debconf-2.0, "
     "libpam-modules-bin (= " + PAMV + ")", "", "Pluggable Authentication Modules for PAM",
     "This package completes the set of modules for PAM. It includes the\n"
     "pam_unix.so module as well as some specialty modules."),
    ("libpam-modules-bin", PAMV, "amd64", "admin", "required", False, 224, PAM, "pam", "",
     "libaudit1 (>= 1:2.2.1), libc6 (>= 2.34), libcrypt1 (>= 1:4.3.0), libpam0g (>= 0.99.7.1), "
     "libselinux1 (>= 3.1~)", "Pluggable Authentication Modules for PAM - helper binaries",
     "This package contains helper binaries used by the standard set of PAM\n"
     "modules in the libpam-modules package."),
    ("libpam-runtime", PAMV, "all", "admin", "required", False, 1016, PAM, "pam", "",
     "debconf (>= 0.5) | debconf-2.0, debconf (>= 1.5.19) | cdebconf, libpam-modules (>= 1.0.1-6)",
     "Runtime support for the PAM library",
     "Contains configuration files and  directories required for\n"
     "authentication  to work on Debian systems."),
    ("libpam0g", PAMV, "amd64", "libs", "required", False, 192, PAM, "pam", "",
     "libaudit1 (>= 1:2.2.1), libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0",
     "Pluggable Authentication Modules library",
     "Contains the shared library for Linux-PAM, a library that enables the\n"
     "local system administrator to choose how applications authenticate users."),
    ("libpcre2-8-0", "10.42-1", "amd64", "libs", "required", False, 655,
     "Matthew Vernon <matthew@debian.org>", "pcre2", "", "libc6 (>= 2.14)",
     "New Perl Compatible Regular Expression Library- 8 bit runtime files",
     "This is PCRE2, the new implementation of PCRE, a library of functions\n"
     "to support regular expressions whose syntax and semantics are as\n"
     "close as possible to those of the Perl 5 language."),
    ("libseccomp2", "2.5.4-1+b3", "amd64", "libs", "optional", False, 134,
     "Kees Cook <kees@debian.org>", "libseccomp (2.5.4-1)", "", "libc6 (>= 2.14)",
     "high level interface to Linux seccomp filter",
     "This library provides a high level interface to constructing, analyzing\n"
     "and installing seccomp filters via a BPF passed to the Linux Kernel's\n"
     "prctl() syscall."),
    ("libselinux1", "3.4-1+b6", "amd64", "libs", "required", False, 227, SE, "libselinux (3.4-1)",
     "", "libc6 (>= 2.34), libpcre2-8-0 (>= 10.22)", "SELinux runtime shared libraries",
     "This package provides the shared libraries for Security-enhanced\n"
     "Linux that provides interfaces (e.g. library functions for the\n"
     "SELinux kernel APIs like getcon(), other support functions like\n"
     "getseuserbyname()) to SELinux-aware applications."),
    ("libsemanage-common", "3.4-1", "all", "libs", "required", False, 34, SE, "libsemanage",
     "", "", "Common files for SELinux policy management libraries",
     "This package provides the common files used by the shared libraries\n"
     "for SELinux policy management."),
    ("libsemanage2", "3.4-1+b5", "amd64", "libs", "required", False, 322, SE, "libsemanage (3.4-1)",
     "", "libsemanage-common (>= 3.4-1), libaudit1 (>= 1:2.2.1), libbz2-1.0, libc6 (>= 2.33), "
     "libselinux1 (>= 3.4), libsepol2 (>= 3.4)", "SELinux policy management library",
     "This package provides the shared libraries for SELinux policy management."),
    ("libsepol2", "3.4-2.1", "amd64", "libs", "required", False, 733, SE, "libsepol", "",
     "libc6 (>= 2.33)", "SELinux library for manipulating binary security policies",
     "Security-enhanced Linux is a patch of the Linux kernel and a number\n"
     "of utilities with enhanced security functionality designed to add\n"
     "mandatory access controls to Linux."),
    ("libsmartcols1", UL, "amd64", "libs", "required", False, 314, U, "util-linux", "",
     "libc6 (>= 2.33)", "smart column output alignment library",
     "This smart column output alignment library is used by fdisk utilities."),
    ("libss2", "1.47.0-2", "amd64", "libs", "required", False, 74, E2, "e2fsprogs", "",
     "libcom-err2, libc6 (>= 2.34)", "command-line interface parsing library",
     "libss provides a simple command-line interface parser which will\n"
     "accept input from the user, parse the command into an argv argument\n"
     "vector, and then dispatch it to a handler function of the application."),
    ("libstdc++6", "12.2.0-14", "amd64", "libs", "important", False, 2709, GCC, "gcc-12", "",
     "gcc-12-base (= 12.2.0-14), libc6 (>= 2.36), libgcc-s1 (>= 4.3)",
     "GNU Standard C++ Library v3",
     "This package contains an additional runtime library for C++ programs\n"
     "built with the GNU compiler."),
    ("libsystemd0", SYSTEMD, "amd64", "libs", "optional", False, 911, SYSD, "systemd", "",
     "libc6 (>= 2.34), libcap2 (>= 1:2.10), libgcrypt20 (>= 1.10.0), liblz4-1 (>= 0.0~r127), "
     "liblzma5 (>= 5.1.1alpha+20120614), libzstd1 (>= 1.5.2)", "systemd utility library",
     "The libsystemd0 library provides interfaces to various systemd components."),
    ("libtasn1-6", "4.19.0-2", "amd64", "libs", "important", False, 141, TLS, "libtasn1-6", "",
     "libc6 (>= 2.14)", "Manage ASN.1 structures (runtime)",
     "Manage ASN1 (Abstract Syntax Notation One) structures.\n"
     "The main features of this library are:\n"
     " * on-line ASN1 structure management that doesn't require any C code\n"
     "   file generation.\n"
     " * off-line ASN1 structure management with C code file generation\n"
     "   containing an array."),
    ("libtinfo6", "6.4-4", "amd64", "libs", "required", False, 525, NCURSES, "ncurses", "",
     "libc6 (>= 2.34)", "shared low-level terminfo library for terminal handling",
     "The ncurses library routines are a terminal-independent method of\n"
     "updating character screens with reasonable optimization."),
    ("libudev1", SYSTEMD, "amd64", "libs", "optional", False, 365, SYSD, "systemd", "",
     "libc6 (>= 2.34), libcap2 (>= 1:2.10)", "libudev shared library",
     "This library provides access to udev device information."),
    ("libunistring2", "1.0-2", "amd64", "libs", "required", False, 1722,
     "Jörg Frings-Fürst <debian@jff.email>", "libunistring", "", "libc6 (>= 2.34)",
     "Unicode string library for C",
     "The 'libunistring' library implements Unicode strings (in the UTF-8,\n"
     "UTF-16, and UTF-32 encodings), together with functions for Unicode\n"
     "characters (character names, classifications, properties) and\n"
     "functions for string processing (formatted output, width, word\n"
     "breaks, line breaks, normalization, case folding, regular expressions)."),
    ("libuuid1", UL, "amd64", "libs", "required", False, 65, U, "util-linux", "",
     "libc6 (>= 2.25)", "Universally Unique ID library",
     "The libuuid library generates and parses 128-bit Universally Unique\n"
     "IDs (UUIDs)."),
    ("libxxhash0", "0.8.1-1", "amd64", "libs", "required", False, 101,
     "Josue Ortega <josue@debian.org>", "xxhash", "", "libc6 (>= 2.14)",
     "shared library for xxhash",
     "xxHash is an Extremely fast Hash algorithm, running at RAM speed limits."),
    ("libzstd1", "1.5.4+dfsg2-5", "amd64", "libs", "required", False, 870,
     "Debian Med Packaging Team <debian-med-packaging@lists.alioth.debian.org>", "libzstd", "",
     "libc6 (>= 2.14)", "fast lossless compression algorithm",
     "Zstd, short for Zstandard, is a fast lossless compression algorithm, targeting\n"
     "real-time compression scenarios at zlib-level compression ratio."),
    ("login", SHADOWV, "amd64", "admin", "required", True, 2561, SHADOW, "shadow (1:4.13+dfsg1-1)",
     "libaudit1 (>= 1:2.2.1), libc6 (>= 2.34), libcrypt1 (>= 1:4.1.0), libpam0g (>= 0.99.7.1), "
     "libpam-runtime, libpam-modules (>= 1.1.8-1)", "", "system login tools",
     "This package provides some required infrastructure for logins and for\n"
     "changing effective user or group IDs, including:\n"
     " * login, the program that invokes a user shell on a virtual terminal;\n"
     " * nologin, a dummy shell for disabled user accounts;\n"
     " * su, a basic tool for executing commands as root or another user."),
    ("logsave", "1.47.0-2", "amd64", "admin", "required", False, 84, E2, "e2fsprogs", "",
     "libc6 (>= 2.34)", "save the output of a command in a log file",
     "The logsave program will execute cmd_prog with the specified\n"
     "argument(s), and save a copy of its output to logfile."),
    ("mawk", "1.3.4.20200120-3.1", "amd64", "interpreters", "required", False, 259,
     "Boyuan Yang <byang@debian.org>", None, "libc6 (>= 2.34)", "",
     "Pattern scanning and text processing language",
     "Mawk is an interpreter for the AWK Programming Language. The AWK\n"
     "language is useful for manipulation of data files, text retrieval and\n"
     "processing, and for prototyping and experimenting with algorithms."),
    ("mount", UL, "amd64", "admin", "required", False, 401, U, "util-linux", "",
     "util-linux (= " + UL + "), libblkid1 (>= 2.17.2), libc6 (>= 2.34), libmount1 (>= 2.38), "
     "libselinux1 (>= 3.1~), libsmartcols1 (>= 2.33), libudev1 (>= 183)",
     "tools for mounting and manipulating filesystems",
     "This package provides the mount(8), umount(8), swapon(8),\n"
     "swapoff(8), and losetup(8) commands."),
    ("ncurses-base", "6.4-4", "all", "misc", "required", True, 389, NCURSES, "ncurses", "", "",
     "basic terminal type definitions",
     "The ncurses library routines are a terminal-independent method of\n"
     "updating character screens with reasonable optimization."),
    ("ncurses-bin", "6.4-4", "amd64", "utils", "required", True, 639, NCURSES, "ncurses",
     "libc6 (>= 2.34), libtinfo6 (>= 6.4)", "", "terminal-related programs and man pages",
     "The ncurses library routines are a terminal-independent method of\n"
     "updating character screens with reasonable optimization."),
    ("passwd", SHADOWV, "amd64", "admin", "required", False, 2794, SHADOW, "shadow (1:4.13+dfsg1-1)",
     "", "libaudit1 (>= 1:2.2.1), libc6 (>= 2.34), libcrypt1 (>= 1:4.1.0), libpam0g (>= 0.99.7.1), "
     "libselinux1 (>= 3.1~), libsemanage2 (>= 2.0.3), libpam-modules",
     "change and administer password and group data",
     "This package includes passwd, chsh, chfn, and many other programs to\n"
     "maintain password and group data."),
    ("perl-base", "5.36.0-7+deb12u1", "amd64", "perl", "required", True, 7574,
     "Niko Tyni <ntyni@debian.org>", "perl", "libc6 (>= 2.35), libcrypt1 (>= 1:4.1.0)",
     "dpkg (>= 1.17.17)", "minimal Perl system",
     "Perl is a scripting language used in many system scripts and utilities.\n"
     "This package provides a Perl interpreter and the small subset of the\n"
     "standard run-time library required to perform basic tasks."),
    ("sed", "4.9-1", "amd64", "utils", "required", True, 1000,
     "Clint Adams <clint@debian.org>", None, "libacl1 (>= 2.2.23), libc6 (>= 2.34), "
     "libselinux1 (>= 3.1~)", "", "GNU stream editor for filtering/transforming text",
     "sed reads the specified files or the standard input if no\n"
     "files are specified, makes editing changes according to a\n"
     "list of commands, and writes the results to the standard\n"
     "output."),
    ("sysvinit-utils", "3.06-4", "amd64", "admin", "required", True, 84,
     "Debian sysvinit maintainers <debian-init-diversity@chiark.greenend.org.uk>", "sysvinit",
     "", "libc6 (>= 2.34)", "System-V-like utilities",
     "This package contains the important System-V-like utilities."),
    ("tar", "1.34+dfsg-1.2+deb12u1", "amd64", "utils", "required", True, 3152,
     "Janos Lenart <ocsi@debian.org>", None, "libacl1 (>= 2.2.23), libc6 (>= 2.34), "
     "libselinux1 (>= 3.1~)", "", "GNU version of the tar archiving utility",
     "Tar is a program for packaging a set of files as a single archive in tar\n"
     "format."),
    ("usr-is-merged", "37~deb12u1", "all", "oldlibs", "required", True, 18,
     "Marco d'Itri <md@linux.it>", "usrmerge", "", "",
     "Transitional package to assert a merged-/usr system",
     "This package asserts that the system on which it is installed has a\n"
     "merged-/usr layout."),
    ("util-linux", UL, "amd64", "utils", "required", True, 3559, U, None,
     "libblkid1 (>= 2.37.2), libc6 (>= 2.34), libcap-ng0 (>= 0.7.9), libcrypt1 (>= 1:4.1.0), "
     "libmount1 (>= 2.38), libpam0g (>= 0.99.7.1), libselinux1 (>= 3.1~), libsmartcols1 (>= 2.38), "
     "libsystemd0, libtinfo6 (>= 6), libudev1 (>= 183), libuuid1 (>= 2.16), zlib1g (>= 1:1.1.4)",
     "", "miscellaneous system utilities",
     "This package contains a number of important utilities, most of which\n"
     "are oriented towards maintenance of your system."),
    ("util-linux-extra", UL, "amd64", "utils", "required", False, 322, U, "util-linux", "",
     "libc6 (>= 2.34), libsmartcols1 (>= 2.28~rc1), libuuid1 (>= 2.16)",
     "interactive login tools",
     "This package contains a number of important utilities, most of which\n"
     "are oriented towards maintenance of your system."),
    ("zlib1g", "1:1.2.13.dfsg-1", "amd64", "libs", "required", False, 168,
     "Mark Brown <broonie@debian.org>", "zlib", "", "libc6 (>= 2.14)",
     "compression library - runtime",
     "zlib is a library implementing the deflate compression method found\n"
     "in gzip and PKZIP.  This package includes the shared library."),
]

# ---------------------------------------------------------------------------- binaries
# (path, size) of the executables and libraries each package ships on amd64.
COREUTILS = {
    "arch": 35664, "b2sum": 64464, "base32": 39760, "base64": 39760, "basename": 35664,
    "basenc": 52048, "cat": 44016, "chcon": 68496, "chgrp": 68432, "chmod": 64336,
    "chown": 72528, "cksum": 100688, "comm": 39760, "cp": 151152, "csplit": 105552,
    "cut": 48112, "date": 108920, "dd": 80272, "df": 93584, "dir": 151344,
    "dircolors": 47984, "dirname": 35664, "du": 105456, "echo": 35632, "env": 48176,
    "expand": 39760, "expr": 109968, "factor": 72304, "false": 35664, "fmt": 43856,
    "fold": 39760, "groups": 35664, "head": 43856, "hostid": 35664, "id": 39760,
    "install": 159312, "join": 52112, "link": 35664, "ln": 68464, "logname": 35664,
    "ls": 151344, "md5sum": 43952, "mkdir": 72440, "mkfifo": 39888, "mknod": 43984,
    "mktemp": 39760, "mv": 143088, "nice": 35664, "nl": 43856, "nohup": 35664,
    "nproc": 35664, "numfmt": 64464, "od": 64464, "paste": 39760, "pathchk": 35664,
    "pinky": 39824, "pr": 72464, "printenv": 35664, "printf": 52112, "ptx": 105552,
    "pwd": 39760, "readlink": 39760, "realpath": 39760, "rm": 60240, "rmdir": 39856,
    "runcon": 35856, "seq": 47984, "sha1sum": 39760, "sha224sum": 43856, "sha256sum": 43856,
    "sha384sum": 52048, "sha512sum": 52048, "shred": 52048, "shuf": 47984, "sleep": 35664,
    "sort": 117104, "split": 56144, "stat": 80080, "stdbuf": 48144, "stty": 76368,
    "sum": 39760, "sync": 35664, "tac": 39760, "tail": 64464, "tee": 39760, "test": 43808,
    "[": 47904, "timeout": 39824, "touch": 93200, "tr": 47984, "true": 35664,
    "truncate": 39760, "tsort": 39760, "tty": 35664, "uname": 35664, "unexpand": 39760,
    "uniq": 43856, "unlink": 35664, "users": 35728, "vdir": 151344, "wc": 48144,
    "who": 51976, "whoami": 35664, "yes": 35664,
}

UTIL_LINUX_BIN = {
    "chrt": 31200, "choom": 22664, "fallocate": 31080, "findmnt": 76256, "flock": 27160,
    "getopt": 22808, "hardlink": 39176, "ionice": 22856, "ipcmk": 22888, "ipcrm": 22904,
    "ipcs": 55768, "lsblk": 125832, "lscpu": 104264, "lsipc": 63752, "lsirq": 43048,
    "lslocks": 43240, "lslogins": 63936, "lsmem": 43056, "lsns": 51440, "mcookie": 31000,
    "mesg": 14472, "more": 43296, "mountpoint": 18784, "namei": 31016, "nsenter": 35288,
    "prlimit": 39336, "rename.ul": 22816, "resizepart": 18680, "rev": 14472,
    "setarch": 27232, "setpriv": 51328, "setsid": 14472, "setterm": 47144, "su": 72000,
    "taskset": 31224, "uclampset": 22896, "unshare": 47184, "utmpdump": 23008,
    "whereis": 35208, "wdctl": 35352, "dmesg": 84960, "lsfd": 96056, "pipesz": 22792,
    "scriptlive": 51560, "waitpid": 14632, "fincore": 35344, "irqtop": 39224,
}
UTIL_LINUX_SBIN = {
    "agetty": 68600, "blkdiscard": 35272, "blkid": 47504, "blkzone": 35336,
    "blockdev": 35192, "chcpu": 22848, "ctrlaltdel": 14568, "findfs": 14480,
    "fsck": 51432, "fsck.minix": 59584, "fsfreeze": 14512, "fstrim": 39232,
    "isosize": 14504, "ldattach": 22896, "mkfs": 14536, "mkfs.bfs": 23032,
    "mkfs.minix": 43344, "mkswap": 39376, "pivot_root": 14512, "runuser": 63896,
    "sulogin": 59416, "swaplabel": 22928, "switch_root": 22800, "wipefs": 39288,
    "zramctl": 55880,
}

GLIBC_LIBS = {
    "libc.so.6": 1922136, "ld-linux-x86-64.so.2": 210904, "libm.so.6": 907784,
    "libresolv.so.2": 68104, "libdl.so.2": 14480, "libpthread.so.0": 14480,
    "librt.so.1": 14664, "libutil.so.1": 14480, "libanl.so.1": 14480,
    "libnss_compat.so.2": 43968, "libnss_dns.so.2": 14480, "libnss_files.so.2": 14480,
    "libnss_hesiod.so.2": 26896, "libBrokenLocale.so.1": 14480, "libthread_db.so.1": 43512,
    "libc_malloc_debug.so.0": 64096, "libmemusage.so": 18520, "libpcprofile.so": 14400,
    "libnsl.so.1": 97760,
}

# gconv modules (the bulk of libc6): a representative set, rescaled to fit the layer.
GCONV = ["ANSI_X3.110.so", "BIG5.so", "BIG5HKSCS.so", "CP1250.so", "CP1251.so", "CP1252.so",
         "CP932.so", "EUC-JP.so", "EUC-KR.so", "EUC-TW.so", "GB18030.so", "GBK.so",
         "IBM1047.so", "IBM850.so", "ISO-2022-JP.so", "ISO-2022-KR.so", "ISO8859-1.so",
         "ISO8859-15.so", "ISO8859-2.so", "ISO8859-5.so", "ISO8859-7.so", "KOI8-R.so",
         "KOI8-U.so", "SJIS.so", "TCVN5712-1.so", "UHC.so", "UNICODE.so", "UTF-16.so",
         "UTF-32.so", "UTF-7.so", "libCNS.so", "libGB.so", "libISOIR165.so", "libJIS.so",
         "libJISX0213.so", "libKSC.so"]

# ---------------------------------------------------------------------------- texts
OS_RELEASE = """\
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
"""

MOTD = """
The programs included with the Debian GNU/Linux system are free software;
the exact distribution terms for each program are described in the
individual files in /usr/share/doc/*/copyright.

Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent
permitted by applicable law.
"""

PASSWD = """\
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
"""

GROUP = """\
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
"""

SHELLS = """\
# /etc/shells: valid login shells
/bin/sh
/usr/bin/sh
/bin/bash
/usr/bin/bash
/bin/rbash
/usr/bin/rbash
/bin/dash
/usr/bin/dash
"""

PROFILE = """\
# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH

if [ "${PS1-}" ]; then
  if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
    # The file bash.bashrc already sets the default PS1.
    # PS1='\\h:\\w\\$ '
    if [ -f /etc/bash.bashrc ]; then
      . /etc/bash.bashrc
    fi
  else
    if [ "$(id -u)" -eq 0 ]; then
      PS1='# '
    else
      PS1='$ '
    fi
  fi
fi

if [ -d /etc/profile.d ]; then
  for i in /etc/profile.d/*.sh; do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
"""

BASH_BASHRC = """\
# System-wide .bashrc file for interactive bash(1) shells.

# To enable the settings / commands in this file for login shells as well,
# this file has to be sourced in /etc/profile.

# If not running interactively, don't do anything
[ -z "${PS1-}" ] && return

# check the window size after each command and, if necessary,
# update the values of LINES and COLUMNS.
shopt -s checkwinsize

# set variable identifying the chroot you work in (used in the prompt below)
if [ -z "${debian_chroot:-}" ] && [ -r /etc/debian_chroot ]; then
    debian_chroot=$(cat /etc/debian_chroot)
fi

# set a fancy prompt (non-color, overwrite the one in /etc/profile)
# but only if not SUDOing and have SUDO_PS1 set; then assume smart user.
if ! [ -n "${SUDO_USER-}" -a -n "${SUDO_PS1-}" ]; then
  PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
fi

# Commented out, don't overwrite xterm -T "title" -n "icontitle" by default.
# If this is an xterm set the title to user@host:dir
#case "$TERM" in
#xterm*|rxvt*)
#    PROMPT_COMMAND='echo -ne "\\033]0;${USER}@${HOSTNAME}: ${PWD}\\007"'
#    ;;
#*)
#    ;;
#esac

# enable bash completion in interactive shells
#if ! shopt -oq posix; then
#  if [ -f /usr/share/bash-completion/bash_completion ]; then
#    . /usr/share/bash-completion/bash_completion
#  elif [ -f /etc/bash_completion ]; then
#    . /etc/bash_completion
#  fi
#fi

# if the command-not-found package is installed, use it
if [ -x /usr/lib/command-not-found -o -x /usr/share/command-not-found/command-not-found ]; then
	function command_not_found_handle {
	        # check because c-n-f could've been removed in the meantime
                if [ -x /usr/lib/command-not-found ]; then
		   /usr/lib/command-not-found -- "$1"
                   return $?
                elif [ -x /usr/share/command-not-found/command-not-found ]; then
		   /usr/share/command-not-found/command-not-found -- "$1"
                   return $?
		else
		   printf "%s: command not found\\n" "$1" >&2
		   return 127
		fi
	}
fi
"""

ROOT_BASHRC = """\
# ~/.bashrc: executed by bash(1) for non-login shells.

# Note: PS1 is set in /etc/profile, and the default umask is defined
# in /etc/login.defs. You should not need this unless you want different
# defaults for root.
# PS1='${debian_chroot:+($debian_chroot)}\\h:\\w\\$ '
# umask 022

# You may uncomment the following lines if you want `ls' to be colorized:
# export LS_OPTIONS='--color=auto'
# eval "$(dircolors)"
# alias ls='ls $LS_OPTIONS'
# alias ll='ls $LS_OPTIONS -l'
# alias l='ls $LS_OPTIONS -lA'
#
# Some more alias to avoid making mistakes:
# alias rm='rm -i'
# alias cp='cp -i'
# alias mv='mv -i'
"""

ROOT_PROFILE = """\
# ~/.profile: executed by Bourne-compatible login shells.

if [ "$BASH" ]; then
  if [ -f ~/.bashrc ]; then
    . ~/.bashrc
  fi
fi

mesg n 2> /dev/null || true
"""

SKEL_BASH_LOGOUT = """\
# ~/.bash_logout: executed by bash(1) when login shell exits.

# when leaving the console clear the screen to increase privacy

if [ "$SHLVL" = 1 ]; then
    [ -x /usr/bin/clear_console ] && /usr/bin/clear_console -q
fi
"""

SKEL_BASHRC = """\
# ~/.bashrc: executed by bash(1) for non-login shells.
# see /usr/share/doc/bash/examples/startup-files (in the package bash-doc)
# for examples

# If not running interactively, don't do anything
case $- in
    *i*) ;;
      *) return;;
esac

# don't put duplicate lines or lines starting with space in the history.
# See bash(1) for more options
HISTCONTROL=ignoreboth

# append to the history file, don't overwrite it
shopt -s histappend

# for setting history length see HISTSIZE and HISTFILESIZE in bash(1)
HISTSIZE=1000
HISTFILESIZE=2000

# check the window size after each command and, if necessary,
# update the values of LINES and COLUMNS.
shopt -s checkwinsize

# If set, the pattern "**" used in a pathname expansion context will
# match all files and zero or more directories and subdirectories.
#shopt -s globstar

# make less more friendly for non-text input files, see lesspipe(1)
#[ -x /usr/bin/lesspipe ] && eval "$(SHELL=/bin/sh lesspipe)"

# set variable identifying the chroot you work in (used in the prompt below)
if [ -z "${debian_chroot:-}" ] && [ -r /etc/debian_chroot ]; then
    debian_chroot=$(cat /etc/debian_chroot)
fi

# set a fancy prompt (non-color, unless we know we "want" color)
case "$TERM" in
    xterm-color|*-256color) color_prompt=yes;;
esac

# uncomment for a colored prompt, if the terminal has the capability; turned
# off by default to not distract the user: the focus in a terminal window
# should be on the output of commands, not on the prompt
#force_color_prompt=yes

if [ -n "$force_color_prompt" ]; then
    if [ -x /usr/bin/tput ] && tput setaf 1 >&/dev/null; then
	# We have color support; assume it's compliant with Ecma-48
	# (ISO/IEC-6429). (Lack of such support is extremely rare, and such
	# a case would tend to support setf rather than setaf.)
	color_prompt=yes
    else
	color_prompt=
    fi
fi

if [ "$color_prompt" = yes ]; then
    PS1='${debian_chroot:+($debian_chroot)}\\[\\033[01;32m\\]\\u@\\h\\[\\033[00m\\]:\\[\\033[01;34m\\]\\w\\[\\033[00m\\]\\$ '
else
    PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
fi
unset color_prompt force_color_prompt

# If this is an xterm set the title to user@host:dir
case "$TERM" in
xterm*|rxvt*)
    PS1="\\[\\e]0;${debian_chroot:+($debian_chroot)}\\u@\\h: \\w\\a\\]$PS1"
    ;;
*)
    ;;
esac

# enable color support of ls and also add handy aliases
if [ -x /usr/bin/dircolors ]; then
    test -r ~/.dircolors && eval "$(dircolors -b ~/.dircolors)" || eval "$(dircolors -b)"
    alias ls='ls --color=auto'
    #alias dir='dir --color=auto'
    #alias vdir='vdir --color=auto'

    #alias grep='grep --color=auto'
    #alias fgrep='fgrep --color=auto'
    #alias egrep='egrep --color=auto'
fi

# colored GCC warnings and errors
#export GCC_COLORS='error=01;31:warning=01;35:note=01;36:caret=01;32:locus=01:quote=01'

# some more ls aliases
#alias ll='ls -l'
#alias la='ls -A'
#alias l='ls -CF'

# Alias definitions.
# You may want to put all your additions into a separate file like
# ~/.bash_aliases, instead of adding them here directly.
# See /usr/share/doc/bash-doc/examples in the bash-doc package.

if [ -f ~/.bash_aliases ]; then
    . ~/.bash_aliases
fi

# enable programmable completion features (you don't need to enable
# this, if it's already enabled in /etc/bash.bashrc and /etc/profile
# sources /etc/bash.bashrc).
if ! shopt -oq posix; then
  if [ -f /usr/share/bash-completion/bash_completion ]; then
    . /usr/share/bash-completion/bash_completion
  elif [ -f /etc/bash_completion ]; then
    . /etc/bash_completion
  fi
fi
"""

SKEL_PROFILE = """\
# ~/.profile: executed by the command interpreter for login shells.
# This file is not read by bash(1), if ~/.bash_profile or ~/.bash_login
# exists.
# see /usr/share/doc/bash/examples/startup-files for examples.
# the files are located in the bash-doc package.

# the default umask is set in /etc/profile; for setting the umask
# for ssh logins, install and configure the libpam-umask package.
#umask 022

# if running bash
if [ -n "$BASH_VERSION" ]; then
    # include .bashrc if it exists
    if [ -f "$HOME/.bashrc" ]; then
	. "$HOME/.bashrc"
    fi
fi

# set PATH so it includes user's private bin if it exists
if [ -d "$HOME/bin" ] ; then
    PATH="$HOME/bin:$PATH"
fi

# set PATH so it includes user's private bin if it exists
if [ -d "$HOME/.local/bin" ] ; then
    PATH="$HOME/.local/bin:$PATH"
fi
"""

NSSWITCH = """\
# /etc/nsswitch.conf
#
# Example configuration of GNU Name Service Switch functionality.
# If you have the `glibc-doc-reference' and `info' packages installed, try:
# `info libc "Name Service Switch"' for information about this file.

passwd:         files
group:          files
shadow:         files
gshadow:        files

hosts:          files dns
networks:       files

protocols:      db files
services:       db files
ethers:         db files
rpc:            db files

netgroup:       nis
"""

HOST_CONF = "multi on\n"

LD_SO_CONF = "include /etc/ld.so.conf.d/*.conf\n\n"

DOCKER_CLEAN = """\
# Since for most Docker users, package installs happen in "docker build" steps,
# they essentially become individual layers due to the way Docker handles
# layering, especially using CoW filesystems.  What this means for us is that
# the caches that APT keeps end up just wasting space in those layers, making
# our layers unnecessarily large (especially since we'll normally never use
# these caches again and will instead just "docker build" again and make a brand
# new image).

# Ideally, these would just be invoking "apt-get clean", but in our testing,
# that ended up being cyclic and we got stuck on APT's lock, so we get this fun
# creation that's essentially just "apt-get clean".
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };

Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";

# Note that we do realize this isn't the ideal way to do this, and are always
# open to better suggestions (https://github.com/debuerreotype/debuerreotype/issues).
"""

DOCKER_AUTOREMOVE = """\
# Since Docker users are looking for the smallest possible final images, the
# following emerges as a very common pattern:

#   RUN apt-get update \\
#       && apt-get install -y <packages> \\
#       && <do some compilation work> \\
#       && apt-get purge -y --auto-remove <packages>

# By default, APT will actually _keep_ packages installed via Recommends or
# Depends if another package Suggests them, even and including if the package
# that originally caused them to be installed is removed.  Setting this to
# "false" ensures that APT is appropriately aggressive about removing the
# packages it added.

# https://aptitude.alioth.debian.org/doc/en/ch02s05s05.html#configApt-AutoRemove-SuggestsImportant
Apt::AutoRemove::SuggestsImportant "false";
"""

DOCKER_GZIP = """\
# Since Docker users using "RUN apt-get update && apt-get install -y ..." in
# their Dockerfiles don't go delete the lists files afterwards, we want them to
# be as small as possible on-disk, so we explicitly request that Apt keep them
# compressed on-disk too instead of decompressing them.

# For comparison, an "apt-get update" layer without this on a pristine
# "debian:wheezy" base image was "29.88 MB", where with this it was only
# "8.273 MB".

Acquire::GzipIndexes "true";
"""

DOCKER_NO_LANGUAGES = """\
# In Docker, we don't often need the "Translations" files, so we're just wasting
# time and space by downloading them, and this inhibits that.  For users that do
# need them, it's a simple matter to delete this file and "apt-get update". :)

Acquire::Languages "none";
"""

DOCKER_APT_SPEEDUP = """\
# For most Docker users, package installs happen during "docker build", which
# doesn't survive power loss and gets restarted clean afterwards anyhow, so
# this minor tweak gives us a nice speedup (much nicer on spinning disks,
# obviously).

force-unsafe-io
"""

DPKG_SLIM = """\
# This is the "slim" variant of the Debian base image.
# Many files which are normally unnecessary in containers are excluded,
# and this configuration file keeps them that way.

path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
"""

DPKG_CFG = """\
# dpkg configuration file
#
# This file can contain default options for dpkg.  All command-line
# options are allowed.  Values can be specified by putting them after
# the option, separated by whitespace and/or an `=' sign.
#

# Do not enable debsig-verify by default; since the distribution is not using
# embedded signatures, debsig-verify would reject all packages.
no-debsig

# Log status changes and actions to a file.
log /var/log/dpkg.log
"""

APT_AUTOREMOVE = """\
APT
{
  NeverAutoRemove
  {
	"^firmware-linux.*";
	"^linux-firmware$";
	"^linux-image-[a-z0-9]*$";
	"^linux-image-[a-z0-9]*-[a-z0-9]*$";
  };

  VersionedKernelPackages
  {
	# kernels
	"linux-.*";
	"kfreebsd-.*";
	"gnumach-.*";
	# (out-of-tree) modules
	".*-modules";
	".*-kernel";
  };

  Never-MarkAuto-Sections
  {
	"metapackages";
	"tasks";
  };

  Move-Autobit-Sections
  {
	"oldlibs";
  };
};
"""

ADDUSER_CONF = """\
# /etc/adduser.conf: `adduser' configuration.
# See adduser(8) and adduser.conf(5) for full documentation.

# A commented out setting indicates that this is the default in the
# code. If you need to change those settings, remove the comment and
# make your intended change.

# The login shell to be used for all new users.
# Default: DSHELL=/bin/bash
#DSHELL=/bin/bash

# The directory in which new home directories should be created.
# Default: DHOME=/home
#DHOME=/home

# The directory from which skeletal user configuration files
# will be copied.
# Default: SKEL=/etc/skel
#SKEL=/etc/skel

# Specify inclusive ranges of UIDs and GIDs from which UIDs and GIDs
# for system users, system groups, non-system users and non-system groups
# can be dynamically allocated.
# Default: FIRST_SYSTEM_UID=100, LAST_SYSTEM_UID=999
#FIRST_SYSTEM_UID=100
#LAST_SYSTEM_UID=999

# Default: FIRST_SYSTEM_GID=100, LAST_SYSTEM_GID=999
#FIRST_SYSTEM_GID=100
#LAST_SYSTEM_GID=999

# Default: FIRST_UID=1000, LAST_UID=59999
#FIRST_UID=1000
#LAST_UID=59999

# Default: FIRST_GID=1000, LAST_GID=59999
#FIRST_GID=1000
#LAST_GID=59999

# Specify a file or a directory containing UID and GID pool.
#UID_POOL=/etc/adduser-pool.conf
#UID_POOL=/etc/adduser-pool.d/
#GID_POOL=/etc/adduser-pool.conf
#GID_POOL=/etc/adduser-pool.d/

# Specify whether each created non-system user will be
# given their own group to use.
# Default: USERGROUPS=yes
#USERGROUPS=yes

# Defines the groupname or GID of the group all newly-created
# non-system users are placed into.
# It is a configuration error to define both variables
# even if the values are consistent.
# Default: USERS_GID=undefined, USERS_GROUP=users
#USERS_GID=100
#USERS_GROUP=users

# The permissions mode for home directories of non-system users.
# Default: DIR_MODE=0700
#DIR_MODE=0700

# The permissions mode for home directories of system users.
# Default: SYS_DIR_MODE=0755
#SYS_DIR_MODE=0755

# If set to a nonempty value, new users will have quotas copied
# from that user with `edquota -p QUOTAUSER newuser'
# Default: QUOTAUSER=""
#QUOTAUSER=""

# Non-system user- and groupnames are checked against this regular
# expression.
# Default: NAME_REGEX="^[a-z][-a-z0-9_]*\\$?$"
#NAME_REGEX="^[a-z][-a-z0-9_]*\\$?$"

# System user- and groupnames are checked against this regular
# expression.
# Default: SYS_NAME_REGEX="^[a-z_][-a-z0-9_]*\\$?$"
#SYS_NAME_REGEX="^[a-z_][-a-z0-9_]*\\$?$"

# When populating the newly created home directory of a non-system user,
# files in SKEL matching this regex are not copied.
# Default: SKEL_IGNORE_REGEX="\\.(dpkg|ucf)-(old|new|dist|save)$"
#SKEL_IGNORE_REGEX="\\.(dpkg|ucf)-(old|new|dist|save)$"

# list of groups that new non-system users will be added to
# if ADD_EXTRA_GROUPS is non-zero or set on the command line.
# Default: EXTRA_GROUPS="users"
#EXTRA_GROUPS="users"

# Setting this to something other than 0 will cause adduser to add
# newly created non-system users to the list of groups defined by
# EXTRA_GROUPS.
# Default: ADD_EXTRA_GROUPS=0
#ADD_EXTRA_GROUPS=0

# use extrausers by default
# Default: USE_EXTRAUSERS=0
#USE_EXTRAUSERS=0
"""

LOGIN_DEFS = """\
#
# /etc/login.defs - Configuration control definitions for the login package.
#
# Three items must be defined:  MAIL_DIR, ENV_SUPATH, and ENV_PATH.
# If unspecified, some arbitrary (and possibly incorrect) value will
# be assumed.  All other items are optional - if not specified then
# the described action or option will be inhibited.
#
# Comment lines (lines beginning with "#") and blank lines are ignored.
#
# Modified for Linux.  --marekm

# REQUIRED for useradd/userdel/usermod
#   Directory where mailboxes reside, _or_ name of file, relative to the
#   home directory.  If you _do_ define MAIL_DIR and MAIL_FILE,
#   MAIL_DIR takes precedence.
#
#   Essentially:
#      - MAIL_DIR defines the location of users mail spool files
#        (for mbox use) by appending the username to MAIL_DIR as defined
#        below.
#      - MAIL_FILE defines the location of the users mail spool files as the
#        fully-qualified filename obtained by prepending the user home
#        directory before $MAIL_FILE
#
# NOTE: This is no more used for setting up users MAIL environment variable
#       which is, starting from shadow 4.0.12-1 in Debian, entirely the
#       job of the pam_mail PAM modules
#       See default PAM configuration files provided for
#       login, su, etc.
#
# This is a temporary situation: setting these variables will soon
# move to /etc/default/useradd and the variables will then be
# no more supported
MAIL_DIR        /var/mail
#MAIL_FILE      .mail

#
# Enable logging and display of /var/log/faillog login failure info.
# This option conflicts with the pam_tally PAM module.
#
FAILLOG_ENAB		yes

#
# Enable display of unknown usernames when login failures are recorded.
#
# WARNING: Unknown usernames may become world readable.
# See #290803 and #298773 for details about how this could become a security
# concern
LOG_UNKFAIL_ENAB	no

#
# Enable logging of successful logins
#
LOG_OK_LOGINS		no

#
# Enable "syslog" logging of su activity - in addition to sulog file logging.
# SYSLOG_SG_ENAB does the same for newgrp and sg.
#
SYSLOG_SU_ENAB		yes
SYSLOG_SG_ENAB		yes

#
# If defined, all su activity is logged to this file.
#
#SULOG_FILE	/var/log/sulog

#
# If defined, file which maps tty line to TERM environment parameter.
# Each line of the file is in a format something like "vt100  tty01".
#
#TTYTYPE_FILE	/etc/ttytype

#
# If defined, login failures will be logged here in a utmp format
# last, when invoked as lastb, will read /var/log/btmp, so...
#
FTMP_FILE	/var/log/btmp

#
# If defined, the command name to display when running "su -".  For
# example, if this is defined as "su" then a "ps" will display the
# command is "-su".  If not defined, then "ps" would display the
# name of the shell actually being run, e.g. something like "-sh".
#
SU_NAME		su

#
# If defined, file which inhibits all the usual chatter during the login
# sequence.  If a full pathname, then hushed mode will be enabled if the
# user's name or shell are found in the file.  If not a full pathname, then
# hushed mode will be enabled if the file exists in the user's home directory.
#
HUSHLOGIN_FILE	.hushlogin
#HUSHLOGIN_FILE	/etc/hushlogins

#
# *REQUIRED*  The default PATH settings, for superuser and normal users.
#
# (they are minimal, add the rest in the shell startup files)
ENV_SUPATH	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV_PATH	PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games

#
# Terminal permissions
#
#	TTYGROUP	Login tty will be assigned this group ownership.
#	TTYPERM		Login tty will be set to this permission.
#
# If you have a "write" program which is "setgid" to a special group
# which owns the terminals, define TTYGROUP to the group number and
# TTYPERM to 0620.  Otherwise leave TTYGROUP commented out and assign
# TTYPERM to either 622 or 600.
#
# In Debian /usr/bin/bsd-write or similar programs are setgid tty
# However, the default and recommended value for TTYPERM is still 0600
# to not allow anyone to write to anyone else console or terminal

# Users can still allow other people to write them by issuing
# the "mesg y" command.

TTYGROUP	tty
TTYPERM		0600

#
# Login configuration initializations:
#
#	ERASECHAR	Terminal ERASE character ('\\010' = backspace).
#	KILLCHAR	Terminal KILL character ('\\025' = CTRL/U).
#	UMASK		Default "umask" value.
#
# The ERASECHAR and KILLCHAR are used only on System V machines.
#
# UMASK is the default umask value for pam_umask and is used by
# useradd and newusers to set the mode of the new home directories.
# 022 is the "historical" value in Debian for UMASK
# 027, or even 077, could be considered better for privacy
# There is no One True Answer here : each sysadmin must make up his/her
# mind.
#
# If USERGROUPS_ENAB is set to "yes", that will modify this UMASK default value
# for private user groups, i. e. the uid is the same as gid, and username is
# the same as the primary group name: for these, the user permissions will be
# used as group permissions, e. g. 022 will become 002.
#
# Prefix these values with "0" to get octal, "0x" to get hexadecimal.
#
ERASECHAR	0177
KILLCHAR	025
UMASK		022

#
# Password aging controls:
#
#	PASS_MAX_DAYS	Maximum number of days a password may be used.
#	PASS_MIN_DAYS	Minimum number of days allowed between password changes.
#	PASS_WARN_AGE	Number of days warning given before a password expires.
#
PASS_MAX_DAYS	99999
PASS_MIN_DAYS	0
PASS_WARN_AGE	7

#
# Min/max values for automatic uid selection in useradd
#
UID_MIN			 1000
UID_MAX			60000
# System accounts
#SYS_UID_MIN		  100
#SYS_UID_MAX		  999

#
# Min/max values for automatic gid selection in groupadd
#
GID_MIN			 1000
GID_MAX			60000
# System accounts
#SYS_GID_MIN		  100
#SYS_GID_MAX		  999

#
# Max number of login retries if password is bad. This will most likely be
# overridden by PAM, since the default pam_unix module has it's own built
# in of 3 retries. However, this is a safe fallback in case you are using
# an authentication module that does not enforce PAM_MAXTRIES.
#
LOGIN_RETRIES		5

#
# Max time in seconds for login
#
LOGIN_TIMEOUT		60

#
# Which fields may be changed by regular users using chfn - use
# any combination of letters "frwh" (full name, room number, work
# phone, home phone).  If not defined, no changes are allowed.
# For backward compatibility, "yes" = "rwh" and "no" = "frwh".
#
CHFN_RESTRICT		rwh

#
# Should login be allowed if we can't cd to the home directory?
# Default in no.
#
DEFAULT_HOME	yes

#
# If defined, this command is run when removing a user.
# It should remove any at/cron/print jobs etc. owned by
# the user to be removed (passed as the first argument).
#
#USERDEL_CMD	/usr/sbin/userdel_local

#
# Enable setting of the umask group bits to be the same as owner bits
# (examples: 022 -> 002, 077 -> 007) for non-root users, if the uid is
# the same as gid, and username is the same as the primary group name.
#
# If set to yes, userdel will remove the user's group if it contains no
# more members, and useradd will create by default a group with the name
# of the user.
#
USERGROUPS_ENAB yes

#
# Instead of the real user shell, the program specified by this parameter
# will be launched, although its visible name (argv[0]) will be the shell's.
# The program may do whatever it wants (logging, additional authentication,
# banner, ...) before running the actual shell.
#
# FAKE_SHELL /bin/fakeshell

#
# If defined, either full pathname of a file containing device names or
# a ":" delimited list of device names.  Root logins will be allowed only
# upon these devices.
#
# This variable is used by login and su.
#
#CONSOLE	/etc/consoles
#CONSOLE	console:tty01:tty02:tty03:tty04

#
# List of groups to add to the user's supplementary group set
# when logging in on the console (as determined by the CONSOLE
# setting).  Default is none.
#
# Use with caution - it is possible for users to gain permanent
# access to these groups, even when not logged in on the console.
# How to do it is left as an exercise for the reader...
#
# This variable is used by login and su.
#
#CONSOLE_GROUPS		floppy:audio:cdrom

#
# If set to "yes", new passwords will be encrypted using the MD5-based
# algorithm compatible with the one used by recent releases of FreeBSD.
# It supports passwords of unlimited length and longer salt strings.
# Set to "no" if you need to copy encrypted passwords to other systems
# which don't understand the new algorithm.  Default is "no".
#
# This variable is deprecated. You should use ENCRYPT_METHOD.
#
#MD5_CRYPT_ENAB	no

#
# If set to MD5 , MD5-based algorithm will be used for encrypting password
# If set to SHA256, SHA256-based algorithm will be used for encrypting password
# If set to SHA512, SHA512-based algorithm will be used for encrypting password
# If set to BCRYPT, BCRYPT-based algorithm will be used for encrypting password
# If set to YESCRYPT, YESCRYPT-based algorithm will be used for encrypting password
# If set to DES, DES-based algorithm will be used for encrypting password (default)
# Overrides the MD5_CRYPT_ENAB option
#
# Note: It is recommended to use a value consistent with
# the PAM modules configuration.
#
ENCRYPT_METHOD SHA512
"""

DEBCONF_CONF = """\
# This is the main config file for debconf. It tells debconf where to
# store data. The format of this file is a set of stanzas. Each stanza
# except the first sets up a database for debconf to use. For details, see
# debconf.conf(5) (in the debconf-doc package).
#
# So first things first. This first stanza gives the names of two databases.

# Debconf will use this database to store the data you enter into it,
# and some other dynamic data.
Config: configdb
# Debconf will use this database to store static template data.
Templates: templatedb

# World-readable, and accepts everything but passwords.
Name: config
Driver: File
Mode: 644
Reject-Type: password
Filename: /var/cache/debconf/config.dat

# Not world readable (the default), and accepts only passwords.
Name: passwords
Driver: File
Mode: 600
Backup: false
Required: false
Accept-Type: password
Filename: /var/cache/debconf/passwords.dat

# Set up the configdb database. By default, it consists of a stack of two
# databases, one to hold passwords and one for everything else.
Name: configdb
Driver: Stack
Stack: config, passwords

# Set up the templatedb database, which is a single flat text file
# by default.
Name: templatedb
Driver: File
Mode: 644
Filename: /var/cache/debconf/templates.dat
"""

PAM_FILES = {
    "other": "#\n# /etc/pam.d/other - specify the PAM fallback behaviour\n#\n# Note that this file "
             "is used for any unspecified service; for example\n#if /etc/pam.d/cron  specifies no "
             "session modules but cron calls\n#pam_open_session, the session module out of "
             "/etc/pam.d/other is\n#used.  If you really want nothing to happen then use "
             "pam_permit.so or\n#pam_deny.so as appropriate.\n\n# We fall back to the system "
             "default in /etc/pam.d/common-*\n# \n\n@include common-auth\n@include "
             "common-account\n@include common-password\n@include common-session\n",
    "common-auth": "#\n# /etc/pam.d/common-auth - authentication settings common to all "
                   "services\n#\n# This file is included from other service-specific PAM config "
                   "files,\n# and should contain a list of the authentication modules that "
                   "define\n# the central authentication scheme for use on the system\n# (e.g., "
                   "/etc/shadow, LDAP, Kerberos, etc.).  The default is to use the\n# traditional "
                   "Unix authentication mechanisms.\n#\n# As of pam 1.0.1-6, this file is managed "
                   "by pam-auth-update by default.\n# To take advantage of this, it is recommended "
                   "that you configure any\n# local modules either before or after the default "
                   "block, and use\n# pam-auth-update to manage selection of other modules.  See\n"
                   "# pam-auth-update(8) for details.\n\n# here are the per-package modules (the "
                   "\"Primary\" block)\nauth\t[success=1 default=ignore]\tpam_unix.so nullok\n# "
                   "here's the fallback if no module succeeds\nauth\trequisite\t\t\tpam_deny.so\n"
                   "# prime the stack with a positive return value if there isn't one already;\n# "
                   "this avoids us returning an error just because nothing sets a success code\n# "
                   "since the modules above will each just jump around\nauth\trequired\t\t\t"
                   "pam_permit.so\n# and here are more per-package modules (the \"Additional\" "
                   "block)\n# end of pam-auth-update config\n",
    "common-account": "#\n# /etc/pam.d/common-account - authorization settings common to all "
                      "services\n#\n\n# here are the per-package modules (the \"Primary\" block)\n"
                      "account\t[success=1 new_authtok_reqd=done default=ignore]\tpam_unix.so \n"
                      "# here's the fallback if no module succeeds\naccount\trequisite\t\t\t"
                      "pam_deny.so\n# prime the stack with a positive return value if there isn't "
                      "one already;\naccount\trequired\t\t\tpam_permit.so\n# end of "
                      "pam-auth-update config\n",
    "common-password": "#\n# /etc/pam.d/common-password - password-related modules common to all "
                       "services\n#\n\n# here are the per-package modules (the \"Primary\" block)\n"
                       "password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\n# "
                       "here's the fallback if no module succeeds\npassword\trequisite\t\t\t"
                       "pam_deny.so\n# prime the stack with a positive return value if there isn't "
                       "one already;\npassword\trequired\t\t\tpam_permit.so\n# end of "
                       "pam-auth-update config\n",
    "common-session": "#\n# /etc/pam.d/common-session - session-related modules common to all "
                      "services\n#\n\n# here are the per-package modules (the \"Primary\" block)\n"
                      "session\t[default=1]\t\t\tpam_permit.so\n# here's the fallback if no module "
                      "succeeds\nsession\trequisite\t\t\tpam_deny.so\n# prime the stack with a "
                      "positive return value if there isn't one already;\nsession\trequired\t\t\t"
                      "pam_permit.so\n# and here are more per-package modules (the \"Additional\" "
                      "block)\nsession\trequired\tpam_unix.so \n# end of pam-auth-update config\n",
    "common-session-noninteractive": "#\n# /etc/pam.d/common-session-noninteractive - "
                      "session-related modules\n# common to all non-interactive services\n#\n\n"
                      "session\t[default=1]\t\t\tpam_permit.so\nsession\trequisite\t\t\t"
                      "pam_deny.so\nsession\trequired\t\t\tpam_permit.so\nsession\trequired\t"
                      "pam_unix.so \n# end of pam-auth-update config\n",
    "login": "#\n# The PAM configuration file for the Shadow `login' service\n#\n\n# Enforce a "
             "minimal delay in case of failure (in microseconds).\nauth       optional   "
             "pam_faildelay.so  delay=3000000\n\nauth [success=ok new_authtok_reqd=ok "
             "ignore=ignore user_unknown=bad default=die] pam_securetty.so\nauth       requisite  "
             "pam_nologin.so\nsession [success=ok ignore=ignore module_unknown=ignore "
             "default=bad] pam_selinux.so close\nsession    required     pam_loginuid.so\n"
             "session    required   pam_env.so readenv=1\nsession    required   pam_env.so "
             "readenv=1 envfile=/etc/default/locale\n@include common-auth\nauth       optional   "
             "pam_group.so\nsession    required   pam_limits.so\nsession    optional   "
             "pam_lastlog.so\nsession    optional   pam_motd.so  motd=/run/motd.dynamic\n"
             "session    optional   pam_motd.so noupdate\nsession    optional   pam_mail.so "
             "standard\nsession    optional   pam_keyinit.so force revoke\n@include "
             "common-account\n@include common-session\n@include common-password\nsession "
             "[success=ok ignore=ignore module_unknown=ignore default=bad] pam_selinux.so open\n",
    "su": "#\n# The PAM configuration file for the Shadow `su' service\n#\n\n# This allows root "
          "to su without passwords (normal operation)\nauth       sufficient pam_rootok.so\n\n"
          "session       required   pam_env.so readenv=1\nsession       required   pam_env.so "
          "readenv=1 envfile=/etc/default/locale\nsession    optional   pam_mail.so nopen\n"
          "session    required   pam_limits.so\n@include common-auth\n@include common-account\n"
          "@include common-session\n",
    "passwd": "#\n# The PAM configuration file for the Shadow `passwd' service\n#\n\n@include "
              "common-password\n",
    "chfn": "#\n# The PAM configuration file for the Shadow `chfn' service\n#\n\n# This allows "
            "root to change user infomation without being\n# prompted for a password\nauth\t\t"
            "sufficient\tpam_rootok.so\n\n# The standard Unix authentication modules, used with\n"
            "# NIS (man nsswitch) as well as normal /etc/passwd and\n# /etc/shadow entries.\n"
            "@include common-auth\n@include common-account\n@include common-session\n",
    "chsh": "#\n# The PAM configuration file for the Shadow `chsh' service\n#\n\n# This will not "
            "allow a user to change their shell unless\n# their current one is listed in "
            "/etc/shells. This keeps\n# accounts with special shells from changing them.\nauth"
            "       required   pam_shells.so\n\n# This allows root to change user shell without "
            "being\n# prompted for a password\nauth\t\tsufficient\tpam_rootok.so\n\n@include "
            "common-auth\n@include common-account\n@include common-session\n",
    "chpasswd": "# The PAM configuration file for the Shadow 'chpasswd' service\n#\n\n@include "
                "common-password\n",
    "newusers": "# The PAM configuration file for the Shadow 'newusers' service\n#\n\n@include "
                "common-password\n",
    "runuser": "#%PAM-1.0\nauth\t\tsufficient\tpam_rootok.so\nsession\t\toptional\t"
               "pam_keyinit.so revoke\nsession\t\trequired\tpam_limits.so\nsession\t\trequired"
               "\tpam_unix.so\n",
    "runuser-l": "#%PAM-1.0\nauth\t\tinclude\t\trunuser\nsession\t\toptional\tpam_keyinit.so "
                 "force revoke\n-session\toptional\tpam_systemd.so\nsession\t\tinclude\t\t"
                 "runuser\n",
}

DEBIAN_SOURCES = """\
Types: deb
# http://snapshot.debian.org/archive/debian/{snap}
URIs: http://deb.debian.org/debian
Suites: {suite} {suite}-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
# http://snapshot.debian.org/archive/debian-security/{snap}
URIs: http://deb.debian.org/debian-security
Suites: {suite}-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
"""

# Languages and gettext domains of /usr/share/locale in the non-slim image.
LOCALE_LANGS = """af ar ast be bg bs ca cs cy da de el eo es et eu fa fi fr ga gl gu he hi hr
    hu ia id it ja ka kk km ko ku lt lv mr ms nb ne nl nn oc pa pl pt pt_BR ro ru si sk sl sq
    sr sv ta te th tl tr ug uk vi zh_CN zh_TW""".split()
LOCALE_DOMAINS = {
    "coreutils": 130000, "tar": 42000, "grep": 12000, "sed": 9000, "findutils": 24000,
    "diffutils": 16000, "dpkg": 95000, "apt": 60000, "libapt-pkg6.0": 32000,
    "shadow": 60000, "util-linux": 180000, "e2fsprogs": 130000, "bash": 110000,
    "debconf": 9000, "adduser": 18000, "libc": 150000, "gnupg2": 18000, "gnutls30": 22000,
    "libgpg-error": 9000, "Linux-PAM": 11000, "libidn2": 2500, "sysvinit": 4000,
}
