"""The magics in a real IPython shell: registration, output streams, returned objects,
failures without tracebacks, no variable expansion."""
from __future__ import annotations

import re

import pytest
from IPython.testing.globalipapp import get_ipython
from IPython.utils.capture import capture_output

from dockstore_magic import session
from dockstore_magic.result import CommandFailed, CommandResult


@pytest.fixture(scope="module")
def ip():
    from IPython.core.interactiveshell import InteractiveShell
    # another test module may already have made the process's shell singleton
    shell = InteractiveShell.instance() if InteractiveShell.initialized() else get_ipython()
    shell.run_line_magic("load_ext", "dockstore_magic")
    return shell


@pytest.fixture(autouse=True)
def fresh(ip):
    ip.run_line_magic("config", "DockerMagics.raise_on_error = True")   # the default
    ip.run_line_magic("dockstore", "reset --seed 7 --clock 2026-01-01T09:00:00Z")
    yield


def run(ip, code):
    with capture_output() as cap:
        res = ip.run_cell(code)
    return res, cap


def test_magics_are_registered(ip):
    lines = ip.magics_manager.magics["line"]
    cells = ip.magics_manager.magics["cell"]
    assert {"docker", "host", "dockstore"} <= set(lines)
    assert {"dockerfile", "host"} <= set(cells)


def test_docker_prints_and_returns_a_result(ip):
    res, cap = run(ip, "r = %docker run --name hello busybox echo hi")
    assert res.success
    assert cap.stdout == "hi\n"                        # printed once, while it ran
    assert "Unable to find image 'busybox:latest' locally" in cap.stderr
    r = ip.user_ns["r"]
    assert isinstance(r, CommandResult) and r.exit_code == 0 and r.stdout == "hi\n"
    assert r.value.familiar_name == "hello"            # …and the container is at hand
    # displaying r shows nothing more: no rich output and no text for any front end (a
    # terminal shell's "Out[n]: " prompt is the shell's, not ours, so it is not looked at)
    res, cap = run(ip, "r")
    assert res.success and not cap.outputs
    assert ip.display_formatter.format(r) == ({}, {})


def test_failing_command_fails_the_cell_without_a_traceback(ip):
    res, cap = run(ip, "%docker rm nosuch")
    assert not res.success
    assert isinstance(res.error_in_exec, CommandFailed)
    # Docker's message, once, as the cell's error: no traceback, no line of our own
    assert res.error_in_exec._render_traceback_() == ["Error response from daemon: No such container: nosuch"]
    assert "No such container" not in cap.stderr
    assert "Traceback" not in cap.stdout + cap.stderr
    assert "exit status" not in cap.stdout + cap.stderr
    assert res.error_in_exec.result.stderr == "Error response from daemon: No such container: nosuch\n"
    ip.run_line_magic("config", "DockerMagics.raise_on_error = False")
    try:
        res, cap = run(ip, "%docker rm nosuch")
        assert res.success
        assert cap.stderr == "Error response from daemon: No such container: nosuch\n"
    finally:
        ip.run_line_magic("config", "DockerMagics.raise_on_error = True")


class _Both:
    """sys.stdout and sys.stderr writing into one list, tagged, in the order written."""
    def __init__(self, record, name):
        self.record, self.name = record, name

    def write(self, text):
        if text:
            self.record.append((self.name, text))

    def flush(self):
        pass


def ordered(ip, code, monkeypatch):
    import sys
    record: list[tuple[str, str]] = []
    monkeypatch.setattr(sys, "stdout", _Both(record, "out"))
    monkeypatch.setattr(sys, "stderr", _Both(record, "err"))
    res = ip.run_cell(code)
    monkeypatch.undo()
    merged: list[tuple[str, str]] = []
    for name, text in record:                      # as a notebook joins a stream's pieces
        if merged and merged[-1][0] == name:
            merged[-1] = (name, merged[-1][1] + text)
        else:
            merged.append((name, text))
    return res, merged


def test_stderr_and_stdout_come_in_the_order_they_were_written(ip, monkeypatch):
    """As in a terminal: the pull before the container's output, a failing step's message
    between the lines around it (the magic used to show every stderr line at the end)."""
    res, shown = ordered(ip, "_ = %docker run --rm busybox sh -c 'echo one; ls /nope; echo two'",
                         monkeypatch)
    assert res.success and [name for name, _ in shown] == ["err", "out", "err", "out"], shown
    assert shown[0][1].startswith("Unable to find image 'busybox:latest' locally")
    assert shown[1:] == [("out", "one\n"), ("err", "ls: /nope: No such file or directory\n"),
                         ("out", "two\n")]
    ip.run_line_magic("dockstore", "reset --seed 7 --clock 2026-01-01T09:00:00Z")
    res, shown = ordered(ip, "_ = %host docker rm -f nothere; echo after", monkeypatch)
    assert res.success and shown == [("err", "Error response from daemon: No such container: nothere\n"),
                                     ("out", "after\n")], shown
    res, shown = ordered(ip, "_ = %docker run --rm busybox echo hi", monkeypatch)
    assert [name for name, _ in shown] == ["err", "out"] and shown[0][1].startswith("Unable to find")
    assert shown[1] == ("out", "hi\n")
    # a command that fails: its last message is the cell's error, shown once
    res, shown = ordered(ip, "_ = %docker run --rm busybox sh -c 'echo one; echo bad >&2; exit 3'",
                         monkeypatch)
    assert not res.success and [name for name, _ in shown] == ["out"], shown
    assert shown[0][1].startswith("one\n") and shown[0][1].count("bad") == 1   # the error, once
    assert res.error_in_exec._render_traceback_() == ["bad"]


