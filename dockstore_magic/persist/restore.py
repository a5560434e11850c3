"""What a daemon start does with the containers it finds on disk (moby daemon/daemon.go,
``Daemon.restore``), applied when a saved host is loaded.

A kernel restart is a reboot of the simulated machine: the containers' processes lived in
the kernel and are gone, and containerd with them.  So every container that was running is
*not alive*: ``restore`` sets it stopped with exit code 255 (containerd has no exit status
for it: ``ces.ExitCode = 255``), unmounts it and releases its tmpfs mounts (``Cleanup``).
``live-restore`` keeps containers running only when dockerd alone restarts while containerd
keeps them alive, which cannot happen here (the kernel *is* containerd).

Then, as ``restore`` does with ``AutoRestart`` (on by default):

* a container whose restart policy says so (``ShouldRestart``, restartmanager: ``always``;
  ``unless-stopped`` unless it was stopped by hand; ``on-failure`` after a non-zero exit,
  within ``MaximumRetryCount``) and that had been started before is started again;
* otherwise a ``--rm`` container is removed (``removeContainers``, with its anonymous
  volumes: ``RemoveVolume: true``).
"""
from __future__ import annotations

NOT_ALIVE_EXIT = 255


def should_restart(c) -> bool:
    """restartmanager.RestartManager.ShouldRestart, on a daemon start."""
    policy = (c.host_config or {}).get("RestartPolicy") or {}
    name = policy.get("Name") or "no"
    if name == "always":
        return True
    if name == "unless-stopped":
        return not getattr(c, "has_been_manually_stopped", False)
    if name == "on-failure":
        limit = int(policy.get("MaximumRetryCount") or 0)
        return c.state.exit_code != 0 and (limit == 0 or c.restart_count < limit)
    return False


def daemon_restart(engine) -> None:
    """Bring ``engine`` up as ``dockerd`` comes up after a reboot."""
    svc = engine.containers
    store = engine.container_store
    for c in list(store):
        if c.state.status in ("running", "paused", "restarting"):
            c.state.status = "exited"
            c.state.exit_code = NOT_ALIVE_EXIT
            c.state.pid = 0
            c.state.finished_at = engine.clock.now()
            c.process = None
            engine.release_tmpfs(c)                      # daemon.Cleanup
            engine.layer_store.unmount(c.rw)
            store.write_files(c, {})
    for c in list(store):
        try:
            if should_restart(c) and c.has_been_started:
                svc.start(c.id, detached=True)
            elif (c.host_config or {}).get("AutoRemove"):
                svc.remove(c.id, force=True, volumes=True)
        except Exception:               # moby logs "failed to start container" and goes on
            continue
