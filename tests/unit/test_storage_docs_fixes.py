"""What the storage documentation's examples needed (tests/docs runs them whole): the order of
the daemon's checks, tar's long options and member operands, a script whose interpreter a
mount hides, ``sudo`` and ``top`` on the host and in busybox."""
from __future__ import annotations


def test_a_bad_mount_is_reported_before_a_missing_command(sim_busybase):
    # the imported busybox image has no CMD; the engine here checks --mount first (s22)
    r = sim_busybase.docker("run --mount type=bind,src=/dev/noexist,dst=/mnt/foo dsm-busybase:1")
    assert r.exit_code == 125
    assert "bind source path does not exist: /dev/noexist" in r.stderr
    assert sim_busybase.docker("ps -a -q").stdout == ""


def test_busybox_tar_strip_abbreviation_and_missing_member(sim_busybase):
    s = sim_busybase
    s.docker(["run", "--name", "src", "-v", "/d", "dsm-busybase:1", "sh", "-c",
              "mkdir -p /d/x && echo kept > /d/x/f && cd /d && tar cf /d/a.tar x"], check=True)
    r = s.docker(["run", "--rm", "--volumes-from", "src", "dsm-busybase:1", "sh", "-c",
                  "mkdir /o && cd /o && tar xvf /d/a.tar --strip 1 && cat f"])
    assert r.stdout == "x/\nx/f\nkept\n"
    r = s.docker(["run", "--rm", "--volumes-from", "src", "dsm-busybase:1", "tar", "xf", "/d/a.tar", "nope"])
    assert (r.exit_code, r.stderr) == (1, "tar: nope: not found in archive\n")


def test_gnu_tar_matches_operands_before_stripping(sim):
    sim.docker("pull -q ubuntu", check=True)
    r = sim.docker(["run", "--rm", "ubuntu", "bash", "-c",
                    "mkdir -p /s/d && echo a > /s/d/f && cd /s && tar cf /t.tar d && mkdir /o && cd /o && "
                    "tar xvf /t.tar --strip-comp=1 d/f && ls; tar xf /t.tar f; echo $?"])
    assert r.stdout == "d/f\nf\n2\n"
    assert r.stderr == "tar: f: Not found in archive\ntar: Exiting with failure status due to previous errors\n"


def test_an_entrypoint_whose_interpreter_is_hidden_exits_1(sim):
    sim.docker("pull -q nginx", check=True)
    r = sim.docker("run -d --name broken -v /tmp:/usr nginx")
    assert r.exit_code == 0
    assert sim.docker("inspect -f '{{.State.ExitCode}}' broken").stdout == "1\n"
    assert sim.docker("logs broken").stderr == "exec /docker-entrypoint.sh: no such file or directory\n"


def test_sudo_and_top_on_the_host(sim):
    assert sim.host("sudo -E id -u").stdout == "0\n"
    assert "is not simulated" in sim.host("sudo -u nobody id").stderr
    r = sim.host("top -b -n 2")
    assert r.exit_code == 0 and r.stdout.count("COMMAND\n") == 2
