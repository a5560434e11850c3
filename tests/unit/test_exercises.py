"""The exercises' checking API: every lesson exercise tested both ways (the reference answer
passes; each typical wrong answer gets its own feedback), the plain checks, the result
object's text and HTML, and the lesson helpers (project_folder, write_file)."""
from __future__ import annotations

import os

import pytest

from dockstore_magic import exercises as X
from dockstore_magic.exercises import EXERCISES, CheckResult, check

PY = "python:3.12-slim"
SHOP = f"""FROM {PY}
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
LABEL course="docker-storage"
CMD ["python", "app.py"]
"""
QUICK = f"""FROM {PY}
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
CMD ["python", "app.py"]
"""
BIGFILE = """FROM busybox
RUN dd if=/dev/zero of=/big.dat bs=1M count=5
"""


def run(sim, line: str):
    r = sim.docker(line)
    assert r.exit_code == 0, f"docker {line}: {r.stderr}"
    return r


def host(sim, script: str):
    r = sim.host(script)
    assert r.exit_code == 0, r.stderr
    return r


def chk(sim, key: str, answer=X.MISSING) -> CheckResult:
    res = check(key, answer, engine=sim.engine)
    assert isinstance(res, CheckResult)
    assert res.name == key and res.title == EXERCISES[key].heading
    return res


def passes(res: CheckResult, *words: str) -> None:
    assert res.ok, res.text()
    for w in words:
        assert w in res.message, res.text()


def fails(res: CheckResult, *words: str) -> None:
    assert not res.ok, res.text()
    text = res.message + " " + res.hint + " " + res.more
    for w in words:
        assert w in text, res.text()


def context(sim, tmp_path, **files):
    for name, text in files.items():
        X.write_file(str(tmp_path / name), text, engine=sim.engine)


# ================================================================== the registry and results
def test_every_lesson_has_exercises_numbered_in_order():
    by_lesson = {}
    for ex in EXERCISES.values():
        assert ex.key.startswith(f"lesson{ex.lesson}.")
        by_lesson.setdefault(ex.lesson, []).append(ex.number)
    assert sorted(by_lesson) == [1, 2, 3, 4, 5, 6]
    for lesson, numbers in by_lesson.items():
        assert sorted(numbers) == [f"{lesson}.{i}" for i in range(1, len(numbers) + 1)]


def test_unknown_exercise_is_feedback_not_an_error(sim):
    res = check("lesson9.nope", engine=sim.engine)
    assert not res.ok and "There is no exercise \"lesson9.nope\"" in res.message
    assert "lesson4.persist" in res.message


@pytest.mark.parametrize("answer", [X.MISSING, None, ..., "", "   "])
def test_a_missing_answer_asks_for_one(sim, answer):
    res = chk(sim, "lesson5.hidden", answer)
    fails(res, "There is no answer yet")


def test_result_text_and_html():
    good = CheckResult(True, "The volume \"a\" holds `/x`.", name="k", title="Exercise 9.9 — T")
    assert repr(good) == "✅ Exercise 9.9 — T\n   The volume \"a\" holds `/x`."
    assert bool(good) is True
    html = good._repr_html_()
    assert "✅ Exercise 9.9 — T" in html and "<code>/x</code>" in html and "#2da44e" in html
    bad = CheckResult(False, "Not <yet>.", hint="Try `docker ps`.")
    assert repr(bad) == "❌ Not <yet>.\n   Hint: Try `docker ps`."
    html = bad._repr_html_()
    assert "Not &lt;yet&gt;." in html and "<i>Hint:</i> Try <code>docker ps</code>." in html
    assert not bad


def test_check_list_shows_every_exercise():
    listing = check.list()
    text = repr(listing)
    for ex in EXERCISES.values():
        assert ex.key in text and ex.title in text
    assert "<table>" in listing._repr_html_()
    assert [e.number for e in check.list(lesson=4).exercises] == ["4.1", "4.2", "4.3"]


def test_a_broken_engine_gives_feedback_without_a_traceback(monkeypatch):
    monkeypatch.delenv("DOCKSTORE_DEBUG", raising=False)

    class Broken:
        def __getattr__(self, name):
            raise RuntimeError("engine gone")

    res = check("lesson4.persist", engine=Broken())
    fails(res, "could not look at the engine", "RuntimeError")


