"""Health checks and `docker wait` (moby daemon/health.go, container/health.go, daemon/wait.go;
docker/cli container/opts.go for the --health-* flags, container/wait.go).

A container with a check starts `starting`; each probe (an exec in the container, its own
files: `cat /tmp/ready` fails until `docker exec` writes the file) adds a result to
State.Health.Log; a success makes it `healthy`, `--health-retries` failures in a row
`unhealthy`; a probe past `--health-timeout` is killed (-1).  `docker ps` shows it in STATUS
and filters on it.  Stopping the container stops the monitor (status `unhealthy`); a start
begins again at `starting`, the log kept.  A Dockerfile HEALTHCHECK is the default; run flags
override its fields, `--no-healthcheck` turns it off.
`docker wait` blocks until each container exits and prints the codes in order (a process
that sleeps 2 s: the wait takes 2 s); a `docker stop` of a process that ignores SIGTERM ends
when the process ends by itself before the timeout; `logs -f` follows a process to its end.

Timing: the engine probes on its own clock (each probe ~0.1 s, the next an interval after
its end), the simulator on the simulated clock that `sleep` moves; the steps look at states
that both reach with a margin (e.g. `unhealthy` after 2 probes with 3.5 s left for them), not
at how many probes ran.  Timestamps in the log are normalised.  What the engine here cannot
show (start intervals: API 1.44; a probe's output after a timeout: current moby) is in
tests/unit/test_health.py."""
from . import Scenario, build, docker, host

_H = "{{.State.Health.Status}} {{(index .State.Health.Log 0).ExitCode}} {{json (index .State.Health.Log 0).Output}}"
#: the last entry of the log (a template cannot count back from the end)
_LAST = ("docker inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{json .Output}}{{println}}"
         "{{end}}' @{T}-h1 | tail -n 1")

