"""/var/lib/docker as the engine lays it out, identifiers, storage drivers, determinism."""
from __future__ import annotations

import hashlib
import json
import re

import pytest

from support.compare import table

from dockstore_magic.daemon import Engine
from dockstore_magic.drivers import DriverError
from dockstore_magic.layer import chain_id
from dockstore_magic.archive import EMPTY_TAR_DIGEST

ROOT = "/var/lib/docker"


def test_overlay2_layout_after_pull_and_run(sim):
    sim.docker("pull busybox", check=True)
    img = sim.engine.images.get("busybox")
    layer = img.layers[0]
    t = sim.engine.host.fs
    d = f"{ROOT}/overlay2/{layer.cache_id}"
    assert re.fullmatch(r"[0-9a-f]{64}", layer.cache_id)
    assert sorted(t.listdir(d)) == ["diff", "link"]                  # a base layer
    link = t.read_text(f"{d}/link")
    assert re.fullmatch(r"[A-Z2-7]{26}", link)
    assert t.readlink(f"{ROOT}/overlay2/l/{link}") == f"../{layer.cache_id}/diff"
    ldb = f"{ROOT}/image/overlay2/layerdb/sha256/{layer.chain_id[7:]}"
    assert sorted(t.listdir(ldb)) == ["cache-id", "diff", "size", "tar-split.json.gz"]
    assert t.read_text(f"{ldb}/diff") == layer.diff_id
    assert t.read_text(f"{ldb}/size") == str(layer.size)
    assert t.read_text(f"{ldb}/cache-id") == layer.cache_id
    # the image config is stored under its own digest
    raw = t.read_bytes(f"{ROOT}/image/overlay2/imagedb/content/sha256/{img.hex}")
    assert "sha256:" + hashlib.sha256(raw).hexdigest() == img.id
    cfg = json.loads(raw)
    assert cfg["rootfs"] == {"type": "layers", "diff_ids": [layer.diff_id]}
    repos = json.loads(t.read_text(f"{ROOT}/image/overlay2/repositories.json"))
    assert repos["Repositories"]["busybox"]["busybox:latest"] == img.id

    r = sim.docker("create --name c1 busybox true", check=True)
    c = sim.engine.container_store.get("c1")
    assert r.stdout.strip() == c.id
    mdir = f"{ROOT}/overlay2/{c.rw.mount_id}"
    idir = f"{ROOT}/overlay2/{c.rw.mount_id}-init"
    assert sorted(t.listdir(mdir)) == ["diff", "link", "lower", "work"]
    assert sorted(t.listdir(idir)) == ["committed", "diff", "link", "lower", "work"]
    assert t.exists(f"{ROOT}/overlay2/{layer.cache_id}/committed")
    lower = t.read_text(f"{mdir}/lower").split(":")
    assert lower == ["l/" + t.read_text(f"{idir}/link"), "l/" + link]
    init_files = {p for p, _ in sim.engine.host.tree.subtree(f"{idir}/diff").walk("/")}
    assert {"/.dockerenv", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/mtab",
            "/dev/console", "/dev/pts", "/dev/shm", "/proc", "/sys"} <= init_files
    mounts = f"{ROOT}/image/overlay2/layerdb/mounts/{c.id}"
    assert t.read_text(f"{mounts}/mount-id") == c.rw.mount_id
    assert t.read_text(f"{mounts}/init-id") == c.rw.mount_id + "-init"
    assert t.read_text(f"{mounts}/parent") == layer.chain_id
    assert sorted(t.listdir(f"{ROOT}/containers/{c.id}")) == sorted(
        ["checkpoints", "config.v2.json", "hostconfig.json", "hostname", "hosts", "mounts",
         "resolv.conf", "resolv.conf.hash", f"{c.id}-json.log"])
    assert json.loads(t.read_text(f"{ROOT}/containers/{c.id}/config.v2.json"))["Name"] == "/c1"
    # removing the container removes both layer folders and its metadata
    sim.docker("rm c1", check=True)
    assert not t.exists(mdir) and not t.exists(idir) and not t.exists(mounts)
    assert not t.exists(f"{ROOT}/containers/{c.id}")


def test_chain_ids_follow_the_oci_formula(sim):
    sim.docker("pull nginx", check=True)
    layers = sim.engine.images.get("nginx").layers
    assert len(layers) == 7
    cid = None
    for l in layers:
        cid = chain_id(cid, l.diff_id)
        assert l.chain_id == cid
    assert layers[1].chain_id == "sha256:" + hashlib.sha256(
        f"{layers[0].diff_id} {layers[1].diff_id}".encode()).hexdigest()


def test_shared_base_layer_is_stored_once(sim):
    sim.docker("pull nginx", check=True)
    sim.docker("pull python:3.12-slim", check=True)
    a = sim.engine.images.get("nginx").layers[0]
    b = sim.engine.images.get("python:3.12-slim").layers[0]
    assert a is b
    r = sim.docker("system df -v", check=True)
    rows = {row[0]: row for row in table(r.stdout) if row[0] in ("nginx", "python")}
    assert rows["nginx"][5] == rows["python"][5] == "74.83MB"        # SHARED SIZE


def test_merged_dir_is_mounted_only_while_running(sim):
    sim.docker("pull busybox", check=True)
    sim.docker("run -d --name web busybox sleep 300", check=True)
    c = sim.engine.container_store.get("web")
    merged = f"{ROOT}/overlay2/{c.rw.mount_id}/merged"
    assert "bin" in sim.engine.host.fs.listdir(merged)
    r = sim.host(f"ls {merged}/etc")
    assert "passwd" in r.stdout.split()
    sim.docker("stop web", check=True)
    assert not sim.engine.host.fs.exists(merged)
    assert sim.engine.container_store.get("web").state.exit_code == 137


