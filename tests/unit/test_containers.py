"""Containers through the docker CLI: run/create/start/exec/ps/logs/diff/commit/inspect/
stop/kill/rm/prune/cp, and images: tag/rmi conflicts/prune/history, system df."""
from __future__ import annotations

import json
import os

import pytest

from support.compare import table


@pytest.fixture
def bb(sim):
    sim.docker("pull busybox", check=True)
    return sim


def test_run_streams_exit_codes_and_rm(bb):
    r = bb.docker(["run", "--name", "c1", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3"])
    assert (r.exit_code, r.stdout, r.stderr) == (3, "out\n", "err\n")
    row = table(bb.docker("ps -a").stdout)[1]
    assert row[1:5] == ["busybox", '"sh -c \'echo out; ec…"', "<AGO>", "Exited (3) <AGO>"]
    assert row[-1] == "c1"
    r = bb.docker("run --rm busybox echo hi")
    assert r.stdout == "hi\n" and len(bb.engine.container_store.containers) == 1
    r = bb.docker("run -e A=1 -e B -w /tmp -u nobody busybox sh -c 'echo $A $B; pwd; id -u'")
    assert r.stdout == "1\n/tmp\n65534\n"
    r = bb.docker("run --entrypoint echo busybox hello")
    assert r.stdout == "hello\n"


def test_run_errors_leave_no_half_made_container(bb):
    n = len(bb.engine.container_store.containers)
    r = bb.docker("run nosuchimage")
    assert r.exit_code == 125
    assert r.stderr.startswith("Unable to find image 'nosuchimage:latest' locally\n")
    # offline, as the real engine here answers, plus what the catalogue has instead
    assert ('docker: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: '
            "lookup registry-1.docker.io: no such host\ndockstore-magic: no registry here; the "
            "built-in catalogue has alpine, buildpack-deps, busybox, ") in r.stderr
    r = bb.docker("run --name bad! busybox true")
    assert r.exit_code == 125 and "Invalid container name (bad!)" in r.stderr
    r = bb.docker("run -v data:/d:ro:x busybox true")
    assert r.exit_code == 125 and r.stderr.startswith("docker: invalid spec: data:/d:ro:x: too many colons")
    r = bb.docker("run -v data:rel busybox true")
    assert r.exit_code == 125 and "mount path must be absolute" in r.stderr
    r = bb.docker("run UPPER")
    assert r.exit_code == 125
    assert len(bb.engine.container_store.containers) == n
    assert not bb.engine.volumes.volumes
    # a command that does not exist: the container exists (Created), exit 127
    r = bb.docker("run --name nocmd busybox nosuchcmd")
    assert r.exit_code == 127
    assert 'exec: "nosuchcmd": executable file not found in $PATH' in r.stderr
    assert bb.engine.container_store.get("nocmd").state.status == "created"
    assert "Created" in bb.docker("ps -a --filter name=nocmd").stdout
    assert "Traceback" not in r.stderr


def test_detached_container_exec_stop_kill(bb):
    r = bb.docker("run -d --name web busybox sleep 300")
    cid = r.stdout.strip()
    assert len(cid) == 64 and bb.engine.container_store.get("web").state.running
    assert table(bb.docker("ps").stdout)[1][4] == "Up <AGO>"
    assert bb.docker("exec web sh -c 'echo in > /inside; cat /inside'").stdout == "in\n"
    assert bb.docker("exec -w /tmp web pwd").stdout == "/tmp\n"
    r = bb.docker("exec web nosuchcmd")
    assert r.exit_code == 126 and 'exec: "nosuchcmd"' in r.stdout     # exec: 126, not run's 127
    r = bb.docker("rm web")
    assert r.exit_code == 1
    assert r.stderr == ('Error response from daemon: cannot remove container "/web": container is '
                        "running: stop the container before removing or force remove\n")
    assert bb.docker("stop web").stdout == "web\n"
    assert bb.engine.container_store.get("web").state.exit_code == 137
    r = bb.docker("exec web true")
    assert r.exit_code == 1 and f"Container {cid} is not running" in r.stderr
    assert bb.docker("start web").stdout == "web\n"
    assert bb.docker("exec web cat /inside").stdout == "in\n"      # the layer survived
    assert bb.docker("kill web").stdout == "web\n"
    r = bb.docker("kill web")
    assert r.exit_code == 1 and "is not running" in r.stderr
    assert bb.docker("rm web").stdout == "web\n"


def test_logs_diff_commit_inspect(bb):
    bb.docker(["run", "--name", "c1", "busybox", "sh", "-c",
               "echo a > /new.txt; echo b >> /etc/motd; rm /etc/group; mkdir -p /d/e; "
               "touch /d/e/f; echo err >&2"], check=True)
    r = bb.docker("logs c1")
    assert (r.stdout, r.stderr) == ("", "err\n")
    diff = bb.docker("diff c1").stdout.splitlines()
    assert sorted(diff) == sorted(["C /etc", "D /etc/group", "A /etc/motd", "A /new.txt",
                                   "A /d", "A /d/e", "A /d/e/f"])
    assert diff.index("C /etc") < diff.index("A /etc/motd")
    assert diff.index("A /d") < diff.index("A /d/e") < diff.index("A /d/e/f")
    info = json.loads(bb.docker("inspect c1").stdout)[0]
    gd = info["GraphDriver"]
    assert gd["Name"] == "overlay2"
    assert gd["Data"]["UpperDir"] == f"/var/lib/docker/overlay2/{bb.engine.container_store.get('c1').rw.mount_id}/diff"
    assert gd["Data"]["LowerDir"].split(":")[0].endswith("-init/diff")
    assert info["State"]["ExitCode"] == 0 and info["State"]["Status"] == "exited"
    assert info["Config"]["Cmd"][0] == "sh" and info["Name"] == "/c1" and info["Mounts"] == []
    # the whiteout, as the host shows it
    up = gd["Data"]["UpperDir"]
    assert bb.host(f"ls -l {up}/etc").stdout.splitlines()[1].startswith("c--------- 1 root root 0, 0")
    r = bb.docker("commit -m snap c1 snap:1")
    assert r.stdout.strip() == bb.engine.images.get("snap:1").id
    img = bb.engine.images.get("snap:1")
    assert img.parent == bb.engine.images.get("busybox").id
    assert img.history[-1]["created_by"].startswith("sh -c echo a > /new.txt")
    assert img.history[-1]["comment"] == "snap"
    r = bb.docker("run --rm snap:1 sh -c 'cat /new.txt; ls /etc/group'")
    assert r.stdout == "a\n" and "No such file or directory" in r.stderr


def test_ps_sizes_and_system_df(bb):
    bb.docker(["run", "--name", "c1", "busybox", "sh", "-c", "echo 12345 > /f"], check=True)
    rows = table(bb.docker("ps -a -s").stdout)
    img = bb.engine.images.get("busybox")
    from dockstore_magic.cli.units import human_size_precision
    assert rows[1][-1] == f"6B (virtual {human_size_precision(img.size + 6, 3)})"
    df = table(bb.docker("system df").stdout)
    assert df[0] == ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"]
    assert df[2][:4] == ["Containers", "1", "0", "6B"]
    assert bb.docker("container prune").exit_code == 1               # no answer to the prompt
    r = bb.docker("container prune -f")
    assert r.stdout.endswith("\nTotal reclaimed space: 6B\n")
    assert not bb.engine.container_store.containers


def test_image_removal_conflicts(bb):
    bb.docker("tag busybox mine:1", check=True)
    bb.docker("run --name user busybox true", check=True)
    img = bb.engine.images.get("busybox")
    r = bb.docker(f"rmi {img.short_id}")
    assert r.exit_code == 1 and "image is referenced in multiple repositories" in r.stderr
    assert bb.docker("rmi mine:1").stdout == "Untagged: mine:1\n"
    r = bb.docker("rmi busybox")
    assert r.stderr == (f'Error response from daemon: conflict: unable to remove repository reference '
                        f'"busybox" (must force) - container {bb.engine.container_store.get("user").short_id} '
                        f"is using its referenced image {img.short_id}\n")
    bb.docker("rm user", check=True)
    r = bb.docker("rmi busybox")
    assert r.stdout.splitlines()[0] == "Untagged: busybox:latest"
    assert f"Deleted: {img.id}" in r.stdout
    assert not bb.engine.layer_store.layers                          # the layers went too
    r = bb.docker("rmi busybox")
    assert r.stderr == "Error response from daemon: No such image: busybox:latest\n"   # docker 28


def test_history_and_images_tables(bb):
    bb.docker(["run", "--name", "c1", "busybox", "touch", "/x"], check=True)
    bb.docker("commit c1", check=True)
    rows = table(bb.docker("images").stdout)
    assert rows[0] == ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
    assert ["<none>", "<none>"] == rows[1][:2]
    assert bb.docker("images -q").stdout.count("\n") == 2
    r = bb.docker("image prune -f")
    assert "Deleted Images:\n" in r.stdout or r.stdout.startswith("Total")
    h = table(bb.docker("history busybox").stdout)
    assert h[0] == ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]


def test_cp_both_ways(bb, tmp_path):
    bb.docker(["run", "--name", "c1", "busybox", "sh", "-c", "mkdir /out; echo data > /out/f"], check=True)
    r = bb.docker(["cp", "c1:/out", str(tmp_path / "got")])
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "got" / "f").read_text() == "data\n"
    assert r.stderr.startswith("Successfully copied ")
    (tmp_path / "in.txt").write_text("hello\n")
    r = bb.docker(["cp", str(tmp_path / "in.txt"), "c1:/etc/"])
    assert r.exit_code == 0, r.stderr
    assert "A /etc/in.txt" in bb.docker("diff c1").stdout
    r = bb.docker(["cp", "c1:/nope", str(tmp_path)])
    assert r.exit_code == 1 and "Could not find the file /nope in container c1" in r.stderr


def test_user_mistakes_never_show_a_traceback(bb, monkeypatch):
    monkeypatch.delenv("DOCKSTORE_DEBUG", raising=False)
    for line in ("run", "run --foo busybox", "ps --bogus", "inspect nosuch", "rm", "images -f bogus=1",
                 "volume create a", "volume create 'a b'", "tag busybox 'a b'", "history UPPER",
                 "exec", "logs nosuch", "commit nosuch", "cp a b", "build /nonexistent",
                 "nosuchcommand", "run busybox sh -c 'exit 300'"):
        r = bb.docker(line)
        assert "Traceback" not in r.stderr + r.stdout, line
        assert "internal error" not in r.stderr, (line, r.stderr)


def test_logs_follow(bb):
    bb.docker("run --name done busybox echo hi", check=True)
    r = bb.docker("logs -f done")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "hi\n", "")
    # (a process that ends by itself is followed to its end: tests/unit/test_health.py)
    bb.docker("run -d --name up busybox sh -c 'echo up; sleep infinity'", check=True)
    r = bb.docker("logs -f up")
    assert (r.exit_code, r.stdout) == (0, "up\n")
    assert r.stderr.startswith("dockstore-magic: the container keeps running")
