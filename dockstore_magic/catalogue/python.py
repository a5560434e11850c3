"""``python:3.12.8-slim-bookworm`` (linux/amd64): four layers on ``debian:bookworm-slim``.

As docker-library/python builds it (history from docker-library/repo-info; image created
2024-12-04T00:36:05Z; 124 MB): the shared Debian base (74.8 MB), ``apt-get install
ca-certificates netbase tzdata`` (9.4 MB, with openssl/libssl3), the from-source build of
CPython 3.12.8 into /usr/local with pip 24.3.1 (40.1 MB; the build dependencies are purged in
the same RUN, only the runtime libraries that ``ldd`` finds stay installed) and the 36-byte
layer of the ``idle pip pydoc python python-config`` symlinks.
"""
from __future__ import annotations

from . import debian
from ._build import BUILDKIT, Layout, epoch, hist, history_text
from ._debextra import (apt_logs, copyright, lay_krb5, lay_netbase, lay_openssl, lay_tzdata,
                        lib as _lib, simple_lib, _h)
from ._dpkg import Pkg
from .registry import CatalogueImage, CatalogueLayer, register

VERSION = "3.12.8"
PIP = "24.3.1"
CREATED = "2024-12-04T00:36:05Z"
SHA256 = "c909157bb25ec114e5869124cc2a9c4a4d4c1e957ca4ff553f1edc692101154e"
GPG_KEY = "7169605F62C751356D054A26A821E680E5FA6305"
PATH = "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
APT_SIZE = 9_380_000
BUILD_SIZE = 40_139_964
LINKS_SIZE = 36                      # idle3 pip3 pydoc3 python3 python3-config: 5+4+6+7+14

RUN_APT = ("RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y "
           "--no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf "
           "/var/lib/apt/lists/* # buildkit")
# the image's history entry for its big RUN (upstream Dockerfile text, kept as data)
RUN_BUILD = history_text("python-3.12.8-build.txt")
RUN_LINKS = ("RUN /bin/sh -c set -eux; \tfor src in idle3 pip3 pydoc3 python3 python3-config; "
             "do \t\tdst=\"$(echo \"$src\" | tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; "
             "\t\t[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT \"$src\" \"/usr/local/bin/$dst\"; "
             "\tdone # buildkit")

T = epoch(CREATED)


# ---------------------------------------------------------------------------- layer 2
def _apt_layer():
    L = Layout(T, "python:3.12.8-slim:apt")
    pkgs = lay_openssl(L) + lay_netbase(L) + lay_tzdata(L)
    order = ["ca-certificates", "netbase", "tzdata", "libssl3", "openssl"]
    versions = {p.name: p.version for p in pkgs}
    apt_logs(L, [(n, versions[n]) for n in order],
             "apt-get install -y --no-install-recommends ca-certificates netbase tzdata",
             [("ca-certificates/enable_crts", "", "ca-certificates"),
              ("ca-certificates/new_crts", "", "ca-certificates"),
              ("ca-certificates/title", "", "ca-certificates"),
              ("ca-certificates/trust_new_crts", "yes", "ca-certificates"),
              ("tzdata/Areas", "Etc", "tzdata"), ("tzdata/Zones/Etc", "UTC", "tzdata")])
    debian.write_status(L, pkgs)
    return L.finish(APT_SIZE)


# ---------------------------------------------------------------------------- layer 3
DYNLOAD = """_asyncio _bisect _blake2 _bz2 _codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp
_codecs_kr _codecs_tw _contextvars _crypt _csv _ctypes _ctypes_test _curses _curses_panel
_datetime _dbm _decimal _elementtree _gdbm _hashlib _heapq _json _lsprof _lzma _md5
_multibytecodec _multiprocessing _opcode _pickle _posixshmem _posixsubprocess _queue _random
_sha1 _sha2 _sha3 _socket _sqlite3 _ssl _statistics _struct _testbuffer _testcapi _testclinic
_testimportmultiple _testinternalcapi _testmultiphase _testsinglephase _tkinter _uuid
_xxinterpchannels _xxsubinterpreters _xxtestfuzz _zoneinfo array audioop binascii cmath fcntl
grp math mmap nis ossaudiodev pyexpat readline resource select spwd syslog termios
unicodedata xxlimited xxlimited_35 xxsubtype zlib""".split()

