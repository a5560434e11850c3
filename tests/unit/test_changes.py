"""``docker diff`` (changes.py).

Semantics (spec §4, moby ``ChangesDirs``): **A** for a new path and every descendant of an
added folder; **D** only for the topmost removed path; **C** for a file whose mode, owner,
rdev, mtime or size changed, for a folder whose mode or owner changed, and for every folder
(except ``/``) containing a change, emitted before its children; a folder's deletions come
after its other children; copied-up but unchanged folders and files are not reported.

The three ``REAL_*`` scenarios were run on the reference engine (20.10.24, overlay2) on
``docker import`` of the busybox rootfs tarball; their ``docker diff`` lines are the
expected sets (the engine prints them in Go map order; here the order is sorted).
"""
from __future__ import annotations

import stat

import pytest

from dockstore_magic.changes import naive_changes, overlay_changes
from dockstore_magic.fs import OverlayFS, TreeFS, Dir, File, BytesBlob, clone

IMG = 1704067200.0
INIT = 1795856800.0
RUN = 1795856900.0


def busybox_rootfs() -> Dir:
    """The layout of tests/support/rootfs.py (3 applets instead of 268)."""
    t = TreeFS(clock=lambda: IMG)
    t.mkdir("/bin")
    t.write("/bin/[", BytesBlob(b"\x7fELF" + bytes(60)), mode=0o755)
    for a in ("env", "sh"):
        t.link("/bin/[", f"/bin/{a}")
    t.mkdir("/dev")
    t.mkdir("/etc")
    t.write("/etc/group", b"root:x:0:\n")
    t.write("/etc/motd", b"Welcome to the dockstore-magic busybox image.\n")
    t.write("/etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")
    t.write("/etc/shadow", b"root:*:::::::\n", mode=0o600)
    t.mkdir("/home")
    t.mkdir("/root", mode=0o700)
    t.mkdir("/tmp", mode=0o1777)
    t.mkdir("/usr/bin", parents=True)
    t.symlink("../../bin/env", "/usr/bin/env")
    t.mkdir("/var")
    t.mkdir("/srv/a", mode=0o750, parents=True)              # (not in the real rootfs)
    t.write("/srv/a/file", b"data")
    for p, _ in list(t.walk("/")):
        t.utime(p, IMG, follow=False)
    return t.root


def init_layer() -> Dir:
    """The container's -init layer (spec §1)."""
    t = TreeFS(clock=lambda: INIT)
    t.write("/.dockerenv", b"", mode=0o755)
    t.mkdir("/dev/pts", parents=True)
    t.mkdir("/dev/shm")
    t.write("/dev/console", b"", mode=0o755)
    t.mkdir("/etc")
    for f in ("hostname", "hosts", "resolv.conf"):
        t.write(f"/etc/{f}", b"", mode=0o755)
    t.symlink("/proc/mounts", "/etc/mtab")
    t.mkdir("/proc")
    t.mkdir("/sys")
    return t.root


class Clock:
    def __init__(self):
        self.t = RUN

    def __call__(self):
        self.t += 1
        return self.t


@pytest.fixture
def container():
    """(overlay, lowers) of a fresh container on the busybox image."""
    lowers = [init_layer(), busybox_rootfs()]
    return OverlayFS(Dir(0o755, mtime=INIT), lowers, clock=Clock()), lowers


def merged_tree(o: OverlayFS) -> Dir:
    """The merged view as a plain folder tree (the same nodes for non-folders), for the
    naive algorithm."""
    def build(parts):
        n = o._node(parts)
        if isinstance(n, Dir):
            c = clone(n, deep=False)
            c.xattrs.clear()
            for name in o._listdir(parts):
                c.entries[name] = build(parts + (name,))
            return c
        return n
    return build(())


def both(o: OverlayFS, lowers) -> list[tuple[str, str]]:
    """overlay_changes, checked against naive_changes on the two merged trees."""
    fast = overlay_changes(o.upper, lowers)
    naive = naive_changes(merged_tree(o), merged_tree(OverlayFS(None, lowers)))
    assert fast == naive
    return fast


# ---------------------------------------------------------------------- the reference engine
def test_real_scenario_notes_3_1(container):
    """sh -c 'echo a > /new.txt; echo b >> /etc/motd; rm /etc/group; mkdir -p /d/e;
    touch /d/e/f; chmod 600 /etc/passwd; mv /etc/shadow /etc/shadow2'"""
    o, lowers = container
    o.write("/new.txt", b"a\n")
    o.write("/etc/motd", b"b\n", append=True)
    o.unlink("/etc/group")
    o.mkdir("/d/e", parents=True)
    o.touch("/d/e/f")
    o.chmod("/etc/passwd", 0o600)
    o.rename("/etc/shadow", "/etc/shadow2")
    got = both(o, lowers)
    assert got == [("A", "/d"), ("A", "/d/e"), ("A", "/d/e/f"), ("C", "/etc"),
                   ("C", "/etc/motd"), ("C", "/etc/passwd"), ("A", "/etc/shadow2"),
                   ("D", "/etc/group"), ("D", "/etc/shadow"), ("A", "/new.txt")]
    real = {"A /new.txt", "A /d", "A /d/e", "A /d/e/f", "C /etc", "C /etc/passwd",
            "A /etc/shadow2", "C /etc/motd", "D /etc/shadow", "D /etc/group"}
    assert {f"{k} {p}" for k, p in got} == real


