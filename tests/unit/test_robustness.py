"""No internal error reaches the user: each input that once crashed the simulator (issue 16,
found by generating inputs) now gets the answer the engine, BuildKit or the shell gives, and a
traceback never reaches the notebook (only ``DOCKSTORE_DEBUG=1`` shows it)."""
from __future__ import annotations

import pytest

from support.sim import Sim


@pytest.fixture
def user(tmp_path, monkeypatch):
    """The simulator as a user meets it: no DOCKSTORE_DEBUG, a busybox image pulled."""
    monkeypatch.delenv("DOCKSTORE_DEBUG", raising=False)
    s = Sim(cwd=str(tmp_path))
    s.docker("pull -q busybox", check=True)
    return s


def no_internal_error(r):
    text = r.stdout + r.stderr
    assert "internal error" not in text and "Traceback" not in text, text
    return r


def build_error(r) -> str:
    no_internal_error(r)
    assert r.exit_code == 1
    return [l for l in r.stdout.splitlines() + r.stderr.splitlines() if l.startswith("ERROR:")][-1]


# ------------------------------------------------------------------ Dockerfiles
def test_run_with_an_empty_exec_form_is_refused_as_buildkit_does(user):
    r = user.build("FROM busybox\nRUN []\n")
    assert build_error(r) == ("ERROR: failed to solve: failed to marshal LLB definition: "
                              "arguments are required")
    assert user.engine.images.find("app:1") is None


@pytest.mark.parametrize("dockerfile, line", [
    ("ARG A=${Y:?no}\nFROM busybox\n", 1),          # a global ARG (before FROM)
    ("FROM busybox\nENV A=${Y:?no}\n", 2),
    ("FROM busybox\nARG B=${Y:?no}\n", 2),
    ("FROM busybox\nWORKDIR /${Y:?no}\n", 2),
    ("FROM ${Y:?no}\n", 1),
])
def test_a_failed_required_substitution_fails_the_build(user, dockerfile, line):
    r = user.build(dockerfile)
    assert build_error(r) == "ERROR: failed to solve: Y: no"
    assert f" {line} | >>> " in r.stdout + r.stderr      # the excerpt points at the line


def test_global_args_see_the_global_args_before_them(user):
    r = user.build("ARG T=lat\nARG TAG=${T}est\nFROM busybox:${TAG}\nRUN true\n")
    assert no_internal_error(r).exit_code == 0, r.stderr


@pytest.mark.parametrize("instruction, message", [
    ("EXPOSE", "EXPOSE requires at least one argument"),
    ("LABEL", "LABEL requires at least one argument"),
    ("VOLUME []", "VOLUME requires at least one argument"),
    ("ARG", "ARG requires at least one argument"),
    ("USER", "USER requires exactly one argument"),
    ("WORKDIR", "WORKDIR requires exactly one argument"),
    ("STOPSIGNAL", "STOPSIGNAL requires exactly one argument"),
    ("MAINTAINER", "MAINTAINER requires exactly one argument"),
    ("SHELL []", "SHELL requires at least one argument"),
    ("SHELL sh -c", "SHELL requires the arguments to be in JSON form"),
    ("HEALTHCHECK", "HEALTHCHECK requires at least one argument"),
    ("HEALTHCHECK NONE x", "HEALTHCHECK NONE takes no arguments"),
    ("HEALTHCHECK FOO x", 'Unknown type "FOO" in HEALTHCHECK (try CMD)'),
    ("HEALTHCHECK CMD []", "Missing command after HEALTHCHECK CMD"),
])
def test_missing_arguments_are_parse_errors(user, instruction, message):
    """Worded as BuildKit 0.8 words them here (seen on the engine), with current BuildKit's
    `dockerfile parse error on line N` prefix."""
    r = user.build(f"FROM busybox\n{instruction}\n")
    assert build_error(r) == f"ERROR: failed to solve: dockerfile parse error on line 2: {message}"


@pytest.mark.parametrize("instruction", ["CMD", "ENTRYPOINT"])
def test_cmd_without_arguments_is_one_empty_shell_word(user, instruction):
    """Seen on the engine: `CMD` alone gives ["/bin/sh","-c",""]."""
    r = no_internal_error(user.build(f"FROM busybox\n{instruction}\n"))
    assert r.exit_code == 0, r.stderr
    cfg = user.engine.images.get("app:1").config["config"]
    assert cfg["Cmd" if instruction == "CMD" else "Entrypoint"] == ["/bin/sh", "-c", ""]


