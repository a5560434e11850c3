"""Dockerfile features beyond the lessons (checked on the engine by realdocker scenarios
s39/s40): RUN --mount of each type and its mistakes, COPY --chown as BuildKit resolves it,
ARG/ENV expansion details, the step numbers' width, SHELL's history text, and the build
command's --secret, --label, --iidfile and --pull."""
from __future__ import annotations

import os

import pytest

from support.compare import build_steps

from dockstore_magic.builder.lexer import print_word, process_word
from dockstore_magic.builder.runmount import MountError, parse_mount
from dockstore_magic.builder.suggest import wrap_error


def _ctx(tmp_path, files):
    ctx = tmp_path / "ctx"
    for rel, data in files.items():
        p = ctx / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(data)
    return str(ctx)


def _run(sim, ref, *cmd):
    return sim.docker(["run", "--rm", ref, *cmd])


# ------------------------------------------------------------------ the --mount option text
def test_parse_mount_defaults_and_kinds():
    m = parse_mount("target=/ctx", lambda w: w)
    assert (m.type, m.target, m.readonly) == ("bind", "/ctx", True)
    m = parse_mount("type=cache,target=/c,id=x,uid=5,mode=0700", lambda w: w)
    assert (m.readonly, m.cache_id, m.uid, m.mode) == (False, "x", 5, 0o700)
    m = parse_mount("type=bind,src=s,dst=/s,rw", lambda w: w)
    assert (m.source, m.target, m.readonly) == ("s", "/s", False)
    m = parse_mount("type=tmpfs,target=/t,size=1k", lambda w: w)
    assert m.size == 1024
    m = parse_mount("type=secret,id=tok,required", lambda w: w)
    assert m.required and m.cache_id == "tok"
    assert parse_mount("target=$D", lambda w: w.replace("$D", "/x")).target == "/x"


@pytest.mark.parametrize("value, error", [
    ("type=cache,path=/c", "unexpected key 'path' in 'path=/c'"),
    ("type=cache,taget=/c", "unexpected key 'taget' in 'taget=/c' (did you mean target?)"),
    ("type=volume,target=/c", 'unsupported mount type "volume"'),
    ("type=cahce,target=/c", 'unsupported mount type "cahce" (did you mean cache?)'),
    ("type=tmpfs,target=/t,uid=5", 'uid not allowed for "tmpfs" type mounts'),
    ("type=bind,target=/t,size=1k", "unexpected key 'size' for mount type 'bind'"),
    ("type=cache,target=/t,required", "unexpected key 'required' for mount type 'cache'"),
    ("type=cache,target=/t,nonsense", "invalid field 'nonsense' must be a key=value pair"),
    ("type=cache,target=/t,sharing=everyone", 'unsupported sharing value "everyone"'),
    ("type=bind,target=/t,sharing=locked", "invalid cache sharing set for bind mount"),
    ("type=secret", "invalid secret mount. one of source, target required"),
    ("type=secret,id=a,source=b", "both source and id can't be set"),
    ("type=cache,target=/t,mode=9", "invalid value 9 for mode"),
    ("type=cache,target=/t,ro=maybe", "invalid value for ro: maybe"),
])
def test_parse_mount_errors(value, error):
    with pytest.raises(MountError) as e:
        parse_mount(value, lambda w: w)
    assert str(e.value) == error


def test_suggestion_only_when_close():
    assert wrap_error("x", "RUNN", ["RUN", "COPY"]) == "x (did you mean RUN?)"
    assert wrap_error("x", "COPYFILE", ["RUN", "COPY"]) == "x"
    assert wrap_error("x", "RUN", ["RUN", "COPY"]) == "x"        # the word is known


# ------------------------------------------------------------------ the lexer
def test_special_parameters_and_digits():
    env = {"A": "1", "1": "one", "12": "twelve"}
    assert process_word("D=$$", env) == "D="              # $$: the unset special "$"
    assert process_word("x$12y", env) == "xtwelvey"       # digits: all of them
    assert process_word("$?$#", env) == ""


