"""Mount specifications (mounts.py): the docker CLI's ``-v`` and ``--mount`` parsing and the
daemon's validation, with Docker's exact error texts.

Every error text below was printed by the reference setup on this machine — docker CLI
28.2.2 (``/usr/local/bin/docker``) against Engine 20.10.24 — by ``docker create --network
none -v SPEC …`` / ``--mount SPEC``: client-side errors (``docker: invalid spec: …``,
``invalid argument "…" for "--mount" flag: …``) and daemon errors (``Error response from
daemon: …``).  The daemon texts agree with moby's current ``volume/mounts/linux_parser.go``.
"""
from __future__ import annotations

import pytest

from dockstore_magic.errors import InvalidParameter
from dockstore_magic.cli import args as cli_args
from dockstore_magic.mounts import (SpecError, cli_parse_volume, spec_from_api,
                                    parse_mount_raw, validate, validate_volume_name, valid_mode,
                                    parse_tmpfs, parse_volumes_from, MountSpec)
from dockstore_magic.sizes import ram_in_bytes, from_human_size

BIND = 'invalid mount config for type "bind": '
VOLUME = 'invalid mount config for type "volume": '


# ---------------------------------------------------------------------- docker CLI: -v
@pytest.mark.parametrize("spec, want", [
    ("x", ("", "x", False)),                              # 1-2 bytes: a target, as is
    ("ab", ("", "ab", False)),
    ("/data", ("", "/data", False)),                      # anonymous volume
    ("vol:/data", ("vol", "/data", False)),
    ("vol:/data:ro,nocopy", ("vol", "/data", False)),
    ("/host:/data:ro", ("/host", "/data", True)),
    ("./rel:/d", ("./rel", "/d", True)),
    ("../up:/d", ("../up", "/d", True)),
    ("~/x:/d", ("~/x", "/d", True)),
    ("data/x:/d", ("data/x", "/d", False)),               # a (bad) volume name, not a bind
    # a single letter before ":" is a Windows drive letter and keeps its colon
    ("a:/x", ("", "a:/x", False)),                        # observed: an anonymous volume
    ("a::b", ("a:", "b", True)),                           # a drive: a bind; daemon "invalid mode: b"
    ("ab:/b:c:d", ("ab", "/b", False)),                   # observed: passes the CLI
    ("c:\\data:/d", ("c:\\data", "/d", True)),
    ("/a:/b:xyz", ("/a", "/b", True)),                    # the mode is the daemon's business
])
def test_cli_parse_volume(spec, want):
    assert cli_parse_volume(spec) == want


@pytest.mark.parametrize("spec, msg", [
    ("", "invalid empty volume spec"),
    ("/a::/b", "invalid spec: /a::/b: empty section between colons"),
    (":/x", "invalid spec: :/x: empty section between colons"),
    ("/a:/b:", "invalid spec: /a:/b:: empty section between colons"),
    ("ab:/b:ro:", "invalid spec: ab:/b:ro:: too many colons"),
    ("ab:/b:ro:x", "invalid spec: ab:/b:ro:x: too many colons"),
])
def test_cli_parse_volume_errors(spec, msg):
    with pytest.raises(SpecError) as ei:
        cli_parse_volume(spec)
    assert str(ei.value) == msg