MODULES = """__future__ __hello__ _aix_support _collections_abc _compat_pickle _compression
_markupbase _osx_support _py_abc _pydatetime _pydecimal _pyio _pylong _sitebuiltins
_strptime _sysconfigdata__linux_x86_64-linux-gnu _threading_local _weakrefset abc aifc
antigravity argparse ast base64 bdb bisect bz2 cProfile calendar cgi cgitb chunk cmd code
codecs codeop colorsys compileall configparser contextlib contextvars copy copyreg crypt csv
dataclasses datetime decimal difflib dis doctest enum filecmp fileinput fnmatch fractions
ftplib functools genericpath getopt getpass gettext glob graphlib gzip hashlib heapq hmac
imaplib imghdr inspect io ipaddress keyword linecache locale lzma mailbox mailcap mimetypes
modulefinder netrc nntplib ntpath nturl2path numbers opcode operator optparse os pathlib pdb
pickle pickletools pipes pkgutil platform plistlib poplib posixpath pprint profile pstats pty
py_compile pyclbr pydoc queue quopri random reprlib rlcompleter runpy sched secrets selectors
shelve shlex shutil signal site smtplib sndhdr socket socketserver sre_compile sre_constants
sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sysconfig
tabnanny tarfile telnetlib tempfile textwrap this threading timeit token tokenize trace
traceback tracemalloc tty turtle types typing uu uuid warnings wave weakref webbrowser xdrlib
zipapp zipimport""".split()

PACKAGES = {
    "asyncio": "__init__ __main__ base_events base_futures base_subprocess base_tasks constants "
               "coroutines events exceptions format_helpers futures locks log mixins "
               "proactor_events protocols queues runners selector_events sslproto staggered "
               "streams subprocess taskgroups tasks threads timeouts transports trsock "
               "unix_events windows_events windows_utils",
    "collections": "__init__ abc", "concurrent": "__init__",
    "concurrent/futures": "__init__ _base process thread",
    "ctypes": "__init__ _aix _endian util wintypes", "ctypes/macholib": "__init__ dyld dylib framework",
    "curses": "__init__ ascii has_key panel textpad", "dbm": "__init__ dumb gnu ndbm",
    "email": "__init__ _encoded_words _header_value_parser _parseaddr _policybase base64mime "
             "charset contentmanager encoders errors feedparser generator header headerregistry "
             "iterators message parser policy quoprimime utils",
    "email/mime": "__init__ application audio base image message multipart nonmultipart text",
    "encodings": "__init__ aliases ascii base64_codec big5 charmap cp1252 cp437 cp850 cp932 "
                 "euc_jp gb18030 gbk hex_codec idna iso2022_jp iso8859_1 iso8859_15 koi8_r "
                 "latin_1 mbcs palmos punycode raw_unicode_escape rot_13 shift_jis undefined "
                 "unicode_escape utf_16 utf_32 utf_7 utf_8 utf_8_sig uu_codec zlib_codec",
    "ensurepip": "__init__ __main__ _uninstall", "html": "__init__ entities parser",
    "http": "__init__ client cookiejar cookies server",
    "idlelib": "__init__ __main__ autocomplete browser calltip codecontext colorizer config "
               "debugger editor grep help history iomenu macosx mainmenu outwin pyshell query "
               "run search squeezer textview tree undo window zoomheight",
    "importlib": "__init__ _abc _bootstrap _bootstrap_external abc machinery readers simple util",
    "importlib/metadata": "__init__ _adapters _collections _functools _itertools _meta _text",
    "importlib/resources": "__init__ _adapters _common _itertools _legacy abc readers simple",
    "json": "__init__ decoder encoder scanner tool",
    "lib2to3": "__init__ __main__ btm_matcher fixer_base fixer_util main patcomp pygram "
               "pytree refactor",
    "lib2to3/fixes": "__init__ fix_dict fix_except fix_imports fix_print fix_unicode",
    "logging": "__init__ config handlers",
    "multiprocessing": "__init__ connection context forkserver heap managers pool popen_fork "
                       "popen_forkserver popen_spawn_posix process queues reduction "
                       "resource_sharer resource_tracker shared_memory sharedctypes spawn "
                       "synchronize util",
    "multiprocessing/dummy": "__init__ connection", "pydoc_data": "__init__ topics",
    "re": "__init__ _casefix _compiler _constants _parser", "sqlite3": "__init__ __main__ dbapi2 dump",
    "tkinter": "__init__ __main__ colorchooser commondialog constants dialog dnd filedialog "
               "font messagebox scrolledtext simpledialog tix ttk",
    "tomllib": "__init__ _parser _re _types", "turtledemo": "__init__ __main__ clock forest",
    "unittest": "__init__ __main__ _log async_case case loader main mock result runner signals "
                "suite util",
    "urllib": "__init__ error parse request response robotparser",
    "venv": "__init__ __main__", "wsgiref": "__init__ handlers headers simple_server types util "
                                            "validate",
    "xml": "__init__", "xml/dom": "__init__ NodeFilter domreg expatbuilder minicompat minidom "
                                  "pulldom xmlbuilder",
    "xml/etree": "__init__ ElementInclude ElementPath ElementTree cElementTree",
    "xml/parsers": "__init__ expat", "xml/sax": "__init__ _exceptions expatreader handler "
                                                "saxutils xmlreader",
    "xmlrpc": "__init__ client server", "zipfile": "__init__ __main__",
    "zipfile/_path": "__init__ glob", "zoneinfo": "__init__ _common _tzpath _zoneinfo",
    "__phello__": "__init__ spam",
}

