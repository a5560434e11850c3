"""The host tree (TreeFS) and the path-level API every filesystem shares (FileSystem).

Path resolution follows path_resolution(7): ``.``/``..``, symlinks (absolute ones restart at
the tree's root, relative ones at the link's folder), 40 hops → ELOOP, a non-folder in the
middle → ENOTDIR, a missing folder in the middle → ENOENT (the last component may be
missing), a trailing slash follows a final symlink and makes a non-folder ENOTDIR.
Sizes follow moby's ``directory.Size``: a hard-linked inode counts once, a symlink counts
its target's length, folders and whiteouts count nothing.
"""
from __future__ import annotations

import errno
import stat

import pytest

from dockstore_magic.fs import (TreeFS, Dir, File, Symlink, Device, BytesBlob, ConcatBlob,
                                ZeroBlob, FSError, clone, tree_size, normpath)


class Clock:
    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def raises(code, fn, *a, **kw):
    with pytest.raises(FSError) as ei:
        fn(*a, **kw)
    assert ei.value.code == code, (errno.errorcode[ei.value.code], errno.errorcode[code])
    return ei.value


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def fs(clock):
    t = TreeFS(clock=clock)
    t.mkdir("/etc")
    t.write("/etc/passwd", b"root:x:0:0::/root:/bin/sh\n")
    t.mkdir("/usr/bin", parents=True)
    t.write("/usr/bin/busybox", b"ELF", mode=0o755)
    t.symlink("/usr/bin/busybox", "/usr/bin/sh")          # absolute
    t.symlink("busybox", "/usr/bin/ls")                   # relative, same folder
    t.symlink("../etc", "/usr/etc")                       # relative, with ..
    t.symlink("/usr/bin", "/bin")                         # a folder link
    t.symlink("/nowhere", "/dangling")
    return t


# ---------------------------------------------------------------------- resolution
def test_resolve_dot_and_dotdot(fs):
    assert fs.resolve("/etc/./passwd") == ("etc", "passwd")
    assert fs.resolve("/usr/bin/../../etc/passwd") == ("etc", "passwd")
    assert fs.resolve("/../../etc") == ("etc",)            # .. at the root stays at the root
    assert fs.resolve("passwd", cwd="/etc") == ("etc", "passwd")
    assert fs.resolve("../etc/passwd", cwd="/usr") == ("etc", "passwd")
    assert fs.resolve("/") == ()


def test_resolve_symlinks_absolute_and_relative(fs):
    assert fs.realpath("/usr/bin/sh") == "/usr/bin/busybox"
    assert fs.realpath("/usr/bin/ls") == "/usr/bin/busybox"
    assert fs.realpath("/usr/etc/passwd") == "/etc/passwd"
    assert fs.realpath("/bin/sh") == "/usr/bin/busybox"      # link in the middle, then a link
    assert fs.read_bytes("/bin/ls") == b"ELF"
    # not following the last component
    assert fs.resolve("/usr/bin/sh", follow=False) == ("usr", "bin", "sh")
    assert fs.lstat("/usr/bin/sh").is_symlink
    assert fs.stat("/usr/bin/sh").is_file
    assert fs.readlink("/usr/bin/ls") == "busybox"
    raises(errno.EINVAL, fs.readlink, "/etc/passwd")


def test_resolve_dotdot_after_a_symlinked_folder_is_physical(fs):
    # /bin -> /usr/bin, so /bin/.. is /usr (the kernel walks the link), not /
    assert fs.realpath("/bin/..") == "/usr"
    assert normpath("/bin/..") == "/"                         # the lexical form differs


def test_resolve_missing_last_component_is_allowed(fs):
    assert fs.resolve("/etc/newfile") == ("etc", "newfile")
    assert fs.resolve("/dangling") == ("nowhere",)           # a dangling link: its target
    raises(errno.ENOENT, fs.stat, "/dangling")
    assert fs.lstat("/dangling").target == "/nowhere"


def test_resolve_errors(fs):
    raises(errno.ENOENT, fs.resolve, "/missing/x")
    raises(errno.ENOTDIR, fs.resolve, "/etc/passwd/x")
    raises(errno.ENOTDIR, fs.stat, "/etc/passwd/.")
    e = raises(errno.ENOENT, fs.stat, "/etc/nope")
    assert str(e) == "/etc/nope: No such file or directory"