# ---------------------------------------------------------------------- daemon: -v
@pytest.mark.parametrize("raw, msg", [
    ("a:b:c:d", "invalid volume specification: 'a:b:c:d'"),
    ("ab:/b:c:d", "invalid volume specification: 'ab:/b:c:d'"),
    (":/x", "invalid volume specification: ':/x'"),
    ("/d:ro", "invalid volume specification: '/d:ro'"),          # 2 parts, a mode second
    ("/d:", "invalid volume specification: '/d:'"),
    ("/a::/b", "invalid mode: /b"),
    ("a::b", "invalid mode: b"),
    ("/a:/b:xyz", "invalid mode: xyz"),
    ("relative:/x:bogus", "invalid mode: bogus"),
    ("vol:/d:ro,rw", "invalid mode: ro,rw"),                     # two of one group
    ("vol:/d:z,Z", "invalid mode: z,Z"),
    ("/a:b", "invalid volume specification: '/a:b': " + BIND +
     "invalid mount path: 'b' mount path must be absolute"),
    ("vol:b", "invalid volume specification: 'vol:b': " + VOLUME +
     "invalid mount path: 'b' mount path must be absolute"),
    ("/a:/", "invalid volume specification: '/a:/': " + BIND +
     "invalid specification: destination can't be '/'"),
    ("/a:/.", "invalid volume specification: '/a:/.': " + BIND +
     "invalid specification: destination can't be '/'"),
    ("vol:/x/..", "invalid volume specification: 'vol:/x/..': " + VOLUME +
     "invalid specification: destination can't be '/'"),
    ("vol:/d:shared", "invalid volume specification: 'vol:/d:shared': " + VOLUME +
     "field BindOptions must not be specified"),
    ("/a:/b:nocopy", "invalid volume specification: '/a:/b:nocopy': " + BIND +
     "field VolumeOptions must not be specified"),
])
def test_parse_mount_raw_errors(raw, msg):
    with pytest.raises(InvalidParameter) as ei:
        parse_mount_raw(raw)
    assert str(ei.value) == msg


def test_parse_mount_raw_results():
    m = parse_mount_raw("/host/dir:/data:ro,z")
    assert (m.type, m.source, m.target, m.readonly, m.mode, m.nocopy) == \
        ("bind", "/host/dir", "/data", True, "ro,z", False)
    m = parse_mount_raw("vol:/data/:nocopy")
    assert (m.type, m.source, m.target, m.readonly, m.nocopy) == ("volume", "vol", "/data", False, True)
    m = parse_mount_raw("/data")
    assert (m.type, m.source, m.target) == ("volume", "", "/data")
    m = parse_mount_raw("/h//x/:/d:rshared,rw")
    assert (m.type, m.source, m.propagation, m.readonly) == ("bind", "/h/x", "rshared", False)
    assert parse_mount_raw("/a:/b:").mode == ""                  # 3 parts, an empty mode


def test_valid_mode():
    for ok in ("", "ro", "rw", "z", "Z", "ro,z", "nocopy", "rw,rslave,nocopy,Z,cached", "private"):
        assert valid_mode(ok)
    for bad in ("xyz", "ro,rw", "shared,slave", "nocopy,nocopy", "ro,", ",", "RO"):
        assert not valid_mode(bad)


# ---------------------------------------------------------------------- docker CLI: --mount
def flag_error(value: str, msg: str) -> str:
    return f'invalid argument {value} for "--mount" flag: {msg}'


def parse_mount_flag(value: str, cwd: str | None = None) -> MountSpec:
    """The one --mount path: the CLI's API object (cli/args.parse_mount), as the daemon reads
    it (mounts.spec_from_api)."""
    return spec_from_api(cli_args.parse_mount(value, cwd=cwd))


