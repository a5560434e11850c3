"""overlayfs semantics (fs/overlay.py) over TreeFS folders, as Documentation/filesystems/
overlayfs.rst describes them and as the kernel under the reference engine behaved:

- lookup goes upper → lowers (uppermost first); a whiteout (char device 0/0) hides the
  name below it, an opaque folder (trusted.overlay.opaque=y) hides the lower children;
- the first write access to a lower file copies the whole file up, keeping its metadata;
  missing parents are copied up with their metadata only;
- copy-up does not change any folder's mtime: the kernel restores the upper parent's
  timestamps (``ovl_copy_up_one``).  Observed on the reference engine: after
  ``chown -h 5 /usr/bin/env`` in a container, ``stat -c %Y /usr /usr/bin`` still gave the
  image's 1704067200, as did ``/bin`` after ``chmod 700 /bin/env``;
- a merged folder reports nlink 1 (``/etc``, ``/``, ``/tmp`` in a container), a folder of
  one layer its real count (``/usr`` 3, ``/bin`` 2);
- deleting a lower name leaves a whiteout (``c--------- 0, 0``), deleting an upper-only name
  leaves nothing, a folder made where a whiteout stands is opaque; renaming a folder that
  is in a lower layer fails with EXDEV (redirect_dir=N).
"""
from __future__ import annotations

import errno
import stat

import pytest

from dockstore_magic.fs import (OverlayFS, TreeFS, Dir, File, Device, BytesBlob, ConcatBlob,
                                FSError, is_whiteout, is_opaque)

IMG_T = 1704067200.0


