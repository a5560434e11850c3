"""`docker save` / `docker load` across engines: an image built by the simulator, saved by
it, loads into the real engine (and runs there with the same files, layers and image ID);
an image built and saved by the real engine loads into the simulator (same diffIDs, history
and files).  Both sides start from the same busybox rootfs tarball (``real_busybase`` /
``sim_busybase``), so the base layer is byte-identical."""
from __future__ import annotations

import json
import os
import tarfile
import time

import pytest

from support.compare import history_rows, normalize

pytestmark = pytest.mark.requires_docker

DOCKERFILE = """\
FROM BASE
RUN rm /etc/group
RUN echo appended-TOKEN >> /etc/motd
COPY hello.txt /opt/hello.txt
RUN mkdir -p /opt/d && echo inner > /opt/d/f && rm -r /home
CMD ["cat", "/opt/hello.txt"]
"""
CHECK = ("cat /etc/motd /opt/hello.txt /opt/d/f; ls /etc; "
         "test -e /etc/group && echo group-present || echo group-gone; "
         "test -e /home && echo home-present || echo home-gone")


def _token() -> str:
    return f"{os.getpid() % 1000}{time.time_ns() % 10**6}"


@pytest.fixture(scope="module")
def base(real_docker, busybox_tar):
    """The busybox rootfs tarball imported on the real engine under a tag of this module (the
    shared ``dsm-busybase:1`` tag may be moved or removed by another session meanwhile)."""
    ref = f"dsm-slbase-{_token()}:1"
    real_docker.run("import", str(busybox_tar), ref)
    return ref


@pytest.fixture
def sim(sim_busybase, base):
    sim_busybase.docker(["tag", "dsm-busybase:1", base], check=True)
    return sim_busybase


def _df(token: str, base: str) -> str:
    return DOCKERFILE.replace("TOKEN", token).replace("BASE", base)


def _sim_json(sim, *args):
    r = sim.docker(list(args), check=True)
    return json.loads(r.stdout)


def test_image_saved_by_the_simulator_loads_and_runs_in_docker(real_docker, base, sim, tmp_path):
    token = _token()
    tag = f"dsm-simsaved-{token}:1"
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "hello.txt").write_text("hello from the simulator\n")
    r = sim.build(_df(token, base), str(ctx), tag)
    assert r.exit_code == 0, r.stderr
    path = tmp_path / "sim-saved.tar"
    r = sim.docker(["save", "-o", str(path), tag], check=True)
    assert r.stdout == r.stderr == ""

    # the real engine takes it as it is
    r = real_docker.run("load", "-i", str(path))
    assert r.stdout == f"Loaded image: {tag}\n"
    # the same config bytes, so the same image ID, and the same layers
    sim_img = _sim_json(sim, "image", "inspect", tag)[0]
    real_img = real_docker.inspect(tag, kind="image")
    assert real_img["Id"] == sim_img["Id"]
    assert real_img["RootFS"]["Layers"] == sim_img["RootFS"]["Layers"]
    assert real_docker.run("image", "inspect", "-f", "{{json .RootFS.Layers}}", tag).stdout.strip() \
        == json.dumps(sim_img["RootFS"]["Layers"], separators=(",", ":"))
    # what a container sees: the deleted files stay deleted, the appended line is there
    out = real_docker.run("run", "--rm", tag, "sh", "-c", CHECK).stdout
    assert out == sim.docker(["run", "--rm", tag, "sh", "-c", CHECK], check=True).stdout
    assert f"appended-{token}\n" in out and "hello from the simulator\n" in out
    assert "group-gone" in out and "home-gone" in out and "inner\n" in out
    assert real_docker.run("run", "--rm", tag).stdout == "hello from the simulator\n"
    # the history reads the same on both sides
    hr = real_docker.run("history", "--no-trunc", tag).stdout
    hs = sim.docker(["history", "--no-trunc", tag], check=True).stdout
    assert history_rows(hr) == history_rows(hs)