PIP_FILES = """__init__ __main__ __pip-runner__ _internal/__init__ _internal/build_env
_internal/cache _internal/cli/base_command _internal/cli/cmdoptions _internal/cli/main
_internal/cli/main_parser _internal/cli/parser _internal/commands/__init__
_internal/commands/install _internal/commands/list _internal/commands/show
_internal/commands/uninstall _internal/configuration _internal/exceptions
_internal/index/collector _internal/index/package_finder _internal/locations/__init__
_internal/metadata/base _internal/models/link _internal/network/session
_internal/operations/install/wheel _internal/req/req_install _internal/req/req_file
_internal/resolution/resolvelib/resolver _internal/utils/misc _internal/wheel_builder
_vendor/__init__ _vendor/cachecontrol/controller _vendor/certifi/core
_vendor/distlib/scripts _vendor/distlib/util _vendor/idna/uts46data _vendor/msgpack/fallback
_vendor/packaging/version _vendor/packaging/specifiers _vendor/platformdirs/unix
_vendor/pygments/lexers/_mapping _vendor/pygments/lexers/python _vendor/pyproject_hooks/_impl
_vendor/requests/adapters _vendor/requests/sessions _vendor/resolvelib/resolvers
_vendor/rich/console _vendor/rich/_emoji_codes _vendor/rich/text _vendor/tomli/_parser
_vendor/truststore/_api _vendor/typing_extensions _vendor/urllib3/connectionpool
_vendor/urllib3/util/ssl_ _vendor/vendor""".split()


def _script(L: Layout, path: str, text: str) -> None:
    L.text(path, text, mode=0o755)


