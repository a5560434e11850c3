"""The builder: which instructions make layers, history text, the cache, COPY/ADD, errors."""
from __future__ import annotations

import io
import json
import os
import tarfile

import pytest

from support.compare import build_steps


def write(ctx, files):
    for rel, data in files.items():
        p = ctx / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode() if isinstance(data, str) else data)
    return ctx


def history(sim, tag):
    return [(h["created_by"] if "created_by" in h else "", bool(h.get("empty_layer")))
            for h in sim.engine.images.get(tag).history]


@pytest.fixture
def bb(sim):
    sim.docker("pull busybox", check=True)
    return sim


def test_only_run_copy_add_workdir_make_layers(bb, tmp_path):
    ctx = write(tmp_path / "ctx", {"a.txt": "A\n"})
    df = ("FROM busybox\nARG V=1\nENV X=1\nLABEL k=v\nEXPOSE 80\nUSER root\nVOLUME /v\n"
          "WORKDIR /app\nWORKDIR /\nRUN echo $V > v.txt\nCOPY a.txt .\nADD a.txt /b.txt\n"
          "STOPSIGNAL SIGTERM\nSHELL [\"/bin/sh\", \"-c\"]\nENTRYPOINT [\"sh\"]\nCMD [\"-c\", \"cat /a.txt\"]\n")
    r = bb.build(df, str(ctx), "app:1")
    assert r.exit_code == 0, r.stderr
    img = bb.engine.images.get("app:1")
    assert len(img.layers) == 1 + 4              # base + WORKDIR /app + RUN + COPY + ADD
    h = history(bb, "app:1")[1:]
    assert h == [("ARG V=1", True), ("ENV X=1", True), ("LABEL k=v", True),
                 ("EXPOSE map[80/tcp:{}]", True), ("USER root", True), ("VOLUME [/v]", True),
                 ("WORKDIR /app", False), ("WORKDIR /", True),
                 ("RUN |1 V=1 /bin/sh -c echo $V > v.txt # buildkit", False),
                 ("COPY a.txt . # buildkit", False), ("ADD a.txt /b.txt # buildkit", False),
                 ("STOPSIGNAL SIGTERM", True), ('SHELL [/bin/sh -c]', True),
                 ('ENTRYPOINT ["sh"]', True), ('CMD ["-c" "cat /a.txt"]', True)]
    assert all(e.get("comment") == "buildkit.dockerfile.v0" for e in img.history[1:])
    cfg = img.config["config"]
    assert list(cfg) == ["User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes",
                         "WorkingDir", "Labels", "StopSignal", "ArgsEscaped", "OnBuild", "Shell"]
    assert cfg["Env"] == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "X=1"]
    # the RUN layer saw the ARG but the image does not keep it
    assert bb.docker("run --rm app:1").stdout == "A\n"
    assert bb.docker("run --rm --entrypoint cat app:1 /v.txt").stdout == "1\n"


def test_layer_sizes_count_regular_files_only(bb, tmp_path):
    r = bb.build("FROM busybox\nRUN true\nRUN ln -s /etc/passwd /x\nRUN chmod 600 /etc/group\n"
                 "RUN echo changed >> /etc/group\nWORKDIR /etc\n", None, "sz:1")
    assert r.exit_code == 0, r.stderr
    img = bb.engine.images.get("sz:1")
    group = bb.engine.layer_store.view(img.layers[0]).stat("/etc/group").size
    sizes = [l.size for l in img.layers[1:]]
    assert sizes == [0, 0, group, group + 8, 0]
    assert img.layers[-1].diff_id == "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"
    # RUN true is still a real, non-empty layer: the etc/ copy-up and proc/, sys/ folders
    first_run = bb.engine.driver.diff_tree(img.layers[1].cache_id, img.layers[0].cache_id)
    assert {"etc"} <= set(first_run.entries)


