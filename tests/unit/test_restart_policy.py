"""Restart policies (daemon/restartmanager.py): `--restart` parsed and checked as docker/cli
and moby do, the restart manager's schedule on the simulated clock, what stop/kill/start
do to it, and what a daemon restart (systemctl) brings back, with and without live-restore.
The real engine's side of the same sessions: tests/realdocker/scenarios/s27_restart_policy.py."""
from __future__ import annotations

import time

import pytest

from dockstore_magic.clock import parse_time
from dockstore_magic.daemon import restartmanager
from dockstore_magic.daemon.restartmanager import (DEFAULT_TIMEOUT, MAX_RESTART_TIMEOUT,
                                                   RestartManager)

FORMAT = "{{.State.Status}} {{.State.Running}} {{.State.Restarting}} {{.RestartCount}} {{.State.ExitCode}}"


@pytest.fixture
def bb(sim):
    sim.docker("pull -q busybox", check=True)
    return sim


def state(sim, name: str) -> str:
    return sim.docker(["inspect", "-f", FORMAT, name], check=True).stdout.strip()


def times(sim, name: str) -> tuple[float, float]:
    s, f = sim.docker(["inspect", "-f", "{{.State.StartedAt}} {{.State.FinishedAt}}", name],
                      check=True).stdout.split()
    return parse_time(s), parse_time(f)


def schedule(seconds: float) -> int:
    """How many restarts moby decides within ``seconds`` for a command that exits at once:
    delays of 100 ms doubling up to 1 min (restartmanager.go), a restart decided at each exit."""
    t, delay, decided = 0.0, 0.0, 1           # the first exit decides the first restart
    while True:
        delay = DEFAULT_TIMEOUT if delay == 0 else min(delay * 2, MAX_RESTART_TIMEOUT)
        t += delay
        if t > seconds:
            return decided
        decided += 1


# ---------------------------------------------------------------------- the manager
def test_the_delay_doubles_to_a_minute_and_a_long_run_resets_it():
    rm = RestartManager({"Name": "always"})
    delays = []
    for _ in range(12):
        assert rm.should_restart(0, False, 0.0)
        delays.append(rm.timeout)
    assert delays[:4] == [0.1, 0.2, 0.4, 0.8]
    assert delays[-1] == 60.0 and all(b == min(2 * a, 60.0) for a, b in zip(delays, delays[1:]))
    assert rm.should_restart(0, False, 10.0) and rm.timeout == 0.1
    assert rm.restart_count == 13


@pytest.mark.parametrize("policy, code, manual, count, expected", [
    ({"Name": "no"}, 1, False, 0, False),
    ({"Name": "always"}, 0, True, 0, True),
    ({"Name": "unless-stopped"}, 0, False, 0, True),
    ({"Name": "unless-stopped"}, 1, True, 0, False),
    ({"Name": "on-failure"}, 0, False, 0, False),
    ({"Name": "on-failure"}, 2, False, 50, True),
    ({"Name": "on-failure", "MaximumRetryCount": 2}, 2, False, 1, True),
    ({"Name": "on-failure", "MaximumRetryCount": 2}, 2, False, 2, False),
])
def test_should_restart_follows_the_policy(policy, code, manual, count, expected):
    assert RestartManager(policy, count).should_restart(code, manual, 0.0) is expected


def test_a_cancelled_manager_never_restarts():
    rm = RestartManager({"Name": "always"})
    rm.cancel()
    assert not rm.should_restart(1, False, 0.0)


