"""``docker commit --change`` / ``docker import --change`` (builder/from_config.py, moby
BuildFromConfig): the instructions and their errors, daemon side, and through the CLI.
Expected values are what the Docker 20.10 engine here printed for the same changes (see
tests/realdocker/scenarios/s33_commit_changes.py), or, where 20.10 and current Docker
differ, what current moby/BuildKit sources say (cited)."""
from __future__ import annotations

import json

import pytest

from dockstore_magic.builder.from_config import build_from_config
from dockstore_magic.nat import parse_port_specs
from dockstore_magic.errors import InvalidParameter

BASE = {"Env": ["FOO=bar"], "Cmd": ["sh"], "WorkingDir": "/app"}


def bfc(*changes, config=None):
    return build_from_config(BASE if config is None else config, list(changes))


def err(*changes, config=None) -> str:
    with pytest.raises(InvalidParameter) as e:
        bfc(*changes, config=config)
    return str(e.value)


def test_no_changes_is_a_copy():
    out = bfc()
    assert out == BASE and out is not BASE
    bfc("ENV A=1")
    assert BASE == {"Env": ["FOO=bar"], "Cmd": ["sh"], "WorkingDir": "/app"}


def test_env_quotes_escapes_old_form_and_expansion():
    assert bfc('env A="b c" D=e\\ f')["Env"] == ["FOO=bar", "A=b c", "D=e f"]
    assert bfc("ENV A b c")["Env"] == ["FOO=bar", "A=b c"]
    # values are expanded from the Env before the instruction; a later change sees the new one
    out = bfc("ENV A=$FOO B=${FOO}-x C=$PATH", "ENV D=$A FOO=new E=$FOO")
    assert out["Env"] == ["FOO=new", "A=bar", "B=bar-x", "C=", "D=bar", "E=bar"]
    # a continuation across two --change values (joined with a newline)
    assert bfc("ENV A=1 \\", " B=2")["Env"] == ["FOO=bar", "A=1", "B=2"]
    assert bfc("ENV A=1\nCMD b")["Cmd"] == ["/bin/sh", "-c", "b"]


def test_label_keys_and_values_expanded_later_wins():
    assert bfc('LABEL $FOO=v "x y"=z')["Labels"] == {"bar": "v", "x y": "z"}
    assert bfc("LABEL a=1", "label a=2 b=$FOO")["Labels"] == {"a": "2", "b": "bar"}


def test_cmd_and_entrypoint_forms():
    assert bfc("cmd echo $FOO")["Cmd"] == ["/bin/sh", "-c", "echo $FOO"]     # never expanded
    assert bfc("CMD")["Cmd"] == ["/bin/sh", "-c"]
    assert bfc("CMD []")["Cmd"] == []
    assert bfc('CMD ["a"')["Cmd"] == ["/bin/sh", "-c", '["a"']
    # ENTRYPOINT drops the inherited Cmd unless a CMD came before it in the same changes
    assert bfc('ENTRYPOINT ["/bin/echo"]') == {"Env": ["FOO=bar"], "Cmd": None,
                                               "WorkingDir": "/app", "Entrypoint": ["/bin/echo"]}
    out = bfc("CMD x", 'ENTRYPOINT ["/bin/echo"]')
    assert (out["Entrypoint"], out["Cmd"]) == (["/bin/echo"], ["/bin/sh", "-c", "x"])
    out = bfc("ENTRYPOINT /bin/echo a", 'CMD ["x"]')
    assert (out["Entrypoint"], out["Cmd"]) == (["/bin/sh", "-c", "/bin/echo a"], ["x"])
    assert bfc("ENTRYPOINT")["Entrypoint"] is None
    # a SHELL inherited from a built image is the shell of the shell form
    shell = dict(BASE, Shell=["/bin/bash", "-eu", "-c"], ArgsEscaped=True)
    out = bfc("CMD run it", config=shell)
    assert out["Cmd"] == ["/bin/bash", "-eu", "-c", "run it"] and "ArgsEscaped" not in out


