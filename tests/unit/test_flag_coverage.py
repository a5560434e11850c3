"""Accepted means simulated: every flag of every command the simulator runs is either carried
out or refused with one line (cli/simulated.py), and a refused flag changes nothing."""
from __future__ import annotations

import pytest

from dockstore_magic.cli import spec as S
from dockstore_magic.cli.commands import COMMANDS
from dockstore_magic.cli.simulated import (ALLOWED_VALUES, REFUSED, ROOT_REFUSED, ROOT_SIMULATED,
                                           SIMULATED)
from dockstore_magic.daemon import Engine
from dockstore_magic.cli.main import DockerCLI


def _commands():
    """(canonical name, command) of every command the simulator runs, aliases included."""
    return [(c.canonical, c) for c in S.walk()
            if c.parent is not None and c.supported and not c.has_subcommands]


def test_every_flag_of_every_command_is_simulated_or_refused():
    problems = []
    for name, cmd in _commands():
        assert name in COMMANDS, f"{cmd.command_path}: no implementation"
        sim, ref = SIMULATED.get(name), REFUSED.get(name)
        if sim is None or ref is None:
            problems.append(f"{cmd.command_path}: not in cli/simulated.py")
            continue
        for f in cmd.flags:
            if f.key in sim and f.key in ref:
                problems.append(f"{cmd.command_path} --{f.key}: both simulated and refused")
            elif f.key not in sim and f.key not in ref:
                problems.append(f"{cmd.command_path} --{f.key}: neither simulated nor refused")
        known = {f.key for f in cmd.flags}
        for key in (sim | ref) - known:
            problems.append(f"{cmd.command_path}: --{key} is listed but is no flag of it")
    for f in S.GLOBAL_FLAGS:
        if (f.key in ROOT_SIMULATED) == (f.key in ROOT_REFUSED):
            problems.append(f"docker --{f.key}: must be simulated or refused (once)")
    for (name, key) in ALLOWED_VALUES:
        if key not in SIMULATED[name]:
            problems.append(f"{name} --{key}: value rules for a flag that is not simulated")
    assert not problems, "\n".join(problems)


_BY_VALIDATOR = {"extra_host": "h:1.2.3.4", "ip_address": "1.1.1.1", "dns_search": "example.com",
                 "attach": "stdout", "device_cgroup_rule": "c 1:3 mr", "weight_device": "/dev/sda:100",
                 "throttle_bps": "/dev/sda:1mb", "throttle_iops": "/dev/sda:10", "sysctl": "net.a=1",
                 "link": "c:a", "gpus": "all", "label": "a=b", "env": "A=b"}


def _value_for(flag) -> str:
    if flag.validator in _BY_VALIDATOR:
        return _BY_VALIDATOR[flag.validator]
    return {"bool": "true", "int": "1", "uint16": "10", "uint": "1", "duration": "1s",
            "bytes": "1m", "decimal": "1", "map": "k=v", "filter": "label=x", "mount": "dst=/x",
            "network": "host", "ulimit": "nofile=1:2", "gpu-request": "all"}.get(flag.type, "x")


def _state(e: Engine):
    return (sorted(c.id for c in e.container_store), sorted(e.image_store.images),
            sorted(e.volumes.volumes), sorted(p for p, _ in e.host.tree.walk("/var/lib/docker")))


@pytest.mark.parametrize("name, cmd", [(n, c) for n, c in _commands() if REFUSED.get(n)],
                         ids=lambda x: x if isinstance(x, str) else "")
def test_refused_flags_say_so_and_change_nothing(name, cmd):
    e = Engine(seed=1, clock="2026-01-01T00:00:00Z")
    cli = DockerCLI(e, cwd="/tmp")
    rule = cmd.args
    positional = ["busybox", "true"][:max(rule.min, 1 if rule.kind in ("min", "exact", "range") else 0)]
    if name == "cp":
        positional = ["c:/x", "/tmp/y"]
    before = _state(e)
    for f in cmd.flags:
        if f.key not in REFUSED[name] or f.ostype or f.experimental:
            continue
        argv = list(cmd.path) + [f"--{f.name}={_value_for(f)}"] + positional
        r = cli.run(argv)
        assert (r.exit_code, r.stderr) == (125, f"dockstore-magic: --{f.key} is not simulated\n"), argv
        assert _state(e) == before, argv


@pytest.mark.parametrize("argv, line", [
    (["run", "--network", "host", "busybox", "true"], "--network=host"),
    (["build", "--network=none", "."], "--network=none"),
    (["build", "--progress=rawjson", "."], "--progress=rawjson"),
    (["run", "--volume-driver", "flocker", "-v", "v:/d", "busybox", "true"], "--volume-driver=flocker"),
])
def test_values_that_are_not_simulated(argv, line):
    r = DockerCLI(Engine(seed=1), cwd="/tmp").run(argv)
    assert (r.exit_code, r.stderr) == (125, f"dockstore-magic: {line} is not simulated\n")