@pytest.mark.parametrize("text, value", [(408, 408.0), (407.6, 407.6), ("408MB", 408.0),
                                         ("408 MB", 408.0), ("0.41GB", 410.0), ("900kB", 0.9),
                                         ("lots", None), (True, None)])
def test_numbers_with_units(text, value):
    assert X._number(text) == (pytest.approx(value) if value is not None else None)


# ================================================================== lesson 1
def test_lesson1_layer_folder(sim):
    fails(chk(sim, "lesson1.layer_folder", "abc"), "There is no busybox image yet")
    run(sim, "pull busybox")
    run(sim, "run --name visitor busybox true")
    img = sim.engine.images.find("busybox")
    layer = img.layers[-1]
    passes(chk(sim, "lesson1.layer_folder", layer.cache_id), "random cache ID")
    passes(chk(sim, "lesson1.layer_folder", f"/var/lib/docker/overlay2/{layer.cache_id}/diff/"))
    link = host(sim, f"cat /var/lib/docker/overlay2/{layer.cache_id}/link").stdout.strip()
    fails(chk(sim, "lesson1.layer_folder", link), "short name in overlay2/l/")
    fails(chk(sim, "lesson1.layer_folder", layer.diff_id), "busybox's diffID", "cache-id")
    fails(chk(sim, "lesson1.layer_folder", img.id), "busybox's image ID", "imagedb")
    c = sim.engine.container_store.get("visitor")
    fails(chk(sim, "lesson1.layer_folder", c.rw.mount_id), "read-write layer of container visitor")
    fails(chk(sim, "lesson1.layer_folder", c.rw.init_id), "init layer of container visitor")
    fails(chk(sim, "lesson1.layer_folder", "nosuchfolder"), "There is no folder")


def test_an_answer_that_is_a_commands_result_is_what_it_printed(sim):
    """`answer = %docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox`, as the
    exercise's text suggests: the check reads what the command printed, not the result's repr
    (a student once got "There is no folder \"work'}, 'Name': 'overlay2'}, …\"")."""
    run(sim, "pull busybox")
    upper = run(sim, "image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox")
    passes(chk(sim, "lesson1.layer_folder", upper), "random cache ID")
    listing = host(sim, "ls /var/lib/docker/overlay2")
    res = chk(sim, "lesson1.layer_folder", listing)
    assert not res.ok and "exit_code" not in res.message and "CommandResult" not in res.message


def test_lesson1_log_file(sim):
    fails(chk(sim, "lesson1.log_file", "/x"), "no container named \"greeter\"")
    run(sim, "run --name greeter busybox echo hi")
    fails(chk(sim, "lesson1.log_file", "/x"), "did not print `hello from a container`")
    run(sim, "rm greeter")
    run(sim, "run --name greeter busybox echo hello from a container")
    run(sim, "run --name other busybox echo hello from a container")
    c = sim.engine.container_store.get("greeter")
    o = sim.engine.container_store.get("other")
    passes(chk(sim, "lesson1.log_file", f"/var/lib/docker/containers/{c.id}/{c.id}-json.log"),
           "json-file log driver")
    fails(chk(sim, "lesson1.log_file", f"/var/lib/docker/containers/{c.id}/"), "greeter's folder")
    fails(chk(sim, "lesson1.log_file", f"/var/lib/docker/overlay2/{c.rw.mount_id}/diff"),
          "overlay2 holds the container's files")
    fails(chk(sim, "lesson1.log_file", f"/var/lib/docker/containers/{o.id}/{o.id}-json.log"),
          "not greeter's")
    fails(chk(sim, "lesson1.log_file", "/tmp/log"), "is not where greeter's output is kept")
    fails(chk(sim, "lesson1.log_file", f"containers/{c.id}/{c.id}-json.log"),
          "greeter's log file ✔, but the path is relative")
    fails(chk(sim, "lesson1.log_file", f"/var/lib/docker/containers/{c.id[:12]}/{c.id[:12]}-json.log"),
          "short ID")


