"""docker command-line parsing (cobra + pflag semantics) and usage/help texts.

Expected messages, exit statuses and help texts were captured from a real docker 28.2.2 CLI
(`docker <args>; echo $?`). That CLI talked to a 20.10 engine (API 1.41), which hides flags
needing a newer API; the help texts captured that way are compared with ``api="1.41"``."""
import pytest

from dockstore_magic.cli import args as A
from dockstore_magic.cli import spec as S
from dockstore_magic.golang import strconv as GS, time as GTIME
from dockstore_magic.cli.args import CLIUsageError, parse


@pytest.fixture(autouse=True)
def _home(monkeypatch):
    monkeypatch.setenv("HOME", "/root")
    monkeypatch.delenv("DOCKER_CONFIG", raising=False)
    monkeypatch.delenv("DOCKER_CERT_PATH", raising=False)


def err(argv):
    with pytest.raises(CLIUsageError) as e:
        parse(argv)
    return e.value.message, e.value.exit_code


# ---------------------------------------------------------------------------------------------
# successful parses

def test_run_combined_shorts_and_interspersed_off():
    p = parse(["run", "-it", "--rm", "-v", "data:/data", "alpine", "ls", "-l"])
    assert (p.command, p.path, p.args) == ("run", ("run",), ["alpine", "ls", "-l"])
    assert p.opts["interactive"] and p.opts["tty"] and p.opts["rm"]
    assert p.opts["volume"] == ["data:/data"]
    assert p.changed == {"interactive", "tty", "rm", "volume"}
    assert p.opts["detach"] is False and p.opts["pull"] == "missing" and p.opts["sig-proxy"] is True
    assert p.opts["memory-swappiness"] == -1 and p.opts["env"] == [] and p.opts["sysctl"] == []
    assert p.opts["network"] == "" and p.opts["mount"] == []


@pytest.mark.parametrize("argv", [["run", "-dv", "x:/x", "img"], ["run", "-dvx:/x", "img"], ["run", "-dv=x:/x", "img"],
                                  ["run", "-d", "--volume=x:/x", "img"], ["run", "-d", "--volume", "x:/x", "img"]])
def test_short_value_flag_at_end_of_cluster(argv):
    p = parse(argv)
    assert p.opts["detach"] is True and p.opts["volume"] == ["x:/x"] and p.args == ["img"]


def test_dit_itd_and_bool_values():
    for cluster in ("-dit", "-itd", "-tid"):
        o = parse(["run", cluster, "img"]).opts
        assert o["detach"] and o["interactive"] and o["tty"]
    assert parse(["run", "--rm=false", "img"]).opts["rm"] is False
    assert parse(["run", "--rm=1", "img"]).opts["rm"] is True
    assert parse(["history", "-H=false", "img"]).opts["human"] is False
    assert parse(["run", "-t=false", "img"]).opts["tty"] is False


def test_double_dash_and_single_dash():
    p = parse(["run", "--", "img", "--rm"])
    assert p.args == ["img", "--rm"] and p.opts["rm"] is False and p.args_len_at_dash == 0
    assert parse(["cp", "-", "c:/x"]).args == ["-", "c:/x"]
    assert parse(["-D", "--", "ps"]).command == "ps"


def test_interspersed_commands_take_flags_after_positionals():
    p = parse(["rm", "a", "-f", "b", "-v"])
    assert p.args == ["a", "b"] and p.opts["force"] and p.opts["volumes"]
    p = parse(["exec", "-it", "c", "sh", "-c", "ls -l"])
    assert p.args == ["c", "sh", "-c", "ls -l"] and p.opts["interactive"] and p.opts["tty"]


def test_repeated_list_map_filter_flags():
    p = parse(["run", "-e", "A=1", "-e", "B", "--env=C=3", "-l", "a=b", "--sysctl", "net.x=1", "img"])
    assert p.opts["env"] == ["A=1", "B", "C=3"] and p.opts["label"] == ["a=b"]
    assert p.opts["sysctl"] == ["net.x=1"]
    p = parse(["image", "ls", "--filter", "dangling=true", "-f", "label=a", "-f", "LABEL = b ", "-f", "label=a"])
    assert p.command == "images" and p.opts["filter"] == ["dangling=true", "label=a", "label=b"]
    from dockstore_magic.daemon.filters import Args
    assert Args.parse(p.opts["filter"]).fields == {"dangling": ["true"], "label": ["a", "b"]}
    p = parse(["volume", "create", "--label", "a=b", "-o", "type=tmpfs", "-o", "o=size=1m", "myvol"])
    assert p.opts["opt"] == ["type=tmpfs", "o=size=1m"] and p.opts["name"] == "myvol"
    assert A.map_dict(p.opts["opt"]) == {"type": "tmpfs", "o": "size=1m"}