# ---------------------------------------------------------------------- the CLI and the API
@pytest.mark.parametrize("flag, code, text", [
    ("bogus", 1, "Error response from daemon: invalid restart policy: unknown policy 'bogus'; use "
                 "one of 'no', 'always', 'on-failure', or 'unless-stopped'\n"),
    ("always:3", 1, "Error response from daemon: invalid restart policy: maximum retry count can "
                    "only be used with 'on-failure'\n"),
    ("on-failure:-1", 1, "Error response from daemon: invalid restart policy: maximum retry count "
                         "cannot be negative\n"),
    ("on-failure:x", 125, "docker: invalid restart policy format: maximum retry count must be an "
                          "integer\n\nRun 'docker create --help' for more information\n"),
    (":3", 125, "docker: invalid restart policy format: no policy provided before colon\n\n"
                "Run 'docker create --help' for more information\n"),
])
def test_bad_policies_get_dockers_errors_and_create_nothing(bb, flag, code, text):
    r = bb.docker(["create", "--restart", flag, "busybox", "true"])
    assert (r.exit_code, r.stdout, r.stderr) == (code, "", text)
    assert bb.docker("ps -aq").stdout == ""


def test_restart_with_rm_conflicts_in_the_client_and_the_daemon(bb):
    r = bb.docker("run --rm --restart unless-stopped busybox true")
    assert r.exit_code == 125
    assert r.stderr.startswith("docker: conflicting options: cannot specify both --restart and --rm\n")
    assert bb.docker("run --rm --restart no busybox echo ok").stdout == "ok\n"
    from dockstore_magic.errors import InvalidParameter
    with pytest.raises(InvalidParameter, match="can't create 'AutoRemove' container with restart policy"):
        bb.engine.containers.create({"Image": "busybox", "Cmd": ["true"]},
                                    {"AutoRemove": True, "RestartPolicy": {"Name": "always"}})
    assert bb.docker("ps -aq").stdout == ""


@pytest.mark.parametrize("flag, policy", [
    (None, '{"Name":"no","MaximumRetryCount":0}'),
    ("always:", '{"Name":"always","MaximumRetryCount":0}'),
    ("on-failure:5", '{"Name":"on-failure","MaximumRetryCount":5}'),
    ("unless-stopped", '{"Name":"unless-stopped","MaximumRetryCount":0}'),
])
def test_the_policy_is_in_inspect(bb, flag, policy):
    argv = ["create", "--name", "c1"] + (["--restart", flag] if flag else []) + ["busybox", "true"]
    bb.docker(argv, check=True)
    assert bb.docker("inspect -f '{{json .HostConfig.RestartPolicy}}' c1").stdout == policy + "\n"


# ---------------------------------------------------------------------- restarts on the clock
def test_always_runs_the_command_again_on_the_daemons_schedule(bb):
    bb.docker("run -d --name loop --restart always -v data:/data busybox "
              "sh -c 'echo x >> /data/log'", check=True)
    created = times(bb, "loop")[0]
    assert state(bb, "loop") == "restarting true true 1 0"
    assert bb.docker("ps --format '{{.Status}}|{{.State}}'").stdout == \
        "Restarting (0) Less than a second ago|restarting\n"
    bb.host("sleep 5")
    count = schedule(5.0)
    assert state(bb, "loop") == f"restarting true true {count} 0"
    lines = bb.host("wc -l < /var/lib/docker/volumes/data/_data/log").stdout.strip()
    assert int(lines) == count                       # the first run and each restart done
    started, finished = times(bb, "loop")
    # the last run started when its timer fell due (100 ms + 200 ms + … after the first)
    due = sum(min(DEFAULT_TIMEOUT * 2 ** k, MAX_RESTART_TIMEOUT) for k in range(count - 1))
    assert abs(started - created - due) < 0.01 and 0 <= finished - started < 0.01
    assert bb.docker("ps --filter status=restarting -q").stdout.strip() != ""


def test_a_restart_timer_fires_at_the_next_command_too(bb):
    bb.docker("run -d --name loop --restart always busybox true", check=True)
    bb.engine.clock.advance(1.0)                      # time passed (a foreground sleep…)
    assert state(bb, "loop") == f"restarting true true {schedule(1.0)} 0"