# ================================================================== lesson 2
def test_lesson2_count_layers(sim, tmp_path):
    fails(chk(sim, "lesson2.count_layers", 7), "There is no image shop:1 yet")
    context(sim, tmp_path, **{"requirements.txt": "flask==3.1.0\n", "app.py": "print(1)\n"})
    assert sim.build(SHOP, str(tmp_path), "shop:1").exit_code == 0
    passes(chk(sim, "lesson2.count_layers", 7), "7 layers")
    passes(chk(sim, "lesson2.count_layers", "7"))
    fails(chk(sim, "lesson2.count_layers", 17), "rows in `docker history`", "config-only")
    fails(chk(sim, "lesson2.count_layers", 3), "layers this Dockerfile added")
    fails(chk(sim, "lesson2.count_layers", 8), "number of lines of the Dockerfile")
    fails(chk(sim, "lesson2.count_layers", 5), "Not 5", "RootFS.Layers")
    fails(chk(sim, "lesson2.count_layers", "seven"), "not a whole number")
    fails(chk(sim, "lesson2.count_layers", 7.5), "not a whole number")


def test_lesson2_cache_order_passes_with_dependencies_first(sim, tmp_path):
    context(sim, tmp_path, **{"requirements.txt": "flask==3.1.0\n", "app.py": "print(1)\n"})
    fails(chk(sim, "lesson2.cache_order"), "no image quick:1")
    assert sim.build(QUICK, str(tmp_path), "quick:1").exit_code == 0
    fails(chk(sim, "lesson2.cache_order"), "not quick:2")
    assert sim.build(QUICK, str(tmp_path), "quick:2").exit_code == 0
    fails(chk(sim, "lesson2.cache_order"), "the same image", "Change app.py")
    context(sim, tmp_path, **{"app.py": "print(2)\n"})
    assert sim.build(QUICK, str(tmp_path), "quick:2").exit_code == 0
    passes(chk(sim, "lesson2.cache_order"), "share 7 layers", "`pip install` one included",
           "only 1 layer(s)")


def test_lesson2_cache_order_explains_a_busted_cache(sim, tmp_path):
    context(sim, tmp_path, **{"requirements.txt": "flask==3.1.0\n", "app.py": "print(1)\n"})
    assert sim.build(SHOP, str(tmp_path), "quick:1").exit_code == 0
    context(sim, tmp_path, **{"app.py": "print(2)\n"})
    assert sim.build(SHOP, str(tmp_path), "quick:2").exit_code == 0
    fails(chk(sim, "lesson2.cache_order"), "each have their own `pip install` layer",
          "`COPY . .` comes before it", "COPY app.py last")


def test_lesson2_cache_order_needs_a_pip_install_layer(sim, tmp_path):
    context(sim, tmp_path, **{"app.py": "print(1)\n"})
    df = f"FROM {PY}\nCOPY app.py .\n"
    assert sim.build(df, str(tmp_path), "quick:1").exit_code == 0
    context(sim, tmp_path, **{"app.py": "print(2)\n"})
    assert sim.build(df, str(tmp_path), "quick:2").exit_code == 0
    fails(chk(sim, "lesson2.cache_order"), "no `RUN pip install …` layer")


def test_write_file_dates_files_with_the_simulated_clock(sim, tmp_path):
    X.write_file(str(tmp_path / "sub" / "a.txt"), "hi\n", engine=sim.engine)
    st = os.stat(tmp_path / "sub" / "a.txt")
    assert (tmp_path / "sub" / "a.txt").read_bytes() == b"hi\n"
    assert st.st_mtime == 1767258000            # 2026-01-01T09:00:00Z, the sim's fixed clock


def test_project_folder_is_fresh_and_becomes_the_working_directory(monkeypatch):
    monkeypatch.chdir(os.getcwd())               # restored after the test
    a = X.project_folder("shop")
    assert os.getcwd() == a and os.path.basename(a) == "shop" and os.listdir(a) == []
    b = X.project_folder("shop")
    assert a != b


# ================================================================== lesson 3
@pytest.fixture
def bigfile(sim):
    assert sim.build(BIGFILE, None, "bigfile:1").exit_code == 0
    return sim


def test_lesson3_whiteout(bigfile):
    sim = bigfile
    fails(chk(sim, "lesson3.whiteout"), "no container named \"eraser\"")
    run(sim, "run --name eraser busybox true")
    fails(chk(sim, "lesson3.whiteout"), "eraser runs busybox, not bigfile:1")
    run(sim, "rm eraser")
    run(sim, "run --name eraser bigfile:1 touch /big.dat")
    fails(chk(sim, "lesson3.whiteout"), "does not show `D /big.dat`", "C /big.dat")
    run(sim, "rm eraser")
    run(sim, "run --name eraser bigfile:1 rm /big.dat")
    passes(chk(sim, "lesson3.whiteout"), "whiteout (0B)", "bigfile:1 is still 9.66MB")


