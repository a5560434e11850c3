"""One saved host: a folder holding the engine, written atomically and incrementally.

Layout of ``<data home>/hosts/<NAME>/``::

    host.state           a symlink to the current state file
    states/<stamp>       the manifest and the main pickle, a new file at each save
    segments/<hash>.seg  one pickled segment (a layer folder, a volume, a changeset, a pack
                         of file contents, …), named by the hash of its bytes, written once;
                         or a *bundle*: the small segments one save wrote, in one file
    lock                 flock(2)'d while a command runs, so two notebooks take turns

A save writes the segments that changed under new names and the new state file, then swaps
the ``host.state`` symlink (a new link renamed over the old one: atomic), then deletes the
files nothing refers to any more.  (A symlink rather than renaming a file over the old one:
ext4 flushes a regular file renamed over another one, which costs milliseconds.)  A process killed at any point leaves either the old ``host.state`` with all its
segments, or the new one with all of its: never half of each.  (No fsync: a killed kernel
is covered, a power cut during the last save may lose that save.)
"""
from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import socket
import time
from pathlib import Path

from .._version import __version__
from .codec import (ALL, Codec, JOURNAL, LOADER, ONCE, PACK, as_parts, bump_inodes,
                    TOUCHED, content_hash, deciding, find_segments, install_journal, laid_out_bytes,
                    max_ino, segment_of_path, vfs_copy_recipe)

MAGIC = b"dockstore-magic host\n"
FORMAT = 2
MAIN = ""                               # the main pickle, in ``uses``
STATE = "host.state"
STATES = "states"
SEGMENTS = "segments"
#: A segment smaller than this goes to its save's bundle (one file for all of them: a
#: build writes a dozen small metadata segments, and a file costs syscalls, not bytes).
BUNDLED_SIZE = 64 * 1024
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

try:                                    # POSIX; elsewhere two notebooks are not kept apart
    import fcntl
except ImportError:                     # pragma: no cover
    fcntl = None


class StateError(Exception):
    """A saved host that cannot be read (its message is one sentence)."""


