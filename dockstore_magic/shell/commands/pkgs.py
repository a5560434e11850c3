"""Package managers, simulated without a network: apt-get/apt/dpkg (Debian, Ubuntu),
apk (Alpine), pip/pip3, npm.  They print what the real tools print and leave on disk what
the real tools leave (files of the packages, their databases, index caches, download
caches, logs), with plausible sizes, so that layer sizes come out right.  See
:mod:`..catalogue.pkgindex` for the distributions' indexes and :mod:`.pkgdata` for pip's and
npm's tables and the rule for unknown names."""
from __future__ import annotations

import hashlib
import json
import re
import time

from ...fs.base import normpath
from ...fs.blob import FillerBlob
from ...fs.errors import FSError
from .base import command, Cmd
from ...catalogue import pkgindex
from .pkgdata import PIP, PIP_ALIASES, NPM, NPM_SMALL


# ====================================================================== helpers
def _h(*parts) -> int:
    return int(hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:12], 16)


def _mkdirs(fs, path: str, uid: int = 0, gid: int = 0) -> None:
    if not fs.isdir(path):
        fs.mkdir(path, parents=True, uid=uid, gid=gid)


def _put(fs, path: str, data, mode: int = 0o644, uid: int = 0, gid: int = 0) -> None:
    parent = path.rsplit("/", 1)[0] or "/"
    _mkdirs(fs, parent, uid, gid)
    if fs.exists(path, follow=False) and fs.lstat(path).is_symlink:
        fs.unlink(path)
    if isinstance(data, str):
        data = data.encode()
    fs.write(path, data, mode=mode, uid=uid, gid=gid)
    st = fs.stat(path)
    if st.perm != mode:
        fs.chmod(path, mode)


def _append(fs, path: str, text: str, mode: int = 0o644) -> None:
    _mkdirs(fs, path.rsplit("/", 1)[0] or "/")
    fs.write(path, text.encode(), append=True, mode=mode)


def _read(fs, path: str) -> str:
    try:
        return fs.read_text(path)
    except (FSError, OSError):
        return ""


def installed_version(fs, name: str) -> str | None:
    """The version of an installed package, from dpkg's status or apk's database."""
    m = re.search(rf"^Package: {re.escape(name)}\n(?:[^\n]+\n)*?Version: (\S+)",
                  _read(fs, "/var/lib/dpkg/status"), re.M)
    if m:
        return m.group(1)
    m = re.search(rf"^P:{re.escape(name)}\nV:(\S+)", _read(fs, "/lib/apk/db/installed"), re.M)
    return m.group(1) if m else None


def _os_release(fs) -> dict:
    out = {}
    for line in _read(fs, "/etc/os-release").splitlines():
        k, _, v = line.partition("=")
        out[k.strip()] = v.strip().strip('"')
    return out


def _wrap_names(names: list[str], indent: str = "  ", width: int = 79) -> str:
    lines, cur = [], indent
    for n in names:
        if len(cur) + len(n) + 1 > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent
        cur += n + " "
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines) + "\n"


def _apt_size(nbytes: float) -> str:
    """apt's SizeToStr (powers of 1000, a decimal below 100), with thousands separators."""
    v = float(nbytes)
    units = ["B", "kB", "MB", "GB", "TB"]
    i = 0
    while v >= 10000 and i < len(units) - 1:
        v /= 1000
        i += 1
    if i and v < 100:
        return f"{v:.1f} {units[i]}"
    return f"{int(round(v)):,} {units[i]}"


# ====================================================================== apt
LIB_DIR = "/usr/lib/x86_64-linux-gnu"


