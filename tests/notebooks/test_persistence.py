"""The Docker host outlives the kernel, in real kernels (nbclient): a kernel restarted
between two cells finds its images, containers (stopped), volumes and their files as
before; a second notebook (another kernel) sees and changes the same host.

Fixtures: ``fixtures/host-outlives-kernel.ipynb`` (the kernel is restarted before a cell
tagged ``restart-kernel-before``) and ``fixtures/second-notebook.ipynb``."""
from __future__ import annotations

import contextlib
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.util import run_sync

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")


def _tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


@contextlib.contextmanager
def kernel(name: str, folder: Path):
    nb = nbformat.read(FIXTURES / name, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    with client.setup_kernel():
        yield nb, client


def run_cells(nb, client, cells=None) -> None:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or (cells is not None and i not in cells):
            continue
        if "restart-kernel-before" in _tags(cell):
            run_sync(client.km.restart_kernel)(now=True)
            run_sync(client.kc.wait_for_ready)(timeout=120)
        client.execute_cell(cell, i)


@pytest.fixture
def home(tmp_path, kernel_env, monkeypatch):
    monkeypatch.setenv("DOCKSTORE_HOME", str(tmp_path / "home"))   # kernels inherit it
    return tmp_path


def test_a_restarted_kernel_finds_the_host_as_it_was(home):
    with kernel("host-outlives-kernel.ipynb", home) as (nb, client):
        run_cells(nb, client)
        before, after = [_text(c) for c in nb.cells if "check" in _tags(c)]
        restarted = next(c for c in nb.cells if "restart-kernel-before" in _tags(c))
        assert f"saved in {home / 'home' / 'hosts' / 'default'}" in _text(restarted)
    assert "kept\n" in before and "A /data\nC /etc\nA /etc/motd\n" in before
    # the running container comes back stopped, as after a reboot (moby daemon restore)
    assert " server running Up " in before
    assert " server exited Exited (255) " in after
    same = lambda text: [l for l in text.splitlines() if " server " not in l]     # noqa: E731
    assert same(after) == same(before)          # images, writer, volumes, files, diff


def test_a_second_notebook_sees_and_changes_the_same_host(home):
    with kernel("host-outlives-kernel.ipynb", home) as (nb1, k1):
        run_cells(nb1, k1, cells={1, 2})                                # builds the host
        with kernel("second-notebook.ipynb", home) as (nb2, k2):
            run_cells(nb2, k2)
            seen = _text(nb2.cells[1])
            # the first kernel is alive: its running container still runs (no reboot)
            assert "writer exited\n" in seen and "server running\n" in seen
            assert seen.endswith("data\n")
        listing = nbformat.v4.new_code_cell("%docker volume ls -q")
        nb1.cells.append(listing)
        k1.execute_cell(listing, len(nb1.cells) - 1)
        assert _text(listing) == "data\nfrom-the-second-notebook\n"


def test_cells_run_again_after_a_restart_print_the_same(home):
    """A lesson's first cell empties its host: after a kernel restart, running the cells
    again from the top rebuilds the host as it was, without 'name already in use'."""
    with kernel("host-outlives-kernel.ipynb", home) as (nb, client):
        run_cells(nb, client, cells={1, 2, 3})
        first = [_text(nb.cells[i]) for i in (2, 3)]
        run_sync(client.km.restart_kernel)(now=True)
        run_sync(client.kc.wait_for_ready)(timeout=120)
        run_cells(nb, client, cells={1, 2, 3})
        assert [_text(nb.cells[i]) for i in (2, 3)] == first
        assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_restart_policies_decide_what_a_restarted_kernel_finds_running(home):
    """A kernel restart reboots the simulated host: `always` comes back running, an
    `unless-stopped` container the user had stopped stays stopped, and a container in its
    restart loop starts anew (its command runs once more, RestartCount from 0)."""
    with kernel("restart-policies.ipynb", home) as (nb, client):
        run_cells(nb, client)
        before, after = [_text(c).splitlines() for c in nb.cells if "check" in _tags(c)]
    assert before[:2] == ["/web running 0 always", "/worker exited 0 unless-stopped"]
    assert before[2].startswith("/ticker restarting ") and before[2].endswith(" always")
    ticks = int(before[2].split()[2])
    assert ticks > 1 and before[3] == str(ticks)             # one line per run
    assert after == ["/web running 0 always", "/worker exited 0 unless-stopped",
                     "/ticker restarting 1 always", str(ticks + 1)]
