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