# ------------------------------------------------------------------ command lines
def test_a_nul_byte_ends_the_word_as_execve_does(user, tmp_path):
    r = no_internal_error(user.docker(["import", f"{tmp_path}/a\0b"]))
    assert (r.exit_code, r.stderr) == (1, f"open {tmp_path}/a: no such file or directory\n")
    r = no_internal_error(user.cli.build_cell(["-t", "x\0y", str(tmp_path)], "FROM busybox\n"))
    assert r.exit_code == 0 and user.engine.images.find("x:latest") is not None


# ------------------------------------------------------------------ rm -rf /
def test_rm_rf_root_keeps_the_root(user):
    r = no_internal_error(user.docker(["run", "--rm", "busybox", "sh", "-c", "rm -rf /; echo $?"]))
    assert r.stdout == "1\n"
    assert "rm: can't remove '/proc': Device or resource busy" in r.stderr
    r = no_internal_error(user.host("rm -rf --no-preserve-root /; echo $?; ls -d /"))
    assert r.stdout == "1\n/\n"
    # the mount points stay (EBUSY), and GNU rm says nothing of the folders above them; the
    # notebook's folder is shared into the host as a mount of its own (a real folder, which
    # rm emptied, as it would on a real host)
    busy = [f"rm: cannot remove '{p}': Device or resource busy" for p in user.engine.host.shared]
    assert r.stderr.splitlines() == (busy or ["rm: cannot remove '/': Device or resource busy"])


def test_rm_rf_root_through_a_bind_mount_of_the_host_damages_the_store(user):
    r = no_internal_error(user.docker(["run", "--rm", "-v", "/:/host", "busybox", "sh", "-c",
                                       "rm -rf /"]))
    assert r.exit_code == 1
    # busybox's remove_file: a folder is removed only once all it held is; the container's
    # own mounts and its merged folder on the host stay (EBUSY), and so do the folders above
    # them, without a word (libbb/remove_file.c)
    assert "rm: can't remove '/proc': Device or resource busy" in r.stderr.splitlines()
    assert any(l.startswith("rm: can't remove '/host/var/lib/docker/overlay2/") and
               l.endswith("/merged': Device or resource busy") for l in r.stderr.splitlines())
    assert "rm: can't remove '/': " not in r.stderr
    # the host's /var/lib/docker is gone, as on a real host: the daemon's own errors follow,
    # with one line on how to start over
    r = no_internal_error(user.docker("run --rm busybox true"))
    assert r.exit_code == 125
    lines = r.stderr.splitlines()
    assert lines[0].startswith("docker: Error response from daemon: open /var/lib/docker/overlay2/")
    assert lines[0].endswith("/link: no such file or directory")
    assert lines[-1] == ("dockstore-magic: the simulated host's /var/lib/docker is damaged (a file "
                         "the engine keeps is missing or changed); `%dockstore reset` starts over")
    assert sum("%dockstore reset" in l for l in lines) == 1
    r = no_internal_error(user.docker("volume create v"))
    r = no_internal_error(user.build("FROM busybox\nRUN true\n"))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-2].startswith("ERROR: failed to solve: open /var/lib/docker/")
    assert r.stderr.count("%dockstore reset") == 1


def test_damaged_store_after_a_host_command(user):
    user.docker("run --name c1 busybox touch /x", check=True)
    user.host("rm -rf /var/lib/docker/overlay2")
    for line in ("diff c1", "start c1", "ps -a -s"):
        r = no_internal_error(user.docker(line))
        assert r.exit_code == 1
        assert r.stderr.startswith("Error response from daemon: open /var/lib/docker/overlay2/"), r.stderr
        assert r.stderr.count("%dockstore reset") == 1


# ------------------------------------------------------------------ tracebacks
def test_an_internal_error_prints_one_line_and_no_traceback(user, monkeypatch, capsys):
    from dockstore_magic.cli import commands

    def broken(cli, opts, args):
        raise ValueError("a bug")

    monkeypatch.setitem(commands.COMMANDS, "ps", broken)
    r = user.docker("ps")
    assert (r.exit_code, r.stderr) == (1, "dockstore-magic: internal error (ValueError: a bug); "
                                          "set DOCKSTORE_DEBUG=1 to see the traceback\n")
    captured = capsys.readouterr()                 # what the notebook would show
    assert "Traceback" not in captured.out + captured.err
    monkeypatch.setenv("DOCKSTORE_DEBUG", "1")
    with pytest.raises(ValueError, match="a bug"):
        user.docker("ps")


