"""`docker rename`, `docker wait` and the filters of the prune and list commands, on the
simulated engine (the same texts are compared with the real one in
tests/realdocker/scenarios/s24_rename_wait_prune.py): the daemon's filters.Args, `until`
and its Go time parsing, what each prune removes and keeps, and the errors."""
from __future__ import annotations

import json
import shlex

import pytest

from dockstore_magic import session
from dockstore_magic.cli.main import DockerCLI
from dockstore_magic.daemon import Engine
from dockstore_magic.daemon.filters import Args, match_labels, timestamp
from dockstore_magic.errors import InvalidParameter
from dockstore_magic.golang.path import match as path_match
from dockstore_magic.persist import Persistence, codec

CLOCK = "2026-01-01T00:00:00Z"


@pytest.fixture
def cli():
    e = Engine(seed=7, clock=CLOCK)
    c = DockerCLI(e, cwd="/tmp")
    assert c.run(["pull", "-q", "busybox"]).exit_code == 0
    return c


def run(cli, line: str, code: int = 0):
    r = cli.run(shlex.split(line))
    assert r.exit_code == code, (line, r.exit_code, r.stdout, r.stderr)
    return r


def names(cli, line: str = "ps -a") -> list[str]:
    return run(cli, line + " --format '{{.Names}}'").stdout.split()


# ------------------------------------------------------------------------------ rename
def test_rename_moves_the_name_in_every_place_docker_keeps_it(cli):
    run(cli, "run --name old busybox true")
    cid = run(cli, "inspect -f '{{.Id}}' old").stdout.strip()
    run(cli, "rename old new")
    assert run(cli, "inspect -f '{{.Name}}' new").stdout == "/new\n"
    assert names(cli) == ["new"]
    config = json.loads(cli.engine.host.fs.read_text(f"/var/lib/docker/containers/{cid}/config.v2.json"))
    assert config["Name"] == "/new"
    r = run(cli, "inspect old", code=1)
    assert "No such object: old" in r.stderr
    run(cli, "run --name old busybox true")            # the old name is free again
    assert sorted(names(cli)) == ["new", "old"]


def test_rename_a_running_container_and_the_leading_slash(cli):
    run(cli, "run -d --name web busybox sleep 3600")
    run(cli, "container rename web /site")
    assert names(cli, "ps") == ["site"]


@pytest.mark.parametrize("line, err", [
    ("rename nosuch x", "Error response from daemon: No such container: nosuch\n"
                        "Error: failed to rename container named nosuch\n"),
    ("rename c1 c1", "Error response from daemon: Renaming a container with the same name as its "
                     "current name\nError: failed to rename container named c1\n"),
    ("rename c1 'bad name!'", "Error response from daemon: Error when allocating new name: Invalid "
                              "container name (/bad name!), only [a-zA-Z0-9][a-zA-Z0-9_.-] are "
                              "allowed\nError: failed to rename container named c1\n"),
    ("rename c1 x", "Error response from daemon: Error when allocating new name: Invalid "
                    "container name (/x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are "
                    "allowed\nError: failed to rename container named c1\n"),
    ("rename c1 ' '", "Error: Neither old nor new names may be empty\n"),
])
def test_rename_errors_change_nothing(cli, line, err):
    run(cli, "run --name c1 busybox true")
    path = f"/var/lib/docker/containers/{cli.engine.container_store.get('c1').id}/config.v2.json"
    before = cli.engine.host.fs.read_text(path)
    r = run(cli, line, code=1)
    assert r.stderr == err
    assert names(cli) == ["c1"]
    assert cli.engine.host.fs.read_text(path) == before


def test_rename_to_a_name_in_use_names_the_container_that_has_it(cli):
    run(cli, "run --name c1 busybox true")
    run(cli, "run --name c2 busybox true")
    cid = cli.engine.container_store.get("c2").id
    r = run(cli, "rename c1 c2", code=1)
    assert r.stderr == (
        'Error response from daemon: Error when allocating new name: Conflict. The container name '
        f'"/c2" is already in use by container "{cid}". You have to remove (or rename) that '
        "container to be able to reuse that name.\nError: failed to rename container named c1\n")