def test_on_failure_gives_up_after_its_retries_and_start_counts_again(bb):
    bb.docker("run -d --name fl --restart on-failure:2 busybox sh -c 'echo run; exit 3'", check=True)
    bb.host("sleep 3")
    assert state(bb, "fl") == "exited false false 2 3"
    assert bb.docker("logs fl").stdout == "run\n" * 3
    assert bb.docker("start fl").exit_code == 0
    assert state(bb, "fl") == "restarting true true 1 3"        # RestartCount back to 0, then 1
    bb.host("sleep 3")
    assert state(bb, "fl") == "exited false false 2 3"
    assert bb.docker("logs fl").stdout == "run\n" * 6
    bb.docker("run -d --name ok --restart on-failure busybox true", check=True)
    bb.host("sleep 1")
    assert state(bb, "ok") == "exited false false 0 0"


def test_a_restarting_container_refuses_exec_and_rm_and_stops_for_good(bb):
    cid = bb.docker("run -d --name loop --restart always -v data:/data busybox "
                    "sh -c 'echo x >> /data/log'", check=True).stdout.strip()
    bb.host("sleep 2")
    r = bb.docker("exec loop true")
    assert (r.exit_code, r.stderr) == (
        1, f"Error response from daemon: Container {cid} is restarting, wait until the container is running\n")
    r = bb.docker("rm loop")
    assert (r.exit_code, r.stderr) == (
        1, f"Error response from daemon: You cannot remove a restarting container {cid}. Stop the "
           "container before attempting removal or force remove\n")
    assert bb.docker("stop loop").stdout == "loop\n"
    assert state(bb, "loop").startswith("exited false false ")
    log = "/var/lib/docker/volumes/data/_data/log"
    before = bb.host(f"wc -l < {log}").stdout
    bb.host("sleep 120")
    assert bb.host(f"wc -l < {log}").stdout == before and state(bb, "loop").startswith("exited")
    assert bb.engine.container_store.get("loop").has_been_manually_stopped


def test_kill_ends_an_always_container_and_rm_f_a_restarting_one(bb):
    bb.docker("run -d --name kk --restart always busybox sleep 300", check=True)
    bb.docker("kill kk", check=True)
    bb.host("sleep 5")
    assert state(bb, "kk") == "exited false false 0 137"
    bb.docker("start kk", check=True)
    assert state(bb, "kk") == "running true false 0 0"
    bb.docker("run -d --name loop --restart always busybox true", check=True)
    assert bb.docker("rm -f loop").exit_code == 0
    assert bb.docker("ps -aq --filter name=loop").stdout == ""


def test_catching_up_is_bounded(bb):
    bb.docker("run -d --name loop --restart always busybox true", check=True)
    bb.engine.clock.advance(3600.0)
    t0 = time.monotonic()
    bb.docker("ps", check=True)
    assert state(bb, "loop") == f"restarting true true {schedule(3600.0)} 0"
    assert time.monotonic() - t0 < 30
    bb.engine.clock.advance(30 * 86400.0)             # a month: more than one command fires
    bb.docker("ps", check=True)
    loop = bb.engine.container_store.get("loop")
    assert loop.restart_count == schedule(3600.0) + restartmanager.MAX_FIRINGS


# ---------------------------------------------------------------------- the daemon restarts
def _policy_containers(sim):
    for name, policy in (("always", "always"), ("unless", "unless-stopped"),
                         ("stopped", "unless-stopped"), ("failing", "on-failure"),
                         ("never", "no")):
        sim.docker(f"run -d --name {name} --restart {policy} busybox sleep 1000", check=True)
    sim.docker("stop stopped", check=True)


def test_a_daemon_restart_brings_back_what_the_policies_say(bb):
    _policy_containers(bb)
    bb.docker("run -d --name looping --restart always busybox true", check=True)
    assert bb.host("systemctl restart docker").exit_code == 0
    # stopped at shutdown (exit 137 after the stop timeout: not by the user): always,
    # unless-stopped and on-failure (137 is a failure: moby#35166) come back
    running = bb.docker("ps --format '{{.Names}}'").stdout.split()
    assert sorted(running) == ["always", "failing", "looping", "unless"]
    assert bb.docker("ps -a --filter name=never --format '{{.Status}}'").stdout.startswith("Exited (137)")
    assert state(bb, "stopped") == "exited false false 0 137"
    assert state(bb, "looping") == "restarting true true 1 0"   # started anew: counted from 0


