"""The docker CLI reference's examples on the simulated engine (the same commands are compared
with the real engine in tests/realdocker/scenarios/s37_docs_cli.py and s38_docs_cli2.py):
the typed views of `inspect` templates, text/template's `index` edge, `images -q`, `import`'s
reference check, `logs --since/--until/--details`, `port`, and `top`/`stats` (done for a
container that is not running, refused in one line for a running one)."""
from __future__ import annotations

import json

from dockstore_magic.cli.commands.containers import _natural_key
from dockstore_magic.cli.main import DockerCLI
from dockstore_magic.daemon import Engine
from dockstore_magic.golang.fmt import sprint_value
from dockstore_magic.golang.values import GoStruct
# an engine with busybox pulled (seed 7, a fixed clock), and a command that must exit so
from unit.test_rename_wait_prune import CLOCK, cli, run  # noqa: F401 (cli: a fixture)


# ------------------------------------------------------------------------ images, inspect
def test_images_quiet_prints_one_line_per_tag(cli):
    run(cli, "tag busybox busybox:one")
    run(cli, "tag busybox busybox:two")
    lines = run(cli, "images -q busybox").stdout.split()
    assert len(lines) == 3 and len(set(lines)) == 1


def test_index_one_past_the_end_is_reflects_panic(cli):
    r = run(cli, "image inspect --format '{{index .RepoTags 1}}' busybox", 1)
    assert r.stderr.endswith("error calling index: reflect: slice index out of range\n")
    r = run(cli, "image inspect --format '{{index .RepoTags 2}}' busybox", 1)
    assert r.stderr.endswith("error calling index: index out of range: 2\n")
    r = run(cli, "image inspect --format '{{index .Os 5}}' busybox", 1)
    assert r.stderr.endswith("error calling index: reflect: string index out of range\n")
    assert run(cli, "image inspect --format '{{index .Os 4}}' busybox").stdout == "120\n"


def test_image_config_is_the_clis_oci_config_in_templates(cli):
    run(cli, "run --name c1 busybox true")
    run(cli, "commit -c 'CMD [\"apachectl\", \"-DFOREGROUND\"]' -c 'EXPOSE 80' c1 web:1")
    out = run(cli, "image inspect --format '{{json .Config}}' web:1").stdout
    path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert out == '{"ExposedPorts":{"80/tcp":{}},"Env":["%s"],"Cmd":["apachectl","-DFOREGROUND"]}\n' % path
    out = run(cli, "image inspect --format '{{.Config}}' web:1").stdout
    assert out == "{{ map[80/tcp:{}] [%s] [] [apachectl -DFOREGROUND] map[]  map[]  false} {<nil> [] []}}\n" % path
    out = run(cli, "image inspect --format '{{.Config.Entrypoint}}|{{.Config.Labels}}|{{.Config.Healthcheck}}' web:1")
    assert out.stdout == "[]|map[]|<nil>\n"
    # nil and empty differ: a commit sets Labels to an empty map, a pulled busybox has none
    assert run(cli, "image inspect --format '{{json .Config.Labels}}' web:1").stdout == "{}\n"
    assert run(cli, "image inspect --format '{{json .Config.Labels}}' busybox").stdout == "null\n"
    # a field the typed struct has not: the raw JSON answers (the daemon still sends it)
    assert run(cli, "image inspect --format '{{.Config.AttachStdout}}' web:1").stdout == "true\n"
    # and the plain JSON output is the daemon's, untouched
    raw = json.loads(run(cli, "image inspect web:1").stdout)[0]["Config"]
    assert "Hostname" in raw and raw["Cmd"] == ["apachectl", "-DFOREGROUND"]


def test_container_sizes_are_nil_pointers_unless_asked_for(cli):
    run(cli, "run --name c1 busybox sh -c 'echo hi > /f'")
    assert run(cli, "inspect --format '{{.SizeRw}} {{json .SizeRootFs}}' c1").stdout == "<nil> null\n"
    assert run(cli, "inspect -s --format '{{.SizeRw}}' c1").stdout == "3\n"
    assert "SizeRw" not in json.loads(run(cli, "inspect c1").stdout)[0]


def test_index_of_a_missing_key_in_the_raw_json_is_untyped_nil(cli):
    run(cli, "run --network none --name c1 busybox true")
    r = run(cli, "inspect --format '{{(index (index .NetworkSettings.Ports \"8787/tcp\") 0).HostPort}}' c1", 1)
    assert r.stderr.endswith("error calling index: index of untyped nil\n")
    # a nil map of the typed struct: the element's zero value
    assert run(cli, "image inspect --format '{{index .Config.Labels \"x\"}}|' busybox").stdout == "|\n"


