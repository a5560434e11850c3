"""Docker's storage documentation, example by example (the examples are data:
``storage_examples.py``), on a fresh simulated engine whose notebook folder is the test's
temporary folder; and the examples that are not simulated, each refused in one honest line
and listed in the README's "Not simulated"."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storage_examples import EXAMPLES, NOT_SIMULATED  # noqa: E402

README = Path(__file__).resolve().parents[2] / "README.md"


def _host(sim, nb: str, line: str):
    """The line typed in a terminal on the Docker host, standing in the notebook folder."""
    return sim.host(f"cd {nb}\n{line.replace('{nb}', nb)}")


def _check(step, r, nb: str, where: str) -> None:
    shown = f"{where}\n$ {step.line}\n(exit {r.exit_code})\n--- stdout\n{r.stdout}--- stderr\n{r.stderr}"
    if step.rc is not None:
        assert r.exit_code == step.rc, shown
    for s in step.out:
        assert s.replace("{nb}", nb) in r.stdout, f"missing {s!r} in stdout: {shown}"
    for s in step.err:
        assert s.replace("{nb}", nb) in r.stderr, f"missing {s!r} in stderr: {shown}"
    for s in step.no_out:
        assert s.replace("{nb}", nb) not in r.stdout, f"unexpected {s!r} in stdout: {shown}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.page}:{e.name}")
def test_documentation_example(example, sim, tmp_path):
    nb = str(tmp_path)
    for i, step in enumerate(example.steps):
        _check(step, _host(sim, nb, step.line), nb, f"{example.page} {example.name} step {i + 1}")


def test_every_page_has_examples():
    pages = {e.page for e in EXAMPLES} | {r.page for r in NOT_SIMULATED}
    assert pages >= {"volumes.md", "bind-mounts.md", "tmpfs.md", "drivers/_index.md",
                     "drivers/select-storage-driver.md", "drivers/overlayfs-driver.md",
                     "drivers/vfs-driver.md", "containerd.md", "image-mounts.md"}
    names = [f"{e.page}:{e.name}" for e in EXAMPLES] + [f"{r.page}:{r.name}" for r in NOT_SIMULATED]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", NOT_SIMULATED, ids=lambda r: f"{r.page}:{r.name}")
def test_not_simulated_is_refused_in_one_line(case, sim, tmp_path):
    nb = str(tmp_path)
    for line in case.setup:
        r = _host(sim, nb, line)
        assert r.exit_code == 0, r.stderr
    before = sim.docker("ps -a -q").stdout, sim.docker("volume ls -q").stdout
    r = _host(sim, nb, case.line)
    assert r.exit_code == case.rc, (r.exit_code, r.stdout, r.stderr)
    if case.where == "status":
        # the daemon refuses its configuration at start; `systemctl status` says why
        assert "Job for docker.service failed" in r.stderr
        status = _host(sim, nb, "systemctl status docker").stdout
        assert case.answer in status
        return
    assert case.answer in r.stderr, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if "not simulated" in ln or "not found" in ln]
    assert len(lines) == 1, r.stderr
    after = sim.docker("ps -a -q").stdout, sim.docker("volume ls -q").stdout
    assert after == (before[0], "".join(sorted(before[1].splitlines(True) + [v + "\n" for v in case.creates])))


def test_readme_lists_what_is_not_simulated():
    """The README's "Not simulated" names every refused example's reason."""
    text = README.read_text()
    section = re.search(r"### Not simulated\n(.*?)(\n## |\n### |\Z)", text, re.S)
    assert section, "README: no '### Not simulated' section under '## Fidelity'"
    body = " ".join(section.group(1).split())
    for case in NOT_SIMULATED:
        assert case.reason in body, f"README 'Not simulated' lacks: {case.reason}"
