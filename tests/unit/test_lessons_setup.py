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