def test_workdir_user_volume_expose():
    assert bfc("WORKDIR sub", "WORKDIR ../other/./x")["WorkingDir"] == "/app/other/x"
    assert bfc("WORKDIR $FOO")["WorkingDir"] == "/app/bar"
    assert bfc("WORKDIR /a/../b//c/")["WorkingDir"] == "/a/../b//c/"      # kept as written
    assert bfc("WORKDIR rel", config={})["WorkingDir"] == "/rel"
    assert bfc("USER $FOO:1")["User"] == "bar:1"
    assert bfc("USER a b")["User"] == "a b"
    assert bfc("VOLUME /a /b", 'VOLUME ["/c", "/d"]')["Volumes"] == {
        "/a": {}, "/b": {}, "/c": {}, "/d": {}}
    assert list(bfc('ENV P="80 81"', "EXPOSE $P 90/UDP")["ExposedPorts"]) == [
        "80/tcp", "81/tcp", "90/udp"]
    assert list(bfc("EXPOSE 80/udp 443 8000-8002")["ExposedPorts"]) == [
        "443/tcp", "80/udp", "8000/tcp", "8001/tcp", "8002/tcp"]
    assert parse_port_specs(["1.2.3.4:80:81", "22/SCTP", "8000-8001/udp"]) == [
        "81/tcp", "22/sctp", "8000/udp", "8001/udp"]


def test_healthcheck():
    assert bfc("HEALTHCHECK CMD wget -q localhost")["Healthcheck"] == {
        "Test": ["CMD-SHELL", "wget -q localhost"]}
    hc = bfc('HEALTHCHECK --interval=5s --timeout=3s --start-period=1m --retries=4 CMD ["true"]')
    assert hc["Healthcheck"] == {"Test": ["CMD", "true"], "Interval": 5_000_000_000,
                                 "Timeout": 3_000_000_000, "StartPeriod": 60_000_000_000,
                                 "Retries": 4}
    assert bfc("HEALTHCHECK NONE")["Healthcheck"] == {"Test": ["NONE"]}
    # BuildKit parseOptInterval (current): 0 means the default, not an error
    assert bfc("HEALTHCHECK --interval=0 CMD x")["Healthcheck"] == {"Test": ["CMD-SHELL", "x"]}
    assert bfc("HEALTHCHECK --start-interval=2s CMD x")["Healthcheck"]["StartInterval"] == 2 * 10**9


def test_onbuild_and_stopsignal():
    out = bfc("ONBUILD RUN echo hi", "onbuild   copy a b", "ONBUILD nope x")
    assert out["OnBuild"] == ["RUN echo hi", "copy a b", "nope x"]
    assert bfc("STOPSIGNAL SIGKILL")["StopSignal"] == "SIGKILL"
    assert bfc("STOPSIGNAL $S", config={"Env": ["S=usr1"]})["StopSignal"] == "usr1"
    assert bfc("STOPSIGNAL 9")["StopSignal"] == "9"


