"""The containerd image store against a real containerd (Debian's 1.6, ``containerd`` and
``ctr``): a private daemon (own root, state and socket under a temporary folder, no network,
the CRI plugin off) imports the very blobs the simulation made for a busybox rootfs, unpacks
them with the overlayfs snapshotter, and prepares a container's snapshots the way moby's
``daemon/containerd/image_snapshot.go`` does (``<id>-init-key`` → commit ``<id>-init`` →
``<id>``).  Compared: the content blobs (digests, sizes, modes), the snapshots (numbering,
parents, kinds, ``fs``/``work`` folders and modes), ``ctr snapshots mounts`` and the unpacked
files."""
from __future__ import annotations

import io
import json
import os
import shlex
import stat
import subprocess
import tarfile
import time

import pytest

from dockstore_magic.cli.main import DockerCLI
from dockstore_magic.containerd import CONTAINERD_ROOT
from dockstore_magic.daemon import Engine

pytestmark = pytest.mark.requires_containerd
SIM_ROOT = CONTAINERD_ROOT
SNAPS = "io.containerd.snapshotter.v1.overlayfs/snapshots"
BLOBS = "io.containerd.content.v1.content/blobs/sha256"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    d = tmp_path_factory.mktemp("ctd")
    conf = d / "config.toml"
    conf.write_text(f'version = 2\nroot = "{d}/root"\nstate = "{d}/state"\n'
                    'disabled_plugins = ["io.containerd.grpc.v1.cri"]\n'
                    f'[grpc]\n  address = "{d}/c.sock"\n[ttrpc]\n  address = "{d}/c.sock.ttrpc"\n')
    log = open(d / "containerd.log", "w")
    proc = subprocess.Popen(["containerd", "--config", str(conf)], stdout=log, stderr=log)
    ctr = ["ctr", "--address", f"{d}/c.sock", "-n", "moby"]
    for _ in range(100):
        if subprocess.run(ctr + ["version"], capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    else:
        proc.terminate()
        pytest.fail("the private containerd did not start: " + (d / "containerd.log").read_text()[-2000:])

    def run(*args) -> str:
        r = subprocess.run(ctr + list(args), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout

    yield d / "root", run
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def pair(real, tmp_path_factory):
    """The same story on both: import, a container's snapshots, a view, a parentless one."""
    from support.rootfs import rootfs_bytes
    root, ctr = real
    eng = Engine(seed=14, clock="2026-01-01T09:00:00Z", image_store="containerd")
    img = eng.images.import_tar(rootfs_bytes(), "base:1")
    cli = DockerCLI(eng)
    cid = cli.run(shlex.split("create --name c1 base:1 sh")).stdout.strip()
    eng.driver.prepare("v1", f"{cid}-init", kind="View")
    eng.driver.prepare("c0", None)
    eng.driver.prepare("v2", img.top.chain_id, kind="View")
    # an OCI layout of the simulation's blobs
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        def add(name, data):
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
        add("oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
        add("index.json", json.dumps({"schemaVersion": 2, "manifests": [dict(
            img.target, annotations={"io.containerd.image.name": "docker.io/library/base:1"})]}).encode())
        for dg in img.blobs:
            add(f"blobs/sha256/{dg[7:]}", eng.image_store.content.read(dg))
    tar = tmp_path_factory.mktemp("oci") / "base.tar"
    tar.write_bytes(buf.getvalue())
    ctr("images", "import", "--snapshotter", "overlayfs", str(tar))
    # ctr import also stores the archive's index.json as a blob, leased while it imports;
    # containerd's garbage collector removes it soon after (nothing refers to it)
    for _ in range(100):
        if len(os.listdir(root / BLOBS)) == len(img.blobs):
            break
        time.sleep(0.1)
    chain = img.top.chain_id
    ctr("snapshots", "prepare", f"{cid}-init-key", chain)
    ctr("snapshots", "commit", f"{cid}-init", f"{cid}-init-key")
    # the mounts as each snapshot is made (ctr's own views have no lease: the garbage
    # collector may remove them before the tests look)
    mounts = {cid: ctr("snapshots", "prepare", "--mounts", cid, f"{cid}-init"),
              "v1": ctr("snapshots", "view", "--mounts", "v1", f"{cid}-init"),
              "c0": ctr("snapshots", "prepare", "--mounts", "c0"),
              "v2": ctr("snapshots", "view", "--mounts", "v2", chain)}
    mounts = {k: json.loads(v.replace(str(root), SIM_ROOT)) for k, v in mounts.items()}
    return eng, img, cid, root, ctr, mounts


def _sim_listing(eng, folder: str) -> dict:
    t = eng.host.tree
    return {n: stat.S_IMODE(t.lstat(f"{folder}/{n}").mode) for n in t.listdir(folder)}


def _real_listing(folder) -> dict:
    return {n: stat.S_IMODE(os.lstat(os.path.join(folder, n)).st_mode) for n in os.listdir(folder)}


def test_content_blobs_same_digests_sizes_and_modes(pair):
    eng, img, cid, root, ctr, mounts = pair
    real = {n: (os.path.getsize(root / BLOBS / n), oct(m)) for n, m in _real_listing(root / BLOBS).items()}
    t = eng.host.tree
    sim = {n: (t.lstat(f"{SIM_ROOT}/{BLOBS}/{n}").size, oct(m))
           for n, m in _sim_listing(eng, f"{SIM_ROOT}/{BLOBS}").items()}
    assert sim == real
    row = ctr("images", "ls").splitlines()[1].split()
    assert row[:3] == ["docker.io/library/base:1", img.target["mediaType"], img.id]


def test_snapshots_numbering_parents_kinds_and_folders(pair):
    eng, img, cid, root, ctr, mounts = pair
    real = {}
    for line in ctr("snapshots", "ls").splitlines()[1:]:
        parts = line.split()
        key, kind = parts[0], parts[-1]
        real[key] = (parts[1] if len(parts) == 3 else "", kind)
    views = {str(s.id) for k, s in eng.driver.snaps.items() if s.kind == "View"}
    sim = {k: (s.parent or "", s.kind) for k, s in eng.driver.snaps.items() if s.kind != "View"}
    assert sim == {k: v for k, v in real.items() if v[1] != "View"}
    sim_dirs = {n: (m, _sim_listing(eng, f"{SIM_ROOT}/{SNAPS}/{n}"))
                for n, m in _sim_listing(eng, f"{SIM_ROOT}/{SNAPS}").items() if n not in views}
    real_dirs = {n: (m, _real_listing(root / SNAPS / n))
                 for n, m in _real_listing(root / SNAPS).items() if n not in views}
    assert sim_dirs == real_dirs
    assert [sorted(_sim_listing(eng, f"{SIM_ROOT}/{SNAPS}/{n}")) for n in sorted(views)] == [["fs"], ["fs"]]
    # the same numbers for the same keys (the container's upper folder is snapshots/3/fs)
    upper = [o for o in ctr("snapshots", "mounts", "/mnt/t", cid).split(",") if o.startswith("upperdir=")]
    assert upper == [f"upperdir={root}/{SNAPS}/{eng.driver.snaps[cid].id}/fs"]


def test_mounts_as_ctr_snapshots_mounts(pair):
    eng, img, cid, root, ctr, mounts = pair
    assert set(mounts) == {cid, "v1", "c0", "v2"}
    for key, real in mounts.items():
        assert eng.driver.mounts(key) == [{k.lower(): v for k, v in m.items()} for m in real], key


def test_unpacked_layer_files(pair):
    eng, img, cid, root, ctr, mounts = pair
    base = root / SNAPS / "1" / "fs"
    real = {}
    for dirpath, dirs, files in os.walk(base):
        for n in dirs + files:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            real["/" + os.path.relpath(p, base)] = (oct(st.st_mode), st.st_size if stat.S_ISREG(st.st_mode) else 0)
    t = eng.host.tree
    fs = f"{SIM_ROOT}/{SNAPS}/1/fs"
    sim = {}

    def walk(folder, rel):
        for n in t.listdir(folder):
            st = t.lstat(f"{folder}/{n}")
            sim[f"{rel}/{n}"] = (oct(st.mode), st.size if stat.S_ISREG(st.mode) else 0)
            if stat.S_ISDIR(st.mode):
                walk(f"{folder}/{n}", f"{rel}/{n}")
    walk(fs, "")
    assert len(real) > 10 and sim == real
