"""Health checks (daemon/health.py) and `docker wait` on a running container, on the simulated
clock: the monitor's schedule (interval, start period, start interval, timeout, retries), the
probe run in the container's filesystem, State.Health in inspect, the STATUS column and the
health filter of `docker ps`, the --health-* flags (docker/cli container/opts.go), and a main
process that sleeps for a known time (runtime.MainProcess) resumed by the daemon's timers.
The real engine's side of the same sessions: tests/realdocker/scenarios/s34_health_wait.py."""
from __future__ import annotations

import json

import pytest

from dockstore_magic.clock import parse_time
from dockstore_magic.daemon import health


@pytest.fixture
def bb(sim):
    sim.docker("pull -q busybox", check=True)
    return sim


def h(sim, name: str) -> dict:
    return json.loads(sim.docker(["inspect", "-f", "{{json .State.Health}}", name], check=True).stdout)


def status(sim, name: str) -> str:
    return sim.docker(["ps", "-a", "--filter", f"name={name}", "--format", "{{.Status}}"],
                      check=True).stdout.strip()


def sleep(sim, seconds: float) -> None:
    assert sim.host(f"sleep {seconds}").exit_code == 0


# ---------------------------------------------------------------------- the monitor
def test_probes_run_on_the_clock_and_follow_the_containers_files(bb):
    bb.docker("run -d --name hc1 --health-cmd 'cat /tmp/ready' --health-interval 1s "
              "--health-retries 2 busybox sleep 300", check=True)
    assert h(bb, "hc1") == {"Status": "starting", "FailingStreak": 0, "Log": []}
    assert status(bb, "hc1") == "Up Less than a second (health: starting)"
    sleep(bb, 1.5)
    first = h(bb, "hc1")
    assert (first["Status"], first["FailingStreak"], len(first["Log"])) == ("starting", 1, 1)
    assert first["Log"][0]["ExitCode"] == 1
    assert first["Log"][0]["Output"] == "cat: can't open '/tmp/ready': No such file or directory\n"
    sleep(bb, 1)
    assert h(bb, "hc1")["Status"] == "unhealthy" and status(bb, "hc1") == "Up 2 seconds (unhealthy)"
    assert bb.docker("ps --filter health=unhealthy -q").stdout.strip()
    bb.docker(["exec", "hc1", "sh", "-c", "echo fine > /tmp/ready"], check=True)
    sleep(bb, 1)
    now = h(bb, "hc1")
    assert (now["Status"], now["FailingStreak"]) == ("healthy", 0)
    assert now["Log"][-1]["ExitCode"] == 0 and now["Log"][-1]["Output"] == "fine\n"
    assert status(bb, "hc1") == "Up 3 seconds (healthy)"
    assert bb.docker("ps --filter health=healthy --format {{.Names}}").stdout == "hc1\n"
    assert bb.docker("ps --filter health=unhealthy -q").stdout == ""
    assert bb.docker("inspect -f {{.State.Health.Status}} hc1").stdout == "healthy\n"


def test_the_interval_runs_from_the_end_of_the_last_probe_and_five_results_are_kept(bb):
    bb.docker("run -d --name hc1 --health-cmd 'sleep 2; exit 4' --health-interval 3s "
              "--health-retries 9 busybox sleep 300", check=True)
    started = parse_time(bb.docker("inspect -f {{.State.StartedAt}} hc1").stdout.strip())
    sleep(bb, 60)
    log = h(bb, "hc1")["Log"]
    assert len(log) == health.MAX_LOG_ENTRIES
    starts = [parse_time(e["Start"]) - started for e in log]
    ends = [parse_time(e["End"]) - started for e in log]
    # probes at 3, 8, 13…: each 2 s long, the next one 3 s after its end (the one that
    # starts at 58 s has ended when the 60 s are over)
    assert [round(s) for s in starts] == [38, 43, 48, 53, 58]
    assert [round(e - s) for s, e in zip(starts, ends)] == [2] * 5
    assert h(bb, "hc1")["FailingStreak"] == 9 + 3 and h(bb, "hc1")["Status"] == "unhealthy"