def test_real_scenario_copy_up_only_ancestors(container):
    """sh -c 'chown -h 5 /usr/bin/env; chmod 700 /bin/env; rm -r /var; echo x > /root/f'
    — the engine printed exactly this order.  The copied-up /usr and /usr/bin kept their
    mtimes, yet they are reported: ancestors of a change always are."""
    o, lowers = container
    o.chown("/usr/bin/env", 5, None, follow=False)
    o.chmod("/bin/env", 0o700)
    o.remove_tree("/var")
    o.write("/root/f", b"x\n")
    assert o.stat("/usr").mtime == o.stat("/usr/bin").mtime == IMG
    assert both(o, lowers) == [("C", "/bin"), ("C", "/bin/env"), ("C", "/root"),
                               ("A", "/root/f"), ("C", "/usr"), ("C", "/usr/bin"),
                               ("C", "/usr/bin/env"), ("D", "/var")]


def test_real_scenario_recreated_folders_and_links(container):
    """sh -c 'rm -r /home; mkdir /home; touch /home/x; rm /etc/group; mkdir -p /d/e;
    ln -s /etc/passwd /d/lnk; ln /etc/motd /d/hard; echo hi > /d/e/f; ln /d/e/f /d/e/g;
    mknod /d/fifo p; chmod 700 /root; rm -r /var; mkdir /var' — a recreated empty folder
    is not reported at all (overlay2's native diff would say D), neither is a copy-up with
    unchanged data (/etc/motd for the hard link, /root for a chmod to its own mode)."""
    o, lowers = container
    o.remove_tree("/home")
    o.mkdir("/home")
    o.touch("/home/x")
    o.unlink("/etc/group")
    o.mkdir("/d/e", parents=True)
    o.symlink("/etc/passwd", "/d/lnk")
    o.link("/etc/motd", "/d/hard")
    o.write("/d/e/f", b"hi\n")
    o.link("/d/e/f", "/d/e/g")
    o.mknod("/d/fifo", stat.S_IFIFO | 0o644)
    o.chmod("/root", 0o700)
    o.remove_tree("/var")
    o.mkdir("/var")
    assert both(o, lowers) == [("A", "/d"), ("A", "/d/e"), ("A", "/d/e/f"), ("A", "/d/e/g"),
                               ("A", "/d/fifo"), ("A", "/d/hard"), ("A", "/d/lnk"),
                               ("C", "/etc"), ("D", "/etc/group"), ("C", "/home"),
                               ("A", "/home/x")]


# ---------------------------------------------------------------------- typical container changes
@pytest.mark.parametrize("ops, want", [
    ([("write", "/new.txt", b"x")], [("A", "/new.txt")]),
    ([("append", "/etc/passwd", b"x")], [("C", "/etc"), ("C", "/etc/passwd")]),
    ([("unlink", "/etc/passwd")], [("C", "/etc"), ("D", "/etc/passwd")]),
    ([("mkdirp", "/opt/app/data")], [("A", "/opt"), ("A", "/opt/app"), ("A", "/opt/app/data")]),
    ([("chmod", "/etc/passwd", 0o600)], [("C", "/etc"), ("C", "/etc/passwd")]),
    ([("rename", "/etc/passwd", "/etc/passwd.old")],
     [("C", "/etc"), ("A", "/etc/passwd.old"), ("D", "/etc/passwd")]),
    ([("rmtree", "/srv")], [("D", "/srv")]),                       # topmost only
    ([("rmtree", "/srv"), ("mkdir", "/srv")], [("C", "/srv"), ("D", "/srv/a")]),
    ([("write", "/srv/a/new", b"1")], [("C", "/srv"), ("C", "/srv/a"), ("A", "/srv/a/new")]),
    ([("chmod", "/srv/a", 0o700)], [("C", "/srv"), ("C", "/srv/a")]),
    ([("utime", "/srv/a", 1.0)], []),                             # a folder's mtime alone
    ([("utime", "/srv/a/file", 1.0)], [("C", "/srv"), ("C", "/srv/a"), ("C", "/srv/a/file")]),
    ([("chown", "/tmp", 1000)], [("C", "/tmp")]),
    ([("write", "/etc/hostname", b"c1")], [("C", "/etc"), ("C", "/etc/hostname")]),
    ([("touch_same", "/etc/motd")], []),                          # copy-up, same data
    ([("write", "/tmp/x", b"1"), ("unlink", "/tmp/x")], []),      # upper-only, gone again
    ([("rmtree", "/srv/a"), ("write", "/srv/a", b"now a file")],
     [("C", "/srv"), ("C", "/srv/a")]),
])
def test_both_algorithms_agree_on_typical_changes(container, ops, want):
    o, lowers = container
    for op, path, *arg in ops:
        if op == "write":
            o.write(path, arg[0])
        elif op == "append":
            o.write(path, arg[0], append=True)
        elif op == "unlink":
            o.unlink(path)
        elif op == "mkdirp":
            o.mkdir(path, parents=True)
        elif op == "mkdir":
            o.mkdir(path)
        elif op == "chmod":
            o.chmod(path, arg[0])
        elif op == "chown":
            o.chown(path, arg[0], None)
        elif op == "rename":
            o.rename(path, arg[0])
        elif op == "rmtree":
            o.remove_tree(path)
        elif op == "utime":
            o.utime(path, arg[0])
        elif op == "touch_same":
            o.utime(path, o.stat(path).mtime)
    assert both(o, lowers) == want


