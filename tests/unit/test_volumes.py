"""Volumes, bind mounts and tmpfs through the docker CLI."""
from __future__ import annotations

import json
import re

import pytest

from support.compare import table


@pytest.fixture
def bb(sim):
    sim.docker("pull busybox", check=True)
    r = sim.build("FROM busybox\nRUN mkdir -p /opt/app && echo v1 > /opt/app/version.txt\n", None, "app:1")
    assert r.exit_code == 0, r.stderr
    return sim


def test_volume_lifecycle_and_inspect(bb):
    assert bb.docker("volume create data").stdout == "data\n"
    assert bb.docker("volume create data").stdout == "data\n"          # existing: returned as is
    info = json.loads(bb.docker("volume inspect data").stdout)[0]
    assert list(info) == ["CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope"]
    assert info["Mountpoint"] == "/var/lib/docker/volumes/data/_data"
    assert info["Driver"] == "local" and info["Scope"] == "local"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", info["CreatedAt"])
    anon = bb.docker("volume create").stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{64}", anon)
    assert json.loads(bb.docker(f"volume inspect {anon}").stdout)[0]["Labels"] == {"com.docker.volume.anonymous": ""}
    assert table(bb.docker("volume ls").stdout) == [["DRIVER", "VOLUME NAME"]] + sorted(
        [["local", "<ID1>" if n == anon else n] for n in (anon, "data")], key=lambda r: anon if r[1] == "<ID1>" else r[1])
    r = bb.docker("volume create a")
    assert r.stderr == ("Error response from daemon: create a: volume name is too short, names "
                        "should be at least two alphanumeric characters\n")
    r = bb.docker("volume create 'a/b'")
    assert 'includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed' in r.stderr
    assert bb.host("ls /var/lib/docker/volumes").stdout.split() == sorted([anon, "data"]) + ["metadata.db"]
    r = bb.docker("volume prune -f")                                   # anonymous only
    assert r.stdout == f"Deleted Volumes:\n{anon}\n\nTotal reclaimed space: 0B\n"
    assert bb.docker("volume ls -q").stdout == "data\n"
    assert bb.docker("volume prune -f -a").stdout.startswith("Deleted Volumes:\ndata\n")


def test_named_volume_outlives_the_container_and_is_prepopulated(bb):
    r = bb.docker(["run", "--name", "ww", "-v", "fresh:/opt/app", "app:1", "sh", "-c",
                   "ls /opt/app; echo new > /opt/app/new.txt"])
    assert r.stdout == "version.txt\n"                                 # copied from the image
    assert "A /opt/app" not in bb.docker("diff ww").stdout               # /opt/app existed
    assert bb.docker("diff ww").stdout == ""                             # writes went to the volume
    bb.docker("rm ww", check=True)
    assert bb.host("cat /var/lib/docker/volumes/fresh/_data/new.txt").stdout == "new\n"
    # a non-empty volume is never overwritten, even from another image (runc adds the mount
    # points of the container's hostname, hosts and resolv.conf to it, as on a real engine)
    r = bb.docker(["run", "--rm", "-v", "fresh:/etc", "busybox", "ls", "/etc"])
    assert r.stdout == "hostname\nhosts\nnew.txt\nresolv.conf\nversion.txt\n"
    # nocopy: an empty volume stays empty
    assert bb.docker(["run", "--rm", "-v", "empty:/opt/app:nocopy", "app:1", "ls", "/opt/app"]).stdout == ""


def test_mount_point_is_made_in_the_container_layer(bb):
    bb.docker(["run", "--name", "mm", "-v", "data:/data", "busybox", "sh", "-c", "echo x > /data/f"], check=True)
    assert bb.docker("diff mm").stdout == "A /data\n"
    mounts = json.loads(bb.docker("inspect mm").stdout)[0]["Mounts"]
    assert mounts == [{"Type": "volume", "Name": "data", "Source": "/var/lib/docker/volumes/data/_data",
                       "Destination": "/data", "Driver": "local", "Mode": "z", "RW": True,
                       "Propagation": ""}]


