"""The simulator against the real engine, side by side, for the core engine's behaviour:
layers and history sizes of a build, cache hits after each kind of change, ``docker diff``,
container sizes, file contents, and error wording.  Both sides import the same busybox
rootfs tarball first, so sizes compare exactly.

Run locally with an engine (``.ci/start-docker``); without one these tests skip (CI sets
DOCKSTORE_REQUIRE_DOCKER=1, which turns a missing engine into a failure)."""
from __future__ import annotations

import json
import os
import re
import time

import pytest

from support.compare import normalize, table, build_steps, history_rows
from realdocker.differences import apply

pytestmark = pytest.mark.requires_docker

APP_DOCKERFILE = """\
FROM dsm-busybase:1
ENV APP=demo
WORKDIR /opt/app-TOKEN
RUN mkdir -p data && echo v1 > version.txt
COPY hello.txt .
RUN echo changed >> /etc/motd
RUN rm /etc/group
CMD ["cat","version.txt"]
"""


class Both:
    """Run the same docker command line on the real engine and on the simulator."""

    def __init__(self, real, sim, tmp_path):
        self.real, self.sim, self.tmp = real, sim, tmp_path
        self.token = f"{os.getpid()}-{time.time_ns() % 10**9}"

    def docker(self, *args, check=False):
        r = self.real.run(*args, check=False)
        s = self.sim.docker(list(args))
        if check:
            assert r.exit_code == 0, r.stderr
            assert s.exit_code == 0, s.stderr
        return r, s

    def context(self, files: dict, name="ctx"):
        """The same build context folder for both sides."""
        path = self.tmp / name
        self.real.context(files, path)
        return path

    def build(self, dockerfile: str, ctx, tag: str, *extra: str):
        """Build on both sides.  ``TOKEN`` in the Dockerfile becomes a value unique to this
        test run: the engine's build cache outlives the test session, the simulator's not."""
        dockerfile = dockerfile.replace("TOKEN", self.token)
        (ctx / "Dockerfile").write_text(dockerfile)
        r = self.real.build(None, context=ctx, tag=tag, check=False,
                            extra_args=list(extra))
        s = self.sim.docker(["build", "--progress=plain", "-t", tag, *extra, str(ctx)])
        return r, s


@pytest.fixture
def both(real_docker, real_busybase, sim_busybase, tmp_path):
    return Both(real_docker, sim_busybase, tmp_path)


def _names(prefix):
    return f"dsmt-{prefix}-{os.getpid()}"


# ------------------------------------------------------------------ builds
def test_build_layers_history_and_sizes(both):
    ctx = both.context({"hello.txt": "hi\n"})
    tag = _names("app") + ":1"
    r, s = both.build(APP_DOCKERFILE, ctx, tag)
    assert r.exit_code == s.exit_code == 0, (r.stderr, s.stderr)
    # every step ran (nothing cached) on both sides, with the same step names
    assert build_steps(r.stderr) == build_steps(s.stderr)
    hr, hs = both.docker("history", "--no-trunc", tag, check=True)
    assert history_rows(hr.stdout) == history_rows(hs.stdout)
    # layer count: base + WORKDIR + 3 RUN + COPY
    lr = both.real.inspect(tag, kind="image")["RootFS"]["Layers"]
    ls = json.loads(both.sim.docker(["image", "inspect", tag]).stdout)[0]["RootFS"]["Layers"]
    assert len(lr) == len(ls) == 6
    assert lr[0] == ls[0]        # the imported base layer: the same diffID on both sides
    # the image size column
    ir, is_ = both.docker("images", tag, check=True)
    assert table(ir.stdout) == table(is_.stdout)
    # the files the image holds
    cr, cs = both.docker("run", "--rm", tag, check=True)
    assert cr.stdout == cs.stdout == "v1\n"
    for cmd in (["ls", "-a", f"/opt/app-{both.token}"], ["cat", "/etc/motd"], ["ls", "/etc"]):
        r2, s2 = both.docker("run", "--rm", tag, *cmd, check=True)
        assert r2.stdout == s2.stdout, cmd