@pytest.mark.parametrize("value, shown, msg", [
    ("src=x", '"src=x"', "target is required"),
    ("type=,dst=/x", '"type=,dst=/x"', "type is required"),
    ("type=bind,dst=/x,volume-nocopy", '"type=bind,dst=/x,volume-nocopy"',
     "cannot mix 'volume-*' options with mount type 'bind'"),
    ("type=volume,src=v,dst=/x,bind-propagation=shared",
     '"type=volume,src=v,dst=/x,bind-propagation=shared"',
     "cannot mix 'bind-*' options with mount type 'volume'"),
    ("type=volume,dst=/x,tmpfs-size=1m", '"type=volume,dst=/x,tmpfs-size=1m"',
     "cannot mix 'tmpfs-*' options with mount type 'volume'"),
    ("type=volume,src=v,dst=/x,ro=maybe", '"type=volume,src=v,dst=/x,ro=maybe"',
     "invalid value for ro: maybe"),
    ("type=volume,src=v,dst=/x,volume-nocopy=maybe", '"type=volume,src=v,dst=/x,volume-nocopy=maybe"',
     "invalid value for volume-nocopy: maybe"),
    ("type=tmpfs,dst=/x,tmpfs-size=abc", '"type=tmpfs,dst=/x,tmpfs-size=abc"',
     "invalid value for tmpfs-size: abc"),
    ("type=volume,src=v,dst=/x,foo=bar", '"type=volume,src=v,dst=/x,foo=bar"',
     "unexpected key 'foo' in 'foo=bar'"),
    (" type=volume,dst=/x", '" type=volume,dst=/x"', "unexpected key ' type' in ' type=volume'"),
    # docker 28.2.2 knows no bind-create-src (seen: `--mount …,bind-create-src` on the real CLI)
    ("type=bind,src=/nope,dst=/x,bind-create-src", '"type=bind,src=/nope,dst=/x,bind-create-src"',
     "invalid field 'bind-create-src' must be a key=value pair"),
    ("type=volume,src=v,dst=/x,bogus", '"type=volume,src=v,dst=/x,bogus"',
     "invalid field 'bogus' must be a key=value pair"),
    ('dst=/x,"a""b"', '"dst=/x,\\"a\\"\\"b\\""', "invalid field 'a\"b' must be a key=value pair"),
    ('type="volume,src=v', '"type=\\"volume,src=v"',
     'parse error on line 1, column 6: bare " in non-quoted-field'),
    ('type=volume,"src=v"x,dst=/x', '"type=volume,\\"src=v\\"x,dst=/x"',
     'parse error on line 1, column 19: extraneous or missing " in quoted-field'),
    ('"src=v', '"\\"src=v"', 'parse error on line 1, column 7: extraneous or missing " in quoted-field'),
    ('src=v,"dst=/x', '"src=v,\\"dst=/x"',
     'parse error on line 1, column 14: extraneous or missing " in quoted-field'),
    ("", '""', "EOF"),
])
def test_parse_mount_flag_errors(value, shown, msg):
    with pytest.raises(cli_args.CLIUsageError) as ei:
        cli_args.parse(["run", "--mount", value, "img"])
    assert ei.value.message.split("\n")[0] == flag_error(shown, msg)
    assert ei.value.exit_code == 125


def test_parse_mount_flag_results():
    m = parse_mount_flag("type=VOLUME,src=vv,dst=/x")
    assert (m.type, m.source, m.target, m.readonly) == ("volume", "vv", "/x", False)
    m = parse_mount_flag('"type=volume","src=vv",dst=/x,"volume-label=a=b",volume-nocopy')
    assert (m.labels, m.nocopy, m.from_flag) == ({"a": "b"}, True, "--mount")
    m = parse_mount_flag("type=bind,source=/tmp,destination=/x,bind-propagation=SHARED,readonly")
    assert (m.type, m.propagation, m.readonly) == ("bind", "shared", True)
    for v, ro in (("ro=t", True), ("ro=True", True), ("readonly=1", True), ("ro=F", False),
                  ("ro=false", False), ("ro", True)):
        assert parse_mount_flag(f"src=v1,dst=/x,{v}").readonly is ro
    m = parse_mount_flag("type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770")
    assert (m.type, m.tmpfs_size, m.tmpfs_mode) == ("tmpfs", 64 << 20, 0o1770)
    # keys are folded to lower case (seen: `--mount Type=volume,…` runs on docker 28.2.2)
    assert parse_mount_flag("Type=volume,DST=/x").target == "/x"
    m = parse_mount_flag("type=volume,src=vv,dst=/x,volume-subpath=a/b,volume-opt=type=tmpfs,"
                         "volume-opt=device=tmpfs,volume-driver=local")
    assert (m.subpath, m.driver, m.driver_opts) == ("a/b", "local", {"type": "tmpfs", "device": "tmpfs"})
    assert parse_mount_flag("type=foo,dst=/x").type == "foo"     # only the daemon refuses it
    assert parse_mount_flag("dst=/x").type == "volume"


