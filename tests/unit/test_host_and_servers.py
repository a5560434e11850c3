"""The Docker host's own shell (mounts, the docker CLI on it) and long-running programs."""
from __future__ import annotations

import pytest

from support.compare import table


@pytest.fixture
def bb(sim):
    sim.docker("pull -q busybox", check=True)
    return sim


def test_pull_quiet_and_info_format(sim):
    r = sim.docker("pull -q busybox")
    assert r.stdout == "docker.io/library/busybox:latest\n"
    assert sim.docker("info -f '{{.Driver}}'").stdout == "overlay2\n"
    assert sim.docker("info --format '{{.DockerRootDir}}'").stdout == "/var/lib/docker\n"


def test_host_mounts_list_the_running_containers_overlays(bb):
    assert "overlay" not in bb.host("mount").stdout
    bb.docker("run -d --name ww busybox sleep 100", check=True)
    c = bb.engine.container_store.get("ww")
    d = f"/var/lib/docker/overlay2/{c.rw.mount_id}"
    (line,) = [l for l in bb.host("mount").stdout.splitlines() if l.startswith("overlay")]
    assert line.startswith(f"overlay on {d}/merged type overlay (rw,relatime,lowerdir=/var/lib/docker/overlay2/l/")
    assert line.endswith(f",upperdir={d}/diff,workdir={d}/work)")
    # inside, the container sees the same overlay as its root
    inside = bb.docker("exec ww mount").stdout.splitlines()[0]
    assert inside == line.replace(f"{d}/merged", "/")
    bb.docker("stop ww", check=True)
    assert "overlay" not in bb.host("cat /proc/mounts").stdout


def test_docker_cli_on_the_host_but_not_in_containers(bb):
    bb.docker(["run", "--name", "c1", "busybox", "sh", "-c", "echo x >> /etc/group"], check=True)
    r = bb.host("""ls "$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' c1)/etc" """)
    assert r.stdout == "group\n"
    r = bb.docker("run --rm busybox docker ps")
    assert r.exit_code == 127 and 'exec: "docker": executable file not found in $PATH' in r.stderr


def test_interactive_shell_keeps_a_detached_container_up(bb):
    bb.docker("run -dit --name s3 busybox sh", check=True)
    assert table(bb.docker("ps").stdout)[1][4] == "Up <AGO>"
    bb.docker("run -d --name s4 busybox sh", check=True)       # no -i: sh reads EOF, exits
    assert bb.engine.container_store.get("s4").state.status == "exited"


def test_tmpfs_usage_counts_whole_pages(bb):
    r = bb.docker(["run", "--rm", "--tmpfs", "/scratch", "busybox", "sh", "-c",
                   "echo x > /scratch/x; df -h /scratch"])
    assert r.stdout.splitlines()[1].split()[2] == "4.0K"


def test_nginx_serves_localhost_and_a_bind_mounted_folder(sim):
    sim.docker("pull -q nginx", check=True)
    sim.docker("run -d --name web nginx", check=True)
    r = sim.docker("exec web curl -s localhost")
    assert r.exit_code == 0 and "<title>Welcome to nginx!</title>" in r.stdout
    r = sim.docker("exec web curl -s localhost/nope")
    assert "<head><title>404 Not Found</title></head>" in r.stdout
    r = sim.docker("exec web curl -s localhost:8080")
    assert r.exit_code == 7
    sim.host("mkdir -p /srv/site && echo hello > /srv/site/index.html")
    sim.docker("run -d --name web2 -v /srv/site:/usr/share/nginx/html:ro nginx", check=True)
    assert sim.docker("exec web2 curl -s http://localhost/").stdout == "hello\n"
    sim.host("echo changed > /srv/site/index.html")                 # a live edit on the host
    assert sim.docker("exec web2 curl -s localhost").stdout == "changed\n"
    sim.docker("stop web", check=True)
    assert sim.engine.container_store.get("web").state.exit_code == 0   # nginx exits on SIGQUIT


def test_python_api_names():
    from dockstore_magic import docker, host, engine, reset
    assert callable(host) and callable(docker)
    reset(seed=3)
    assert host("ls /var/lib/docker/volumes").stdout == "metadata.db\n"


def test_gnu_tools_exit_2_on_a_bad_option(sim):
    """GNU ls, grep and sort report a bad option with exit status 2, cat with 1 (coreutils)."""
    sim.docker("pull -q debian", check=True)
    codes = {c: sim.docker(["run", "--rm", "debian"] + c.split()).exit_code
             for c in ("ls --bogus", "grep --bogus x", "sort --bogus", "cat --bogus")}
    assert codes == {"ls --bogus": 2, "grep --bogus x": 2, "sort --bogus": 2, "cat --bogus": 1}


def test_nginx_forbids_a_folder_without_an_index(sim):
    sim.docker("pull -q nginx", check=True)
    sim.host("mkdir -p /srv/empty")
    sim.docker("run -d --name web -v /srv/empty:/usr/share/nginx/html nginx", check=True)
    assert "<head><title>403 Forbidden</title></head>" in sim.docker("exec web curl -s localhost").stdout


def test_curl_head_output_file_and_status_code(sim):
    sim.docker("pull -q nginx", check=True)
    sim.docker("run -d --name web nginx", check=True)
    head = sim.docker("exec web curl -sI localhost").stdout
    assert head.startswith("HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\n")
    assert sim.docker(["exec", "web", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                       "localhost/nope"]).stdout == "404"
    r = sim.docker(["exec", "web", "sh", "-c", "curl -s -o /tmp/p.html localhost; wc -c < /tmp/p.html"])
    assert r.stdout == "615\n"
    diff = sim.docker("diff web").stdout.splitlines()
    assert "C /tmp" in diff and "A /tmp/p.html" in diff               # curl -o wrote into the layer
