"""Checks of the test infrastructure itself: the busybox rootfs tarball and the real engine.

The first tests need no engine; the ``requires_docker`` ones import the tarball into the
reference engine and pin down facts the simulator relies on:

- ``docker import`` of an uncompressed tar records the sha256 of the tar's exact bytes
  (padding included) as the layer's diffID, so the tarball's digest *is* the diffID;
- the layer size counts the hard-linked busybox binary once, plus file and symlink bytes.
"""
from __future__ import annotations

import os
import re
import subprocess
import tarfile

import pytest

from support import rootfs
from support.realdocker import RealDocker, docker_status

requires_docker = pytest.mark.requires_docker


# -- the tarball (no engine needed) ------------------------------------------------------

@pytest.fixture(scope="module")
def tar_bytes():
    if not rootfs.find_busybox():
        pytest.skip("no busybox binary (apt-get install busybox-static)")
    return rootfs.rootfs_bytes()


def test_rootfs_tarball_is_byte_identical_on_every_build(tmp_path, tar_bytes):
    a = rootfs.build_busybox_rootfs(tmp_path / "a.tar")
    b = rootfs.build_busybox_rootfs(tmp_path)  # a directory: busybox-rootfs.tar inside
    assert b.name == "busybox-rootfs.tar"
    assert a.read_bytes() == b.read_bytes() == tar_bytes
    assert len(tar_bytes) % tarfile.RECORDSIZE == 0


def test_rootfs_tarball_members(tar_bytes):
    import io
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    applets = rootfs.busybox_applets(rootfs.find_busybox())
    assert {"sh", "ls", "cat", "env", "true"} <= set(applets)
    assert "busybox" in applets      # /bin/busybox, as in the official image
    # one regular file carries the binary; every other applet is a hard link to it
    regular_bins = [m for m in members if m.name.startswith("bin/") and m.isreg()]
    assert [m.name for m in regular_bins] == ["bin/" + applets[0]]
    links = [m for m in members if m.islnk()]
    assert len(links) == len(applets) - 1
    assert {m.linkname for m in links} == {"bin/" + applets[0]}
    # fixed metadata everywhere
    assert {m.mtime for m in members} == {rootfs.MTIME}
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "root", "root")}
    by_name = {m.name: m for m in members}
    assert by_name["tmp"].mode == 0o1777 and by_name["tmp"].isdir()
    assert by_name["root"].mode == 0o700
    assert by_name["etc/shadow"].mode == 0o600
    assert by_name["usr/bin/env"].issym() and by_name["usr/bin/env"].linkname == "../../bin/env"
    assert "etc/hostname" not in names and "etc/os-release" not in names
    # depth-first walk order with sorted children; a link always follows its target
    keys = [tuple(n.split("/")) for n in names]
    assert keys == sorted(keys, key=lambda k: tuple(p.encode() for p in k))


def test_layer_size_formula(tar_bytes):
    expected = os.path.getsize(rootfs.find_busybox()) + sum(
        len(e.data) if e.kind == "file" else len(e.target)
        for e in rootfs.CONTENTS if e.kind in ("file", "symlink"))
    assert rootfs.layer_size() == expected


def test_docker_status_reports_an_unreachable_engine(monkeypatch, tmp_path):
    client = "/usr/bin/docker"
    if not os.access(client, os.X_OK):
        pytest.skip("no /usr/bin/docker client")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/nothing.sock")
    ok, reason = docker_status.__wrapped__(client)
    assert not ok
    assert reason.startswith("no Docker Engine reachable")


# -- the reference engine ----------------------------------------------------------------

@requires_docker
def test_import_prints_the_image_id(real_busybase):
    assert re.fullmatch(r"sha256:[0-9a-f]{64}\n", real_busybase.import_output)


@requires_docker
def test_run_ls_root(real_docker, real_busybase):
    r = real_docker.run("run", "--rm", real_busybase.ref, "ls", "/")
    # proc and sys are not in the tarball: runc creates them as mount points
    assert r.stdout == "bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n"
    assert r.stderr == ""


@requires_docker
def test_diffid_is_the_sha256_of_the_tarball(real_docker, real_busybase):
    img = real_docker.inspect(real_busybase.ref, kind="image")
    assert img["RootFS"] == {"Type": "layers", "Layers": [real_busybase.tar_digest]}
    assert img["Id"] == real_busybase.id


@requires_docker
def test_layer_size_counts_the_hard_linked_binary_once(real_docker, real_busybase):
    img = real_docker.inspect(real_busybase.ref, kind="image")
    assert img["Size"] == rootfs.layer_size()
    n_applets = len(rootfs.busybox_applets(rootfs.find_busybox()))
    r = real_docker.run("run", "--rm", real_busybase.ref, "stat", "-c", "%h %s", "/bin/sh")
    assert r.stdout == f"{n_applets} {os.path.getsize(rootfs.find_busybox())}\n"


@requires_docker
def test_imported_image_history(real_docker, real_busybase):
    r = real_docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}|{{.Comment}}",
                        real_busybase.ref)
    assert r.stdout == "|1.98MB|Imported from -\n"


@requires_docker
def test_run_and_create_get_network_none(real_docker, real_busybase):
    name = real_docker.name("infra-netnone")
    real_docker.run("create", "--name", name, real_busybase.ref, "true")
    assert real_docker.inspect(name, kind="container")["HostConfig"]["NetworkMode"] == "none"


@requires_docker
def test_build_helper(real_docker, real_busybase):
    tag = real_docker.name("infra-build:1")
    r = real_docker.build(f"FROM {real_busybase.ref}\nCOPY hello.txt /\nRUN cat /hello.txt\n",
                          {"hello.txt": "hi\n"}, tag=tag)
    assert r.stdout == ""
    assert "#1 [internal] load build definition from Dockerfile" in r.stderr
    assert f"naming to docker.io/library/{tag} done" in r.stderr
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", r.image_id)
    layers = real_docker.inspect(tag, kind="image")["RootFS"]["Layers"]
    assert layers[0] == real_busybase.tar_digest and len(layers) == 3


@requires_docker
def test_cleanup_removes_everything_it_recorded(real_busybase):
    rd = RealDocker()
    name = rd.name("infra-cleanup")
    rd.run("run", real_busybase.ref, "true")                     # unnamed, attached
    rd.run("run", "--name", name, real_busybase.ref, "sh", "-c", "echo x > /x")
    rd.run("run", "-d", real_busybase.ref, "sleep", "60")        # running, unnamed
    rd.run("volume", "create", rd.name("infra-vol"))
    rd.run("run", "--rm", "-v", rd.name("infra-vol2") + ":/data", real_busybase.ref, "true")
    rd.run("commit", name, rd.name("infra-commit:1"))
    rd.build(f"FROM {real_busybase.ref}\nRUN echo y > /y\n", tag=rd.name("infra-built:1"))
    containers, images, volumes = list(rd.containers), list(rd.images), list(rd.volumes)
    assert len(containers) == 3
    assert rd.name("infra-commit:1") in images and rd.name("infra-built:1") in images
    assert volumes == [rd.name("infra-vol2"), rd.name("infra-vol")] or \
        set(volumes) == {rd.name("infra-vol"), rd.name("infra-vol2")}

    rd.cleanup()
    for c in containers:
        assert rd.raw("container", "inspect", c).exit_code != 0, c
    for i in images:
        assert rd.raw("image", "inspect", i).exit_code != 0, i
    for v in volumes:
        assert rd.raw("volume", "inspect", v).exit_code != 0, v
    # the session's base image was not touched
    assert rd.raw("image", "inspect", real_busybase.ref).exit_code == 0
