"""Block devices of the Docker host, as far as Docker's storage documentation uses them: a
file made into an ext4 filesystem (``mkfs.ext4 disk.raw``), attached to a loop device
(``losetup -f --show disk.raw`` → ``/dev/loop0``), and mounted — by ``mount -t ext4`` on the
host, or by the local volume driver (``docker volume create -o type=ext4 -o
device=/dev/loop0``; moby volume/local/local_unix.go ``mount``).

The filesystem on a file is a :class:`~dockstore_magic.fs.TreeFS` kept beside the file (its
bytes on the host stay the file's own: what is written inside does not change its size, as
with a real preallocated image).  The registry hangs off the host's mount namespace, the one
object that the host shell and the engine share."""
from __future__ import annotations

import hashlib
import stat as _st
from dataclasses import dataclass, field

from .fs import TreeFS, FSError
from .fs.errors import ENOENT

LOOP_MAJOR = 7


@dataclass
class BlockDevices:
    filesystems: dict = field(default_factory=dict)   # backing file's inode → (fstype, TreeFS)
    loops: dict = field(default_factory=dict)         # /dev/loopN → backing file path
    mount: object = None                              # host.mount(target, fs, kind, options)


def devices(fs) -> BlockDevices:
    """The block devices of the host whose mount namespace is ``fs``."""
    bd = getattr(fs, "_block_devices", None)
    if bd is None:
        bd = BlockDevices()
        fs._block_devices = bd
    return bd


def backing_file(fs, path: str) -> str:
    """The file behind ``path``: a loop device's backing file, or ``path`` itself."""
    return devices(fs).loops.get(path, path)


def make_filesystem(fs, path: str, fstype: str, clock) -> TreeFS:
    """mkfs: a new, empty filesystem (with ``lost+found``) on a file or a loop device."""
    st = fs.stat(backing_file(fs, path))
    tree = TreeFS(clock=clock)
    tree.mkdir("/lost+found", mode=0o700)
    devices(fs).filesystems[st.ino] = (fstype, tree)
    return tree


def filesystem(fs, device: str) -> tuple[str, TreeFS] | None:
    """(fstype, filesystem) on ``device`` (a loop device or an image file); None if it has
    none; FSError ENOENT if the device does not exist."""
    st = fs.stat(device)
    if _st.S_ISBLK(st.mode):
        path = devices(fs).loops.get(device)
        if path is None:
            return None
        st = fs.stat(path)
    return devices(fs).filesystems.get(st.ino)


#: the loop devices a host has before any is attached (the loop module's default max_loop
#: of 8, made by udev at boot: brw-rw---- root disk), and /dev/loop-control
LOOP_DEVICES = 8


def make_loop_devices(dev, when: float) -> None:
    """The loop nodes in the host's /dev (the folder node ``dev``), dated ``when``: put in
    place directly, so that making the host does not move the simulated clock."""
    from .fs import Device
    dev.entries["loop-control"] = Device(_st.S_IFCHR | 0o660, (10 << 8) | 237, 0, 6, when)
    for n in range(LOOP_DEVICES):
        dev.entries[f"loop{n}"] = Device(_st.S_IFBLK | 0o660, (LOOP_MAJOR << 8) | n, 0, 6, when)


def unattached_loop(fs, device: str) -> bool:
    """A loop device with no backing file: reading it fails (EIO), so mounting it does."""
    try:
        st = fs.stat(device)
    except FSError:
        return False
    return _st.S_ISBLK(st.mode) and (st.rdev >> 8) == LOOP_MAJOR and device not in devices(fs).loops


def attach_loop(fs, path: str) -> str:
    """losetup -f FILE: the first free /dev/loopN, made on the host, backed by FILE."""
    if not fs.exists(path):
        raise FSError(ENOENT, path)
    loops = devices(fs).loops
    n = 0
    while f"/dev/loop{n}" in loops:
        n += 1
    dev = f"/dev/loop{n}"
    if not fs.exists(dev, follow=False):
        fs.mknod(dev, _st.S_IFBLK | 0o660, (LOOP_MAJOR << 8) | n, gid=6)
    loops[dev] = fs.realpath(path)
    return dev


def detach_loop(fs, dev: str) -> None:
    devices(fs).loops.pop(dev, None)


def fs_uuid(path: str, ino: int) -> str:
    h = hashlib.sha256(f"{path}:{ino}".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"