def test_a_probe_past_its_timeout_is_killed(bb):
    bb.docker("run -d --name hc1 --health-cmd 'echo started; sleep 10' --health-interval 1s "
              "--health-timeout 1500ms busybox sleep 300", check=True)
    sleep(bb, 3)
    entry = h(bb, "hc1")["Log"][0]
    assert entry["ExitCode"] == -1
    assert entry["Output"] == "Health check exceeded timeout (1.5s): started\n"
    assert parse_time(entry["End"]) - parse_time(entry["Start"]) == pytest.approx(1.5, abs=1e-3)


def test_the_default_interval_is_30_seconds_and_retries_3(bb):
    bb.docker("run -d --name hc1 --health-cmd false busybox sleep 300", check=True)
    sleep(bb, 29)
    assert h(bb, "hc1")["Log"] == []
    sleep(bb, 2)
    assert h(bb, "hc1")["FailingStreak"] == 1
    sleep(bb, 60)
    assert h(bb, "hc1")["Status"] == "unhealthy" and h(bb, "hc1")["FailingStreak"] == 3


def test_failures_within_the_start_period_do_not_count_and_the_start_interval_applies(bb):
    bb.docker("run -d --name hc1 --health-cmd false --health-interval 10s --health-retries 1 "
              "--health-start-period 4s --health-start-interval 1s busybox sleep 300", check=True)
    sleep(bb, 3.5)                 # probes at 1, 2, 3 s: within the start period
    now = h(bb, "hc1")
    assert (now["Status"], now["FailingStreak"], len(now["Log"])) == ("starting", 0, 3)
    sleep(bb, 1)                   # at 4 s, past the period: this one counts
    now = h(bb, "hc1")
    assert (now["Status"], now["FailingStreak"], len(now["Log"])) == ("unhealthy", 1, 4)
    sleep(bb, 9)                   # then the interval: none at 13.5 s, one at 14 s
    assert len(h(bb, "hc1")["Log"]) == 4
    sleep(bb, 1)
    assert len(h(bb, "hc1")["Log"]) == 5


def test_the_image_healthcheck_is_used_and_run_flags_override_its_fields(bb):
    bb.build("FROM busybox\nHEALTHCHECK --interval=2s --retries=1 CMD cat /healthy\n", tag="hc:1")
    bb.docker("run -d --name img hc:1 sleep 300", check=True)
    bb.docker("run -d --name fast --health-interval 1s hc:1 sleep 300", check=True)
    bb.docker("run -d --name off --no-healthcheck hc:1 sleep 300", check=True)
    assert bb.docker("inspect -f '{{json .Config.Healthcheck}}' fast").stdout == \
        '{"Test":["CMD-SHELL","cat /healthy"],"Interval":1000000000,"Retries":1}\n'
    sleep(bb, 1.5)
    assert h(bb, "img")["Log"] == [] and len(h(bb, "fast")["Log"]) == 1
    assert h(bb, "fast")["Status"] == "unhealthy"
    assert bb.docker("inspect -f '{{json .State.Health}} {{json .Config.Healthcheck}}' off").stdout == \
        'null {"Test":["NONE"],"Interval":2000000000,"Retries":1}\n'     # (merged, as moby does)
    assert status(bb, "off").startswith("Up ") and "(" not in status(bb, "off")
    assert bb.docker("ps --filter health=none --format {{.Names}}").stdout == "off\n"


