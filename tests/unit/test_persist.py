"""The saved host (dockstore_magic/persist): a restart brings back images, containers
(stopped, as after a daemon start), volumes and their files, the clock and the ID
generator; saves are incremental; damaged folders are reported in one sentence; a host
moves between machines in one file; /var/lib/docker can be exported as a real folder."""
from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dockstore_magic import session
from dockstore_magic.persist import Persistence, codec
from dockstore_magic.persist.store import HostStore, STATE

CLOCK = "2026-01-01T09:00:00Z"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A private data home and a session of our own (restored afterwards)."""
    monkeypatch.setenv("DOCKSTORE_HOME", str(tmp_path / "home"))
    saved = session._engine, session.persistence
    messages: list[str] = []
    session.persistence = Persistence(report=messages.append)
    session._engine = None
    yield messages
    session._engine, session.persistence = saved
    codec.JOURNAL.active = saved[1].active


def restart(messages) -> None:
    """What a kernel restart does to the session: nothing of it is left in memory."""
    session.persistence = Persistence(report=messages.append)
    session._engine = None


def out(cmd: str) -> str:
    r = session.docker(cmd)
    assert r.exit_code == 0, (cmd, r.stderr)
    return r.stdout


FIRST = ["pull -q busybox", "volume create data",
         "run --name c1 -v data:/d busybox sh -c 'echo hi > /d/f; echo changed > /etc/motd'",
         "tag busybox mine:1"]
SECOND = ["run --name c2 -v data:/d busybox cat /d/f", "ps -a --no-trunc", "inspect c1 c2",
          "volume inspect data", "images -a --no-trunc", "diff c1",
          "run -d --name bg busybox sleep 1000", "inspect bg"]


def test_a_restart_between_two_commands_changes_nothing_they_print(home):
    session.use_host("h", seed=3, clock=CLOCK)
    for c in FIRST:
        out(c)
    straight = [out(c) for c in SECOND]

    session.reset(seed=3, clock=CLOCK)             # the same again, with a restart between
    for c in FIRST:
        out(c)
    restart(home)
    session.use_host("h")
    assert [out(c) for c in SECOND] == straight    # same IDs, times, files, sizes
    assert "hi\n" == straight[0]
    assert home == []


def test_running_containers_come_back_stopped_with_status_255(home):
    session.use_host("h", seed=1, clock=CLOCK)
    out("run -d --name web busybox sleep 1000")
    out("run -d --rm --name gone busybox sleep 1000")
    assert "Up" in out("ps -a --filter name=web")
    restart(home)
    session.use_host("h")
    assert out("ps -a --format '{{.Names}} {{.Status}}'").splitlines() == \
        ["web Exited (255) Less than a second ago"]        # --rm: removed by the restore
    assert out("inspect -f '{{.State.Running}} {{.State.ExitCode}}' web") == "false 255\n"
    assert "/merged" not in session.host("mount").stdout        # unmounted (daemon.Cleanup)
    assert out("start web") == "web\n"                           # and it can start again


def test_restart_policies_decide_what_runs_again(home):
    eng = session.use_host("h", seed=1, clock=CLOCK)
    out("pull -q busybox")
    for name, policy in (("always", {"Name": "always"}), ("never", {"Name": "no"}),
                         ("failing", {"Name": "on-failure", "MaximumRetryCount": 0})):
        c = eng.containers.create({"Image": "busybox", "Cmd": ["sleep", "1000"]},
                                  {"RestartPolicy": policy}, name=name)
        eng.containers.start(c.id)
    out("ps")                                          # a command: the host is saved
    restart(home)
    session.use_host("h")
    running = out("ps --format '{{.Names}}'").split()
    assert sorted(running) == ["always", "failing"]    # 255 is a failure for on-failure
    assert "Exited (255)" in out("ps -a --filter name=never --format '{{.Status}}'")


def test_images_volumes_and_files_survive_byte_for_byte(home):
    session.use_host("h", seed=2, clock=CLOCK)
    out("pull -q busybox")
    out("volume create data")
    out("run --rm -v data:/d busybox sh -c 'printf \"a\\0b\" > /d/bin; "
        "dd if=/dev/zero of=/d/big bs=1M count=1024 2>/dev/null'")
    before = session.host("ls -ln /var/lib/docker/volumes/data/_data; md5sum "
                          "/var/lib/docker/volumes/data/_data/bin").stdout
    restart(home)
    session.use_host("h")
    assert session.host("ls -ln /var/lib/docker/volumes/data/_data; md5sum "
                        "/var/lib/docker/volumes/data/_data/bin").stdout == before
    assert "1073741824" in before
    folder = Path(os.environ["DOCKSTORE_HOME"]) / "hosts" / "h"
    on_disk = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert on_disk < 2_000_000                         # the 1 GB file is a size, not bytes


READ_BACK = """
import hashlib, sys
from dockstore_magic import session
session.use_host("h")
for ref in sys.argv[1:]:
    r = session.docker(f"run --rm {ref} ls -lnR /etc")
    print(ref, r.exit_code, hashlib.md5(r.stdout.encode()).hexdigest(), r.stderr.strip())