def _build_layer():
    L = Layout(T, "python:3.12.8-slim:build")
    # Debian runtime libraries the build's ldd scan marked manual (kept after the purge)
    pkgs: list[Pkg] = []
    NC = "Craig Small <csmall@debian.org>"
    L.package("libncursesw6")
    for real, size, link in (("libncursesw.so.6.4", 329888, "libncursesw.so.6"),
                             ("libformw.so.6.4", 72200, "libformw.so.6"),
                             ("libmenuw.so.6.4", 39488, "libmenuw.so.6"),
                             ("libpanelw.so.6.4", 14536, "libpanelw.so.6")):
        _lib(L, real, size, link)
    copyright(L, "libncursesw6")
    pkgs.append(Pkg("libncursesw6", "6.4-4", "amd64", "libs", "optional", False, None, NC,
                    "ncurses", "", "libtinfo6 (= 6.4-4), libc6 (>= 2.34)",
                    "shared libraries for terminal handling (wide character support)",
                    "The ncurses library routines are a terminal-independent method of\n"
                    "updating character screens with reasonable optimization."))
    L.package("readline-common")
    L.text("/etc/inputrc", "# /etc/inputrc - global inputrc for libreadline\n# See readline"
           "(3readline) and `info rluserman' for more information.\n\n# Be 8 bit clean.\nset "
           "input-meta on\nset output-meta on\n\n# To allow the use of 8bit-characters like "
           "the german umlauts, uncomment\n# the line below. However this makes the meta key "
           "not work as a meta key,\n# which is annoying to those which don't need to type in "
           "8-bit characters.\n\n# set convert-meta off\n\n# try to enable the application "
           "keypad when it is called.  Some systems\n# need this to enable the arrow keys.\n# "
           "set enable-keypad on\n\n# see /usr/share/doc/bash/inputrc.arrows for other codes "
           "of arrow keys\n\n# do not bell on tab-completion\n# set bell-style none\n# set "
           "bell-style visible\n\n# some defaults / modifications for the emacs mode\n$if "
           "mode=emacs\n\n# allow the use of the Home/End keys\n\"\\e[1~\": beginning-of-line"
           "\n\"\\e[4~\": end-of-line\n\n# allow the use of the Delete/Insert keys\n\"\\e[3~\":"
           " delete-char\n\"\\e[2~\": quoted-insert\n\n# mappings for \"page up\" and \"page "
           "down\" to step to the beginning/end\n# of the history\n# \"\\e[5~\": beginning-of-"
           "history\n# \"\\e[6~\": end-of-history\n\n# alternate mappings for \"page up\" and "
           "\"page down\" to search the history\n# \"\\e[5~\": history-search-backward\n# \"\\"
           "e[6~\": history-search-forward\n\n$endif\n")
    copyright(L, "readline-common")
    pkgs.append(Pkg("readline-common", "8.2-1.3", "all", "utils", "optional", False, None,
                    "Matthias Klose <doko@debian.org>", "readline", "", "dpkg (>= 1.15.4) | "
                    "install-info", "GNU readline and history libraries, common files",
                    "The GNU readline library aids in the consistency of user interface\n"
                    "across discrete programs that need to provide a command line\ninterface."))
    L.package("libreadline8")
    _lib(L, "libreadline.so.8.2", 326224, "libreadline.so.8")
    _lib(L, "libhistory.so.8.2", 52928, "libhistory.so.8")
    copyright(L, "libreadline8")
    pkgs.append(Pkg("libreadline8", "8.2-1.3", "amd64", "libs", "optional", False, None,
                    "Matthias Klose <doko@debian.org>", "readline", "",
                    "readline-common, libc6 (>= 2.33), libtinfo6 (>= 6)",
                    "GNU readline and history libraries, run-time libraries",
                    "The GNU readline library aids in the consistency of user interface\n"
                    "across discrete programs that need to provide a command line\ninterface."))
    pkgs.append(simple_lib(L, "libsqlite3-0", "3.40.1-2+deb12u1", "libsqlite3.so.0.8.6",
                           1593384, ["libsqlite3.so.0"], "SQLite 3 shared library",
                           "Laszlo Boszormenyi (GCS) <gcs@debian.org>", "sqlite3"))
    pkgs.append(simple_lib(L, "libgdbm6", "1.23-3", "libgdbm.so.6.0.0", 59776, ["libgdbm.so.6"],
                           "GNU dbm database routines (runtime version)",
                           "Nicolas Mora <babelouest@debian.org>", "gdbm"))
    pkgs += lay_krb5(L)
    L.package("libtirpc-common")
    L.text("/etc/netconfig", "#\n# The network configuration file. This file is currently "
           "only used in\n# conjunction with the TI-RPC code in the libtirpc library.\n#\n# "
           "Entries consist of:\n#\n#       <network_id> <semantics> <flags> <protofamily> "
           "<protoname> \\\n#               <device> <nametoaddr_libs>\n#\n# The <device> and "
           "<nametoaddr_libs> fields are always empty in this\n# implementation.\n#\nudp        "
           "tpi_clts      v     inet     udp     -       -\ntcp        tpi_cots_ord  v     "
           "inet     tcp     -       -\nudp6       tpi_clts      v     inet6    udp     -       "
           "-\ntcp6       tpi_cots_ord  v     inet6    tcp     -       -\nrawip      tpi_raw  "
           "     -     inet      -      -       -\nlocal      tpi_cots_ord  -     loopback  -   "
           "   -       -\nunix       tpi_cots_ord  -     loopback  -      -       -\n")
    copyright(L, "libtirpc-common")
    pkgs.append(Pkg("libtirpc-common", "1.3.3+ds-1", "all", "libs", "optional", False, None,
                    "Josue Ortega <josue@debian.org>", "libtirpc", "", "",
                    "transport-independent RPC library - common files",
                    "This package contains a port of Sun's transport-independent RPC library\n"
                    "to Linux."))
    pkgs.append(simple_lib(L, "libtirpc3", "1.3.3+ds-1", "libtirpc.so.3.0.0", 190176,
                           ["libtirpc.so.3"], "transport-independent RPC library",
                           "Josue Ortega <josue@debian.org>", "libtirpc",
                           "libc6 (>= 2.34), libgssapi-krb5-2 (>= 1.17), libtirpc-common "
                           "(>= 1.3.3+ds-1)"))
    pkgs.append(simple_lib(L, "libnsl2", "1.3.0-2", "libnsl.so.2.0.1", 100312, ["libnsl.so.2"],
                           "Public client interface for NIS(YP) and NIS+",
                           "GNU Libc Maintainers <debian-glibc@lists.debian.org>", "libnsl",
                           "libc6 (>= 2.14), libtirpc3 (>= 1.0.2)"))
    # ---------------------------------------------------------------- CPython in /usr/local
    L.package(None)
    L.group = "python"
    b = "/usr/local/bin"
    L.blob(f"{b}/python3.12", 14472)
    L.link("python3.12", f"{b}/python3")
    L.blob(f"{b}/python3.12-config", 3141)
    L.link("python3.12-config", f"{b}/python3-config")
    pip_script = ("#!/usr/local/bin/python3.12\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
                  "from pip._internal.cli.main import main\nif __name__ == '__main__':\n    "
                  "sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    "
                  "sys.exit(main())\n")
    _script(L, f"{b}/pip3", pip_script)
    _script(L, f"{b}/pip3.12", pip_script)
    _script(L, f"{b}/pydoc3.12", "#!/usr/local/bin/python3.12\n\nimport pydoc\nif __name__ == "
            "'__main__':\n    pydoc.cli()\n")
    L.link("pydoc3.12", f"{b}/pydoc3")
    _script(L, f"{b}/idle3.12", "#!/usr/local/bin/python3.12\n\nfrom idlelib.pyshell import "
            "main\nif __name__ == '__main__':\n    main()\n")
    L.link("idle3.12", f"{b}/idle3")
    _script(L, f"{b}/2to3-3.12", "#!/usr/local/bin/python3.12\nimport sys\nfrom lib2to3.main "
            "import main\n\nsys.exit(main(\"lib2to3.fixes\"))\n")
    L.link("2to3-3.12", f"{b}/2to3")
    lib = "/usr/local/lib"
    L.blob(f"{lib}/libpython3.12.so.1.0", 7062280, mode=0o755)
    L.link("libpython3.12.so.1.0", f"{lib}/libpython3.12.so")
    L.blob(f"{lib}/libpython3.so", 14456, mode=0o755)
    for pc, text in (("python-3.12.pc", "Libs: -L${libdir} \nCflags: -I${includedir}/python3.12\n"),
                     ("python-3.12-embed.pc", "Libs: -L${libdir} -lpython3.12\nCflags: "
                      "-I${includedir}/python3.12\n")):
        L.text(f"{lib}/pkgconfig/{pc}", "# See: man pkg-config\nprefix=/usr/local\nexec_prefix="
               "${prefix}\nlibdir=${exec_prefix}/lib\nincludedir=${prefix}/include\n\nName: "
               f"Python\nDescription: {'Embed ' if 'embed' in pc else ''}Python library\n"
               "Requires: \nVersion: 3.12\nLibs.private: -ldl \n" + text)
    L.link("python-3.12.pc", f"{lib}/pkgconfig/python3.pc")
    L.link("python-3.12-embed.pc", f"{lib}/pkgconfig/python3-embed.pc")
    L.bulk("/usr/local/share/man/man1/python3.12.1", 21052)
    L.link("python3.12.1", "/usr/local/share/man/man1/python3.1")
    inc = "/usr/local/include/python3.12"
    for h in ("Python.h", "abstract.h", "bytearrayobject.h", "bytesobject.h", "ceval.h",
              "codecs.h", "compile.h", "complexobject.h", "descrobject.h", "dictobject.h",
              "exports.h", "fileobject.h", "floatobject.h", "import.h", "listobject.h",
              "longobject.h", "methodobject.h", "modsupport.h", "moduleobject.h", "object.h",
              "objimpl.h", "patchlevel.h", "pyconfig.h", "pyerrors.h", "pymacro.h", "pymem.h",
              "pyport.h", "pystate.h", "pythonrun.h", "setobject.h", "sliceobject.h",
              "structmember.h", "sysmodule.h", "tupleobject.h", "typeslots.h",
              "unicodeobject.h", "cpython/object.h", "cpython/unicodeobject.h",
              "cpython/pystate.h", "internal/pycore_opcode.h", "internal/pycore_runtime.h",
              "internal/pycore_global_strings.h"):
        L.bulk(f"{inc}/{h}", 2000 + _h(h) % 30000)
    py = f"{lib}/python3.12"
    for mod in MODULES:
        L.bulk(f"{py}/{mod}.py", 3000 + _h(mod) % 60000)
    for pkg, names in PACKAGES.items():
        for name in names.split():
            L.bulk(f"{py}/{pkg}/{name}.py", 1500 + _h(pkg + name) % 40000)
    L.bulk(f"{py}/pydoc_data/topics.py", 780000)
    for name in DYNLOAD:
        L.bulk(f"{py}/lib-dynload/{name}.cpython-312-x86_64-linux-gnu.so",
               30000 + _h(name) % 150000)
    L.bulk(f"{py}/lib-dynload/unicodedata.cpython-312-x86_64-linux-gnu.so", 1120000)
    cfg = f"{py}/config-3.12-x86_64-linux-gnu"
    for name, size in (("Makefile", 153000), ("Setup", 11808), ("Setup.bootstrap", 1035),
                       ("Setup.local", 41), ("Setup.stdlib", 5868), ("config.c", 5227),
                       ("config.c.in", 1752), ("install-sh", 15358), ("makesetup", 9312),
                       ("python-config.py", 2119), ("python.o", 3192)):
        L.bulk(f"{cfg}/{name}", size)
    L.link("../../libpython3.12.so", f"{cfg}/libpython3.12.so")
    L.bulk(f"{py}/ensurepip/_bundled/pip-{PIP}-py3-none-any.whl", 1822684)
    L.text(f"{py}/site-packages/README.txt", "This directory exists so that 3rd party "
           "packages can be installed\nhere.  Read the source for site.py for more details.\n")
    sp = f"{py}/site-packages"
    for name in PIP_FILES:
        L.bulk(f"{sp}/pip/{name}.py", 6000 + _h(name) % 90000)
    L.bulk(f"{sp}/pip/_vendor/certifi/cacert.pem", 299427)
    L.bulk(f"{sp}/pip/_vendor/distlib/t64.exe", 108032)
    L.bulk(f"{sp}/pip/_vendor/distlib/w64.exe", 101888)
    di = f"{sp}/pip-{PIP}.dist-info"
    L.text(f"{di}/INSTALLER", "pip\n")
    L.empty(f"{di}/REQUESTED")
    L.text(f"{di}/WHEEL", "Wheel-Version: 1.0\nGenerator: setuptools (75.2.0)\nRoot-Is-Purelib:"
           " true\nTag: py3-none-any\n\n")
    L.text(f"{di}/entry_points.txt", "[console_scripts]\npip = pip._internal.cli.main:main\n"
           "pip3 = pip._internal.cli.main:main\n")
    L.text(f"{di}/top_level.txt", "pip\n")
    L.bulk(f"{di}/LICENSE.txt", 1093)
    L.bulk(f"{di}/AUTHORS.txt", 11223)
    L.bulk(f"{di}/METADATA", 3620)
    L.bulk(f"{di}/RECORD", 64837)
    L.group = "main"
    # ---------------------------------------------------------------- apt/dpkg state
    apt_logs(L, [(p.name, p.version) for p in pkgs],
             "apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false")
    debian.write_status(L, pkgs, old_stanzas=_after_apt_stanzas())
    return L.finish(BUILD_SIZE)


