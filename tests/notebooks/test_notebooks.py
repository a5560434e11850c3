"""The lessons: each notebook executed from scratch with nbclient on the ``python3`` kernel
must print exactly its stored outputs (see nbcompare for the little that is normalised),
the cells tagged ``raises-exception`` must fail and no other; plus the lessons' structure:
a seeded start, every exercise with its cell, its check and a folded solution, working links,
and README launch badges that point at notebooks that exist."""
from __future__ import annotations

import re

import nbformat
import pytest

from nbcompare import (BINDER, NOTEBOOKS, RAISES, ROOT, code_cells, differences, execute,
                       has_error, launch_link_targets, lesson_paths, readme_launch_links, tags)

LESSONS = ["00-index", "01-where-docker-keeps-data", "02-layers-and-build-cache",
           "03-container-layer-copy-on-write", "04-volumes", "05-bind-mounts",
           "06-storage-drivers"]


def _read(path):
    return nbformat.read(path, as_version=4)


# ------------------------------------------------------------------------ execution
# Pictures drawn differently (no dot, other fonts) are left out of the comparison (nbcompare)
@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_lesson_prints_its_stored_outputs(path, kernel_env):
    stored, fresh = execute(path)
    problems = differences(stored, fresh)
    if problems:
        pytest.fail(f"{path.name}: the outputs changed (stored vs fresh run; regenerate with "
                    f"`python -m dockstore_magic.lessons --write` if the change is right)\n\n"
                    + "\n\n".join(problems), pytrace=False)


# ------------------------------------------------------------------------ structure
def test_the_index_and_six_lessons_are_there():
    assert [p.stem for p in lesson_paths()] == LESSONS


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_lesson_is_stored_executed_with_a_reproducible_start(path):
    nb = _read(path)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    cells = code_cells(nb)
    first = cells[0].source
    assert first.startswith("%load_ext dockstore_magic\n%dockstore reset --seed ")
    assert "--clock 2026-01-01T09:00:00Z" in first.splitlines()[1]
    # a lesson empties a host of its own, never the student's `default` (issue 13)
    assert first.splitlines()[1].endswith(f" --host lesson-{path.stem[:2]}"), first.splitlines()[1]
    for i, cell in enumerate(cells):
        assert cell.execution_count == i + 1, f"cell {i} not executed in order: run `--write`"
        if "exercise" not in tags(cell):
            assert has_error(cell) == (RAISES in tags(cell)), f"cell {i}: error output vs tag"


def _results(cell) -> list[str]:
    return [o["data"]["text/plain"] for o in cell.outputs
            if o["output_type"] == "execute_result" and "text/plain" in o.get("data", {})]


def test_every_exercise_has_a_cell_a_check_and_a_folded_solution():
    """Each exercise: a cell for the student's work (tagged ``exercise`` and
    ``raises-exception``, so that a failing attempt does not stop Run All), then its check —
    stored failing, as a fresh notebook is — and ``solution("key")``, whose stored output is
    folded and shows the check passing after the solution."""
    from dockstore_magic.exercises import EXERCISES
    seen = {key: {"exercise": 0, "check": [], "solution": []} for key in EXERCISES}
    for path in lesson_paths():
        for cell in code_cells(_read(path)):
            key = cell.get("metadata", {}).get("dockstore", {}).get("exercise")
            if key is not None:
                assert key in EXERCISES and {"exercise", RAISES} <= set(tags(cell)), path.name
                seen[key]["exercise"] += 1
            for key in re.findall(r'check\("([\w.]+)"', cell.source):
                assert key in EXERCISES, f"{path.name} checks an unknown exercise {key!r}"
                assert LESSONS[EXERCISES[key].lesson] == path.stem, f"{key} is checked in {path.name}"
                seen[key]["check"] += [text.splitlines()[0] for text in _results(cell)]
            for key in re.findall(r'^solution\("([\w.]+)"\)$', cell.source):
                assert "solution" in tags(cell)
                html = [o["data"].get("text/html", "") for o in cell.outputs if "data" in o]
                assert html and html[0].startswith("<details>"), f"{key}: the solution is not folded"
                seen[key]["solution"] += [text for text in _results(cell)]
    for key, got in seen.items():
        heading = EXERCISES[key].heading
        assert got["exercise"] == 1, f"{key}: {got['exercise']} exercise cells"
        assert f"❌ {heading}" in got["check"], f"{key}: no stored ❌ feedback"
        assert len(got["solution"]) == 1 and f"✅ {heading}" in got["solution"][0].splitlines(), \
            f"{key}: the solution does not pass"


def test_links_between_notebooks_resolve():
    for path in lesson_paths():
        for cell in _read(path).cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]+\.ipynb)\)", cell.source):
                if target.startswith("https://"):
                    found = launch_link_targets([target])[0]
                else:
                    found = NOTEBOOKS / target
                assert found.is_file(), f"{path.name} links to missing {target}"


def test_the_index_says_what_each_lesson_covers_and_how_long_it_takes():
    text = "\n".join(c.source for c in _read(NOTEBOOKS / "00-index.ipynb").cells
                     if c.cell_type == "markdown")
    for stem in LESSONS[1:]:
        row = next((line for line in text.splitlines() if f"]({stem}.ipynb)" in line), None)
        assert row is not None, f"the index does not link {stem}"
        assert re.search(r"\| \d+ min \|", row), f"no duration for {stem}"
        assert f"{BINDER}{stem}.ipynb" in row


# ------------------------------------------------------------------------ Binder config
def test_readme_has_a_launch_badge_per_notebook_and_each_points_at_a_notebook():
    targets = launch_link_targets(readme_launch_links())
    for target in targets:
        assert target.is_file(), f"launch link to missing {target.relative_to(ROOT)}"
    assert sorted(t.stem for t in targets) == LESSONS


def test_binder_files():
    binder = ROOT / "binder"
    reqs = [l.strip() for l in (binder / "requirements.txt").read_text().splitlines()
            if l.strip() and not l.strip().startswith("#")]
    assert "." in reqs, "binder/requirements.txt must install the package itself ('.')"
    assert "graphviz" in (binder / "apt.txt").read_text().split()
    post = (binder / "postBuild").read_text()
    assert post.startswith("#!/bin/bash\n")
    assert "\nset -e" in post
    assert (binder / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
    assert not (ROOT / ".binder").exists(), "binder/ and .binder/ together are an error"
    # repo2docker picks its own default Python (3.10) without runtime.txt: pin the tested one,
    # a version pyproject admits and CI runs (.ci/run checks that it runs this one)
    pin = (binder / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", pin), pin
    version = pin.removeprefix("python-")
    assert f"Programming Language :: Python :: {version}" in (ROOT / "pyproject.toml").read_text()
