"""What a daemon start does with the containers it finds on disk (moby daemon/daemon.go,
``Daemon.restore``), applied when a saved host is loaded.

A kernel restart is a reboot of the simulated machine: the containers' processes lived in
the kernel and are gone, and containerd with them.  So every container that was running (or
waiting for a restart) is *not alive*: ``restore`` sets it stopped with exit code 255
(containerd has no exit status for it), unmounts it and releases its tmpfs mounts
(``Cleanup``).  ``live-restore`` keeps containers running only when dockerd alone restarts
while containerd keeps them alive, which cannot happen here (the kernel *is* containerd).
Then the restart policies decide what comes back running, and ``--rm`` containers that
don't are removed: :func:`dockstore_magic.daemon.restartmanager.restore`.
"""
from __future__ import annotations

from ..daemon.restartmanager import restore


def daemon_restart(engine) -> None:
    """Bring ``engine`` up as ``dockerd`` comes up after a reboot."""
    restore(engine, alive=lambda c: False)
