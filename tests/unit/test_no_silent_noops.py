"""No silent no-ops (issue 10): every flag that cli/simulated.py declares simulated changes
something.  For each (command, flag) the table below holds a small example: the same
command line without and with the flag, on the same state; the outputs of the command and
of its probes (commands that look at what it did) must differ.  A flag whose effect is
invisible by design in the simulator (a default value, a terminal the notebook is not)
says why in one line instead.  A test checks the table against cli/simulated.py, so a new
simulated flag cannot be declared without an example that shows it working.

Lines starting with ``$ `` run on the simulated host (bash); the others are ``docker``
command lines.  Each side starts from a fresh, seeded engine, so both sides agree on
everything the flag does not touch."""
from __future__ import annotations

import shlex
from dataclasses import dataclass

import pytest

from dockstore_magic.cli.simulated import SIMULATED
from support.sim import Sim


@dataclass(frozen=True)
class Ex:
    """``without`` and ``with_``: the command line without and with the flag; ``setup``
    runs first, ``probes`` after (their outputs are compared too)."""
    without: str
    with_: str
    setup: tuple = ()
    probes: tuple = ()


#: a running container (PID 1 sleeps) and an exited one that wrote a file
RUNNING = ("run -d --name c1 busybox sleep 1000",)
EXITED = ("run --name c1 busybox sh -c 'echo one; echo two; echo x > /f'",)
TWO_EXITED = ("run --name c1 busybox true", "run --name c2 busybox true")
#: a committed image whose parent loses its tag: an intermediate (untagged) image
CHAIN = ("run --name c1 busybox sh -c 'echo 1 > /one'", "commit c1 base:1",
         "run --name c2 base:1 sh -c 'echo 2 > /two'", "commit c2 top:1", "rm c1 c2",
         "rmi base:1")
CTX = ("$ mkdir -p /ctx && printf 'FROM busybox AS one\\nARG A\\nRUN echo \"a=$A\" > /a\\n"
       "FROM one AS two\\nRUN echo two > /two\\n' > /ctx/Dockerfile",)
ENV_FILE = ("$ printf 'A=from-file\\n' > /tmp/env",)


def _container(flags: str, cmd: str = "true", setup=(), probes=(), detach: bool = False):
    """The same container flag for ``run`` and for ``create`` (then ``start -a``; with
    ``detach``, ``run -d`` and ``start``)."""
    d = "-d " if detach else ""
    return {
        "run": Ex(f"run {d}--name c9 busybox {cmd}", f"run {d}--name c9 {flags} busybox {cmd}",
                  tuple(setup), tuple(probes)),
        "create": Ex(f"create --name c9 busybox {cmd}", f"create --name c9 {flags} busybox {cmd}",
                     tuple(setup), ("start c9" if detach else "start -a c9",) + tuple(probes)),
    }


#: an image with a HEALTHCHECK that fails until /ok exists (and takes a second); one with a
#: start period too
HC = ("$ mkdir -p /hc && printf 'FROM busybox\\nHEALTHCHECK CMD sleep 1; test -f /ok\\n' > "
      "/hc/Dockerfile", "build -q -t hc /hc")
HC_START = ("$ mkdir -p /hs && printf 'FROM busybox\\nHEALTHCHECK --start-period=2m CMD false\\n'"
            " > /hs/Dockerfile", "build -q -t hc /hs")
HEALTH = "inspect -f '{{json .State.Health.Status}} {{json .State.Health.FailingStreak}} {{json .State.Health.Log}}' c9"


def _health(flags: str, seconds: int, setup=HC):
    """A health flag on a container of ``hc``: its health after ``seconds`` (the probes run
    on the simulated clock)."""
    probes = (f"$ sleep {seconds}", HEALTH, "ps --format {{.Status}}")
    return {"run": Ex("run -d --name c9 hc sleep 1000", f"run -d --name c9 {flags} hc sleep 1000",
                      setup, probes),
            "create": Ex("create --name c9 hc sleep 1000", f"create --name c9 {flags} hc sleep 1000",
                         setup, ("start c9",) + probes)}