def test_no_change_no_output(container):
    o, lowers = container
    assert both(o, lowers) == []


# ---------------------------------------------------------------------- naive_changes on trees
def tree(spec: dict, mtime=10.0) -> Dir:
    """{'name': bytes | dict | ('file', bytes, mode, mtime)} → a folder tree."""
    d = Dir(0o755, mtime=mtime)
    for name, v in spec.items():
        if isinstance(v, dict):
            d.entries[name] = tree(v, mtime)
        elif isinstance(v, tuple):
            _, data, mode, mt = v
            d.entries[name] = File(BytesBlob(data), mode, mtime=mt)
        else:
            d.entries[name] = File(BytesBlob(v), 0o644, mtime=mtime)
    return d


def test_naive_added_folder_reports_every_descendant():
    old = tree({"etc": {"passwd": b"x"}})
    new = tree({"etc": {"passwd": b"x"}, "opt": {"app": {"bin": {"tool": b"t"}}, "f": b""}})
    assert naive_changes(new, old) == [("A", "/opt"), ("A", "/opt/app"), ("A", "/opt/app/bin"),
                                       ("A", "/opt/app/bin/tool"), ("A", "/opt/f")]


def test_naive_deleted_folder_reports_only_the_top():
    old = tree({"var": {"lib": {"apt": {"lists": b"x"}}}, "etc": {}})
    new = tree({"etc": {}})
    assert naive_changes(new, old) == [("D", "/var")]


def test_naive_ancestors_before_children_and_deletions_last():
    old = tree({"a": {"b": {"old": b"1", "keep": b"k"}, "z": b"z"}})
    new = tree({"a": {"b": {"keep": b"k", "new": b"2"}, "z": b"z"}})
    assert naive_changes(new, old) == [("C", "/a"), ("C", "/a/b"), ("A", "/a/b/new"),
                                       ("D", "/a/b/old")]


def test_naive_stat_rules():
    old = tree({"d": {"f": ("file", b"abc", 0o644, 5.0)}}, mtime=1.0)
    # a folder's mtime alone is no change; a file's mtime or size is
    assert naive_changes(tree({"d": {"f": ("file", b"abc", 0o644, 5.0)}}, mtime=99.0), old) == []
    assert naive_changes(tree({"d": {"f": ("file", b"abc", 0o644, 6.0)}}, mtime=1.0), old) == \
        [("C", "/d"), ("C", "/d/f")]
    assert naive_changes(tree({"d": {"f": ("file", b"abcd", 0o644, 5.0)}}, mtime=1.0), old) == \
        [("C", "/d"), ("C", "/d/f")]
    # same size and mtime but other bytes: not detected (moby compares stat only)
    assert naive_changes(tree({"d": {"f": ("file", b"xyz", 0o644, 5.0)}}, mtime=1.0), old) == []
    new = tree({"d": {"f": ("file", b"abc", 0o644, 5.0)}}, mtime=1.0)
    new.entries["d"].mode = stat.S_IFDIR | 0o700
    assert naive_changes(new, old) == [("C", "/d")]              # the folder itself, once


def test_naive_file_replaced_by_a_folder():
    old = tree({"x": b"file"})
    new = tree({"x": {"inside": b"1"}})
    assert naive_changes(new, old) == [("C", "/x"), ("A", "/x/inside")]


def test_naive_without_a_parent_everything_is_added():
    new = tree({"a": {"b": b"1"}, "c": b""})
    assert naive_changes(new, None) == [("A", "/a"), ("A", "/a/b"), ("A", "/c")]
