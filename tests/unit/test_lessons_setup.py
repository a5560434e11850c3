"""`python -m dockstore_magic.lessons --setup`: a profile startup file that loads the magics,
and `check`/`solution`, in every kernel — so a cell run after a kernel restart never meets a
NameError for the lesson's names."""
from __future__ import annotations

import os
import subprocess
import sys


def test_setup_writes_a_startup_file_that_loads_the_magics(tmp_path, monkeypatch):
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path))
    from dockstore_magic import lessons
    assert lessons.main(["--setup"]) == 0
    path = tmp_path / "profile_default" / "startup" / "00-dockstore-magic.py"
    assert "load_ipython_extension" in path.read_text()
    # a fresh IPython (a restarted kernel) has the magics, check and solution, no %load_ext
    code = ("ip = get_ipython(); print(sorted(m for m in ('docker', 'host') if m in ip.magics_manager.magics['line']));"
            "print(check, solution.__name__)")
    out = subprocess.run([sys.executable, "-m", "IPython", "--no-banner", "-c", code],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "IPYTHONDIR": str(tmp_path)})
    assert "['docker', 'host']" in out.stdout, out.stdout + out.stderr
    assert "<check:" in out.stdout and "solution" in out.stdout


def _finishing_in_reverse(path, timeout, write):
    """A stand-in for lessons._run_one: the first notebook takes longest, so with several
    jobs the notebooks finish in the reverse order."""
    import time
    time.sleep(0.3 - 0.1 * int(path.stem))
    return path.stem != "1", f"line of {path.name} in {os.getpid()}"


def test_jobs_run_notebooks_side_by_side_and_report_in_their_order(tmp_path, monkeypatch, capsys):
    from dockstore_magic import lessons
    for n in range(3):
        (tmp_path / f"{n}.ipynb").write_text("{}")
    monkeypatch.setattr(lessons, "_run_one", _finishing_in_reverse)
    for jobs in ("1", "3"):
        assert lessons.main([str(tmp_path), "--jobs", jobs]) == 1      # notebook 1 "failed"
        lines = capsys.readouterr().out.splitlines()
        assert [line.split(" in ")[0] for line in lines[:3]] == \
            ["line of 0.ipynb", "line of 1.ipynb", "line of 2.ipynb"]
        pids = {line.rsplit(" ", 1)[1] for line in lines[:3]}
        if jobs == "1":
            assert pids == {str(os.getpid())}
        else:                                   # in processes of their own, side by side
            assert str(os.getpid()) not in pids and len(pids) > 1
        assert lines[3].startswith("2 of 3 lessons ran without error") and f"({jobs} at a time)" in lines[3]