_CONTAINER = {
    "health-cmd": _health("--health-cmd true", 31),
    "health-interval": _health("--health-interval 1s", 3),
    "health-retries": _health("--health-retries 1", 32),
    "health-start-interval": _health("--health-start-interval 1s", 3, HC_START),
    "health-start-period": _health("--health-start-period 1m", 32),
    "health-timeout": _health("--health-timeout 500ms", 32),
    "no-healthcheck": _health("--no-healthcheck", 32),
    "entrypoint": _container("--entrypoint echo", "hostname"),
    "env": _container("-e A=1", "sh -c 'echo A=$A'"),
    "env-file": _container("--env-file /tmp/env", "sh -c 'echo A=$A'", ENV_FILE),
    "expose": _container("--expose 80", probes=("inspect -f '{{json .Config.ExposedPorts}}' c9",)),
    "help": _container("--help"),
    "hostname": _container("-h box", "hostname"),
    "interactive": _container("-i", probes=("inspect -f '{{.Config.OpenStdin}}' c9",)),
    "label": _container("--label a=b", probes=("ps -a --filter label=a=b -q",)),
    "label-file": _container("--label-file /tmp/env", probes=("ps -a --filter label=A -q",),
                             setup=ENV_FILE),
    "mount": _container("--mount type=volume,src=v1,dst=/d", "sh -c 'echo x > /d/f'",
                        probes=("volume ls -q",)),
    "name": {verb: Ex(f"{verb} busybox true", f"{verb} --name box busybox true",
                      probes=("ps -a --format {{.Names}}",)) for verb in ("run", "create")},
    "network": _container("--network none", probes=("inspect -f '{{.HostConfig.NetworkMode}}' c9",)),
    "pull": _container("--pull never"),
    "quiet": _container("-q"),
    "read-only": _container("--read-only", "touch /x"),
    "rm": _container("--rm", probes=("ps -a -q",)),
    "stop-signal": _container("--stop-signal KILL", "sleep 1000",
                              probes=("stop c9", "inspect -f '{{.State.FinishedAt}}' c9"), detach=True),
    "tmpfs": _container("--tmpfs /t", "sh -c 'mkdir -p /t; echo x > /t/f'", probes=("diff c9",)),
    "tty": _container("-t", "sh -c 'echo to-stderr >&2'"),
    "user": _container("-u 1000", "id"),
    "volume": _container("-v v1:/d", probes=("volume ls -q",)),
    "volume-driver": "only '' and 'local' are simulated (others are refused): local is the default",
    "volumes-from": _container("--volumes-from src", "ls /data",
                               setup=("create --name src -v /data busybox sh -c 'echo x > /data/f'",
                                      "start src")),
    "workdir": _container("-w /tmp", "pwd"),
}

