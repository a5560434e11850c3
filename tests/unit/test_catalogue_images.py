"""The catalogue's data-file images and what their entrypoints do to storage (the course's
mysql story), the offline answer for images outside the catalogue, and BuildKit's own cache
of the bases it pulls."""
from __future__ import annotations

import json

import pytest

from dockstore_magic.catalogue import lookup, names
from dockstore_magic.catalogue import datafile

VOL = "/var/lib/docker/volumes/data_volume/_data"
UNINITIALIZED = """\
[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
"""


def ls(sim, path):
    r = sim.host(f"ls -A {path}")
    assert r.exit_code == 0, r.stderr
    return r.stdout.split()


def test_every_data_file_is_a_registered_image():
    for path in datafile.data_files():
        data = datafile.load(path)
        img = lookup(f"{data['repository']}:{data['tags'][0]}")
        assert img is not None, path.name
        assert len(img.history) - sum(h.get("empty_layer", False) for h in img.history) \
            == len(img.layers), path.name
        assert f"{data['repository']}:{data['tags'][-1]}" in names()


def test_mysql_config_is_the_official_images():
    img = lookup("mysql")
    cfg = img.config
    assert cfg["Entrypoint"] == ["docker-entrypoint.sh"] and cfg["Cmd"] == ["mysqld"]
    assert cfg["Volumes"] == {"/var/lib/mysql": {}}
    assert set(cfg["ExposedPorts"]) == {"3306/tcp", "33060/tcp"}
    assert len(img.layers) == 10 and 590e6 < img.size < 610e6
    assert lookup("oraclelinux:9-slim").layers[0] is img.layers[0]


def test_mysql_refuses_to_start_without_a_password(sim):
    sim.docker("volume create data_volume", check=True)
    r = sim.docker("run -v data_volume:/var/lib/mysql mysql")
    assert r.exit_code == 1
    assert r.stderr.endswith(UNINITIALIZED)
    assert "Status: Downloaded newer image for mysql:latest" in r.stderr
    # the entrypoint gave the folder to mysql before it gave up: nothing else in it
    assert ls(sim, VOL) == []
    assert sim.host(f"stat -c %u {VOL}").stdout == "999\n"


def test_mysql_initialises_the_volume_and_a_second_container_reuses_it(sim):
    sim.docker("volume create data_volume", check=True)
    r = sim.docker("run -d --name db -e MYSQL_ROOT_PASSWORD=secret -v data_volume:/var/lib/mysql "
                   "mysql", check=True)
    logs = sim.docker("logs db").stdout
    assert "[Entrypoint]: Initializing database files" in logs
    assert "MySQL init process done. Ready for start up." in logs
    files = ls(sim, VOL)
    for name in ("ibdata1", "mysql.ibd", "undo_001", "#innodb_redo", "auto.cnf", "mysql",
                 "binlog.index", "ca.pem"):
        assert name in files
    du = int(sim.host(f"du -sk {VOL}").stdout.split()[0])
    assert 150_000 < du < 250_000                      # about 190 MB, as a fresh 9.x datadir
    assert sim.docker("ps --format '{{.Status}}' -f name=db").stdout.startswith("Up")
    sim.docker("rm -f db", check=True)
    assert "ibdata1" in ls(sim, VOL)                   # the data outlives the container
    r = sim.docker("run -d --name db2 -v data_volume:/var/lib/mysql mysql", check=True)
    logs2 = sim.docker("logs db2")
    assert "Initializing database files" not in logs2.stdout
    assert "ready for connections" in logs2.stderr
    assert sim.host(f"cat {VOL}/binlog.index").stdout.split()[-1] == "./binlog.000004"


@pytest.mark.parametrize("mount", ["-v /data/mysql:/var/lib/mysql",
                                   "--mount type=bind,source=/data/mysql,target=/var/lib/mysql"])
def test_mysql_in_a_bind_mounted_host_folder(sim, mount):
    sim.host("mkdir -p /data/mysql")
    sim.docker(f"run -d --name db -e MYSQL_ALLOW_EMPTY_PASSWORD=1 {mount} mysql", check=True)
    assert "ibdata1" in ls(sim, "/data/mysql")
    sim.docker("rm -f db", check=True)
    sim.docker(f"run -d --name db2 {mount} mysql", check=True)
    assert "Initializing" not in sim.docker("logs db2").stdout


