"""Restart policies (`docker run --restart`): the client's parsing (docker/cli opts/parse.go
ParseRestartPolicy, the --rm conflict), the daemon's checks (ValidateRestartPolicy), and the
restart manager at work (moby restartmanager/restartmanager.go, daemon/monitor.go): a
container whose command exits is started again after a delay that doubles, its command
running again each time (a line more in a volume's file), `on-failure:N` gives up after N
restarts, `docker start` counts again from 0, `docker stop`/`kill` end the loop for good,
`docker update --restart` changes the policy for the next exit.
While a restart waits the container is `restarting` (Running and Restarting true, Pid 0):
`docker exec` and `docker rm` refuse it.  What a daemon restart does (the engine here is
shared, so it is never restarted) is read from moby daemon/daemon.go and tested in
tests/unit/test_restart_policy.py."""
from . import Scenario, docker, host

_RESTART_STATE = "{{.State.Status}} {{.State.Running}} {{.State.Restarting}} {{.RestartCount}} {{.State.ExitCode}}"

SCENARIO = Scenario(
    "restart_policy",
    __doc__,
    steps=[
        # parsing (client) and validation (daemon)
        docker("create --restart bogus @{BASE} true", diffs=("restart-policy-unknown",)),
        docker("create --restart ON-FAILURE @{BASE} true", diffs=("restart-policy-unknown",)),
        docker("create --restart on-failure:x @{BASE} true"),
        docker("create --restart :3 @{BASE} true"),
        docker("create --restart always:3 @{BASE} true", diffs=("restart-policy-count",)),
        docker("create --restart unless-stopped:1 @{BASE} true", diffs=("restart-policy-count",)),
        docker("create --restart on-failure:-1 @{BASE} true", diffs=("restart-policy-negative",)),
        docker("run --rm --restart always @{BASE} true"),
        docker("run --rm --restart on-failure:3 @{BASE} true"),
        docker("run --rm --restart no @{BASE} echo fine"),
        docker("create --name @{T}-p1 --restart on-failure:5 @{BASE} true", how="exit"),
        docker("create --name @{T}-p2 --restart always: @{BASE} true", how="exit"),
        docker("create --name @{T}-p3 --restart unless-stopped @{BASE} true", how="exit"),
        docker("create --name @{T}-p4 @{BASE} true", how="exit"),
        docker("inspect -f '{{.Name}} {{json .HostConfig.RestartPolicy}} {{.RestartCount}}' "
               "@{T}-p1 @{T}-p2 @{T}-p3 @{T}-p4"),
        docker("rm @{T}-p1 @{T}-p2 @{T}-p3 @{T}-p4", how="exit"),
        # on-failure:2 gives up after two restarts; docker start counts again from 0
        docker("run -d --name @{T}-fail --restart on-failure:2 @{BASE} sh -c 'echo run; exit 3'",
               how="exit"),
        host("sleep 3", how=None),
        docker("ps -a --filter name=@{T}-fail --format '{{.Status}} {{.State}}'"),
        docker(f"inspect -f '{_RESTART_STATE}' @{{T}}-fail"),
        docker("logs @{T}-fail"),
        docker("start @{T}-fail"),
        host("sleep 3", how=None),
        docker(f"inspect -f '{_RESTART_STATE}' @{{T}}-fail", label="after docker start: 2 again"),
        docker("logs @{T}-fail", label="three runs more"),
        # on-failure after a success: no restart
        docker("run -d --name @{T}-ok --restart on-failure @{BASE} true", how="exit"),
        host("sleep 1", how=None),
        docker(f"inspect -f '{_RESTART_STATE}' @{{T}}-ok"),
        # always: the command runs again and again, on the daemon's schedule
        docker("run -d --name @{T}-loop --restart always -v @{T}-vol:/data @{BASE} "
               "sh -c 'echo x >> /data/log'", how="exit"),
        host("sleep 4", how=None),
        # (between two runs the engine shows it restarting, during one running: which of the
        # two a step meets is a race, so only what both share is compared here; the restarting
        # state's texts are unit tests, tests/unit/test_restart_policy.py)
        docker("inspect -f '{{.State.Running}} {{.State.ExitCode}}' @{T}-loop"),
        docker("rm @{T}-loop", how="exit"),
        docker("run --rm -v @{T}-vol:/data @{BASE} sh -c '[ $(wc -l < /data/log) -ge 4 ] && "
               "echo ran at least 4 times'"),
        docker("stop @{T}-loop"),
        docker("inspect -f '{{.State.Status}} {{.State.Running}} {{.State.Restarting}} "
               "{{.State.ExitCode}}' @{T}-loop"),
        docker("run --rm -v @{T}-vol:/data @{BASE} wc -l /data/log", how=None, capture="lines"),
        host("sleep 2", how=None),
        docker("run --rm -v @{T}-vol:/data @{BASE} wc -l /data/log", how="same-as:lines",
               label="stopped by the user: no more runs"),
        docker("rm -v @{T}-loop", how="exit"),
        docker("volume rm @{T}-vol", how="exit"),
        # docker kill: not restarted either (the kill cancels the restart manager)
        docker("run -d --name @{T}-k --restart always @{BASE} sleep 300", how="exit"),
        docker("kill @{T}-k"),
        host("sleep 1", how=None),
        docker(f"inspect -f '{_RESTART_STATE}' @{{T}}-k"),
        docker("start @{T}-k"),
        docker(f"inspect -f '{_RESTART_STATE}' @{{T}}-k", label="started by the user"),
        # docker update --restart (successes are compared by their effect: the engine here
        # warns on stdout that IPv4 forwarding is off, its bridge being disabled)
        docker("update --restart on-failure:3 @{T}-k", how="exit"),
        docker("inspect -f '{{json .HostConfig.RestartPolicy}}' @{T}-k"),
        docker("update --restart bogus @{T}-k", diffs=("restart-policy-unknown",)),
        docker("update --restart on-failure:x @{T}-k"),
        docker("update --restart always:2 @{T}-k", diffs=("restart-policy-count",)),
        docker("update @{T}-k"),
        docker("update --restart always"),
        docker("run -d --rm --name @{T}-r @{BASE} sleep 300", how="exit"),
        docker("update --restart always @{T}-r"),
        docker("rm -f @{T}-r", how="exit"),
        docker("run --name @{T}-e @{BASE} true", how="exit"),
        docker("update --restart always @{T}-e", how="exit"),
        host("sleep 1", how=None),
        docker(f"inspect -f '{_RESTART_STATE}' @{{T}}-e", label="a new policy waits for the next exit"),
        # `update --restart no` while the container runs (a container in its restart loop
        # is a race on the engine: under load the update fails with exit 1 and the loop
        # stops either way), then its own exit: not restarted
        docker("run -d --name @{T}-n --restart always @{BASE} sh -c 'sleep 5; exit 1'", how="exit"),
        docker("update --restart no @{T}-n", how="exit"),
        host("sleep 7", how=None),
        docker("inspect -f '{{.State.Status}} {{.State.Restarting}} {{.State.ExitCode}} "
               "{{.RestartCount}} {{json .HostConfig.RestartPolicy}}' @{T}-n",
               label="no: the loop ends at the next exit"),
        docker("rm -f @{T}-k @{T}-fail @{T}-ok @{T}-e @{T}-n", how="exit"),
    ],
)
