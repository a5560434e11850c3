"""Property-based tests (Hypothesis): generated docker command lines, Dockerfiles and shell
scripts against the simulator, checked for internal errors and for storage invariants.

Bounded for CI: each test runs a fixed number of examples (``EXAMPLES``), with no deadline and
``derandomize=True``, so a run is deterministic and takes a few minutes at most.  For a long
search, ``DOCKSTORE_PROPERTY_EXAMPLES=N`` raises every test's count to N and turns
derandomization off; vary ``--hypothesis-seed`` between chunks of such a run.
"""
from __future__ import annotations

import os
import sys

import pytest

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)



@pytest.fixture(autouse=True)
def _user_mode(monkeypatch):
    """Run as a user does (no DOCKSTORE_DEBUG): internal errors are then caught and reported,
    and the property checks find them in the output and the log."""
    monkeypatch.delenv("DOCKSTORE_DEBUG", raising=False)