def test_plain_mysql_run_makes_an_anonymous_volume(sim):
    r = sim.docker("run --name plain mysql")
    assert r.exit_code == 1
    vols = json.loads(sim.docker("inspect -f '{{json .Mounts}}' plain").stdout)
    assert [(m["Type"], m["Destination"]) for m in vols] == [("volume", "/var/lib/mysql")]
    assert len(vols[0]["Name"]) == 64


def test_other_commands_run_unchanged_through_the_entrypoint(sim):
    r = sim.docker("run --rm mysql mysqld --version")
    assert r.stdout == "/usr/sbin/mysqld  Ver 9.1.0 for Linux on x86_64 (MySQL Community " \
                       "Server - GPL)\n"
    r = sim.docker("run --rm mysql cat /etc/os-release")
    assert 'PRETTY_NAME="Oracle Linux Server 9.5"' in r.stdout


def test_nginx_entrypoint_still_runs_its_own_script(sim):
    r = sim.docker("run -d --name web nginx", check=True)
    logs = sim.docker("logs web").stdout
    assert "/docker-entrypoint.sh: Configuration complete; ready for start up" in logs


@pytest.mark.parametrize("ref, offer", [
    ("nosuchimage", "alpine, buildpack-deps, busybox, debian, httpd, mysql, "),
    ("mysql:5.7", "mysql:9.1.0, 9.1, 9, innovation, latest"),
])
def test_a_name_outside_the_catalogue_gets_the_offline_answer(sim, ref, offer):
    r = sim.docker(f"pull {ref}")
    assert r.exit_code == 1
    first, second = r.stderr.splitlines()[-2:]
    assert first == ('Error response from daemon: Get "https://registry-1.docker.io/v2/": dial '
                     'tcp: lookup registry-1.docker.io: no such host')
    assert second.startswith("dockstore-magic: no registry here; the built-in catalogue has ")
    assert offer in second


def test_buildkit_keeps_the_base_it_pulled_in_its_own_cache(sim, tmp_path):
    r = sim.build("FROM ubuntu:22.04\nRUN echo hi > /x\n", str(tmp_path), "app:1")
    assert r.exit_code == 0, r.stderr
    repos = sim.docker("image ls --format '{{.Repository}}:{{.Tag}}'").stdout.split()
    assert repos == ["app:1"]
    assert sim.docker("image inspect ubuntu:22.04").exit_code == 1
    r = sim.docker("pull ubuntu:22.04", check=True)
    assert "Pull complete" in r.stdout and "Status: Downloaded newer image" in r.stdout
    assert len(sim.docker("image ls -q").stdout.split()) == 2
    # both images stand on the very same base layer
    top = sim.docker("image inspect -f '{{index .RootFS.Layers 0}}' app:1").stdout
    assert top == sim.docker("image inspect -f '{{index .RootFS.Layers 0}}' ubuntu:22.04").stdout
    # a second build reuses BuildKit's copy; a pulled base is taken from the image store
    assert sim.build("FROM ubuntu:22.04\nRUN echo hi > /x\n", str(tmp_path), "app:2").exit_code == 0


