"""What the no-silent-no-ops audit (test_no_silent_noops.py) found accepted and ignored, or
blocked, each checked against the real engine in tests/realdocker/scenarios/s30_noop_audit.py."""
import json


def _chain(sim):
    """base:1 ← top:1 by two commits; the containers gone, so only the images hold them."""
    for line in ("run --name c1 busybox sh -c 'echo 1 > /one'", "commit c1 base:1",
                 "run --name c2 base:1 sh -c 'echo 2 > /two'", "commit c2 top:1", "rm c1 c2"):
        sim.docker(line, check=True)
    return sim.docker("image inspect -f '{{.Id}}' base:1").stdout.strip()


def test_untagging_a_parent_image_keeps_it_as_an_intermediate(sim):
    # moby imageIsDangling: an image with a child is not dangling, its conflict is quiet
    base = _chain(sim)
    r = sim.docker("rmi base:1")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Untagged: base:1\n", "")
    assert base in sim.docker("images -a -q --no-trunc").stdout
    assert base not in sim.docker("images -q --no-trunc").stdout


def test_rmi_prunes_untagged_parents_unless_no_prune(sim):
    base = _chain(sim)
    sim.docker("rmi base:1", check=True)
    sim.docker("tag top:1 top:2", check=True)
    r = sim.docker("rmi --no-prune top:1 top:2")
    assert r.stdout.count("Deleted: ") == 2 and r.stdout.startswith("Untagged: top:1\nUntagged: top:2\n")
    assert base in sim.docker("images -a -q --no-trunc").stdout
    sim.docker("tag " + base + " top:3", check=True)
    sim.docker("commit " + sim.docker("create top:3").stdout.strip() + " leaf:1", check=True)
    sim.docker("container prune -f", check=True)
    sim.docker("rmi top:3", check=True)
    r = sim.docker("rmi leaf:1")
    assert base.removeprefix("sha256:") in r.stdout      # pruned with its child


def test_a_kill_stop_signal_needs_no_timeout(sim):
    # moby daemon/stop.go: the stop signal, then a wait; SIGKILL ends PID 1 at once
    for flags, stop in (("--stop-signal KILL", "stop c1"), ("", "stop -s 9 c1"), ("", "stop c1")):
        s = type(sim)()
        s.docker(f"run -d --name c1 {flags} busybox sleep 1000", check=True)
        s.docker(stop, check=True)
        state = json.loads(s.docker("inspect -f '{{json .State}}' c1").stdout)
        waited = state["FinishedAt"][17:19]
        assert (state["ExitCode"], waited) == (137, "10" if stop == "stop c1" and not flags else "00"), stop


def test_version_format(sim):
    r = sim.docker(["version", "--format", "{{.Client.Version}} {{.Client.Platform}} {{.Server.APIVersion}}"])
    assert (r.exit_code, r.stdout, r.stderr) == (0, "28.2.2 <nil> 1.50\n", "")
    doc = json.loads(sim.docker("version --format json").stdout)
    assert list(doc["Client"])[:3] == ["Version", "ApiVersion", "DefaultAPIVersion"]
    assert doc["Server"]["Components"][0]["Name"] == "Engine" and "Experimental" not in doc["Server"]
    r = sim.docker(["version", "--format", "{{.Client.Version}}x{{.Nope}}"])
    assert (r.exit_code, r.stdout) == (1, "28.2.2x\n")
    assert r.stderr == ('template: version:1:22: executing "version" at <.Nope>: can\'t evaluate '
                        "field Nope in type system.versionInfo\n")
    r = sim.docker(["version", "--format", "{{.Client"])
    assert (r.exit_code, r.stdout, r.stderr) == (64, "", "template parsing error: template: version:1: unclosed action\n")


def _build(sim, text: str, tag: str):
    sim.host("mkdir -p /ctx && echo a > /ctx/a && cat > /ctx/Dockerfile <<'EOF'\n" + text + "EOF")
    return sim.docker(["build", "-t", tag, "/ctx"])