def test_typed_values():
    p = parse(["run", "-m", "512m", "--memory-swap", "-1", "--cpus", "1.5", "--health-interval", "1m30s",
               "--stop-timeout", "0x10", "--blkio-weight", "500", "--shm-size", "64M", "img"])
    assert p.opts["memory"] == 512 * 1024 ** 2 and p.opts["memory-swap"] == -1
    assert p.opts["cpus"] == 1_500_000_000 and p.opts["health-interval"] == 90 * 10 ** 9
    assert p.opts["stop-timeout"] == 16 and p.opts["blkio-weight"] == 500 and p.opts["shm-size"] == 64 * 1024 ** 2
    assert parse(["ps", "-n", "-1"]).opts["last"] == -1
    assert parse(["ps", "-n", "1_0"]).opts["last"] == 10


def test_mount_and_network_values():
    p = parse(["run", "--mount", "type=volume,src=data,dst=/data,ro", "--mount", "type=tmpfs,dst=/t,tmpfs-size=1m",
               "--network", "none", "--net", "name=n2,alias=a", "img"])
    assert p.opts["mount"] == ["type=volume,src=data,dst=/data,ro", "type=tmpfs,dst=/t,tmpfs-size=1m"]
    assert [A.parse_mount(m) for m in p.opts["mount"]] == [
        {"Type": "volume", "Source": "data", "Target": "/data", "ReadOnly": True},
        {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1024 ** 2}}]
    assert p.opts["network"] == "name=n2,alias=a"
    assert A.parse_mount("type=bind,source=/a,target=/b,bind-propagation=rshared")["BindOptions"] == \
        {"Propagation": "rshared"}


def test_management_aliases_are_canonicalised():
    cases = {("container", "ls"): "ps", ("container", "ps"): "ps", ("container", "list"): "ps", ("ps",): "ps",
             ("image", "ls"): "images", ("image", "list"): "images", ("images",): "images",
             ("image", "rm", "x"): "rmi", ("image", "remove", "x"): "rmi", ("rmi", "x"): "rmi",
             ("image", "history", "x"): "history", ("image", "tag", "a", "b"): "tag",
             ("image", "prune"): "image prune", ("container", "prune"): "container prune",
             ("image", "inspect", "x"): "image inspect", ("container", "inspect", "x"): "container inspect",
             ("inspect", "x"): "inspect", ("container", "run", "x"): "run", ("container", "rm", "x"): "rm",
             ("volume", "ls"): "volume ls", ("volume", "list"): "volume ls", ("volume", "remove", "v"): "volume rm",
             ("system", "df"): "system df", ("system", "info"): "info", ("build", "."): "build",
             ("image", "build", "."): "build", ("builder", "build", "."): "build", ("buildx", "b", "."): "build"}
    for argv, canonical in cases.items():
        assert parse(list(argv)).command == canonical, argv
    assert parse(["container", "ls"]).command_path == "docker container ls"
    assert parse(["container", "ps"]).path == ("container", "ls")


def test_build_flags():
    p = parse(["build", "-t", "x:1", "-t", "y", "--build-arg", "A=1", "--no-cache", "--progress=plain",
               "--target", "final", "-f", "Dockerfile.dev", "--network", "none", "-q", "."])
    assert p.opts["tag"] == ["x:1", "y"] and p.opts["build-arg"] == ["A=1"] and p.opts["no-cache"]
    assert (p.opts["progress"], p.opts["target"], p.opts["file"], p.opts["network"]) == \
        ("plain", "final", "Dockerfile.dev", "none")
    assert parse(["build", "."]).opts["progress"] == "auto"


def test_global_flags_and_unsupported_commands():
    p = parse(["--debug", "-l", "debug", "ps", "-q"])
    assert p.command == "ps" and p.global_opts["debug"] and p.global_opts["log-level"] == "debug"
    p = parse(["network", "ls", "-q"])
    assert (p.supported, p.command, p.args) == (False, "network", ["ls", "-q"])
    p = parse(["container", "pause", "x"])
    assert (p.supported, p.command, p.args) == (False, "container pause", ["x"])
    msg, code = err(["-H", "tcp://x", "ps"])
    assert code == 125 and "-H, --host" in msg