def test_stop_makes_it_unhealthy_and_start_begins_again(bb):
    bb.docker("run -d --name hc1 --health-cmd true --health-interval 1s busybox sleep 300", check=True)
    sleep(bb, 1)
    assert h(bb, "hc1")["Status"] == "healthy"
    bb.docker("stop hc1", check=True)
    stopped = h(bb, "hc1")
    assert (stopped["Status"], stopped["FailingStreak"], len(stopped["Log"])) == ("unhealthy", 0, 1)
    assert status(bb, "hc1").startswith("Exited (137)")
    sleep(bb, 5)
    assert len(h(bb, "hc1")["Log"]) == 1                  # no probe while stopped
    bb.docker("start hc1", check=True)
    assert h(bb, "hc1")["Status"] == "starting" and len(h(bb, "hc1")["Log"]) == 1
    # a container whose process exits at once: its monitor stops at once
    bb.docker("run --name quick --health-cmd true busybox true", check=True)
    assert h(bb, "quick") == {"Status": "unhealthy", "FailingStreak": 0, "Log": []}


def test_the_health_flags_as_the_cli_and_the_daemon_check_them(bb):
    def err(line):
        r = bb.docker(line)
        return r.exit_code, r.stderr.splitlines()[0]
    assert err("run --no-healthcheck --health-cmd true busybox true") == \
        (125, "docker: --no-healthcheck conflicts with --health-* options")
    assert err("run --health-retries -1 busybox true") == (125, "docker: --health-retries cannot be negative")
    assert err("run --health-interval=-1s busybox true") == (125, "docker: --health-interval cannot be negative")
    assert err("run --health-timeout 500us busybox true") == \
        (125, "docker: Error response from daemon: Timeout in Healthcheck cannot be less than 1ms")
    assert err("create --health-start-period 1ns busybox true") == \
        (1, "Error response from daemon: StartPeriod in Healthcheck cannot be less than 1ms")
    assert bb.docker("ps -aq").stdout == ""               # nothing was created
    bb.docker("create --name hc1 --health-cmd 'exit 0' --health-timeout 2s --health-start-interval 3s "
              "busybox", check=True)
    assert bb.docker("inspect -f '{{json .Config.Healthcheck}}' hc1").stdout == \
        '{"Test":["CMD-SHELL","exit 0"],"Timeout":2000000000,"StartInterval":3000000000}\n'


def test_probe_output_is_cut_at_4096_bytes(bb):
    bb.docker("run -d --name hc1 --health-cmd 'head -c 5000 /dev/zero | tr \"\\0\" x' "
              "--health-interval 1s busybox sleep 300", check=True)
    sleep(bb, 1)
    assert h(bb, "hc1")["Log"][0]["Output"] == "x" * 4096 + "..."


# ---------------------------------------------------------------------- docker wait
def test_wait_moves_the_clock_to_the_end_of_a_sleeping_process(bb):
    bb.docker("run -d --name w1 busybox sh -c 'echo a; sleep 2; echo b > /tmp/b; echo c; exit 3'",
              check=True)
    bb.docker("run -d --name w2 busybox sleep 1", check=True)
    bb.docker("create --name w3 busybox true", check=True)
    assert bb.docker("exec w1 ls /tmp").stdout == ""     # the sleep has not ended yet
    started = parse_time(bb.docker("inspect -f {{.State.StartedAt}} w1").stdout.strip())
    r = bb.docker("wait w1 w2 w3")
    assert (r.exit_code, r.stdout) == (0, "3\n0\n0\n")
    finished = parse_time(bb.docker("inspect -f {{.State.FinishedAt}} w1").stdout.strip())
    assert finished - started == pytest.approx(2, abs=1e-3)
    assert bb.docker("logs w1").stdout == "a\nc\n"
    assert bb.docker("diff w1").stdout == "C /tmp\nA /tmp/b\n"
    r = bb.docker("wait nosuch w2")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "0\n", "Error response from daemon: No such container: nosuch\n")


def test_time_passing_ends_a_sleeping_process_without_wait(bb):
    bb.docker("run -d --name ww busybox sh -c 'sleep 5; exit 7'", check=True)
    sleep(bb, 4)
    assert status(bb, "ww") == "Up 4 seconds"
    sleep(bb, 2)
    assert status(bb, "ww") == "Exited (7) 1 second ago"