def _after_apt_stanzas() -> dict[str, str]:
    from ..fs import TreeFS
    fs = TreeFS(APT_LAYER.build())
    out = dict(debian.slim_state()["stanzas"])
    for chunk in fs.read_text("/var/lib/dpkg/status").split("\n\n"):
        if chunk.strip():
            out[chunk.split("\n", 1)[0].split(": ", 1)[1]] = chunk.rstrip("\n") + "\n"
    return out


# ---------------------------------------------------------------------------- layer 4
def _links_layer():
    L = Layout(T, "python:3.12.8-slim:links")
    L.dir("/usr/local/bin")
    for src in ("idle3", "pip3", "pydoc3", "python3", "python3-config"):
        L.link(src, f"/usr/local/bin/{src.replace('3', '')}")
    return L.finish(LINKS_SIZE)


# registry blob digests and sizes of the real amd64 layers (docker-library/repo-info)
APT_LAYER = CatalogueLayer(
    key="python:3.12.8-slim-bookworm#apt", created_by=RUN_APT, size_hint=APT_SIZE,
    builder=_apt_layer, compressed_size=3317251,
    digest="sha256:ad5b6a1962fdac425252ec07daae642d785bd6d9c9fb9c665495ac32fb6c7346")
BUILD_LAYER = CatalogueLayer(
    key="python:3.12.8-slim-bookworm#build", created_by=RUN_BUILD, size_hint=BUILD_SIZE,
    builder=_build_layer, compressed_size=13654008,
    digest="sha256:de2a998baeb3b693572201ce82da66e97b26f2feabf01efbb4c9a952587a839d")