@pytest.mark.parametrize("changes, message", [
    ([""], "file with no instructions"),
    (["# hi"], "file with no instructions"),
    (["nope x"], "nope is not a valid change command"),
    (["Nope x"], "Nope is not a valid change command"),      # as typed (current moby)
    (['SHELL ["/bin/bash","-c"]'], "SHELL is not a valid change command"),
    (["CMD a", "ENV X=1", "RUN x"], "RUN is not a valid change command"),
    (["ENV"], "ENV requires at least one argument"),
    (["ENV A"], "ENV must have two arguments"),
    (["ENV =x"], "ENV names can not be blank"),
    (["ENV --x=1 A=b"], "Unknown flag: x"),
    (["LABEL a"], "LABEL must have two arguments"),
    (["ENV A=${B:?oops}"], 'failed to process "${B:?oops}": B: oops'),
    (["USER"], "USER requires exactly one argument"),
    (["USER $NOPE"], None),
    (["WORKDIR"], "WORKDIR requires exactly one argument"),
    (["WORKDIR $NOPE"], "cannot normalize nothing"),
    (["VOLUME"], "VOLUME requires at least one argument"),
    (['VOLUME [""]'], "VOLUME specified can not be an empty string"),
    (["VOLUME $NOPE"], "VOLUME specified can not be an empty string"),
    (["EXPOSE"], "EXPOSE requires at least one argument"),
    (["EXPOSE $FOO"], "invalid containerPort: bar"),
    (["EXPOSE 70000"], "invalid containerPort: 70000"),
    (["EXPOSE 80/xyz"], "invalid proto: xyz"),
    (["HEALTHCHECK --interval=1ns CMD x"], 'Interval "interval" cannot be less than 1ms'),
    (["HEALTHCHECK --interval=abc CMD x"], 'time: invalid duration "abc"'),
    (["HEALTHCHECK --retries=-1 CMD x"], "--retries cannot be negative (-1)"),
    (["HEALTHCHECK --retries=x CMD x"], 'strconv.ParseInt: parsing "x": invalid syntax'),
    (["HEALTHCHECK --bogus=1 CMD x"], "Unknown flag: bogus"),
    (["HEALTHCHECK"], "HEALTHCHECK requires at least one argument"),
    (["HEALTHCHECK CMD"], "Missing command after HEALTHCHECK CMD"),
    (["HEALTHCHECK FOO x"], 'Unknown type "FOO" in HEALTHCHECK (try CMD)'),
    (["HEALTHCHECK NONE x"], "HEALTHCHECK NONE takes no arguments"),
    (["ONBUILD"], "ONBUILD requires at least one argument"),
    (["ONBUILD ONBUILD RUN x"], "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
    (["ONBUILD FROM x"], "FROM isn't allowed as an ONBUILD trigger"),
    (["STOPSIGNAL"], "STOPSIGNAL requires exactly one argument"),
    (["STOPSIGNAL SIGNOPE"], "invalid signal: SIGNOPE"),
    (["STOPSIGNAL 0"], "invalid signal: 0"),
])
def test_errors(changes, message):
    if message is None:                       # accepted: USER $NOPE is an empty user
        assert bfc(*changes)["User"] == ""
        return
    assert err(*changes) == message


# ---------------------------------------------------------------- through the CLI
@pytest.fixture
def base(sim_busybase):
    sim_busybase.docker("create --name cw -e FOO=bar -w /app dsm-busybase:1 sh", check=True)
    return sim_busybase


#: the fields of an OCI image config (what CLI 28 prints of ``.Config``, zero values left out)
OCI_FIELDS = ("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir",
              "Labels", "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell")


def config_of(sim, ref):
    cfg = json.loads(sim.docker(f"image inspect -f '{{{{json .Config}}}}' {ref}",
                                check=True).stdout)
    return {k: cfg[k] for k in OCI_FIELDS if cfg.get(k) not in (None, "", False, {}, [])}


def test_commit_applies_changes_and_merges(base):
    base.docker(["commit", "--change", "ENV A=$FOO", "--change", "LABEL v=1", "--change",
                 "EXPOSE 80", "cw", "c:1"], check=True)
    assert config_of(base, "c:1") == {"ExposedPorts": {"80/tcp": {}}, "Env": ["FOO=bar", "A=bar"],
                                      "Cmd": ["sh"], "WorkingDir": "/app", "Labels": {"v": "1"}}
    # an emptied Cmd comes back from the container (daemon/commit.go merge)
    for change in ("CMD []", "ENTRYPOINT", "ENTRYPOINT []"):
        base.docker(["commit", "--change", change, "cw", "c:2"], check=True)
        assert config_of(base, "c:2") == {"Env": ["FOO=bar"], "Cmd": ["sh"], "WorkingDir": "/app"}
    base.docker(["commit", "--change", 'ENTRYPOINT ["/bin/echo"]', "cw", "c:3"], check=True)
    assert config_of(base, "c:3") == {"Env": ["FOO=bar"], "Entrypoint": ["/bin/echo"],
                                      "WorkingDir": "/app"}
    r = base.docker(["run", "--rm", "c:3", "hi"])
    assert r.stdout == "hi\n"


def test_commit_bad_change_writes_nothing(base):
    images = len(base.engine.image_store.images) if hasattr(base.engine.image_store, "images") \
        else None
    layers = set(base.engine.layer_store.layers) if hasattr(base.engine.layer_store, "layers") \
        else None
    for change, message in (("Nope x", "Nope is not a valid change command"),
                            ("ENV", "ENV requires at least one argument"),
                            ("EXPOSE 80/xyz", "invalid proto: xyz")):
        r = base.docker(["commit", "--change", change, "cw", "bad:1"])
        assert (r.exit_code, r.stdout, r.stderr) == (1, "", f"Error response from daemon: {message}\n")
    assert base.docker("image inspect bad:1").exit_code == 1
    if images is not None:
        assert len(base.engine.image_store.images) == images
    if layers is not None:
        assert set(base.engine.layer_store.layers) == layers


def test_import_starts_from_an_empty_config(sim, busybox_tar):
    sim.engine.host.share(str(busybox_tar.parent))
    sim.docker(["import", "--change", "ENV A=$PATH B=1", "--change", "WORKDIR rel",
                "--change", "CMD", str(busybox_tar), "i:1"], check=True)
    assert config_of(sim, "i:1") == {"Env": ["A=", "B=1"], "Cmd": ["/bin/sh", "-c"],
                                     "WorkingDir": "/rel"}
    r = sim.docker(["import", "--change", 'shell ["/bin/sh"]', str(busybox_tar), "i:2"])
    assert (r.exit_code, r.stderr) == (1, "Error response from daemon: shell is not a valid "
                                          "change command\n")


def test_commit_healthcheck_keeps_the_containers_unset_options(base):
    base.docker(["commit", "--change", "HEALTHCHECK --interval=7s --retries=2 CMD true", "cw",
                 "h:1"], check=True)
    base.docker("create --name ch h:1", check=True)
    seen = []
    for change in ("HEALTHCHECK CMD y", "HEALTHCHECK NONE", 'HEALTHCHECK --retries=5 CMD ["z"]'):
        base.docker(["commit", "--change", change, "ch", "h:2"], check=True)
        seen.append(config_of(base, "h:2")["Healthcheck"])
    assert seen == [{"Test": ["CMD-SHELL", "y"], "Interval": 7_000_000_000, "Retries": 2},
                    {"Test": ["NONE"], "Interval": 7_000_000_000, "Retries": 2},
                    {"Test": ["CMD", "z"], "Interval": 7_000_000_000, "Retries": 5}]


def test_image_config_template_reads_unset_fields_as_null(base):
    base.docker("commit cw plain:1", check=True)
    r = base.docker("image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Healthcheck}} "
                    "{{json .Config.StopSignal}} {{json .Config.Shell}} {{json .Config.ArgsEscaped}}'"
                    " plain:1")
    assert (r.exit_code, r.stdout) == (0, 'null null "" null false\n')
    full = json.loads(base.docker("image inspect plain:1", check=True).stdout)[0]["Config"]
    assert "ExposedPorts" not in full and "Healthcheck" not in full     # omitempty


def test_rmi_untags_a_parent_with_children_then_prunes_it(base):
    """moby image_delete.go: untagging an image that still has children is not a conflict
    (imageIsDangling needs no references *and* no children); deleting the last child prunes
    the untagged parent."""
    base.docker("commit cw p:1", check=True)
    base.docker("create --name cp p:1", check=True)
    base.docker("commit cp p:2", check=True)
    base.docker("rm cp", check=True)
    r = base.docker("rmi p:1 p:2")
    lines = r.stdout.splitlines()
    assert r.exit_code == 0 and r.stderr == ""
    assert lines[:2] == ["Untagged: p:1", "Untagged: p:2"]
    assert len(lines) == 4 and all(l.startswith("Deleted: sha256:") for l in lines[2:])