def test_printed_step_keeps_unset_substitutions():
    env = {"VALUE": "given"}
    assert print_word('echo "v=$VALUE n=${NOVALUE:-unset} m=${VALUE:+set}"', env) == \
        'echo "v=given n=${NOVALUE:-unset} m=set"'
    assert print_word("${X-${VALUE}}", env) == "${X-given}"


# ------------------------------------------------------------------ builds
@pytest.fixture
def bb(sim_busybase):
    return sim_busybase


def test_run_mounts(bb, tmp_path):
    ctx = _ctx(tmp_path, {"a.txt": "hello\n", "src/x": "s\n", ".dockerignore": "*.log\n",
                          "debug.log": "log\n"})
    df = """\
FROM dsm-busybase:1
RUN --mount=type=cache,target=/cache echo one > /cache/f
RUN --mount=type=cache,target=/c2,id=/cache cat /c2/f > /seen1
RUN --mount=target=/ctx ls /ctx > /seen2
RUN --mount=type=bind,source=src,target=/s,rw sh -c 'touch /s/new; ls /s' > /seen3
RUN --mount=type=bind,source=src,target=/s sh -c 'touch /s/x 2>&1; echo rc=$?' > /seen4
RUN --mount=type=tmpfs,target=/t sh -c 'echo x > /t/x; cat /t/x' > /seen5
RUN --mount=type=secret,id=tok sh -c 'cat /run/secrets/tok; echo rc=$?' > /seen6 2>&1
"""
    r = bb.build(df, ctx, "m:1")
    assert r.exit_code == 0, r.stderr
    out = _run(bb, "m:1", "sh", "-c", "cat /seen1 /seen2 /seen3 /seen4 /seen5 /seen6; "
               "ls -d /cache /c2 /ctx /s /t /run 2>&1").stdout
    assert out == ("one\na.txt\nsrc\nnew\nx\ntouch: /s/x: Read-only file system\nrc=1\nx\n"
                   "cat: can't open '/run/secrets/tok': No such file or directory\nrc=1\n"
                   "ls: /cache: No such file or directory\nls: /c2: No such file or directory\n"
                   "ls: /ctx: No such file or directory\nls: /s: No such file or directory\n"
                   "ls: /t: No such file or directory\nls: /run: No such file or directory\n")
    # the cache mount outlives the build; the bind's content is in the cache key, not mtimes
    (tmp_path / "ctx" / "debug.log").write_text("more\n")
    os.utime(tmp_path / "ctx" / "a.txt", (1e9, 1e9))
    r = bb.build(df, ctx, "m:2")
    assert set(build_steps(r.stderr + r.stdout).values()) == {"CACHED"}
    r = bb.build("FROM dsm-busybase:1\nRUN --mount=type=cache,target=/x,id=/cache cat /x/f > /got\n",
                 ctx, "m:4")
    assert r.exit_code == 0 and _run(bb, "m:4", "cat", "/got").stdout == "one\n"
    (tmp_path / "ctx" / "src" / "x").write_text("changed\n")
    r = bb.build(df, ctx, "m:3")
    steps = build_steps(r.stderr + r.stdout)
    assert [k.split("] ")[0] + "]" for k, v in steps.items() if v == "DONE"] == \
        ["[4/8]", "[5/8]", "[6/8]", "[7/8]", "[8/8]"]       # from the first that binds src


@pytest.mark.parametrize("line, last", [
    ("RUN --mount=type=cache,path=/c true", "ERROR: failed to solve: unexpected key 'path' in 'path=/c'"),
    ("RUN --mount=type=cache true", 'ERROR: failed to solve: invalid mount target "/"'),
    ("RUN --mount=type=secret,id=tok,required cat /run/secrets/tok",
     "ERROR: failed to solve: secret tok not found: not found"),
    ("RUN --mount=type=ssh true", "ERROR: failed to solve: dockstore-magic: RUN --mount=type=ssh is not simulated"),
    ("RUN --network=none true", "ERROR: failed to solve: dockstore-magic: RUN --network is not simulated"),
    ("RUN --mount=type=cache,target=/c,from=dsm-busybase:1 true",
     "ERROR: failed to solve: dockstore-magic: RUN --mount=type=cache,from= is not simulated"),
    ("RUN --mount=type=secret,id=tok,env=TOK true",
     "ERROR: failed to solve: dockstore-magic: RUN --mount=type=secret,env= is not simulated"),
])
def test_run_mount_mistakes(bb, tmp_path, line, last):
    r = bb.build(f"FROM dsm-busybase:1\n{line}\n", _ctx(tmp_path, {"a": "a"}), "e:1")
    assert r.exit_code == 1
    assert (r.stderr + r.stdout).strip().splitlines()[-1] == last
    assert bb.engine.images.find("e:1") is None