EXAMPLES: dict[tuple[str, str], Ex | str] = {
    **{(verb, flag): (ex if isinstance(ex, str) else ex[verb])
       for flag, ex in _CONTAINER.items() for verb in ("run", "create")},
    ("run", "detach"): Ex("run busybox echo hi", "run -d busybox echo hi"),
    ("start", "attach"): Ex("start c1", "start -a c1", ("create --name c1 busybox echo hi",)),
    ("stop", "signal"): Ex("stop c1", "stop -s KILL c1", RUNNING, ("inspect -f '{{.State.FinishedAt}}' c1",)),
    ("stop", "timeout"): Ex("stop c1", "stop -t 1 c1", RUNNING, ("inspect -f '{{.State.FinishedAt}}' c1",)),
    ("restart", "signal"): Ex("restart c1", "restart -s KILL c1", RUNNING,
                              ("inspect -f '{{.State.StartedAt}}' c1",)),
    ("restart", "timeout"): Ex("restart c1", "restart -t 1 c1", RUNNING,
                               ("inspect -f '{{.State.StartedAt}}' c1",)),
    ("kill", "signal"): Ex("kill c1", "kill -s TERM c1", RUNNING, ("ps -q",)),
    ("rm", "force"): Ex("rm c1", "rm -f c1", RUNNING),
    ("rm", "volumes"): Ex("rm c1", "rm -v c1", ("create --name c1 -v /data busybox",), ("volume ls -q",)),
    ("exec", "detach"): Ex("exec c1 echo hi", "exec -d c1 echo hi", RUNNING),
    ("exec", "env"): Ex("exec c1 sh -c 'echo A=$A'", "exec -e A=1 c1 sh -c 'echo A=$A'", RUNNING),
    ("exec", "env-file"): Ex("exec c1 sh -c 'echo A=$A'", "exec --env-file /tmp/env c1 sh -c 'echo A=$A'",
                             RUNNING + ENV_FILE),
    ("exec", "interactive"): "a notebook has no stdin: the process reads end-of-file with or without -i",
    ("exec", "tty"): Ex("exec c1 sh -c 'echo e >&2'", "exec -t c1 sh -c 'echo e >&2'", RUNNING),
    ("exec", "user"): Ex("exec c1 id", "exec -u 1000 c1 id", RUNNING),
    ("exec", "workdir"): Ex("exec c1 pwd", "exec -w /tmp c1 pwd", RUNNING),
    ("ps", "all"): Ex("ps -q", "ps -q -a", EXITED),
    ("ps", "filter"): Ex("ps -a -q", "ps -a -q --filter name=c2", TWO_EXITED),
    ("ps", "format"): Ex("ps -a", "ps -a --format {{.Names}}", EXITED),
    ("ps", "last"): Ex("ps -q", "ps -q -n 1", TWO_EXITED),
    ("ps", "latest"): Ex("ps -q", "ps -q -l", TWO_EXITED),
    ("ps", "no-trunc"): Ex("ps -a -q", "ps -a -q --no-trunc", EXITED),
    ("ps", "quiet"): Ex("ps -a", "ps -a -q", EXITED),
    ("ps", "size"): Ex("ps -a", "ps -a -s", EXITED),
    # (-f follows the process to its end: its sleep is over, the container has exited)
    ("logs", "follow"): Ex("logs c1", "logs -f c1", RUNNING, ("ps -q",)),
    ("logs", "tail"): Ex("logs c1", "logs --tail 1 c1", EXITED),
    ("logs", "timestamps"): Ex("logs c1", "logs -t c1", EXITED),
    ("logs", "details"): Ex("logs c1", "logs --details c1", EXITED),
    ("logs", "since"): Ex("logs c1", "logs --since 2099-01-01 c1", EXITED),
    ("logs", "until"): Ex("logs c1", "logs --until 2000-01-01 c1", EXITED),
    ("stats", "no-stream"): Ex("stats c1", "stats --no-stream c1", EXITED),
    ("stats", "all"): Ex("stats --no-stream", "stats --no-stream -a", EXITED),
    ("stats", "format"): Ex("stats --no-stream c1", "stats --no-stream --format '{{.Name}}' c1", EXITED),
    ("stats", "no-trunc"): Ex("stats --no-stream c1", "stats --no-stream --no-trunc c1", EXITED),
    ("commit", "author"): Ex("commit c1 img", "commit -a me c1 img", EXITED,
                             ("image inspect -f '{{.Author}}' img",)),
    ("commit", "change"): Ex("commit c1 img", "commit -c 'CMD [\"cat\", \"/f\"]' c1 img", EXITED,
                             ("run --rm img",)),
    ("commit", "message"): Ex("commit c1 img", "commit -m why c1 img", EXITED,
                              ("history --format {{.Comment}} img",)),
    ("commit", "pause"): "the simulated processes never write while commit reads the layer: pausing "
                         "(the default) or not gives the same image",
    # -a: owned by the container's User (looked up on the host), else as the archive says
    ("cp", "archive"): Ex("cp /tmp/f c1:/f", "cp -a /tmp/f c1:/f",
                          ("run -d --name c1 -u root busybox sleep 1000",
                           "$ echo x > /tmp/f && chown 1234:1234 /tmp/f"),
                          ("exec c1 stat -c %u:%g /f",)),
    ("cp", "follow-link"): Ex("cp c1:/l /tmp/o", "cp -L c1:/l /tmp/o",
                              ("run --name c1 busybox sh -c 'echo x > /f; ln -s /f /l'",),
                              ("$ ls -l /tmp/o | cut -c1",)),
    ("cp", "quiet"): Ex("cp c1:/f /tmp/o", "cp -q c1:/f /tmp/o", EXITED),
    ("export", "output"): Ex("export c1", "export -o /tmp/c.tar c1", EXITED, ("$ ls /tmp",)),
    ("container inspect", "format"): Ex("container inspect c1", "container inspect -f '{{.Name}}' c1", EXITED),
    ("container inspect", "size"): Ex("container inspect -f '{{.SizeRw}}' c1",
                                      "container inspect -s -f '{{.SizeRw}}' c1", EXITED),
    ("container prune", "force"): Ex("container prune", "container prune -f", EXITED, ("ps -a -q",)),
    ("images", "all"): Ex("images -q", "images -q -a", CHAIN),
    ("images", "digests"): Ex("images", "images --digests", ("pull -q busybox",)),
    ("images", "filter"): Ex("images -q", "images -q --filter reference=top", CHAIN),
    ("images", "format"): Ex("images", "images --format {{.Repository}}", ("pull -q busybox",)),
    ("images", "no-trunc"): Ex("images -q", "images -q --no-trunc", ("pull -q busybox",)),
    ("images", "quiet"): Ex("images", "images -q", ("pull -q busybox",)),
    ("history", "format"): Ex("history busybox", "history --format {{.Size}} busybox", ("pull -q busybox",)),
    ("history", "human"): Ex("history busybox", "history -H=false busybox", ("pull -q busybox",)),
    ("history", "no-trunc"): Ex("history -q top:1", "history -q --no-trunc top:1", CHAIN),
    ("history", "quiet"): Ex("history busybox", "history -q busybox", ("pull -q busybox",)),
    ("rmi", "force"): Ex("rmi busybox", "rmi -f busybox", EXITED, ("images -q -a",)),
    ("rmi", "no-prune"): Ex("rmi top:1", "rmi --no-prune top:1", CHAIN, ("images -q -a",)),
    ("pull", "quiet"): Ex("pull busybox", "pull -q busybox"),
    ("import", "change"): Ex("import /tmp/c.tar img", "import -c 'CMD [\"cat\", \"/f\"]' /tmp/c.tar img",
                             EXITED + ("export -o /tmp/c.tar c1",), ("run --rm img",)),
    ("import", "message"): Ex("import /tmp/c.tar img", "import -m why /tmp/c.tar img",
                              EXITED + ("export -o /tmp/c.tar c1",), ("history --format {{.Comment}} img",)),
    ("image inspect", "format"): Ex("image inspect busybox", "image inspect -f '{{.Os}}' busybox",
                                    ("pull -q busybox",)),
    ("image prune", "all"): Ex("image prune -f", "image prune -a -f", ("pull -q busybox",), ("images -q",)),
    ("image prune", "filter"): Ex("image prune -a -f", "image prune -a -f --filter label=keep",
                                  ("pull -q busybox",), ("images -q",)),
    ("container prune", "filter"): Ex("container prune -f", "container prune -f --filter label=x",
                                      EXITED, ("ps -a -q",)),
    ("volume prune", "filter"): Ex("volume prune -f", "volume prune -f --filter label=x",
                                   ("create --name c1 -v /data busybox", "rm c1"), ("volume ls -q",)),
    ("system prune", "filter"): Ex("system prune -f", "system prune -f --filter label=x",
                                   EXITED, ("ps -a -q",)),
    ("builder prune", "force"): Ex("builder prune", "builder prune -f", CTX + ("build -q /ctx",),
                                   ("system df --format '{{.Type}} {{.TotalCount}}'",)),
    ("builder prune", "all"): Ex("builder prune -f", "builder prune -a -f", CTX + ("build -q /ctx",),
                                 ("system df --format '{{.Type}} {{.TotalCount}}'",)),
    ("builder prune", "filter"): Ex("builder prune -a -f", "builder prune -a -f --filter type=nosuch",
                                    CTX + ("build -q /ctx",),
                                    ("system df --format '{{.Type}} {{.TotalCount}}'",)),
    ("run", "restart"): Ex("run -d --name c9 busybox false", "run -d --name c9 --restart always busybox false",
                           probes=("inspect -f '{{json .HostConfig.RestartPolicy}}' c9",)),
    ("create", "restart"): Ex("create --name c9 busybox false", "create --name c9 --restart always busybox false",
                              probes=("inspect -f '{{json .HostConfig.RestartPolicy}}' c9",)),
    ("update", "restart"): Ex("update c1", "update --restart always c1", EXITED,
                              ("inspect -f '{{json .HostConfig.RestartPolicy}}' c1",)),
    ("image prune", "force"): Ex("image prune", "image prune -f", CHAIN + ("rmi top:1",)),
    ("save", "output"): Ex("save busybox", "save -o /tmp/b.tar busybox", ("pull -q busybox",), ("$ ls /tmp",)),
    ("load", "input"): Ex("load", "load -i /tmp/b.tar", ("pull -q busybox", "save -o /tmp/b.tar busybox",
                                                         "rmi busybox")),
    ("load", "quiet"): "a notebook is no terminal: docker/cli image/load.go asks for quiet output "
                       "without -q too",
    ("build", "build-arg"): Ex("build -t app /ctx", "build -t app --build-arg A=1 /ctx", CTX,
                               ("run --rm app cat /a",)),
    ("build", "file"): Ex("build -t app /ctx", "build -t app -f /tmp/D /ctx",
                          CTX + ("$ printf 'FROM busybox\\nRUN echo other > /a\\n' > /tmp/D",),
                          ("run --rm app cat /a",)),
    ("build", "iidfile"): Ex("build -t app /ctx", "build -t app --iidfile /tmp/iid /ctx", CTX,
                             ("$ cat /tmp/iid",)),
    ("build", "label"): Ex("build -t app /ctx", "build -t app --label a=b /ctx", CTX,
                           ("image inspect -f '{{json .Config.Labels}}' app",)),
    ("build", "pull"): Ex("build -t app /ctx", "build -t app --pull /ctx",
                          ("$ mkdir -p /ctx && printf 'FROM busybox\\n' > /ctx/Dockerfile",
                           "pull -q busybox", "tag busybox local:1",
                           "$ printf 'FROM local:1\\n' > /ctx/Dockerfile")),
    ("build", "secret"): Ex("build -t app /ctx", "build -t app --secret id=s,src=/tmp/s /ctx",
                            ("$ mkdir -p /ctx && echo s3 > /tmp/s && printf 'FROM busybox\\nRUN "
                             "--mount=type=secret,id=s cat /run/secrets/s > /a || true\\n' "
                             "> /ctx/Dockerfile", "pull -q busybox"),
                            ("run --rm app cat /a",)),
    ("build", "network"): "only 'default' is simulated (none and host are refused): the default network",
    ("build", "no-cache"): Ex("build -t app /ctx", "build -t app --no-cache /ctx", CTX + ("build -t app /ctx",)),
    ("build", "progress"): "only auto and plain are simulated: a notebook is no terminal, so auto is plain",
    ("build", "quiet"): Ex("build -t app /ctx", "build -t app -q /ctx", CTX),
    ("build", "tag"): Ex("build /ctx", "build -t app /ctx", CTX, ("images --format {{.Repository}}",)),
    ("build", "target"): Ex("build -t app /ctx", "build -t app --target one /ctx", CTX,
                            ("run --rm app ls /",)),
    ("volume create", "driver"): Ex("volume create v1", "volume create -d nosuch v1"),
    ("volume create", "label"): Ex("volume create v1", "volume create --label a=b v1", (),
                                   ("volume inspect -f '{{.Labels}}' v1",)),
    ("volume create", "name"): Ex("volume create", "volume create --name v1", (), ("volume ls -q",)),
    ("volume create", "opt"): Ex("volume create v1", "volume create -o type=tmpfs -o device=tmpfs v1", (),
                                 ("volume inspect -f '{{.Options}}' v1",)),
    ("volume ls", "filter"): Ex("volume ls -q", "volume ls -q --filter name=v2",
                                ("volume create v1", "volume create v2")),
    ("volume ls", "format"): Ex("volume ls", "volume ls --format {{.Name}}", ("volume create v1",)),
    ("volume ls", "quiet"): Ex("volume ls", "volume ls -q", ("volume create v1",)),
    ("volume inspect", "format"): Ex("volume inspect v1", "volume inspect -f '{{.Name}}' v1",
                                     ("volume create v1",)),
    ("volume rm", "force"): Ex("volume rm nosuch", "volume rm -f nosuch"),
    ("volume prune", "all"): Ex("volume prune -f", "volume prune -a -f", ("volume create v1",), ("volume ls -q",)),
    ("volume prune", "force"): Ex("volume prune", "volume prune -f",
                                  ("run --name c1 -v /data busybox true", "rm c1"), ("volume ls -q",)),
    ("info", "format"): Ex("info", "info -f '{{.Driver}}'"),
    ("version", "format"): Ex("version", "version -f '{{.Server.Version}}'"),
    ("inspect", "format"): Ex("inspect c1", "inspect -f '{{.Name}}' c1", EXITED),
    ("inspect", "size"): Ex("inspect -f '{{.SizeRw}}' c1", "inspect -s -f '{{.SizeRw}}' c1", EXITED),
    ("inspect", "type"): Ex("inspect -f '{{.Name}}' x1", "inspect --type volume -f '{{.Name}}' x1",
                            ("volume create x1", "run --name x1 busybox true")),
    ("system df", "format"): Ex("system df", "system df --format {{.Type}}", EXITED),
    ("system df", "verbose"): Ex("system df", "system df -v", EXITED),
    ("system prune", "all"): Ex("system prune -f", "system prune -a -f", ("pull -q busybox",), ("images -q",)),
    ("system prune", "force"): Ex("system prune", "system prune -f", EXITED, ("ps -a -q",)),
    ("system prune", "volumes"): Ex("system prune -f", "system prune -f --volumes",
                                    ("run --name c1 -v /data busybox true", "rm c1"), ("volume ls -q",)),
}