def test_resolve_eloop(fs):
    fs.symlink("/loop", "/loop")
    raises(errno.ELOOP, fs.stat, "/loop")
    fs.symlink("b", "/a")
    fs.symlink("a", "/b")
    raises(errno.ELOOP, fs.read_bytes, "/a")
    assert fs.lstat("/a").is_symlink                        # lstat does not follow
    # 40 hops are allowed, the 41st is not
    for i in range(40):
        fs.symlink(f"/c{i + 1}", f"/c{i}")
    fs.write("/c40", b"end")
    assert fs.read_bytes("/c0") == b"end"
    fs.symlink("/c0", "/c-1")
    raises(errno.ELOOP, fs.read_bytes, "/c-1")


def test_trailing_slash(fs):
    raises(errno.ENOTDIR, fs.stat, "/etc/passwd/")
    raises(errno.ENOTDIR, fs.read_bytes, "/etc/passwd/")
    assert not fs.exists("/etc/passwd/")
    # a trailing slash follows a final symlink even where lstat would not
    assert fs.lstat("/bin/").is_dir
    assert fs.lstat("/bin").is_symlink
    assert fs.isdir("/etc/")
    fs.mkdir("/newdir/")
    assert fs.isdir("/newdir")
    # calls that name the entry itself do not follow: a non-folder with a slash is ENOTDIR
    raises(errno.ENOTDIR, fs.unlink, "/etc/passwd/")
    raises(errno.ENOTDIR, fs.rmdir, "/bin/")                    # a link to a folder
    raises(errno.ENOTDIR, fs.rename, "/etc/passwd/", "/p")
    raises(errno.EISDIR, fs.unlink, "/etc/")
    fs.rename("/newdir/", "/newdir2/")
    fs.rmdir("/newdir2/")
    assert fs.exists("/usr/bin/busybox") and not fs.exists("/newdir2")


# ---------------------------------------------------------------------- writing
def test_write_append_and_overwrite(fs, clock):
    clock.t = 2000
    fs.write("/etc/motd", b"hello\n", mode=0o600, uid=5, gid=6)
    st = fs.stat("/etc/motd")
    assert (st.perm, st.uid, st.gid, st.size, st.mtime) == (0o600, 5, 6, 6, 2000)
    assert fs.lstat("/etc").mtime == 2000                   # a new name changes the folder
    clock.t = 3000
    fs.write("/etc/motd", b"more\n", append=True)
    assert fs.read_bytes("/etc/motd") == b"hello\nmore\n"
    blob = fs.node_at("/etc/motd").blob
    assert isinstance(blob, ConcatBlob)
    st = fs.stat("/etc/motd")
    assert (st.perm, st.uid, st.mtime) == (0o600, 5, 3000)   # metadata kept, mtime updated
    assert fs.lstat("/etc").mtime == 2000                    # rewriting is not a new name
    fs.write("/etc/motd", "x")                               # overwrite (str accepted)
    assert fs.read_text("/etc/motd") == "x"
    assert fs.stat("/etc/motd").perm == 0o600


def test_write_errors(fs):
    raises(errno.EISDIR, fs.write, "/etc", b"x")
    raises(errno.EISDIR, fs.write, "/", b"x")
    raises(errno.ENOENT, fs.write, "/nope/x", b"x")
    raises(errno.ENOTDIR, fs.write, "/etc/passwd/x", b"x")


def test_write_follows_a_final_symlink_even_dangling(fs):
    fs.write("/usr/bin/sh", b"new")
    assert fs.read_bytes("/usr/bin/busybox") == b"new"
    assert fs.lstat("/usr/bin/sh").is_symlink
    fs.write("/dangling", b"created")                       # open(O_CREAT) creates the target
    assert fs.read_bytes("/nowhere") == b"created"


def test_write_to_a_device_keeps_the_device(fs):
    fs.mkdir("/dev")
    fs.mknod("/dev/null", stat.S_IFCHR | 0o666, rdev=(1 << 8) | 3)
    fs.write("/dev/null", b"discarded")
    st = fs.lstat("/dev/null")
    assert st.is_chardev and st.rdev == 259 and st.perm == 0o666
    assert fs.read_bytes("/dev/null") == b""


