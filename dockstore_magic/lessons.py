"""Run the lesson notebooks headless: ``python -m dockstore_magic.lessons [FOLDER] [--write]``.

Every notebook in FOLDER (default: ./notebooks) is executed top to bottom with nbclient on
the ``python3`` kernel, in its own folder; cells tagged ``raises-exception`` may fail (the
ones that fail on purpose, and the exercise cells).  One line per notebook says what ran;
``--write`` saves the fresh outputs back into the notebooks.  The exit status is 1 if any
notebook failed.

``--setup`` makes every IPython kernel of this user load the magics (and ``check``,
``solution``) at start, through a startup file in the IPython profile: a lesson's cell run
after a kernel restart then says how to get back instead of "%docker not found".

The kernels save their hosts in a temporary folder (``DOCKSTORE_HOME``), so every lesson
starts from an empty host and the student's own saved hosts are left alone."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def find_notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def run_notebook(path: Path, timeout: int = 600, kernel: str = "python3"):
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


STARTUP = """# Written by `python -m dockstore_magic.lessons --setup`: dockstore-magic's magics in every
# IPython kernel (registered directly, so that a lesson's `%load_ext dockstore_magic` stays
# silent).  Delete this file to undo.
__import__("dockstore_magic").load_ipython_extension(get_ipython())  # noqa: F821
"""


def setup_startup() -> Path:
    """Write the profile startup file that loads the magics in every kernel; its path."""
    from IPython.paths import get_ipython_dir
    path = Path(get_ipython_dir()) / "profile_default" / "startup" / "00-dockstore-magic.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STARTUP, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dockstore_magic.lessons", description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default="notebooks", help="folder of lesson notebooks")
    ap.add_argument("--write", action="store_true", help="save the executed outputs back")
    ap.add_argument("--timeout", type=int, default=600, help="seconds a cell may take")
    ap.add_argument("--setup", action="store_true",
                    help="load the magics in every IPython kernel (a profile startup file), then stop")
    args = ap.parse_args(argv)
    if args.setup:
        print(f"every IPython kernel now loads dockstore-magic's magics: {setup_startup()}")
        return 0
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"no lesson folder {folder} (run this from the repository root, or name the folder)",
              file=sys.stderr)
        return 2
    notebooks = find_notebooks(folder)
    if not notebooks:
        print(f"no notebooks in {folder}", file=sys.stderr)
        return 2
    os.environ.setdefault("COLUMNS", "80")
    previous = os.environ.get("DOCKSTORE_HOME")
    with tempfile.TemporaryDirectory(prefix="dockstore-lessons-") as home:
        os.environ["DOCKSTORE_HOME"] = home            # the kernels inherit it
        try:
            return _run_all(notebooks, args)
        finally:
            if previous is None:
                os.environ.pop("DOCKSTORE_HOME", None)
            else:
                os.environ["DOCKSTORE_HOME"] = previous


def _run_all(notebooks: list[Path], args) -> int:
    failed = 0
    for path in notebooks:
        t = time.perf_counter()
        try:
            nb = run_notebook(path, timeout=args.timeout)
        except Exception as e:  # nbclient's CellExecutionError carries the cell and traceback
            failed += 1
            first = str(e).strip().splitlines()
            print(f"FAILED  {path.name}: {first[-1] if first else type(e).__name__}")
            continue
        code = [c for c in nb.cells if c.cell_type == "code"]
        expected = sum(1 for c in code if "raises-exception" in c.metadata.get("tags", [])
                       and any(o.get("output_type") == "error" for o in c.get("outputs", [])))
        if args.write:
            import nbformat
            nbformat.write(nb, path)
        print(f"ok      {path.name}: {len(code)} code cells ran in {time.perf_counter() - t:.1f} s"
              + (f" ({expected} failing on purpose)" if expected else "")
              + (" — outputs saved" if args.write else ""))
    print(f"{len(notebooks) - failed} of {len(notebooks)} lessons ran without error")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