def test_a_rename_is_saved_with_the_host(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKSTORE_HOME", str(tmp_path / "home"))
    saved = session._engine, session.persistence
    try:
        session.persistence = Persistence(report=lambda m: None)
        session._engine = None
        session.use_host("h", seed=3, clock=CLOCK)
        assert session.docker("pull -q busybox").exit_code == 0
        assert session.docker("run --name before busybox true").exit_code == 0
        assert session.docker("rename before after").exit_code == 0
        session.persistence = Persistence(report=lambda m: None)     # a kernel restart
        session._engine = None
        session.use_host("h")
        assert session.docker("ps -a --format '{{.Names}}'").stdout == "after\n"
        assert session.docker("run --name before busybox true").exit_code == 0
    finally:
        session._engine, session.persistence = saved
        codec.JOURNAL.active = saved[1].active


# ------------------------------------------------------------------------------ wait
def test_wait_prints_each_exit_code_and_reports_missing_ones_at_the_end(cli):
    run(cli, "run --name three busybox sh -c 'exit 3'", code=3)
    run(cli, "create --name fresh busybox true")
    r = run(cli, "wait three nosuch fresh", code=1)
    assert r.stdout == "3\n0\n"
    assert r.stderr == "Error response from daemon: No such container: nosuch\n"
    assert run(cli, "container wait three").stdout == "3\n"


def test_wait_on_a_running_container_is_refused_before_anything_is_printed(cli):
    run(cli, "run --name done busybox true")
    run(cli, "run -d --name up busybox sleep infinity")    # (a finite sleep is waited for:
    r = run(cli, "wait done up", code=125)                 # tests/unit/test_health.py)
    assert r.stdout == ""
    assert r.stderr.startswith("dockstore-magic: waiting for a running container (up) is not simulated")
    assert r.stderr.count("\n") == 1
    assert names(cli, "ps") == ["up"]                 # nothing changed
    run(cli, "stop -t 1 up")
    assert run(cli, "wait up").stdout == "137\n"


# ------------------------------------------------------------------------------ filters.Args
def test_filter_args_follow_moby():
    a = Args.parse(["label=a", "label=b=1", "label!=c", "name=x(", "dangling=true", "dangling=1"])
    assert a.match_kv_list("label", {"a": "", "b": "1"})
    assert not a.match_kv_list("label", {"a": "", "b": "2"})
    assert not a.match_kv_list("label", {})
    assert match_labels(a, {"a": "", "b": "1"}) and not match_labels(a, {"a": "", "b": "1", "c": "z"})
    assert not a.match("name", "x")                       # a bad expression matches nothing...
    assert a.match("name", "x(")                          # ...but itself, exactly
    assert a.get_bool_or_default("dangling", False) is True
    with pytest.raises(InvalidParameter, match=r"^invalid filter 'dangling=\[no\]'$"):
        Args.parse(["dangling=no"]).get_bool_or_default("dangling", False)
    with pytest.raises(InvalidParameter, match=r"^invalid filter 'x'$"):
        Args.parse(["x=1"]).validate(("label",))
    with pytest.raises(InvalidParameter, match=r"^invalid filter$"):
        Args.parse(["=1"]).validate(("label",))


@pytest.mark.parametrize("value, want", [
    ("1h", 1_000_000_000 - 3600), ("-1s", 1_000_000_001), ("1.5m", 1_000_000_000 - 90),
    ("2000-01-01", 946684800), ("2000-01-01T10", 946720800), ("2000-01-01T10:30", 946722600),
    ("2000-01-01T10:30:15Z", 946722615), ("2000-01-01T10:30:15+01:00", 946718985),
    ("2000-01-01T10:30:15.25", 946722615.25), ("946684800", 946684800), ("946684800.5", 946684800.5),
])
def test_until_takes_durations_times_and_unix_seconds(value, want):
    assert timestamp(value, 1_000_000_000) == pytest.approx(want)


@pytest.mark.parametrize("value, err", [
    ("garbage", 'failed to parse value as time or duration: "garbage"'),
    ("12:30", 'failed to parse value as time or duration: "12:30"'),
    ("5.", 'failed to parse value as time or duration: "5."'),
    ("2000-13-01", 'parsing time "2000-13-01": month out of range'),
    ("2000-02-30", 'parsing time "2000-02-30": day out of range'),
    ("2000-01-01T25", 'parsing time "2000-01-01T25": hour out of range'),
    ("2000-01-01x", 'parsing time "2000-01-01x": extra text: "x"'),
    ("2000-1-01", 'parsing time "2000-1-01" as "2006-01-02": cannot parse "1-01" as "01"'),
])
def test_until_errors_are_the_daemons(value, err):
    """Each text seen on the engine here (Docker 20.10, same code today)."""
    with pytest.raises(InvalidParameter) as e:
        timestamp(value, 1_000_000_000)
    assert e.value.message == err


def test_path_match_is_gos():
    assert path_match("app:*", "app:1") and not path_match("*", "a/b")
    assert path_match("[a-c]x", "bx") and not path_match("[^a-c]x", "bx")
    with pytest.raises(ValueError, match="syntax error in pattern"):
        path_match("[", "x")


# ------------------------------------------------------------------------------ container prune
def test_container_prune_by_label_and_not_label(cli):
    run(cli, "run --label team=a --name a1 busybox true")
    run(cli, "run --label team=b --name b1 busybox true")
    run(cli, "run --label team --label x=y --name t1 busybox true")
    run(cli, "run --name other busybox true")
    run(cli, "run -d --label team=a --name up busybox sleep 3600")
    r = run(cli, "container prune -f --filter label=team --filter 'label!=team=a'")
    assert r.stdout.startswith("Deleted Containers:\n") and r.stdout.count("\n") == 5
    assert sorted(names(cli)) == ["a1", "other", "up"]
    run(cli, "container prune -f --filter label=team=a")   # the running one stays
    assert sorted(names(cli)) == ["other", "up"]


def test_container_prune_until(cli):
    run(cli, "run --label k --name early busybox true")
    cli.engine.clock.advance(3600)
    run(cli, "run --label k --name late busybox true")
    run(cli, "container prune -f --filter label=k --filter until=30m")
    assert names(cli) == ["late"]
    assert run(cli, "container prune -f --filter until=2000-01-01").stdout == "Total reclaimed space: 0B\n"
    assert names(cli) == ["late"]


@pytest.mark.parametrize("flt, err", [
    ("--filter foo=bar", "invalid filter 'foo'"),
    ("--filter dangling=true", "invalid filter 'dangling'"),
    ("--filter until=1h --filter until=2h", "more than one until filter specified"),
    ("--filter until=garbage", 'failed to parse value as time or duration: "garbage"'),
])
def test_container_prune_filter_errors_change_nothing(cli, flt, err):
    run(cli, "run --name c1 busybox true")
    r = run(cli, f"container prune -f {flt}", code=1)
    assert r.stderr == f"Error response from daemon: {err}\n"
    assert names(cli) == ["c1"]


# ------------------------------------------------------------------------------ volume prune
def test_volume_prune_takes_anonymous_volumes_unless_all(cli):
    run(cli, "volume create --label k=1 named")
    anon = run(cli, "volume create --label k=1").stdout.strip()
    run(cli, "volume create --label k=1 --opt type=tmpfs --opt device=tmpfs withopts")
    run(cli, "volume create --label k=2 named2")
    r = run(cli, "volume prune -f --filter label=k=1")
    assert r.stdout == f"Deleted Volumes:\n{anon}\n\nTotal reclaimed space: 0B\n"
    r = run(cli, "volume prune -f --all --filter label=k=1")
    assert r.stdout == "Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n"   # not withopts
    run(cli, "volume prune -f --filter all=true --filter 'label!=k=1'")
    assert run(cli, "volume ls -q").stdout == "withopts\n"


@pytest.mark.parametrize("line, err", [
    ("volume prune -f --filter until=1h", "Error response from daemon: invalid filter 'until'"),
    ("volume prune -f --filter all=maybe",
     'Error response from daemon: invalid filter \'all\': strconv.ParseBool: parsing "maybe": invalid syntax'),
    ("volume prune -f --filter all=1 --filter all=0",
     "Error response from daemon: invalid filter 'all=[1 0]': only one value is expected"),
    ("volume prune -f -a --filter all=1", "conflicting options: cannot specify both --all and --filter all=1"),
    ("volume ls --filter dangling=maybe", "Error response from daemon: invalid filter 'dangling=[maybe]'"),
    ("volume ls --filter label!=x", "Error response from daemon: invalid filter 'label!'"),
])
def test_volume_filter_errors(cli, line, err):
    run(cli, "volume create v1")
    r = run(cli, line, code=1)
    assert r.stderr == err + "\n"
    assert run(cli, "volume ls -q").stdout == "v1\n"


def test_volume_ls_filters(cli):
    run(cli, "volume create --label k=1 v1")
    run(cli, "volume create --label k=2 v2")
    run(cli, "run --name c1 -v v1:/d busybox true")
    assert run(cli, "volume ls -q --filter 'name=^v[12]$' --filter dangling=true").stdout == "v2\n"
    assert run(cli, "volume ls -q --filter name=v( --filter label=k").stdout == ""
    assert run(cli, "volume ls -q --filter driver=local --filter label=k=1").stdout == "v1\n"


# ------------------------------------------------------------------------------ images, image prune
@pytest.fixture
def images(cli):
    run(cli, "run --name c1 busybox true")
    run(cli, "commit --change 'LABEL k=1' c1 app:1")
    cli.engine.clock.advance(10)
    run(cli, "commit --change 'LABEL k=2' c1 app:2")
    cli.engine.clock.advance(10)
    run(cli, "commit --change 'LABEL k=1' c1")
    run(cli, "rm c1")
    return cli


def refs(cli, line: str) -> list[str]:
    return run(cli, line + " --format '{{.Repository}}:{{.Tag}}'").stdout.split()


def test_images_filters(images):
    cli = images
    assert refs(cli, "images --filter label=k") == ["<none>:<none>", "app:2", "app:1"]
    assert refs(cli, "images --filter label=k=1 --filter dangling=true") == ["<none>:<none>"]
    assert refs(cli, "images --filter label=k --filter dangling=false") == ["app:2", "app:1"]
    assert refs(cli, "images --filter 'reference=app:*'") == ["app:2", "app:1"]
    assert refs(cli, "images app:2") == ["app:2"]
    assert refs(cli, "images --filter label=k --filter before=app:2") == ["app:1"]
    assert refs(cli, "images --filter label=k --filter since=app:1") == ["<none>:<none>", "app:2"]
    assert refs(cli, "images --filter label=k --filter until=5s") == ["app:2", "app:1"]
    r = run(cli, "images --filter before=nosuch:1", code=1)
    assert r.stderr == "Error response from daemon: No such image: nosuch:1\n"
    r = run(cli, "images --filter 'reference=['", code=1)
    assert r.stderr == "Error response from daemon: syntax error in pattern\n"


def test_image_prune_filters(images):
    cli = images
    r = run(cli, "image prune -f --filter label=k=1")
    assert r.stdout.startswith("Deleted Images:\ndeleted: sha256:") and "untagged" not in r.stdout
    r = run(cli, "image prune -f -a --filter label=k=1 --filter until=garbage", code=1)
    assert r.stderr == 'Error response from daemon: failed to parse value as time or duration: "garbage"\n'
    r = run(cli, "image prune -f -a --filter 'label!=k=2' --filter label=k")
    assert r.stdout.startswith("Deleted Images:\nuntagged: app:1\ndeleted: sha256:")
    r = run(cli, "image prune -f --filter dangling=false", code=1)      # the CLI adds dangling=true
    assert r.stderr == "Error response from daemon: invalid filter 'dangling=[false true]'\n"
    assert refs(cli, "images --filter label=k") == ["app:2"]


# ------------------------------------------------------------------------------ ps
def test_ps_filters_are_the_daemons(cli):
    run(cli, "run --name f1 -v fv:/data busybox sh -c 'exit 2'", code=2)
    run(cli, "run -d --name f2 --label k=f busybox sleep 3600")
    run(cli, "create --name f3 busybox true")
    assert names(cli, "ps --filter name=f") == ["f2"]          # a filter alone is not -a
    assert names(cli, "ps --filter status=created") == ["f3"]  # status is
    assert names(cli, "ps -a --filter exited=2") == ["f1"]
    assert names(cli, "ps -a --filter exited=0") == []          # f3 never ran
    assert names(cli, "ps -a --filter volume=fv") == ["f1"]
    assert names(cli, "ps -a --filter volume=/data") == ["f1"]
    assert names(cli, "ps -a --filter ancestor=busybox") == ["f3", "f2", "f1"]
    assert names(cli, "ps -a --filter ancestor=nosuch") == []
    assert names(cli, "ps -a --filter before=f2") == ["f1"]
    assert names(cli, "ps -a --filter since=f1") == ["f3", "f2"]
    assert names(cli, "ps -a --filter 'name=^/f1'") == ["f1"]
    assert names(cli, "ps -n 2") == ["f3", "f2"]
    assert names(cli, "ps -l") == ["f3"]
    for line, err in [("ps --filter exited=x", 'strconv.Atoi: parsing "x": invalid syntax'),
                      ("ps --filter status=bogus", "invalid filter 'status=bogus'"),
                      ("ps --filter since=nosuch", "no such container nosuch"),
                      ("ps --filter publish=1:2", "filter for 'publish' should not contain ':': 1:2"),
                      ("ps --filter dangling=true", "invalid filter 'dangling'")]:
        assert run(cli, line, code=1).stderr == f"Error response from daemon: {err}\n"


# ------------------------------------------------------------------------------ system prune
def test_system_prune_passes_the_filters_on(cli):
    run(cli, "run --label k=1 --name c1 busybox true")
    run(cli, "run --name c2 busybox true")
    run(cli, "volume create --label k=1")
    run(cli, "volume create --label k=2")
    r = run(cli, "system prune -f --volumes --filter label=k=1")
    assert r.stdout.startswith("Deleted Containers:\n") and "Deleted Volumes:\n" in r.stdout
    assert names(cli) == ["c2"]
    assert len(run(cli, "volume ls -q").stdout.split()) == 1
    r = run(cli, "system prune -f --volumes --filter until=1h", code=1)
    assert r.stderr == 'ERROR: The "until" filter is not supported with "--volumes"\n'
    r = run(cli, "system prune --filter label=k --filter until=1h", code=1)
    assert "\n  Items to be pruned will be filtered with:\n  - label=k\n  - until=1h\n\nAre you" in r.stdout


# ------------------------------------------------------------------------------ builder prune
def test_builder_prune_filters(cli):
    assert cli.build_cell(["-q", "-t", "x:1"], "FROM busybox\nRUN echo hi > /f\n").exit_code == 0
    run(cli, "rmi x:1")
    cli.engine.clock.advance(7200)
    assert run(cli, "builder prune -f --filter until=3h").stdout == "Total reclaimed space: 0B\n"
    assert run(cli, "builder prune -f --filter id=^zzz").stdout == "Total reclaimed space: 0B\n"
    assert run(cli, "builder prune -f --filter label=x --filter type=frontend").stdout == \
        "Total reclaimed space: 0B\n"
    r = run(cli, "builder prune -f --filter label=x --filter until=1h")   # label: ignored
    assert r.stdout.startswith("Deleted build cache objects:\n") and r.stdout.endswith(
        "\n\nTotal reclaimed space: 3B\n")
    assert not cli.engine.builder.cache


@pytest.mark.parametrize("flt, err", [
    ("--filter until=garbage", "\"until\" filter expects a duration (e.g., '24h') or a timestamp: "
                               'failed to parse value as time or duration: "garbage"'),
    ("--filter until=1h --filter unused-for=2h", 'conflicting filters: "until" and "unused-for"'),
    ("--filter type=a --filter type=b", "filters expect only one value"),
])
def test_builder_prune_filter_errors(cli, flt, err):
    r = run(cli, f"builder prune -f {flt}", code=1)
    assert r.stderr == f"Error response from daemon: {err}\n"


def test_builder_prune_flags(cli):
    r = run(cli, "builder prune -a", code=1)
    assert r.stdout == "WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] "
    r = run(cli, "builder prune -f --keep-storage 1m", code=125)
    assert r.stderr == "dockstore-magic: --keep-storage is not simulated\n"


def test_images_label_filters_of_the_containerd_store():
    """daemon/containerd/image_list.go: label! is accepted there, and label!=k=v keeps only
    images that have k with another value."""
    e = Engine(seed=7, clock=CLOCK, image_store="containerd")
    cli = DockerCLI(e, cwd="/tmp")
    run(cli, "pull -q busybox")
    run(cli, "run --name c1 busybox true")
    run(cli, "commit --change 'LABEL k=1' c1 app:1")
    run(cli, "commit --change 'LABEL k=2' c1 app:2")
    assert sorted(refs(cli, "images --filter 'label!=k=1'")) == ["app:2"]
    assert refs(cli, "images --filter 'label!=k' --filter reference=app") == []
    assert sorted(refs(cli, "images --filter label=k")) == ["app:1", "app:2"]