def test_cache_hits_after_each_kind_of_change(both):
    ctx = both.context({"hello.txt": "hi\n"})
    tag = _names("cache") + ":1"
    r, s = both.build(APP_DOCKERFILE, ctx, tag)
    assert r.exit_code == s.exit_code == 0
    first = (both.real.inspect(tag, kind="image")["Id"],
             json.loads(both.sim.docker(["image", "inspect", tag]).stdout)[0]["Id"])

    # unchanged: everything cached, same image
    r, s = both.build(APP_DOCKERFILE, ctx, tag)
    assert build_steps(r.stderr) == build_steps(s.stderr)
    assert set(build_steps(s.stderr).values()) == {"CACHED"}

    # mtime only: still cached (BuildKit ignores mtime), same image ID on each side
    t = time.time() + 60
    os.utime(ctx / "hello.txt", (t, t))
    r, s = both.build(APP_DOCKERFILE, ctx, tag)
    assert build_steps(r.stderr) == build_steps(s.stderr)
    same = (both.real.inspect(tag, kind="image")["Id"] == first[0],
            json.loads(both.sim.docker(["image", "inspect", tag]).stdout)[0]["Id"] == first[1])
    assert same == (True, True)

    # content change: the steps before COPY are cached, COPY and later rebuild
    (ctx / "hello.txt").write_text("hello\n")
    r, s = both.build(APP_DOCKERFILE, ctx, tag)
    steps = build_steps(s.stderr)
    assert build_steps(r.stderr) == steps
    assert steps["[3/6] RUN mkdir -p data && echo v1 > version.txt"] == "CACHED"
    assert steps[f"[2/6] WORKDIR /opt/app-{both.token}"] == "CACHED"
    assert steps["[4/6] COPY hello.txt ."] == "DONE"
    assert steps["[6/6] RUN rm /etc/group"] == "DONE"

    # a Dockerfile line change invalidates that step and every later one
    changed = APP_DOCKERFILE.replace("echo v1", "echo v2")
    r, s = both.build(changed, ctx, tag)
    assert build_steps(r.stderr) == build_steps(s.stderr)

    # a build arg the RUN sees
    with_arg = APP_DOCKERFILE.replace("ENV APP=demo\n", "ENV APP=demo\nARG V\n")
    both.build(with_arg, ctx, tag)
    r, s = both.build(with_arg, ctx, tag, "--build-arg", "V=2")
    assert build_steps(r.stderr) == build_steps(s.stderr)
    hr, hs = both.docker("history", "--no-trunc", tag, check=True)
    assert history_rows(hr.stdout) == history_rows(hs.stdout)

    # --no-cache rebuilds every step (WORKDIR stays CACHED on both)
    r, s = both.build(APP_DOCKERFILE, ctx, tag, "--no-cache")
    assert build_steps(r.stderr) == build_steps(s.stderr)


def test_empty_and_metadata_layers(both):
    ctx = both.context({})
    tag = _names("meta") + ":1"
    df = ("FROM dsm-busybase:1\nRUN echo TOKEN\nRUN true\nWORKDIR /etc\nWORKDIR /\nRUN ln -s /etc/passwd /x\n"
          "RUN chmod 600 /etc/motd\nENV A=1 B=\"two words\"\nENV C 3\nLABEL x=y\nEXPOSE 80\n"
          "USER nobody\nVOLUME /data\nENTRYPOINT [\"sh\",\"-c\"]\nCMD echo hi\n")
    r, s = both.build(df, ctx, tag)
    assert r.exit_code == s.exit_code == 0, (r.stderr, s.stderr)
    hr, hs = both.docker("history", "--no-trunc", tag, check=True)
    assert history_rows(hr.stdout) == history_rows(hs.stdout)
    real_cfg = both.real.inspect(tag, kind="image")["Config"]
    sim_cfg = json.loads(both.sim.docker(["image", "inspect", tag]).stdout)[0]["Config"]
    for key in ("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels"):
        assert real_cfg.get(key) == sim_cfg.get(key), key


def test_multi_stage_copy_from(both):
    ctx = both.context({})
    tag = _names("multi") + ":1"
    df = ("FROM dsm-busybase:1 AS builder\nRUN echo built TOKEN > /artifact.txt\n\n"
          "FROM dsm-busybase:1\nCOPY --from=builder /artifact.txt /artifact.txt\n"
          "CMD [\"cat\",\"/artifact.txt\"]\n")
    r, s = both.build(df, ctx, tag)
    assert r.exit_code == s.exit_code == 0, (r.stderr, s.stderr)
    assert build_steps(r.stderr) == build_steps(s.stderr)
    hr, hs = both.docker("history", "--no-trunc", tag, check=True)
    assert history_rows(hr.stdout) == history_rows(hs.stdout)
    cr, cs = both.docker("run", "--rm", tag, check=True)
    assert cr.stdout == cs.stdout == f"built {both.token}\n"


# ------------------------------------------------------------------ containers
CHANGES = ("echo a > /new.txt; echo b >> /etc/motd; rm /etc/group; mkdir -p /d/e; "
           "touch /d/e/f; chmod 600 /etc/passwd; mv /etc/shadow /etc/shadow2 2>/dev/null; "
           "ln -s /etc/passwd /lnk; true")