"""


def test_every_catalogue_image_comes_back_in_a_kernel_that_has_built_none(home, tmp_path):
    """A new kernel has built no image of the catalogue's data files yet; a saved host that
    pulled them names their layers, which must be found all the same (lesson 4's host came
    back empty after a restart: no layer 'oraclelinux:9-slim#0')."""
    import hashlib
    from dockstore_magic.catalogue import registry
    refs = sorted({img.reference for img in registry.images()})
    session.use_host("h", seed=4, clock=CLOCK)
    for ref in refs:
        out(f"pull -q {ref}")
    before = [f"{ref} 0 {hashlib.md5(out(f'run --rm {ref} ls -lnR /etc').encode()).hexdigest()} "
              for ref in refs]
    script = tmp_path / "read_back.py"
    script.write_text(READ_BACK)
    run = subprocess.run([sys.executable, str(script), *refs], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert run.returncode == 0 and "cannot be used" not in run.stderr, run.stderr
    assert run.stdout.splitlines() == before


def test_a_save_writes_only_the_segments_a_command_changed(home):
    session.use_host("h", seed=2, clock=CLOCK)
    out("pull -q busybox")
    out("volume create data")
    out("run --name c1 busybox true")
    store = session.persistence.store
    out("ps -a")
    assert store.last_save["segments"] == 0
    segdir = store.dir / "segments"
    files = {p.name: p.stat().st_mtime_ns for p in segdir.iterdir()}
    out("run --rm -v data:/d busybox sh -c 'echo x > /d/f'")
    assert store.last_save["segments"] >= 1
    changed = set(p.name for p in segdir.iterdir()) - set(files)
    upper = out("image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox").strip()
    layer = f"{store.files[upper.strip('/')]}.seg"            # its diff folder
    assert layer in files and segdir.joinpath(layer).stat().st_mtime_ns == files[layer]
    assert f"{store.files['var/lib/docker/volumes/data']}.seg" in changed   # the volume: rewritten
    session.host("echo y >> /var/lib/docker/volumes/data/_data/f")      # through the host
    assert store.last_save["segments"] == 1
    restart(home)
    session.use_host("h")
    assert session.host("cat /var/lib/docker/volumes/data/_data/f").stdout == "x\ny\n"


def test_a_folder_removed_whole_is_saved_as_one_change(home):
    session.use_host("h", seed=2, clock=CLOCK)
    out("volume create data")
    out("run --rm -v data:/d busybox sh -c 'mkdir -p /d/a/b /d/c; touch /d/a/b/f /d/c/g'")
    session.host("rm -rf /var/lib/docker/volumes/data/_data/a")
    assert len(codec.JOURNAL.entries) == 0                   # (saved)
    restart(home)
    session.use_host("h")
    assert session.host("ls /var/lib/docker/volumes/data/_data").stdout == "c\n"


def test_a_write_into_an_image_layer_from_the_host_is_saved_too(home):
    session.use_host("h", seed=2, clock=CLOCK)
    out("pull -q busybox")
    diff = out("image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox").strip()
    session.host(f"echo tampered > {diff}/etc/tampered")
    restart(home)
    session.use_host("h")
    assert out("run --rm busybox cat /etc/tampered") == "tampered\n"


def test_a_pulled_layer_is_saved_as_its_recipe_and_comes_back_the_same(home):
    """A layer folder laid out from a catalogue layer is written as the layer's name (a few
    hundred bytes, not its tree and the bytes of its files); read back, it is laid out again
    with the same inode numbers, modes, times and contents."""
    session.use_host("h", seed=2, clock=CLOCK)
    out("pull -q nginx")
    store = session.persistence.store
    assert store.last_save["bytes"] - store.last_save["main"] < 100_000
    diffs = [d.strip() for d in out("image inspect -f '{{.GraphDriver.Data.UpperDir}}:"
                                    "{{.GraphDriver.Data.LowerDir}}' nginx").split(":")]
    assert len(diffs) > 1
    for d in diffs:
        seg = (store.dir / "segments" / f"{store.files[d.strip('/')]}.seg").read_bytes()
        assert len(pickle.loads(seg)[d.strip("/")]) < 1000    # in the save's bundle
    listing = "; ".join(f"ls -lniRa --full-time {d}; md5sum {d}/etc/nginx/nginx.conf {d}/etc/passwd"
                        for d in diffs)
    before = session.host(listing)
    assert before.exit_code != 127 and "nginx.conf" in before.stdout
    restart(home)
    session.use_host("h")
    assert session.host(listing).stdout == before.stdout
    out("run --name c1 busybox true")                   # a pull and a container later
    assert session.host(listing).stdout == before.stdout


def test_a_layer_changed_in_the_command_that_laid_it_out_is_saved_as_it_is(home):
    eng = session.use_host("h", seed=2, clock=CLOCK)
    img = eng.images.pull("busybox", lambda s: None)     # no command: nothing saved yet
    diff = f"/var/lib/docker/overlay2/{img.layers[-1].cache_id}/diff"
    session.host(f"echo tampered > {diff}/etc/tampered; chmod 700 {diff}/bin")   # one save
    restart(home)
    session.use_host("h")
    assert out("run --rm busybox cat /etc/tampered") == "tampered\n"
    assert session.host(f"stat -c %a {diff}/bin").stdout == "700\n"


VFS_LISTING = "ls -lniRa --full-time /var/lib/docker/vfs/dir | md5sum"


def test_vfs_copies_saved_as_what_changed_come_back_the_same(home):
    """A vfs layer folder is a copy of its parent's: it is written as the copy (which folder,
    the first inode number) and what changed in it since; a copy whose original changes
    later is written whole.  Read back, every folder is the same, inode numbers included."""
    session.use_host("h", storage_driver="vfs", seed=5, clock=CLOCK)
    out("pull -q busybox")
    out("run --name c1 busybox sh -c 'echo hi > /hi; rm /bin/ls; mkdir -p /d/e; "
        "echo x > /d/e/f; mv /etc/passwd /etc/pw; chmod 700 /tmp; ln /hi /hi2'")
    out("commit c1 img:1")
    out("create --name c2 img:1")
    out("run --name c3 busybox rm -rf /usr /var /etc/network")    # one journal entry each
    store = session.persistence.store
    assert store.copies                 # (else this test shows nothing)
    before = (session.host(VFS_LISTING).stdout, out("diff c1"), out("diff c2"),
              out("diff c3"))
    assert "D /usr" in before[3]
    restart(home)
    session.use_host("h")
    assert (session.host(VFS_LISTING).stdout, out("diff c1"), out("diff c2"),
            out("diff c3")) == before
    copies = session.persistence.store.copies
    layer = next(base for base in copies.values() if base not in copies)     # busybox's
    copied = [k for k, base in copies.items() if base == layer]
    session.host(f"echo more >> /{layer}/etc/group; touch /{layer}/new")   # the original
    assert not set(copied) & set(session.persistence.store.copies)      # written whole
    before = session.host(VFS_LISTING).stdout, out("diff c1"), out("diff c2")
    restart(home)
    session.use_host("h")
    assert (session.host(VFS_LISTING).stdout, out("diff c1"), out("diff c2")) == before
    assert out("run --rm img:1 cat /hi /d/e/f /etc/pw") .startswith("hi\nx\nroot:")


def test_an_image_config_is_written_once_with_its_imagedb_file(home):
    eng = session.use_host("h", seed=2, clock=CLOCK)
    out("pull -q nginx")
    raw = next(iter(eng.image_store.images.values())).raw
    out("ps")                                            # a save that writes the main pickle
    assert len(raw) > 1000 and raw not in session.persistence.store.read_manifest()["main"]
    restart(home)
    session.use_host("h")
    assert next(iter(session.engine().image_store.images.values())).raw == raw


@pytest.mark.parametrize("content", [b"", b"garbage", b"dockstore-magic host\n\x80\x05garbage"])
def test_a_damaged_folder_is_reported_in_one_sentence_and_set_aside(home, content):
    session.use_host("h", seed=1, clock=CLOCK)
    out("volume create keep")
    state = session.persistence.store.state_path
    state.write_bytes(content)
    restart(home)
    eng = session.use_host("h")
    assert len(home) == 1 and home[0].count("\n") == 0 and "'h' cannot be used" in home[0]
    assert "starting it empty" in home[0]
    assert out("volume ls -q") == ""
    assert len(eng.container_store.containers) == 0
    aside = [p for p in state.parent.parent.iterdir() if p.name.startswith("h.unreadable-")]
    assert len(aside) == 1 and (aside[0] / STATE).read_bytes() == content


def test_named_hosts_are_apart_and_the_default_is_shared(home):
    session.use_host("default", seed=1, clock=CLOCK)
    out("volume create mine")
    session.reset(host="lesson3", seed=3, clock=CLOCK)   # a lesson's first cell
    out("volume create lessons")
    assert out("volume ls -q") == "lessons\n"
    session.reset(host="lesson3", seed=3, clock=CLOCK)   # run again: emptied
    assert out("volume ls -q") == ""
    restart(home)
    session.use_host("default")
    assert out("volume ls -q") == "mine\n"               # the student's own host is intact


def test_two_notebooks_share_one_host(home):
    session.use_host("default", seed=1, clock=CLOCK)
    first = session.persistence, session._engine
    out("volume create one")
    restart(home)                                       # a second notebook, same process
    session.use_host("default")
    second = session.persistence, session._engine
    assert out("volume ls -q") == "one\n"
    out("volume create two")
    session.persistence, session._engine = first        # back to the first notebook
    assert out("volume ls -q") == "one\ntwo\n"          # it catches up before the command
    out("volume rm one")
    session.persistence, session._engine = second
    assert out("volume ls -q") == "two\n"


def test_a_host_moves_between_machines_in_one_file(home, tmp_path):
    from dockstore_magic.persist.commands import run, Usage
    session.use_host("teacher", seed=1, clock=CLOCK)
    out("pull -q busybox")
    out("run --name prepared busybox sh -c 'echo ready > /ready'")
    run(["save", str(tmp_path / "host.tgz")], {})
    images = out("images --no-trunc")
    session.reset(host="student", seed=9, clock=CLOCK)
    run(["load", str(tmp_path / "host.tgz")], {})
    assert session.persistence.store.name == "student"
    assert out("images --no-trunc") == images
    assert out("diff prepared") == "A /ready\n"
    (tmp_path / "bad.tgz").write_bytes(b"not a host")
    with pytest.raises(Usage, match="is not a saved dockstore-magic host"):
        run(["load", str(tmp_path / "bad.tgz")], {})
    assert out("diff prepared") == "A /ready\n"          # a bad file changes nothing


def test_export_view_is_a_read_only_real_folder(home, tmp_path):
    from dockstore_magic.persist.commands import run
    session.use_host("h", seed=1, clock=CLOCK)
    out("volume create data")
    out("run --name c1 -v data:/d busybox sh -c 'echo hello > /d/f; rm /etc/group; "
        "dd if=/dev/zero of=/big bs=1M count=64 2>/dev/null'")
    view = tmp_path / "view"
    run(["export-view", str(view)], {})
    assert (view / "volumes/data/_data/f").read_bytes() == b"hello\n"
    upper = Path(out("inspect -f '{{.GraphDriver.Data.UpperDir}}' c1").strip()
                 .replace("/var/lib/docker", str(view)))
    big = upper / "big"
    assert big.stat().st_size == 64 << 20 and big.stat().st_blocks * 512 < 1 << 20   # sparse
    assert (upper / "etc/group").stat().st_mode & 0o777 == 0                        # whiteout
    assert all(p.lstat().st_mode & 0o222 == 0 for p in [view, *view.rglob("*")]
               if not p.is_symlink())                                   # read-only
    assert os.readlink(next((view / "overlay2/l").iterdir())).startswith("../")
    run(["export-view", str(view)], {})                 # refreshed in place
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x").write_text("mine")
    from dockstore_magic.persist.commands import Usage
    with pytest.raises(Usage, match="not a view made by dockstore-magic"):
        run(["export-view", str(tmp_path / "other")], {})


WRITER = textwrap.dedent("""
    import os, signal, sys
    from dockstore_magic import session
    i, kill_at = int(sys.argv[1]), int(sys.argv[2])
    if kill_at:                 # die in the middle of a save: at the kill_at-th rename
        real, calls = os.replace, [0]
        def replace(a, b):
            calls[0] += 1
            if calls[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            real(a, b)
        os.replace = replace
    session.use_host("k", seed=5, clock="2026-01-01T09:00:00Z")
    session.docker("pull -q busybox")
    while True:
        session.docker(f"volume create v{i}")
        session.docker(f"run --rm -v v{i}:/d busybox sh -c 'echo {i} > /d/n'")
        print(i, flush=True)
        i += 1
""")


def test_a_writer_killed_at_random_points_leaves_a_readable_host(home, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(13)
    done = 0                    # commands known to have finished (the writer printed them)
    for round_ in range(8):
        kill_at = rng.randint(2, 40) if round_ % 2 else 0
        p = subprocess.Popen([sys.executable, str(script), str(done), str(kill_at)], env=env,
                             stdout=subprocess.PIPE, text=True)
        if not kill_at:
            time.sleep(rng.uniform(1.5, 4.0))
            p.send_signal(signal.SIGKILL)
        printed = [int(x) for x in p.communicate(timeout=120)[0].split()]
        assert p.returncode == -signal.SIGKILL
        done = printed[-1] + 1 if printed else done
        restart(home)
        session.use_host("k")
        numbers = sorted(int(n[1:]) for n in out("volume ls -q").split())
        # every command that finished is there, and at most the one being run when killed
        assert numbers == list(range(len(numbers))) and len(numbers) in (done, done + 1), \
            (round_, numbers, done)
        for n in numbers[:done]:
            assert session.host(f"cat /var/lib/docker/volumes/v{n}/_data/n").stdout == f"{n}\n", \
                (round_, kill_at, n, numbers, done)
    assert home == []
    store = session.persistence.store
    assert {p.name for p in (store.dir / "segments").iterdir()} == \
        {f"{h}.seg" for h in store.files.values()}        # what killed saves left is collected


def test_a_bad_reset_changes_nothing(home):
    from dockstore_magic.persist.commands import run, Usage
    session.use_host("default", seed=1, clock=CLOCK)
    out("volume create mine")
    for words in (["reset", "--host", "lesson1", "--storage-driver", "zfs2"],
                  ["reset", "--host", "../etc", "--seed", "1"], ["host", "a/b"]):
        with pytest.raises(Usage):
            run(words, {})
        assert session.persistence.store.name == "default"
        assert out("volume ls -q") == "mine\n"
    assert not (Path(os.environ["DOCKSTORE_HOME"]) / "hosts" / "lesson1").exists()


def fingerprint(engine) -> list:
    """Everything the host's tree holds, file by file (contents by hash)."""
    from dockstore_magic.fs.tree import Dir, File, Symlink, Device
    out, stack = [], [("", engine.host.tree.root)]
    while stack:
        path, n = stack.pop()
        row = [path, type(n).__name__, n.mode, n.uid, n.gid, n.mtime, n.ino, n.nlink,
               sorted(n.xattrs.items())]
        if isinstance(n, File):
            row += [n.blob.size, n.blob.sha256() if n.blob.size < 1 << 20 else None]
        elif isinstance(n, Symlink):
            row.append(n.target)
        elif isinstance(n, Device):
            row.append(n.rdev)
        out.append(row)
        if isinstance(n, Dir):
            stack.extend((f"{path}/{k}", c) for k, c in n.entries.items())
    return sorted(out, key=lambda r: r[0])


STEPS = [
    "pull -q busybox",
    "volume create data",
    "run --name c1 -v data:/d busybox sh -c 'echo a > /d/a; mkdir -p /d/x/y; echo b >> /etc/group; "
    "rm -rf /usr/sbin; mkdir /usr/sbin; ln /etc/passwd /etc/pw2; mv /bin/ls /bin/ls2; "
    "chmod 600 /etc/hostname; touch -d 2020-01-01 /etc/shells; truncate -s 3G /sparse'",
    "commit c1 c1img:1",
    "run --rm -v data:/d busybox sh -c 'rm /d/a; mv /d/x /d/z; chown 1000:1000 /d/z'",
    "run -d --name bg -v /srv/www:/www busybox sh -c 'echo served > /www/i.html; sleep 1000'",
    "exec bg sh -c 'echo more >> /www/i.html; rm /bin/cat'",
    "rm -f c1",
    "rmi c1img:1",
    "volume rm data",
    "container prune -f",
]


def test_every_save_holds_exactly_what_is_in_memory(home):
    """After each command (and each kind of filesystem change), the saved host read back is
    the host in memory: nothing the journal missed."""
    session.use_host("h", seed=4, clock=CLOCK)
    for i, step in enumerate(STEPS):
        r = session.docker(step)
        assert r.exit_code == 0, (step, r.stderr)
        if i == 5:
            session.host("echo from-host > /srv/www/h.txt; echo x >> /var/lib/docker/image/"
                         "overlay2/repositories.json; touch /var/lib/docker/volumes/metadata.db")
        live = session.engine()
        saved = HostStore("h").load(attach=True)
        assert fingerprint(saved) == fingerprint(live), step
        from dockstore_magic.cli.main import DockerCLI
        for c in ("ps -a --no-trunc", "images -a --no-trunc", "volume ls", "system df -v"):
            assert DockerCLI(saved).run(c.split()).stdout == out(c), (step, c)


def test_a_home_that_cannot_be_written_leaves_the_host_in_memory(home, tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("DOCKSTORE_HOME", str(blocked))           # mkdir fails under a file
    session.use_host("default", seed=1, clock=CLOCK)
    assert len(home) == 1 and "lives in memory only" in home[0] and "\n" not in home[0]
    out("volume create vv")
    assert out("volume ls -q") == "vv\n" and len(home) == 1


def test_a_deleted_folder_is_written_again_whole(home):
    import shutil
    session.use_host("h", seed=1, clock=CLOCK)
    out("pull -q busybox")
    shutil.rmtree(session.persistence.store.dir)
    out("volume create vv")
    restart(home)
    session.use_host("h")
    assert out("run --rm busybox echo ok") == "ok\n" and out("volume ls -q") == "vv\n"


def test_status_and_host_say_which_host_and_where(home, capsys):
    from dockstore_magic.persist.commands import run
    session.use_host("default", seed=1, clock=CLOCK)
    run(["host", "lesson-02"], {"seed": 2, "clock": CLOCK, "storage_driver": "vfs"})
    assert session.engine().driver.name == "vfs"          # a new host takes the settings
    run(["status"], {})
    run(["host"], {})
    text = capsys.readouterr().out
    folder = Path(os.environ["DOCKSTORE_HOME"]) / "hosts"
    assert f"host: lesson-02 (saved in {folder / 'lesson-02'})\nstorage driver: vfs\nseed: 2\n" in text
    assert f"current host: lesson-02\nsaved hosts in {folder}: default, lesson-02\n" in text


def test_a_filesystem_class_defined_later_is_journaled_too(home):
    from dockstore_magic.fs.tree import File, TreeFS
    session.use_host("h", seed=1, clock=CLOCK)
    out("volume create vol")

    class LateFS(TreeFS):                   # e.g. a module imported in the middle of a session
        def _write(self, parts, blob, mode, uid, gid):       # its own primitive
            self._dir(parts[:-1]).entries[parts[-1]] = File(blob, mode, uid, gid, 0.0)

    data = session.engine().host.tree.node_at("/var/lib/docker/volumes/vol/_data")
    LateFS(data, session.engine().clock.now).write("/late", b"written\n")
    out("ps")                                # the next save
    restart(home)
    session.use_host("h")
    assert session.host("cat /var/lib/docker/volumes/vol/_data/late").stdout == "written\n"


def test_a_platform_without_flock_saves_without_a_lock(tmp_path, monkeypatch):
    """Pyodide's fcntl has no flock (JupyterLite): the store works, unlocked."""
    import types
    from dockstore_magic.persist import store as S
    monkeypatch.setattr(S, "fcntl", types.SimpleNamespace())
    hs = S.HostStore("default", home=tmp_path)
    with hs.locked():
        (tmp_path / "inside").write_text("x")
    assert (tmp_path / "inside").read_text() == "x"


def layer_tars(engine) -> dict:
    """Each layer's tar (what ``docker save`` writes), by chainID: digests."""
    import hashlib
    store = engine.layer_store
    return {cid: hashlib.sha256(b"".join(store.tar_chunks(l))).hexdigest()
            for cid, l in store.layers.items()}


def test_changesets_are_written_once_apart_from_the_main_pickle(home):
    """A layer's changeset (what its tar is made from) is no part of the pickle written at
    every save: a pulled layer's is a recipe, a committed layer's a segment written once."""
    session.use_host("h", seed=2, clock=CLOCK)
    out("pull -q debian:bookworm-slim")
    store = session.persistence.store
    assert store.last_save["inline nodes"] < 200          # the host's skeleton, no layer tree
    out("run --name c1 debian:bookworm-slim sh -c 'echo hi > /hi; rm -r /usr/share/doc'")
    out("commit c1 mine:1")
    once = [k for k in store.files if k.startswith(codec.ONCE)]
    assert len(once) == 1                                 # the commit's changeset
    out("ps -a")
    assert store.last_save["segments"] == 0 and store.last_save["inline nodes"] < 200
    before = layer_tars(session.engine())
    restart(home)
    session.use_host("h")
    assert layer_tars(session.engine()) == before
    out("rmi -f mine:1")
    assert not [k for k in session.persistence.store.files if k.startswith(codec.ONCE)]


def test_a_copy_of_the_host_is_never_saved_as_the_host(home):
    """An exercise's solution runs on a copy of the engine (exercises.try_solution): its
    commands are not saved, and the host's next save is the host again."""
    import copy
    from dockstore_magic.cli.main import DockerCLI
    session.use_host("h", seed=2, clock=CLOCK)
    out("volume create mine")
    host = session._engine
    session._engine = copy.deepcopy(host)
    out("volume create sandboxed")
    saved = HostStore("h").load(attach=True)
    assert DockerCLI(saved).run(["volume", "ls", "-q"]).stdout == "mine\n"
    session._engine = host
    out("volume create second")
    saved = HostStore("h").load(attach=True)
    assert DockerCLI(saved).run(["volume", "ls", "-q"]).stdout == "mine\nsecond\n"


def test_file_contents_are_written_once_and_shared_again_when_read_back(home):
    """A vfs copy of a layer (a container's rootfs) writes what changed since it was
    copied, not its nodes nor its files' contents again; read back, the copies share their
    contents as they did in memory."""
    session.use_host("h", storage_driver="vfs", seed=2, clock=CLOCK)
    out("pull -q debian:bookworm-slim")
    store = session.persistence.store
    pack = store.codec.pack_key
    assert pack in store.files                               # the layers' metadata files
    out("create --name c1 debian:bookworm-slim")            # two full copies: init and rw
    assert store.last_save["bytes"] - store.last_save["main"] < 20_000   # (each 170 kB)

    def passwd_blobs():
        vfs = session.engine().host.tree.node_at("/var/lib/docker/vfs/dir")
        return [d.entries["etc"].entries["passwd"].blob for d in vfs.entries.values()]
    assert len(passwd_blobs()) == 3 and len({id(b) for b in passwd_blobs()}) == 1
    restart(home)
    session.use_host("h")
    assert len(passwd_blobs()) == 3 and len({id(b) for b in passwd_blobs()}) == 1
    assert pack in session.persistence.store.files
    out("rm c1")
    out("rmi debian:bookworm-slim")
    assert pack not in session.persistence.store.files      # nothing refers to them now


def test_caches_are_no_part_of_the_saved_host(home):
    """Memos keyed by this process's change counter (vfs diffs, overlay lookups, the host's
    folders by path) are not saved: they would be bytes for nothing, and wrong in the next
    process, whose counter starts again."""
    session.use_host("h", storage_driver="vfs", seed=2, clock=CLOCK)
    out("pull -q busybox")
    out("run --name c1 busybox sh -c 'echo hi > /hi'")
    diff = out("diff c1")
    eng = session.engine()
    assert eng.driver._memo and eng.host.tree._dirs           # filled in memory
    saved = HostStore("h").load(attach=True)
    assert (saved.driver._memo, saved.driver._memo_gen) == ({}, -1)
    assert (saved.host.tree._dirs, saved.host.tree._dirs_gen) == ({}, -1)
    restart(home)
    session.use_host("h")
    assert out("diff c1") == diff


def test_health_state_is_saved_and_a_restored_monitor_stops(home):
    session.use_host("h", seed=1, clock=CLOCK)
    out("pull -q busybox")
    out("run -d --name hc --health-cmd true --health-interval 1s busybox sleep 1000")
    session.host("sleep 1.5")
    assert out("inspect -f '{{.State.Health.Status}} {{len .State.Health.Log}}' hc") == "healthy 1\n"
    restart(home)
    session.use_host("h")           # the container comes back stopped: its monitor too
    assert out("inspect -f '{{.State.Health.Status}} {{len .State.Health.Log}}' hc") == "unhealthy 1\n"
    out("start hc")
    session.host("sleep 1")
    assert out("inspect -f '{{.State.Health.Status}} {{len .State.Health.Log}}' hc") == "healthy 2\n"
