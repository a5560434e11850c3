"""Storage invariants over generated file changes (copy-up, whiteouts, opaque folders, links,
modes, owners): each checked against an oracle written here, independent of the drivers.

* a container's merged view equals its layers' diffs (tar streams, OCI whiteouts) replayed in
  order: the image's layers, the ``-init`` layer, the container's layer;
* ``docker diff`` equals the difference between the merged view and what the container
  started from (the image plus its ``-init`` layer);
* ``docker commit`` then a container of the new image sees the same files;
* ``docker save`` then ``docker load`` gives the same image ID, diffIDs and files.
"""
from __future__ import annotations

import hashlib
import io
import posixpath
import stat as _st
import tarfile

import pytest
from hypothesis import given, strategies as st

from conftest import bounded
from _strategies import FS_SCRIPT
from _world import World, files, INIT_PATHS

from dockstore_magic import archive


@pytest.fixture(scope="module", params=["overlay2", "vfs"])
def world(request, tmp_path_factory):
    w = World(str(tmp_path_factory.mktemp(f"world-{request.param}")), request.param)
    yield w
    w.close()


def ok(r):
    assert r.exit_code == 0, r.stderr
    return r


def build(w, scripts, tag="gen:1"):
    """An image whose layers are ``scripts`` (one RUN each; failures inside a script are
    ignored, so every generated script gives a layer)."""
    text = "FROM busybox\n" + "".join(f"RUN {s}; true\n" for s in scripts)
    ok(w.build(["-t", tag], text))
    return w.engine.images.get(tag)


def container(w, image, script, name="t1"):
    ok(w.docker(["run", "--name", name, image, "sh", "-c", f"{script}; true"]))
    return w.engine.container_store.get(name)


# ------------------------------------------------------------------ the oracle
def replay(tars) -> dict:
    """Apply layer tars in order, as the OCI image spec says a runtime unpacks layers: a
    ``.wh.NAME`` entry deletes NAME below, ``.wh..wh..opq`` empties its folder of what the
    layers below put there, any other entry replaces what was at its path (a folder over a
    folder only takes the new metadata)."""
    state: dict[str, tuple] = {"/": ("dir", 0o755, 0, 0, None, "", None)}

    def drop(path, keep_self=False):
        for p in [p for p in state if p == path or p.startswith(path.rstrip("/") + "/")]:
            if not (keep_self and p == path):
                del state[p]

    for data in tars:
        members = list(tarfile.open(fileobj=io.BytesIO(data)))
        contents = {}
        for m in members:                                  # whiteouts act on the layers below
            path = "/" + m.name.strip("/").removeprefix("./")
            base, parent = posixpath.basename(path), posixpath.dirname(path)
            if base == ".wh..wh..opq":
                drop(parent, keep_self=True)
            elif base.startswith(".wh."):
                drop(posixpath.join(parent, base[4:]))
        tf = tarfile.open(fileobj=io.BytesIO(data))
        for m in tf:
            path = "/" + m.name.strip("/").removeprefix("./")
            if posixpath.basename(path).startswith(".wh.") or path == "/":
                if path == "/":
                    state["/"] = ("dir", m.mode & 0o7777, m.uid, m.gid, None, "", None)
                continue
            old = state.get(path)
            if m.isdir():
                if old is not None and old[0] != "dir":
                    drop(path)
                state[path] = ("dir", m.mode & 0o7777, m.uid, m.gid, None, "", None)
                continue
            drop(path)
            if m.issym():
                entry = ("symlink", 0, m.uid, m.gid, None, m.linkname, int(m.mtime))
            elif m.islnk():
                src = contents["/" + m.linkname.strip("/")]
                entry = ("file", m.mode & 0o7777, m.uid, m.gid, src, "", int(m.mtime))
                contents[path] = src
            elif m.isfile():
                digest = hashlib.sha256(tf.extractfile(m).read()).hexdigest()
                contents[path] = digest
                entry = ("file", m.mode & 0o7777, m.uid, m.gid, digest, "", int(m.mtime))
            else:
                kind = {tarfile.CHRTYPE: "chardev", tarfile.BLKTYPE: "blockdev",
                        tarfile.FIFOTYPE: "fifo"}[m.type]
                entry = (kind, m.mode & 0o7777, m.uid, m.gid, None, "", int(m.mtime))
            state[path] = entry
    return state


KINDS = {_st.S_IFDIR: "dir", _st.S_IFREG: "file", _st.S_IFLNK: "symlink", _st.S_IFCHR: "chardev",
         _st.S_IFBLK: "blockdev", _st.S_IFIFO: "fifo"}


def as_replayed(tree: dict) -> dict:
    """``files()`` of a view in the replay's terms (folders without mtime)."""
    out = {}
    for path, (fmt, perm, uid, gid, content, target, mtime) in tree.items():
        kind = KINDS[fmt]
        out[path] = (kind, perm if kind != "symlink" else 0, uid, gid, content, target,
                     None if kind == "dir" else mtime)
    return out


