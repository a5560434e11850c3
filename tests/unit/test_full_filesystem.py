"""A tmpfs with ``size=`` fills up as on the engine (s23_student_breadth compares the same
sessions with it): short writes, ENOSPC, each program's own words; and the other paths that
the breadth scenario found: ``-v NAME`` without a colon, ``docker cp`` into a missing folder."""
import pytest

from dockstore_magic.fs import TreeFS
from dockstore_magic.fs.errors import ShortWrite


def test_a_full_tree_takes_what_fits_in_whole_pages():
    fs = TreeFS(capacity=8192)
    fs.write("/a", b"x" * 5000)                  # two pages
    with pytest.raises(ShortWrite) as e:
        fs.write("/b", b"y" * 10)
    assert e.value.written == 0 and fs.read_bytes("/b") == b""
    fs.write("/a", b"z" * 8192)                  # its own pages count as free
    with pytest.raises(ShortWrite) as e:
        fs.write("/a", b"w" * 9000)
    assert e.value.written == 8192 and fs.read_bytes("/a") == b"w" * 8192
    fs.mkdir("/d")                               # folders take no pages
    assert TreeFS().capacity is None


SESSION = ("dd if=/dev/zero of=/t/f bs=1k count=100; echo rc=$?; ls -l /t/f | cut -c1-42; "
           "echo x > /t/g; echo rc=$?; head -c 5000 /dev/zero > /t/h; echo rc=$?; "
           "cp /t/f /t/f2; echo rc=$?; seq 1 3 > /t/s; echo rc=$?; touch /t/e; echo rc=$?")


def test_busybox_programs_meet_a_full_tmpfs_as_on_the_engine(sim):
    sim.docker("pull -q busybox", check=True)
    r = sim.docker(["run", "--rm", "--tmpfs", "/t:size=64k", "busybox", "sh", "-c", SESSION])
    assert r.stdout.split("\n") == [
        "rc=1", "-rw-r--r--    1 root     root         6553",
        "rc=1", "rc=1", "rc=1", "rc=255", "rc=0", ""]
    assert r.stderr == ("dd: error writing '/t/f': No space left on device\n"
                        "65+0 records in\n64+0 records out\n"
                        "sh: write error: No space left on device\n"
                        "head: standard output: I/O error\n"
                        "cp: write error: No space left on device\n")


def test_a_tmpfs_volume_has_its_size_too(sim):
    sim.docker("pull -q busybox", check=True)
    sim.docker("volume create --opt type=tmpfs --opt device=tmpfs --opt o=size=8k tv", check=True)
    r = sim.docker(["run", "--rm", "-v", "tv:/t", "busybox", "sh", "-c",
                    "dd if=/dev/zero of=/t/f bs=4k count=3; df -k /t | tail -1"])
    assert r.stdout == "tmpfs                        8         8         0 100% /t\n"
    assert r.stderr.startswith("dd: error writing '/t/f': No space left on device\n3+0 records in\n2+0")


def test_v_with_one_field_is_an_anonymous_volume_at_that_path(sim):
    sim.docker("pull -q busybox", check=True)
    r = sim.docker(["run", "--name", "rel", "-v", "data", "busybox", "ls", "-d", "/data"])
    assert (r.exit_code, r.stdout) == (0, "/data\n")
    assert sim.docker("inspect -f '{{range .Mounts}}{{.Destination}}{{end}}' rel").stdout == "data\n"
    assert sim.docker("diff rel").stdout == "A /data\n"


def test_cp_into_a_missing_folder_names_the_folder(sim, tmp_path):
    sim.docker("pull -q busybox", check=True)
    sim.docker("run --name cc busybox true", check=True)
    (tmp_path / "f.txt").write_text("hi\n")
    r = sim.docker(["cp", str(tmp_path / "f.txt"), "cc:/nosuch/x.txt"])
    assert r.stderr == "Error response from daemon: Could not find the file /nosuch in container cc\n"
    r = sim.docker(["cp", str(tmp_path / "f.txt"), "cc:/etc/passwd/x.txt"])
    assert r.stderr == "Error response from daemon: extraction point is not a directory\n"


def test_build_steps_count_the_from_only_when_it_is_an_image(sim, tmp_path):
    """dockerfile2llb toDispatchState: a stage from an earlier stage or from scratch has no
    FROM step, so its first instruction is step 1 (engine: `[stage-1 1/1] RUN …`)."""
    (tmp_path / "f").write_text("hi\n")
    sim.engine.host.share(str(tmp_path))
    sim.docker("pull -q busybox", check=True)
    r = sim.build("FROM busybox AS a\nRUN echo a > /a\nFROM a\nRUN echo b > /b\n"
                  "FROM scratch\nCOPY f /f\nCOPY --from=1 /b /b\n", str(tmp_path), "ms:1")
    steps = [l.split(" ", 1)[1] for l in (r.stdout + r.stderr).splitlines()
             if l.startswith("#") and " [" in l and "internal]" not in l]
    assert sorted(dict.fromkeys(steps)) == sorted([
        "[a 1/2] FROM docker.io/library/busybox:latest", "[a 2/2] RUN echo a > /a",
        "[stage-1 1/1] RUN echo b > /b", "[stage-2 1/2] COPY f /f",
        "[stage-2 2/2] COPY --from=1 /b /b"])
