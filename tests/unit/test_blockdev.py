"""The documentation's block-device volume: a file made ext4 (mkfs.ext4), a loop device
(losetup), mounted on the host (mount -t ext4) and by the local volume driver."""
from __future__ import annotations

from dockstore_magic.daemon import Engine
from dockstore_magic.cli.main import DockerCLI


def test_block_device_volume_end_to_end():
    e = Engine(seed=1, clock="2026-01-01T09:00:00Z")
    cli = DockerCLI(e, cwd="/tmp")
    r = cli.host("cd /root && fallocate -l 1G disk.raw && mkfs.ext4 disk.raw && losetup -f --show disk.raw")
    assert r.exit_code == 0, r.stderr
    assert "Creating filesystem with 262144 4k blocks and 65536 inodes\n" in r.stdout
    assert r.stdout.endswith("/dev/loop0\n") and r.stderr == "mke2fs 1.47.0 (5-Feb-2023)\n"
    r = cli.host("mkdir /mnt/x && mount -t ext4 /dev/loop0 /mnt/x && echo hi > /mnt/x/f && ls /mnt/x && mount | tail -1")
    assert r.stdout == "f\nlost+found\n/dev/loop0 on /mnt/x type ext4 (rw,relatime)\n", r.stderr
    e.images.pull("busybox", lambda t: None)
    assert cli.run("volume create --opt type=ext4 --opt device=/dev/loop0 bv".split()).exit_code == 0
    r = cli.run(["run", "--rm", "-v", "bv:/data", "busybox", "sh", "-c",
                 "cat /data/f; echo w > /data/w; grep /data /proc/mounts"])
    assert (r.exit_code, r.stdout) == (0, "hi\n/dev/loop0 /data ext4 rw,relatime 0 0\n"), r.stderr
    assert cli.host("cat /mnt/x/w; ls -A /var/lib/docker/volumes/bv/_data").stdout == "w\n"
    r = cli.run(["run", "--rm", "--mount", "type=volume,dst=/x,volume-opt=type=xfs,volume-opt=device=/dev/loop0",
                 "busybox", "true"])
    assert r.exit_code == 125 and r.stderr.split("\n")[0].endswith("_data: invalid argument")
    r = cli.host("mount -t xfs /dev/loop0 /mnt")
    assert r.exit_code == 32 and "wrong fs type" in r.stderr