def test_postgres_refuses_initialises_and_reuses(sim):
    r = sim.docker("run --name p0 postgres")
    assert r.exit_code == 1
    assert r.stderr.endswith("Error: Database is uninitialized and superuser password is not "
                             "specified.\n       You must specify POSTGRES_PASSWORD to a non-empty "
                             "value for the\n       superuser. For example, \"-e POSTGRES_PASSWORD"
                             "=password\" on \"docker run\".\n\n       You may also use "
                             "\"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n       connections "
                             "without a password. This is *not* recommended.\n\n       See "
                             "PostgreSQL documentation about \"trust\":\n       https://www."
                             "postgresql.org/docs/current/auth-trust.html\n")
    sim.docker("run -d --name p1 -e POSTGRES_PASSWORD=pw -e POSTGRES_DB=shop "
               "-v pgdata:/var/lib/postgresql/data postgres", check=True)
    data = "/var/lib/docker/volumes/pgdata/_data"
    assert sim.host(f"cat {data}/PG_VERSION").stdout == "17\n"
    assert sorted(ls(sim, f"{data}/base")) == ["1", "16384", "4", "5"]
    assert sim.host(f"tail -1 {data}/pg_hba.conf").stdout == "host all all all scram-sha-256\n"
    assert sim.host(f"stat -c '%a %u' {data}").stdout == "700 999\n"
    du = int(sim.host(f"du -sk {data}").stdout.split()[0])
    assert 35_000 < du < 55_000
    assert "PostgreSQL init process complete; ready for start up." in sim.docker("logs p1").stdout
    sim.docker("rm -f p1", check=True)
    sim.docker("run -d --name p2 -v pgdata:/var/lib/postgresql/data postgres", check=True)
    assert "appears to contain a database; Skipping initialization" in \
        sim.docker("logs p2").stdout


def test_redis_keeps_its_append_only_files_in_the_data_volume(sim):
    sim.docker("run -d --name r1 -v cache:/data redis redis-server --appendonly yes", check=True)
    assert "Ready to accept connections tcp" in sim.docker("logs r1").stdout
    aof = "/var/lib/docker/volumes/cache/_data/appendonlydir"
    assert ls(sim, aof) == ["appendonly.aof.1.base.rdb", "appendonly.aof.1.incr.aof",
                            "appendonly.aof.manifest"]
    assert sim.host(f"stat -c %u {aof}").stdout == "999\n"


def test_httpd_serves_from_htdocs_and_logs_to_the_container(sim):
    r = sim.docker("run --rm httpd cat /usr/local/apache2/htdocs/index.html", check=True)
    assert r.stdout == "<html><body><h1>It works!</h1></body></html>\n"
    sim.docker("run -d --name w1 httpd", check=True)
    logs = sim.docker("logs w1").stderr
    assert "AH00094: Command line: 'httpd -D FOREGROUND'" in logs
    assert sim.docker("inspect -f '{{.Config.StopSignal}}' w1").stdout == "SIGWINCH\n"


def test_node_entrypoint_puts_node_in_front(sim):
    assert sim.docker("run --rm node --version").stdout == "v23.4.0\n"
    assert sim.docker("run --rm node:lts --version").stdout == "v22.12.0\n"
    r = sim.docker("run --rm node:22 app.js")
    assert r.exit_code == 1 and "Error: Cannot find module '/app.js'" in r.stderr
    r = sim.docker("run --rm node:22")
    assert (r.exit_code, r.stdout) == (0, "")
    assert sim.docker("run --rm node:22 npm --version").exit_code == 0
    assert sim.docker("image inspect -f '{{len .RootFS.Layers}}' node:22").stdout == "8\n"


def _imports(path, package: list[str]) -> set[str]:
    """The modules of dockstore_magic.catalogue that ``path`` imports (relative imports)."""
    import ast
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            if len(base) < 2 or base[:2] != ["dockstore_magic", "catalogue"]:
                continue
            if node.module:
                out.add(".".join(base + node.module.split(".")))
            else:
                out |= {".".join(base + [a.name]) for a in node.names}
    return out


def test_the_catalogue_has_no_import_cycles_and_no_giant_lines():
    from pathlib import Path
    import dockstore_magic.catalogue as cat
    root = Path(cat.__file__).parent
    graph = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root.parent.parent).with_suffix("")
        parts = list(rel.parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = parts[:-1]
        graph[name] = _imports(path, package)
        longest = max(len(line) for line in path.read_text().splitlines())
        assert longest <= 400, (path.name, longest)      # long upstream text lives in data
    graph = {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(m, trail):
        state[m] = 1
        for d in graph[m]:
            assert state.get(d) != 1, " -> ".join(trail + [d])
            if d not in state:
                visit(d, trail + [d])
        state[m] = 2
    for m in graph:
        if m not in state:
            visit(m, [m])