def test_no_python_variable_expansion(ip):
    ip.user_ns["HOME"] = "python-value"
    res, cap = run(ip, "_ = %docker run --rm busybox sh -c 'echo $HOME {HOME}'")
    assert res.success, cap.stderr
    assert cap.stdout.endswith("/root {HOME}\n")


def test_dockerfile_cell_magic_builds_from_the_cell(ip, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                  # the notebook's folder: shared with the host
    (tmp_path / "hello.txt").write_text("hi\n")
    code = f"%%dockerfile -t app:1 {tmp_path}\nFROM busybox\nCOPY hello.txt /\nCMD [\"cat\", \"/hello.txt\"]\n"
    res, cap = run(ip, code)
    assert res.success, cap.stderr
    # a successful build's progress is plain output (as `!docker build .` shows it)…
    assert "#6 [2/2] COPY hello.txt /\n" in cap.stdout
    assert cap.stderr == ""
    res, cap = run(ip, "_ = %docker run --rm app:1")
    assert cap.stdout == "hi\n"
    res, cap = run(ip, "%%dockerfile -t bad:1\nFROM busybox\nFOO bar\n")
    assert not res.success
    assert "unknown instruction: FOO" in "\n".join(res.error_in_exec._render_traceback_())
    assert "exit status" not in "\n".join(res.error_in_exec._render_traceback_())


def test_build_result_keeps_stderr(ip, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                  # the notebook's folder: shared with the host
    (tmp_path / "Dockerfile").write_text("FROM busybox\nRUN echo hi > /f\n")
    res, cap = run(ip, f"r = %docker build -t k:1 {tmp_path}")
    assert res.success
    r = ip.user_ns["r"]
    assert "#5 [2/2] RUN echo hi > /f" in r.stderr and r.stdout == ""
    assert "RUN echo hi > /f" in cap.stdout and cap.stderr == ""


def test_host_magic_sees_var_lib_docker(ip):
    run(ip, "%docker volume create data")
    res, cap = run(ip, "_ = %host ls /var/lib/docker/volumes")
    assert res.success
    assert cap.stdout.split() == ["data", "metadata.db"]
    with capture_output() as cap:      # the cell magic itself, without a front end's display
        r = ip.run_cell_magic("host", "", "cd /var/lib/docker\nls -d image/overlay2/layerdb\n")
    assert r.ok and r.stdout == cap.stdout == "image/overlay2/layerdb\n"


def test_dockstore_reset_and_drivers(ip):
    res, cap = run(ip, "%dockstore reset --storage-driver vfs")
    assert res.success
    assert session.engine().driver.name == "vfs"
    res, cap = run(ip, "%dockstore reset --storage-driver zfs2")
    assert not res.success
    res, cap = run(ip, "%dockstore status")
    assert "storage driver: vfs" in cap.stdout


def test_nothing_reaches_the_real_filesystem(ip, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    res, cap = run(ip, "%docker run --rm -v /:/host busybox rm -rf /host\n"
                       "%host rm -rf /tmp /root\n%host ls /")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    import os
    assert os.path.isdir("/tmp") and os.path.isdir("/root")


def test_after_a_restart_the_first_failure_says_how_to_get_back(ip, monkeypatch):
    """A kernel that loaded the magics at start (Binder, `lessons --setup`) but never ran the
    lesson's `%dockstore reset`: the engine is empty, and the first failing command says why,
    once, apart from Docker's message."""
    from dockstore_magic.magics import DockerMagics, RESTART_NOTE
    monkeypatch.setattr(session, "_engine", None)
    ip.register_magics(DockerMagics)                 # as at kernel start
    res, cap = run(ip, "%docker diff cow")
    assert not res.success
    assert res.error_in_exec._render_traceback_() == ["Error response from daemon: No such container: cow"]
    notes = [o.data.get("text/plain", "") for o in cap.outputs]
    assert any("Run All Above Selected Cell" in n for n in notes) and RESTART_NOTE in notes[0]
    res, cap = run(ip, "%docker diff cow")
    assert not cap.outputs                           # said once
    ip.run_line_magic("dockstore", "reset")