def test_mkdir(fs, clock):
    clock.t = 5000
    fs.mkdir("/a/b/c", mode=0o750, parents=True, uid=3, gid=4)
    for p in ("/a", "/a/b", "/a/b/c"):
        st = fs.stat(p)
        assert (st.perm, st.uid, st.gid, st.mtime) == (0o750, 3, 4, 5000)
    fs.mkdir("/a/b/c", parents=True)                          # mkdir -p: existing is fine
    raises(errno.EEXIST, fs.mkdir, "/a/b/c")
    fs.mkdir("/a/b/c", exist_ok=True)
    raises(errno.ENOENT, fs.mkdir, "/x/y")
    raises(errno.EEXIST, fs.mkdir, "/etc/passwd", parents=True)
    raises(errno.ENOTDIR, fs.mkdir, "/etc/passwd/x", parents=True)
    fs.mkdir("/bin/sub", parents=True)                        # through a folder symlink
    assert fs.isdir("/usr/bin/sub")


def test_dir_link_count_is_two_plus_subfolders(fs):
    assert fs.stat("/usr").nlink == 3                          # usr/bin
    assert fs.stat("/usr/bin").nlink == 2                      # files and links do not count
    fs.mkdir("/usr/lib")
    assert fs.stat("/usr").nlink == 4
    assert fs.stat("/").nlink == 2 + 2                         # etc, usr


def test_unlink_rmdir_remove_tree(fs, clock):
    raises(errno.EISDIR, fs.unlink, "/etc")
    raises(errno.ENOTEMPTY, fs.rmdir, "/etc")
    raises(errno.ENOTDIR, fs.rmdir, "/etc/passwd")
    raises(errno.ENOTDIR, fs.rmdir, "/bin")                   # a link to a folder is no folder
    fs.unlink("/bin")                                         # removes the link only
    assert fs.isdir("/usr/bin")
    clock.t = 7000
    fs.remove_tree("/usr")
    assert not fs.exists("/usr")
    assert fs.lstat("/").mtime == 7000
    raises(errno.ENOENT, fs.remove_tree, "/usr")
    fs.mkdir("/empty")
    fs.rmdir("/empty")
    assert not fs.exists("/empty")


def test_rename(fs, clock):
    clock.t = 8000
    fs.rename("/etc/passwd", "/etc/passwd.bak")
    assert fs.read_bytes("/etc/passwd.bak").startswith(b"root")
    assert not fs.exists("/etc/passwd")
    assert fs.lstat("/etc").mtime == 8000
    fs.mkdir("/d1/sub", parents=True)
    raises(errno.EINVAL, fs.rename, "/d1", "/d1/sub/x")       # into itself
    fs.write("/d1/sub/f", b"1")
    fs.mkdir("/d2")
    fs.write("/d2/f", b"2")
    raises(errno.ENOTEMPTY, fs.rename, "/d1", "/d2")
    raises(errno.ENOTDIR, fs.rename, "/d1", "/etc/passwd.bak")
    raises(errno.EISDIR, fs.rename, "/etc/passwd.bak", "/d2")
    raises(errno.ENOENT, fs.rename, "/nope", "/x")
    fs.rename("/d1/sub", "/d2/moved")
    assert fs.read_bytes("/d2/moved/f") == b"1"
    fs.rename("/d2/f", "/d2/moved/f")                          # replaces a file
    assert fs.read_bytes("/d2/moved/f") == b"2"


def test_rename_over_a_hard_link_of_itself_does_nothing(fs):
    fs.write("/x", b"data")
    fs.link("/x", "/y")
    fs.rename("/x", "/y")                                     # rename(2): same inode → no-op
    assert fs.exists("/x") and fs.exists("/y")
    assert fs.stat("/x").nlink == 2


def test_rename_onto_a_hard_linked_file_drops_one_link(fs):
    fs.write("/x", b"1")
    fs.link("/x", "/y")
    fs.write("/z", b"2")
    fs.rename("/z", "/y")
    assert fs.stat("/x").nlink == 1
    assert fs.read_bytes("/y") == b"2"