def data_home() -> Path:
    """``$DOCKSTORE_HOME``, else ``$XDG_DATA_HOME/dockstore-magic`` (default
    ``~/.local/share/dockstore-magic``)."""
    env = os.environ.get("DOCKSTORE_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(xdg) / "dockstore-magic"


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise ValueError(f"invalid host name {name!r}: use letters, digits, '_', '.' or '-' "
                         "(at most 64, starting with a letter or digit)")
    return name


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            return f.read().strip()
    except OSError:                     # pragma: no cover - not Linux
        return ""


def owner() -> dict:
    """Who saves: this process, on this machine, since this boot."""
    return {"pid": os.getpid(), "node": socket.gethostname(), "boot": _boot_id()}


def alive(who: dict | None) -> bool:
    """Is the kernel that saved a state still running (then loading it is attaching to a
    live daemon, not starting one after a reboot)?"""
    if not who or who.get("node") != socket.gethostname() or who.get("boot") != _boot_id():
        return False
    if who.get("pid") == os.getpid():
        return False
    try:
        os.kill(who["pid"], 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _no_gc():
    """No garbage collection while thousands of objects are made (it would walk the whole
    engine again and again, for nothing: pickling makes no cycles to collect)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _stamp(path: Path):
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class HostStore:
    """The folder of one named host, and what this process last read from or wrote to it."""

    def __init__(self, name: str = "default", home: Path | None = None):
        self.name = check_name(name)
        self.home = Path(home) if home is not None else data_home()
        self.dir = self.home / "hosts" / name
        self.codec = Codec()
        self.roots: dict[str, object] = {}      # segment key → its root node, as saved
        self.files: dict[str, str] = {}         # segment key → content hash
        self.uses: dict[str, frozenset] = {}    # segment key (MAIN: the main pickle) → packs
        self.bundles: set[str] = set()          # the files (hashes) that are bundles
        self.digests: dict[str, str] = {}       # segment key → hash of its bytes, as written
        self.copies: dict[str, str] = {}        # segment written as a copy → the one it copies
        self._bundle_cache: dict[str, dict] = {}    # while loading
        self._segments: dict[str, object] = {}  # while loading: key → loaded root
        self._stamp = None
        self.last_save: dict = {}               # figures of the last save (benchmarks)

    @property
    def state_path(self) -> Path:
        return self.dir / STATE

    def exists(self) -> bool:
        return self.state_path.exists()

    def changed_elsewhere(self) -> bool:
        """Has another process saved this host since this one last read or wrote it?"""
        return _stamp(self.state_path) != self._stamp

    @contextlib.contextmanager
    def locked(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        if fcntl is None or not hasattr(fcntl, "flock"):
            # no flock (Windows; Pyodide, where one kernel is the only process): no lock
            yield
            return
        with open(self.dir / "lock", "a+b") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    # ------------------------------------------------------------------ reading
    def read_manifest(self, data: bytes | None = None) -> dict:
        where = self.state_path
        try:
            if data is None:
                data = where.read_bytes()
        except OSError as e:
            raise StateError(f"cannot read {where}: {e.strerror}") from None
        if not data.startswith(MAGIC):
            raise StateError(f"{where} is not a dockstore-magic host")
        try:
            manifest = pickle.loads(data[len(MAGIC):])
            fmt = manifest["format"]
        except Exception as e:
            raise StateError(f"{where} is damaged ({type(e).__name__})") from None
        if fmt != FORMAT:
            raise StateError(f"{where} was saved in format {fmt!r} by dockstore-magic "
                             f"{manifest.get('version', '?')}, this is format {FORMAT}")
        return manifest

    def resolve(self, key: str, path: tuple):
        node = self._segments.get(key)
        if node is None:
            h = self.files.get(key)
            if h is None:
                raise StateError(f"segment {key} is missing from {self.state_path}")
            seg = self.dir / SEGMENTS / f"{h}.seg"
            try:
                if h in self.bundles:
                    bundle = self._bundle_cache.get(h)
                    if bundle is None:
                        bundle = self._bundle_cache[h] = pickle.loads(seg.read_bytes())
                    data = bundle[key]
                else:
                    data = seg.read_bytes()
            except OSError:
                raise StateError(f"{seg} is missing") from None
            node = self._segments[key] = pickle.loads(data)
        for name in path:
            node = node.entries[name]
        return node

    def load(self, attach: bool = False):
        """The saved engine.  As after a daemon start (see restore.py), unless ``attach`` or
        the kernel that saved it is still running: then this is a second client of a live
        daemon, whose running containers still run."""
        with _no_gc():
            return self._load(attach)

    def _load(self, attach: bool):
        from .restore import daemon_restart
        stamp = _stamp(self.state_path)
        manifest = self.read_manifest()
        self.files = dict(manifest["segments"])
        self.bundles, self.digests = set(manifest["bundles"]), {}
        self._segments, self._bundle_cache = {}, {}
        previous, LOADER.current = LOADER.current, self
        try:
            engine = pickle.loads(manifest["main"])
            for key in self.files:      # segments the main pickle does not refer to
                if key not in self._segments:
                    self.resolve(key, ())
        except StateError:
            raise
        except Exception as e:
            raise StateError(f"{self.state_path} could not be loaded ({type(e).__name__}: {e})") from None
        finally:
            LOADER.current = previous
        self.codec = Codec()
        self.uses = {k: frozenset(v) for k, v in manifest["uses"].items()}
        self.copies = dict(manifest.get("copies", {}))
        self.roots, top = {}, max_ino(engine.host.tree.root)
        for key, root in self._segments.items():
            if key.startswith(ONCE):
                self.codec.once[id(root)] = (root, key)
                top = max(top, max_ino(root))
            elif key.startswith(PACK):
                self.codec.know_pack(key, root)
            else:
                self.roots[key] = root
        self._segments, self._bundle_cache = {}, {}
        stop = {id(n) for n in self.roots.values()}
        for key, root in self.roots.items():
            self.codec.reindex(key, root, stop)
        bump_inodes(top)
        self._stamp = stamp
        self.codec.stop = stop
        if JOURNAL.owner is self:
            JOURNAL.clear()
            JOURNAL.watch(engine.host.tree.root, self.codec.index, self.codec)
        if not attach and not alive(manifest.get("owner")):
            daemon_restart(engine)
        return engine

    # ------------------------------------------------------------------ writing
    def _dirty(self, tree, cur: dict, full: bool) -> tuple[set, dict]:
        """The segments to write, and those of them that are a folder laid out from a
        recipe since the last save: key → (recipe, its journal position, the paths changed
        since, the folders whose attributes changed since); see :meth:`_recipes`."""
        if full or JOURNAL.all:
            self.copies.clear()         # (every segment written whole)
            return set(cur), {}
        dirty = {k for k, n in cur.items() if self.roots.get(k) is not n}
        layouts = JOURNAL.layouts if JOURNAL.owner is self else {}
        laid = {}
        for k in dirty:
            got = layouts.get(id(cur[k]))
            if got is not None and got[0] is cur[k]:
                laid[k] = (got[1], got[2], set(), set())
        by_root = {id(cur[k]): k for k in laid}
        depth = {k: k.count("/") + 1 for k in laid}
        last: dict = {}                 # key → the last journal entry that touched it
        host_root, index = tree.root, self.codec.index
        # A pull or a copy journals thousands of paths below one segment: a path's segments
        # depend on its first names only (deciding), each such prefix is looked up once.
        prefixes: dict = {}
        others = set()
        for at, (root, args) in enumerate(JOURNAL.entries):
            if root is host_root:
                for a in args:
                    parts = as_parts(a)
                    if parts is not None:
                        prefix = deciding(parts)
                        keys = prefixes.get(prefix)
                        if keys is None:
                            keys = prefixes[prefix] = segment_of_path(prefix)
                            dirty.update(keys)
                        if laid:
                            for k in keys:
                                last[k] = at
                                got = laid.get(k)
                                if got is not None and at >= got[1]:
                                    rel = parts[depth[k]:]
                                    (got[2] if rel else got[3]).add(rel)
            elif laid and id(root) in by_root:      # a filesystem rooted at a new layout
                k = by_root[id(root)]
                last[k] = at
                dirty.add(k)
                got = laid.get(k)
                if got is not None and at >= got[1]:
                    if args and args[0] is TOUCHED:
                        got[3].add(args[1])
                    else:
                        for a in args:
                            rel = as_parts(a)
                            if rel is not None:
                                (got[2] if rel else got[3]).add(rel)
            elif id(root) not in others or laid:
                others.add(id(root))
                entry = index.get(id(root))
                if entry is not None and entry[0] is root:
                    dirty.add(entry[1])
                    last[entry[1]] = at
                    if entry[1] in laid and at >= laid[entry[1]][1]:
                        del laid[entry[1]]  # (not at its root: which path?)
        dirty &= set(cur)
        for k, (recipe, at, replaced, touched) in list(laid.items()):
            if recipe[0] == "overlay2":
                ok = not replaced and not touched
            else:                       # a copy of a folder that has not changed since
                base = recipe[1]
                ok = base is None or (base in cur and last.get(base, -1) < at)
            if not ok:
                del laid[k]
        # A copy saved before is saved as it is when its folder changed, or the one it copies
        for k in [k for k in self.copies if k in dirty and k not in laid or k not in cur]:
            del self.copies[k]
        grew = True
        while grew:
            grew = False
            for k, base in list(self.copies.items()):
                if base not in cur or base in dirty:
                    del self.copies[k]
                    dirty.add(k)
                    grew = True
        return dirty, laid

    def _recipes(self, cur: dict, laid: dict) -> dict:
        """The bytes of the segments written as a recipe (key → (bytes, packs used)); each
        is left unindexed (:meth:`Codec.pend`)."""
        out = {}
        codec = self.codec
        for k, (recipe, _, replaced, touched) in laid.items():
            root = cur[k]
            if recipe[0] == "overlay2":
                codec.pend(k, root, [recipe[2:]], ())
                out[k] = (laid_out_bytes(root, recipe), frozenset())
                continue
            base = recipe[1]
            self.copies.pop(k, None)
            made = vfs_copy_recipe(root, recipe, replaced, touched,
                                   cur[base] if base is not None else None)
            if made is None:
                continue
            obj, ranges, inos = made
            codec.pend(k, root, ranges, inos)
            data = codec.dumps(obj, own_key=k)
            out[k] = (data, frozenset(codec.packs_used))
            if base is not None:
                self.copies[k] = base
        return out

    def save(self, engine, full: bool = False) -> None:
        """Write what changed since the last save (everything if ``full``)."""
        with _no_gc():
            self._save(engine, full)

    def _save(self, engine, full: bool) -> None:
        t0, cpu = time.perf_counter(), time.thread_time()
        if install_journal():           # a filesystem class new since the last save
            full = True
        tree = engine.host.tree
        cur = find_segments(tree)
        dirty, laid = self._dirty(tree, cur, full)
        if JOURNAL.owner is self:
            JOURNAL.clear()
        codec = self.codec
        for k in (set(self.roots) - set(cur)) | dirty:
            codec.unindex(k)
        codec.stop = stop = {id(n) for n in cur.values()}
        codec.start_pack(f"{PACK}{time.time_ns():x}-{os.getpid()}")
        recipes = self._recipes(cur, laid)
        for k in dirty:
            if k not in recipes:
                codec.reindex(k, cur[k], stop)
        t1 = time.perf_counter()
        segdir = self.dir / SEGMENTS
        segdir.mkdir(parents=True, exist_ok=True)
        files = {k: h for k, h in self.files.items() if k in cur}
        uses = {k: u for k, u in self.uses.items() if k in cur}
        written, bundles = self._write_segments(cur, dirty, files, uses, recipes)
        t2 = time.perf_counter()
        main = codec.dumps(engine)
        uses[MAIN] = frozenset(codec.packs_used)
        inline = codec.inline_nodes
        written += self._write_once(files, uses)
        manifest = {"format": FORMAT, "version": __version__, "name": self.name,
                    "owner": owner(), "saved": time.time(), "segments": files, "main": main,
                    "uses": {k: sorted(u) for k, u in uses.items() if u},
                    "copies": dict(self.copies),
                    "bundles": sorted(bundles & set(files.values()))}
        t3 = time.perf_counter()
        self.write_state(MAGIC + pickle.dumps(manifest, protocol=5))
        for h in set(self.files.values()) - set(files.values()):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(segdir / f"{h}.seg")
        self.roots, self.files, self.uses = cur, files, uses
        self.bundles = bundles & set(files.values())
        self.digests = {k: h for k, h in self.digests.items() if k in cur}
        if JOURNAL.owner is self:
            JOURNAL.watch(tree.root, self.codec.index, self.codec)
        t4 = time.perf_counter()
        self.last_save = {"seconds": t4 - t0, "cpu": time.thread_time() - cpu,
                          "segments": len(dirty) + len(codec.new_once), "bytes": written + len(main),
                          "main": len(main), "inline nodes": inline, "find": t1 - t0,
                          "write segments": t2 - t1, "main pickle": t3 - t2, "write state": t4 - t3}

    def _write_segments(self, cur: dict, dirty: set, files: dict, uses: dict,
                        laid: dict) -> tuple:
        """Pickle the dirty segments (``laid``: those written as a recipe); write
        those whose bytes changed, the small ones in one bundle.  Updates ``files`` and
        ``uses``; returns (bytes written, bundles)."""
        codec, written, bundle = self.codec, 0, {}
        for k in dirty:
            made = laid.get(k)
            if made is not None:
                data, uses[k] = made
            else:
                data = codec.dumps(cur[k], own_key=k)
                uses[k] = frozenset(codec.packs_used)
            h = content_hash(data)
            if self.digests.get(k) != h or k not in files:
                self.digests[k] = h
                if len(data) < BUNDLED_SIZE:
                    bundle[k] = data
                else:
                    written += self._write_segment(h, data)
                    files[k] = h
        if not bundle:
            return written, self.bundles
        data = pickle.dumps(bundle, protocol=5)
        h = content_hash(data)
        files.update((k, h) for k in bundle)
        return written + self._write_segment(h, data), self.bundles | {h}

    def _write_once(self, files: dict, uses: dict) -> int:
        """After the main pickle: the changesets it met for the first time, and the pack of
        this save's new blobs; packs and changesets nothing refers to any more are let go.
        Updates ``files`` and ``uses``; returns the bytes written."""
        codec, written = self.codec, 0
        for k, (data, used) in codec.new_once.items():
            written += self._write_segment(k[len(ONCE):], data)
            uses[k] = used
        for k in codec.used_once:
            files[k] = k[len(ONCE):]
            uses.setdefault(k, self.uses.get(k, frozenset()))
        codec.forget_unused_once()
        pack = codec.finish_pack()
        if pack is not None:
            h = files[codec.pack_key] = content_hash(pack)
            written += self._write_segment(h, pack)
        live = frozenset().union(*uses.values())
        files.update((k, self.files[k]) for k in live if k in self.files)
        for k in [k for k in files if k.startswith(PACK) and k not in live]:
            del files[k]
        if any(k.startswith(PACK) and k not in live for k in self.files):
            codec.forget_packs_except(live)         # a pack nothing refers to any more
        return written

    def _write_segment(self, h: str, data: bytes) -> int:
        """Write a segment file unless one with these bytes is there; return bytes written."""
        path = self.dir / SEGMENTS / f"{h}.seg"
        if path.exists():
            return 0
        _atomic_write(path, data)
        return len(data)

    def write_state(self, data: bytes) -> None:
        """Make ``data`` the saved state, atomically (see the module's docstring)."""
        states = self.dir / STATES
        states.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():x}-{os.getpid()}"
        with open(states / name, "wb") as f:
            f.write(data)
        try:
            old = os.readlink(self.state_path)
        except OSError:
            old = None
        link = self.dir / f".{STATE}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        try:
            os.symlink(f"{STATES}/{name}", link)
        except OSError:                 # no symlinks here: rename the file itself
            os.replace(states / name, link)
        os.replace(link, self.state_path)
        self._stamp = _stamp(self.state_path)
        if old and old != f"{STATES}/{name}":
            with contextlib.suppress(OSError):
                os.unlink(self.dir / old)

    def collect_garbage(self) -> None:
        """Remove segment files and temporary files no saved state refers to (left by a
        process killed in the middle of a save)."""
        keep = {f"{h}.seg" for h in self.files.values()}
        segdir = self.dir / SEGMENTS
        for p in list(segdir.iterdir()) if segdir.is_dir() else []:
            if p.name not in keep:
                with contextlib.suppress(OSError):
                    p.unlink()
        for p in self.dir.glob(f".{STATE}.*.tmp"):
            with contextlib.suppress(OSError):
                p.unlink()
        try:
            current = os.path.basename(os.readlink(self.state_path))
        except OSError:
            current = None
        for p in list((self.dir / STATES).iterdir()) if (self.dir / STATES).is_dir() else []:
            if p.name != current:
                with contextlib.suppress(OSError):
                    p.unlink()

    def wipe(self) -> None:
        """Forget what this process knew (the folder is overwritten by the next save)."""
        self.roots, self.files, self.uses = {}, {}, {}
        self.bundles, self.digests, self.copies = set(), {}, {}
        self.codec = Codec()
        self._stamp = None


__all__ = ["HostStore", "StateError", "data_home", "check_name", "ALL"]