class Clock:
    def __init__(self, t: float = 5000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def raises(code, fn, *a, **kw):
    with pytest.raises(FSError) as ei:
        fn(*a, **kw)
    assert ei.value.code == code, (errno.errorcode[ei.value.code], errno.errorcode[code])


def build_base() -> Dir:
    """The image layer: a trimmed busybox rootfs, every mtime 2024-01-01."""
    t = TreeFS(clock=lambda: IMG_T)
    t.mkdir("/bin")
    t.write("/bin/busybox", BytesBlob(b"\x7fELF" + bytes(96)), mode=0o755)
    t.link("/bin/busybox", "/bin/sh")
    t.link("/bin/busybox", "/bin/env")
    t.mkdir("/etc")
    t.write("/etc/group", b"root:x:0:\n")
    t.write("/etc/motd", b"Welcome\n")
    t.write("/etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")
    t.write("/etc/shadow", b"root:*:::::::\n", mode=0o600)
    t.mkdir("/home/user", parents=True)
    t.write("/home/user/.profile", b"export A=1\n")
    t.mkdir("/root", mode=0o700)
    t.mkdir("/usr/bin", parents=True)
    t.symlink("../../bin/env", "/usr/bin/env")
    t.mkdir("/srv/a/b/c", mode=0o750, parents=True, uid=7, gid=8)
    t.write("/srv/a/b/c/file", b"payload", uid=7, gid=8)
    t.mkdir("/var")
    for p in ("/bin", "/etc", "/home", "/home/user", "/root", "/usr", "/usr/bin", "/srv",
              "/srv/a", "/srv/a/b", "/srv/a/b/c", "/var", "/"):
        t.utime(p, IMG_T)
    return t.root


def build_mid() -> Dir:
    """A second image layer: replaces motd, deletes group, recreates /home (opaque)."""
    t = TreeFS(clock=lambda: IMG_T + 10)
    t.mkdir("/etc")
    t.write("/etc/motd", b"Layer 2 motd\n")
    t.mknod("/etc/group", stat.S_IFCHR, 0)
    t.mkdir("/home")
    t.node_at("/home").xattrs["trusted.overlay.opaque"] = b"y"
    t.write("/home/readme", b"fresh home\n")
    return t.root


def signature(d: Dir):
    """Everything observable about a folder tree, to check that nothing changed."""
    out = []

    def walk(n, path):
        out.append((path, type(n).__name__, n.mode, n.uid, n.gid, n.mtime, n.nlink,
                    dict(n.xattrs), getattr(n, "blob", None), getattr(n, "target", None),
                    id(n)))
        if isinstance(n, Dir):
            for k in sorted(n.entries):
                walk(n.entries[k], f"{path}/{k}")
    walk(d, "")
    return out


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def layers():
    return build_mid(), build_base()


@pytest.fixture
def ofs(layers, clock):
    return OverlayFS(Dir(0o755, mtime=IMG_T + 100), list(layers), clock=clock)


# ---------------------------------------------------------------------- lookup
def test_lookup_through_several_lowers(ofs):
    assert ofs.read_bytes("/etc/motd") == b"Layer 2 motd\n"          # the upper lower wins
    assert ofs.read_bytes("/etc/passwd").startswith(b"root")         # from the base
    assert ofs.listdir("/etc") == ["motd", "passwd", "shadow"]       # merged, group whited out
    assert ofs.stat("/etc/motd").mtime == IMG_T + 10
    assert ofs.realpath("/usr/bin/env") == "/bin/env"


def test_whiteout_in_a_lower_hides_the_name(ofs):
    raises(errno.ENOENT, ofs.stat, "/etc/group")
    assert not ofs.exists("/etc/group", follow=False)


def test_opaque_folder_hides_lower_children(ofs):
    assert ofs.listdir("/home") == ["readme"]
    raises(errno.ENOENT, ofs.stat, "/home/user/.profile")


def test_upper_whiteout_and_opaque_hide_lowers(layers, clock):
    upper = Dir(0o755)
    etc = Dir(0o755)
    etc.entries["passwd"] = Device(stat.S_IFCHR, 0)
    upper.entries["etc"] = etc
    srv = Dir(0o755)
    srv.xattrs["trusted.overlay.opaque"] = b"y"
    upper.entries["srv"] = srv
    o = OverlayFS(upper, list(layers), clock=clock)
    assert o.listdir("/etc") == ["motd", "shadow"]
    assert o.listdir("/srv") == []
    raises(errno.ENOENT, o.stat, "/srv/a")


def test_a_file_in_an_upper_layer_hides_a_lower_folder(layers, clock):
    upper = Dir(0o755)
    upper.entries["srv"] = File(BytesBlob(b"now a file"))
    o = OverlayFS(upper, list(layers), clock=clock)
    assert o.read_bytes("/srv") == b"now a file"
    raises(errno.ENOTDIR, o.stat, "/srv/a")


def test_link_counts_of_folders(ofs):
    assert ofs.stat("/").nlink == 1            # merged (upper + lowers)
    assert ofs.stat("/etc").nlink == 1         # in both lowers
    assert ofs.stat("/usr").nlink == 3         # base only: 2 + usr/bin
    assert ofs.stat("/bin").nlink == 2
    assert ofs.stat("/home").nlink == 2        # opaque in mid: one layer


# ---------------------------------------------------------------------- copy-up
def test_append_copies_the_whole_file_up_and_keeps_metadata(ofs, layers, clock):
    mid, base = layers
    lower = base.entries["etc"].entries["passwd"]
    clock.t = 6000
    ofs.write("/etc/passwd", b"x:x:1:1::/:/bin/sh\n", append=True)
    up = ofs.upper.entries["etc"].entries["passwd"]
    assert up is not lower and ofs.copy_ups == 1
    assert ofs.copied_bytes == lower.size                    # the whole file, for one line
    assert isinstance(up.blob, ConcatBlob) and up.blob.parts[0] is lower.blob
    assert ofs.read_bytes("/etc/passwd") == b"root:x:0:0:root:/root:/bin/sh\nx:x:1:1::/:/bin/sh\n"
    assert (up.mode, up.uid, up.gid, up.mtime) == (lower.mode, 0, 0, 6000)
    assert lower.blob.read() == b"root:x:0:0:root:/root:/bin/sh\n"   # the lower is untouched


def test_metadata_change_copies_up_with_lower_metadata(ofs, layers, clock):
    _, base = layers
    lower = base.entries["etc"].entries["shadow"]
    ofs.chmod("/etc/shadow", 0o640)
    up = ofs.upper.entries["etc"].entries["shadow"]
    assert up.mode == stat.S_IFREG | 0o640 and up.mtime == lower.mtime == IMG_T
    assert up.blob is lower.blob                              # content shared, not copied
    assert lower.mode == stat.S_IFREG | 0o600


def test_copy_up_creates_parents_with_metadata_only(ofs, clock):
    upper_root_mtime = ofs.upper.mtime
    clock.t = 7000
    ofs.chown("/srv/a/b/c/file", 0, 0)
    a = ofs.upper.entries["srv"].entries["a"]
    c = a.entries["b"].entries["c"]
    for d in (ofs.upper.entries["srv"], a, a.entries["b"], c):
        assert isinstance(d, Dir) and not is_opaque(d)
    assert (c.mode, c.uid, c.gid, c.mtime) == (stat.S_IFDIR | 0o750, 7, 8, IMG_T)
    assert list(c.entries) == ["file"]                        # only the path, not siblings
    assert list(ofs.upper.entries) == ["srv"]
    # the kernel restores the upper parents' timestamps after each copy-up
    assert ofs.upper.mtime == upper_root_mtime
    assert ofs.stat("/srv/a/b").mtime == IMG_T
    assert ofs.stat("/srv/a/b/c/file").mtime == IMG_T         # chown does not touch mtime


def test_creating_a_name_bumps_the_upper_parent_mtime(ofs, clock):
    clock.t = 8000
    ofs.write("/srv/a/new.txt", b"hi")
    assert ofs.stat("/srv/a").mtime == 8000                    # a new name in /srv/a
    assert ofs.stat("/srv").mtime == IMG_T                     # copied up, mtime restored
    clock.t = 8100
    ofs.mknod("/srv/fifo", stat.S_IFIFO | 0o644)
    assert ofs.stat("/srv").mtime == 8100


def test_copy_up_breaks_hard_links(ofs, layers):
    _, base = layers
    ofs.chmod("/bin/env", 0o700)
    up = ofs.upper.entries["bin"].entries["env"]
    assert up.nlink == 1 and ofs.stat("/bin/env").perm == 0o700
    assert ofs.stat("/bin/sh").nlink == 3 and ofs.stat("/bin/sh").perm == 0o755
    assert base.entries["bin"].entries["sh"] is base.entries["bin"].entries["busybox"]


# ---------------------------------------------------------------------- deletion
def test_deleting_a_lower_file_leaves_a_whiteout(ofs, clock):
    clock.t = 9000
    ofs.unlink("/etc/passwd")
    wh = ofs.upper.entries["etc"].entries["passwd"]
    assert is_whiteout(wh)
    st = wh.stat()
    assert (stat.S_IFMT(st.mode), stat.S_IMODE(st.mode), st.rdev, st.uid, st.gid) == \
        (stat.S_IFCHR, 0, 0, 0, 0)                            # c--------- 0, 0
    assert st.mtime == 9000
    raises(errno.ENOENT, ofs.stat, "/etc/passwd")
    assert "passwd" not in ofs.listdir("/etc")
    assert ofs.stat("/etc").mtime == 9000


def test_deleting_an_upper_only_file_leaves_nothing(ofs):
    ofs.write("/etc/new", b"x")
    ofs.unlink("/etc/new")
    assert "new" not in ofs.upper.entries["etc"].entries


def test_deleting_in_an_opaque_upper_folder_needs_no_whiteout(ofs):
    ofs.remove_tree("/srv")
    ofs.mkdir("/srv")
    ofs.mkdir("/srv/a")                       # the lower /srv/a is hidden by the opaque /srv
    assert not is_opaque(ofs.upper.entries["srv"].entries["a"])
    ofs.rmdir("/srv/a")
    assert ofs.upper.entries["srv"].entries == {}


def test_remove_tree_then_mkdir_gives_an_opaque_folder(ofs):
    ofs.remove_tree("/srv")
    srv = ofs.upper.entries["srv"]
    assert is_whiteout(srv)                    # one whiteout for the folder, none inside
    ofs.mkdir("/srv")
    srv = ofs.upper.entries["srv"]
    assert isinstance(srv, Dir) and is_opaque(srv)
    assert ofs.listdir("/srv") == []
    ofs.mkdir("/brand-new")
    assert not is_opaque(ofs.upper.entries["brand-new"])


# ---------------------------------------------------------------------- rename
def test_rename_of_a_lower_folder_is_exdev(ofs):
    raises(errno.EXDEV, ofs.rename, "/srv", "/srv2")
    raises(errno.EXDEV, ofs.rename, "/etc", "/etc2")           # merged
    assert ofs.upper.entries == {}


def test_rename_of_an_upper_folder(ofs):
    ofs.mkdir("/new/sub", parents=True)
    ofs.rename("/new", "/renamed")
    assert ofs.isdir("/renamed/sub") and not ofs.exists("/new")
    assert "new" not in ofs.upper.entries                      # upper-only: no whiteout
    # a recreated (opaque, upper-only) folder can move; its old name gets a whiteout
    ofs.remove_tree("/srv")
    ofs.mkdir("/srv")
    ofs.rename("/srv", "/srv2")
    assert is_whiteout(ofs.upper.entries["srv"])


def test_moving_an_upper_folder_into_a_merged_folder_makes_it_opaque(ofs):
    ofs.mkdir("/tmpd")
    ofs.rename("/tmpd", "/etc/tmpd")
    assert is_opaque(ofs.upper.entries["etc"].entries["tmpd"])


def test_rename_of_a_lower_file_copies_up_and_leaves_a_whiteout(ofs, clock):
    clock.t = 9500
    ofs.rename("/etc/shadow", "/etc/shadow2")
    etc = ofs.upper.entries["etc"]
    assert is_whiteout(etc.entries["shadow"])
    moved = etc.entries["shadow2"]
    assert moved.mtime == IMG_T and moved.mode == stat.S_IFREG | 0o600   # as observed
    assert ofs.read_bytes("/etc/shadow2") == b"root:*:::::::\n"


# ---------------------------------------------------------------------- hard links
def test_hard_link_copies_the_source_up(ofs, layers):
    _, base = layers
    ofs.link("/etc/passwd", "/etc/passwd.hl")
    etc = ofs.upper.entries["etc"]
    assert etc.entries["passwd"] is etc.entries["passwd.hl"]
    assert ofs.stat("/etc/passwd.hl").nlink == 2
    assert base.entries["etc"].entries["passwd"].nlink == 1
    ofs.unlink("/etc/passwd.hl")
    assert ofs.stat("/etc/passwd").nlink == 1
    raises(errno.EPERM, ofs.link, "/etc", "/etc3")
    raises(errno.EEXIST, ofs.link, "/etc/motd", "/etc/passwd")
    raises(errno.ENOENT, ofs.link, "/nope", "/x")


# ---------------------------------------------------------------------- lowers stay intact
def test_writes_never_touch_lower_nodes(layers, clock):
    before = [signature(d) for d in layers]
    o = OverlayFS(Dir(0o755), list(layers), clock=clock)
    clock.t = 12345
    o.write("/etc/motd", b"changed")
    o.write("/etc/passwd", b"more", append=True)
    o.unlink("/etc/shadow")
    o.chmod("/bin/sh", 0o700)
    o.chown("/srv/a/b/c/file", 1, 1)
    o.utime("/var", 1)
    o.remove_tree("/usr")
    o.mkdir("/usr")
    o.rename("/etc/motd", "/motd")
    o.link("/bin/busybox", "/bb")
    o.symlink("/x", "/link")
    o.mkdir("/d/e/f", parents=True)
    o.touch("/home/readme")
    assert [signature(d) for d in layers] == before


def test_readonly_overlay_raises_erofs(layers, clock):
    o = OverlayFS(None, list(layers), clock=clock)
    assert o.read_bytes("/etc/passwd").startswith(b"root")
    assert o.listdir("/") == ["bin", "etc", "home", "root", "srv", "usr", "var"]
    for fn, args in [(o.write, ("/etc/passwd", b"x")), (o.write, ("/new", b"x")),
                     (o.mkdir, ("/new",)), (o.unlink, ("/etc/passwd",)),
                     (o.chmod, ("/etc/passwd", 0o600)), (o.rename, ("/etc/motd", "/m")),
                     (o.symlink, ("x", "/s")), (o.remove_tree, ("/var",)),
                     (o.link, ("/etc/passwd", "/p2")), (o.touch, ("/etc/passwd",))]:
        raises(errno.EROFS, fn, *args)