def test_bind_mount_hides_the_image_and_reaches_only_the_simulated_host(bb, tmp_path):
    bb.host("mkdir -p /srv/site && echo host > /srv/site/index.html")
    r = bb.docker(["run", "--rm", "-v", "/srv/site:/opt/app", "app:1", "ls", "/opt/app"])
    assert r.stdout == "index.html\n"                                 # the image's files are hidden
    r = bb.docker(["run", "--rm", "-v", "/srv/new:/data", "busybox", "sh", "-c", "echo w > /data/f"])
    assert bb.host("cat /srv/new/f").stdout == "w\n"                  # -v creates the host folder
    r = bb.docker(["run", "--rm", "--mount", "type=bind,source=/srv/missing,target=/x", "busybox", "true"])
    assert r.exit_code == 125
    assert 'invalid mount config for type "bind": bind source path does not exist: /srv/missing' in r.stderr
    r = bb.docker(["run", "--rm", "-v", "/srv/site:/site:ro", "busybox", "sh", "-c", "echo x > /site/f"])
    assert r.exit_code == 1 and "Read-only file system" in r.stderr
    outside = tmp_path.parent / (tmp_path.name + "-outside")       # a real folder not shared
    outside.mkdir()
    (outside / "keep.txt").write_text("keep\n")
    (tmp_path / "notes.txt").write_text("mine\n")
    bb.docker(["run", "--rm", "-v", "/:/host", "busybox", "rm", "-rf", "/host"])
    assert (outside / "keep.txt").read_text() == "keep\n"     # the real machine is untouched
    # ... but for the notebook's folder, which is part of the host (as on a real one)
    assert not any(tmp_path.iterdir())


def test_volume_in_use_and_rm_v(bb):
    bb.docker(["create", "--name", "user", "-v", "named:/a", "-v", "/anon", "busybox", "true"], check=True)
    cid = bb.engine.container_store.get("user").id
    r = bb.docker("volume rm named")
    assert r.stderr == f"Error response from daemon: remove named: volume is in use - [{cid}]\n"
    anon = [m.name for m in bb.engine.container_store.get("user").mounts if m.destination == "/anon"][0]
    bb.docker("rm -v user", check=True)
    names = bb.docker("volume ls -q").stdout.split()
    assert "named" in names and anon not in names
    assert bb.docker("volume rm named").stdout == "named\n"
    r = bb.docker("volume rm named")
    assert r.stderr == "Error response from daemon: get named: no such volume\n"


def test_volume_instruction_gives_an_anonymous_prepopulated_volume(bb):
    r = bb.build("FROM app:1\nVOLUME /opt/app\n", None, "vol:1")
    assert r.exit_code == 0
    bb.docker("run --name v1 vol:1 ls /opt/app", check=True)
    c = bb.engine.container_store.get("v1")
    (mp,) = c.mounts
    assert mp.type == "volume" and len(mp.name) == 64
    assert bb.host(f"ls /var/lib/docker/volumes/{mp.name}/_data").stdout == "version.txt\n"
    bb.docker("rm v1", check=True)
    assert mp.name in bb.docker("volume ls -q").stdout                  # rm without -v keeps it
    bb.docker("run --rm vol:1 true", check=True)
    assert len(bb.docker("volume ls -q").stdout.split()) == 1           # --rm removed its own


def test_mount_errors_create_nothing(bb):
    cases = {
        "-v /data:ro": "invalid volume specification: '/data:ro'",
        "-v data:/d:bogus": "invalid mode: bogus",
        "-v data:relative": "invalid mount path: 'relative' mount path must be absolute",
        "-v data:/": "destination can't be '/'",
        "-v aa:/x -v bb:/x": "Duplicate mount point: /x",
        "-v bad/name:/x": '"bad/name" includes invalid characters for a local volume name',
    }
    for flags, msg in cases.items():
        r = bb.docker(f"run --rm {flags} busybox true")
        assert r.exit_code == 125 and msg in r.stderr, (flags, r.stderr)
    assert not bb.engine.volumes.volumes
    assert not bb.engine.container_store.containers


def test_tmpfs_is_gone_when_the_container_stops(bb):
    bb.docker(["run", "-d", "--name", "tt", "--tmpfs", "/scratch", "busybox", "sleep", "300"], check=True)
    assert bb.docker("exec tt sh -c 'echo x > /scratch/f; cat /scratch/f'").stdout == "x\n"
    assert bb.docker("diff tt").stdout == "A /scratch\n"
    bb.docker("stop tt", check=True)
    bb.docker("start tt", check=True)
    r = bb.docker("exec tt ls /scratch")
    assert r.stdout == ""


def test_system_df_counts_volumes(bb):
    bb.docker(["run", "--name", "uu", "-v", "data:/data", "busybox", "sh", "-c", "echo 12345 > /data/f"], check=True)
    rows = table(bb.docker("system df -v").stdout.split("Local Volumes space usage:")[1].split("Build cache")[0])
    assert rows == [["VOLUME NAME", "LINKS", "SIZE"], ["data", "1", "6B"]]
    df = table(bb.docker("system df").stdout)
    assert df[3][:4] == ["Local Volumes", "1", "1", "6B"]