def test_deprecated_flag_warnings():
    p = parse(["stop", "--time", "3", "c"])
    assert p.opts["timeout"] == 3
    assert p.warnings == [("stdout", "Flag --time has been deprecated, use --timeout instead\n")]


# ---------------------------------------------------------------------------------------------
# errors: exact docker 28 text and exit status

USAGE_RUN = "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]"

ERRORS = [
    (["run", "--foo"], f"unknown flag: --foo\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-z"], f"unknown shorthand flag: 'z' in -z\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-itz"], f"unknown shorthand flag: 'z' in -z\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-é"], f"unknown shorthand flag: 'Ã' in -é\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--name"], f"flag needs an argument: --name\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-e"], f"flag needs an argument: 'e' in -e\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "---x"], f"bad flag syntax: ---x\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--rm=maybe", "x"], 'invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": '
                                 f"invalid syntax\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run"], f"docker: 'docker run' requires at least 1 argument\n\n{USAGE_RUN}\n\n"
              "See 'docker run --help' for more information", 1),
    (["run", "-it"], f"docker: 'docker run' requires at least 1 argument\n\n{USAGE_RUN}\n\n"
                     "See 'docker run --help' for more information", 1),
    (["run", "-h", "alpine"], f"docker: 'docker run' requires at least 1 argument\n\n{USAGE_RUN}\n\n"
                              "See 'docker run --help' for more information", 1),
    (["container", "run"], "docker: 'docker container run' requires at least 1 argument\n\n"
                           "Usage:  docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
                           "See 'docker container run --help' for more information", 1),
    (["ps", "-n", "x"], 'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax\n\n'
                        "Usage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information", 125),
    (["ps", "-n="], 'invalid argument "=" for "-n, --last" flag: strconv.ParseInt: parsing "=": invalid syntax\n\n'
                    "Usage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information", 125),
    (["ps", "-n", "99999999999999999999"],
     'invalid argument "99999999999999999999" for "-n, --last" flag: strconv.ParseInt: parsing '
     '"99999999999999999999": value out of range\n\nUsage:  docker ps [OPTIONS]\n\n'
     "Run 'docker ps --help' for more information", 125),
    (["ps", "-q=x"], 'invalid argument "x" for "-q, --quiet" flag: strconv.ParseBool: parsing "x": invalid syntax\n\n'
                     "Usage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information", 125),
    (["ps", "--help=x"], 'invalid argument "x" for "--help" flag: strconv.ParseBool: parsing "x": invalid syntax\n\n'
                         "Usage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information", 125),
    (["ps", "x"], "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\n"
                  "Run 'docker ps --help' for more information", 1),
    (["images", "x", "y"], "docker: 'docker images' requires at most 1 argument\n\n"
                           "Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\n"
                           "Run 'docker images --help' for more information", 1),
    (["tag", "a"], "docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] "
                   "TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information", 1),
    (["commit"], "docker: 'docker commit' requires at least 1 and at most 2 arguments\n\n"
                 "Usage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\n"
                 "Run 'docker commit --help' for more information", 1),
    (["exec", "c"], "docker: 'docker exec' requires at least 2 arguments\n\n"
                    "Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\n"
                    "See 'docker exec --help' for more information", 1),
    (["cp", "a"], "docker: 'docker cp' requires 2 arguments\n\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH "
                  "DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\n"
                  "Run 'docker cp --help' for more information", 1),
    (["foo"], "docker: unknown command: docker foo\n\nRun 'docker --help' for more information", 1),
    (["foo", "--bar"], "unknown flag: --bar\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\n"
                       "Run 'docker --help' for more information", 125),
    (["--foo", "ps"], "unknown flag: --foo\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\n"
                      "Run 'docker --help' for more information", 125),
    (["volume", "foo"], "docker: unknown command: docker volume foo\n\nUsage:  docker volume COMMAND\n\n"
                        "Run 'docker volume --help' for more information", 1),
    (["image", "foo"], "docker: unknown command: docker image foo\n\nUsage:  docker image\n\n"
                       "Run 'docker image --help' for more information", 1),
    (["volume", "-q", "ls"], "unknown shorthand flag: 'q' in -q\n\nUsage:  docker volume COMMAND\n\n"
                             "Run 'docker volume --help' for more information", 125),
    (["container", "--foo=1", "ls"], "unknown flag: --foo", 1),
    (["container", "-x=1", "ls"], "unknown shorthand flag: 'x' in -x=1", 1),
    (["container", "--help", "run"], "docker: 'docker container run' requires at least 1 argument\n\n"
                                     "Usage:  docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
                                     "See 'docker container run --help' for more information", 1),
    (["run", "-m", "1q", "x"], 'invalid argument "1q" for "-m, --memory" flag: invalid suffix: \'q\'\n\n'
                               f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--health-interval", "x", "img"], 'invalid argument "x" for "--health-interval" flag: time: invalid '
                                               f'duration "x"\n\n{USAGE_RUN}\n\n'
                                               "Run 'docker run --help' for more information", 125),
    (["run", "--cpus", "x", "img"], 'invalid argument "x" for "--cpus" flag: failed to parse x as a rational '
                                    f"number\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--blkio-weight", "70000", "img"], 'invalid argument "70000" for "--blkio-weight" flag: '
                                                'strconv.ParseUint: parsing "70000": value out of range\n\n'
                                                f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--mount", "x"], 'invalid argument "x" for "--mount" flag: invalid field \'x\' must be a key=value '
                              f"pair\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--mount", "type=bind"], 'invalid argument "type=bind" for "--mount" flag: target is required\n\n'
                                      f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-e", "=x"], 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x\n\n'
                          f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-l", "=x"], 'invalid argument "=x" for "-l, --label" flag: invalid label \'=x\': empty name\n\n'
                          f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--add-host", "x"], 'invalid argument "x" for "--add-host" flag: bad format for add-host: "x"\n\n'
                                 f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--dns", "x"], 'invalid argument "x" for "--dns" flag: IP address is not correctly formatted: x\n\n'
                            f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "-a", "x"], 'invalid argument "x" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR'
                         f"\n\n{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["run", "--sysctl", "x", "img"], 'invalid argument "x" for "--sysctl" flag: sysctl \'x\' is not allowed\n\n'
                                      f"{USAGE_RUN}\n\nRun 'docker run --help' for more information", 125),
    (["ps", "-f", "x"], 'invalid argument "x" for "-f, --filter" flag: bad format of filter (expected name=value)'
                        "\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information", 125),
    (["run", "--pull=bogus", "img"], "docker: invalid pull option: 'bogus': must be one of \"always\", \"missing\" "
                                     "or \"never\"\n\nRun 'docker run --help' for more information", 125),
    (["volume", "create", "--name", "a", "b"], "conflicting options: cannot specify a volume-name through both "
                                               "--name and as a positional arg", 1),
    (["run", "--cpu-count", "1", "--cpu-percent", "2", "--checkpoint", "x"],
     '"--cpu-count" is only supported on a Docker daemon running on windows, but the Docker daemon is running on '
     'linux\n"--cpu-percent" is only supported on a Docker daemon running on windows, but the Docker daemon is '
     "running on linux", 1),
    (["start", "--checkpoint", "x"], '"--checkpoint" is only supported on a Docker daemon with experimental '
                                     "features enabled", 1),
    (["--log-level", "x", "ps"], "Unable to parse logging level: x", 1),
    (["help", "foo"], "unknown help topic: foo", 1),
    (["help", "ps", "-a"], "unknown shorthand flag: 'a' in -a\n\nUsage:  docker help [command]\n\n"
                           "Run 'docker help --help' for more information", 125),
]