def test_a_json_null_of_the_raw_fallback_prints_no_value(cli):
    # .Config.Hostname is no field of the CLI's image config: the template runs on the raw
    # JSON, where a null is a nil interface (text/template prints "<no value>")
    out = run(cli, "image inspect --format '{{.Config.Hostname}}|{{.Config.Entrypoint}}|"
                   "{{json .Config.Entrypoint}}' busybox").stdout
    assert out == "|<no value>|null\n"
    r = run(cli, "image inspect --format '{{.Config.Hostname}}{{.Config.Entrypoint.X}}' busybox", 1)
    assert r.stderr.endswith("nil pointer evaluating interface {}.X\n")
    assert run(cli, "image inspect --format '{{.Variant}}|{{.Config.Entrypoint}}' busybox").stdout == "|[]\n"


def test_struct_with_embedded_structs_prints_each_in_braces():
    s = GoStruct("T", {"A": 1, "B": "x", "C": 2, "D": True}, embedded=(2, 1))
    assert sprint_value(s) == "{{1 x} {2} true}"


def test_import_checks_its_reference_before_the_daemon(tmp_path):
    e = Engine(seed=7, clock=CLOCK)
    cli = DockerCLI(e, cwd=e.host.share(str(tmp_path)))        # tmp_path: the notebook's folder
    run(cli, "pull -q busybox")
    run(cli, "run --name c1 busybox true")
    run(cli, f"export -o {tmp_path}/c.tar c1")
    before = run(cli, "images -aq --no-trunc").stdout
    r = run(cli, f"import {tmp_path}/c.tar Bad:Name", 1)
    assert r.stderr == "invalid reference format: repository name (library/Bad) must be lowercase\n"
    r = run(cli, f"import {tmp_path}/nosuch.tar Bad:Name", 1)
    assert r.stderr.startswith(f"open {tmp_path}/nosuch.tar: ")
    assert run(cli, "images -aq --no-trunc").stdout == before


# ------------------------------------------------------------------------ ps, info wording
def test_ps_words_its_template_errors_as_docker_28(cli):
    run(cli, "run -d --name up busybox sleep 300")
    assert run(cli, "ps --format '{{.Nope}}'", 1).stderr.startswith(
        "failed to execute template: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope")
    assert run(cli, "ps --format '{{.Names'", 1).stderr == \
        "failed to parse template: template: :1: unclosed action\n"
    assert run(cli, "images --format '{{.Names'", 1).stderr.startswith("template parsing error: ")


def test_info_format_runs_on_the_typed_struct_only(cli):
    assert run(cli, "info --format '{{.LoggingDriver}} {{.Driver}}'").stdout == "json-file overlay2\n"
    r = run(cli, "info --format '{{.Nope}}'", 1)
    assert (r.stdout, r.stderr) == ("\n", 'template: :1:2: executing "" at <.Nope>: can\'t evaluate '
                                          "field Nope in type system.dockerInfo\n")
    assert run(cli, "info --format '{{.Nope'", 64).stderr == \
        "template parsing error: template: :1: unclosed action\n"


# ------------------------------------------------------------------------ logs
def test_logs_since_until_details(cli):
    run(cli, "run --name c1 busybox sh -c 'echo one; echo two'")
    assert run(cli, "logs --since 2000-01-01 c1").stdout == "one\ntwo\n"
    assert run(cli, "logs --since 2099-01-01 c1").stdout == ""
    assert run(cli, "logs --until 2000-01-01T00:00:00Z c1").stdout == ""
    assert run(cli, "logs --until 2099-01-01 --tail 1 c1").stdout == "two\n"
    assert run(cli, "logs --since 42m c1").stdout == "one\ntwo\n"
    assert run(cli, "logs --details c1").stdout == " one\n two\n"
    assert run(cli, "logs -t --details --tail 1 c1").stdout.endswith("Z  two\n")
    assert run(cli, "logs --since nonsense c1", 1).stderr == \
        'invalid value for "since": failed to parse value as time or duration: "nonsense"\n'
    assert run(cli, "logs --until 2000-13-01 c1", 1).stderr == \
        'invalid value for "until": parsing time "2000-13-01": month out of range\n'


# ------------------------------------------------------------------------ port, top, stats
def test_port_of_a_container_with_no_published_port(cli):
    run(cli, "run -d --expose 80 --name c1 busybox sleep 300")
    r = run(cli, "port c1")
    assert (r.stdout, r.stderr) == ("", "")
    assert run(cli, "port c1 80", 1).stderr == "Error: No public port '80' published for c1\n"
    assert run(cli, "container port c1 80/udp", 1).stderr == "Error: No public port '80/udp' published for c1\n"
    assert run(cli, "port c1 x", 1).stderr == \
        'Error: invalid port (x): strconv.ParseUint: parsing "x": invalid syntax\n'
    assert run(cli, "port c1 70000", 1).stderr.endswith('parsing "70000": value out of range\n')
    assert run(cli, "port nosuch", 1).stderr == "Error response from daemon: No such container: nosuch\n"