def test_parse_mount_flag_relative_source_uses_the_client_cwd():
    assert parse_mount_flag("type=bind,src=./data,dst=/x", cwd="/home/u").source == "/home/u/data"
    assert parse_mount_flag("type=bind,src=.,dst=/x", cwd="/home/u").source == "/home/u"
    assert parse_mount_flag("type=bind,src=../data,dst=/x", cwd="/home/u").source == "../data"
    assert parse_mount_flag("type=bind,src=.data,dst=/x", cwd="/home/u").source == ".data"


# ---------------------------------------------------------------------- daemon: --mount
@pytest.mark.parametrize("value, msg", [
    ("type=bind,src=/nonexist,dst=/x", BIND + "bind source path does not exist: /nonexist"),
    ("type=volume,dst=/x,readonly", VOLUME + "must not set ReadOnly mode when using anonymous volumes"),
    ("type=foo,dst=/x", 'invalid mount config for type "foo": mount type unknown'),
    ("type=bind,src=/tmp,dst=/x,bind-propagation=foo", BIND + "invalid propagation mode: foo"),
    ("type=volume,src=v,dst=x", VOLUME + "invalid mount path: 'x' mount path must be absolute"),
    ("type=volume,src=v,dst=/", VOLUME + "invalid specification: destination can't be '/'"),
    ("type=bind,src=rel,dst=/x", BIND + "invalid mount path: 'rel' mount path must be absolute"),
    ("type=tmpfs,src=v,dst=/x", 'invalid mount config for type "tmpfs": field Source must not be specified'),
    ("type=bind,dst=/x", BIND + "field Source must not be empty"),
])
def test_validate_mount_flag_errors(value, msg):
    spec = parse_mount_flag(value)
    with pytest.raises(InvalidParameter) as ei:
        validate(spec, check_bind_source=lambda p: p == "/tmp")
    assert str(ei.value) == msg


def test_validate_mount_flag_success_and_cleaning():
    spec = MountSpec(type="bind", source="/nonexist/", target="/x/y/", bind_create_src=True)
    validate(spec, check_bind_source=lambda p: False)
    assert (spec.source, spec.target) == ("/nonexist", "/x/y")
    spec = MountSpec(type="volume", target="")
    with pytest.raises(InvalidParameter) as ei:
        validate(spec)
    assert str(ei.value) == VOLUME + "field Target must not be empty"


def test_parse_tmpfs():
    m = parse_tmpfs("/run:size=1g,mode=700,ro")
    assert (m.type, m.target, m.tmpfs_size, m.tmpfs_mode, m.readonly) == \
        ("tmpfs", "/run", 1 << 30, 0o700, True)
    assert parse_tmpfs("/run").tmpfs_mode == 0o1777


# ---------------------------------------------------------------------- volume names
@pytest.mark.parametrize("name", ["ab", "a.b-c_d", "0data", "A1"])
def test_valid_volume_names(name):
    validate_volume_name(name)


@pytest.mark.parametrize("name, shown", [
    ("a b", '"a b"'), ("_ab", '"_ab"'), ("data/x", '"data/x"'), ("-x", '"-x"'),
    ('a"b', '"a\\"b"'), ("a\nb", '"a\\nb"'), ("é1", '"é1"'),
])
def test_invalid_volume_names(name, shown):
    with pytest.raises(InvalidParameter) as ei:
        validate_volume_name(name)
    assert str(ei.value) == (
        f'create {name}: {shown} includes invalid characters for a local volume name, only '
        '"[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, '
        "use absolute path")