@pytest.mark.parametrize("argv,message,code", ERRORS, ids=[" ".join(a) for a, _, _ in ERRORS])
def test_errors_match_docker(argv, message, code):
    assert err(argv) == (message, code)


# ---------------------------------------------------------------------------------------------
# help and usage output

def test_help_texts_match_docker():
    assert A.usage_text(S.find_command("ps"), api="1.41") == PS_HELP
    assert A.usage_text(S.find_command("volume", "create"), api="1.41") == VOLUME_CREATE_HELP
    assert A.usage_text(S.find_command("cp"), api="1.41") == CP_HELP
    assert A.usage_text(S.find_command("logs"), api="1.41") == LOGS_HELP
    assert A.usage_text(S.find_command("inspect"), api="1.41") == INSPECT_HELP
    assert A.usage_text(S.find_command("volume"), api="1.41") == VOLUME_USAGE
    assert A.usage_text(S.find_command("container"), api="1.41") == CONTAINER_USAGE
    assert A.usage_text(S.find_command("run"), api="1.41") == RUN_HELP_API141


def test_root_help_lists_buildx_and_compose_plugins():
    got = A.root_usage_text()
    assert "  buildx*     Docker Buildx\n  compose*    Docker Compose\n" in got
    plain = "".join(line for line in got.splitlines(True) if "buildx*" not in line and "compose*" not in line)
    assert plain == ROOT_HELP_NO_PLUGINS