def test_diff_sizes_and_commit(both):
    name = _names("c1")
    r, s = both.docker("run", "--name", name, "dsm-busybase:1", "sh", "-c", CHANGES, check=True)
    assert r.stdout == s.stdout
    dr, ds = both.docker("diff", name, check=True)
    assert sorted(dr.stdout.splitlines()) == sorted(ds.stdout.splitlines())
    # parents come before their children on both sides
    for out in (dr.stdout, ds.stdout):
        seen = []
        for line in out.splitlines():
            path = line[2:]
            parent = path.rsplit("/", 1)[0]
            if parent and parent != "/" and any(p == parent for p in [x[2:] for x in out.splitlines()]):
                assert parent in seen, (path, out)
            seen.append(path)
    pr, ps = both.docker("ps", "-a", "-s", "--filter", f"name={name}", check=True)
    assert table(pr.stdout)[1][-1] == table(ps.stdout)[1][-1]          # SIZE (virtual …)
    # what the container sees after a restart (its layer kept the changes)
    r2, s2 = both.docker("start", "-a", name)
    assert (r2.exit_code, r2.stdout, r2.stderr) == (s2.exit_code, s2.stdout, s2.stderr)
    # commit: one more layer, the container's command as created_by, the same size
    tag = _names("snap") + ":1"
    both.docker("commit", name, tag, check=True)
    hr, hs = both.docker("history", "--no-trunc", tag, check=True)
    assert history_rows(hr.stdout) == history_rows(hs.stdout)
    both.docker("rm", name, check=True)


def test_init_layer_files_are_visible_but_not_in_diff(both):
    name = _names("c2")
    r, s = both.docker("run", "--name", name, "dsm-busybase:1", "ls", "-a", "/", "/etc", check=True)
    assert r.stdout == s.stdout
    dr, ds = both.docker("diff", name, check=True)
    assert dr.stdout == ds.stdout == ""
    both.docker("rm", name, check=True)


def test_exit_codes_and_run_errors(both):
    r, s = both.docker("run", "--rm", "dsm-busybase:1", "sh", "-c", "exit 3")
    assert r.exit_code == s.exit_code == 3
    r, s = both.docker("run", "--rm", "dsm-busybase:1", "nosuchcmd")
    assert r.exit_code == s.exit_code == 127
    assert 'exec: "nosuchcmd": executable file not found in $PATH' in r.stderr
    assert 'exec: "nosuchcmd": executable file not found in $PATH' in s.stderr
    r, s = both.docker("run", "--rm", "dsm-busybase:1", "sh", "-c", "nosuchcmd")
    assert r.exit_code == s.exit_code == 127
    assert r.stderr == s.stderr == "sh: nosuchcmd: not found\n"
    r, s = both.docker("run", "--rm", "dsm-busybase:1", "cat", "/nope")
    assert (r.exit_code, r.stderr) == (s.exit_code, s.stderr)


def test_error_wording(both):
    for args in (["rm", "nosuch"], ["rmi", "nosuch"], ["inspect", "nosuch"], ["history", "nosuch"],
                 ["diff", "nosuch"], ["logs", "nosuch"], ["stop", "nosuch"], ["tag", "nosuch", "x:1"],
                 ["image", "inspect", "nosuch"], ["volume", "rm", "nosuchvol"],
                 ["volume", "inspect", "nosuchvol"]):
        r, s = both.docker(*args)
        assert (r.exit_code, r.stdout, r.stderr) == (s.exit_code, s.stdout, s.stderr), args


def test_rm_running_container_and_image_conflicts(both):
    name = _names("run")
    both.docker("run", "-d", "--name", name, "dsm-busybase:1", "sleep", "300", check=True)
    r, s = both.docker("rm", name)
    assert r.exit_code == s.exit_code == 1
    assert normalize(apply(r.stderr, "rm-running-container")) == \
        normalize(s.stderr.replace(f'"/{name}"', '"<NAME>"'))
    r, s = both.docker("rmi", "dsm-busybase:1")
    assert r.exit_code == s.exit_code == 1
    assert normalize(r.stderr) == normalize(s.stderr)
    r, s = both.docker("rm", "-f", name, check=True)
    assert r.stdout == s.stdout


def test_build_errors(both):
    ctx = both.context({})
    tag = _names("bad") + ":1"
    cases = {
        "FROM dsm-busybase:1\nRUN echo before\nRUN exit 3\n": ("build-run-failure",),
        "FROM dsm-busybase:1\nCOPY missing.txt /\n": ("build-copy-missing",),
        "FROM dsm-busybase:1\nRUN true\nFOO bar\n": ("build-parse-error",),
    }
    for df, diffs in cases.items():
        r, s = both.build(df, ctx, tag)
        assert r.exit_code == s.exit_code == 1, df
        last_real = [l for l in apply(r.stderr, *diffs).splitlines() if l.strip()][-1]
        last_sim = [l for l in s.stderr.splitlines() if l.strip()][-1]
        last_sim = re.sub(r"ref [0-9a-z]{25}::[0-9a-z]{25}", "ref <REF>", last_sim)
        assert last_sim.endswith(last_real.split("failed to solve: ")[-1]), (last_real, last_sim)
