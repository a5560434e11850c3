"""Shared pytest setup: markers that skip when a tool is missing, and the real-engine fixtures.

Markers (declared in pyproject.toml, registered here too so a run from another rootdir
still knows them):

- ``requires_docker``: skipped unless a Docker Engine answers ``/usr/bin/docker info``
  (``$DOCKER_HOST`` honoured; probed once per session).
- ``requires_dot``: skipped unless graphviz's ``dot`` is on PATH.
- ``requires_containerd``: skipped unless ``containerd`` and ``ctr`` are on PATH and the tests
  run as root (they start a private containerd).

Fixtures: ``busybox_tar`` (the deterministic rootfs tarball, built once per session),
``real_docker`` (a :class:`support.realdocker.RealDocker` that cleans up at session end)
and ``real_busybase`` (that tarball imported once as ``dsm-busybase:1``).
"""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # `support` is importable whatever pytest's import mode
    sys.path.insert(0, _HERE)

# Hermetic: no test reads or writes the user's saved hosts (dockstore_magic/persist).  Set
# before anything imports the package, and inherited by the kernels nbclient starts.
_TEST_HOME = tempfile.mkdtemp(prefix="dockstore-test-home-")
os.environ["DOCKSTORE_HOME"] = _TEST_HOME
atexit.register(shutil.rmtree, _TEST_HOME, True)

from support import rootfs as _rootfs  # noqa: E402
from support.realdocker import RealDocker, docker_status  # noqa: E402
from support.sim import Sim  # noqa: E402,F401  (the `sim` fixture; tests import it from support.sim)

BUSYBASE_REF = "dsm-busybase:1"

_MARKERS = {
    "requires_docker": "compares with a real Docker Engine; skipped where none is reachable",
    "requires_dot": "needs graphviz's dot program",
    "requires_containerd": "starts a private containerd (root, containerd and ctr on PATH)",
}


def pytest_configure(config):
    for name, doc in _MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {doc}")


def _skip_reason(marker_name: str) -> str | None:
    if marker_name == "requires_docker":
        ok, info = docker_status()
        return None if ok else info
    if marker_name == "requires_dot":
        return None if shutil.which("dot") else "graphviz's `dot` is not on PATH"
    if marker_name == "requires_containerd":
        if not (shutil.which("containerd") and shutil.which("ctr")):
            return "containerd and ctr are not on PATH (apt-get install containerd)"
        return None if os.geteuid() == 0 else "a private containerd needs root"
    return None


def _must_run(marker_name: str) -> bool:
    """In CI (DOCKSTORE_REQUIRE_DOCKER=1, set by .ci/run) a missing engine is a failure, not
    a skip: the comparisons with the real engine are the point of the run."""
    return marker_name == "requires_docker" and os.environ.get("DOCKSTORE_REQUIRE_DOCKER") == "1"


def pytest_collection_modifyitems(config, items):
    """``DOCKSTORE_TEST_ORDER=reverse``: the tests in the reverse of their usual order (a
    test that only passes after another one has run shows up; tests/unit/test_test_order.py)."""
    if os.environ.get("DOCKSTORE_TEST_ORDER") == "reverse":
        items.reverse()


def pytest_runtest_setup(item):
    for name in _MARKERS:
        if item.get_closest_marker(name) is not None:
            reason = _skip_reason(name)
            if reason:
                if _must_run(name):
                    pytest.fail(f"{name}: {reason} (DOCKSTORE_REQUIRE_DOCKER=1)")
                pytest.skip(f"{name}: {reason}")


@pytest.fixture(scope="session")
def busybox_tar(tmp_path_factory) -> Path:
    """Path of the deterministic busybox rootfs tarball (see support/rootfs.py)."""
    if not _rootfs.find_busybox():
        pytest.skip("no busybox binary (apt-get install busybox-static)")
    return _rootfs.build_busybox_rootfs(tmp_path_factory.mktemp("rootfs") / "busybox-rootfs.tar")


@pytest.fixture(scope="session")
def real_docker(tmp_path_factory):
    """The reference engine; everything created through it is removed at session end."""
    ok, info = docker_status()
    if not ok:
        if _must_run("requires_docker"):
            pytest.fail(f"requires_docker: {info} (DOCKSTORE_REQUIRE_DOCKER=1)")
        pytest.skip(f"requires_docker: {info}")
    rd = RealDocker(workdir=tmp_path_factory.mktemp("docker-contexts"))
    yield rd
    rd.cleanup()


@dataclass(frozen=True)
class BusyBase:
    ref: str          # "dsm-busybase:1"
    id: str           # "sha256:<64 hex>" (differs per import: the config has a timestamp)
    tar: Path         # the tarball that was imported
    tar_digest: str   # "sha256:<hex>" of the tarball == the layer's diffID
    import_output: str


@pytest.fixture(scope="session")
def real_busybase(real_docker, busybox_tar) -> BusyBase:
    """``docker import <busybox_tar> dsm-busybase:1`` on the real engine, once per session."""
    r = real_docker.run("import", str(busybox_tar), BUSYBASE_REF)
    image_id = r.stdout.strip().splitlines()[-1]
    return BusyBase(BUSYBASE_REF, image_id, busybox_tar, _rootfs.sha256_file(busybox_tar), r.stdout)


# ---------------------------------------------------------------------------------------------
# The simulator

@pytest.fixture
def sim(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKSTORE_DEBUG", "1")   # a bug of ours must show its traceback
    return Sim(cwd=str(tmp_path))


@pytest.fixture
def sim_busybase(sim, busybox_tar):
    """The simulator with the busybox rootfs imported as dsm-busybase:1 (as on the real side)."""
    sim.engine.host.share(str(busybox_tar.parent))     # the client reads it on the host
    r = sim.docker(["import", str(busybox_tar), BUSYBASE_REF], check=True)
    return sim
