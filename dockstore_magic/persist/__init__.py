"""The Docker host outlives the kernel: the simulated host saved on disk.

On a real machine the daemon outlives every client; here the engine lives in the kernel, so
it is saved after every command and read back when the magics load, as ``dockerd`` reads
``/var/lib/docker`` when it starts (see :mod:`.restore` for what happens to containers that
were running).

* Where: one folder per named host, ``<data home>/hosts/<NAME>/`` (:func:`store.data_home`:
  ``$DOCKSTORE_HOME``, else ``$XDG_DATA_HOME/dockstore-magic``, else
  ``~/.local/share/dockstore-magic``).  The host called ``default`` is the one every
  notebook of the user shares, as every terminal shares one daemon.
* How: :mod:`.codec` (the engine's object graph, pickled in segments; a journal of
  filesystem writes says which segments a command changed), :mod:`.store` (atomic,
  incremental writes; a lock so that two notebooks take turns).
* :mod:`.archive`: ``%dockstore save FILE`` / ``load FILE``; :mod:`.view`: a real-folder copy
  of ``/var/lib/docker`` for JupyterLab's file browser.

:class:`Persistence` is what the session holds: the current named host's store, or None
when the host lives in memory only (plain Python, unit tests that never load the magics).
It saves the engine it opened (or read back, or was given by a reset), never another one:
an exercise's solution runs on a copy of the host (``exercises.try_solution``), which must
neither be saved as the student's host nor be replaced by another notebook's saves.
"""
from __future__ import annotations

import contextlib
import sys
import time

from .codec import JOURNAL, install_journal
from .store import HostStore, StateError, data_home, check_name


def _say(message: str) -> None:
    print(message, file=sys.stderr)


class Persistence:
    """The link between the session's engine and its folder on disk."""

    def __init__(self, report=_say):
        self.store: HostStore | None = None
        self.engine = None                      # the engine the store holds
        self.report = report

    @property
    def active(self) -> bool:
        return self.store is not None

    def select(self, name: str) -> HostStore:
        """Make the named host the current one (nothing is read yet)."""
        install_journal()
        self.store = HostStore(check_name(name))
        JOURNAL.active, JOURNAL.owner = True, self.store
        JOURNAL.clear()
        JOURNAL.watch(None, {})
        return self.store

    def open(self, name: str, make_engine):
        """Switch to the named host: its saved engine, or ``make_engine()`` saved anew."""
        store = self.select(name)
        try:
            with store.locked():
                if store.exists():
                    try:
                        engine = self.engine = store.load()
                        store.collect_garbage()
                        self._save(engine)      # what the restore changed (CheckpointTo)
                        return engine
                    except Exception as e:      # StateError, or a state this version can't use
                        if not isinstance(e, StateError):
                            e = StateError(f"{type(e).__name__}: {e}")
                        aside = store.dir.with_name(f"{store.dir.name}.unreadable-{int(time.time())}")
                        with contextlib.suppress(OSError):
                            store.dir.rename(aside)
                        self.report(f"dockstore-magic: the saved host {name!r} cannot be used "
                                    f"({e}); starting it empty, the old folder is kept as {aside}.")
                        store.wipe()
                engine = self.engine = make_engine()
                self._save(engine, full=True)
                return engine
        except OSError as e:            # a home folder we may not write to
            self._give_up(e)
            return make_engine()

    def replace(self, engine) -> None:
        """The current host was emptied (``%dockstore reset``): write the new engine."""
        self.engine = engine
        if self.store is None:
            return
        try:
            with self.store.locked():
                self.store.wipe()
                self._save(engine, full=True)
        except OSError as e:
            self._give_up(e)

    @contextlib.contextmanager
    def command(self, current, swap):
        """Around one command: catch up with another notebook's saves first (``swap``
        installs the engine read back), save what the command changed after.  Nothing of
        this for an engine that is not the host (a copy an exercise's solution runs on)."""
        store = self.store
        if store is not None and current() is not self.engine:
            store = None
        with contextlib.ExitStack() as stack:
            if store is not None:
                try:
                    stack.enter_context(store.locked())
                except OSError as e:
                    self._give_up(e)
                    store = None
            if store is not None and JOURNAL.owner is not store:
                # another Persistence of this process saved last (tests play two notebooks)
                JOURNAL.owner = store
                JOURNAL.clear()
                JOURNAL.watch(self.engine.host.tree.root, store.codec.index, store.codec)
            if store is not None and store.changed_elsewhere():
                if not store.exists():          # the folder was deleted: write it all again
                    store.wipe()
                else:
                    try:
                        self.engine = store.load(attach=True)
                        swap(self.engine)
                    except Exception as e:      # StateError, or a state this version can't use
                        self.report(f"dockstore-magic: the saved host {store.name!r} cannot be "
                                    f"read ({e}); this notebook's host is kept.")
                        store.wipe()
            try:
                yield
            finally:
                if store is not None and self.store is store:
                    self._save(current())

    @contextlib.contextmanager
    def suspended(self):
        """Nothing is read back or saved while this lasts, and nothing is journaled: for an
        engine that is not the host's (a solution tried on a copy), so the saved host stays
        what the student made, even if the kernel dies right after."""
        store, active = self.store, JOURNAL.active
        self.store, JOURNAL.active = None, False
        try:
            yield
        finally:
            self.store, JOURNAL.active = store, active

    def _save(self, engine, full: bool = False) -> None:
        try:
            self.store.save(engine, full=full)
        except Exception as e:          # a full disk, a read-only home, an unpicklable object
            self._give_up(e)

    def _give_up(self, e: Exception) -> None:
        where = self.store.dir if self.store is not None else data_home()
        self.store = None
        JOURNAL.active = False
        self.report(f"dockstore-magic: the host cannot be saved in {where} "
                    f"({type(e).__name__}: {e}); from now on it lives in memory only.")


__all__ = ["Persistence", "HostStore", "StateError", "data_home", "check_name"]