def test_help_requests():
    p = parse(["ps", "--help"])
    assert (p.help, p.help_stream, p.help_text, p.warnings) == (True, "stdout", A.usage_text(S.find_command("ps")), [])
    p = parse(["ps", "-h"])
    assert p.help and p.warnings == [("stdout", "Flag shorthand -h has been deprecated, use --help\n")]
    p = parse(["-h"])
    assert p.help and p.help_stream == "stdout" and p.help_text.startswith("Usage:  docker [OPTIONS] COMMAND\n")
    assert p.warnings == [("stderr", "Flag shorthand -h has been deprecated, use --help\n")]
    assert parse(["run", "--network", "none", "--help", "alpine"]).help
    assert parse(["volume", "--help", "ls"]).help_text.startswith("Usage:  docker volume ls [OPTIONS]\n")
    assert parse(["--help", "ps"]).help_text.startswith("Usage:  docker ps [OPTIONS]\n")
    assert parse(["help", "container", "ls"]).help_text.startswith("Usage:  docker container ls [OPTIONS]\n")
    assert parse(["ps", "--help=false"]).help is False
    for argv in ([], ["--"], ["volume"], ["container"]):
        p = parse(argv)
        assert p.help and p.help_stream == "stderr", argv
    assert parse(["--version"]).help_text == "Docker version 28.2.2, build e6534b4\n"
    assert parse(["--version", "ps"]).command == "ps"


def test_current_api_shows_version_gated_flags():
    run_help = A.usage_text(S.find_command("run"))
    assert "      --annotation map" in run_help and "--health-start-interval duration" in run_help
    assert "      --tree            List multi-platform images as a tree (EXPERIMENTAL)" in \
        A.usage_text(S.find_command("images"))
    assert "  -a, --all             Remove all unused volumes, not just anonymous ones" in \
        A.usage_text(S.find_command("volume", "prune"))


def test_build_is_buildx_build():
    txt = A.usage_text(S.find_command("buildx", "build"))
    assert txt.startswith("Usage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n\nAliases:\n"
                          "  docker build, docker builder build, docker image build, docker buildx b\n")
    assert '      --progress string               Set type of progress output\n' in txt
    assert A.parse(["build", "--help"]).help_text == txt
    assert err(["build"]) == ("ERROR: docker: 'docker buildx build' requires 1 argument\n\n"
                              "Usage:  docker buildx build [OPTIONS] PATH | URL | -\n\n"
                              "Run 'docker buildx build --help' for more information", 1)
    assert err(["image", "build", "--nope", "."]) == (
        "unknown flag: --nope\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\n"
        "Run 'docker buildx build --help' for more information", 125)


def test_helpers():
    assert A.with_help("Error response from daemon: x", "run") == \
        "docker: Error response from daemon: x\n\nRun 'docker run --help' for more information"
    assert A.to_status_error('exec: "nope": executable file not found in $PATH')[1] == 127
    assert A.to_status_error("permission denied")[1] == 126
    assert A.to_status_error("boom")[1] == 125
    assert GS.parse_int("0x1F") == 31 and GS.parse_int("017") == 15 and GS.parse_int("-1_0") == -10
    with pytest.raises(ValueError, match=r'strconv.ParseInt: parsing "08": invalid syntax'):
        GS.parse_int("08")
    with pytest.raises(ValueError, match=r'strconv.ParseInt: parsing "1__0": invalid syntax'):
        GS.parse_int("1__0")
    assert GTIME.parse_duration("1h2m3.5s") == (3723 * 10 ** 9 + 5 * 10 ** 8)
    assert GTIME.parse_duration("-1.5ms") == -1_500_000
    for bad, msg in [("1", 'time: missing unit in duration "1"'), ("1x", 'time: unknown unit "x" in duration "1x"'),
                     ("x", 'time: invalid duration "x"'), ("", 'time: invalid duration ""')]:
        with pytest.raises(ValueError) as e:
            GTIME.parse_duration(bad)
        assert str(e.value) == msg
    # Time.String: the nanoseconds without trailing zeros, none on a whole second (the
    # engine's build cache: "2026-12-06 20:37:32.417190514 +0000 UTC")
    assert GTIME.time_string(1.5) == "1970-01-01 00:00:01.5 +0000 UTC"
    assert GTIME.time_string(2) == GTIME.unix_string(2.9) == "1970-01-01 00:00:02 +0000 UTC"


