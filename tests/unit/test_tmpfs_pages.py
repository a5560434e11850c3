"""A tmpfs's running count of pages in use (TreeFS.pages_in_use) against a full walk of its
tree (pages_used) after random sessions of writes, overwrites, appends, truncations,
unlinks, renames, hard links, copies and removals of whole folders, with and without a
``size=`` that makes some writes short."""
import pytest
from hypothesis import given, settings, strategies as st

from dockstore_magic.fs import TreeFS
from dockstore_magic.fs.errors import FSError
from dockstore_magic.fs.tree import pages_used

NAMES = ["/a", "/b", "/d/c", "/d/e", "/d/f/g", "/h"]
SIZES = st.sampled_from([0, 1, 4095, 4096, 4097, 9000, 20000])

OPS = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), SIZES),
    st.tuples(st.just("append"), st.sampled_from(NAMES), SIZES),
    st.tuples(st.just("truncate"), st.sampled_from(NAMES), SIZES),
    st.tuples(st.just("unlink"), st.sampled_from(NAMES)),
    st.tuples(st.just("rename"), st.sampled_from(NAMES + ["/d", "/d/f"]),
              st.sampled_from(NAMES + ["/x", "/d/f/y", "/z"])),
    st.tuples(st.just("link"), st.sampled_from(NAMES), st.sampled_from(NAMES + ["/x", "/d/y"])),
    st.tuples(st.just("copy"), st.sampled_from(NAMES + ["/d"]), st.sampled_from(["/k", "/h"])),
    st.tuples(st.just("rmtree"), st.sampled_from(["/d", "/d/f", "/k"])),
    st.tuples(st.just("mkdir"), st.sampled_from(["/d", "/d/f", "/k"])),
)


def _apply(fs: TreeFS, op) -> None:
    kind, path = op[0], op[1]
    if kind == "write":
        fs.write(path, b"w" * op[2])
    elif kind == "append":
        fs.write(path, b"a" * op[2], append=True)
    elif kind == "truncate":                       # truncate(1): the first bytes, or zeros
        data = fs.read_bytes(path) if fs.isfile(path) else b""
        fs.write(path, (data + b"\0" * op[2])[:op[2]])
    elif kind == "unlink":
        fs.unlink(path)
    elif kind == "rename":
        fs.rename(path, op[2])
    elif kind == "link":
        fs.link(path, op[2])
    elif kind == "copy":
        fs.copy_from(fs, path, op[2])
    elif kind == "rmtree":
        fs.remove_tree(path)
    elif kind == "mkdir":
        fs.mkdir(path)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([None, 16384, 40000]), st.lists(OPS, max_size=40))
def test_the_running_count_is_what_a_walk_finds(capacity, ops):
    fs = TreeFS(capacity=capacity)
    fs.mkdir("/d/f", parents=True)
    assert fs.pages_in_use() == 0
    for op in ops:
        try:
            _apply(fs, op)
        except FSError:            # ENOENT, EEXIST, ENOSPC (a short write)...: still counted
            pass
        assert fs.pages_in_use() == pages_used(fs.root), op
        if capacity is not None:
            assert fs.pages_in_use() <= -(-capacity // 4096) * 4096


def test_a_hard_linked_file_counts_once_and_frees_with_its_last_name():
    fs = TreeFS(capacity=5 * 4096)
    fs.write("/a", b"x" * 5000)                    # two pages
    fs.link("/a", "/b")
    assert fs.pages_in_use() == 8192
    fs.write("/b", b"y" * 12288)                   # the one inode grows to three pages
    assert fs.pages_in_use() == 12288
    fs.unlink("/a")
    assert fs.pages_in_use() == 12288
    fs.write("/c", b"z" * 4097)
    fs.rename("/c", "/b")                          # the last name of the big file goes
    assert fs.pages_in_use() == 8192 == pages_used(fs.root)


def test_a_tree_attached_from_elsewhere_is_counted_again():
    fs, other = TreeFS(capacity=1 << 20), TreeFS()
    fs.write("/a", b"x")
    assert fs.pages_in_use() == 4096
    other.mkdir("/t")
    other.write("/t/f", b"y" * 8193)
    fs.attach("/t", other.node_at("/t"))
    assert fs.pages_in_use() == 4096 + 3 * 4096


@pytest.mark.parametrize("size", [0, 1, 4096])
def test_a_write_that_does_not_fit_takes_the_pages_left(size):
    fs = TreeFS(capacity=4096 + size)
    fs.write("/a", b"x" * 4096)
    with pytest.raises(FSError):
        fs.write("/b", b"y" * 10000)
    assert fs.pages_in_use() == pages_used(fs.root) == -(-(4096 + size) // 4096) * 4096