#: Dockerfile instruction flags the builder carries out (builder/build.py
#: INSTRUCTION_FLAGS_SIMULATED): a Dockerfile without and with the flag, and a command that
#: looks at the image built (the context holds one file ``a``, mode 0644, owned by root)
DOCKERFILE_EXAMPLES: dict[tuple[str, str], Ex] = {
    ("COPY", "from"): Ex("FROM busybox AS src\nRUN echo src > /a\nFROM busybox\nCOPY a /b\n",
                         "FROM busybox AS src\nRUN echo src > /a\nFROM busybox\nCOPY --from=src a /b\n",
                         probes=("run --rm app cat /b",)),
    ("COPY", "chown"): Ex("FROM busybox\nCOPY a /b\n", "FROM busybox\nCOPY --chown=7:8 a /b\n",
                          probes=("run --rm app stat -c %u:%g /b",)),
    ("COPY", "chmod"): Ex("FROM busybox\nCOPY a /b\n", "FROM busybox\nCOPY --chmod=600 a /b\n",
                          probes=("run --rm app stat -c %a /b",)),
    ("ADD", "chown"): Ex("FROM busybox\nADD a /b\n", "FROM busybox\nADD --chown=7:8 a /b\n",
                         probes=("run --rm app stat -c %u:%g /b",)),
    ("ADD", "chmod"): Ex("FROM busybox\nADD a /b\n", "FROM busybox\nADD --chmod=600 a /b\n",
                         probes=("run --rm app stat -c %a /b",)),
    ("RUN", "mount"): Ex("FROM busybox\nRUN ls /ctx > /b || true\n",
                         "FROM busybox\nRUN --mount=target=/ctx ls /ctx > /b\n",
                         probes=("run --rm app cat /b",)),
    # the image's config (what a container's health monitor reads: the run flags' examples
    # above show the monitor at work) and its history line
    **{("HEALTHCHECK", flag): Ex("FROM busybox\nHEALTHCHECK CMD true\n",
                                 f"FROM busybox\nHEALTHCHECK --{flag}={value} CMD true\n",
                                 probes=("image inspect -f '{{json .Config.Healthcheck}}' app",
                                         "history --no-trunc --format {{.CreatedBy}} app"))
       for flag, value in (("interval", "2s"), ("timeout", "1s"), ("start-period", "1m"),
                           ("start-interval", "1s"), ("retries", "1"))},
}