def test_volumes_from_read_only_and_missing(bb):
    bb.docker("run --name src -v data:/shared -v /anon busybox sh -c 'echo s > /shared/s; echo a > /anon/a'",
              check=True)
    r = bb.docker("run --rm --volumes-from src busybox cat /shared/s /anon/a")
    assert (r.exit_code, r.stdout) == (0, "s\na\n")
    r = bb.docker("run --rm --volumes-from src:ro busybox sh -c 'echo x >> /shared/s'")
    assert (r.exit_code, r.stderr) == (1, "sh: can't create /shared/s: Read-only file system\n")
    r = bb.docker("run --rm --volumes-from nosuch busybox true")
    assert r.exit_code == 125 and "No such container: nosuch" in r.stderr
    assert bb.engine.volumes.get("data").refs == {bb.engine.container_store.get("src").id}


def test_read_only_rootfs_and_export(bb, tmp_path):
    r = bb.docker("run --rm --read-only busybox touch /x")
    assert (r.exit_code, r.stderr) == (1, "touch: /x: Read-only file system\n")
    assert bb.docker("run --rm --read-only --tmpfs /tmp busybox touch /tmp/x").exit_code == 0
    bb.docker("run --name ex -v vol:/data busybox sh -c 'echo hi > /root/f; echo v > /data/v'", check=True)
    out = tmp_path / "ex.tar"
    assert bb.docker(["export", "-o", str(out), "ex"]).exit_code == 0
    import tarfile
    names = tarfile.open(out).getnames()
    assert "root/f" in names and "data" in names and "data/v" not in names and ".dockerenv" in names


def test_volume_subpath(bb):
    """Docker's documentation: one volume, a log folder per app (volume-subpath); a missing
    subpath is refused when the container starts (moby internal/safepath ErrNotAccessible)."""
    bb.docker("run --rm -v logs:/logs busybox mkdir -p /logs/app1 /logs/app2", check=True)
    r = bb.docker("run --rm --mount type=volume,src=logs,dst=/var/log/app,volume-subpath=app1 "
                  "busybox sh -c 'echo one > /var/log/app/out.log'")
    assert r.exit_code == 0, r.stderr
    assert bb.host("ls /var/lib/docker/volumes/logs/_data/app1 /var/lib/docker/volumes/logs/_data/app2").stdout == \
        "/var/lib/docker/volumes/logs/_data/app1:\nout.log\n\n/var/lib/docker/volumes/logs/_data/app2:\n"
    r = bb.docker("run --rm --mount type=volume,src=logs,dst=/x,volume-subpath=nosuch busybox true")
    assert r.exit_code == 127
    assert r.stderr.startswith("docker: Error response from daemon: cannot access path "
                               "/var/lib/docker/volumes/logs/_data/nosuch: no such file or directory")
    r = bb.docker("run --rm --mount type=volume,src=logs,dst=/x,volume-subpath=../up busybox true")
    assert r.exit_code == 125 and "subpath must be a relative path within the volume" in r.stderr
    # a file as the subpath: mounted on a file, refused on a folder (runc's ENOTDIR)
    bb.docker("run --rm -v logs:/logs busybox sh -c 'echo f > /logs/app1/out.log'", check=True)
    r = bb.docker("run --rm --mount type=volume,src=logs,dst=/one.log,volume-subpath=app1/out.log busybox cat /one.log")
    assert (r.exit_code, r.stdout) == (0, "f\n"), r.stderr
    r = bb.docker("run --rm --mount type=volume,src=logs,dst=/etc,volume-subpath=app1/out.log busybox true")
    assert r.exit_code == 125 and "Are you trying to mount a directory onto a file" in r.stderr


def test_tmpfs_volume_root_takes_uid_gid_mode(bb):
    """docker volume create's reference: a tmpfs volume with ``o=size=100m,uid=1000``: the
    kernel gives the new tmpfs's root folder that owner (seen on the engine:
    tests/realdocker/scenarios/s36_docs_storage2.py)."""
    bb.docker("volume create --driver local --opt type=tmpfs --opt device=tmpfs "
              "--opt o=size=100m,uid=1000 foo", check=True)
    r = bb.docker("run --rm -v foo:/world busybox stat -c '%u %g %a' /world")
    assert r.stdout == "1000 0 1777\n", r.stderr
    bb.docker("volume create -o type=tmpfs -o device=tmpfs -o o=gid=50,mode=0750 bar", check=True)
    assert bb.docker("run --rm -v bar:/w busybox stat -c '%u %g %a' /w").stdout == "0 50 750\n"