class _Apt:
    def __init__(self, cmd: Cmd):
        self.cmd = cmd
        self.fs = cmd.fs
        osr = _os_release(self.fs)
        self.distro = osr.get("ID", "debian")
        self.codename = osr.get("VERSION_CODENAME") or ("bookworm" if self.distro == "debian"
                                                         else "noble")
        self.gzip_indexes = self.fs.exists("/etc/apt/apt.conf.d/docker-gzip-indexes")
        self.docker_clean = self.fs.exists("/etc/apt/apt.conf.d/docker-clean")
        self.index = pkgindex.apt(self.distro, self.codename)
        minimal = [n for n in self.index if re.fullmatch(r"python3\.\d+-minimal", n)]
        self.python = minimal[0][:-len("-minimal")] if minimal else "python3"  # "python3.12"

    # ---- repositories and their lists
    def suites(self):
        c = self.codename
        if self.distro == "ubuntu":
            a, s = "http://archive.ubuntu.com/ubuntu", "http://security.ubuntu.com/ubuntu"
            comps = [("main", 1790), ("restricted", 310), ("universe", 19100),
                     ("multiverse", 270)]
            out = [(a, c, 256, comps), (a, c + "-updates", 126, [(n, s_ // 12) for n, s_ in comps]),
                   (a, c + "-backports", 126, [("main", 8), ("universe", 30)]),
                   (s, c + "-security", 126, [(n, s_ // 18) for n, s_ in comps])]
            return out
        d, s = "http://deb.debian.org/debian", "http://deb.debian.org/debian-security"
        return [(d, c, 151, [("main", 8792)]), (d, c + "-updates", 55.4, [("main", 13.5)]),
                (s, c + "-security", 48.0, [("main", 243)])]

    def list_files(self):
        """(file name, size in bytes, download kB for the Get: line, label)."""
        out = []
        for url, suite, rel_kb, comps in self.suites():
            host = url.split("://", 1)[1].replace("/", "_")
            out.append((f"{host}_dists_{suite}_InRelease", int(rel_kb * 1000), rel_kb,
                        f"{url} {suite} InRelease"))
            for comp, kb in comps:
                raw = int(kb * 1000 * 5.3)        # Packages.xz unpacks ~5x
                name = f"{host}_dists_{suite}_{comp}_binary-amd64_Packages"
                if self.gzip_indexes:
                    name += ".lz4"
                    raw = int(raw * 0.37)
                out.append((name, raw, kb, f"{url} {suite}/{comp} amd64 Packages"))
        return out

    def have_lists(self) -> bool:
        try:
            names = self.fs.listdir("/var/lib/apt/lists")
        except FSError:
            return False
        return any(n.endswith("Packages") or n.endswith("Packages.lz4") for n in names)

    def installed(self) -> dict:
        """name → version from /var/lib/dpkg/status."""
        out = {}
        cur = {}
        for line in _read(self.fs, "/var/lib/dpkg/status").splitlines() + [""]:
            if not line.strip():
                if cur.get("Package") and "installed" in cur.get("Status", "") and \
                        "not-installed" not in cur.get("Status", ""):
                    out[cur["Package"]] = cur.get("Version", "")
                cur = {}
                continue
            if line[:1] in (" ", "\t"):
                continue
            k, _, v = line.partition(":")
            cur[k] = v.strip()
        return out

    def lock_error(self, what: str = "frontend") -> int:
        if what == "lists":
            self.cmd.raw_err("E: Could not open lock file /var/lib/apt/lists/lock - open (13: "
                             "Permission denied)\nE: Unable to lock directory "
                             "/var/lib/apt/lists/\n")
        else:
            self.cmd.raw_err("E: Could not open lock file /var/lib/dpkg/lock-frontend - open "
                             "(13: Permission denied)\nE: Unable to acquire the dpkg frontend "
                             "lock (/var/lib/dpkg/lock-frontend), are you root?\n")
        return 100

    # ---- commands
    def update(self, quiet: int) -> int:
        cmd, fs = self.cmd, self.fs
        if cmd.uid != 0:
            return self.lock_error("lists")
        files = self.list_files()
        total_kb = 0.0
        n = 0
        for name, size, kb, label in files:
            n += 1
            total_kb += kb
            if quiet < 2:
                cmd.write(f"Get:{n} {label} [{_apt_size(kb * 1000)}]\n")
        _mkdirs(fs, "/var/lib/apt/lists/partial")
        _mkdirs(fs, "/var/lib/apt/lists/auxfiles")
        for name, size, kb, label in files:
            fs.write("/var/lib/apt/lists/" + name, FillerBlob(size, f"apt-list:{name}"),
                     mode=0o644)
        if not fs.exists("/var/lib/apt/lists/lock"):
            fs.write("/var/lib/apt/lists/lock", b"", mode=0o640)
        if not self.docker_clean:
            _mkdirs(fs, "/var/cache/apt")
            fs.write("/var/cache/apt/pkgcache.bin", FillerBlob(27_800_000, "pkgcache"))
            fs.write("/var/cache/apt/srcpkgcache.bin", FillerBlob(27_700_000, "srcpkgcache"))
        if quiet < 2:
            secs = max(1, int(total_kb / 7000))
            cmd.write(f"Fetched {_apt_size(total_kb * 1000)} in {secs}s "
                      f"({_apt_size(total_kb * 1000 / secs)}/s)\n")
        if quiet < 2:
            cmd.write("Reading package lists...\n")
        return 0

    def resolve(self, names, recommends: bool, installed: dict):
        order: list[str] = []
        seen: set[str] = set()
        rec_skipped: list[str] = []

        def visit(n, depth=0):
            if n in seen or n in installed or n not in self.index or depth > 50:
                return
            seen.add(n)
            v, isz, dsz, deps, recs, progs, sec = self.index[n]
            for d in deps:
                visit(d, depth + 1)
            order.append(n)
            for r in recs:
                if recommends:
                    visit(r, depth + 1)
                elif r not in installed and r not in rec_skipped:
                    rec_skipped.append(r)

        for n in names:
            visit(n)
        return order, rec_skipped

    def install(self, args: list[str], yes: bool, recommends: bool, quiet: int,
                front: str) -> int:
        cmd = self.cmd
        if cmd.uid != 0:
            return self.lock_error()
        w = cmd.write
        if quiet < 2:
            w("Reading package lists...\nBuilding dependency tree...\n"
              "Reading state information...\n")
        installed = self.installed()
        lists = self.have_lists()
        wanted = []
        errors = []
        for a in args:
            name, _, ver = a.partition("=")
            name = name.split(":")[0]
            if name in installed and (not lists or name not in self.index):
                wanted.append(name)
                continue
            if not lists or name not in self.index:
                errors.append(f"E: Unable to locate package {name}")
                continue
            if ver and ver != self.index[name][0]:
                errors.append(f"E: Version '{ver}' for '{name}' was not found")
                continue
            wanted.append(name)
        if errors:
            cmd.raw_err("".join(e + "\n" for e in errors))
            return 100
        order, rec_skipped = self.resolve(wanted, recommends, installed)
        for n in wanted:
            if n in installed:
                ver = installed[n]
                w(f"{n} is already the newest version ({ver}).\n")
        if not order:
            w("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
            return 0
        extra = sorted(n for n in order if n not in wanted)
        if extra and quiet < 2:
            w("The following additional packages will be installed:\n" + _wrap_names(extra))
        if rec_skipped and quiet < 2:
            w("Recommended packages:\n" + _wrap_names(rec_skipped))
        if quiet < 2:
            w("The following NEW packages will be installed:\n" + _wrap_names(sorted(order)))
        if quiet < 2:
            w(f"0 upgraded, {len(order)} newly installed, 0 to remove and 0 not upgraded.\n")
        dl = sum(self.index[n][2] for n in order) * 1000
        inst = sum(self.index[n][1] for n in order) * 1024
        if quiet < 2:
            w(f"Need to get {_apt_size(dl)} of archives.\n"
              f"After this operation, {_apt_size(inst)} of additional disk space will be used.\n")
        if extra and not yes:
            w("Do you want to continue? [Y/n] Abort.\n")
            return 1
        # ---- download
        for i, n in enumerate(order, 1):
            v, isz, dsz, deps, recs, progs, sec = self.index[n]
            comp = "main"
            if quiet < 1:
                if self.distro == "ubuntu":
                    w(f"Get:{i} http://archive.ubuntu.com/ubuntu {self.codename}/{comp} amd64 "
                      f"{n} amd64 {v} [{_apt_size(dsz * 1000)}]\n")
                else:
                    w(f"Get:{i} http://deb.debian.org/debian {self.codename}/{comp} amd64 {n} "
                      f"amd64 {v} [{_apt_size(dsz * 1000)}]\n")
        if "apt-utils" not in installed:
            cmd.raw_err("debconf: delaying package configuration, since apt-utils is not "
                        "installed\n")
        secs = max(1, int(dl / 8_000_000))
        if quiet < 2:
            w(f"Fetched {_apt_size(dl)} in {secs}s ({_apt_size(dl / secs)}/s)\n")
        # ---- unpack
        nfiles = self._count_db_files()
        for i, n in enumerate(order):
            v = self.index[n][0]
            if quiet < 2:
                w(f"Selecting previously unselected package {n}.\n")
                if i == 0:
                    w(f"(Reading database ... {nfiles} files and directories currently "
                      f"installed.)\n")
                w(f"Preparing to unpack .../{i:02d}-{n}_{v.split(':')[-1]}_amd64.deb ...\n"
                  if len(order) > 1 else
                  f"Preparing to unpack .../{n}_{v.split(':')[-1]}_amd64.deb ...\n")
                w(f"Unpacking {n} ({v}) ...\n")
            self._unpack(n)
        for n in order:
            if quiet < 2:
                w(f"Setting up {n} ({self.index[n][0]}) ...\n")
            if n == "ca-certificates" and quiet < 2:
                w("Updating certificates in /etc/ssl/certs...\n140 added, 0 removed; done.\n")
        if any(n.startswith("lib") for n in order) and quiet < 2:
            libc = installed.get("libc6", "2.36-9+deb12u9")
            w(f"Processing triggers for libc-bin ({libc}) ...\n")
        if "ca-certificates" in order and quiet < 2:
            w(f"Processing triggers for ca-certificates ({self.index['ca-certificates'][0]}) ..."
              "\nUpdating certificates in "
              "/etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in "
              "/etc/ca-certificates/update.d...\ndone.\n")
        self._record(order, front, args)
        return 0

    def _count_db_files(self) -> int:
        n = 0
        try:
            for name in self.fs.listdir("/var/lib/dpkg/info"):
                if name.endswith(".list"):
                    n += _read(self.fs, "/var/lib/dpkg/info/" + name).count("\n")
        except FSError:
            pass
        return max(n, 6090)

    def _pkg_files(self, n: str):
        """(path, blob-or-text, mode) of a package's files, summing to its Installed-Size."""
        v, isz, dsz, deps, recs, progs, sec = self.index[n]
        total = int(isz * 1024)
        files = []
        copyright = (f"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
                     f"\nUpstream-Name: {n}\n\nFiles: *\nCopyright: the {n} authors\n"
                     f"License: see /usr/share/common-licenses\n")
        files.append((f"/usr/share/doc/{n}/copyright", copyright, 0o644))
        files.append((f"/usr/share/doc/{n}/changelog.Debian.gz",
                      FillerBlob(600 + _h(n) % 4000, f"deb-changelog:{n}:{v}"), 0o644))
        rest = max(0, total - sum(len(f[1]) if isinstance(f[1], str) else f[1].size
                                  for f in files))
        if progs:
            share = rest // (2 if n.startswith("lib") else 1) // (len(progs) + 1)
            for p in progs:
                d, _, base = p.rpartition(":")
                where = "/usr/sbin/" if d == "sbin" else "/usr/bin/"
                size = max(1024, share * (3 if p == progs[0] else 1) // 2)
                size = min(size, rest)
                files.append((where + base, FillerBlob(size, f"deb:{n}:{v}:{base}"), 0o755))
                rest -= size
        if n.startswith("lib") and rest:
            m = re.search(r"(\d[\d.]*)$", n)
            ver = m.group(1).strip(".") if m else "1"
            soname = (n[:m.start()].rstrip("-") if m else n) or n
            files.append((f"{LIB_DIR}/{soname}.so.{ver}.0.0",
                          FillerBlob(rest, f"deb:{n}:{v}:so"), 0o644))
            rest = 0
        if rest > 0:
            k = 3 if rest > 300_000 else 1
            for i in range(k):
                part = rest // k if i < k - 1 else rest - (rest // k) * (k - 1)
                files.append((f"/usr/share/{n}/data{i}.bin" if sec != "python" else
                              f"/usr/lib/{self.python}/{n}-{i}.py",
                              FillerBlob(part, f"deb:{n}:{v}:data{i}"), 0o644))
        return files

    def _unpack(self, n: str) -> None:
        fs = self.fs
        v = self.index[n][0]
        paths = []
        for path, data, mode in self._pkg_files(n):
            _put(fs, path, data, mode)
            paths.append(path)
        # special cases that lessons look at
        if n == f"{self.python}-minimal":
            _put(fs, f"/usr/lib/{self.python}/EXTERNALLY-MANAGED",
                 "[externally-managed]\nError=To install Python packages system-wide, try apt "
                 "install\n python3-xyz, where xyz is the package you are trying to\n install.\n")
            paths.append(f"/usr/lib/{self.python}/EXTERNALLY-MANAGED")
        if n == "python3":               # /usr/bin/python3 -> python3.X, as Debian ships it
            if fs.exists("/usr/bin/python3", follow=False):
                fs.unlink("/usr/bin/python3")
            fs.symlink(self.python, "/usr/bin/python3")
            paths.append("/usr/bin/python3")
        if n == "python3-pip":
            _mkdirs(fs, "/usr/lib/python3/dist-packages/pip")
            _put(fs, "/usr/lib/python3/dist-packages/pip/__init__.py", '__version__ = "23.0.1"\n')
        if n == "nginx-common":
            _put(fs, "/etc/nginx/nginx.conf", _NGINX_CONF)
            _put(fs, "/var/www/html/index.nginx-debian.html", _NGINX_INDEX)
            _mkdirs(fs, "/var/log/nginx")
            _mkdirs(fs, "/var/lib/nginx")
            paths += ["/etc/nginx/nginx.conf", "/var/www/html/index.nginx-debian.html"]
        if n == "ca-certificates":
            _put(fs, "/etc/ssl/certs/ca-certificates.crt",
                 FillerBlob(219_000, "ca-certificates.crt"))
            paths.append("/etc/ssl/certs/ca-certificates.crt")
        # dpkg database
        dirs = set()
        for p in paths:
            parts = p.split("/")[1:-1]
            for i in range(1, len(parts) + 1):
                dirs.add("/" + "/".join(parts[:i]))
        listing = "/.\n" + "".join(d + "\n" for d in sorted(dirs)) + \
            "".join(p + "\n" for p in paths)
        _put(fs, f"/var/lib/dpkg/info/{n}.list", listing)
        md5 = "".join(f"{hashlib.md5((p + v).encode()).hexdigest()}  {p.lstrip('/')}\n"
                      for p in paths)
        _put(fs, f"/var/lib/dpkg/info/{n}.md5sums", md5)
        if self.docker_clean is False:
            v_ = v.split(":")[-1]
            _put(fs, f"/var/cache/apt/archives/{n}_{v_}_amd64.deb",
                 FillerBlob(int(self.index[n][2] * 1000), f"deb-archive:{n}:{v}"))

    def _record(self, order, front: str, args) -> None:
        fs = self.fs
        old = _read(fs, "/var/lib/dpkg/status")
        if old:
            fs.write("/var/lib/dpkg/status-old", old.encode())
        stanzas = []
        for n in order:
            v, isz, dsz, deps, recs, progs, sec = self.index[n]
            st = (f"Package: {n}\nStatus: install ok installed\nPriority: optional\n"
                  f"Section: {sec}\nInstalled-Size: {isz}\nMaintainer: Debian Developers "
                  f"<debian-devel@lists.debian.org>\nArchitecture: amd64\nVersion: {v}\n")
            if deps:
                st += "Depends: " + ", ".join(deps) + "\n"
            if recs:
                st += "Recommends: " + ", ".join(recs) + "\n"
            st += f"Description: {n} (simulated)\n"
            stanzas.append(st)
        new = old.rstrip("\n") + ("\n\n" if old.strip() else "") + "\n".join(stanzas)
        fs.write("/var/lib/dpkg/status", new.encode() if new.endswith("\n") else
                 (new + "\n").encode())
        now = self.cmd.now()
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now))
        log = "".join(f"{stamp} install {n}:amd64 <none> {self.index[n][0]}\n"
                      f"{stamp} status installed {n}:amd64 {self.index[n][0]}\n" for n in order)
        _append(fs, "/var/log/dpkg.log", log)
        _mkdirs(fs, "/var/log/apt")
        _append(fs, "/var/log/apt/history.log",
                f"\nStart-Date: {stamp.replace(' ', '  ')}\nCommandline: {front} install "
                f"{' '.join(args)}\nInstall: " +
                ", ".join(f"{n}:amd64 ({self.index[n][0]})" for n in order) +
                f"\nEnd-Date: {stamp.replace(' ', '  ')}\n")
        _append(fs, "/var/log/apt/term.log", f"\nLog started: {stamp}\n" + "".join(
            f"Unpacking {n} ({self.index[n][0]}) ...\nSetting up {n} ({self.index[n][0]}) ...\n" for n in order)
            + f"Log ended: {stamp}\n")
        fs.write("/var/log/apt/eipp.log.xz", FillerBlob(20_000 + 900 * len(order),
                                                       f"eipp:{now}"))
        # debconf's databases grow with each package's templates
        _mkdirs(fs, "/var/cache/debconf")
        for name, base, per in (("templates.dat", 480_000, 2_300), ("config.dat", 28_000, 150)):
            p = "/var/cache/debconf/" + name
            try:
                cur = fs.stat(p).size
                fs.write(p + "-old", fs.read_blob(p))
            except FSError:
                cur = base
            fs.write(p, FillerBlob(cur + per * len(order), f"debconf:{name}:{now}"))

    def remove(self, names: list[str], purge: bool, yes: bool) -> int:
        cmd, fs = self.cmd, self.fs
        if cmd.uid != 0:
            return self.lock_error()
        cmd.write("Reading package lists...\nBuilding dependency tree...\n"
                  "Reading state information...\n")
        installed = self.installed()
        todo = []
        for n in names:
            if n not in installed:
                if n in self.index and self.have_lists():
                    cmd.write(f"Package '{n}' is not installed, so not removed\n")
                else:
                    cmd.raw_err(f"E: Unable to locate package {n}\n")
                    return 100
            else:
                todo.append(n)
        if not todo:
            cmd.write("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
            return 0
        cmd.write("The following packages will be REMOVED:\n" +
                  _wrap_names([n + ("*" if purge else "") for n in todo]))
        cmd.write(f"0 upgraded, 0 newly installed, {len(todo)} to remove and 0 not upgraded.\n")
        for n in todo:
            cmd.write(f"Removing {n} ({installed[n]}) ...\n")
            for line in _read(fs, f"/var/lib/dpkg/info/{n}.list").splitlines():
                try:
                    st = fs.lstat(line)
                    if not st.is_dir:
                        fs.unlink(line)
                except FSError:
                    pass
            for ext in (".list", ".md5sums"):
                try:
                    fs.unlink(f"/var/lib/dpkg/info/{n}{ext}")
                except FSError:
                    pass
        # drop the stanzas
        text = _read(fs, "/var/lib/dpkg/status")
        keep = [s for s in text.split("\n\n") if not any(
            s.startswith(f"Package: {n}\n") for n in todo)]
        fs.write("/var/lib/dpkg/status", "\n\n".join(keep).encode())
        return 0

    def clean(self) -> int:
        fs = self.fs
        if self.cmd.uid != 0:
            self.cmd.raw_err("E: Could not open lock file /var/cache/apt/archives/lock - open "
                             "(13: Permission denied)\nE: Unable to lock directory "
                             "/var/cache/apt/archives/\n")
            return 100
        for d in ("/var/cache/apt/archives", "/var/cache/apt/archives/partial"):
            try:
                for name in fs.listdir(d):
                    p = d + "/" + name
                    if fs.lstat(p).is_file and name != "lock":
                        fs.unlink(p)
            except FSError:
                pass
        try:
            for name in fs.listdir("/var/cache/apt"):
                if name.endswith(".bin"):
                    fs.unlink("/var/cache/apt/" + name)
        except FSError:
            pass
        return 0


_NGINX_CONF = """user www-data;
worker_processes auto;
pid /run/nginx.pid;
error_log /var/log/nginx/error.log;
include /etc/nginx/modules-enabled/*.conf;

events {
	worker_connections 768;
}

http {
	sendfile on;
	tcp_nopush on;
	types_hash_max_size 2048;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log /var/log/nginx/access.log;
	gzip on;
	include /etc/nginx/conf.d/*.conf;
	include /etc/nginx/sites-enabled/*;
}
"""
_NGINX_INDEX = """<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
"""


@command("apt-get", "apt")
def cmd_apt(cmd: Cmd) -> int:
    args = list(cmd.args)
    yes = False
    recommends = True
    quiet = 0
    action = None
    names = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-y", "--yes", "--assume-yes", "-qy", "-yq", "-yqq", "-qqy"):
            yes = True
            quiet += a.count("q")
        elif a in ("-q", "--quiet"):
            quiet += 1
        elif a == "-qq":
            quiet += 2
        elif a == "--no-install-recommends":
            recommends = False
        elif a == "--install-recommends":
            recommends = True
        elif a in ("-o", "-c", "-t", "--target-release") and i + 1 < len(args):
            if args[i + 1].startswith("APT::Install-Recommends=") and \
                    args[i + 1].split("=", 1)[1].lower() in ("0", "false", "no"):
                recommends = False
            i += 1
        elif a.startswith("-"):
            if "y" in a and not a.startswith("--"):
                yes = True
            quiet += a.count("q") if not a.startswith("--") else 0
        elif action is None:
            action = a
        else:
            names.append(a)
        i += 1
    if cmd.prog == "apt":
        cmd.raw_err("\nWARNING: apt does not have a stable CLI interface. Use with caution in "
                    "scripts.\n\n")
    apt = _Apt(cmd)
    if action is None:
        cmd.write("apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n")
        return 1
    if action == "update":
        return apt.update(quiet)
    if action in ("install", "reinstall"):
        if not names:
            cmd.write("Reading package lists...\nBuilding dependency tree...\n"
                      "Reading state information...\n0 upgraded, 0 newly installed, 0 to "
                      "remove and 0 not upgraded.\n")
            return 0
        return apt.install(names, yes, recommends, quiet, cmd.prog)
    if action in ("remove", "purge", "autoremove"):
        if action == "autoremove" and not names:
            if cmd.uid != 0:
                return apt.lock_error()
            cmd.write("Reading package lists...\nBuilding dependency tree...\n"
                      "Reading state information...\n0 upgraded, 0 newly installed, 0 to remove "
                      "and 0 not upgraded.\n")
            return 0
        return apt.remove(names, action == "purge", yes)
    if action in ("clean", "autoclean"):
        return apt.clean()
    if action in ("upgrade", "dist-upgrade", "full-upgrade"):
        if cmd.uid != 0:
            return apt.lock_error()
        cmd.write("Reading package lists...\nBuilding dependency tree...\n"
                  "Reading state information...\nCalculating upgrade...\n"
                  "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
        return 0
    if action == "list" and cmd.prog == "apt":
        cmd.write("Listing...\n")
        for n, v in sorted(apt.installed().items()):
            cmd.write(f"{n}/now {v} amd64 [installed,local]\n")
        return 0
    cmd.raw_err(f"E: Invalid operation {action}\n")
    return 100


@command("dpkg", "dpkg-query")
def cmd_dpkg(cmd: Cmd) -> int:
    apt = _Apt(cmd)
    args = list(cmd.args)
    if not args:
        cmd.err("error: need an action option")
        return 2
    a = args[0]
    installed = apt.installed()
    if a in ("-l", "--list"):
        cmd.write("Desired=Unknown/Install/Remove/Purge/Hold\n"
                  "| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/"
                  "Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n"
                  "||/ Name           Version      Architecture Description\n"
                  "+++-==============-============-============-=================================\n")
        for n, v in sorted(installed.items()):
            if len(args) > 1 and not any(re.fullmatch(x.replace("*", ".*"), n) for x in args[1:]):
                continue
            cmd.write(f"ii  {n:<14} {v:<12} amd64        {n}\n")
        return 0
    if a in ("-L", "--listfiles") and len(args) > 1:
        n = args[1]
        if n not in installed:
            cmd.err(f"package '{n}' is not installed")
            return 1
        text = _read(cmd.fs, f"/var/lib/dpkg/info/{n}.list") or \
            _read(cmd.fs, f"/var/lib/dpkg/info/{n}:amd64.list")
        cmd.write(text)
        return 0
    if a in ("-s", "--status") and len(args) > 1:
        n = args[1]
        for stanza in _read(cmd.fs, "/var/lib/dpkg/status").split("\n\n"):
            if stanza.startswith(f"Package: {n}\n"):
                cmd.write(stanza.rstrip("\n") + "\n")
                return 0
        cmd.err(f"package '{n}' is not installed and no information is available")
        return 1
    if a == "--print-architecture":
        cmd.write("amd64\n")
        return 0
    if cmd.prog == "dpkg-query" and (a in ("-W", "--show") or a.startswith("--showformat") or a == "-f"):
        return _dpkg_query_show(cmd, args)
    cmd.err(f"unknown option {a}")
    return 2


# ====================================================================== apk
class _Apk:
    def __init__(self, cmd: Cmd):
        self.cmd = cmd
        self.fs = cmd.fs
        repos = [ln.strip() for ln in _read(self.fs, "/etc/apk/repositories").splitlines()
                 if ln.strip() and not ln.startswith("#")]
        self.repos = repos or ["https://dl-cdn.alpinelinux.org/alpine/v3.20/main",
                               "https://dl-cdn.alpinelinux.org/alpine/v3.20/community"]
        branch = ".".join(_os_release(self.fs).get("VERSION_ID", "3.20").split(".")[:2])
        self.index, self.aliases = pkgindex.apk(branch)

    def db(self) -> list[dict]:
        out, cur = [], {}
        for line in _read(self.fs, "/lib/apk/db/installed").splitlines() + [""]:
            if not line:
                if cur:
                    out.append(cur)
                cur = {}
                continue
            k, _, v = line.partition(":")
            if k in ("F", "R"):
                cur.setdefault("files", []).append((k, v))
            else:
                cur.setdefault(k, v)
        return out

    def installed(self) -> dict:
        return {p["P"]: p for p in self.db() if "P" in p}

    def cache_files(self):
        out = []
        for r in self.repos:
            tag = hashlib.sha1(r.encode()).hexdigest()[:8]
            size = 1_310_000 if r.endswith("community") else 650_000
            out.append((f"/var/cache/apk/APKINDEX.{tag}.tar.gz", size, r))
        return out

    def have_index(self) -> bool:
        return all(self.fs.exists(p) for p, _, _ in self.cache_files())

    def fetch(self, store: bool, quiet: bool = False) -> None:
        for path, size, repo in self.cache_files():
            if not quiet:
                self.cmd.write(f"fetch {repo}/x86_64/APKINDEX.tar.gz\n")
            if store:
                _mkdirs(self.fs, "/var/cache/apk")
                self.fs.write(path, FillerBlob(size, f"apkindex:{repo}"))

    def totals(self):
        inst = self.installed()
        n = len(inst)
        size = sum(int(p.get("I", 0) or 0) for p in inst.values())
        if "busybox" not in inst:
            n += 14
            size += 7_800_000
        return n, size

    def ok_line(self) -> str:
        n, size = self.totals()
        return f"OK: {max(1, round(size / (1 << 20)))} MiB in {n} packages\n"

    def world(self) -> list[str]:
        return [w for w in _read(self.fs, "/etc/apk/world").split() if w]

    def set_world(self, names) -> None:
        _put(self.fs, "/etc/apk/world", "".join(n + "\n" for n in names))

    def files_of(self, name: str):
        v, size, deps, progs, desc = self.index[name]
        files = []
        rest = size
        for p in progs:
            s = max(4096, size // (len(progs) + 2)) if len(progs) else size
            s = min(s, rest)
            files.append(("/" + p, FillerBlob(s, f"apk:{name}:{v}:{p}"), 0o755))
            rest -= s
        if rest > 0:
            if name.startswith("lib") or name.endswith("-libs") or not progs:
                base = name[3:] if name.startswith("lib") else name.replace("-libs", "")
                files.append((f"/usr/lib/lib{base}.so.1", FillerBlob(rest, f"apk:{name}:{v}:so"),
                              0o755))
            else:
                files.append((f"/usr/share/{name}/data", FillerBlob(rest, f"apk:{name}:{v}:d"),
                              0o644))
        if name == "ca-certificates":
            files.append(("/etc/ssl/certs/ca-certificates.crt",
                          FillerBlob(219_000, "ca-certificates.crt"), 0o644))
        if name == "nginx":
            files.append(("/etc/nginx/nginx.conf", _NGINX_CONF.replace("www-data", "nginx"),
                          0o644))
        if name == "python3":
            files.append(("/usr/lib/python3.12/EXTERNALLY-MANAGED",
                          "[externally-managed]\nError=To install Python packages system-wide, "
                          "try 'apk add py3-somepackage'.\n", 0o644))
        return files

    def resolve(self, names, installed):
        order, seen = [], set()

        def visit(n, d=0):
            if n in seen or n in installed or n not in self.index or d > 50:
                return
            seen.add(n)
            for dep in self.index[n][2]:
                visit(dep, d + 1)
            order.append(n)
        for n in names:
            visit(n)
        return order

    def add(self, names, no_cache: bool, update: bool, virtual: str | None, quiet: bool) -> int:
        cmd, fs = self.cmd, self.fs
        if cmd.uid != 0:
            cmd.raw_err("ERROR: Unable to lock database: Permission denied\n"
                        "ERROR: Failed to open apk database: Permission denied\n")
            return 99
        # no cached index (as in the official images): apk fetches it first and keeps it in
        # /var/cache/apk, which is what --no-cache avoids
        if no_cache or update or not self.have_index():
            self.fetch(store=not no_cache, quiet=quiet)
        installed = self.installed()
        req = []
        bad = []
        for n in names:
            base = re.split(r"[<>=~]", n, 1)[0]
            base = self.aliases.get(base, base) or base
            if base in installed or base in self.index:
                req.append(base)
            else:
                bad.append(base)
        if bad:
            cmd.raw_err("ERROR: unable to select packages:\n" + "".join(
                f"  {b} (no such package):\n    required by: world[{b}]\n" for b in bad))
            return len(bad)
        order = self.resolve(req, installed)
        steps = list(order)
        if virtual:
            steps.append(virtual)
        total = len(steps)
        stamp = time.strftime("%Y%m%d.%H%M%S", time.gmtime(cmd.now()))
        for i, n in enumerate(steps, 1):
            v = self.index[n][0] if n in self.index else stamp
            if not quiet:
                cmd.write(f"({i}/{total}) Installing {n} ({v})\n")
            if n in self.index:
                self._install(n)
        if virtual:
            self._db_add(virtual, stamp, 0, req, [])
        world = self.world()
        for n in ([virtual] if virtual else req):
            if n not in world:
                world.append(n)
        self.set_world(sorted(world))
        if order and not quiet:
            if any(n.startswith("lib") or n.endswith("-libs") for n in order):
                cmd.write("Executing busybox-1.36.1-r29.trigger\n")
            if "ca-certificates" in order:
                cmd.write(f"Executing ca-certificates-{self.index['ca-certificates'][0]}.trigger\n")
        if not quiet:
            cmd.write(self.ok_line())
        return 0

    def _install(self, n: str) -> None:
        fs = self.fs
        v, size, deps, progs, desc = self.index[n]
        paths = []
        for path, data, mode in self.files_of(n):
            _put(fs, path, data, mode)
            paths.append(path)
        self._db_add(n, v, size, deps, paths, desc)

    def _db_add(self, n, v, size, deps, paths, desc: str = "virtual meta package") -> None:
        lines = [f"C:Q1{hashlib.sha1((n + v).encode()).hexdigest()[:27]}=", f"P:{n}", f"V:{v}",
                 "A:x86_64", f"S:{max(1, size // 3)}", f"I:{size}", f"T:{desc}",
                 "U:https://alpinelinux.org", "L:MIT"]
        if deps:
            lines.append("D:" + " ".join(deps))
        dirs: dict = {}
        for p in paths:
            d, base = p.rsplit("/", 1)
            dirs.setdefault(d.lstrip("/"), []).append(base)
        for d in sorted(dirs):
            lines.append(f"F:{d}")
            for b in dirs[d]:
                lines.append(f"R:{b}")
        _append(self.fs, "/lib/apk/db/installed", "\n".join(lines) + "\n\n")
        _mkdirs(self.fs, "/lib/apk/db")
        if not self.fs.exists("/lib/apk/db/scripts.tar"):
            self.fs.write("/lib/apk/db/scripts.tar", FillerBlob(10240, "apk-scripts"))
        if not self.fs.exists("/lib/apk/db/triggers"):
            self.fs.write("/lib/apk/db/triggers", b"")

    def delete(self, names, quiet: bool) -> int:
        cmd, fs = self.cmd, self.fs
        if cmd.uid != 0:
            cmd.raw_err("ERROR: Unable to lock database: Permission denied\n"
                        "ERROR: Failed to open apk database: Permission denied\n")
            return 99
        world = [w for w in self.world() if w not in names]
        db = self.db()
        by_name = {p.get("P"): p for p in db}
        needed: set = set()

        def need(n):
            if n in needed or n not in by_name:
                return
            needed.add(n)
            for d in by_name[n].get("D", "").split():
                need(d)
        for w in world:
            need(w)
        base = {"busybox", "musl", "alpine-baselayout", "apk-tools", "alpine-keys", "zlib",
                "libcrypto3", "libssl3", "ca-certificates-bundle", "scanelf", "musl-utils",
                "libc-utils", "ssl_client", "busybox-binsh", "alpine-baselayout-data"}
        drop = [p for p in db if p.get("P") not in needed and p.get("P") not in base]
        total = len(drop)
        for i, p in enumerate(reversed(drop), 1):
            if not quiet:
                cmd.write(f"({i}/{total}) Purging {p['P']} ({p.get('V', '')})\n")
            d = ""
            for k, v in p.get("files", []):
                if k == "F":
                    d = v
                elif k == "R":
                    try:
                        fs.unlink("/" + d + "/" + v)
                    except FSError:
                        pass
        keep = [p for p in db if p not in drop]
        text = []
        for p in keep:
            for k, v in p.items():
                if k != "files":
                    text.append(f"{k}:{v}")
            for k, v in p.get("files", []):
                text.append(f"{k}:{v}")
            text.append("")
        fs.write("/lib/apk/db/installed", ("\n".join(text) + "\n").encode() if text else b"")
        self.set_world(world)
        if not quiet:
            cmd.write(self.ok_line())
        return 0


@command("apk")
def cmd_apk(cmd: Cmd) -> int:
    args = list(cmd.args)
    no_cache = update = quiet = False
    virtual = None
    action = None
    names = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--no-cache":
            no_cache = True
        elif a in ("-U", "--update", "--update-cache"):
            update = True
        elif a in ("-q", "--quiet"):
            quiet = True
        elif a in ("-t", "--virtual") and i + 1 < len(args):
            virtual = args[i + 1]
            i += 1
        elif a.startswith("--virtual="):
            virtual = a.split("=", 1)[1]
        elif a in ("--version", "-V"):
            cmd.write("apk-tools 2.14.4, compiled for x86_64.\n")
            return 0
        elif a.startswith("-"):
            if a.startswith("-") and not a.startswith("--") and "U" in a:
                update = True
        elif action is None:
            action = a
        else:
            names.append(a)
        i += 1
    apk = _Apk(cmd)
    if action is None:
        cmd.write("apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND "
                  "[<ARGUMENTS>...]\n")
        return 1
    if action == "update":
        if cmd.uid != 0:
            cmd.raw_err("ERROR: Unable to lock database: Permission denied\n"
                        "ERROR: Failed to open apk database: Permission denied\n")
            return 99
        apk.fetch(store=not no_cache)
        for r in apk.repos:
            tag = "v3.20.3-" + str(140 + _h(r) % 20) + "-g" + hashlib.sha1(r.encode()).hexdigest()[:10]
            cmd.write(f"{tag} [{r}]\n")
        cmd.write("OK: 24174 distinct packages available\n")
        return 0
    if action == "add":
        if not names and not virtual:
            return 0
        return apk.add(names, no_cache, update, virtual, quiet)
    if action in ("del", "delete"):
        return apk.delete(names, quiet)
    if action == "info":
        for n in sorted(apk.installed()):
            cmd.write(n + "\n")
        return 0
    if action == "cache" and names[:1] == ["clean"]:
        return 0
    cmd.raw_err(f"apk-tools 2.14.4, compiled for x86_64.\n\nERROR: '{action}' is not an apk "
                "command. See 'apk --help'.\n")
    return 1


# ====================================================================== pip
_NAME_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*((?:[<>=!~]=?|===)\s*[\w.*+!-]+"
                      r"(?:\s*,\s*(?:[<>=!~]=?)\s*[\w.*+!-]+)*)?$")


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pip_info(name: str, ver: str | None):
    key = _canon(name)
    if key in PIP:
        v, isz, wsz, deps, tops, scripts = PIP[key]
        if ver:
            v = ver
        return key, v, isz, wsz, deps, tops, scripts
    h = _h("pypi", key)
    v = ver or f"{1 + h % 3}.{h % 10}.{h % 7}"
    isz = 30 + h % 370
    return key, v, isz, max(5, isz // 3), [], [key.replace("-", "_")], []


def _pin_matches(pin: str, version: str) -> bool:
    """PEP 440 ``==``: release numbers compared with zeros padded (``==2.0`` is 2.0.0), a
    trailing ``.*`` a prefix match; whatever follows the numbers (``rc1``) must be equal."""
    def split(v, strip=True):
        m = re.match(r"^v?(\d+(?:\.\d+)*)(.*)$", v.strip().lower())
        if not m:
            return None, v
        nums = [int(x) for x in m.group(1).split(".")]
        while strip and len(nums) > 1 and nums[-1] == 0:
            nums.pop()
        return nums, m.group(2)
    if pin.endswith(".*"):
        want, have = split(pin[:-2], False)[0], split(version, False)[0]
        return want is not None and have is not None and \
            (have + [0] * len(want))[:len(want)] == want
    return split(pin) == split(version)


def _no_version(cmd: Cmd, name: str, req: str, pin: str | None) -> bool:
    """pip's answer when a requirement matches no version of its index (pypa/pip
    src/pip/_internal/resolution/resolvelib/factory.py _report_single_requirement_conflict:
    "Could not find a version that satisfies the requirement %s (from versions: %s)", the
    versions sorted, "none" without any; the HINT for a package literally named
    requirements.txt; then DistributionNotFound "No matching distribution found for %s").
    The versions are those of ``pypi_versions.json``; a package without a list there takes
    any pin.  True when it answered so (pip exits 1)."""
    if req == "requirements.txt":
        versions = []
    else:
        versions = _pypi_versions().get(_canon(name))
        if versions is None or pin is None or any(_pin_matches(pin, v) for v in versions):
            return False
    cmd.raw_err(f"ERROR: Could not find a version that satisfies the requirement {req} "
                f"(from versions: {', '.join(versions) or 'none'})\n")
    if req == "requirements.txt":
        cmd.write('HINT: You are attempting to install a package literally named "requirements.txt" '
                  "(which cannot exist). Consider using the '-r' flag to install the packages "
                  "listed in requirements.txt\n")
    cmd.raw_err(f"ERROR: No matching distribution found for {req}\n")
    return True


_VERSIONS: dict = {}


def _pypi_versions() -> dict:
    """name → every version of it on the simulated index, oldest first."""
    if not _VERSIONS:
        from pathlib import Path
        with open(Path(__file__).with_name("pypi_versions.json"), encoding="utf-8") as f:
            _VERSIONS.update((k, v) for k, v in json.load(f).items() if not k.startswith("_"))
    return _VERSIONS


class _Python:
    """Where a pip installs: the interpreter's version, prefix and site-packages."""

    def __init__(self, cmd: Cmd):
        fs = cmd.fs
        self.version = "3.12"
        self.prefix = "/usr/local"
        self.site = None
        self.managed = False
        self.bindir = "/usr/local/bin"
        pip_path = cmd.path or "/usr/local/bin/pip"
        cands = []
        for base in ("/usr/local/lib", "/usr/lib"):
            try:
                for n in fs.listdir(base):
                    m = re.fullmatch(r"python(3\.\d+)", n)
                    if m:
                        cands.append((base, m.group(1)))
            except FSError:
                pass
        local = [c for c in cands if c[0] == "/usr/local/lib" and
                 fs.isdir(f"/usr/local/lib/python{c[1]}/site-packages")]
        system = [c for c in cands if c[0] == "/usr/lib"]
        if pip_path.startswith("/usr/local") and local:
            self.version = local[-1][1]
            self.site = f"/usr/local/lib/python{self.version}/site-packages"
        elif system:
            self.version = system[-1][1]
            if fs.exists(f"/usr/lib/python{self.version}/EXTERNALLY-MANAGED"):
                self.managed = True
            if fs.isdir(f"/usr/lib/python{self.version}/site-packages"):
                self.site = f"/usr/lib/python{self.version}/site-packages"   # alpine
                self.prefix = "/usr"
                self.bindir = "/usr/bin"
            else:
                self.site = f"/usr/local/lib/python{self.version}/dist-packages"    # debian
        elif local:
            self.version = local[-1][1]
            self.site = f"/usr/local/lib/python{self.version}/site-packages"
        else:
            self.site = f"/usr/local/lib/python{self.version}/site-packages"
        self.tag = "cp" + self.version.replace(".", "")
        self.python = f"{self.bindir}/python{self.version}" if fs.exists(
            f"{self.bindir}/python{self.version}") else f"/usr/bin/python{self.version}"


def _pip_installed(fs, site: str) -> dict:
    out = {}
    try:
        for n in fs.listdir(site):
            m = re.fullmatch(r"(.+)-([^-]+)\.dist-info", n)
            if m:
                out[_canon(m.group(1))] = (m.group(2), n)
    except FSError:
        pass
    return out


_MANAGED_MSG = """error: externally-managed-environment

× This environment is externally managed
╰─> To install Python packages system-wide, try apt install
    python3-xyz, where xyz is the package you are trying to
    install.
    
    If you wish to install a non-Debian-packaged Python package,
    create a virtual environment using python3 -m venv path/to/venv.
    Then use path/to/venv/bin/python3 and path/to/venv/bin/pip. Make
    sure you have python3-full installed.
    
    If you wish to install a non-Debian packaged Python application,
    it may be easiest to use pipx install xyz, which will manage a
    virtual environment for you. Make sure you have pipx installed.
    
    See /usr/share/doc/python3.11/README.venv for more information.

note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.
hint: See PEP 668 for the detailed specification.
"""
_ROOT_WARNING = ("WARNING: Running pip as the 'root' user can result in broken permissions and "
                 "conflicting behaviour with the system package manager, possibly rendering "
                 "your system unusable. It is recommended to use a virtual environment instead: "
                 "https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you "
                 "know what you are doing and want to suppress this warning.\n")


def _kb(n_kib: float) -> str:
    b = n_kib * 1024
    if b >= 1_000_000:
        return f"{b / 1_000_000:.1f} MB"
    return f"{b / 1000:.0f} kB" if b >= 1000 else f"{int(b)} bytes"


@command("pip", "pip3", "pip3.12", "pip3.11")
def cmd_pip(cmd: Cmd) -> int:
    args = list(cmd.args)
    if not args or args[0] in ("-h", "--help"):
        cmd.write("\nUsage:   \n  pip <command> [options]\n")
        return 0
    py = _Python(cmd)
    if args[0] in ("-V", "--version"):
        cmd.write(f"pip 24.2 from {py.site}/pip (python {py.version})\n")
        return 0
    action, rest = args[0], args[1:]
    fs = cmd.fs
    if action == "install":
        return _pip_install(cmd, py, rest)
    if action == "uninstall":
        names = [a for a in rest if not a.startswith("-")]
        inst = _pip_installed(fs, py.site)
        for n in names:
            key = _canon(n)
            if key not in inst:
                cmd.write(f"WARNING: Skipping {n} as it is not installed.\n")
                continue
            ver, dist = inst[key]
            cmd.write(f"Found existing installation: {n} {ver}\nUninstalling {n}-{ver}:\n"
                      f"  Successfully uninstalled {n}-{ver}\n")
            record = _read(fs, f"{py.site}/{dist}/RECORD")
            for line in record.splitlines():
                p = line.split(",")[0]
                full = normpath(p, py.site)
                try:
                    if fs.lstat(full).is_file:
                        fs.unlink(full)
                except FSError:
                    pass
            for top in _read(fs, f"{py.site}/{dist}/top_level.txt").split():
                try:
                    fs.remove_tree(f"{py.site}/{top}")
                except FSError:
                    pass
            try:
                fs.remove_tree(f"{py.site}/{dist}")
            except FSError:
                pass
        return 0
    if action in ("list", "freeze"):
        inst = _pip_installed(fs, py.site)
        if action == "list":
            rows = sorted((d.rsplit("-", 1)[0], v) for v, d in
                          ((v, d[:-len(".dist-info")]) for v, d in inst.values()))
            w = max([7] + [len(n) for n, _ in rows])
            cmd.write(f"{'Package':<{w}} Version\n{'-' * w} {'-' * 7}\n")
            for n, v in rows:
                cmd.write(f"{n:<{w}} {v}\n")
        else:
            for v, d in sorted(inst.values(), key=lambda x: x[1].lower()):
                name = d[:-len(".dist-info")].rsplit("-", 1)[0]
                if _canon(name) in ("pip", "setuptools", "wheel"):
                    continue
                cmd.write(f"{name}=={v}\n")
        return 0
    if action == "show":
        inst = _pip_installed(fs, py.site)
        status = 0
        for n in rest:
            key = _canon(n)
            if key not in inst:
                cmd.write(f"WARNING: Package(s) not found: {n}\n")
                status = 1
                continue
            v, d = inst[key]
            cmd.write(f"Name: {d.rsplit('-', 1)[0]}\nVersion: {v}\nLocation: {py.site}\n")
        return status
    if action == "cache":
        if rest[:1] == ["purge"]:
            home = cmd.env.get("HOME", "/root")
            try:
                fs.remove_tree(home + "/.cache/pip")
                cmd.write("Files removed: 1\n")
            except FSError:
                cmd.write("WARNING: No matching packages\nFiles removed: 0\n")
        return 0
    cmd.err(f'ERROR: unknown command "{action}"')
    return 1


def _pip_install(cmd: Cmd, py: _Python, rest: list[str]) -> int:
    fs = cmd.fs
    specs = []
    no_cache = False
    user = False
    quiet = 0
    upgrade = False
    no_deps = False
    break_sys = False
    root_action_ignore = cmd.env.get("PIP_ROOT_USER_ACTION") == "ignore"
    target = None
    env_nc = cmd.env.get("PIP_NO_CACHE_DIR", "")
    if env_nc and env_nc.lower() not in ("0", "false", "no", "off"):
        no_cache = True
    if cmd.env.get("PIP_BREAK_SYSTEM_PACKAGES", "") not in ("", "0"):
        break_sys = True
    i = 0
    while i < len(rest):
        a = rest[i]
        if a in ("-r", "--requirement") and i + 1 < len(rest):
            try:
                text = cmd.open_read(rest[i + 1]).read_all().decode()
            except FSError as e:
                cmd.raw_err(f"ERROR: Could not open requirements file: [Errno {e.code}] "
                            f"{e.message}: '{rest[i + 1]}'\n")
                return 1
            for line in text.splitlines():
                line = line.split("#", 1)[0].strip()
                if line and not line.startswith("-"):
                    specs.append(line)
            i += 1
        elif a == "--no-cache-dir":
            no_cache = True
        elif a == "--user":
            user = True
        elif a in ("-q", "--quiet"):
            quiet += 1
        elif a == "-qq":
            quiet += 2
        elif a in ("-U", "--upgrade"):
            upgrade = True
        elif a == "--no-deps":
            no_deps = True
        elif a == "--break-system-packages":
            break_sys = True
        elif a.startswith("--root-user-action"):
            val = a.split("=", 1)[1] if "=" in a else (rest[i + 1] if i + 1 < len(rest) else "")
            if "=" not in a:
                i += 1
            root_action_ignore = val == "ignore"
        elif a in ("-t", "--target") and i + 1 < len(rest):
            target = rest[i + 1]
            i += 1
        elif a in ("-i", "--index-url", "--extra-index-url", "-c", "--constraint", "-f",
                   "--find-links", "--trusted-host") and i + 1 < len(rest):
            i += 1
        elif a.startswith("-"):
            pass
        else:
            specs.append(a)
        i += 1
    if not specs:
        cmd.raw_err("ERROR: You must give at least one requirement to install (see \"pip help "
                    "install\")\n")
        return 1
    if py.managed and not break_sys and not user and target is None:
        cmd.raw_err(_MANAGED_MSG)
        return 1
    parsed = []
    for s in specs:
        m = _NAME_RE.match(s.strip())
        if not m:
            cmd.raw_err(f"ERROR: Invalid requirement: '{s}'\n")
            return 1
        name, cond = m.group(1), m.group(3)
        ver = None
        if cond and cond.strip().startswith("==") and "," not in cond:
            ver = cond.strip()[2:].strip()
        parsed.append((name, ver, s.strip()))
        # the resolver fails before anything is downloaded or written
        if _no_version(cmd, name, name + (m.group(2) or "") + re.sub(r"\s+", "", cond or ""), ver):
            return 1
    home = cmd.env.get("HOME") or ("/root" if cmd.uid == 0 else "/")
    site = py.site
    bindir = py.bindir
    if user:
        site = f"{home}/.local/lib/python{py.version}/site-packages"
        bindir = f"{home}/.local/bin"
    if target:
        site = normpath(target, cmd.cwd)
        bindir = site + "/bin"
    try:
        cmd.access.check(site if fs.exists(site) else py.prefix, 2 | 1)
    except FSError:
        cmd.raw_err(f"ERROR: Could not install packages due to an OSError: [Errno 13] Permission "
                    f"denied: '{site}'\nConsider using the `--user` option or check the "
                    f"permissions.\n\n")
        return 1
    inst = _pip_installed(fs, site)
    w = cmd.write
    order: list = []
    seen: set = set()
    already = []

    def visit(name, ver, parent=None, spec=None):
        info = _pip_info(name, ver)
        key = info[0]
        if key in seen:
            return
        seen.add(key)
        if key in inst and not (upgrade and parent is None) and (ver is None or
                                                                  inst[key][0] == ver):
            already.append((name if parent is None else key, inst[key][0], parent, spec))
            return
        if quiet < 1:
            w(f"Collecting {spec or name}" + (f" (from {parent})" if parent else "") + "\n")
            fname = _wheel_name(info, py)
            w(f"  Downloading {fname}.metadata ({_kb(max(2, info[3] / 40))})\n"
              if info[3] > 30 else f"  Downloading {fname} ({_kb(info[3])})\n")
        if not no_deps:
            for d in info[4]:
                visit(d, None, key, d)
        order.append(info)

    for name, ver, spec in parsed:
        visit(name, ver, None, spec)
    for name, ver, parent, spec in already:
        if quiet < 1:
            w(f"Requirement already satisfied: {spec or name} in {site} ({ver})"
              + (f" (from {parent})" if parent else "") + "\n")
    if quiet < 1:
        for info in order:
            if info[3] > 30:
                w(f"Downloading {_wheel_name(info, py)} ({_kb(info[3])})\n")
    if order:
        if quiet < 1:
            w("Installing collected packages: " + ", ".join(i[0] for i in order) + "\n")
        for info in order:
            _pip_unpack(cmd, py, site, bindir, info)
            if not no_cache:
                _pip_cache(cmd, home, info, py)
        if quiet < 2:
            w("Successfully installed " + " ".join(f"{i[0]}-{i[1]}" for i in
                                                   sorted(order, key=lambda x: x[0])) + "\n")
    if cmd.uid == 0 and not root_action_ignore and not user and order:
        cmd.raw_err(_ROOT_WARNING)
    if order and quiet < 1:
        cmd.raw_err("\n[notice] A new release of pip is available: 24.2 -> 24.3.1\n"
                    "[notice] To update, run: pip install --upgrade pip\n")
    return 0


def _wheel_name(info, py) -> str:
    key, v, isz, wsz, deps, tops, scripts = info
    dist = key.replace("-", "_")
    if isz > 3000 or key in ("markupsafe", "charset-normalizer", "pydantic-core", "pyyaml",
                              "greenlet", "kiwisolver", "contourpy"):
        return (f"{dist}-{v}-{py.tag}-{py.tag}-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    return f"{dist}-{v}-py3-none-any.whl"


def _pip_unpack(cmd: Cmd, py: _Python, site: str, bindir: str, info) -> None:
    fs = cmd.fs
    key, v, isz, wsz, deps, tops, scripts = info
    uid, gid = cmd.uid, cmd.gid
    dist_name = PIP_ALIASES.get(key, key).replace("-", "_")
    total = isz * 1024
    record = []
    # modules (+ their compiled bytecode, which pip writes too)
    per_top = total * 3 // 4 // max(1, len(tops))
    for t in tops:
        if t.endswith(".libs"):
            p = f"{site}/{t}/lib{t.split('.')[0]}-{_h(t) % 9999:04x}.so"
            _put(fs, p, FillerBlob(per_top, f"pypi:{key}:{v}:{t}"), 0o755, uid, gid)
            record.append(p)
            continue
        init = f'"""{t} {v} (simulated)."""\n__version__ = "{v}"\n'
        p = f"{site}/{t}/__init__.py"
        _put(fs, p, init, 0o644, uid, gid)
        record.append(p)
        nmod = 1 if per_top < 40_000 else 4
        for k in range(nmod):
            size = per_top * 2 // 3 // nmod
            p = f"{site}/{t}/_mod{k}.py" if nmod > 1 else f"{site}/{t}/core.py"
            _put(fs, p, FillerBlob(size, f"pypi:{key}:{v}:{t}:{k}"), 0o644, uid, gid)
            record.append(p)
        pyc = f"{site}/{t}/__pycache__/__init__.cpython-{py.tag[2:]}.pyc"
        _put(fs, pyc, FillerBlob(max(200, per_top // 3), f"pyc:{key}:{v}:{t}"), 0o644, uid, gid)
        record.append(pyc)
    di = f"{site}/{dist_name}-{v}.dist-info"
    meta = (f"Metadata-Version: 2.1\nName: {PIP_ALIASES.get(key, key)}\nVersion: {v}\n"
            f"Summary: {key} (simulated by dockstore-magic)\nRequires-Python: >=3.8\n" +
            "".join(f"Requires-Dist: {d}\n" for d in deps))
    _put(fs, f"{di}/METADATA", meta, 0o644, uid, gid)
    _put(fs, f"{di}/INSTALLER", "pip\n", 0o644, uid, gid)
    _put(fs, f"{di}/WHEEL", "Wheel-Version: 1.0\nGenerator: bdist_wheel (0.44.0)\n"
         "Root-Is-Purelib: true\nTag: py3-none-any\n", 0o644, uid, gid)
    _put(fs, f"{di}/top_level.txt", "".join(t + "\n" for t in tops if not t.endswith(".libs")),
         0o644, uid, gid)
    _put(fs, f"{di}/LICENSE", FillerBlob(1000 + _h(key) % 10000, f"license:{key}"), 0o644,
         uid, gid)
    if scripts:
        _put(fs, f"{di}/entry_points.txt", "[console_scripts]\n" + "".join(
            f"{s} = {tops[0]}.cli:main\n" for s in scripts), 0o644, uid, gid)
        for s in scripts:
            p = f"{bindir}/{s}"
            _put(fs, p, f"#!{py.python}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom "
                 f"{tops[0]}.cli import main\nif __name__ == '__main__':\n    sys.argv[0] = "
                 f"re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n",
                 0o755, uid, gid)
            record.append(p)
    record += [f"{di}/METADATA", f"{di}/INSTALLER", f"{di}/WHEEL", f"{di}/top_level.txt",
               f"{di}/LICENSE", f"{di}/RECORD"]
    rec_text = "".join(f"{p[len(site) + 1:] if p.startswith(site) else p},,\n" for p in record)
    _put(fs, f"{di}/RECORD", rec_text, 0o644, uid, gid)
    _put(fs, f"{di}/REQUESTED", "", 0o644, uid, gid)


def _pip_cache(cmd: Cmd, home: str, info, py) -> None:
    fs = cmd.fs
    key, v, isz, wsz, deps, tops, scripts = info
    h = hashlib.sha224(f"{key}-{v}".encode()).hexdigest()
    d = f"{home}/.cache/pip/http-v2/{h[0]}/{h[1]}/{h[2]}/{h[3]}/{h[4]}"
    try:
        _put(fs, f"{d}/{h}", FillerBlob(int(wsz * 1024) + 900, f"pipcache:{key}:{v}"), 0o600,
             cmd.uid, cmd.gid)
        _put(fs, f"{d}/{h}.body", FillerBlob(int(wsz * 1024), f"pipbody:{key}:{v}"), 0o600,
             cmd.uid, cmd.gid)
        sc = f"{home}/.cache/pip/selfcheck"
        if not fs.exists(sc):
            _put(fs, f"{sc}/{hashlib.sha224(py.site.encode()).hexdigest()}",
                 '{"key":"%s","last_check":"2024-11-28T09:00:00Z","pypi_version":"24.3.1"}'
                 % py.site, 0o600, cmd.uid, cmd.gid)
    except FSError:
        pass


# ====================================================================== npm
def _npm_pkg(name: str, ver: str | None):
    if name in NPM:
        v, kb, deps, fund = NPM[name]
        return ver or v, kb, deps, fund
    if name in NPM_SMALL:
        v, kb = NPM_SMALL[name]
        return ver or v, kb, [], False
    h = _h("npm", name)
    return ver or f"{1 + h % 4}.{h % 12}.{h % 9}", 8 + h % 120, [], False


@command("npm")
def cmd_npm(cmd: Cmd) -> int:
    args = list(cmd.args)
    if not args:
        cmd.write("npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in "
                  "your project\n")
        return 1
    if args[0] in ("-v", "--version"):
        cmd.write("10.8.2\n")
        return 0
    action, rest = args[0], args[1:]
    fs = cmd.fs
    home = cmd.env.get("HOME") or "/root"
    if action in ("install", "i", "add", "ci"):
        glob = any(a in ("-g", "--global") for a in rest)
        omit_dev = any(a in ("--production", "--omit=dev", "--only=production") for a in rest)
        dev = any(a in ("-D", "--save-dev") for a in rest)
        names = [a for a in rest if not a.startswith("-")]
        base = "/usr/local/lib" if glob else cmd.cwd
        pj_path = normpath("package.json", base)
        lock_path = normpath("package-lock.json", base)
        if action == "ci" and not fs.exists(lock_path):
            cmd.raw_err("npm error code EUSAGE\nnpm error\nnpm error The `npm ci` command can "
                        "only install with an existing package-lock.json or\nnpm error "
                        "npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with "
                        "npm@5 or\nnpm error later to generate a package-lock.json file, then "
                        "try again.\n")
            return 1
        try:
            pj = json.loads(_read(fs, pj_path)) if fs.exists(pj_path) and not glob else {}
        except ValueError:
            cmd.raw_err("npm error code EJSONPARSE\nnpm error JSON.parse Invalid package.json\n")
            return 1
        if not names and not glob:
            if not fs.exists(pj_path):
                cmd.raw_err(f"npm error code ENOENT\nnpm error syscall open\nnpm error path "
                            f"{pj_path}\nnpm error errno -2\nnpm error enoent Could not read "
                            f"package.json: Error: ENOENT: no such file or directory, open "
                            f"'{pj_path}'\n")
                return 254
            wanted = dict(pj.get("dependencies", {}))
            if not omit_dev:
                wanted.update(pj.get("devDependencies", {}))
            requested = [(n, re.sub(r"^[\^~>=<]+", "", v) or None) for n, v in wanted.items()]
        else:
            requested = []
            for n in names:
                if n.startswith("@"):
                    scope, _, rest_ = n[1:].partition("/")
                    nm, _, ver = rest_.partition("@")
                    requested.append(("@" + scope + "/" + nm, ver or None))
                else:
                    nm, _, ver = n.partition("@")
                    requested.append((nm, ver or None))
        nm_dir = normpath("node_modules", base)
        all_pkgs: dict = {}
        for n, ver in requested:
            v, kb, deps, fund = _npm_pkg(n, ver)
            all_pkgs[n] = (v, kb, fund)
            for d in deps:
                if d not in all_pkgs:
                    dv, dkb, _, dfund = _npm_pkg(d, None)
                    all_pkgs[d] = (dv, dkb, dfund)
        try:
            cmd.access.check(base, 2 | 1)
        except FSError:
            cmd.raw_err(f"npm error code EACCES\nnpm error syscall mkdir\nnpm error path "
                        f"{nm_dir}\nnpm error errno -13\nnpm error Error: EACCES: permission "
                        f"denied, mkdir '{nm_dir}'\n")
            return 243
        added = 0
        for n, (v, kb, fund) in all_pkgs.items():
            d = f"{nm_dir}/{n}"
            if fs.exists(d + "/package.json"):
                continue
            added += 1
            _npm_unpack(cmd, d, n, v, kb)
            _npm_cache(cmd, home, n, v, kb)
        if "left-pad" in all_pkgs:
            cmd.raw_err("npm warn deprecated left-pad@1.3.0: use String.prototype.padStart()\n")
        if not glob:
            if names:
                key = "devDependencies" if dev else "dependencies"
                deps = dict(pj.get(key, {}))
                for n, ver in requested:
                    deps[n] = ver if ver else "^" + all_pkgs[n][0]
                pj[key] = dict(sorted(deps.items()))
                _put(fs, pj_path, json.dumps(pj, indent=2) + "\n", 0o644, cmd.uid, cmd.gid)
            lock = {"name": pj.get("name", base.rstrip("/").rsplit("/", 1)[-1] or "root"),
                    "lockfileVersion": 3, "requires": True,
                    "packages": {"": {"dependencies": pj.get("dependencies", {})}}}
            for n, (v, kb, fund) in sorted(all_pkgs.items()):
                lock["packages"][f"node_modules/{n}"] = {
                    "version": v, "resolved": f"https://registry.npmjs.org/{n}/-/"
                    f"{n.rsplit('/', 1)[-1]}-{v}.tgz",
                    "integrity": "sha512-" + hashlib.sha512(f"{n}@{v}".encode()).hexdigest()[:86]
                    + "==", "license": "MIT"}
            text = json.dumps(lock, indent=2) + "\n"
            _put(fs, lock_path, text, 0o644, cmd.uid, cmd.gid)
            _put(fs, f"{nm_dir}/.package-lock.json", text, 0o644, cmd.uid, cmd.gid)
        else:
            for n in [r[0] for r in requested]:
                binp = f"/usr/local/bin/{n.rsplit('/', 1)[-1]}"
                if not fs.exists(binp, follow=False):
                    fs.symlink(f"../lib/node_modules/{n}/bin/{n.rsplit('/', 1)[-1]}.js", binp)
        total = len(all_pkgs)
        secs = max(1, total // 25 + 1)
        cmd.write(("\nup to date" if not added else f"\nadded {added} package"
                   + ("s" if added != 1 else "")) +
                  f", and audited {total + (0 if glob else 1)} package"
                  f"{'s' if total + (0 if glob else 1) != 1 else ''} in {secs}s\n")
        funding = sum(1 for v in all_pkgs.values() if v[2])
        if funding:
            cmd.write(f"\n{funding} package{'s are' if funding > 1 else ' is'} looking for "
                      f"funding\n  run `npm fund` for details\n")
        cmd.write("\nfound 0 vulnerabilities\n")
        stamp = time.strftime("%Y-%m-%dT%H_%M_%S_000Z", time.gmtime(cmd.now()))
        try:
            _put(fs, f"{home}/.npm/_logs/{stamp}-debug-0.log",
                 FillerBlob(4000 + 120 * total, f"npmlog:{stamp}"), 0o644, cmd.uid, cmd.gid)
        except FSError:
            pass
        return 0
    if action == "cache" and rest[:1] == ["clean"]:
        if "--force" not in rest and "-f" not in rest:
            cmd.raw_err("npm error As of npm@5, the npm cache self-heals from corruption issues\n"
                        "npm error by treating integrity mismatches as cache misses.  As a "
                        "result,\nnpm error data extracted from the cache is guaranteed to be "
                        "valid.  If you\nnpm error want to make sure everything is consistent, "
                        "use `npm cache verify`\nnpm error instead.\n")
            return 1
        try:
            fs.remove_tree(f"{home}/.npm/_cacache")
        except FSError:
            pass
        cmd.raw_err("npm warn using --force Recommended protections disabled.\n")
        return 0
    if action in ("run", "run-script", "start", "test"):
        script = rest[0] if action in ("run", "run-script") and rest else action
        cmd.raw_err(f"npm error Missing script: \"{script}\"\nnpm error\nnpm error To see a "
                    f"list of scripts, run:\nnpm error   npm run\n")
        return 1
    if action in ("ls", "list"):
        try:
            names = [n for n in fs.listdir(normpath("node_modules", cmd.cwd))
                     if not n.startswith(".")]
        except FSError:
            names = []
        cmd.write(f"{cmd.cwd}\n" + "".join(f"{'└──' if i == len(names) - 1 else '├──'} {n}\n"
                                            for i, n in enumerate(names)) or "└── (empty)\n")
        return 0
    cmd.raw_err(f"Unknown command: \"{action}\"\n\nTo see a list of supported npm commands, run:"
                f"\n  npm help\n")
    return 1


def _npm_unpack(cmd: Cmd, d: str, n: str, v: str, kb: int) -> None:
    fs = cmd.fs
    uid, gid = cmd.uid, cmd.gid
    total = kb * 1024
    pj = {"name": n, "version": v, "description": f"{n} (simulated)", "main": "index.js",
          "license": "MIT"}
    _put(fs, f"{d}/package.json", json.dumps(pj, indent=2) + "\n", 0o644, uid, gid)
    _put(fs, f"{d}/README.md", FillerBlob(min(total // 5, 20000) or 100, f"npm:{n}:readme"),
         0o644, uid, gid)
    _put(fs, f"{d}/LICENSE", FillerBlob(1077, "mit-license"), 0o644, uid, gid)
    _put(fs, f"{d}/index.js", f"'use strict';\n\nmodule.exports = require('./lib/{n.rsplit('/', 1)[-1]}');\n",
         0o644, uid, gid)
    rest = max(0, total - min(total // 5, 20000) - 1300)
    parts = 1 if rest < 200_000 else 4
    for i in range(parts):
        _put(fs, f"{d}/lib/{n.rsplit('/', 1)[-1] if i == 0 else 'part' + str(i)}.js",
             FillerBlob(rest // parts or 1, f"npm:{n}:{v}:{i}"), 0o644, uid, gid)


def _npm_cache(cmd: Cmd, home: str, n: str, v: str, kb: int) -> None:
    fs = cmd.fs
    h = hashlib.sha512(f"{n}@{v}".encode()).hexdigest()
    try:
        _put(fs, f"{home}/.npm/_cacache/content-v2/sha512/{h[:2]}/{h[2:4]}/{h[4:]}",
             FillerBlob(max(400, kb * 1024 * 35 // 100), f"npmtgz:{n}:{v}"), 0o644,
             cmd.uid, cmd.gid)
        ih = hashlib.sha256(f"make-fetch-happen:request-cache:{n}".encode()).hexdigest()
        _put(fs, f"{home}/.npm/_cacache/index-v5/{ih[:2]}/{ih[2:4]}/{ih[4:]}",
             FillerBlob(700, f"npmidx:{n}:{v}"), 0o644, cmd.uid, cmd.gid)
    except FSError:
        pass


def _dpkg_query_show(cmd: Cmd, args: list[str]) -> int:
    """``dpkg-query -W [-f FORMAT] PKG…``: fields of /var/lib/dpkg/status (``${Package}``,
    ``${Version}``, ``${Conffiles}``, …; ``\\n`` escapes)."""
    fmt = "${Package}\t${Version}\n"
    names = []
    it = iter(args)
    for a in it:
        if a in ("-W", "--show"):
            continue
        if a in ("-f", "--showformat"):
            fmt = next(it, fmt)
        elif a.startswith("--showformat="):
            fmt = a.split("=", 1)[1]
        elif a.startswith("-"):
            cmd.err(f"unknown option {a}")
            return 2
        else:
            names.append(a)
    fmt = fmt.replace("\\n", "\n").replace("\\t", "\t")
    stanzas = {}
    for stanza in _read(cmd.fs, "/var/lib/dpkg/status").split("\n\n"):
        fields, key = {}, None
        for line in stanza.splitlines():
            if line.startswith(" ") and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, _, val = line.partition(":")
                fields[key] = val.strip()
        if "Package" in fields:
            stanzas[fields["Package"]] = fields
    status = 0
    for n in names or sorted(stanzas):
        f = stanzas.get(n)
        if f is None:
            cmd.err(f"no packages found matching {n}")
            status = 1
            continue
        cmd.write(re.sub(r"\$\{([A-Za-z-]+)\}", lambda m: f.get(m.group(1), ""), fmt))
    return status