def test_image_saved_by_docker_loads_into_the_simulator(real_docker, base, sim, tmp_path):
    token = _token()
    tag = f"dsm-realsaved-{token}:1"
    real_docker.build(_df(token, base), {"hello.txt": "hello from docker\n"}, tag=tag)
    path = tmp_path / "real-saved.tar"
    real_docker.run("save", "-o", str(path), tag)

    r = sim.docker(["load", "-i", str(path)], check=True)
    assert (r.stdout, r.stderr) == (f"Loaded image: {tag}\n", "")
    real_img = real_docker.inspect(tag, kind="image")
    sim_img = _sim_json(sim, "image", "inspect", tag)[0]
    assert sim_img["Id"] == real_img["Id"]                      # the config bytes, unchanged
    assert sim_img["RootFS"]["Layers"] == real_img["RootFS"]["Layers"]
    # the history, sizes included
    hr = real_docker.run("history", "--no-trunc", tag).stdout
    hs = sim.docker(["history", "--no-trunc", tag], check=True).stdout
    assert history_rows(hs) == history_rows(hr)
    # the files
    for cmd in (["cat", "/etc/motd"], ["cat", "/opt/hello.txt"], ["ls", "-a", "/", "/etc", "/opt"],
                ["sh", "-c", CHECK], []):
        rr = real_docker.run("run", "--rm", tag, *cmd, check=False)
        rs = sim.docker(["run", "--rm", tag, *cmd])
        assert (rs.exit_code, rs.stdout, rs.stderr) == (rr.exit_code, rr.stdout, rr.stderr), cmd
    # loading it again changes nothing and says so the same way
    r2 = real_docker.run("load", "-i", str(path))
    s2 = sim.docker(["load", "-i", str(path)], check=True)
    assert s2.stdout == r2.stdout == f"Loaded image: {tag}\n"


def test_resave_reproduces_the_layer_tars_docker_wrote(real_docker, base, sim, tmp_path):
    """Loaded layers keep their original tar bytes: the simulator's save of an image it loaded
    carries exactly the layer tars the engine saved (and so the same diffIDs)."""
    token = _token()
    tag = f"dsm-resave-{token}:1"
    real_docker.build(_df(token, base), {"hello.txt": "x\n"}, tag=tag)
    src = tmp_path / "real.tar"
    real_docker.run("save", "-o", str(src), tag)
    sim.docker(["load", "-i", str(src)], check=True)
    out = tmp_path / "resaved.tar"
    sim.docker(["save", "-o", str(out), tag], check=True)

    with tarfile.open(src) as a, tarfile.open(out) as b:
        ma = json.load(a.extractfile("manifest.json"))[0]
        mb = json.load(b.extractfile("manifest.json"))[0]
        assert mb["RepoTags"] == ma["RepoTags"] == [tag]
        assert b.extractfile(mb["Config"]).read() == a.extractfile(ma["Config"]).read()
        assert len(ma["Layers"]) == len(mb["Layers"])
        for la, lb in zip(ma["Layers"], mb["Layers"]):
            assert b.extractfile(lb).read() == a.extractfile(la).read(), (la, lb)


def test_save_and_load_errors_read_like_docker(real_docker, base, sim, tmp_path):
    bad = tmp_path / "not-a-tar.txt"
    bad.write_text("hello\n")
    for args in (["save", "-o", str(tmp_path / "x.tar"), "dsm-nosuch-image"],
                 ["save", "-o", str(tmp_path / "x.tar"), "dsm-nosuch-image:1"],
                 ["save", "-o", str(tmp_path / "no" / "dir" / "x.tar"), base],
                 ["load", "-i", str(tmp_path / "nosuch.tar")],
                 ["load", "-i", str(bad)]):
        r = real_docker.run(*args, check=False)
        s = sim.docker(args)
        assert (s.exit_code, s.stdout, normalize(s.stderr)) == \
            (r.exit_code, r.stdout, normalize(r.stderr)), args
    assert not (tmp_path / "x.tar").exists()