def test_chmod_chown_utime(fs, clock):
    fs.write("/f", b"x")
    mtime = fs.stat("/f").mtime
    clock.t = 9999
    fs.chmod("/f", 0o4750)
    st = fs.stat("/f")
    assert st.mode == stat.S_IFREG | 0o4750 and st.mtime == mtime   # chmod: ctime only
    fs.chown("/f", 10, None)
    assert (fs.stat("/f").uid, fs.stat("/f").gid) == (10, 0)
    fs.chown("/f", None, None)                                # chown -1 -1
    assert fs.stat("/f").mtime == mtime
    fs.utime("/f", 1234.5)
    assert fs.stat("/f").mtime == 1234.5
    fs.touch("/f")
    assert fs.stat("/f").mtime == 9999
    # following links or not
    fs.chmod("/usr/bin/sh", 0o700)
    assert fs.stat("/usr/bin/busybox").perm == 0o700
    fs.utime("/usr/bin/sh", 42, follow=False)
    assert fs.lstat("/usr/bin/sh").mtime == 42
    assert fs.stat("/usr/bin/busybox").mtime != 42
    raises(errno.ENOENT, fs.chmod, "/nope", 0o600)


# ---------------------------------------------------------------------- hard links and sizes
def test_hard_links(fs, clock):
    clock.t = 4242
    fs.link("/usr/bin/busybox", "/etc/bb")
    a, b = fs.node_at("/usr/bin/busybox"), fs.node_at("/etc/bb")
    assert a is b and fs.stat("/etc/bb").nlink == 2
    assert fs.stat("/etc/bb").ino == fs.stat("/usr/bin/busybox").ino
    assert fs.lstat("/etc").mtime == 4242
    fs.write("/etc/bb", b"patched")                           # one inode: both names see it
    assert fs.read_bytes("/usr/bin/busybox") == b"patched"
    fs.unlink("/usr/bin/busybox")
    assert fs.stat("/etc/bb").nlink == 1
    raises(errno.EPERM, fs.link, "/etc", "/etc2")             # no hard links to folders
    raises(errno.EEXIST, fs.link, "/etc/bb", "/etc/passwd")
    raises(errno.ENOENT, fs.link, "/nope", "/x")
    fs.link("/usr/bin/sh", "/sh2")                            # links the symlink itself
    assert fs.lstat("/sh2").is_symlink


def test_tree_size_counts_hard_links_once_and_symlinks_by_target():
    t = TreeFS()
    t.mkdir("/bin")
    t.write("/bin/busybox", ZeroBlob(1000))
    for name in ("sh", "ls", "cat"):
        t.link("/bin/busybox", f"/bin/{name}")
    t.write("/etc-motd", b"12345")
    t.symlink("../../bin/env", "/envlink")                    # 13 bytes of target
    t.mknod("/wh", stat.S_IFCHR, 0)                           # a whiteout counts nothing
    t.mkdir("/empty")
    assert tree_size(t.root) == 1000 + 5 + 13
    assert t.size_of("/bin") == 1000
    assert t.du("/") == 1000 * 4 + 5 + 13                     # du (apparent) counts each name


def test_clone_keeps_hard_links_and_shares_blobs():
    t = TreeFS()
    t.mkdir("/a/b", parents=True)
    t.write("/a/f", ZeroBlob(10 << 20))
    t.link("/a/f", "/a/b/g")
    t.symlink("f", "/a/l")
    t.root.entries["a"].xattrs["user.x"] = b"1"
    c = clone(t.root)
    cf, cg = c.entries["a"].entries["f"], c.entries["a"].entries["b"].entries["g"]
    assert cf is cg and cf.nlink == 2
    assert cf is not t.node_at("/a/f")
    assert cf.blob is t.node_at("/a/f").blob                  # no byte copy
    assert c.entries["a"].xattrs == {"user.x": b"1"}
    assert c.entries["a"].xattrs is not t.root.entries["a"].xattrs
    assert tree_size(c) == tree_size(t.root) == (10 << 20) + 1
    c.entries["a"].entries["new"] = File(BytesBlob(b"x"))     # independent trees
    assert "new" not in t.node_at("/a").entries


