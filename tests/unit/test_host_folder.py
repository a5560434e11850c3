"""One host: the notebook's folder (here the test's ``tmp_path``) is on the simulated Docker
host at its own path, backed by the real files; every client-side path of a docker command
resolves on that host; nothing outside the folder is read or written on the real disk."""
from __future__ import annotations

import errno
import os

import pytest

from dockstore_magic.fs import FSError
from dockstore_magic.fs.realdir import RealFolderFS


@pytest.fixture
def outside(tmp_path):
    """A real folder next to the notebook's, with a secret: never to be seen or changed."""
    d = tmp_path.parent / (tmp_path.name + "-outside")
    d.mkdir()
    (d / "secret.txt").write_text("real secret\n")
    return d


def _untouched(outside):
    assert sorted(os.listdir(outside)) == ["secret.txt"]
    assert (outside / "secret.txt").read_text() == "real secret\n"


# ------------------------------------------------------------------------ the one host
def test_the_notebook_folder_is_on_the_host_at_its_own_path(sim, tmp_path):
    (tmp_path / "notes.txt").write_text("from the notebook\n")
    r = sim.host(f"cat {tmp_path}/notes.txt && echo edited > {tmp_path}/notes.txt && ls {tmp_path}")
    assert r.stdout == "from the notebook\nnotes.txt\n"
    assert (tmp_path / "notes.txt").read_text() == "edited\n"


