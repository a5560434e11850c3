"""The simulated Docker host: one in-memory filesystem holding /var/lib/docker and a plausible
Linux root around it.  Container mounts (overlay ``merged`` folders of running containers)
are mounted on it, so ``%host ls <MergedDir>`` shows the union view as on a real host."""
from __future__ import annotations

from .clock import Clock
from .fs import TreeFS, MountNamespace, Mount, FileSystem

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
    "/etc/group": "root:x:0:\ndocker:x:999:student\nstudent:x:1000:\n",
}


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
        for d in ("containers", "image", "network/files", "plugins", "runtimes", "swarm",
                  "tmp", "buildkit"):
            t.mkdir(f"{DOCKER_ROOT}/{d}", mode=0o700, parents=True)
        # the local volume driver's root is 0701 (moby volume/local.New)
        t.mkdir(f"{DOCKER_ROOT}/volumes", mode=0o701)
        t.symlink("../proc/mounts", "/etc/mtab")
        self._mount_lines: dict[str, str] = {}
        self._write_mounts()

    def mount(self, target: str, fs: FileSystem, kind: str = "overlay", options: str = "rw,relatime",
              source: str = "") -> None:
        """Mount ``fs`` (of type ``kind``, from device ``source``) at ``target``; /proc/mounts
        (and so ``mount``) lists it."""
        self.fs.add(Mount(target, fs, readonly=fs.readonly, kind=kind))
        self._mount_lines[target] = f"{source or kind} {target} {kind} {options} 0 0\n"
        self._write_mounts()

    def unmount(self, target: str) -> None:
        self.fs.mounts = [m for m in self.fs.mounts if m.target != target]
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