# ------------------------------------------------------------------ found by tests/property
def test_vfs_layer_keeps_its_diff_id_through_save_and_load(tmp_path):
    """A layer's tar is made again from the changeset it was registered from (moby's
    tar-split), not from vfs's comparison of two full copies, which differed here (the
    container's `rm -rf /etc` left the init layer's files): the save named a blob by its
    diffID that the tar did not hold, and the load failed."""
    s = Sim(storage_driver="vfs", cwd=str(tmp_path))
    s.docker("pull -q busybox", check=True)
    s.docker(["run", "--name", "t1", "busybox", "sh", "-c", "rm -rf /etc; true"], check=True)
    s.docker("commit t1 gen:1", check=True)
    img = s.engine.images.get("gen:1")
    want = (img.id, img.config["rootfs"]["diff_ids"])
    s.docker("rm t1", check=True)
    s.docker("save -o gen.tar gen:1", check=True)
    s.docker("rmi gen:1", check=True)
    r = s.docker("load -i gen.tar", check=True)
    assert r.stdout == "Loaded image: gen:1\n"
    back = s.engine.images.get("gen:1")
    assert (back.id, back.config["rootfs"]["diff_ids"]) == want


def test_run_refuses_a_relative_working_directory(user):
    """moby's verifyContainerSettings (seen on the engine: `docker run -w rel`)."""
    r = no_internal_error(user.docker("run --name w1 -w rel busybox true"))
    assert r.exit_code == 125
    assert r.stderr.startswith("docker: Error response from daemon: the working directory "
                               "'rel' is invalid, it needs to be an absolute path\n")
    assert user.docker("ps -a -q --filter name=w1").stdout == ""


@pytest.mark.parametrize("instruction, message", [
    ("COPY --chmod=999 a.txt /m", "invalid chmod parameter: '999'. it should be octal string "
                                  "and between 0 and 07777"),
    ("COPY --chmod=10000 a.txt /m", "invalid chmod parameter: '10000'. it should be octal "
                                    "string and between 0 and 07777"),
    ("COPY --chmod=${M:?unset} a.txt /m", "M: unset"),
    ("COPY --chown=${U:?unset} a.txt /m", "U: unset"),
    ("COPY --from=-1 /x /y", "invalid stage index -1"),
    ("COPY --from=5 /x /y", "invalid stage index 5"),
    ("COPY --nosuch a.txt /n", "dockerfile parse error on line 2: Unknown flag: nosuch"),
    ("ADD --from=x a.txt /y", "dockerfile parse error on line 2: Unknown flag: from"),
    ("RUN --nosuch true", "dockerfile parse error on line 2: Unknown flag: nosuch"),
    ("FROM busybox AS b\nCOPY --from=b /x /y", "circular dependency detected on stage: b"),
    ("COPY --from=b /etc/motd /y\nFROM busybox AS b\nCOPY --from=0 /y /z",
     "circular dependency detected on stage: stage-0"),
])
def test_copy_flags_and_stage_references_are_checked(user, tmp_path, instruction, message):
    """Found by the generated Dockerfiles: a bad --chmod crashed on int(…, 8) and a COPY
    from its own stage on a missing result; wording as BuildKit's (the engine here for the
    flags and stages, dockerfile2llb/convert.go dispatchCopy for --chmod)."""
    (tmp_path / "a.txt").write_text("A\n")
    r = user.build(f"FROM busybox\n{instruction}\n", str(tmp_path))
    assert build_error(r) == f"ERROR: failed to solve: {message}"


def test_run_alone_runs_an_empty_shell_command(user):
    """Seen on the engine: `RUN` with nothing after it builds (`/bin/sh -c ""`)."""
    r = no_internal_error(user.build("FROM busybox\nRUN\n"))
    assert r.exit_code == 0, r.stderr
    assert user.engine.images.get("app:1").history[-1]["created_by"] == "RUN /bin/sh -c  # buildkit"


def test_a_nul_byte_in_a_dockerfile_is_a_character_like_any_other(user):
    """The parser library reads a C string; a NUL used to cut the Dockerfile short there
    (`run\\0 x` became a bare RUN).  The engine: `unknown instruction: RUN\\0`."""
    r = user.build("FROM busybox\nrun\0 lower case\n")
    assert build_error(r).startswith("ERROR: failed to solve: dockerfile parse error on line 2: "
                                     "unknown instruction: run\0")


def test_copy_from_an_unknown_image_fails_before_any_step(user, tmp_path):
    """Found by the 10,000-input run: the image a `COPY --from` names was looked up only when
    that COPY ran, after the steps before it had built layers; current BuildKit resolves it
    with the bases (an unregistered stage in dockerfile2llb), before anything runs."""
    (tmp_path / "a.txt").write_text("A\n")
    before = user.host("find /var/lib/docker | sort").stdout
    r = user.build("FROM scratch\nCOPY a.txt /o\nCOPY --from=nosuch /etc/motd /m\n", str(tmp_path))
    assert build_error(r).startswith("ERROR: failed to solve: docker.io/library/nosuch:latest: "
                                     "failed to resolve source metadata")
    assert "COPY a.txt /o" not in r.stdout + r.stderr
    assert user.host("find /var/lib/docker | sort").stdout == before