def test_bind_mount_of_a_relative_folder_serves_the_real_page(sim, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<h1>written in the notebook</h1>\n")
    sim.docker("pull -q nginx", check=True)
    sim.docker("run -d --name web -v ./site:/usr/share/nginx/html nginx", check=True)
    assert sim.docker("exec web curl -s localhost").stdout == "<h1>written in the notebook</h1>\n"
    # edits on either side are seen on the other
    (tmp_path / "site" / "index.html").write_text("<h1>edited in JupyterLab</h1>\n")
    assert sim.docker("exec web curl -s localhost").stdout == "<h1>edited in JupyterLab</h1>\n"
    sim.docker(["exec", "web", "sh", "-c", "echo news > /usr/share/nginx/html/news.html"], check=True)
    assert (tmp_path / "site" / "news.html").read_text() == "news\n"
    mounts = sim.docker(["inspect", "-f", "{{range .Mounts}}{{.Source}}{{end}}", "web"]).stdout
    assert mounts == f"{tmp_path}/site\n"


def test_mount_flag_source_dot_and_v_creating_a_real_folder(sim, tmp_path):
    sim.docker("pull -q busybox", check=True)
    (tmp_path / "in.txt").write_text("dot\n")
    r = sim.docker("run --rm --mount type=bind,src=.,dst=/w busybox cat /w/in.txt")
    assert r.stdout == "dot\n"
    sim.docker(["run", "--rm", "-v", "./made:/m", "busybox", "sh", "-c", "echo x > /m/f"], check=True)
    assert (tmp_path / "made" / "f").read_text() == "x\n"       # -v creates the host folder


def test_cp_save_load_import_and_build_use_the_notebook_folder(sim_busybase, tmp_path):
    sim = sim_busybase
    sim.docker("run --name c1 dsm-busybase:1 sh -c 'echo hi > /f'", check=True)
    r = sim.docker("cp c1:/f ./p.txt")
    assert r.exit_code == 0 and (tmp_path / "p.txt").read_text() == "hi\n"
    assert sim.host(f"ls {tmp_path}").stdout.split() == ["p.txt"]
    (tmp_path / "up.txt").write_text("up\n")
    sim.docker("cp up.txt c1:/up.txt", check=True)
    assert sim.docker("start -a c1").exit_code == 0
    sim.docker("save -o img.tar dsm-busybase:1", check=True)
    assert (tmp_path / "img.tar").stat().st_size > 1024
    sim.docker("rmi -f dsm-busybase:1")
    assert "Loaded image: dsm-busybase:1" in sim.docker("load -i img.tar").stdout
    (tmp_path / "ctx").mkdir()
    (tmp_path / "ctx" / "a.txt").write_text("A\n")
    (tmp_path / "Dockerfile.dev").write_text("FROM dsm-busybase:1\nCOPY a.txt /\n")
    r = sim.docker("build -q -t built:1 -f Dockerfile.dev ctx")     # -f: relative to the cwd
    assert r.exit_code == 0, r.stderr
    assert sim.docker("run --rm built:1 cat /a.txt").stdout == "A\n"


def test_docker_in_the_host_shell_resolves_dot_against_the_shell_folder(sim_busybase, tmp_path):
    sim = sim_busybase
    sim.docker("create --name c1 dsm-busybase:1 true", check=True)
    r = sim.host("mkdir -p /srv/out && cd /srv/out && docker cp c1:/etc/passwd . && ls /srv/out")
    assert r.stdout.endswith("passwd\n"), r.stderr
    assert not (tmp_path / "passwd").exists()
    r = sim.host(f"cd {tmp_path} && docker cp c1:/etc/group ./g && cat g")
    assert r.stdout.startswith("root:") and (tmp_path / "g").exists()


# ------------------------------------------------------------------------ escape attempts
def test_dotdot_leads_to_the_simulated_host(sim_busybase, tmp_path, outside):
    sim = sim_busybase
    rel = f"../{outside.name}/secret.txt"
    assert sim.host(f"cd {tmp_path} && cat {rel}").exit_code == 1
    assert sim.docker(f"load -i {outside}/secret.txt").exit_code == 1
    assert sim.docker(f"import {outside}/secret.txt").exit_code == 1
    assert sim.docker(f"build {outside}").exit_code == 1
    assert sim.docker(["run", "--rm", "--env-file", f"{outside}/secret.txt", "dsm-busybase:1",
                       "true"]).exit_code == 125
    sim.docker("run --name c1 dsm-busybase:1 sh -c 'echo x > /f'", check=True)
    sim.docker(f"cp c1:/f ../{outside.name}-copy.txt")               # lands on the simulated host
    sim.docker(["run", "--rm", "-v", f"./../{outside.name}:/o", "dsm-busybase:1", "sh", "-c",
                "ls /o; echo pwned > /o/secret.txt"])
    sim.docker(f"save -o ../{outside.name}/x.tar dsm-busybase:1", check=True)   # (-v made it)
    assert sim.host(f"ls {outside}").stdout == "secret.txt\nx.tar\n"     # simulated ones
    assert sim.host(f"cat {outside}/secret.txt").stdout == "pwned\n"
    _untouched(outside)
    assert not (tmp_path.parent / f"{outside.name}-copy.txt").exists()


def test_real_symlinks_are_resolved_on_the_simulated_host(sim_busybase, tmp_path, outside):
    sim = sim_busybase
    os.symlink(str(outside / "secret.txt"), tmp_path / "to-file")
    os.symlink(str(outside), tmp_path / "to-dir")
    os.symlink("../" + outside.name, tmp_path / "rel-dir")
    for name in ("to-file", "to-dir/secret.txt", "rel-dir/secret.txt"):
        r = sim.host(f"cat {tmp_path}/{name}")
        assert r.exit_code == 1 and "real secret" not in r.stdout, name
    # writes through those links land on the simulated host, never on the real disk
    sim.host(f"mkdir -p {outside} && echo sim > {tmp_path}/to-dir/new.txt")
    assert sim.host(f"cat {outside}/new.txt").stdout == "sim\n"
    r = sim.docker(["run", "--rm", "-v", f"{tmp_path}/to-dir:/o", "dsm-busybase:1", "cat", "/o/secret.txt"])
    assert "real secret" not in r.stdout
    r = sim.docker(f"build {tmp_path}/rel-dir")
    assert "real secret" not in r.stdout + r.stderr
    (tmp_path / "Dockerfile").write_text("FROM dsm-busybase:1\nCOPY to-file rel-dir /x/\n")
    sim.docker("build -t links:1 .")
    _untouched(outside)


def test_symlinks_made_in_a_container_stay_in_the_simulation(sim_busybase, tmp_path, outside):
    sim = sim_busybase
    sim.docker(["run", "--rm", "-v", ".:/w", "dsm-busybase:1", "sh", "-c",
                f"ln -s / /w/root; ln -s ../{outside.name} /w/up; cat /w/root/etc/passwd > /w/pw; "
                f"echo pwned > /w/up/secret.txt; true"])
    assert os.readlink(tmp_path / "root") == "/"                   # a real symlink, as data
    assert (tmp_path / "pw").read_text().startswith("root:x:0:0:root:/root:/bin/sh")  # the image's
    _untouched(outside)


def test_the_folder_primitives_never_follow_a_real_symlink(tmp_path, outside):
    fs = RealFolderFS(str(tmp_path))
    os.symlink(str(outside), tmp_path / "link")
    with pytest.raises(FSError) as e:
        fs._listdir(("link",))                      # a caller that skipped resolution
    assert e.value.code == errno.ENOTDIR
    with pytest.raises(FSError):
        fs._blob(("link", "secret.txt"))
    with pytest.raises(FSError):
        fs._write(("link", "new.txt"), __import__("dockstore_magic.fs", fromlist=["EMPTY"]).EMPTY, 0o644, 0, 0)
    with pytest.raises(FSError):
        fs._lstat(("..", "x"))
    assert fs._lstat(("link", "secret.txt")) is None
    _untouched(outside)


def test_chown_and_chmod_are_kept_beside_the_real_files(sim, tmp_path):
    (tmp_path / "f").write_text("x")
    sim.host(f"chown 1000:1000 {tmp_path}/f && chmod 000 {tmp_path}/f")
    out = sim.host(f"ls -ln {tmp_path}/f").stdout
    assert out.startswith("---------- 1 1000 1000 1 ")
    assert (tmp_path / "f").read_text() == "x"                   # the kernel can still read it
    assert (os.stat(tmp_path / "f").st_mode & 0o777) == 0o600


def test_folders_that_may_not_be_shared(sim):
    host = sim.engine.host
    for path in ("/", "/usr", "/etc/x", "/var/lib/docker/x", "/var", "/home", "/tmp"):
        assert not host.shareable(path), path
    for path in ("/root", "/home/jovyan/notebooks", "/tmp/lesson/project", "/srv/x"):
        assert host.shareable(path), path
