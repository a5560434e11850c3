"""Run the lesson notebooks headless: ``python -m dockstore_magic.lessons [FOLDER] [--write]``.

Every notebook in FOLDER (default: ./notebooks) is executed top to bottom with nbclient on
the ``python3`` kernel, in its own folder; cells tagged ``raises-exception`` may fail (the
ones that fail on purpose, and the exercise cells).  One line per notebook says what ran;
``--write`` saves the fresh outputs back into the notebooks.  The exit status is 1 if any
notebook failed.  ``--jobs N`` runs N notebooks at a time, each with its own kernel in a
process of its own (default: one per core); the lines come out in the notebooks' order all
the same.

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
    # ipykernel 7 logs a warning at each start of a kernel over TCP ("Kernel is running over
    # TCP without encryption"): seven of them in a run that is all local; its errors stay
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
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
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                    help="notebooks run at a time, each on its own kernel (default: the number of cores)")
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


def _run_one(path: Path, timeout: int, write: bool) -> tuple[bool, str]:
    """Execute one notebook (and save it with ``write``): (ok, its line of the report)."""
    t = time.perf_counter()
    try:
        nb = run_notebook(path, timeout=timeout)
    except Exception as e:  # nbclient's CellExecutionError carries the cell and traceback
        if getattr(e, "ename", None):     # the error's own line, not the report's frame
            why = f"{e.ename}: {str(e.evalue).strip().splitlines()[-1] if e.evalue else ''}"
        else:
            lines = str(e).strip().splitlines()
            why = lines[-1] if lines else type(e).__name__
        return False, f"FAILED  {path.name}: {why}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    expected = sum(1 for c in code if "raises-exception" in c.metadata.get("tags", [])
                   and any(o.get("output_type") == "error" for o in c.get("outputs", [])))
    if write:
        import nbformat
        nbformat.write(nb, path)
    return True, (f"ok      {path.name}: {len(code)} code cells ran in {time.perf_counter() - t:.1f} s"
                  + (f" ({expected} failing on purpose)" if expected else "")
                  + (" — outputs saved" if write else ""))


def _code_lines(path: Path) -> int:
    """Non-blank code lines of a notebook: how long it runs, roughly (0 for a file that is
    no notebook: running it reports why)."""
    import nbformat
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return 0
    return sum(1 for c in nb.cells if c.cell_type == "code"
               for line in c.source.splitlines() if line.strip())


def _run_all(notebooks: list[Path], args) -> int:
    """Run the notebooks, ``args.jobs`` at a time (each in a process of its own: nbclient and
    its kernel share nothing with the others), the longest first, so that no long lesson
    starts last while the other workers idle; print each line as soon as it and every line
    before it are known, so the report reads in the notebooks' order."""
    t = time.perf_counter()
    jobs = max(1, min(args.jobs, len(notebooks)))
    if jobs == 1:
        results = (_run_one(p, args.timeout, args.write) for p in notebooks)
        pool = None
    else:
        from concurrent.futures import ProcessPoolExecutor
        pool = ProcessPoolExecutor(max_workers=jobs)
        futures = {p: pool.submit(_run_one, p, args.timeout, args.write)
                   for p in sorted(notebooks, key=_code_lines, reverse=True)}
        results = (futures[p].result() for p in notebooks)
    failed = 0
    try:
        for ok, line in results:
            failed += not ok
            print(line, flush=True)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    print(f"{len(notebooks) - failed} of {len(notebooks)} lessons ran without error "
          f"in {time.perf_counter() - t:.1f} s ({jobs} at a time)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
