"""Notebook tests: every lesson executed with nbclient on the ``python3`` kernel and
compared with its stored outputs; the Binder-equivalent environment test (marker ``slow``).

``slow`` tests run by default (CI runs them: they are part of the done criteria); deselect
them locally with ``-m "not slow"``."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:          # nbcompare, whatever pytest's import mode
    sys.path.insert(0, str(HERE))

_MARKERS = {
    "slow": "takes minutes (builds a fresh virtual environment); runs in CI, "
            "deselect with -m 'not slow'",
}


def pytest_configure(config):
    for name, doc in _MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {doc}")


@pytest.fixture
def kernel_env(monkeypatch):
    """The environment the kernel inherits: 80 columns, and internal errors of the engine
    shown with their traceback instead of one line."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("DOCKSTORE_DEBUG", "1")
    return os.environ