def test_cache_rules(bb, tmp_path):
    ctx = write(tmp_path / "ctx", {"hello.txt": "hi\n"})
    df = "FROM busybox\nRUN echo one > /one\nCOPY hello.txt /\nRUN echo two > /two\n"
    r1 = bb.build(df, str(ctx), "c:1")
    assert set(build_steps(r1.stderr).values()) == {"DONE"}
    first = bb.engine.images.get("c:1").id
    r2 = bb.build(df, str(ctx), "c:1")
    assert set(build_steps(r2.stderr).values()) == {"CACHED"}
    assert bb.engine.images.get("c:1").id == first
    os.utime(ctx / "hello.txt", (1, 1))                       # mtime only
    r3 = bb.build(df, str(ctx), "c:1")
    assert set(build_steps(r3.stderr).values()) == {"CACHED"}
    (ctx / "hello.txt").write_text("hello\n")
    r4 = bb.build(df, str(ctx), "c:1")
    assert build_steps(r4.stderr) == {"[2/4] RUN echo one > /one": "CACHED",
                                      "[3/4] COPY hello.txt /": "DONE",
                                      "[4/4] RUN echo two > /two": "DONE"}
    # the old image lost its tag
    assert bb.engine.images.get(first[7:19]).id == first
    assert not bb.engine.images.tags_of(bb.engine.images.get(first[7:19]))
    r5 = bb.build(df, str(ctx), "c:1", "--no-cache")
    assert set(build_steps(r5.stderr).values()) == {"DONE"}
    # ENV before a RUN changes its environment, so it misses; a LABEL does not
    r6 = bb.build(df.replace("FROM busybox\n", "FROM busybox\nLABEL x=y\n"), str(ctx), "c:2")
    assert set(build_steps(r6.stderr).values()) == {"CACHED"}
    r7 = bb.build(df.replace("FROM busybox\n", "FROM busybox\nENV E=1\n"), str(ctx), "c:3")
    assert set(build_steps(r7.stderr).values()) == {"DONE"}


def test_build_args(bb):
    df = "FROM busybox\nARG V\nRUN echo v=$V > /v\n"
    bb.build(df, None, "a:1")
    assert history(bb, "a:1")[-1] == ("RUN |1 V= /bin/sh -c echo v=$V > /v # buildkit", False)
    r = bb.build(df, None, "a:2", "--build-arg", "V=2")
    # BuildKit names the step after substitution (dockerfile2llb processCmdEnv)
    assert build_steps(r.stderr)["[2/2] RUN echo v=2 > /v"] == "DONE"
    assert history(bb, "a:2")[-1] == ("RUN |1 V=2 /bin/sh -c echo v=$V > /v # buildkit", False)
    assert bb.docker("run --rm a:2 cat /v").stdout == "v=2\n"


def test_multi_stage_and_target(bb, tmp_path):
    df = ("FROM busybox AS builder\nRUN echo built > /artifact\n"
          "FROM busybox AS unused\nRUN echo never > /never\n"
          "FROM busybox\nCOPY --from=builder /artifact /artifact\n")
    r = bb.build(df, None, "m:1")
    assert r.exit_code == 0, r.stderr
    steps = build_steps(r.stderr)
    assert "[builder 2/2] RUN echo built > /artifact" in steps
    assert not any("never" in s for s in steps)                 # unused stages are skipped
    assert "[stage-2 2/2] COPY --from=builder /artifact /artifact" in steps
    assert len(bb.engine.images.get("m:1").layers) == 2
    assert bb.docker("run --rm m:1 cat /artifact").stdout == "built\n"
    r = bb.build(df, None, "m:2", "--target", "builder")
    assert bb.docker("run --rm m:2 cat /artifact").stdout == "built\n"
    r = bb.build(df, None, "m:3", "--target", "nope")
    assert r.exit_code == 1 and 'target stage "nope" could not be found' in r.stderr


def test_copy_and_add_semantics(bb, tmp_path):
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w:gz") as tf:
        data = b"inside\n"
        ti = tarfile.TarInfo("pkg/inside.txt")
        ti.size = len(data)
        tf.addfile(ti, io.BytesIO(data))
    ctx = write(tmp_path / "ctx", {"dir/a.txt": "a\n", "dir/sub/b.txt": "b\n", "x1.txt": "1",
                                   "x2.txt": "2", "bundle.tar.gz": tar.getvalue(),
                                   "secret.key": "no", ".dockerignore": "*.key\n"})
    (ctx / "x1.txt").chmod(0o600)
    df = ("FROM busybox\nCOPY dir /d/\nCOPY x*.txt /xs/\nCOPY --chown=65534:65534 x1.txt /owned\n"
          "ADD bundle.tar.gz /opt/\nCOPY bundle.tar.gz /raw/\n")
    r = bb.build(df, str(ctx), "cp:1")
    assert r.exit_code == 0, r.stderr
    out = bb.docker(["run", "--rm", "cp:1", "sh", "-c",
                     "ls /d /d/sub /xs /opt/pkg /raw; stat -c '%a %u:%g' /xs/x1.txt /owned"]).stdout
    assert out == ("/d:\na.txt\nsub\n\n/d/sub:\nb.txt\n\n/opt/pkg:\ninside.txt\n\n/raw:\n"
                   "bundle.tar.gz\n\n/xs:\nx1.txt\nx2.txt\n600 0:0\n600 65534:65534\n")
    r = bb.build("FROM busybox\nCOPY secret.key /\n", str(ctx), "cp:2")
    assert r.exit_code == 1 and '"/secret.key": not found' in r.stderr


