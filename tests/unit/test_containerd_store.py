"""The containerd image store (dockstore_magic/containerd): containerd's layout under
/var/lib/containerd, image IDs as manifest digests, snapshots as containers' roots, and the
switch by daemon.json's ``features`` across ``systemctl restart docker``."""
from __future__ import annotations

import hashlib
import json
import shlex

import pytest

from dockstore_magic.cli.main import DockerCLI
from dockstore_magic.daemon import Engine

ROOT = "/var/lib/containerd"
SNAPS = f"{ROOT}/io.containerd.snapshotter.v1.overlayfs/snapshots"
BLOBS = f"{ROOT}/io.containerd.content.v1.content/blobs/sha256"


@pytest.fixture
def eng():
    return Engine(seed=7, clock="2026-01-01T09:00:00Z", image_store="containerd")


def run(eng, cmd: str):
    r = DockerCLI(eng).run(shlex.split(cmd))
    assert r.exit_code == 0, r.stderr
    return r.stdout


def blob(eng, digest: str) -> bytes:
    return eng.host.tree.read_bytes(f"{BLOBS}/{digest.split(':')[1]}")


def test_import_writes_manifest_config_and_gzip_layer_and_id_is_manifest_digest(eng):
    from support.rootfs import rootfs_bytes
    img = eng.images.import_tar(rootfs_bytes(), "base:1")
    manifest = blob(eng, img.id)
    assert "sha256:" + hashlib.sha256(manifest).hexdigest() == img.id
    m = json.loads(manifest)
    assert m["mediaType"] == "application/vnd.oci.image.manifest.v1+json"
    config = blob(eng, m["config"]["digest"])
    assert hashlib.sha256(config).hexdigest() == m["config"]["digest"][7:]
    assert json.loads(config)["rootfs"]["diff_ids"] == [img.layers[0].diff_id]
    layer = blob(eng, m["layers"][0]["digest"])
    import gzip
    assert "sha256:" + hashlib.sha256(gzip.decompress(layer)).hexdigest() == img.layers[0].diff_id
    # image inspect: the packed size; docker images: packed + unpacked
    packed = len(manifest) + len(config) + len(layer)
    assert run(eng, "image inspect -f '{{.Size}} {{.Id}}' base:1").split() == [str(packed), img.id]
    assert img.size == packed + img.layers[0].size
    # nothing of the classic store
    assert not eng.host.tree.exists("/var/lib/docker/image/overlayfs")


def test_snapshots_numbered_and_container_mounted_as_overlay_of_fs_folders(eng):
    run(eng, "pull busybox")
    t = eng.host.tree
    assert sorted(t.listdir(SNAPS)) == ["1"]
    assert sorted(t.listdir(f"{SNAPS}/1")) == ["fs", "work"]
    cid = run(eng, "run -d --name c1 busybox sleep 60").strip()
    assert sorted(t.listdir(SNAPS)) == ["1", "2", "3"]            # <id>-init, then <id>
    d = eng.driver
    assert (d.snaps[cid].id, d.snaps[f"{cid}-init"].id) == (3, 2)
    assert d.snaps[f"{cid}-init"].kind == "Committed" and d.snaps[cid].kind == "Active"
    mounts = run(eng, "inspect -f '{{json .Storage}}' c1")
    assert json.loads(mounts) == {"RootFS": {"Snapshot": {"Name": "overlayfs"}}}
    line = [l for l in t.read_text("/proc/mounts").splitlines() if cid in l][0]
    assert line.split()[1] == f"/var/lib/docker/rootfs/overlayfs/{cid}"
    assert f"lowerdir={SNAPS}/2/fs:{SNAPS}/1/fs,upperdir={SNAPS}/3/fs,workdir={SNAPS}/3/work" in line
    assert d.mounts(cid)[0]["options"][0] == "index=off"
    # copy-on-write and a whiteout in the container's fs folder
    run(eng, "exec c1 sh -c 'echo hi > /hello; rm /bin/ls'")
    assert t.read_text(f"{SNAPS}/3/fs/hello") == "hi\n"
    assert t.lstat(f"{SNAPS}/3/fs/bin/ls").is_chardev
    assert t.exists(f"{SNAPS}/1/fs/bin/ls")
    run(eng, "rm -f c1")
    assert sorted(t.listdir(SNAPS)) == ["1"]