SCENARIO = Scenario(
    "health_wait",
    __doc__,
    steps=[
        # the flags, as the CLI and the daemon check them
        docker("run --no-healthcheck --health-cmd true @{BASE} true"),
        docker("run --health-retries -1 @{BASE} true"),
        docker("run --health-interval=-1s @{BASE} true"),
        docker("run --health-timeout 500us @{BASE} true"),
        docker("create --health-start-period 1ns @{BASE} true"),
        docker("create --name @{T}-cfg --health-cmd 'exit 0' --health-timeout 2s --health-retries 4 "
               "@{BASE} true", how="exit"),
        docker("inspect -f '{{json .Config.Healthcheck}} {{json .State.Health}}' @{T}-cfg"),
        docker("rm @{T}-cfg", how="exit"),
        # the monitor: starting, unhealthy, then healthy once the file exists
        docker("run -d --name @{T}-h1 --health-cmd 'cat /tmp/ready' --health-interval 1s "
               "--health-retries 2 @{BASE} sleep 300", how="exit"),
        docker("inspect -f '{{json .State.Health}}' @{T}-h1"),
        docker("ps --filter name=@{T}-h1 --format '{{.Status}}'"),
        host("sleep 3.5", how=None),
        docker(f"inspect -f '{_H}' @{{T}}-h1", label="two failures: unhealthy"),
        docker("ps --filter health=unhealthy --filter name=@{T}-h1 --format '{{.Names}} {{.Status}}'"),
        docker("ps --filter health=healthy --filter name=@{T}-h1 --format '{{.Names}}'"),
        docker("exec @{T}-h1 sh -c 'echo fine > /tmp/ready'"),
        host("sleep 2.5", how=None),
        docker("inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' @{T}-h1"),
        host(_LAST, label="the last probe read the file"),
        docker("ps --filter health=healthy --filter name=@{T}-h1 --format '{{.Names}} {{.Status}}'"),
        docker("stop -t 1 @{T}-h1", how="exit"),
        docker("inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' @{T}-h1",
               label="stopped: the monitor stops, unhealthy"),
        docker("ps -a --filter health=unhealthy --filter name=@{T}-h1 --format '{{.Names}} {{.Status}}'"),
        docker("start @{T}-h1", how="exit"),
        docker("inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' @{T}-h1"),
        host(_LAST, label="the log is kept across the restart"),
        docker("rm -f @{T}-h1", how="exit"),
        # the probes of a container in the foreground run while its process sleeps
        docker("run --name @{T}-fg --health-cmd 'echo ok' --health-interval 1s @{BASE} "
               "sh -c 'sleep 2.6; echo done'"),
        docker("inspect -f '{{.State.Health.Status}} {{len .State.Health.Log}} "
               "{{json (index .State.Health.Log 1).Output}}' @{T}-fg"),
        docker("rm @{T}-fg", how="exit"),
        # a probe past its timeout, a command that is not found
        docker("run -d --name @{T}-h2 --health-cmd 'sleep 5' --health-interval 1s "
               "--health-timeout 1s @{BASE} sleep 300", how="exit"),
        docker("run -d --name @{T}-h3 --health-cmd 'nosuchcmd' --health-interval 1s "
               "@{BASE} sleep 300", how="exit"),
        host("sleep 2.5", how=None),
        docker(f"inspect -f '{_H}' @{{T}}-h2"),
        docker(f"inspect -f '{_H}' @{{T}}-h3"),
        docker("rm -f @{T}-h2 @{T}-h3", how="exit"),
        # a Dockerfile HEALTHCHECK, overridden by the run flags
        build('FROM @{BASE}\nHEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD cat /healthy\n'
              'CMD ["sleep", "300"]\n', "@{T}-img", how="exit"),
        docker("image inspect -f '{{json .Config.Healthcheck}}' @{T}-img"),
        docker("run -d --name @{T}-d1 @{T}-img", how="exit"),
        docker("run -d --name @{T}-d2 --no-healthcheck @{T}-img", how="exit"),
        docker("run -d --name @{T}-d3 --health-cmd true --health-interval 30s @{T}-img", how="exit"),
        host("sleep 1.6", how=None),
        docker(f"inspect -f '{_H}' @{{T}}-d1"),
        docker("inspect -f '{{json .State.Health}} {{json .Config.Healthcheck}}' @{T}-d2"),
        docker("inspect -f '{{json .Config.Healthcheck}} {{.State.Health.Status}}' @{T}-d3"),
        docker("ps --filter health=none --filter name=@{T}-d --format '{{.Names}}'"),
        docker("ps --filter health=starting --filter name=@{T}-d --format '{{.Names}}'"),
        docker("exec @{T}-d1 sh -c 'echo I am fine > /healthy'"),
        host("sleep 2.2", how=None),
        docker("inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' @{T}-d1"),
        docker("rm -f @{T}-d1 @{T}-d2 @{T}-d3", how="exit"),
        docker("rmi @{T}-img", how="exit"),
        # the exec form: a command that cannot be started is the exec's error, -1
        build('FROM @{BASE}\nHEALTHCHECK --interval=1s CMD ["nosuch", "arg"]\n', "@{T}-img2",
              how="exit"),
        docker("run -d --name @{T}-n1 @{T}-img2 sleep 300", how="exit"),
        host("sleep 1.6", how=None),
        docker(f"inspect -f '{_H}' @{{T}}-n1"),
        docker("rm -f @{T}-n1", how="exit"),
        docker("rmi @{T}-img2", how="exit"),
        # docker wait: a process that ends by itself, in order, with the errors at the end
        docker("run -d --name @{T}-w1 @{BASE} sh -c 'echo a; sleep 2; echo b > /tmp/b; echo c; "
               "exit 3'", how="exit"),
        docker("run -d --name @{T}-w2 @{BASE} sleep 1", how="exit"),
        docker("create --name @{T}-w3 @{BASE} true", how="exit"),
        docker("exec @{T}-w1 ls /tmp", label="still sleeping"),
        docker("wait @{T}-w1 @{T}-w2 @{T}-w3"),
        docker("ps -a --filter name=@{T}-w --format '{{.Names}} {{.Status}}'"),
        docker("logs @{T}-w1"),
        docker("diff @{T}-w1", how="sorted"),
        docker("wait @{T}-nosuch @{T}-w2"),
        docker("rm @{T}-w1 @{T}-w2 @{T}-w3", how="exit"),
        # logs -f follows a process to its end
        docker("run -d --name @{T}-f @{BASE} sh -c 'echo one; sleep 2; echo two; exit 1'",
               how="exit"),
        docker("logs -f --tail 1 @{T}-f"),
        docker("inspect -f '{{.State.Status}} {{.State.ExitCode}}' @{T}-f"),
        docker("rm @{T}-f", how="exit"),
        # a restart policy: each wait returns at the next exit
        docker("run -d --name @{T}-r --restart on-failure:1 @{BASE} sh -c 'sleep 1; exit 4'",
               how="exit"),
        docker("wait @{T}-r"),
        docker("wait @{T}-r"),
        docker("inspect -f '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}' @{T}-r"),
        docker("rm @{T}-r", how="exit"),
        # docker stop: PID 1 (sh) ignores SIGTERM, but its script ends before the timeout
        docker("run -d --name @{T}-s @{BASE} sh -c 'sleep 2; exit 5'", how="exit"),
        docker("stop @{T}-s"),
        docker("inspect -f '{{.State.Status}} {{.State.ExitCode}}' @{T}-s"),
        docker("rm @{T}-s", how="exit"),
    ],
)