def test_lesson3_commit(sim):
    fails(chk(sim, "lesson3.commit"), "no container scribe and no image notes:1 yet")
    run(sim, "run --name scribe busybox sh -c 'echo remember the milk > /notes.txt'")
    fails(chk(sim, "lesson3.commit"), "scribe exists, but there is no image notes:1",
          "docker commit scribe notes:1")
    run(sim, "commit scribe notes:1")
    fails(chk(sim, "lesson3.commit"), "scribe still exists", "the container can go")
    run(sim, "rm scribe")
    passes(chk(sim, "lesson3.commit"), "notes:1 has /notes.txt", "scribe is gone")


def test_lesson3_commit_typical_mistakes(sim):
    # the magics tell the checks which commands ran (a removed container leaves no trace)
    def magic(line):
        X.remember(line.split(), sim.engine)
        return run(sim, line)
    magic("run --name scribe busybox sh -c 'echo remember the milk > /notes.txt'")
    magic("rm scribe")
    fails(chk(sim, "lesson3.commit"), "scribe was removed before it was committed")
    magic("run --rm --name scribe busybox sh -c 'echo remember the milk > /notes.txt'")
    fails(chk(sim, "lesson3.commit"), "run with `--rm`")
    magic("run --name scribe busybox sh -c 'echo remember the milk > /notes.txt'")
    magic("commit scribe notes")
    fails(chk(sim, "lesson3.commit"), "an image `notes` (that is `notes:latest`), but no `notes:1`")


def test_lesson3_whiteout_with_rm(bigfile):
    X.remember("run --rm --name eraser bigfile:1 rm /big.dat".split(), bigfile.engine)
    run(bigfile, "run --rm --name eraser bigfile:1 rm /big.dat")
    fails(chk(bigfile, "lesson3.whiteout"), "run with `--rm`")


def test_lesson3_commit_of_the_wrong_container(sim):
    run(sim, "run --name scribe busybox true")
    run(sim, "commit scribe notes:1")
    fails(chk(sim, "lesson3.commit"), "notes:1 has no /notes.txt")
    run(sim, "rm scribe")
    run(sim, "run --name scribe busybox sh -c 'echo buy bread > /notes.txt'")
    run(sim, "commit scribe notes:1")
    fails(chk(sim, "lesson3.commit"), "says \"buy bread\"")


# ================================================================== lesson 4
def test_lesson4_persist(sim):
    fails(chk(sim, "lesson4.persist"), "There is no volume named \"notes\"", "docker volume create")
    run(sim, "volume create other")
    fails(chk(sim, "lesson4.persist"), "(there is: other)")
    run(sim, "volume create notes")
    fails(chk(sim, "lesson4.persist"), "the volume \"notes\" exists but the file /todo.txt is not in it".capitalize())
    run(sim, "run --name oops -v notes:/data busybox sh -c 'echo remember me > /todo.txt'")
    fails(chk(sim, "lesson4.persist"), "exists but the file /todo.txt is not in it",
          "There is a todo.txt in container oops's own layer as /todo.txt", "-v notes:/data")
    run(sim, "rm oops")
    run(sim, "run --rm -v other:/data busybox sh -c 'echo remember me > /data/todo.txt'")
    fails(chk(sim, "lesson4.persist"), "in the volume \"other\" as /todo.txt")
    run(sim, "run --rm -v notes:/data busybox sh -c 'echo forget me > /data/todo.txt'")
    res = chk(sim, "lesson4.persist")
    fails(res, "says \"forget me\" instead of \"remember me\"", "with the right text")
    assert "through the mount" not in res.hint      # it was: the text is what is wrong
    run(sim, "run --name keeper -v notes:/data busybox sh -c 'echo remember me > /data/todo.txt'")
    fails(chk(sim, "lesson4.persist"), "holds todo.txt ✔", "container keeper still uses it")
    run(sim, "rm keeper")
    passes(chk(sim, "lesson4.persist"), "no container uses it any more")