# ---------------------------------------------------------------------------------------------
# real help texts (docker 28.2.2 CLI, API 1.41 engine, not a terminal: 80 columns)

PS_HELP = """\
Usage:  docker ps [OPTIONS]

List containers

Aliases:
  docker container ls, docker container list, docker container ps, docker ps

Options:
  -a, --all             Show all containers (default shows just running)
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format
                        with column headers (default)
                        'table TEMPLATE':   Print output in table format
                        using the given Go template
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
  -n, --last int        Show n last created containers (includes all
                        states) (default -1)
  -l, --latest          Show the latest created container (includes all
                        states)
      --no-trunc        Don't truncate output
  -q, --quiet           Only display container IDs
  -s, --size            Display total file sizes
"""

VOLUME_CREATE_HELP = """\
Usage:  docker volume create [OPTIONS] [VOLUME]

Create a volume

Options:
  -d, --driver string   Specify volume driver name (default "local")
      --label list      Set metadata for a volume
  -o, --opt map         Set driver specific options (default map[])
"""

CP_HELP = """\
Usage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
	docker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH

Copy files/folders between a container and the local filesystem

Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout.

Aliases:
  docker container cp, docker cp

Options:
  -a, --archive       Archive mode (copy all uid/gid information)
  -L, --follow-link   Always follow symbol link in SRC_PATH
  -q, --quiet         Suppress progress output during copy. Progress
                      output is automatically suppressed if no terminal
                      is attached
"""

LOGS_HELP = """\
Usage:  docker logs [OPTIONS] CONTAINER

Fetch the logs of a container

Aliases:
  docker container logs, docker logs

Options:
      --details        Show extra details provided to logs
  -f, --follow         Follow log output
      --since string   Show logs since timestamp (e.g.
                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                       for 42 minutes)
  -n, --tail string    Number of lines to show from the end of the logs
                       (default "all")
  -t, --timestamps     Show timestamps
      --until string   Show logs before a timestamp (e.g.
                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                       for 42 minutes)
"""

VOLUME_USAGE = """\
Usage:  docker volume COMMAND

Manage volumes

Commands:
  create      Create a volume
  inspect     Display detailed information on one or more volumes
  ls          List volumes
  prune       Remove unused local volumes
  rm          Remove one or more volumes

Run 'docker volume COMMAND --help' for more information on a command.
"""

CONTAINER_USAGE = """\
Usage:  docker container COMMAND

Manage containers

Commands:
  attach      Attach local standard input, output, and error streams to a running container
  commit      Create a new image from a container's changes
  cp          Copy files/folders between a container and the local filesystem
  create      Create a new container
  diff        Inspect changes to files or directories on a container's filesystem
  exec        Execute a command in a running container
  export      Export a container's filesystem as a tar archive
  inspect     Display detailed information on one or more containers
  kill        Kill one or more running containers
  logs        Fetch the logs of a container
  ls          List containers
  pause       Pause all processes within one or more containers
  port        List port mappings or a specific mapping for the container
  prune       Remove all stopped containers
  rename      Rename a container
  restart     Restart one or more containers
  rm          Remove one or more containers
  run         Create and run a new container from an image
  start       Start one or more stopped containers
  stats       Display a live stream of container(s) resource usage statistics
  stop        Stop one or more running containers
  top         Display the running processes of a container
  unpause     Unpause all processes within one or more containers
  update      Update configuration of one or more containers
  wait        Block until one or more containers stop, then print their exit codes

Run 'docker container COMMAND --help' for more information on a command.
"""

INSPECT_HELP = """\
Usage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]

Return low-level information on Docker objects

Options:
  -f, --format string   Format output using a custom template:
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
  -s, --size            Display total file sizes if the type is container
      --type string     Only inspect objects of the given type
"""