def _build_run(ex: Ex, dockerfile: str) -> list:
    sim = Sim()
    r = sim.host("mkdir -p /ctx && echo a > /ctx/a && cat > /ctx/Dockerfile <<'END'\n" + dockerfile + "END")
    assert r.exit_code == 0, r.stderr
    r = sim.docker("build -t app /ctx")
    seen = [("build", r.exit_code)]
    for step in ex.probes:
        r = sim.docker(shlex.split(step))
        seen.append((step, r.exit_code, r.stdout, r.stderr))
    return seen


def _run(ex: Ex, line: str) -> list:
    sim = Sim()
    for step in ex.setup:
        r = sim.host(step[2:]) if step.startswith("$ ") else sim.docker(step)
        assert r.exit_code == 0, (step, r.stdout, r.stderr)
    seen = []
    for step in (line,) + ex.probes:
        r = sim.host(step[2:]) if step.startswith("$ ") else sim.docker(shlex.split(step))
        seen.append((step, r.exit_code, r.stdout, r.stderr))
    return seen


def test_every_simulated_flag_has_an_example():
    declared = {(cmd, flag) for cmd, flags in SIMULATED.items() for flag in flags}
    assert sorted(declared - EXAMPLES.keys()) == [], "simulated flags without an example"
    assert sorted(EXAMPLES.keys() - declared) == [], "examples of flags that are not simulated"