def test_lesson4_where(sim):
    fails(chk(sim, "lesson4.where", "/x"), "a path inside a container")
    # the path can be known before exercise 4.1 made the volume
    passes(chk(sim, "lesson4.where", "/var/lib/docker/volumes/notes/_data/todo.txt"), "no volume notes yet")
    run(sim, "volume create notes")
    passes(chk(sim, "lesson4.where", "/var/lib/docker/volumes/notes/_data/todo.txt"), "_data")
    fails(chk(sim, "lesson4.where", "/var/lib/docker/volumes/notes/todo.txt"), "one level down")
    fails(chk(sim, "lesson4.where", "/data/todo.txt"), "a path inside a container")
    fails(chk(sim, "lesson4.where", "var/lib/docker/volumes/notes/_data/todo.txt"), "without the leading `/`")
    fails(chk(sim, "lesson4.where", "/var/lib/docker/volumes/notes/_data"), "the volume's folder")
    fails(chk(sim, "lesson4.where", "/var/lib/docker/overlay2/x"), "is not where todo.txt is")


def test_lesson4_prepopulate(sim):
    run(sim, "pull nginx")
    fails(chk(sim, "lesson4.prepopulate"), "There is no volume \"nginx-conf\"", "where the image has the files")
    run(sim, "volume create nginx-conf")
    fails(chk(sim, "lesson4.prepopulate"), "nginx-conf is empty", "`docker volume create` makes an empty folder")
    run(sim, "create --name wrong -v nginx-conf:/data nginx")
    fails(chk(sim, "lesson4.prepopulate"), "it was mounted at /data", "Mount it at /etc/nginx")
    run(sim, "run --rm -v nginx-conf:/data busybox sh -c 'echo x > /data/mine.txt'")
    run(sim, "run --rm -v nginx-conf:/etc/nginx nginx true")      # not empty: nothing copied
    fails(chk(sim, "lesson4.prepopulate"), "has files (/mine.txt) but no nginx.conf", "*empty* volume")
    run(sim, "rm wrong")
    run(sim, "volume rm nginx-conf")
    run(sim, "run --rm -v nginx-conf:/etc/nginx nginx true")
    passes(chk(sim, "lesson4.prepopulate"), "nginx.conf and conf.d/default.conf")


def test_lesson4_nocopy_leaves_the_volume_empty(sim):
    run(sim, "run --rm -v nginx-conf:/etc/nginx:nocopy nginx true")
    fails(chk(sim, "lesson4.prepopulate"), "nginx-conf is empty", "`nocopy` copies nothing")


# ================================================================== lesson 5
def test_lesson5_preview(sim):
    run(sim, "pull nginx")
    fails(chk(sim, "lesson5.preview"), "no container named \"preview\"")
    run(sim, "create --name preview nginx")
    fails(chk(sim, "lesson5.preview"), "has no mount at /usr/share/nginx/html (its mounts: none)")
    run(sim, "rm preview")
    run(sim, "create --name preview -v site:/usr/share/nginx/html:ro nginx")
    fails(chk(sim, "lesson5.preview"), "is the volume \"site\", not a bind mount", "absolute path")
    run(sim, "rm preview")
    run(sim, "create --name preview -v /srv/site:/usr/share/nginx/html:ro nginx")
    fails(chk(sim, "lesson5.preview"), "bind-mounted from /srv/site, not from /home/student/site")
    run(sim, "rm preview")
    run(sim, "create --name preview -v /home/student/site:/usr/share/nginx/html nginx")
    fails(chk(sim, "lesson5.preview"), "but writable", ":ro")
    run(sim, "rm preview")
    run(sim, "run -d --name preview -v /home/student/site:/usr/share/nginx/html:ro nginx")
    fails(chk(sim, "lesson5.preview"), "it has no index.html", "hidden by the mount")
    host(sim, "echo 'Hello there' > /home/student/site/index.html")
    fails(chk(sim, "lesson5.preview"), "does not say `Hello from the host`")
    host(sim, "echo 'Hello from the host' > /home/student/site/index.html")
    passes(chk(sim, "lesson5.preview"), "read-only")
    # the right mount, but a command after the image: nginx never ran, nothing serves it
    run(sim, "rm -f preview")
    run(sim, "run --name preview -v /home/student/site:/usr/share/nginx/html:ro nginx true")
    fails(chk(sim, "lesson5.preview"), "preview is not running (exited, exit code 0)", "`-d`")


def test_lesson5_preview_with_mount_syntax(sim):
    host(sim, "mkdir -p /home/student/site && echo 'Hello from the host' > /home/student/site/index.html")
    run(sim, "create --name preview --mount type=bind,source=/home/student/site,"
             "target=/usr/share/nginx/html,readonly nginx")
    fails(chk(sim, "lesson5.preview"), "preview is not running (created)")
    run(sim, "start preview")
    passes(chk(sim, "lesson5.preview"))