def test_rmi_collects_blobs_and_snapshots(eng):
    digest = run(eng, "pull busybox").split("Digest: ")[1].split()[0]
    iid = run(eng, "image inspect -f '{{.Id}}' busybox").strip()
    assert iid == digest                                   # the index digest pull printed
    assert len(eng.host.tree.listdir(BLOBS)) == 4          # index, manifest, config, layer
    run(eng, "rmi busybox")
    assert eng.host.tree.listdir(BLOBS) == [] and eng.host.tree.listdir(SNAPS) == []


def test_info_and_daemon_json_feature_switch():
    eng = Engine(seed=7, clock="2026-01-01T09:00:00Z")
    run(eng, "pull busybox")
    eng.host.fs.write("/etc/docker/daemon.json", b'{"features": {"containerd-snapshotter": true}}')
    eng.service.stop()
    assert eng.service.start() == (True, "")
    assert run(eng, "info -f '{{.Driver}} {{.DriverStatus}}'").strip() == \
        "overlayfs [[driver-type io.containerd.snapshotter.v1]]"
    assert run(eng, "images -q") == ""                      # overlay2's images stay unseen
    eng.host.fs.write("/etc/docker/daemon.json", b'{"features": {"containerd-snapshotter": false}}')
    eng.service.stop()
    eng.service.start()
    assert run(eng, "info -f '{{.Driver}}'").strip() == "overlay2"
    assert len(run(eng, "images -q").split()) == 1
    eng.host.fs.write("/etc/docker/daemon.json", b'{"features": {"other": true}}')
    eng.service.stop()
    ok, _ = eng.service.start()
    assert not ok and "not simulated" in eng.service.status()[1]


def test_default_store_unchanged():
    eng = Engine(seed=7, clock="2026-01-01T09:00:00Z")
    assert not eng.uses_snapshotter and not eng.host.tree.exists(ROOT)
    with pytest.raises(ValueError):
        Engine(image_store="zfs")


def test_saved_host_keeps_the_containerd_store(tmp_path, monkeypatch):
    from dockstore_magic import session
    from dockstore_magic.persist import Persistence, codec
    monkeypatch.setattr(codec.JOURNAL, "active", codec.JOURNAL.active)
    monkeypatch.setenv("DOCKSTORE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(session, "persistence", Persistence(report=lambda m: None))
    monkeypatch.setattr(session, "_engine", None)
    session.use_host("c8d-roundtrip", image_store="containerd", seed=3, clock="2026-01-01T09:00:00Z")
    session.docker("pull busybox")
    session.docker("run --name keep busybox sh -c 'echo 1 > /x'")
    show = f"ls {SNAPS}; cat {SNAPS}/3/fs/x; ls {BLOBS} | wc -l"
    before = session.docker("images").stdout + session.host(show).stdout
    session._swap(None)
    session.use_host("c8d-roundtrip")
    assert session.engine().uses_snapshotter
    assert session.docker("images").stdout + session.host(show).stdout == before
    assert "1\n2\n3\n1\n4\n" in before


def test_build_exports_manifest_and_config_blobs(eng):
    run(eng, "pull busybox")
    r = DockerCLI(eng).build_cell(["-t", "app:1", "."], "FROM busybox\nRUN echo hi > /hi\n")
    assert r.exit_code == 0, r.stderr
    out = r.stdout + r.stderr
    manifest = out.split("exporting manifest ")[1].split()[0]
    config = out.split("exporting config ")[1].split()[0]
    assert "writing image" not in out and "unpacking to docker.io/library/app:1" in out
    assert run(eng, "image inspect -f '{{.Id}}' app:1").strip() == manifest
    assert json.loads(blob(eng, manifest))["config"]["digest"] == config
    assert hashlib.sha256(blob(eng, config)).hexdigest() == config[7:]