def test_port_lines_sort_naturally():
    lines = ["8080/tcp -> 0.0.0.0:1", "80/tcp -> [::]:8080", "80/tcp -> 0.0.0.0:8080", "443/tcp -> 0.0.0.0:2"]
    assert sorted(lines, key=_natural_key) == ["80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080",
                                               "443/tcp -> 0.0.0.0:2", "8080/tcp -> 0.0.0.0:1"]


def test_top_lists_nothing_of_a_stopped_container_and_refuses_a_running_one(cli):
    run(cli, "run --name done busybox true")
    cid = run(cli, "inspect -f '{{.Id}}' done").stdout.strip()
    assert run(cli, "top done aux", 1).stderr == f"Error response from daemon: Container {cid} is not running\n"
    run(cli, "run -d --name up busybox sleep 300")
    r = run(cli, "top up", 125)
    assert r.stderr.startswith("dockstore-magic: docker top of a running container") and \
        r.stderr.rstrip().endswith("is not simulated")


def test_stats_no_stream_of_a_stopped_container_is_zeros(cli):
    run(cli, "run --name done busybox true")
    out = run(cli, "stats --no-stream --format '{{.Container}} {{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}' done")
    assert out.stdout == "done done 0.00% 0B / 0B 0\n"
    table = run(cli, "stats --no-stream done").stdout.splitlines()
    assert table[0].split("   ")[:2] == ["CONTAINER ID", "NAME"] and len(table) == 2
    # nothing running, no names: the header alone
    assert run(cli, "stats --no-stream").stdout.count("\n") == 1
    assert len(run(cli, "stats --no-stream -a").stdout.splitlines()) == 2


def test_stats_refuses_a_stream_and_a_running_container(cli):
    run(cli, "run -d --name up busybox sleep 300")
    assert "without --no-stream" in run(cli, "stats up", 125).stderr
    assert "of a running container" in run(cli, "stats --no-stream", 125).stderr
    assert run(cli, "stats --no-stream nosuch", 1).stderr == \
        "Error response from daemon: No such container: nosuch\n"


def test_the_pipe_examples_are_refused_in_one_line(cli):
    """`docker cp CONTAINER:/var/logs/app.log - | tar x -O`, `cat x.tgz | docker import - x`:
    a tar stream on standard input or output, which a notebook cell has not."""
    run(cli, "run --name c1 busybox true")
    before = run(cli, "images -aq --no-trunc").stdout
    for line in ("cp c1:/etc/passwd -", "cp - c1:/tmp", "import - imported:new"):
        r = run(cli, line, 125)
        assert r.stdout == "" and r.stderr.startswith("dockstore-magic: ") and \
            "is not simulated" in r.stderr and r.stderr.count("\n") == 1
    assert run(cli, "images -aq --no-trunc").stdout == before


def test_container_structs_print_as_go_structs(cli):
    run(cli, "run --network none --name c1 -v data:/data -v /tmp:/h --label a=b busybox sh -c 'exit 3'", 3)
    assert run(cli, "inspect --format '{{.State}}' c1").stdout.startswith(
        "{exited false false false false false 0 3  ")
    state = run(cli, "inspect --format '{{json .State}}|{{.State.Health}}' c1").stdout
    assert '"Health"' not in state and state.endswith("|<nil>\n")
    out = run(cli, "inspect --format '{{.Mounts}}' c1").stdout
    assert out.startswith("[{") and "{volume data /var/lib/docker/volumes/data/_data /data local z true }" in out
    mounts = json.loads(run(cli, "inspect --format '{{json .Mounts}}' c1").stdout)
    bind = [m for m in mounts if m["Type"] == "bind"][0]
    assert "Name" not in bind and "Driver" not in bind          # omitempty
    out = run(cli, "inspect --format '{{.HostConfig.RestartPolicy}}' c1").stdout
    assert out == "{no 0}\n"
    cfg = run(cli, "inspect --format '{{.Config}}' c1").stdout
    assert cfg.endswith(" map[a:b]  <nil> []}\n") and cfg.count(" ") > 20
    assert run(cli, "inspect --format '{{.Config.Nope}}' c1", 1).stderr.endswith(
        'map has no entry for key "Nope"\n')
    assert run(cli, "volume inspect --format '{{.Options}} {{.Labels}} {{json .Options}}' data").stdout == \
        "map[] map[] null\n"