@pytest.mark.parametrize("answer, ok, words", [
    ("hidden", True, "Yes, hidden"), (" Hidden. ", True, "Yes, hidden"),
    ("copied", False, "*volume*"), ("deleted", False, "read-only"),
    ("merged", False, "not an overlay"), ("moved", False, "not one of"),
])
def test_lesson5_hidden(sim, answer, ok, words):
    res = chk(sim, "lesson5.hidden", answer)
    (passes if ok else fails)(res, words)


# ================================================================== lesson 6
@pytest.fixture
def vfs(tmp_path, monkeypatch):
    from dockstore_magic.cli.main import DockerCLI
    from dockstore_magic.daemon import Engine
    monkeypatch.setenv("DOCKSTORE_DEBUG", "1")

    class VfsSim:
        engine = Engine(storage_driver="vfs", seed=6, clock="2026-01-01T09:00:00Z")
        cli = DockerCLI(engine, cwd=engine.host.share(str(tmp_path)))

        def docker(self, line):
            import shlex
            return self.cli.run(shlex.split(line))

        def host(self, script):
            return self.cli.host(script)
    return VfsSim()


@pytest.mark.parametrize("answer, ok, words", [
    (407.6, True, "about 396 MB (74.8 + 81.6 + 119.9 + 119.9)"), ("396MB", True, "Yes"),
    (124.3, False, "what overlay2 stores"), (497, False, "4 copies of the whole image"),
    (1000, False, "Not 1000 MB"), ("a lot", False, "not a number of MB"),
])
def test_lesson6_vfs_pull(vfs, answer, ok, words):
    fails(chk(vfs, "lesson6.vfs_pull", 1), "no python:3.12-slim image", "docker pull")
    run(vfs, f"pull {PY}")
    (passes if ok else fails)(chk(vfs, "lesson6.vfs_pull", answer), words)


def test_lesson6_vfs_pull_on_overlay2_adds_up_the_layers(sim):
    run(sim, f"pull {PY}")
    passes(chk(sim, "lesson6.vfs_pull", 407.6), "about 408 MB (74.8 + 84.2 + 124.3 + 124.3)")


@pytest.mark.parametrize("answer, ok, words", [
    (248.6, True, "two full copies"), (124.3, False, "one copy"),
    (0, False, "overlay2's answer"), (10, False, "Not 10 MB"),
    (408, False, "exercise 6.1"), (396, False, "what one new container adds"),
])
def test_lesson6_vfs_container(vfs, answer, ok, words):
    run(vfs, f"pull {PY}")
    (passes if ok else fails)(chk(vfs, "lesson6.vfs_container", answer), words)


def test_lesson6_vfs_container_matches_what_vfs_really_copies(vfs):
    run(vfs, f"pull {PY}")
    before = vfs.engine.driver.copied_bytes
    run(vfs, f"create --name c1 {PY}")
    passes(chk(vfs, "lesson6.vfs_container", (vfs.engine.driver.copied_bytes - before) / 1e6))


# ================================================================== plain checks
def test_plain_checks(sim):
    run(sim, "volume create data")
    run(sim, "run --name c1 -v data:/data -v /srv/x:/x:ro busybox sh -c 'echo hi > /data/f; rm /etc/group'")
    eng = sim.engine
    assert check.volume_exists("data", engine=eng)
    assert not check.volume_exists("nope", engine=eng)
    assert check.volume_has_file("data", "/f", contains="hi", engine=eng)
    assert not check.volume_has_file("data", "f", contains="ho", engine=eng)
    assert check.container_exists("c1", engine=eng)
    assert not check.container_gone("c1", engine=eng)
    assert check.container_gone("c2", engine=eng)
    assert check.container_changed("c1", "/etc/group", "D", engine=eng)
    res = check.container_changed("c1", "/etc/group", "A", engine=eng)
    assert not res and "as D, not A" in res.message
    assert not check.container_changed("c1", "/nope", engine=eng)
    assert check.image_exists("busybox", engine=eng)
    assert not check.image_exists("nginx:9", engine=eng)
    assert check.image_has_file("busybox", "/etc/group", engine=eng)
    assert not check.image_has_file("busybox", "/etc/nope", engine=eng)
    assert check.bind_mounted("c1", "/srv/x", "/x", readonly=True, engine=eng)
    assert not check.bind_mounted("c1", "/srv/x", "/x", readonly=False, engine=eng)
    assert not check.bind_mounted("c1", "/srv/x", "/data", engine=eng)
    run(sim, "commit c1 mine:1")
    res = check.shares_layers("busybox", "mine:1", engine=eng)
    assert res and "share 1 layers" in res.message
    assert not check.shares_layers("busybox", "mine:1", at_least=2, engine=eng)