def test_stop_lets_a_process_end_by_itself_before_the_timeout(bb):
    bb.docker("run -d --name ww busybox sh -c 'sleep 3; exit 5'", check=True)
    assert bb.docker("stop ww").exit_code == 0
    assert bb.docker("inspect -f {{.State.ExitCode}} ww").stdout == "5\n"
    bb.docker("run -d --name long busybox sh -c 'sleep 30; exit 5'", check=True)
    bb.docker("stop long", check=True)
    assert bb.docker("inspect -f {{.State.ExitCode}} long").stdout == "137\n"
    bb.docker("start long", check=True)                  # killed in its sleep: starts afresh
    r = bb.docker("wait long")
    assert r.stdout == "5\n"


def test_wait_refuses_a_process_that_never_ends_by_itself(bb):
    bb.docker("run -d --name inf busybox sleep infinity", check=True)
    bb.docker("run -d --name ww busybox sh -c 'sleep 1; exit 2'", check=True)
    r = bb.docker("wait ww inf")
    assert r.exit_code == 125 and r.stdout == ""
    assert r.stderr == ("dockstore-magic: waiting for a running container (inf) is not simulated: "
                        "its process never ends by itself (the engine's docker wait would block "
                        "forever); docker stop inf ends it\n")
    assert status(bb, "ww").startswith("Up")              # nothing happened


def test_wait_returns_at_the_next_exit_of_a_restarting_container(bb):
    bb.docker("run -d --name rr --restart on-failure:2 busybox sh -c 'sleep 1; exit 4'", check=True)
    assert bb.docker("wait rr").stdout == "4\n"
    assert bb.docker("inspect -f '{{.State.Status}} {{.RestartCount}}' rr").stdout == "restarting 1\n"
    assert bb.docker("wait rr").stdout == "4\n"
    assert bb.docker("wait rr").stdout == "4\n"
    assert bb.docker("inspect -f '{{.State.Status}} {{.RestartCount}}' rr").stdout == "exited 2\n"


def test_a_sleeping_process_is_killed_with_its_container(bb):
    bb.docker("run -d --name kk busybox sh -c 'sleep 2; echo late > /late'", check=True)
    bb.docker("rm -f kk", check=True)
    sleep(bb, 3)
    assert bb.docker("ps -aq").stdout == ""


def test_logs_follow_a_process_to_its_end(bb):
    bb.docker("run -d --name ff busybox sh -c 'echo one; sleep 3; echo two; exit 1'", check=True)
    assert bb.docker("logs ff").stdout == "one\n"
    r = bb.docker("logs -f --tail 1 ff")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "one\ntwo\n", "")
    assert status(bb, "ff") == "Exited (1) Less than a second ago"
    bb.docker("run -d --name inf busybox sh -c 'echo up; sleep infinity'", check=True)
    r = bb.docker("logs -f inf")
    assert r.stdout == "up\n" and r.stderr.startswith("dockstore-magic: the container keeps running")


def test_a_foreground_process_sleeping_lets_the_probes_run(bb):
    r = bb.docker("run --name fg --health-cmd 'echo ok' --health-interval 1s busybox "
                  "sh -c 'sleep 3.5; echo done'")
    assert (r.exit_code, r.stdout) == (0, "done\n")
    now = h(bb, "fg")
    assert (now["Status"], len(now["Log"])) == ("unhealthy", 3)    # stopped: unhealthy
    assert {e["Output"] for e in now["Log"]} == {"ok\n"}


def test_an_exec_form_probe_that_cannot_start_fails_with_the_exec_error(bb):
    bb.build('FROM busybox\nHEALTHCHECK --interval=1s CMD ["nosuch", "arg"]\n', tag="hc:2")
    bb.docker("run -d --name nn hc:2 sleep 300", check=True)
    sleep(bb, 1)
    entry = h(bb, "nn")["Log"][0]
    assert entry["ExitCode"] == -1
    assert entry["Output"] == ('OCI runtime exec failed: exec failed: unable to start container '
                               'process: exec: "nosuch": executable file not found in $PATH: unknown')
