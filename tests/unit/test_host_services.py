"""systemctl on the Docker host: docker.service and docker.socket (daemon/service.py)."""
from __future__ import annotations

CANNOT = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"


def test_stop_with_the_socket_active_warns_and_the_next_command_starts_the_daemon(sim):
    r = sim.host("systemctl stop docker; systemctl is-active docker")
    assert r.stderr == "Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket\n"
    assert r.stdout == "inactive\n" and r.exit_code == 3
    assert sim.docker("ps").exit_code == 0                       # socket activation
    assert sim.host("systemctl is-active docker").stdout == "active\n"


def test_with_the_socket_stopped_the_client_cannot_connect(sim):
    sim.docker("pull -q busybox", check=True)
    sim.docker("run -d --name web busybox sleep 1000", check=True)
    r = sim.host("systemctl stop docker.socket docker")
    assert r.exit_code == 0 and r.stderr == ""
    r = sim.docker("ps")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", CANNOT)
    r = sim.docker("run --rm busybox true")
    assert r.exit_code == 125 and r.stderr == f"docker: {CANNOT}\nRun 'docker run --help' for more information\n"
    r = sim.host("docker images; echo $?")
    assert r.stdout == "1\n" and r.stderr == CANNOT
    status = sim.host("systemctl status docker")
    assert status.exit_code == 3 and status.stdout.startswith("○ docker.service - Docker Application Container Engine\n")
    assert "     Active: inactive (dead) since " in status.stdout
    assert sim.host("systemctl start docker").exit_code == 0
    ps = sim.docker("ps -a --format '{{.Names}} {{.State}}'").stdout
    assert ps == "web exited\n"                                  # stopped at shutdown


def test_a_different_storage_driver_hides_the_other_drivers_images(sim):
    sim.docker("pull -q busybox", check=True)
    sim.docker("create --name c1 busybox true", check=True)
    sim.docker("volume create keep", check=True)
    r = sim.host("echo '{\"storage-driver\": \"vfs\"}' > /etc/docker/daemon.json && systemctl restart docker")
    assert r.exit_code == 0, r.stderr
    assert sim.docker("info -f '{{.Driver}}'").stdout == "vfs\n"
    assert sim.docker("images -q").stdout == "" and sim.docker("ps -aq").stdout == ""
    assert sim.docker("volume ls -q").stdout == "keep\n"          # volumes belong to no driver
    assert sim.host("ls /var/lib/docker/image").stdout == "overlay2\nvfs\n"
    sim.docker("pull -q alpine", check=True)
    sim.host("echo '{\"storage-driver\": \"overlay2\"}' > /etc/docker/daemon.json && systemctl restart docker")
    assert sim.docker("images --format '{{.Repository}}'").stdout == "busybox\n"
    assert sim.docker("ps -a --format '{{.Names}}'").stdout == "c1\n"


def test_a_broken_daemon_json_fails_the_start(sim):
    r = sim.host("echo '{\"storage-driver\": \"vfs\",}' > /etc/docker/daemon.json; systemctl restart docker")
    assert r.exit_code == 1
    assert r.stderr.startswith("Job for docker.service failed because the control process exited with error code.\n")
    status = sim.host("systemctl status docker --no-pager").stdout
    assert "Active: failed (Result: exit-code)" in status
    assert ("unable to configure the Docker daemon with file /etc/docker/daemon.json: invalid character '}' "
            "looking for beginning of object key string") in status
    r = sim.host("echo '{\"storage-drive\": \"vfs\"}' > /etc/docker/daemon.json; systemctl start docker; "
                 "systemctl status docker | grep directives")
    assert "the following directives don't match any configuration option: storage-drive" in r.stdout
    r = sim.host("echo '{\"debug\": true}' > /etc/docker/daemon.json; systemctl start docker; "
                 "systemctl status docker | grep simulated")
    assert 'dockstore-magic: daemon.json "debug" is not simulated' in r.stdout
    sim.host("rm /etc/docker/daemon.json; systemctl start docker")
    assert sim.docker("ps").exit_code == 0


def test_systemctl_refuses_what_it_does_not_simulate(sim):
    assert sim.host("systemctl start nginx").stderr.startswith("dockstore-magic: systemctl manages only")
    assert sim.host("systemctl daemon-reload").stderr == "dockstore-magic: systemctl daemon-reload is not simulated\n"
    assert sim.host("systemctl start").stderr == "Too few arguments.\n"
    assert sim.host("service docker restart").exit_code == 0


def test_containers_have_no_systemctl(sim):
    sim.docker("pull -q busybox", check=True)
    r = sim.docker("run --rm busybox systemctl stop docker")
    assert r.exit_code == 127


def test_restart_policies_bring_containers_back_with_the_daemon(sim):
    sim.docker("pull -q busybox", check=True)
    eng = sim.engine
    for name, policy in (("always", "always"), ("unless", "unless-stopped"), ("stopped", "unless-stopped")):
        c = eng.containers.create({"Image": "busybox", "Cmd": ["sleep", "1000"]},
                                  {"RestartPolicy": {"Name": policy, "MaximumRetryCount": 0}}, name=name)
        eng.containers.start(c.id)
    sim.docker("run -d --name plain busybox sleep 1000", check=True)
    sim.docker("stop stopped", check=True)                      # stopped by the user
    assert sim.host("systemctl restart docker").exit_code == 0
    assert sim.docker("ps --format '{{.Names}}'").stdout.split() == ["unless", "always"]


def test_a_vfs_engine_stays_vfs_across_a_restart(tmp_path):
    from dockstore_magic.cli.main import DockerCLI
    from dockstore_magic.daemon import Engine
    cli = DockerCLI(Engine(storage_driver="vfs", seed=1, clock="2026-01-01T09:00:00Z"))
    cli.run(["pull", "-q", "busybox"])
    assert cli.host("systemctl restart docker").exit_code == 0
    assert cli.run(["info", "-f", "{{.Driver}}"]).stdout == "vfs\n"
    assert cli.run(["images", "-q"]).stdout != ""