# ================================================================== graduated help, solutions
def test_help_is_graduated_and_the_answer_only_comes_on_request(bigfile):
    sim = bigfile
    first = chk(sim, "lesson3.whiteout")
    assert not first.started and first.level == 1             # nothing done: not an attempt
    run(sim, "run --name eraser bigfile:1 touch /big.dat")
    one = chk(sim, "lesson3.whiteout")
    assert one.level == 1 and "More" not in one.text() and "solution(" not in one.text()
    assert "rm /big.dat" not in one.text()                   # the first ❌ never gives the answer
    demo = check("lesson3.whiteout", engine=sim.engine, demo=True)
    assert demo.level == 1
    two = chk(sim, "lesson3.whiteout")
    assert two.level == 2 and "More: `rm /big.dat`" in two.text()
    assert 'solution("lesson3.whiteout")' in two.text() and "solution(" in two._repr_html_()


def test_every_exercise_has_a_solution_that_passes_on_a_copy(bigfile, tmp_path, monkeypatch):
    """solution() shows the cells and the check's answer after them, computed on a copy of
    the engine: the student's objects are untouched and their names stay free."""
    sim = bigfile
    from dockstore_magic import session
    monkeypatch.setattr(session, "_engine", sim.engine)
    run(sim, "run --name eraser busybox true")             # the student's own (wrong) attempt
    before = sorted(c.familiar_name for c in sim.engine.container_store)
    sol = X.solution("lesson3.whiteout")
    assert sol.result.ok, sol.result.text()
    assert "%docker run --name eraser bigfile:1 rm /big.dat" in repr(sol)
    assert "<details>" in sol._repr_html_() and "✅" in sol._repr_html_()
    assert sorted(c.familiar_name for c in sim.engine.container_store) == before
    assert not X.solution("nosuch").ok
    assert all(e.solution for e in EXERCISES.values())


def test_a_solution_that_does_not_fit_the_host_is_a_failed_check_even_in_debug(monkeypatch):
    """DOCKSTORE_DEBUG raises the engine's own errors; a solution's Python meeting a host it
    does not fit (lesson 1's overlay2 folder on the containerd store) is answered, not raised."""
    from dockstore_magic.daemon import Engine
    from dockstore_magic.exercises import solution
    monkeypatch.setenv("DOCKSTORE_DEBUG", "1")
    eng = Engine(seed=1, clock="2026-01-01T09:00:00Z", image_store="containerd")
    from dockstore_magic.cli.main import DockerCLI
    assert DockerCLI(eng).run(["pull", "-q", "busybox"]).exit_code == 0
    result = solution("lesson1.layer_folder", engine=eng).result
    assert not result.ok and "could not run here (IndexError" in result.text()


def test_a_solution_is_never_saved_as_the_students_host(tmp_path, monkeypatch):
    """solution() runs on a copy with saving suspended: a kernel that dies right after it
    comes back to the student's host, not to the solution's volume and containers."""
    from dockstore_magic import session
    from dockstore_magic.persist import Persistence, codec
    monkeypatch.setenv("DOCKSTORE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(session, "persistence", Persistence(report=print))
    monkeypatch.setattr(session, "_engine", None)
    monkeypatch.setattr(codec.JOURNAL, "active", codec.JOURNAL.active)
    session.use_host("student", seed=1, clock="2026-01-01T09:00:00Z")
    assert session.docker("pull -q busybox").exit_code == 0
    assert X.solution("lesson4.persist").result.ok
    assert session.persistence.store is not None and codec.JOURNAL.active
    monkeypatch.setattr(session, "persistence", Persistence(report=print))   # a restart
    monkeypatch.setattr(session, "_engine", None)
    session.use_host("student")
    assert session.docker("volume ls -q").stdout == ""
    assert session.docker("images -q").stdout.strip() != ""