LINKS_LAYER = CatalogueLayer(
    key="python:3.12.8-slim-bookworm#links", created_by=RUN_LINKS, size_hint=LINKS_SIZE,
    builder=_links_layer, compressed_size=249,
    digest="sha256:184aff3eb8fbdeb25b5697c83adcfadb6deef75d7001234b86bd6ec2d6a610a4")


def _history() -> list[dict]:
    c, k = CREATED, BUILDKIT
    return [
        debian.base_history(c),
        hist(c, f"ENV PATH={PATH}", True, k),
        hist(c, "ENV LANG=C.UTF-8", True, k),
        hist(c, RUN_APT, False, k),
        hist(c, f"ENV GPG_KEY={GPG_KEY}", True, k),
        hist(c, f"ENV PYTHON_VERSION={VERSION}", True, k),
        hist(c, f"ENV PYTHON_SHA256={SHA256}", True, k),
        hist(c, RUN_BUILD, False, k),
        hist(c, RUN_LINKS, False, k),
        hist(c, 'CMD ["python3"]', True, k),
    ]


register(CatalogueImage(
    repository="python", tag="3.12-slim", aliases=[],
    layers=[debian.SLIM_LAYER, APT_LAYER, BUILD_LAYER, LINKS_LAYER],
    config={
        "Env": [f"PATH={PATH}", "LANG=C.UTF-8", f"GPG_KEY={GPG_KEY}",
                f"PYTHON_VERSION={VERSION}", f"PYTHON_SHA256={SHA256}"],
        "Cmd": ["python3"],
    },
    history=_history(),
    created=CREATED,
    repo_digest="sha256:10f3aaab98db50cba827d3b33a91f39dc9ec2d02ca9b85cbc5008220d07b17f3",
    version_note=f"CPython {VERSION} (pip {PIP}) on Debian {debian.DEBIAN_VERSION} "
                 f"bookworm-slim ({debian.SNAPSHOT})",
), ["3.12-slim", "3.12.8-slim", "3.12-slim-bookworm", "3.12.8-slim-bookworm"])
