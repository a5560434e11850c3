"""The process-wide session (``dockstore_magic.session``) as a test that uses it needs it.

``session.docker(...)`` talks to one engine per process, saved on disk when persistence is
on (the magics loaded), with the process's working directory shared on the simulated host.
A test that resets that engine would otherwise depend on what the tests before it left: a
saved host still selected, the JOURNAL on, an engine another test holds (a module fixture
whose engine a later ``session.reset`` replaced), or the folder pytest was started in (the
user's clone, with whatever it holds).  :func:`own_session` gives a test the session as a
fresh plain-Python process has it, and puts the previous one back afterwards."""
from __future__ import annotations

import contextlib
import os


@contextlib.contextmanager
def own_session(folder):
    """The session in memory only (no saved host), no engine yet, ``folder`` as the
    notebook's folder; everything as it was afterwards."""
    from dockstore_magic import session
    from dockstore_magic.persist import Persistence, codec
    before = (session._engine, session.persistence, codec.JOURNAL.active, os.getcwd())
    session._engine = None
    session.persistence = Persistence(report=lambda message: None)
    codec.JOURNAL.active = False
    os.chdir(folder)
    try:
        yield session
    finally:
        session._engine, session.persistence, codec.JOURNAL.active, cwd = before
        os.chdir(cwd)


def checked(cmd: str):
    """``session.docker(cmd)`` that must succeed (its stderr in the failure)."""
    from dockstore_magic import session
    r = session.docker(cmd)
    assert r.exit_code == 0, f"docker {cmd} exited {r.exit_code}: {r.stderr}"
    return r