def test_live_restore_keeps_containers_running_across_a_daemon_restart(bb):
    bb.host("mkdir -p /etc/docker; echo '{\"live-restore\": true}' > /etc/docker/daemon.json; "
            "systemctl restart docker")
    _policy_containers(bb)
    before = {n: times(bb, n)[0] for n in ("always", "unless", "failing", "never")}
    assert bb.docker("info -f '{{.LiveRestoreEnabled}}'").stdout == "true\n"
    bb.docker("run -d --name looping --restart always busybox true", check=True)
    assert bb.host("systemctl restart docker").exit_code == 0
    ps = sorted(bb.docker("ps --format '{{.Names}}'").stdout.split())
    assert ps == ["always", "failing", "looping", "never", "unless"]
    assert {n: times(bb, n)[0] for n in before} == before           # never stopped
    assert state(bb, "stopped").startswith("exited")
    # the restarting one had no process for containerd to keep: stopped (255), then started
    assert state(bb, "looping") == "restarting true true 1 0"


def test_live_restore_must_be_a_bool(bb):
    r = bb.host("mkdir -p /etc/docker; echo '{\"live-restore\": \"yes\"}' > /etc/docker/daemon.json; "
                "systemctl restart docker")
    assert r.exit_code == 1
    journal = bb.host("systemctl status docker").stdout
    assert ("json: cannot unmarshal string into Go struct field Config.live-restore of type bool"
            in journal)


# ---------------------------------------------------------------------- docker update
def test_update_changes_the_policy_for_the_next_exit(bb):
    bb.docker("run --name ee busybox true", check=True)
    assert bb.docker("update --restart always ee").stdout == "ee\n"
    bb.host("sleep 1")
    assert state(bb, "ee") == "exited false false 0 0"          # no exit since: no restart
    bb.docker("start ee", check=True)
    bb.host("sleep 1")
    assert state(bb, "ee").startswith("restarting true true ")
    bb.docker("update --restart no ee", check=True)
    bb.host("sleep 5")                                            # the pending restart runs, once
    assert state(bb, "ee").startswith("exited false false ")
    assert bb.docker("inspect -f '{{json .HostConfig.RestartPolicy}}' ee").stdout == \
        '{"Name":"no","MaximumRetryCount":0}\n'


@pytest.mark.parametrize("argv, out, err", [
    ("update --restart bogus uu", "", "Error response from daemon: invalid restart policy: unknown "
     "policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\n"),
    ("update --restart on-failure:x uu", "",
     "invalid restart policy format: maximum retry count must be an integer\n"),
    ("update uu", "", "you must provide one or more flags when using this command\n"),
    ("update --restart always nope uu", "uu\n", "Error response from daemon: No such container: nope\n"),
    ("update --cpus 2 uu", "", "dockstore-magic: --cpus is not simulated\n"),
])
def test_update_errors(bb, argv, out, err):
    bb.docker("run -d --name uu busybox sleep 300", check=True)
    r = bb.docker(argv)
    assert (r.stdout, r.stderr) == (out, err) and r.exit_code != 0


def test_update_refuses_a_policy_for_an_autoremove_container(bb):
    cid = bb.docker("run -d --rm --name rr busybox sleep 300", check=True).stdout.strip()
    r = bb.docker("update --restart always rr")
    assert (r.exit_code, r.stderr) == (1, f"Error response from daemon: Cannot update container {cid}: "
                                          "Restart policy cannot be updated because AutoRemove is "
                                          "enabled for the container\n")
    assert bb.docker("update --restart no rr").stdout == "rr\n"
