"""The lessons as a student works through them: each exercise cell gets, in turn, the right
answer and typical wrong ones (fixtures beside the lessons, ``notebooks/answers/*.json``),
and the whole notebook is executed with nbclient every time.

For every run: every code cell ran (the notebook reached its end: an exercise can never
break the cells after it), and each exercise's check answers ✅ for the right answer or the
❌ that names that very mistake.  Each cell of the right answer is run twice in a row, as a
student who runs a cell again would: the second run may fail (a name already in use), and
the check must still say ✅.

Run k puts the k-th answer of every exercise into the lesson (the right one, k = 0, where an
exercise has fewer): one execution per answer, not per exercise and answer.  Marked
``slow`` (a few minutes): it runs in CI."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from nbcompare import NOTEBOOKS, code_cells, stripped

pytestmark = pytest.mark.slow

ANSWERS = NOTEBOOKS / "answers"


def fixtures() -> list[Path]:
    return sorted(ANSWERS.glob("*.json"))


def _runs():
    for path in fixtures():
        doc = json.loads(path.read_text(encoding="utf-8"))
        n = max(len(v) for v in doc["exercises"].values())
        for k in range(n):
            yield pytest.param(doc, k, id=f"{path.stem}-answer{k}")


def exercise_key(cell) -> str | None:
    return cell.get("metadata", {}).get("dockstore", {}).get("exercise")


def with_answers(nb, doc, k: int):
    """A copy of ``nb`` (outputs stripped) whose exercise cells hold answer ``k`` of each
    exercise (its cells in place of the exercise cell; the right answer's cells twice)."""
    fresh = stripped(nb)
    cells = []
    for cell in fresh.cells:
        key = exercise_key(cell)
        if key is None:
            cells.append(cell)
            continue
        answers = doc["exercises"][key]
        answer = answers[k] if k < len(answers) else answers[0]
        twice = 2 if answer["expect"] == "✅" else 1        # each cell run again at once
        for src in [src for src in answer["cells"] for _ in range(twice)]:
            new = new_code_cell(src)
            new.metadata = copy.deepcopy(cell.metadata)
            cells.append(new)
    fresh.cells = cells
    return fresh


def check_output(nb, key: str) -> str:
    """What the exercise's check cell (``check("key"…)``, not a demo) printed."""
    for cell in code_cells(nb):
        src = cell.source.strip()
        if src.startswith(f'check("{key}"') and "demo=True" not in src:
            texts = [o["data"]["text/plain"] for o in cell.outputs
                     if o["output_type"] == "execute_result" and "text/plain" in o.get("data", {})]
            assert texts, f"the check of {key} printed nothing"
            return texts[-1]
    raise AssertionError(f"no check cell for {key}")


@pytest.mark.parametrize("doc,k", list(_runs()))
def test_a_student_answer_never_breaks_the_lesson_and_gets_its_own_feedback(doc, k, kernel_env, tmp_path):
    from nbclient import NotebookClient
    from dockstore_magic.exercises import EXERCISES
    path = NOTEBOOKS / doc["notebook"]
    nb = with_answers(nbformat.read(path, as_version=4), doc, k)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()                      # a failing cell not tagged raises-exception fails here
    not_run = [c.source.splitlines()[0] for c in code_cells(nb) if c.execution_count is None]
    assert not not_run, f"cells that never ran: {not_run}"
    wrong = []
    for key, answers in doc["exercises"].items():
        answer = answers[k] if k < len(answers) else answers[0]
        text = check_output(nb, key)
        head = text.splitlines()[0]
        want = f"{answer['expect']} {EXERCISES[key].heading}"
        if head != want or answer.get("says", "") not in text:
            wrong.append(f"{key} with {answer['answer']!r}: expected {want!r}"
                         + (f" saying {answer['says']!r}" if answer.get("says") else "")
                         + f", got:\n{text}")
    assert not wrong, "\n\n".join(wrong)


def test_every_exercise_has_a_right_answer_and_two_typical_mistakes():
    from dockstore_magic.exercises import EXERCISES
    seen = {}
    for path in fixtures():
        doc = json.loads(path.read_text(encoding="utf-8"))
        nb = nbformat.read(NOTEBOOKS / doc["notebook"], as_version=4)
        in_nb = {exercise_key(c) for c in nb.cells} - {None}
        assert in_nb == set(doc["exercises"]), f"{path.name}: exercise cells {in_nb}"
        seen.update(doc["exercises"])
    assert set(seen) == set(EXERCISES)
    for key, answers in seen.items():
        assert answers[0]["expect"] == "✅", key
        mistakes = [a for a in answers[1:] if a["expect"] == "❌" and a.get("says")]
        assert len(mistakes) >= 2 and len(mistakes) == len(answers) - 1, key
