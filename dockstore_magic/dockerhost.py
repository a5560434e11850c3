"""The simulated Docker host: one in-memory filesystem holding /var/lib/docker and a plausible
Linux root around it.  Container mounts (overlay ``merged`` folders of running containers)
are mounted on it, so ``%host ls <MergedDir>`` shows the union view as on a real host.

The notebook's own folder is part of this host (:meth:`DockerHost.share`): it appears at its
own absolute path and reads and writes the real files there, so every path a docker command
takes from its user (``-v ./site``, ``docker cp``, ``save -o``, the build context) resolves
on this one host, as the real CLI resolves it on the machine it runs on."""
from __future__ import annotations

import os

from .clock import Clock
from .fs import TreeFS, MountNamespace, Mount, FileSystem, Dir, normpath
from .fs.realdir import RealFolderFS

DOCKER_ROOT = "/var/lib/docker"

_HOST_DIRS = ["bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc",
              "root", "run", "sbin", "srv", "sys", "tmp", "usr/bin", "usr/lib", "usr/local",
              "usr/sbin", "usr/share", "var/cache", "var/lib", "var/log", "var/tmp"]

_HOST_FILES = {
    "/etc/hostname": "docker-host\n",
    "/etc/os-release": (
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\n'
        'VERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'
        'HOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\n'
        'BUG_REPORT_URL="https://bugs.debian.org/"\n'),
    "/etc/passwd": "root:x:0:0:root:/root:/bin/bash\nstudent:x:1000:1000::/home/student:/bin/bash\n",
    "/etc/group": "root:x:0:\ndisk:x:6:\ndocker:x:999:student\nstudent:x:1000:\n",
}

# Folders of the host that a real folder may never cover (or contain): the system and
# Docker's own data.  The notebook's folder is shared only when it lies outside them and is
# not a top-level folder of the host itself.
_PROTECTED = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys",
              "/usr", "/var/lib/docker", "/var/run")


class DockerHost:
    """The machine the engine runs on."""

    def __init__(self, clock: Clock):
        self.clock = clock
        self.tree = TreeFS(clock=clock.now)
        self.fs = MountNamespace(self.tree)
        t = self.tree
        for d in _HOST_DIRS:
            t.mkdir("/" + d, parents=True)
        t.chmod("/tmp", 0o1777)
        t.chmod("/root", 0o700)
        t.mkdir("/home/student", parents=True)
        t.chown("/home/student", 1000, 1000)
        for path, text in _HOST_FILES.items():
            t.write(path, text.encode())
        t.mkdir(DOCKER_ROOT, mode=0o710, parents=True)
        # modes as a fresh engine makes them: containers/ 0710 (moby daemon.go, "Lock down
        # docker root dir perms", 20.10.8), network/ 0750 (libnetwork's boltdb store), buildkit/
        # 0711 (builder-next's root); the others 0700.  Seen the same on the reference engine.
        for d, mode in (("containers", 0o710), ("image", 0o700), ("network", 0o750),
                        ("network/files", 0o750), ("plugins", 0o700), ("runtimes", 0o700),
                        ("swarm", 0o700), ("tmp", 0o700), ("buildkit", 0o711)):
            t.mkdir(f"{DOCKER_ROOT}/{d}", mode=mode)
        # the local volume driver's root is 0701 (moby volume/local.New)
        t.mkdir(f"{DOCKER_ROOT}/volumes", mode=0o701)
        t.symlink("../proc/mounts", "/etc/mtab")
        from .blockdev import make_loop_devices
        make_loop_devices(t.root.entries["dev"], clock.peek())
        self._make_folders("/etc/docker")     # where daemon.json goes (daemon/service.py)
        self._mount_lines: dict[str, str] = {}
        self._write_mounts()
        self.shared: dict[str, str] = {}       # host path -> real folder
        self.workdir = "/root"                 # where a docker client with no cwd runs

    # ------------------------------------------------------------ the notebook's folder
    @staticmethod
    def shareable(path: str) -> bool:
        """May the real folder ``path`` appear on the host at its own path?  Not ``/``, not a
        top-level folder, nothing that holds or lies in a system folder or /var/lib/docker."""
        path = normpath(path)
        if path.count("/") < 2 and path.strip("/") != "root":
            return False
        return not any(path == p or path.startswith(p + "/") or p.startswith(path + "/")
                       for p in _PROTECTED)

    def share(self, real_folder: str) -> str:
        """Make the real folder ``real_folder`` (the notebook's working directory) part of the
        host, at its own absolute path; returns that path, the client's working directory.
        A folder already inside a shared one is not shared twice.  A folder that may not be
        shared (see :meth:`shareable`) is made as an empty simulated folder instead."""
        real = os.path.realpath(real_folder)
        path = normpath(real)
        if self.is_real(path):
            return path
        self._make_folders(path)
        if os.path.isdir(real) and self.shareable(path):
            self.fs.add(Mount(path, RealFolderFS(real, clock=self.clock.now), kind="bind"))
            self.shared[path] = real
        return path

    def _make_folders(self, path: str) -> None:
        """``mkdir -p`` in the host's tree, dated without moving the simulated clock (so that
        where the notebook runs changes no ID or time the lesson prints)."""
        node = self.tree.root
        for name in path.strip("/").split("/"):
            child = node.entries.get(name) if isinstance(node, Dir) else None
            if child is None:
                child = node.entries[name] = Dir(0o755, mtime=self.clock.peek())
            elif not isinstance(child, Dir):
                return                              # a file is in the way: leave it be
            node = child

    def is_real(self, path: str) -> bool:
        """Does the host path ``path`` (canonical) lie on a shared real folder?"""
        return any(path == p or path.startswith(p.rstrip("/") + "/") for p in self.shared)

    def mount(self, target: str, fs: FileSystem, kind: str = "overlay", options: str = "rw,relatime",
              source: str = "") -> None:
        """Mount ``fs`` (of type ``kind``, from device ``source``) at ``target``; /proc/mounts
        (and so ``mount``) lists it."""
        self.fs.add(Mount(target, fs, readonly=fs.readonly, kind=kind))
        self._mount_lines[target] = f"{source or kind} {target} {kind} {options} 0 0\n"
        self._write_mounts()

    def unmount(self, target: str) -> None:
        self.fs.remove(target)
        self._mount_lines.pop(target, None)
        self._write_mounts()

    def _write_mounts(self) -> None:
        base = ("/dev/vda1 / ext4 rw,relatime 0 0\n"
                "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
                "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
                "tmpfs /run tmpfs rw,nosuid,nodev,size=2457600k,mode=755,inode64 0 0\n")
        # (parents: a container with the host's / bind-mounted may have deleted /proc)
        self.tree.mkdir("/proc", parents=True, exist_ok=True)
        self.tree.write("/proc/mounts", (base + "".join(self._mount_lines.values())).encode(), mode=0o444)