def test_errors_leave_nothing_behind(bb, tmp_path):
    images_before = set(bb.engine.image_store.images)
    cases = {
        "FROM busybox\nRUN true\nFOO bar\n": "dockerfile parse error on line 3: unknown instruction: FOO",
        "FROM busybox\nCOPPY a b\n": "dockerfile parse error on line 2: unknown instruction: COPPY (did you mean COPY?)",
        "FROM busybox\nRUN exit 3\n": 'process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
        "FROM busybox\nRUN nosuchcmd\n": 'process "/bin/sh -c nosuchcmd" did not complete successfully: exit code: 127',
        "FROM busybox\nCOPY missing.txt /\n": '"/missing.txt": not found',
        "# only a comment\n": "file with no instructions",
        "": "the Dockerfile cannot be empty",
        "RUN true\n": "no build stage in current context",
        "FROM nosuchimage\n": "failed to resolve source metadata for docker.io/library/nosuchimage"
                               ":latest: failed to do request: Head \"https://registry-1.docker.io"
                               "/v2/library/nosuchimage/manifests/latest\": dial tcp: lookup "
                               "registry-1.docker.io: no such host",
    }
    for df, msg in cases.items():
        r = bb.build(df, str(tmp_path), "bad:1")
        assert r.exit_code == 1, df
        last = [line for line in r.stderr.splitlines() if line.startswith("ERROR: failed")][-1]
        assert last.startswith("ERROR: failed to solve: ") and msg in last, (df, last)
        assert "Traceback" not in r.stderr
        assert bb.engine.images.find("bad:1") is None
    assert set(bb.engine.image_store.images) == images_before
    # a RUN failure shows its output and the Dockerfile excerpt
    r = bb.build("FROM busybox\nRUN echo out; echo err >&2; exit 3\n", None, "bad:1")
    assert "------\n > [2/2] RUN echo out; echo err >&2; exit 3:\n" in r.stderr
    assert "\nDockerfile:2\n--------------------\n   1 |     FROM busybox\n   2 | >>> RUN echo out; echo err >&2; exit 3\n" in r.stderr


def test_build_reads_the_context_and_writes_nothing(bb, tmp_path):
    ctx = write(tmp_path / "ctx", {"a.txt": "A"})
    before = sorted(os.walk(tmp_path))
    mtimes = {p: os.stat(p).st_mtime for p in (ctx / "a.txt",)}
    r = bb.build("FROM busybox\nCOPY a.txt /\nRUN rm -rf / 2>/dev/null; true\n", str(ctx), "w:1")
    assert r.exit_code == 0, r.stderr
    assert sorted(os.walk(tmp_path)) == before
    assert os.stat(ctx / "a.txt").st_mtime == mtimes[ctx / "a.txt"]


def test_docker_build_command_and_file_flag(bb, tmp_path):
    ctx = write(tmp_path / "ctx", {"Dockerfile": "FROM busybox\nRUN echo a > /a\n",
                                   "other.Dockerfile": "FROM busybox\nRUN echo b > /b\n"})
    r = bb.docker(["build", "-t", "f:1", str(ctx)])
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.startswith('#0 building with "default" instance using docker driver\n\n#1 [internal] load build definition from Dockerfile\n')
    r = bb.docker(["build", "-q", "-f", str(ctx / "other.Dockerfile"), "-t", "f:2", str(ctx)])
    assert r.stdout.strip() == bb.engine.images.get("f:2").id
    assert bb.docker("run --rm f:2 cat /b").stdout == "b\n"
    r = bb.docker(["build", str(tmp_path / "nope")])
    assert r.exit_code == 1 and "unable to prepare context" in r.stderr


def test_step_names_substitute_args_and_env_as_buildkit_prints_them():
    """BuildKit's progress names a step after substitution, quotes kept, unset variables left
    as written (seen on the engine: `RUN echo ${V:-x}-${D} "q $V" 'q $V' $UNSET \\$V` with
    V=1, D=/opt/app1 shows `RUN echo 1-/opt/app1 "q 1" 'q $V' $UNSET $V`)."""
    from dockstore_magic.builder.lexer import print_word
    env = {"V": "1", "D": "/opt/app1"}
    assert print_word("RUN echo ${V:-x}-${D} \"q $V\" 'q $V' $UNSET ${UNSET} \\$V", env) == \
        "RUN echo 1-/opt/app1 \"q 1\" 'q $V' $UNSET ${UNSET} $V"