def layer_tar(w, cache_id, parent_id) -> bytes:
    return b"".join(archive.iter_tar(w.engine.driver.diff_tree(cache_id, parent_id)))


# ------------------------------------------------------------------ properties
@bounded(25)
@given(scripts=st.lists(FS_SCRIPT, min_size=0, max_size=2), last=FS_SCRIPT)
def test_merged_view_is_the_layers_replayed(world, scripts, last):
    w = world.fork()
    img = build(w, scripts)
    c = container(w, "gen:1", last)
    store = w.engine.layer_store
    tars = [b"".join(store.tar_chunks(layer)) for layer in img.top.chain]
    rw = c.rw
    tars.append(layer_tar(w, rw.init_id, img.top.cache_id))
    tars.append(layer_tar(w, rw.mount_id, rw.init_id))
    merged = as_replayed(files(w.engine.driver.view(rw.mount_id), skip=()))
    assert merged == replay(tars)


def expected_diff(base: dict, merged: dict) -> dict:
    """moby's naive ``archive.ChangesDirs`` from two trees (see changes.py): A for a new path,
    D for the topmost path gone, C for a path whose mode, owner or (not for folders) mtime or
    size changed, and for every folder above a change."""
    out = {}
    for p in merged:
        if p not in base:
            out[p] = "A"
    for p in base:
        if p not in merged and posixpath.dirname(p) in merged:
            out[p] = "D"
    for p in set(base) & set(merged):
        b, m = base[p], merged[p]
        if b[0] != m[0] or b[1:4] != m[1:4] or (m[0] != _st.S_IFDIR and b[4:6] != m[4:6]):
            out[p] = "C"
    for p in list(out):
        parent = posixpath.dirname(p)
        while parent != "/" and parent not in out:
            out[parent] = "C"
            parent = posixpath.dirname(parent)
    return out


def naive(fs) -> dict:
    """What the naive comparison looks at: type, mode, uid, gid, size and mtime."""
    return {p: (_st.S_IFMT(s.mode), s.mode, s.uid, s.gid, s.size, s.mtime, s.rdev)
            for p, s in fs.walk("/")}


@bounded(40)
@given(script=FS_SCRIPT)
def test_docker_diff_is_the_difference_from_the_image(world, script):
    w = world.fork()
    c = container(w, "busybox", script)
    drv = w.engine.driver
    want = expected_diff(naive(drv.view(c.rw.init_id)), naive(drv.view(c.rw.mount_id)))
    got = {}
    for line in ok(w.docker(["diff", "t1"])).stdout.splitlines():
        kind, path = line.split(" ", 1)
        got[path] = kind
    assert got == want


@bounded(30)
@given(script=FS_SCRIPT)
def test_commit_then_run_sees_the_same_files(world, script):
    w = world.fork()
    c = container(w, "busybox", script)
    ok(w.docker(["commit", "t1", "snap:1"]))
    d = container(w, "snap:1", "true", name="t2")
    drv = w.engine.driver
    assert files(drv.view(d.rw.mount_id)) == files(drv.view(c.rw.mount_id))


@bounded(20)
@given(scripts=st.lists(FS_SCRIPT, min_size=1, max_size=3), commit=st.booleans())
def test_save_then_load_gives_the_same_image(world, scripts, commit):
    w = world.fork()
    if commit:
        container(w, "busybox", "; ".join(scripts))
        ok(w.docker(["commit", "t1", "gen:1"]))
        ok(w.docker(["rm", "t1"]))
    img = build(w, scripts) if not commit else w.engine.images.get("gen:1")
    before = (img.id, list(img.config["rootfs"]["diff_ids"]),
              files(w.engine.layer_store.view(img.top), skip=()))
    ok(w.docker(["save", "-o", "gen.tar", "gen:1"]))
    ok(w.docker(["rmi", "gen:1"]))
    assert w.engine.images.find("gen:1") is None
    ok(w.docker(["load", "-i", "gen.tar"]))
    back = w.engine.images.get("gen:1")
    after = (back.id, list(back.config["rootfs"]["diff_ids"]),
             files(w.engine.layer_store.view(back.top), skip=()))
    assert after == before


def test_the_oracle_sees_whiteouts_and_opaque_folders():
    """The replay itself: a whiteout deletes, an opaque folder hides what was below."""
    def tar(entries):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tf:
            for name, kind in entries:
                ti = tarfile.TarInfo(name)
                ti.type = tarfile.DIRTYPE if kind == "d" else tarfile.REGTYPE
                tf.addfile(ti, io.BytesIO(b"") if kind == "f" else None)
        return buf.getvalue()
    lower = tar([("a", "d"), ("a/x", "f"), ("b", "d"), ("b/y", "f"), ("c", "f")])
    upper = tar([("a", "d"), ("a/.wh..wh..opq", "f"), ("a/z", "f"), ("b", "d"), ("b/.wh.y", "f"),
                 (".wh.c", "f")])
    assert sorted(replay([lower, upper])) == ["/", "/a", "/a/z", "/b"]
    assert INIT_PATHS  # the init layer's paths are what `files` leaves out by default