def test_vfs_copies_every_layer_and_overlay2_copies_nothing():
    usage = {}
    for driver in ("overlay2", "vfs"):
        e = Engine(storage_driver=driver, seed=3, clock="2026-01-01T00:00:00Z")
        e.images.pull("debian", lambda s: None)
        img = e.images.get("debian")
        c = e.containers.create({"Image": "debian", "Cmd": ["true"]})
        usage[driver] = e.driver.disk_usage(c.rw.mount_id)
        if driver == "vfs":
            assert e.host.fs.exists(f"{ROOT}/vfs/dir/{c.rw.mount_id}/usr/bin/ls")
            assert usage[driver] >= img.size
        else:
            assert usage[driver] == 0
            assert not e.host.fs.listdir(f"{ROOT}/overlay2/{c.rw.mount_id}/diff")


def test_vfs_container_sees_and_changes_files_like_overlay2(tmp_path):
    outs = {}
    for driver in ("overlay2", "vfs"):
        from dockstore_magic.cli.main import DockerCLI
        e = Engine(storage_driver=driver, seed=3, clock="2026-01-01T00:00:00Z")
        cli = DockerCLI(e, cwd=e.host.share(str(tmp_path)))
        cli.run(["pull", "busybox"])
        r = cli.run(["run", "--name", "cc", "busybox", "sh", "-c",
                     "echo x >> /etc/motd; rm /etc/group; mkdir -p /a/b; cat /etc/motd"])
        assert r.exit_code == 0, r.stderr
        outs[driver] = (r.stdout, cli.run(["diff", "cc"]).stdout)
    assert outs["overlay2"] == outs["vfs"]


def test_max_depth_of_layer_chains(sim):
    """moby caps a chain at 125 layers (overlay2's 128 lowers minus the container's init and
    read-write layers): the 126th fails with "max depth exceeded"."""
    sim.docker("pull busybox", check=True)
    lines = ["FROM busybox"] + [f"RUN echo {i} > /f{i}" for i in range(124)]
    r = sim.build("\n".join(lines) + "\n", None, "deep:1")
    assert r.exit_code == 0, r.stderr[-500:]
    assert len(sim.engine.images.get("deep:1").layers) == 125
    assert sim.docker("run --rm deep:1 cat /f123").stdout == "123\n"
    r = sim.build("FROM deep:1\nRUN echo more > /more\n", None, "deeper:1")
    assert r.exit_code == 1
    assert r.stderr.rstrip().endswith("max depth exceeded")
    assert sim.engine.images.find("deeper:1") is None
    # the overlay2 driver itself refuses more than 128 lowers
    from dockstore_magic.drivers.overlay2 import MAX_DEPTH
    assert MAX_DEPTH == 128


def test_storage_driver_choice_and_info(tmp_path):
    with pytest.raises(DriverError) as exc:
        Engine(storage_driver="aufs")
    assert "the aufs storage-driver has been deprecated and removed" in str(exc.value)
    from dockstore_magic.cli.main import DockerCLI
    for driver in ("overlay2", "vfs"):
        out = DockerCLI(Engine(storage_driver=driver)).run(["info"]).stdout
        assert f" Storage Driver: {driver}\n" in out
        assert " Docker Root Dir: /var/lib/docker\n" in out


def test_seeded_engines_reproduce_ids_and_times(tmp_path):
    def session():
        from dockstore_magic.cli.main import DockerCLI
        e = Engine(seed=42, clock="2026-03-01T10:00:00Z")
        cli = DockerCLI(e, cwd=e.host.share(str(tmp_path)))
        outs = [cli.run(["pull", "alpine"]).stdout,
                cli.run(["run", "--name", "xx", "alpine", "sh", "-c", "echo hi > /f"]).stdout,
                cli.run(["ps", "-a", "--no-trunc"]).stdout,
                cli.run(["commit", "xx", "snap:1"]).stdout,
                cli.run(["inspect", "xx"]).stdout,
                cli.run(["images", "--no-trunc"]).stdout]
        return outs
    a, b = session(), session()
    assert a == b
    assert re.search(r"[0-9a-f]{64}", a[2])


def test_empty_tar_digest_is_dockers():
    from dockstore_magic.fs import Dir
    from dockstore_magic import archive
    assert archive.digest(Dir())[0] == EMPTY_TAR_DIGEST


def test_the_data_root_and_a_containers_folder_have_the_engines_modes(sim):
    """As a fresh engine makes them (seen on the reference engine, s48_data_root_modes):
    containers/ 0710, network/ 0750, buildkit/ 0711, volumes/ 0701; in a container's folder
    hostconfig.json 0644, config.v2.json 0600, mounts/ 0710 and empty (private IPC: no shm/)."""
    out = sim.host("stat -c '%a %n' /var/lib/docker/*").stdout
    modes = {line.split()[1].rsplit("/", 1)[1]: line.split()[0] for line in out.splitlines()}
    assert {k: modes[k] for k in ("containers", "network", "buildkit", "volumes", "image", "tmp")} == {
        "containers": "710", "network": "750", "buildkit": "711", "volumes": "701",
        "image": "700", "tmp": "700"}
    sim.docker("run --name visitor busybox true", check=True)
    c = sim.engine.container_store.get("visitor")
    got = sim.host(f"cd {c.dir} && stat -c '%a %n' hostconfig.json config.v2.json mounts; ls -A mounts").stdout
    assert got.split("\n")[:3] == ["644 hostconfig.json", "600 config.v2.json", "710 mounts"], got
    assert got.split("\n")[3:] == [""], got
    cfg = json.loads(sim.engine.host.fs.read_text(f"{c.dir}/config.v2.json"))
    assert cfg["ShmPath"] == ""