RUN_HELP_API141 = """\
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]

Create and run a new container from an image

Aliases:
  docker container run, docker run

Options:
      --add-host list                  Add a custom host-to-IP mapping
                                       (host:ip)
  -a, --attach list                    Attach to STDIN, STDOUT or STDERR
      --blkio-weight uint16            Block IO (relative weight),
                                       between 10 and 1000, or 0 to
                                       disable (default 0)
      --blkio-weight-device list       Block IO weight (relative device
                                       weight) (default [])
      --cap-add list                   Add Linux capabilities
      --cap-drop list                  Drop Linux capabilities
      --cgroup-parent string           Optional parent cgroup for the
                                       container
      --cgroupns string                Cgroup namespace to use
                                       (host|private)
                                       'host':    Run the container in
                                       the Docker host's cgroup namespace
                                       'private': Run the container in
                                       its own private cgroup namespace
                                       '':        Use the cgroup
                                       namespace as configured by the
                                                  default-cgroupns-mode
                                       option on the daemon (default)
      --cidfile string                 Write the container ID to the file
      --cpu-period int                 Limit CPU CFS (Completely Fair
                                       Scheduler) period
      --cpu-quota int                  Limit CPU CFS (Completely Fair
                                       Scheduler) quota
      --cpu-rt-period int              Limit CPU real-time period in
                                       microseconds
      --cpu-rt-runtime int             Limit CPU real-time runtime in
                                       microseconds
  -c, --cpu-shares int                 CPU shares (relative weight)
      --cpus decimal                   Number of CPUs
      --cpuset-cpus string             CPUs in which to allow execution
                                       (0-3, 0,1)
      --cpuset-mems string             MEMs in which to allow execution
                                       (0-3, 0,1)
  -d, --detach                         Run container in background and
                                       print container ID
      --detach-keys string             Override the key sequence for
                                       detaching a container
      --device list                    Add a host device to the container
      --device-cgroup-rule list        Add a rule to the cgroup allowed
                                       devices list
      --device-read-bps list           Limit read rate (bytes per second)
                                       from a device (default [])
      --device-read-iops list          Limit read rate (IO per second)
                                       from a device (default [])
      --device-write-bps list          Limit write rate (bytes per
                                       second) to a device (default [])
      --device-write-iops list         Limit write rate (IO per second)
                                       to a device (default [])
      --disable-content-trust          Skip image verification (default true)
      --dns list                       Set custom DNS servers
      --dns-option list                Set DNS options
      --dns-search list                Set custom DNS search domains
      --domainname string              Container NIS domain name
      --entrypoint string              Overwrite the default ENTRYPOINT
                                       of the image
  -e, --env list                       Set environment variables
      --env-file list                  Read in a file of environment variables
      --expose list                    Expose a port or a range of ports
      --gpus gpu-request               GPU devices to add to the
                                       container ('all' to pass all GPUs)
      --group-add list                 Add additional groups to join
      --health-cmd string              Command to run to check health
      --health-interval duration       Time between running the check
                                       (ms|s|m|h) (default 0s)
      --health-retries int             Consecutive failures needed to
                                       report unhealthy
      --health-start-period duration   Start period for the container to
                                       initialize before starting
                                       health-retries countdown
                                       (ms|s|m|h) (default 0s)
      --health-timeout duration        Maximum time to allow one check to
                                       run (ms|s|m|h) (default 0s)
      --help                           Print usage
  -h, --hostname string                Container host name
      --init                           Run an init inside the container
                                       that forwards signals and reaps
                                       processes
  -i, --interactive                    Keep STDIN open even if not attached
      --ip string                      IPv4 address (e.g., 172.30.100.104)
      --ip6 string                     IPv6 address (e.g., 2001:db8::33)
      --ipc string                     IPC mode to use
      --isolation string               Container isolation technology
      --kernel-memory bytes            Kernel memory limit
  -l, --label list                     Set meta data on a container
      --label-file list                Read in a line delimited file of labels
      --link list                      Add link to another container
      --link-local-ip list             Container IPv4/IPv6 link-local
                                       addresses
      --log-driver string              Logging driver for the container
      --log-opt list                   Log driver options
      --mac-address string             Container MAC address (e.g.,
                                       92:d0:c6:0a:29:33)
  -m, --memory bytes                   Memory limit
      --memory-reservation bytes       Memory soft limit
      --memory-swap bytes              Swap limit equal to memory plus
                                       swap: '-1' to enable unlimited swap
      --memory-swappiness int          Tune container memory swappiness
                                       (0 to 100) (default -1)
      --mount mount                    Attach a filesystem mount to the
                                       container
      --name string                    Assign a name to the container
      --network network                Connect a container to a network
      --network-alias list             Add network-scoped alias for the
                                       container
      --no-healthcheck                 Disable any container-specified
                                       HEALTHCHECK
      --oom-kill-disable               Disable OOM Killer
      --oom-score-adj int              Tune host's OOM preferences (-1000
                                       to 1000)
      --pid string                     PID namespace to use
      --pids-limit int                 Tune container pids limit (set -1
                                       for unlimited)
      --platform string                Set platform if server is
                                       multi-platform capable
      --privileged                     Give extended privileges to this
                                       container
  -p, --publish list                   Publish a container's port(s) to
                                       the host
  -P, --publish-all                    Publish all exposed ports to
                                       random ports
      --pull string                    Pull image before running
                                       ("always", "missing", "never")
                                       (default "missing")
  -q, --quiet                          Suppress the pull output
      --read-only                      Mount the container's root
                                       filesystem as read only
      --restart string                 Restart policy to apply when a
                                       container exits (default "no")
      --rm                             Automatically remove the container
                                       and its associated anonymous
                                       volumes when it exits
      --runtime string                 Runtime to use for this container
      --security-opt list              Security Options
      --shm-size bytes                 Size of /dev/shm
      --sig-proxy                      Proxy received signals to the
                                       process (default true)
      --stop-signal string             Signal to stop the container
      --stop-timeout int               Timeout (in seconds) to stop a
                                       container
      --storage-opt list               Storage driver options for the
                                       container
      --sysctl map                     Sysctl options (default map[])
      --tmpfs list                     Mount a tmpfs directory
  -t, --tty                            Allocate a pseudo-TTY
      --ulimit ulimit                  Ulimit options (default [])
      --use-api-socket                 Bind mount Docker API socket and
                                       required auth
  -u, --user string                    Username or UID (format:
                                       <name|uid>[:<group|gid>])
      --userns string                  User namespace to use
      --uts string                     UTS namespace to use
  -v, --volume list                    Bind mount a volume
      --volume-driver string           Optional volume driver for the
                                       container
      --volumes-from list              Mount volumes from the specified
                                       container(s)
  -w, --workdir string                 Working directory inside the container
"""

