"""Execute a notebook and compare its outputs with the stored ones, in the style of
nbclient's own test helper (tests/test_client.py): strip the outputs, execute, normalise
both sides, compare cell by cell.

Only what is truly volatile is normalised:

* the order of stdout and stderr within a run of stream outputs (the kernel flushes the
  two streams independently), and how a stream is split into chunks;
* memory addresses (``0x7f…``), widget model IDs and ANSI colour codes.

The engine is deterministic under the lessons' fixed seed and clock, so IDs, sizes and
dates are compared as they are.

Pictures are the one thing that depends on the machine: graphviz's ``dot`` lays out the
stored diagrams with the fonts the machine has (each graphviz SVG starts with a
``dot text metrics:`` fingerprint of them), and without ``dot`` the package draws a
simplified picture and says so in one line.  Pictures are compared byte for byte when the
stored and the fresh run drew them the same way (same fingerprint, or both without dot);
otherwise the comparison leaves the pictures (``image/*`` data) and the missing-``dot``
line out and compares everything else, text included."""
from __future__ import annotations

import copy
import difflib
import re
import urllib.parse
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "notebooks"
BINDER = ("https://mybinder.org/v2/gh/dockstore-magic/dockstore-magic/main"
          "?urlpath=%2Fdoc%2Ftree%2Fnotebooks%2F")

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HEXADDR = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
RAISES = "raises-exception"
METRICS = re.compile(r"<!-- dot text metrics: (\S+) -->")
#: The line a drawing's text carries when ``dot`` is missing (diagram/text_render.py NO_DOT,
#: in brackets for the layer diagram, or as the first line of other drawings).
NO_DOT_LINE = re.compile(r"^\[?graphviz's `dot` program was not found.*\n?", re.M)


def normalise_text(text: str) -> str:
    return HEXADDR.sub("<HEXADDR>", ANSI.sub("", text))


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def normalise_outputs(outputs, exact_pictures: bool = True) -> list[dict]:
    """The outputs of one cell, normalised: each run of stream outputs becomes one entry
    holding all of its stdout and all of its stderr.  Without ``exact_pictures``, rich
    outputs lose their ``image/*`` data and the missing-``dot`` line."""
    result: list[dict] = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            if not result or result[-1]["output_type"] != "stream":
                result.append({"output_type": "stream", "stdout": "", "stderr": ""})
            result[-1][out["name"]] += normalise_text(_text(out["text"]))
        elif kind in ("execute_result", "display_data"):
            data = {}
            for mime, value in out["data"].items():
                if not exact_pictures and mime.startswith("image/"):
                    continue
                if not exact_pictures and mime == "text/plain":
                    value = NO_DOT_LINE.sub("", _text(value))
                if mime == WIDGET_MIME:
                    value = {**value, "model_id": "<MODEL_ID>"}
                elif isinstance(value, (str, list)):
                    value = normalise_text(_text(value))
                data[mime] = value
            result.append({"output_type": kind, "data": data})
        elif kind == "error":
            result.append({"output_type": "error", "ename": out["ename"],
                           "evalue": normalise_text(out["evalue"]),
                           "traceback": [normalise_text(line) for line in out["traceback"]]})
        else:                                                   # pragma: no cover
            result.append({"output_type": kind})
    return result


def render(outputs: list[dict]) -> list[str]:
    """Normalised outputs as lines of text, for a readable diff."""
    lines: list[str] = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            for name in ("stdout", "stderr"):
                if out[name]:
                    lines.append(f"[{name}]")
                    lines += out[name].splitlines()
        elif kind == "error":
            lines.append(f"[error] {out['ename']}: {out['evalue']}")
            lines += out["traceback"]
        else:
            for mime in sorted(out["data"]):
                lines.append(f"[{kind} {mime}]")
                value = out["data"][mime]
                lines += (value if isinstance(value, str) else repr(value)).splitlines()
    return lines


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def has_error(cell) -> bool:
    return any(o["output_type"] == "error" for o in cell.get("outputs", []))


def stripped(nb):
    """A copy of ``nb`` without outputs, ready to execute."""
    fresh = copy.deepcopy(nb)
    for cell in code_cells(fresh):
        cell.outputs = []
        cell.execution_count = None
    return fresh


def execute(path: Path, kernel_name: str = "python3", timeout: int = 600, cwd: Path | None = None):
    """Execute the notebook at ``path`` from scratch, in ``cwd`` (default: its own folder)
    as ``python -m dockstore_magic.lessons`` does.  Returns (stored, fresh)."""
    from nbclient import NotebookClient
    stored = nbformat.read(path, as_version=4)
    fresh = stripped(stored)
    client = NotebookClient(fresh, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(cwd or path.parent)}})
    client.execute()
    return stored, fresh


def _label(index: int, cell) -> str:
    first = (cell.source.strip().splitlines() or [""])[0]
    return f"code cell {index} ({first[:60]})"


def drawn_by(cell) -> list[str]:
    """How each picture of a cell was drawn: dot's text-metrics fingerprint, or "python"."""
    found = []
    for out in cell.get("outputs", []):
        svg = out.get("data", {}).get("image/svg+xml")
        if svg is not None:
            m = METRICS.search(_text(svg))
            found.append(m.group(1) if m else "python")
    return found


def differences(stored, fresh, exact_pictures: bool | None = None) -> list[str]:
    """Readable differences between the stored and the fresh outputs ([] when equal); also
    checks that exactly the cells tagged raises-exception fail.  ``exact_pictures``:
    compare pictures byte for byte (default: in each cell where both runs drew them alike)."""
    problems: list[str] = []
    a, b = code_cells(stored), code_cells(fresh)
    if [c.source for c in a] != [c.source for c in b]:
        return ["the notebooks do not have the same code cells"]
    for i, (old, new) in enumerate(zip(a, b)):
        label = _label(i, old)
        expect_error = RAISES in tags(old)
        may_pass = "exercise" in tags(old)     # a student's cell: tagged so Run All goes on
        for which, cell in (("stored", old), ("fresh", new)):
            if expect_error and not has_error(cell) and not may_pass:
                problems.append(f"{label}: tagged {RAISES} but the {which} run did not fail")
            if not expect_error and has_error(cell):
                problems.append(f"{label}: the {which} run failed (tag the cell {RAISES} if "
                                "that is on purpose)")
        exact = drawn_by(old) == drawn_by(new) if exact_pictures is None else exact_pictures
        n_old = normalise_outputs(old.outputs, exact)
        n_new = normalise_outputs(new.outputs, exact)
        if n_old != n_new:
            diff = difflib.unified_diff(render(n_old), render(n_new), fromfile=f"stored: {label}",
                                        tofile=f"fresh:  {label}", lineterm="", n=2)
            problems.append("\n".join(diff))
    return problems


def lesson_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))


# ------------------------------------------------------------------------ launch links
def readme_launch_links() -> list[str]:
    """The Binder links of the README's '## Lessons' section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Lessons\n", 1)
    assert len(section) == 2, "README has no '## Lessons' section"
    return re.findall(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)", section[1])


def launch_link_targets(links) -> list[Path]:
    """The files the Binder links open (``?urlpath=/doc/tree/<path>``)."""
    targets = []
    for link in links:
        assert link.startswith(BINDER), f"unexpected launch link {link}"
        urlpath = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["urlpath"][0]
        assert urlpath.startswith("/doc/tree/"), link
        targets.append(ROOT / urlpath[len("/doc/tree/"):])
    return targets
