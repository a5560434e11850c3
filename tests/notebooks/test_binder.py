"""The Binder environment, rebuilt the way repo2docker builds it, and every lesson run in it.

A fresh virtual environment of the Python that ``binder/runtime.txt`` pins (the one CI tests;
without that file repo2docker would pick its own default) gets ``pip install -r binder/requirements.txt`` run from the
repository's root (so the package is *installed*, not imported from the checkout) plus
ipykernel, then ``binder/postBuild`` with that environment's ``python`` first on PATH.  Its
own ``python3`` kernelspec is installed into it and is the only one Jupyter can find.  Then
``python -m dockstore_magic.lessons --write`` runs in a copy of the notebooks, and the outputs
must equal the stored ones; a probe notebook shows that the kernel ran the installed package
with the magics loaded by postBuild's config.  Finally every README launch link must point at
a notebook that exists.

Needs PyPI (package registries only).  Marked ``slow`` (one to three minutes): it runs in CI;
deselect it locally with ``-m "not slow"``."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from nbcompare import (NOTEBOOKS, ROOT, differences, launch_link_targets, lesson_paths,
                       readme_launch_links)

pytestmark = pytest.mark.slow

PROBE = """import sys, dockstore_magic
print(sys.prefix)
print(dockstore_magic.__file__)
print(sorted(m for m in ("docker", "host", "dockstore") if m in get_ipython().magics_manager.magics["line"]))"""


def _run(argv, cwd, env, timeout=300, what=""):
    t = time.perf_counter()
    proc = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if proc.returncode != 0:
        pytest.fail(f"{what or argv[0]} failed ({proc.returncode}) after "
                    f"{time.perf_counter() - t:.0f} s\n--- stdout\n{proc.stdout[-4000:]}\n"
                    f"--- stderr\n{proc.stderr[-4000:]}", pytrace=False)
    return proc


def binder_python() -> str:
    """``binder/runtime.txt``'s version, e.g. ``"3.11"``."""
    pin = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", pin), f"binder/runtime.txt: {pin!r}"
    return pin.removeprefix("python-")


def _interpreter(version: str) -> str | None:
    """A Python of that version: this one, or ``python3.X`` on PATH."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    return shutil.which(f"python{version}")


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """(venv python, environment for its processes) — built once for this module."""
    interpreter = _interpreter(binder_python())
    if interpreter is None:
        pytest.skip(f"Binder runs Python {binder_python()} (binder/runtime.txt); none here")
    base = tmp_path_factory.mktemp("binder")
    venv = base / "venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    py = bindir / "python"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH", "IPYTHONDIR",
                        "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "DOCKSTORE_DEBUG")}
    env.update({
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONNOUSERSITE": "1",
        # only this environment's kernelspec and config, as in a fresh Binder image
        "JUPYTER_PATH": str(venv / "share" / "jupyter"),
        "JUPYTER_DATA_DIR": str(base / "jupyter-data"),
        "JUPYTER_CONFIG_DIR": str(base / "jupyter-config"),
        "IPYTHONDIR": str(base / "ipython"),
        "COLUMNS": "80",
    })
    _run([interpreter, "-m", "venv", venv], ROOT, env, what="python -m venv")
    _run([py, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt", "ipykernel"],
         ROOT, env, timeout=240, what="pip install -r binder/requirements.txt")
    _run(["bash", "binder/postBuild"], ROOT, env, what="binder/postBuild")
    _run([py, "-m", "ipykernel", "install", "--prefix", venv, "--name", "python3"], ROOT, env,
         what="ipykernel install")
    return py, env, base


def test_binder_requirements_install_the_package_not_the_checkout(binder_env):
    py, env, _ = binder_env
    out = _run([py, "-c", "import dockstore_magic, sys; print(dockstore_magic.__file__); print(sys.prefix)"],
               "/", env).stdout.split()
    assert Path(out[0]).is_relative_to(Path(out[1])), out
    assert not Path(out[0]).is_relative_to(ROOT)
    config = Path(out[1]) / "etc" / "ipython" / "ipython_config.py"
    assert "load_ipython_extension" in config.read_text()


def test_every_lesson_runs_in_the_binder_environment_with_its_stored_outputs(binder_env):
    py, env, base = binder_env
    work = base / "work"
    shutil.copytree(NOTEBOOKS, work / "notebooks")
    probe = new_notebook(cells=[new_code_cell(PROBE)])
    probe.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (work / "probe").mkdir()
    nbformat.write(probe, work / "probe" / "probe.ipynb")

    proc = _run([py, "-m", "dockstore_magic.lessons", "notebooks", "--write"], work, env,
                timeout=240, what="python -m dockstore_magic.lessons")
    assert f"{len(lesson_paths())} of {len(lesson_paths())} lessons ran without error" in proc.stdout
    # nothing but the runner's own lines: no kernel's start-up warnings (ipykernel 7 warns
    # about TCP once a kernel), no tracebacks
    assert "WARNING" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    problems = []
    for path in lesson_paths():
        fresh = nbformat.read(work / "notebooks" / path.name, as_version=4)
        stored = nbformat.read(path, as_version=4)
        problems += [f"{path.name}: {p}" for p in differences(stored, fresh)]
    assert not problems, "\n\n".join(problems)

    # the kernel was the environment's own, with the installed package and postBuild's magics
    _run([py, "-m", "dockstore_magic.lessons", "probe", "--write"], work, env, what="probe")
    out = "".join(o.get("text", "") for o in
                  nbformat.read(work / "probe" / "probe.ipynb", as_version=4).cells[0].outputs)
    prefix, module, magics = out.splitlines()
    assert Path(prefix) == py.parent.parent
    assert Path(module).is_relative_to(prefix) and not Path(module).is_relative_to(ROOT)
    assert magics == "['docker', 'dockstore', 'host']", "postBuild's config did not load the magics"


def test_every_launch_link_points_at_a_notebook_that_exists():
    targets = launch_link_targets(readme_launch_links())
    assert targets
    missing = [str(t.relative_to(ROOT)) for t in targets if not t.is_file()]
    assert not missing, f"launch links to missing notebooks: {missing}"
