"""A container's mount namespace (fs/namespace.py): the root filesystem plus volumes, bind
mounts and tmpfs on top, each operation routed to the mount with the longest matching
target; ``source`` places a folder or a single file of the host at the target (file bind
mounts such as /etc/hostname)."""
from __future__ import annotations

import errno

import pytest

from dockstore_magic.fs import (MountNamespace, Mount, OverlayFS, TreeFS, Dir, FSError,
                                is_whiteout)


def raises(code, fn, *a, **kw):
    with pytest.raises(FSError) as ei:
        fn(*a, **kw)
    assert ei.value.code == code, (errno.errorcode[ei.value.code], errno.errorcode[code])


@pytest.fixture
def host():
    h = TreeFS(clock=lambda: 100.0)
    h.mkdir("/var/lib/docker/volumes/data/_data", parents=True)
    h.write("/var/lib/docker/volumes/data/_data/old.txt", b"in the volume")
    h.mkdir("/var/lib/docker/containers/c1", parents=True)
    h.write("/var/lib/docker/containers/c1/hostname", b"c1\n")
    h.mkdir("/srv/config", parents=True)
    h.write("/srv/config/app.conf", b"debug=1\n")
    h.mkdir("/srv/config/sub")
    return h


@pytest.fixture
def image():
    t = TreeFS()
    t.mkdir("/etc")
    t.write("/etc/hostname", b"image-hostname\n")
    t.write("/etc/passwd", b"root:x:0:0::/root:/bin/sh\n")
    t.mkdir("/data")
    t.write("/data/from-image", b"hidden by the volume")
    t.mkdir("/conf")
    t.mkdir("/mnt")
    t.symlink("/conf/app.conf", "/app.conf")
    return t.root


@pytest.fixture
def ns(host, image):
    root = OverlayFS(Dir(0o755), [image])
    return MountNamespace(root, [
        Mount("/data", host.subtree("/var/lib/docker/volumes/data/_data"), kind="volume"),
        Mount("/etc/hostname", host, source=("var", "lib", "docker", "containers", "c1",
                                             "hostname")),
        Mount("/conf", host.subtree("/srv/config"), readonly=True),
    ])


def test_routing_to_mounts(ns, host):
    assert ns.listdir("/data") == ["old.txt"]                     # the volume obscures /data
    ns.write("/data/new.txt", b"written in the container")
    assert host.read_bytes("/var/lib/docker/volumes/data/_data/new.txt") == \
        b"written in the container"
    assert ns.mount_at("/data/new.txt").kind == "volume"
    assert ns.mount_at("/etc/passwd") is None
    assert ns.read_bytes("/etc/passwd").startswith(b"root")      # the root filesystem


def test_file_bind_mount_uses_the_source(ns, host):
    assert ns.read_bytes("/etc/hostname") == b"c1\n"
    ns.write("/etc/hostname", b"renamed\n")
    assert host.read_bytes("/var/lib/docker/containers/c1/hostname") == b"renamed\n"
    assert ns.root.upper.entries == {}                            # nothing in the RW layer
    assert ns.listdir("/etc") == ["hostname", "passwd"]


def test_readonly_mount(ns, host):
    assert ns.read_bytes("/conf/app.conf") == b"debug=1\n"
    assert ns.read_bytes("/app.conf") == b"debug=1\n"             # a link into the mount
    for fn, args in [(ns.write, ("/conf/app.conf", b"x")), (ns.write, ("/conf/new", b"x")),
                     (ns.mkdir, ("/conf/d",)), (ns.unlink, ("/conf/app.conf",)),
                     (ns.chmod, ("/conf/app.conf", 0o600)), (ns.rmdir, ("/conf/sub",)),
                     (ns.symlink, ("x", "/conf/l")), (ns.write, ("/app.conf", b"x")),
                     (ns.link, ("/conf/app.conf", "/conf/hl"))]:
        raises(errno.EROFS, fn, *args)
    # observed (``-v /host/dir:/d:ro``): rmdir of a non-empty or a missing folder is EROFS
    raises(errno.EROFS, ns.rmdir, "/conf/nosuch")
    raises(errno.EROFS, ns.unlink, "/conf/nosuch")
    raises(errno.EEXIST, ns.mkdir, "/conf/sub")                   # mkdir: EEXIST first
    assert host.read_bytes("/srv/config/app.conf") == b"debug=1\n"
    ns.write("/etc/motd", b"the root stays writable")


def test_exdev_across_mounts(ns):
    raises(errno.EXDEV, ns.rename, "/data/old.txt", "/old.txt")
    raises(errno.EXDEV, ns.rename, "/etc/passwd", "/data/passwd")
    raises(errno.EXDEV, ns.link, "/etc/passwd", "/data/passwd")
    ns.rename("/data/old.txt", "/data/older.txt")                 # within one mount
    assert ns.listdir("/data") == ["older.txt"]
    ns.link("/data/older.txt", "/data/hl")
    assert ns.stat("/data/hl").nlink == 2


def test_ebusy_on_mount_points(ns):
    raises(errno.EBUSY, ns.unlink, "/etc/hostname")
    raises(errno.EBUSY, ns.rename, "/etc/hostname", "/etc/hn")
    raises(errno.EBUSY, ns.rename, "/data", "/data2")
    ns.unlink("/data/old.txt")
    raises(errno.EBUSY, ns.rmdir, "/data")
    ns.write("/data/x", b"1")
    raises(errno.EBUSY, ns.remove_tree, "/data")                  # rm -rf: contents go first
    assert ns.listdir("/data") == []


def test_longest_target_wins_and_newest_mount_is_on_top(host, image):
    a, b = TreeFS(), TreeFS()
    a.mkdir("/sub")
    a.write("/sub/who", b"a")
    b.write("/who", b"b")
    ns = MountNamespace(OverlayFS(Dir(0o755), [image]), [Mount("/mnt/sub", b), Mount("/mnt", a)])
    assert ns.read_bytes("/mnt/sub/who") == b"b"
    c = TreeFS()
    c.write("/who", b"c")
    ns.add(Mount("/mnt/sub", c))                                  # mounted over b
    assert ns.read_bytes("/mnt/sub/who") == b"c"


def test_hard_links_in_the_root_overlay(ns):
    ns.link("/etc/passwd", "/passwd.hl")
    assert ns.stat("/passwd.hl").nlink == 2
    assert ns.root.upper.entries["etc"].entries["passwd"] is ns.root.upper.entries["passwd.hl"]


def test_deleting_image_files_under_the_namespace(ns):
    ns.unlink("/etc/passwd")
    assert is_whiteout(ns.root.upper.entries["etc"].entries["passwd"])
    raises(errno.ENOENT, ns.stat, "/etc/passwd")