def test_missing_bind_source_fails_at_its_step(bb, tmp_path):
    r = bb.build("FROM dsm-busybase:1\nRUN --mount=source=nosuch,target=/x true\n",
                 _ctx(tmp_path, {"a": "a"}), "e:1")
    assert r.exit_code == 1
    assert build_steps(r.stderr + r.stdout) == {"[2/2] RUN --mount=source=nosuch,target=/x true": "ERROR"}


def test_secret_given(bb, tmp_path):
    ctx = _ctx(tmp_path, {"tok.txt": "s3cr3t\n"})
    df = ("FROM dsm-busybase:1\nRUN --mount=type=secret,id=tok cat /run/secrets/tok > /a\n"
          "RUN --mount=type=secret,id=tok,target=/opt/t,mode=0440,uid=1 ls -ln /opt/t > /b\n")
    r = bb.build(df, ctx, "s:1", "--secret", f"id=tok,src={ctx}/tok.txt")
    assert r.exit_code == 0, r.stderr
    out = _run(bb, "s:1", "sh", "-c", "cat /a; cat /b; ls /run /opt 2>&1").stdout
    assert out.splitlines()[0] == "s3cr3t"
    assert out.splitlines()[1].split()[:5] == ["-r--r-----", "1", "1", "0", "7"]
    assert out.splitlines()[2:] == ["ls: /run: No such file or directory",
                                    "ls: /opt: No such file or directory"]
    r = bb.build(df, ctx, "s:2", "--secret", "id=tok,src=nosuch.txt")
    assert r.exit_code == 1


def test_chown_as_buildkit_resolves_it(bb, tmp_path):
    ctx = _ctx(tmp_path, {"a.txt": "a\n", "src/x": "x\n"})
    df = """\
FROM scratch AS nopw
COPY --chown=daemon:nosuchgroup a.txt /a
FROM dsm-busybase:1
COPY --from=nopw /a /from-scratch
COPY --chown=nosuch a.txt /u1
COPY --chown=daemon:nosuchgroup a.txt /u2
COPY --chown=7 a.txt /new/deep/u3
COPY --chown=daemon:9 src /d/
"""
    r = bb.build(df, ctx, "c:1")
    assert r.exit_code == 0, r.stderr
    out = _run(bb, "c:1", "sh", "-c", "stat -c '%n %u:%g' /from-scratch /u1 /u2 /new /new/deep "
               "/new/deep/u3 /d /d/x").stdout
    assert out.split("\n") == ["/from-scratch 0:0", "/u1 0:0", "/u2 1:1", "/new 7:7",
                               "/new/deep 7:7", "/new/deep/u3 7:7", "/d 1:9", "/d/x 1:9", ""]


def test_history_and_step_numbers(bb, tmp_path):
    df = "FROM dsm-busybase:1\nSHELL [\"/bin/sh\", \"-ec\"]\n" + "RUN true\n" * 10
    r = bb.build(df, _ctx(tmp_path, {"a": "a"}), "h:1")
    assert r.exit_code == 0
    steps = build_steps(r.stderr + r.stdout, with_from=True)
    assert "[ 1/11] FROM docker.io/library/dsm-busybase:1" in steps and "[ 2/11] RUN true" in steps
    assert "[11/11] RUN true" in steps
    hist = [h.get("created_by") for h in bb.engine.images.get("h:1").history]
    assert "SHELL [/bin/sh -ec]" in hist


def test_image_from_reference_makes_stage_labels(bb, tmp_path):
    df = "FROM dsm-busybase:1\nCOPY --from=dsm-busybase:1 /etc/group /g\n"
    r = bb.build(df, _ctx(tmp_path, {"a": "a"}), "l:1")
    assert r.exit_code == 0
    assert "[stage-0 2/2] COPY --from=dsm-busybase:1 /etc/group /g" in build_steps(r.stderr + r.stdout)