def test_too_short_volume_name():
    with pytest.raises(InvalidParameter) as ei:
        validate_volume_name("a")
    assert str(ei.value) == ("create a: volume name is too short, names should be at least "
                             "two alphanumeric characters")


# ---------------------------------------------------------------------- sizes (go-units)
@pytest.mark.parametrize("s, n", [
    ("10", 10), ("64m", 64 << 20), ("64M", 64 << 20), ("1g", 1 << 30), ("1.5k", 1536),
    ("1 kb", 1024), ("1KiB", 1024), ("2mb", 2 << 20), (".5k", 512), ("3b", 3), ("1e3", 1000),
])
def test_ram_in_bytes(s, n):
    assert ram_in_bytes(s) == n


@pytest.mark.parametrize("s, msg", [
    ("abc", "invalid size: 'abc'"), ("1i", "invalid suffix: 'i'"), ("1kk", "invalid suffix: 'kk'"),
    ("1kbb", "invalid suffix: 'kbb'"), ("-1", "invalid size: '-1'"), ("1bb", "invalid suffix: 'bb'"),
    ("1  kb", 'strconv.ParseFloat: parsing "1 ": invalid syntax'),
])
def test_ram_in_bytes_errors(s, msg):
    with pytest.raises(ValueError) as ei:
        ram_in_bytes(s)
    assert str(ei.value) == msg


def test_from_human_size_is_decimal():
    assert from_human_size("64m") == 64_000_000
    assert from_human_size("1.5kB") == 1500


def test_subpath_must_stay_in_the_volume():
    for bad in ("/abs", "../up", "a/../../up"):
        with pytest.raises(InvalidParameter) as ei:
            validate(parse_mount_flag(f"type=volume,src=vv,dst=/x,volume-subpath={bad}"))
        assert str(ei.value) == VOLUME + "subpath must be a relative path within the volume"
    validate(parse_mount_flag("type=volume,src=vv,dst=/x,volume-subpath=a/../b"))


@pytest.mark.parametrize("spec, want", [
    ("c1", ("c1", "rw")), ("c1:ro", ("c1", "ro")), ("c1:rw", ("c1", "rw")), ("c1:ro,z", ("c1", "ro,z")),
])
def test_parse_volumes_from(spec, want):
    assert parse_volumes_from(spec) == want


@pytest.mark.parametrize("spec, msg", [
    ("", "volumes-from specification cannot be an empty string"),
    ("c1:xx", "invalid mode: xx"),
    ("c1:ro,rshared", "invalid mode: ro,rshared"),
    ("c1:nocopy", "invalid mode for volumes-from: nocopy"),
])
def test_parse_volumes_from_errors(spec, msg):
    with pytest.raises(InvalidParameter) as ei:
        parse_volumes_from(spec)
    assert str(ei.value) == msg


def test_what_is_mounted_in_a_container_is_dated_when_mounted(sim):
    """A tmpfs (flag, --mount, volume of type tmpfs), /sys, /proc: their root folders carry
    the time of the mount, not 1970, and procfs/sysfs are dr-xr-xr-x (s47_mount_roots
    compares this with the real engine)."""
    sim.docker("pull -q busybox", check=True)
    sim.docker("volume create -o type=tmpfs -o device=tmpfs tv", check=True)
    for mount in ("--tmpfs /app", "--mount type=tmpfs,dst=/app,tmpfs-mode=1770", "-v tv:/app"):
        r = sim.docker(f"run --rm {mount} busybox ls -ld --full-time /app /proc /sys", check=True)
        lines = r.stdout.splitlines()
        assert all(" 2026-01-01 09:00:00" in line for line in lines), r.stdout
        assert [line[:10] for line in lines[1:]] == ["dr-xr-xr-x"] * 2
    assert r.stdout.startswith("drwxrwxrwt")