def test_onbuild_triggers_run_in_the_child_build(sim):
    # BuildKit dockerfile2llb resolveStages/initOnBuildTriggers: before the stage's own
    # instructions, no steps of its count, "ONBUILD " in the vertex name; no OnBuild inherited
    assert _build(sim, "FROM busybox\nONBUILD COPY --chown=5 a /b\nONBUILD RUN echo hi > /hi\n",
                  "ob:1").exit_code == 0
    r = _build(sim, "FROM ob:1\nRUN cat /hi\n", "ob:2")
    steps = [l for l in r.stderr.splitlines() if l.startswith("#") and "/2]" in l]
    assert [s.split(" ", 1)[1] for s in steps] == [
        "[1/2] FROM docker.io/library/ob:1", "[2/2] ONBUILD COPY --chown=5 a /b",
        "[3/2] ONBUILD RUN echo hi > /hi", "[4/2] RUN cat /hi"]
    assert sim.docker(["run", "--rm", "ob:2", "stat", "-c", "%u", "/b"]).stdout == "5\n"
    assert sim.docker(["image", "inspect", "-f", "{{json .Config.OnBuild}}", "ob:1", "ob:2"]).stdout == \
        '["COPY --chown=5 a /b","RUN echo hi > /hi"]\nnull\n'


def test_onbuild_of_an_earlier_stage_runs_in_the_stage_built_from_it(sim):
    r = _build(sim, "FROM busybox AS a\nONBUILD RUN echo trig > /trig\nFROM a\nRUN cat /trig\n", "ob:3")
    assert "#6 [stage-1 2/1] RUN cat /trig\n#6 0.040 trig\n" in r.stderr
    assert sim.docker(["image", "inspect", "-f", "{{json .Config.OnBuild}}", "ob:3"]).stdout == "null\n"


def test_a_trigger_with_a_flag_not_simulated_is_refused_at_the_from_line(sim):
    assert _build(sim, "FROM busybox\nONBUILD COPY --link a /b\n", "ob:5").exit_code == 0
    before = sorted(sim.engine.image_store.images)
    r = _build(sim, "# child\nFROM ob:5\n", "ob:6")
    assert r.exit_code == 1 and "   2 | >>> FROM ob:5\n" in r.stderr
    assert r.stderr.endswith("ERROR: failed to solve: dockstore-magic: COPY --link is not simulated\n")
    assert sorted(sim.engine.image_store.images) == before