def test_label_iidfile_pull(bb, tmp_path):
    ctx = _ctx(tmp_path, {"a": "a"})
    df = "FROM dsm-busybase:1\nLABEL a=0 c=3\n"
    r = bb.build(df, ctx, "o:1", "--label", "a=1", "--label", "b=2", "--iidfile", "iid.txt")
    assert r.exit_code == 0, r.stderr
    img = bb.engine.images.get("o:1")
    assert img.container_config["Labels"] == {"a": "1", "b": "2", "c": "3"}
    assert (tmp_path / "iid.txt").read_text() == img.id          # no newline
    assert [h.get("created_by") for h in img.history][-1] == "LABEL a=0 c=3"
    r = bb.build(df, ctx, "o:2", "--pull")
    assert r.exit_code == 1 and "failed to resolve source metadata" in r.stderr + r.stdout
    assert bb.engine.images.find("o:2") is None


def test_id_names_unknown_ids(bb):
    r = bb.docker(["run", "--rm", "-u", "1234:5678", "dsm-busybase:1", "sh", "-c",
                   "id -gn; echo rc=$?; id -un 2>/dev/null; echo rc=$?; id -u"])
    assert r.stdout == "5678\nrc=1\n1234\nrc=1\n1234\n"
    assert r.stderr == "id: unknown ID 5678\n"


def test_heredocs(bb, tmp_path):
    """Current Dockerfile syntax (the simulator's): COPY's heredoc is a file, expanded unless
    its delimiter is quoted; a RUN whose heredoc is not the whole command gives the shell
    the command line and the heredoc."""
    df = ('FROM dsm-busybase:1\nARG WHO=world\nCOPY <<EOF /hello.txt\nhello "$WHO" \\$x\nEOF\n'
          "COPY <<'RAW' /raw.txt\nkeep $WHO\nRAW\nCOPY <<ONE <<TWO /d/\n1\nONE\n2\nTWO\n"
          "RUN <<A cat > /g\nfrom a heredoc\nA\nRUN <<EOF\necho script > /s\nEOF\n")
    r = bb.build(df, _ctx(tmp_path, {"a": "a"}), "hd:1")
    assert r.exit_code == 0, r.stderr
    out = _run(bb, "hd:1", "sh", "-c", "cat /hello.txt /raw.txt /d/ONE /d/TWO /g /s; "
               "stat -c '%a %u' /hello.txt").stdout
    assert out == 'hello "world" $x\nkeep $WHO\n1\n2\nfrom a heredoc\nscript\n644 0\n'


def test_cache_mounts_are_build_cache_records(bb, tmp_path):
    ctx = _ctx(tmp_path, {"a": "a"})
    df = "FROM dsm-busybase:1\nRUN --mount=type=cache,target=/c sh -c 'ls /c > /seen; echo 1234 > /c/f'\n"
    assert bb.build(df, ctx, "cm:1").exit_code == 0
    rows = bb.docker("system df -v").stdout
    line = [l for l in rows.splitlines() if "exec.cachemount" in l]
    assert len(line) == 1 and line[0].split()[2] == "5B"
    r = bb.docker("builder prune -f --filter type=exec.cachemount")
    assert r.exit_code == 0 and r.stdout.endswith("\nTotal reclaimed space: 5B\n")
    assert "exec.cachemount" not in bb.docker("system df -v").stdout
    # a new, empty cache folder next time (the step itself is still cached: --no-cache)
    assert bb.build(df, ctx, "cm:2", "--no-cache").exit_code == 0
    assert _run(bb, "cm:2", "cat", "/seen").stdout == ""


@pytest.mark.parametrize("line", ["build -", "build -f - .", "build -t x -"])
def test_standard_input_builds_are_refused(sim, line):
    r = sim.docker(line)
    assert r.exit_code == 125 and r.stderr.startswith("dockstore-magic: a ") and \
        r.stderr.endswith(" from standard input is not simulated; use %%dockerfile\n")
    assert not sim.engine.image_store.images