def test_tmpfs_flag_folder_errors_have_no_mount_config_prefix(bb):
    """``--tmpfs app``: moby verifyPlatformContainerSettings checks HostConfig.Tmpfs with
    ValidateTmpfsMountDestination, before any -v is parsed."""
    r = bb.docker("run --rm --tmpfs app -v x:rel busybox true")
    assert (r.exit_code, r.stderr.splitlines()[0]) == (
        125, "docker: Error response from daemon: invalid mount path: 'app' mount path must be absolute")
    r = bb.docker("run --rm --tmpfs / busybox true")
    assert r.stderr.splitlines()[0] == ("docker: Error response from daemon: invalid specification: "
                                        "destination can't be '/'")
    r = bb.docker("run --rm --tmpfs app --mount type=tmpfs,dst=rel busybox true")
    assert "invalid mount config for type \"tmpfs\": invalid mount path: 'rel'" in r.stderr


def test_detached_run_shows_the_id_of_a_container_that_fails_to_start(bb, tmp_path):
    """docker/cli run.go prints a detached container's ID once it is created, so a start
    that fails (bind-mounts.md's broken-container) leaves the ID above the error."""
    (tmp_path / "empty").mkdir()
    r = bb.docker(f"run -d --name broken -v {tmp_path}/empty:/bin busybox sleep 5")
    cid = bb.docker("inspect -f '{{.Id}}' broken").stdout.strip()
    assert r.exit_code == 127 and r.stdout == cid + "\n"
    assert 'exec: "sleep": executable file not found in $PATH' in r.stderr
    r = bb.docker("run -d --rm -v /nosuch-file-here:/etc/hostname:ro busybox true")
    assert r.exit_code != 0 and re.fullmatch(r"[0-9a-f]{64}\n", r.stdout)


def test_inspect_template_prints_unset_slices_and_maps_as_go_does(bb):
    """docker inspect runs a template on the typed container: an unset Binds (a nil slice)
    prints ``[]``, an unset Config.Volumes (a nil map) ``map[]``, len is 0 and range runs its
    else branch; JSON stays ``null`` (seen on the engine: s36_docs_storage2.py)."""
    bb.docker("create --name c1 busybox true", check=True)
    r = bb.docker("inspect -f '{{.HostConfig.Binds}} {{.Config.Volumes}} {{.Config.Entrypoint}} "
                  "{{len .HostConfig.Binds}} {{range .HostConfig.Binds}}x{{else}}none{{end}} "
                  "{{json .HostConfig.Binds}}' c1")
    assert r.stdout == "[] map[] [] 0 none null\n", r.stderr
    bb.docker("create --name d1 -v data:/data busybox true", check=True)
    assert bb.docker("inspect -f '{{.HostConfig.Binds}}' d1").stdout == "[data:/data]\n"


def test_unattached_loop_device_as_a_volume_device(bb):
    """volumes.md's block device example typed before losetup: the host has /dev/loop0-7
    (brw-rw---- root disk), and mounting an unattached one fails with EIO as on the engine."""
    assert bb.host("ls -l /dev/loop5").stdout.split()[:4] == ["brw-rw----", "1", "root", "disk"]
    r = bb.docker("run --rm --mount 'type=volume,dst=/external-drive,volume-driver=local,"
                  "volume-opt=device=/dev/loop5,volume-opt=type=ext4' busybox true")
    assert r.exit_code == 125 and re.fullmatch(
        r"docker: Error response from daemon: error while mounting volume '(/var/lib/docker/volumes/"
        r"[0-9a-f]{64}/_data)': failed to mount local volume: mount /dev/loop5:\1: input/output error",
        r.stderr.splitlines()[0]), r.stderr


def test_container_folder_has_no_shm_for_a_private_ipc(bb):
    """drivers/_index.md's look at /var/lib/docker/containers/<id>: with the default IPC
    mode (private) moby makes no mounts/shm (setupIPCDirs); the folder holds 36K on ext4,
    as on the engine (s36_docs_storage2.py)."""
    cid = bb.docker("run -d busybox sleep 60").stdout.strip()
    d = f"/var/lib/docker/containers/{cid}"
    assert bb.host(f"ls -A {d}/mounts").stdout == ""
    assert bb.host(f"stat -c %a {d}/mounts").stdout == "710\n"
    assert bb.host(f"du -sh {d} | cut -f1").stdout == "36K\n"
    assert bb.docker("inspect -f '{{.HostConfig.IpcMode}}' " + cid).stdout == "private\n"