def test_global_flags_refused():
    r = DockerCLI(Engine(seed=1), cwd="/tmp").run(["--log-level", "debug", "ps"])
    assert (r.exit_code, r.stderr) == (125, "dockstore-magic: --log-level is not simulated\n")


@pytest.mark.parametrize("instruction", [
    "FROM --platform=linux/arm64 busybox", "COPY --link a /", "COPY --parents a /", "ADD --link a /",
    "ADD --checksum=sha256:00 a /", "ADD --keep-git-dir=true a /", "RUN --mount=type=ssh true",
    "RUN --network=none true", "RUN --security=insecure true",
])
def test_dockerfile_flags_not_simulated_are_refused(instruction, tmp_path):
    (tmp_path / "a").write_text("a\n")
    e = Engine(seed=1)
    text = instruction + "\n" if instruction.startswith("FROM") else f"FROM busybox\n{instruction}\n"
    before = sorted(e.image_store.images)
    r = DockerCLI(e, cwd=e.host.share(str(tmp_path))).build_cell(["-t", "x"], text)
    word, flag = instruction.split()[:2]
    assert r.exit_code == 1
    refused = flag if flag.startswith("--mount=") else flag.split('=')[0]   # a mount type
    assert f"dockstore-magic: {word} {refused} is not simulated" in r.stderr
    assert sorted(e.image_store.images) == before


#: the flags BuildKit's Dockerfile frontend parses, per instruction (moby/buildkit
#: frontend/dockerfile/instructions/parse.go, Dockerfile syntax 1.x incl. labs)
BUILDKIT_FLAGS = {
    "FROM": {"platform"},
    "COPY": {"from", "chown", "chmod", "link", "parents", "exclude"},
    "ADD": {"chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "unpack"},
    "RUN": {"mount", "network", "security", "device"},
    "HEALTHCHECK": {"interval", "timeout", "start-period", "start-interval", "retries"},
}


def test_every_dockerfile_flag_is_simulated_or_refused():
    from dockstore_magic.builder.build import INSTRUCTION_FLAGS_REFUSED, INSTRUCTION_FLAGS_SIMULATED
    for word, flags in BUILDKIT_FLAGS.items():
        sim = INSTRUCTION_FLAGS_SIMULATED.get(word, set())
        ref = INSTRUCTION_FLAGS_REFUSED.get(word, set())
        assert not sim & ref, word
        assert sim | ref == flags, (word, flags - (sim | ref))


def test_mount_with_a_volume_plugin_is_refused():
    e = Engine(seed=1)
    r = DockerCLI(e, cwd="/tmp").run(["run", "--mount", "type=volume,src=v,dst=/d,volume-driver=flocker",
                                      "busybox", "true"])
    assert (r.exit_code, r.stderr) == (125, "dockstore-magic: --mount volume-driver=flocker is not simulated\n")
    assert not e.volumes.volumes and not e.container_store.containers


@pytest.mark.parametrize("argv", [
    ["container", "prune", "-f", "--filter", "label=nomatch"],
    ["image", "prune", "-f", "-a", "--filter", "label=nomatch"],
    ["volume", "prune", "-f", "--all", "--filter", "label=nomatch"],
    ["system", "prune", "-f", "-a", "--volumes", "--filter", "label=nomatch"],
    ["builder", "prune", "-f", "-a", "--filter", "id=^nomatch"],
], ids=lambda a: " ".join(a[:2]))
def test_a_prune_filter_is_carried_out_not_ignored(argv):
    """--filter of the prune commands is simulated: one that matches nothing removes nothing
    that the same prune without it removes (system prune's build cache part ignores a label,
    as moby does: builder/prune.py)."""
    e = Engine(seed=1, clock="2026-01-01T00:00:00Z")
    cli = DockerCLI(e, cwd="/tmp")
    assert cli.build_cell(["-q", "-t", "x:1"], "FROM busybox\nRUN echo hi > /f\n").exit_code == 0
    for a in (["run", "--name", "c1", "busybox", "true"], ["volume", "create", "v1"]):
        assert cli.run(a).exit_code == 0

    def state():
        return _state(e) + ((len(e.builder.cache),) if argv[0] == "builder" else ())

    before = state()
    r = cli.run(argv)
    assert r.exit_code == 0, r.stderr
    assert state() == before
    assert cli.run(argv[:argv.index("--filter")]).exit_code == 0
    assert state() != before
