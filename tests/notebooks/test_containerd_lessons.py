"""Every lesson also runs on the containerd image store (``DOCKSTORE_IMAGE_STORE=containerd``,
the default of ``%dockstore reset``'s ``--image-store``) without an internal error of the
engine.  Commands may fail there — the lessons look into /var/lib/docker/overlay2 and
``.GraphDriver.Data``, which that store does not have, as Docker 29 would answer — but only
as Docker fails (CommandFailed) or as a magic refuses a setting (UsageError); NameError is a
later cell using what a failed cell did not define."""
from __future__ import annotations

import nbformat
import pytest

from nbcompare import lesson_paths, stripped

EXPECTED = {"CommandFailed", "UsageError", "NameError"}


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_lesson_runs_on_the_containerd_store(path, kernel_env, monkeypatch):
    from nbclient import NotebookClient
    monkeypatch.setenv("DOCKSTORE_IMAGE_STORE", "containerd")
    nb = stripped(nbformat.read(path, as_version=4))
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    problems = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error" and o["ename"] not in EXPECTED:
                problems.append(f"cell {i}: {o['ename']}: {o['evalue']}")
            if o.get("output_type") == "stream" and "internal error" in o.get("text", ""):
                problems.append(f"cell {i}: {o['text']}")
    assert problems == []
    # the store really was the containerd one
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "Storage Driver: overlay2" not in text