# ---------------------------------------------------------------------- read-only views
def test_readonly_tree_raises_erofs(fs):
    ro = TreeFS(fs.root, readonly=True)
    assert ro.read_bytes("/etc/passwd").startswith(b"root")
    assert ro.listdir("/") == ["bin", "dangling", "etc", "usr"]
    for fn, args in [(ro.write, ("/etc/passwd", b"x")), (ro.write, ("/new", b"x")),
                     (ro.mkdir, ("/new",)), (ro.mkdir, ("/new/a", 0o755, True)),
                     (ro.unlink, ("/etc/passwd",)), (ro.rmdir, ("/usr/bin",)),
                     (ro.remove_tree, ("/usr",)), (ro.chmod, ("/etc/passwd", 0o600)),
                     (ro.chown, ("/etc/passwd", 1, 1)), (ro.utime, ("/etc/passwd", 1)),
                     (ro.touch, ("/etc/passwd",)), (ro.touch, ("/newfile",)),
                     (ro.rename, ("/etc/passwd", "/p")), (ro.symlink, ("x", "/s")),
                     (ro.link, ("/etc/passwd", "/hl")), (ro.mknod, ("/n", stat.S_IFIFO))]:
        raises(errno.EROFS, fn, *args)
    assert fs.read_bytes("/etc/passwd").startswith(b"root")   # nothing changed


def test_subtree_shares_nodes(fs):
    sub = fs.subtree("/usr")
    sub.write("/new", b"via subtree")
    assert fs.read_bytes("/usr/new") == b"via subtree"
    # links resolve inside the subtree, as in a chroot: /etc is usr/etc -> ../etc -> itself
    assert sub.read_bytes("/bin/ls") == b"ELF"
    raises(errno.ELOOP, sub.stat, "/etc/passwd")
    raises(errno.ENOENT, sub.stat, "/bin/sh")                 # /usr/bin/busybox is outside
    raises(errno.ENOTDIR, fs.subtree, "/etc/passwd")


# ---------------------------------------------------------------------- copying between filesystems
def test_copy_from_shares_blobs_and_keeps_metadata(clock):
    src = TreeFS(clock=clock)
    src.mkdir("/data/sub", mode=0o750, parents=True, uid=7, gid=8)
    src.write("/data/sub/big", ZeroBlob(1 << 30), mode=0o640, uid=7, gid=8)
    src.write("/data/small", b"abc")
    src.symlink("sub/big", "/data/link", uid=7)
    src.utime("/data/sub/big", 111)
    src.utime("/data/sub", 222)
    src.utime("/data/link", 333, follow=False)
    src.utime("/data", 444)
    clock.t = 99999
    dst = TreeFS(clock=clock)
    dst.copy_from(src, "/data", "/copy")
    assert dst.node_at("/copy/sub/big").blob is src.node_at("/data/sub/big").blob
    st = dst.stat("/copy/sub/big")
    assert (st.perm, st.uid, st.gid, st.mtime, st.size) == (0o640, 7, 8, 111, 1 << 30)
    st = dst.stat("/copy/sub")
    assert (st.perm, st.uid, st.gid, st.mtime) == (0o750, 7, 8, 222)
    assert dst.lstat("/copy/link").target == "sub/big"
    assert dst.lstat("/copy/link").mtime == 333
    assert dst.stat("/copy").mtime == 444
    # without preserve, with an owner override
    dst.copy_from(src, "/data/small", "/small", preserve=False, uid=1000, gid=1000)
    st = dst.stat("/small")
    assert (st.uid, st.gid, st.mtime) == (1000, 1000, 99999)
    # a symlink at the top is followed unless asked not to
    dst.copy_from(src, "/data/link", "/followed")
    assert dst.lstat("/followed").is_file
    dst.copy_from(src, "/data/link", "/kept", follow_top=False)
    assert dst.lstat("/kept").is_symlink


def test_walk_is_sorted_depth_first_and_does_not_follow_links(fs):
    paths = [p for p, _ in fs.walk("/")]
    assert paths == ["/", "/bin", "/dangling", "/etc", "/etc/passwd", "/usr", "/usr/bin",
                     "/usr/bin/busybox", "/usr/bin/ls", "/usr/bin/sh", "/usr/etc"]


def test_device_nodes(fs):
    fs.mknod("/fifo", stat.S_IFIFO | 0o644)
    fs.mknod("/wh", stat.S_IFCHR, 0)
    assert stat.S_ISFIFO(fs.lstat("/fifo").mode)
    st = fs.lstat("/wh")
    assert st.is_chardev and st.rdev == 0 and st.size == 0
    raises(errno.EEXIST, fs.mknod, "/wh", stat.S_IFCHR)
    assert isinstance(fs.node_at("/wh", follow=False), Device)
    assert isinstance(fs.node_at("/usr/bin/sh", follow=False), Symlink)
    assert isinstance(fs.node_at("/usr"), Dir)
