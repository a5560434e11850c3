"""The ``%dockstore`` subcommands (the magic only hands the words over):

* ``status`` — the current host, where it is saved, its settings;
* ``reset [--seed N] [--clock TIME] [--storage-driver overlay2|vfs] [--image-store
  graphdriver|containerd] [--host NAME]`` — empty
  the current host (or switch to the named host and empty it), with these settings;
* ``host [NAME]`` — switch to the named host (a host never used starts empty), or show the
  current one and the saved ones;
* ``save FILE`` / ``load FILE`` — the current host to or from one file;
* ``export-view [FOLDER]`` — a read-only copy of ``/var/lib/docker`` for the file browser
  (default ``docker-host-view`` in the working directory).

Mistakes raise :class:`Usage` (the magic turns it into IPython's UsageError: one line)."""
from __future__ import annotations

from .. import session
from .store import StateError, data_home

USAGE = ("usage: %dockstore status | reset [--seed N] [--clock TIME] "
         "[--storage-driver overlay2|vfs] [--image-store graphdriver|containerd] [--host NAME] "
         "| host [NAME] | save FILE | load FILE "
         "| export-view [FOLDER]")
VIEW_FOLDER = "docker-host-view"


class Usage(Exception):
    pass


def _options(words, allowed: dict) -> dict:
    opts = dict(allowed)
    it = iter(words)
    for a in it:
        key, eq, val = a.partition("=")
        if not key.startswith("-"):
            raise Usage(f"unexpected argument {a!r}\n{USAGE}")
        if not eq:
            val = next(it, None)
            if val is None:
                raise Usage(f"{key} needs a value")
        name = key.lstrip("-").replace("-", "_")
        if name not in opts:
            raise Usage(f"unknown option {key}\n{USAGE}")
        opts[name] = int(val) if name == "seed" and val.lstrip("-").isdigit() else val
    return opts


def _one(words, what: str, default=None):
    if len(words) > 1 or (not words and default is None):
        raise Usage(f"{what}\n{USAGE}")
    return words[0] if words else default


def _hosts() -> list[str]:
    root = data_home() / "hosts"
    return sorted(p.name for p in root.iterdir() if (p / "host.state").exists()) if root.is_dir() else []


def run(argv: list[str], defaults: dict) -> None:
    """Run ``%dockstore ARGV``; ``defaults``: the magics' configured seed, clock and
    storage driver (for a new host)."""
    cmd, words = (argv[0], argv[1:]) if argv else ("status", [])
    p = session.persistence
    if cmd == "status":
        eng = session.engine()
        where = f"{p.store.name} (saved in {p.store.dir})" if p.active else "in memory only (not saved)"
        store = "image store: containerd\n" if eng.uses_snapshotter else ""
        print(f"host: {where}\n{store}storage driver: {eng.driver.name}\nseed: {eng.ids.seed}\n"
              f"clock: {'fixed' if eng.clock.fixed else 'real time'}")
    elif cmd == "reset":
        opts = _options(words, {**defaults, "host": None})
        try:
            session.reset(**opts)
        except Exception as e:          # a bad driver name, a bad time, a bad host name
            raise Usage(str(e)) from None
    elif cmd == "host":
        if not words:
            current = p.store.name if p.active else None
            print(f"current host: {current or '(in memory only)'}\n"
                  f"saved hosts in {data_home() / 'hosts'}: {', '.join(_hosts()) or 'none'}")
            return
        name = _one(words, "%dockstore host takes one host name")
        try:
            session.use_host(name, **defaults)
        except ValueError as e:
            raise Usage(str(e)) from None
    elif cmd in ("save", "load"):
        path = _one(words, f"%dockstore {cmd} needs one file name")
        from .archive import load_archive, save_archive
        if not p.active:
            session.use_host("default", **defaults)
        try:
            if cmd == "save":
                size = save_archive(p.store, path)
                print(f"host {p.store.name!r} saved to {path} ({size:,} bytes)")
            else:
                load_archive(p.store, path)
                session.use_host(p.store.name, **defaults)
                print(f"host {p.store.name!r} loaded from {path}")
        except (StateError, OSError) as e:
            raise Usage(str(e)) from None
    elif cmd == "export-view":
        folder = _one(words, "%dockstore export-view takes one folder", VIEW_FOLDER)
        from .view import export_view
        try:
            n, written = export_view(session.engine(), folder)
        except OSError as e:
            raise Usage(str(e)) from None
        print(f"{folder}: /var/lib/docker of host "
              f"{p.store.name if p.active else '(in memory)'}, {n:,} entries, {written:,} bytes "
              "(files over 1 MiB are sparse); run it again to refresh")
    else:
        raise Usage(f"unknown subcommand {cmd!r}\n{USAGE}")
