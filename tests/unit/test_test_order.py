"""The tests that drive the process-wide session (``session.docker``) pass in any order.

A user's ``pytest tests/unit -x`` stopped at test_datamap's first test, which resets the
session's engine: such tests depended on what ran before them.  One such dependency seen
here: in test_diagram, a test that reset the session left the module fixture's engine stale,
and the next test using that fixture found none of its containers (with pytest-randomly,
``--randomly-seed=1``).  Now each test that wants its own engine takes its own session
(support/session_state.py).  This runs those modules backwards in a pytest of its own."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
MODULES = ("unit/test_diagram.py", "unit/test_datamap.py")


def test_session_tests_pass_in_reverse_order(tmp_path):
    env = dict(os.environ, DOCKSTORE_TEST_ORDER="reverse")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                        "-p", "no:randomly", "-o", "addopts=",
                        *(str(TESTS / m) for m in MODULES)],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert " passed" in r.stdout.splitlines()[-1]