def test_reasons_are_one_line():
    for key, ex in EXAMPLES.items():
        if isinstance(ex, str):
            assert ex.strip() and "\n" not in ex, key


@pytest.mark.parametrize("key", sorted(k for k, v in EXAMPLES.items() if isinstance(v, Ex)),
                         ids=lambda k: f"{k[0]} --{k[1]}")
def test_the_flag_changes_something(key):
    ex = EXAMPLES[key]
    without, with_ = _run(ex, ex.without), _run(ex, ex.with_)
    assert [s[1:] for s in without] != [s[1:] for s in with_], \
        f"--{key[1]} of {key[0]} is accepted and changes nothing: {with_}"


def test_every_simulated_dockerfile_flag_has_an_example():
    from dockstore_magic.builder.build import INSTRUCTION_FLAGS_SIMULATED
    declared = {(word, flag) for word, flags in INSTRUCTION_FLAGS_SIMULATED.items() for flag in flags}
    assert declared == DOCKERFILE_EXAMPLES.keys()


@pytest.mark.parametrize("key", sorted(DOCKERFILE_EXAMPLES), ids=lambda k: f"{k[0]} --{k[1]}")
def test_the_dockerfile_flag_changes_the_image(key):
    ex = DOCKERFILE_EXAMPLES[key]
    without, with_ = _build_run(ex, ex.without), _build_run(ex, ex.with_)
    assert without[0][1] == with_[0][1] == 0
    assert without != with_, f"{key[0]} --{key[1]} is accepted and changes nothing: {with_}"