ROOT_HELP_NO_PLUGINS = """\
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  build       Build an image from a Dockerfile
  pull        Download an image from a registry
  push        Upload an image to a registry
  images      List images
  login       Authenticate to a registry
  logout      Log out from a registry
  search      Search Docker Hub for images
  version     Show the Docker version information
  info        Display system-wide information

Management Commands:
  builder     Manage builds
  container   Manage containers
  context     Manage contexts
  image       Manage images
  manifest    Manage Docker image manifests and manifest lists
  network     Manage networks
  plugin      Manage plugins
  system      Manage Docker
  trust       Manage trust on Docker images
  volume      Manage volumes

Swarm Commands:
  config      Manage Swarm configs
  node        Manage Swarm nodes
  secret      Manage Swarm secrets
  service     Manage Swarm services
  stack       Manage Swarm stacks
  swarm       Manage Swarm

Commands:
  attach      Attach local standard input, output, and error streams to a running container
  commit      Create a new image from a container's changes
  cp          Copy files/folders between a container and the local filesystem
  create      Create a new container
  diff        Inspect changes to files or directories on a container's filesystem
  events      Get real time events from the server
  export      Export a container's filesystem as a tar archive
  history     Show the history of an image
  import      Import the contents from a tarball to create a filesystem image
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  load        Load an image from a tar archive or STDIN
  logs        Fetch the logs of a container
  pause       Pause all processes within one or more containers
  port        List port mappings or a specific mapping for the container
  rename      Rename a container
  restart     Restart one or more containers
  rm          Remove one or more containers
  rmi         Remove one or more images
  save        Save one or more images to a tar archive (streamed to STDOUT by default)
  start       Start one or more stopped containers
  stats       Display a live stream of container(s) resource usage statistics
  stop        Stop one or more running containers
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
  top         Display the running processes of a container
  unpause     Unpause all processes within one or more containers
  update      Update configuration of one or more containers
  wait        Block until one or more containers stop, then print their exit codes

Global Options:
      --config string      Location of client config files (default
                           "/root/.docker")
  -c, --context string     Name of the context to use to connect to the
                           daemon (overrides DOCKER_HOST env var and
                           default context set with "docker context use")
  -D, --debug              Enable debug mode
  -H, --host list          Daemon socket to connect to
  -l, --log-level string   Set the logging level ("debug", "info",
                           "warn", "error", "fatal") (default "info")
      --tls                Use TLS; implied by --tlsverify
      --tlscacert string   Trust certs signed only by this CA (default
                           "/root/.docker/ca.pem")
      --tlscert string     Path to TLS certificate file (default
                           "/root/.docker/cert.pem")
      --tlskey string      Path to TLS key file (default
                           "/root/.docker/key.pem")
      --tlsverify          Use TLS and verify the remote
  -v, --version            Print version information and quit

Run 'docker COMMAND --help' for more information on a command.

For more help on how to use Docker, head to https://docs.docker.com/go/guides/
"""
