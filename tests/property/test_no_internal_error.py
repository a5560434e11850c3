"""Whatever a user types, the simulator answers as Docker does and never with an internal
error; and what Docker rejects changes nothing (``ps -a``, ``images``, ``volume ls`` and the
host's /var/lib/docker stay as they were)."""
from __future__ import annotations

import re
import shlex
import signal
from contextlib import contextmanager

import pytest
from hypothesis import given, strategies as st

from _bounded import bounded
from _strategies import BUILD_ARGS, docker_argv, dockerfile, shell_script, flag_words, COMMANDS
from _world import World

from IPython.core.error import UsageError

from dockstore_magic.cli import args as cli_args
from dockstore_magic.cli.main import exec_args
from dockstore_magic.magics import DockerMagics


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = World(str(tmp_path_factory.mktemp("world")))
    yield w
    w.close()


@contextmanager
def time_limit(seconds: int):
    """A hang is a failure too (the shell's loops are bounded; nothing else may spin)."""
    def fire(*_):
        raise TimeoutError(f"no answer within {seconds}s")
    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def rejected_by_the_cli(argv) -> bool:
    """Whether docker's argument parsing refuses (or only shows help for) the command line:
    then nothing reaches the daemon."""
    try:
        parsed = cli_args.parse(exec_args(argv))
    except cli_args.CLIUsageError:
        return True
    return bool(parsed.help)


def check(w, result, what):
    errors = w.internal_errors(result)
    assert not errors, f"{what}\n" + "\n".join(errors)


# ------------------------------------------------------------------ docker command lines
@bounded(60)
@given(argv=docker_argv())
def test_docker_command_lines(world, argv):
    w = world.fork()
    rejected = rejected_by_the_cli(argv)
    before = w.state() if rejected else None
    with time_limit(60):
        r = w.docker(argv)
    check(w, r, argv)
    if rejected:
        assert w.state() == before, argv


NOT_FOUND = [["diff", "nosuch"], ["commit", "nosuch"], ["start", "nosuch"], ["history", "nosuch"],
             ["rmi", "nosuch"], ["rm", "nosuch"], ["volume", "rm", "nosuch"], ["logs", "nosuch"],
             ["volume", "inspect", "nosuch"], ["tag", "nosuch", "x:1"], ["stop", "nosuch"],
             ["save", "-o", "o.tar", "nosuch"], ["run", "nosuch:1"], ["create", "nosuch:1"],
             ["cp", "nosuch:/x", "."], ["exec", "nosuch", "true"], ["inspect", "nosuch"],
             ["kill", "nosuch"], ["restart", "nosuch"], ["image", "inspect", "nosuch"],
             ["cp", "c1:/nope", "out"], ["load", "-i", "missing.tar"], ["import", "missing.tar"],
             ["pull", "nosuch/none:1"], ["run", "--rm", "busybox:nosuch"]]
CONFLICTS = [["volume", "rm", "v1"], ["run", "--name", "c1", "busybox"],
             ["create", "--name", "c2", "busybox"], ["exec", "c1", "true"],
             ["rmi", "busybox@sha256:" + "1" * 64], ["tag", "busybox", "Bad:Tag"],
             ["volume", "create", "a b"], ["run", "--name", "a b", "busybox"]]
BAD_SPECS = [["run", "-v", ":/x", "busybox"], ["run", "--mount", "type=foo,dst=/x", "busybox"],
             ["run", "--memory", "x", "busybox"],
             ["run", "-v", "v1:rel", "busybox"], ["run", "--mount", "src=v1", "busybox"],
             ["create", "-v", "/a:/b:c:d", "busybox"], ["run", "--cpus", "x", "busybox"],
             ["run", "--rm", "-d", "--rm=x", "busybox"],
             ["run", "--tmpfs", "rel", "busybox"], ["run", "-w", "rel", "busybox", "true"],
             ["commit", "-c", "FOO bar", "c1"],
             ["run", "-e", "=x", "busybox"], ["run", "--stop-timeout", "x", "busybox"]]
BAD_FORMATS = [["ps", "-a", "--format", "{{.Nope}}"], ["images", "--format", "{{"],
               ["inspect", "-f", "{{.Nope.Deeper}}", "c1"], ["volume", "ls", "-f", "x"]]


@bounded(60)
@given(argv=st.sampled_from(NOT_FOUND + CONFLICTS + BAD_SPECS + BAD_FORMATS),
       extra=st.lists(st.sampled_from(["--nosuch", "-Z", "--help=x"]), max_size=1))
def test_rejected_commands_change_nothing(world, argv, extra):
    w = world.fork()
    at = 2 if argv[0] in ("volume", "image", "container") else 1     # after the command
    argv = argv[:at] + extra + argv[at:]
    before = w.state()
    with time_limit(60):
        r = w.docker(argv)
    check(w, r, argv)
    assert r.exit_code != 0, (argv, r.stdout)
    assert w.state() == before, (argv, r.stderr)


@bounded(40)
@given(line=st.one_of(docker_argv().map(shlex.join), docker_argv().map(" ".join),
                      st.text(alphabet=st.characters(blacklist_characters="/",
                                                     blacklist_categories=("Cs",)), max_size=40)))
def test_magic_lines(world, line):
    """A ``%docker`` line as typed: split as the magic splits it (a bad quote is IPython's
    UsageError, which shows no traceback), then run."""
    w = world.fork()
    try:
        argv = DockerMagics._split(line)
    except UsageError:
        return
    if argv[:1] == ["diagram"]:
        return
    with time_limit(60):
        r = w.docker(argv)
    check(w, r, line)


# ------------------------------------------------------------------ Dockerfiles
#: a step of the build ran (a progress vertex `[stage 2/5] RUN …`, `[1/3] FROM …`)
STEP = re.compile(r"^#\d+ \[(?:\S+ )?\d+/\d+\] ", re.M)

@bounded(60)
@given(text=dockerfile(), argv=BUILD_ARGS)
def test_dockerfiles(world, text, argv):
    w = world.fork()
    before = w.state()
    with time_limit(60):
        r = w.build(argv + ["ctx"], text)
    check(w, r, text)
    if r.exit_code != 0 and "-q" not in argv and not STEP.search(r.stdout + r.stderr):
        # refused before any step ran (a parse error, a missing base): nothing changed
        assert w.state() == before, (text, r.stderr)


# ------------------------------------------------------------------ shell scripts
@bounded(60)
@given(script=shell_script(), where=st.sampled_from(["container", "host-mounted", "host"]))
def test_shell_scripts(world, script, where):
    w = world.fork()
    with time_limit(60):
        if where == "host":
            r = w.host(script)
        else:
            mount = ["-v", "/:/host"] if where == "host-mounted" else []
            r = w.docker(["run", "--rm", *mount, "busybox", "sh", "-c", script])
    check(w, r, script)
    # after a script damaged the host's /var/lib/docker, the engine answers with the daemon's
    # words, still no internal error
    r = w.docker(["run", "--rm", "busybox", "true"])
    check(w, r, f"after {script!r}: docker run")


def test_the_generators_cover_every_simulated_command():
    """The command-line generator draws from the CLI's own table: no simulated command is
    left out of the fuzzing."""
    from dockstore_magic.cli.commands import COMMANDS as SIMULATED
    covered = {" ".join(c.path) for c in COMMANDS} | {c.canonical for c in COMMANDS}
    assert set(SIMULATED) - covered == set()
    assert flag_words  # used by docker_argv
