"""``losetup``, ``mkfs.ext4`` (``mke2fs``) and ``mount -t ext4`` on the Docker host: what
Docker's storage documentation types to make a block-device volume (util-linux 2.38 and
e2fsprogs 1.47 wording, as on Debian bookworm).  The devices themselves: blockdev.py."""
from __future__ import annotations

import stat as _st

from ... import blockdev
from ...fs.errors import FSError
from .base import Cmd, command


def _abs(cmd: Cmd, path: str) -> str:
    return cmd.abspath(path)


@command("losetup")
def cmd_losetup(cmd: Cmd) -> int:
    """``losetup -f --show FILE``, ``losetup -f FILE``, ``losetup -d DEV``, ``losetup [-a]``."""
    if cmd.ctx.uid:
        cmd.err("losetup: cannot find an unused loop device: Permission denied")
        return 1
    args = list(cmd.args)
    find = "-f" in args or "--find" in args
    show = "--show" in args
    rest = [a for a in args if not a.startswith("-")]
    if "-d" in args or "--detach" in args:
        for dev in rest:
            if dev not in blockdev.devices(cmd.fs).loops:
                cmd.err(f"losetup: {dev}: detach failed: No such device or address")
                return 1
            blockdev.detach_loop(cmd.fs, dev)
        return 0
    if find and rest:
        try:
            dev = blockdev.attach_loop(cmd.fs, _abs(cmd, rest[0]))
        except FSError:
            cmd.err(f"losetup: {rest[0]}: failed to set up loop device: No such file or directory")
            return 1
        if show:
            cmd.write(dev + "\n")
        return 0
    if find:
        loops = blockdev.devices(cmd.fs).loops
        n = 0
        while f"/dev/loop{n}" in loops:
            n += 1
        cmd.write(f"/dev/loop{n}\n")
        return 0
    for dev, path in sorted(blockdev.devices(cmd.fs).loops.items()):
        if not rest or dev in rest:
            cmd.write(f"{dev}: []: ({path})\n")
    return 0


_DONE = "done                            "


@command("mkfs.ext4", "mke2fs", "mkfs.ext3", "mkfs.ext2")
def cmd_mkfs(cmd: Cmd) -> int:
    """``mkfs.ext4 FILE|DEVICE``: an empty ext4 filesystem (e2fsprogs' output for a file)."""
    fstype = cmd.prog.rsplit(".", 1)[-1] if "." in cmd.prog else "ext2"
    operands = [a for a in cmd.args if not a.startswith("-")]
    if not operands:
        cmd.raw_err(f"Usage: {cmd.prog} [-c|-l filename] [-b block-size] ... device [new-size]\n")
        return 1
    target = operands[0]
    path = _abs(cmd, target)
    cmd.raw_err("mke2fs 1.47.0 (5-Feb-2023)\n")
    try:
        st = cmd.fs.stat(blockdev.backing_file(cmd.fs, path))
    except FSError:
        cmd.raw_err(f"The file {target} does not exist and no size was specified.\n")
        return 1
    size = st.size
    small = size < 512 << 20
    bsize = 1024 if small else 4096
    blocks = size // bsize
    inodes = size // (4096 if small else 16384)
    if blocks < 64:
        cmd.raw_err(f"{cmd.prog}: Device size reported to be zero.  Invalid partition specified, or\n"
                    "\tpartition table wasn't reread after running fdisk, due to\n"
                    "\ta modified partition being busy and in use.  You may need to reboot\n"
                    "\tto re-read your partition table.\n")
        return 1
    blockdev.make_filesystem(cmd.fs, path, fstype, cmd.ctx.clock)
    groups = max(1, -(-blocks // (bsize * 8)))
    per_group = bsize * 8
    first = 1 if small else 0
    backups = [first + per_group * g for g in (1, 3, 5, 7, 9, 25, 27, 49, 81, 125, 243)
               if g < groups]
    out = [f"Discarding device blocks: {_DONE}",
           f"Creating filesystem with {blocks} {bsize // 1024}k blocks and {inodes} inodes",
           f"Filesystem UUID: {blockdev.fs_uuid(path, st.ino)}"]
    if backups:
        out += ["Superblock backups stored on blocks: ", "\t" + ", ".join(map(str, backups))]
    journal = 1024 if blocks * bsize < 128 << 20 else (4096 if blocks * bsize < 1 << 30 else 8192)
    out += ["", f"Allocating group tables: {_DONE}", f"Writing inode tables: {_DONE}",
            f"Creating journal ({journal} blocks): done",
            f"Writing superblocks and filesystem accounting information: {_DONE}", ""]
    cmd.write("\n".join(out) + "\n")
    return 0


def mount_block(cmd: Cmd) -> int | None:
    """``mount [-t TYPE] DEVICE DIR`` for a loop device or image file with a filesystem made
    by mkfs; None when the arguments are something else (the caller refuses those)."""
    args = list(cmd.args)
    fstype = None
    if "-t" in args:
        i = args.index("-t")
        fstype = args[i + 1] if i + 1 < len(args) else None
        del args[i:i + 2]
    args = [a for a in args if not a.startswith("-")]
    if len(args) != 2:
        return None
    dev, target = _abs(cmd, args[0]), _abs(cmd, args[1])
    try:
        st = cmd.fs.stat(dev)
    except FSError:
        return None
    if not (_st.S_ISBLK(st.mode) or st.is_file):
        return None
    found = blockdev.filesystem(cmd.fs, dev)
    if found is None or (fstype not in (None, "auto") and fstype != found[0]):
        cmd.err(f"mount: {target}: wrong fs type, bad option, bad superblock on {args[0]}, missing "
                "codepage or helper program, or other error.\n       dmesg(1) may have more "
                "information after failed mount system call.")
        return 32
    if not cmd.fs.isdir(target):
        cmd.err(f"mount: {target}: mount point does not exist.\n       dmesg(1) may have more "
                "information after failed mount system call.")
        return 32
    bd = blockdev.devices(cmd.fs)
    if bd.mount is None:
        cmd.err("mount: only the Docker host can mount filesystems")
        return 32
    bd.mount(target, found[1], kind=found[0], options="rw,relatime", source=args[0])
    return 0