def test_onbuild_triggers_buildkit_refuses(sim):
    # parseOnBuild (definition time); a trigger's own parse error has no "parse error on line"
    for text, error in [
            ("FROM busybox\nONBUILD ONBUILD RUN x\n",
             "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
            ("FROM busybox\nonbuild maintainer me\n",
             "dockerfile parse error on line 2: MAINTAINER isn't allowed as an ONBUILD trigger"),
            ("FROM busybox AS base\nONBUILD FOO bar\nFROM base\n", "unknown instruction: FOO")]:
        r = _build(sim, text, "t:1")
        assert (r.exit_code, r.stderr.splitlines()[-1]) == (1, "ERROR: failed to solve: " + error)


def test_onbuild_writes_no_history(sim):
    # dockerfile2llb dispatchOnbuild appends to the config's OnBuild, and commits no history
    assert _build(sim, "FROM busybox\nONBUILD RUN true\nENV A=1\n", "ob:1").exit_code == 0
    assert sim.docker(["history", "--format", "{{.CreatedBy}}", "ob:1"]).stdout.split("\n")[:2] == \
        ["ENV A=1", "BusyBox 1.37.0 (glibc), Debian 12"]


def _config(sim, image: str, *fields: str) -> list:
    out = sim.docker(["image", "inspect", "-f", "\n".join("{{json .Config.%s}}" % f for f in fields), image])
    return [json.loads(x) for x in out.stdout.splitlines()]


def test_change_is_a_dockerfile_line_as_moby_build_from_config_reads_it(sim):
    sim.docker(["run", "--name", "c1", "-w", "/tmp", "busybox", "true"], check=True)
    sim.docker(["commit", "-c", 'LABEL a=b c="d e"', "-c", 'ENV A=1 B="2 3"', "-c", "ENV C 4 5",
                "-c", "ENV D=$A/x", "-c", "ONBUILD RUN x", "-c", "HEALTHCHECK CMD true",
                "-c", "WORKDIR sub", "-c", "expose 80-81 90/udp", "c1", "img:1"], check=True)
    labels, env, onbuild, health, wd, ports = _config(sim, "img:1", "Labels", "Env", "OnBuild",
                                                       "Healthcheck", "WorkingDir", "ExposedPorts")
    assert labels == {"a": "b", "c": "d e"} and env[-4:] == ["A=1", "B=2 3", "C=4 5", "D=1/x"]
    assert (onbuild, health, wd) == (["RUN x"], {"Test": ["CMD-SHELL", "true"]}, "/tmp/sub")
    assert list(ports) == ["80/tcp", "81/tcp", "90/udp"]
    sim.docker(["commit", "-c", 'ENTRYPOINT ["x"]', "c1", "img:2"], check=True)
    assert _config(sim, "img:2", "Cmd", "Entrypoint") == [None, ["x"]]


def test_import_change(sim):
    sim.docker(["run", "--name", "c1", "busybox", "true"], check=True)
    sim.docker(["export", "-o", "/tmp/c.tar", "c1"], check=True)
    sim.docker(["import", "-c", "ENV A=1", "-c", "ENV B=$A", "-c", 'CMD ["sh"]', "/tmp/c.tar", "im:1"], check=True)
    assert _config(sim, "im:1", "Env", "Cmd") == [["A=1", "B=1"], ["sh"]]
    r = sim.docker(["import", "-c", "COPY a b", "/tmp/c.tar", "im:2"])
    # current moby names the instruction as typed (builder/from_config.py)
    assert r.stderr == "Error response from daemon: COPY is not a valid change command\n"


def test_expose_a_range_in_a_dockerfile(sim):
    # BuildKit dispatchExpose: nat.ParsePortSpecs, a range is each of its ports
    assert _build(sim, "FROM busybox\nEXPOSE 80-81 90/udp\n", "ex:1").exit_code == 0
    assert list(_config(sim, "ex:1", "ExposedPorts")[0]) == ["80/tcp", "81/tcp", "90/udp"]
    assert sim.docker(["history", "--format", "{{.CreatedBy}}", "ex:1"]).stdout.split("\n")[0] == \
        "EXPOSE map[80/tcp:{} 81/tcp:{} 90/udp:{}]"


def test_signals_by_moby_sys_signal_names(sim):
    # ParseSignal: any name of SignalMap (with or without SIG, any case) or number; PID 1
    # ignores what it installed no handler for
    sim.docker("run -d --name c1 busybox sleep 100", check=True)
    for sig in ("USR1", "10", "sigwinch", "TERM", "RTMIN+3"):
        assert sim.docker(["kill", "-s", sig, "c1"]).stdout == "c1\n", sig
    assert sim.docker("inspect -f '{{.State.Status}}' c1").stdout == "running\n"
    r = sim.docker("kill -s BOGUS nosuch")      # parsed before the container is looked up
    assert (r.exit_code, r.stderr) == (1, "Error response from daemon: Invalid signal: BOGUS\n")
    r = sim.docker("run --stop-signal BOGUS busybox true")
    assert r.exit_code == 125 and r.stderr.startswith("docker: Error response from daemon: Invalid signal: BOGUS\n")
    assert sim.docker("ps -aq").stdout.count("\n") == 1


def test_values_of_flags_as_docker_reads_them(sim):
    sim.docker(["run", "--name", "c1", "busybox", "sh", "-c", "echo 1; echo 2"], check=True)
    sim.docker("run -d --name c2 busybox sleep 100", check=True)
    # moby daemon/logs.go: a tail below 0 is all of it
    assert sim.docker("logs --tail -1 c1").stdout == "1\n2\n"
    # docker/cli list.go: -n 0 (or below) is no -n: the running containers only
    assert sim.docker("ps -q -n 0").stdout == sim.docker("ps -q").stdout != sim.docker("ps -aq").stdout
    # docker/cli formatter_history.go: -H=false is the CreatedAt column
    assert sim.docker("history -H=false busybox").stdout.split("\n")[0].split()[:3] == ["IMAGE", "CREATED", "AT"]
    r = sim.docker("inspect --type bogus c1")
    assert (r.exit_code, r.stdout) == (1, "") and r.stderr.startswith('unknown type: "bogus": must be one of "config", ')
    r = sim.docker("inspect --type network none")
    assert (r.exit_code, r.stderr) == (125, "dockstore-magic: --type=network is not simulated\n")


def test_exec_into_a_folder_that_is_not_there(sim):
    sim.docker("run -d --name c1 busybox sleep 100", check=True)
    r = sim.docker("exec -w /nonexistent c1 pwd")
    assert (r.exit_code, r.stdout) == (126, 'OCI runtime exec failed: exec failed: unable to start container '
                                            'process: chdir to cwd ("/nonexistent") set in config.json failed: '
                                            "no such file or directory: unknown\n")
    r = sim.docker("exec -w /etc/passwd c1 pwd")
    assert r.exit_code == 126 and ": not a directory: unknown: Are you trying to mount" in r.stdout
    assert sim.docker("exec -w /tmp c1 pwd").stdout == "/tmp\n"


def test_cp_into_a_container_keeps_the_owners_unless_archive_names_the_user(sim):
    # moby daemon/archive_tarcopyoptions_unix.go: default options keep the archive's owners;
    # -a with a container User chowns to that user, as the host's passwd names it
    sim.host("echo x > /tmp/f && chown 1234:1234 /tmp/f")
    sim.docker("run -d --name c1 busybox sleep 100", check=True)
    sim.docker("run -d --name c2 -u root busybox sleep 100", check=True)
    sim.docker("run -d --name c3 -u 5:6 busybox sleep 100", check=True)
    for name, flags, owner in (("c1", "", "1234:1234"), ("c1", "-a", "1234:1234"),
                               ("c2", "", "1234:1234"), ("c2", "-a", "0:0")):
        sim.docker(f"cp {flags} /tmp/f {name}:/tmp/g", check=True)
        assert sim.docker(f"exec {name} stat -c %u:%g /tmp/g").stdout == owner + "\n", (name, flags)
    r = sim.docker("cp -a /tmp/f c3:/tmp/g")
    assert (r.exit_code, r.stderr) == (1, "Error response from daemon: user: unknown user 5:6\n")


def test_a_tmpfs_size_is_whole_pages(sim):
    # mm/shmem.c rounds size= up to pages: /proc/mounts, df and the limit all say so
    r = sim.docker(["run", "--rm", "--tmpfs", "/t:size=1k", "--mount", "type=tmpfs,dst=/w,tmpfs-size=5000",
                    "busybox", "sh", "-c", "grep -E ' /(t|w) ' /proc/mounts | grep -o 'size=[0-9]*k'; "
                    "df -k /t /w | tail -2; head -c 4096 /dev/zero > /t/x && echo fits"])
    lines = r.stdout.split("\n")
    assert lines[:2] == ["size=4k", "size=8k"] and lines[-2] == "fits"
    assert [l.split()[1] for l in lines if l.startswith("tmpfs")] == ["4", "8"]
