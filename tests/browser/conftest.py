"""Browser tests: JupyterLab on loopback, driven by Playwright in Debian's headless Chromium.

Marker ``requires_browser``: skipped unless ``chromium`` (or ``$DOCKSTORE_CHROMIUM``), the
``jupyterlab`` and ``playwright`` Python packages are all there.  With
``DOCKSTORE_REQUIRE_BROWSER=1`` (CI) a missing piece fails the test instead.

Nothing is downloaded: Playwright drives the system's Chromium (``executable_path``), never
a browser build of its own (so no ``playwright install``)."""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

MARKER = "requires_browser"
ARTIFACTS = Path(os.environ.get("DOCKSTORE_ARTIFACTS") or Path(__file__).parent / "artifacts")


def chromium_path() -> str | None:
    env = os.environ.get("DOCKSTORE_CHROMIUM")
    if env:
        return env if os.path.exists(env) else None
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None


def missing() -> list[str]:
    out = []
    if chromium_path() is None:
        out.append("chromium (apt-get install chromium)")
    for mod, pkg in (("jupyterlab", "jupyterlab"), ("playwright", "playwright")):
        if importlib.util.find_spec(mod) is None:
            out.append(f"{pkg} (pip install {pkg})")
    return out


def pytest_configure(config):
    config.addinivalue_line(
        "markers", f"{MARKER}: runs JupyterLab in headless Chromium; skipped when chromium, "
                   "jupyterlab or playwright is missing (fails with DOCKSTORE_REQUIRE_BROWSER=1)")


def pytest_runtest_setup(item):
    if item.get_closest_marker(MARKER) is None:
        return
    gone = missing()
    if not gone:
        return
    msg = "browser test needs " + ", ".join(gone)
    if os.environ.get("DOCKSTORE_REQUIRE_BROWSER") == "1":
        pytest.fail(msg + " (DOCKSTORE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(msg)


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
