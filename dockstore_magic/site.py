"""The lessons as a JupyterLite site: static files any web server (GitHub Pages included) serves,
the lessons running in the student's browser in Pyodide, with no Jupyter server behind them.

    pip install -e '.[site]'
    python -m dockstore_magic.site build OUT        # downloads once, then builds offline
    python -m http.server -d OUT 8000               # http://localhost:8000/lab/index.html

Everything comes from two package registries, into a cache (``--cache``, default
``~/.cache/dockstore-magic/site``, or ``$DOCKSTORE_SITE_CACHE``); ``--offline`` builds from the
cache alone and fails if something is missing:

* the npm registry's ``pyodide`` package at the version the kernel pins
  (``jupyterlite_pyodide_kernel.constants.PYODIDE_VERSION``): the runtime (``pyodide.mjs``,
  ``pyodide.asm.*``, ``python_stdlib.zip``, ``pyodide-lock.json``) but no package wheels;
* PyPI: the pure-Python wheels the kernel boots with, at the versions Pyodide's lock lists, and
  this package's dependencies that import in Pyodide (ipywidgets, comm, graphviz's Python
  package — its ``dot`` is absent there and the diagrams take the pure-Python SVG renderer).

The build (``jupyter lite build``, jupyterlite-core + jupyterlite-pyodide-kernel) puts the
lessons in the site's files; then the runtime and the wheels go to ``static/pyodide/`` with a
``pyodide-lock.json`` rewritten to list exactly them (Pyodide checks each wheel's sha256), and
``jupyter-lite.json`` points the kernel at them, preloads this package and turns PyPI off.  What
was learned making this work offline: ``/work/shared/jupyterlite-offline.md`` (the doit
database of an earlier build is removed first: it silently dropped ``pyodideUrl``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide.js", "package.json")
# What the kernel's boot installs (piplite, then ipykernel's own dependencies): pure-Python
# packages Pyodide's lock lists; taken from PyPI at the lock's versions.
BOOT = ("micropip", "packaging", "ipython", "jedi", "traitlets", "pygments", "decorator", "parso",
        "prompt-toolkit", "wcwidth", "asttokens", "executing", "pure-eval", "stack-data",
        "matplotlib-inline", "six", "typing-extensions")
# This package's dependencies that import in Pyodide (name, PyPI requirement).  nbformat and
# nbclient (lessons.py: running notebooks headless) and ipykernel (the kernel brings its own) are
# not needed in the browser.
RUNTIME = (("comm", "comm==0.2.3"), ("ipywidgets", "ipywidgets==8.1.9"),
           ("graphviz", "graphviz==0.21"))
PACKAGE = "dockstore-magic"


def default_cache() -> Path:
    return Path(os.environ.get("DOCKSTORE_SITE_CACHE")
                or Path.home() / ".cache" / "dockstore-magic" / "site")


def pyodide_version() -> str:
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    return PYODIDE_VERSION


class Missing(RuntimeError):
    """A piece is not in the cache and --offline forbids fetching it."""


def _run(cmd: list[str], cwd: Path | None = None):
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


# ============================================================================ fetching
def fetch_pyodide(cache: Path, offline: bool) -> Path:
    """The npm package ``pyodide``, unpacked in ``cache/pyodide-<version>/``."""
    version = pyodide_version()
    dest = cache / f"pyodide-{version}"
    if (dest / "pyodide-lock.json").exists():
        return dest
    tgz = cache / f"pyodide-{version}.tgz"
    if not tgz.exists():
        if offline:
            raise Missing(f"{tgz} (npm pack pyodide@{version})")
        _run(["npm", "pack", f"pyodide@{version}", "--pack-destination", str(cache)])
    tmp = Path(tempfile.mkdtemp(dir=cache))
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    (tmp / "package").rename(dest)
    tmp.rmdir()
    return dest


def fetch_wheels(cache: Path, lock: dict, offline: bool) -> dict[str, Path]:
    """PyPI wheels: the boot set at the lock's versions, then this package's runtime ones."""
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    wanted = {name: f"{lock['packages'][name]['name']}=={lock['packages'][name]['version']}"
              for name in BOOT}
    wanted.update(dict(RUNTIME))
    python = ".".join(lock["info"]["python"].split(".")[:2])      # Pyodide's Python
    found = {}
    for name, req in wanted.items():
        wheel = _find_wheel(wheels, req)
        if wheel is None:
            if offline:
                raise Missing(f"the wheel {req} in {wheels}")
            _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                  "--python-version", python, "--implementation", "py", "--abi", "none",
                  "--platform", "any", "--dest", str(wheels), req])
            wheel = _find_wheel(wheels, req)
        if wheel is None:
            raise Missing(f"no py3-none-any wheel for {req} on PyPI")
        found[name] = wheel
    return found


def _norm(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _find_wheel(folder: Path, req: str) -> Path | None:
    name, _, version = req.partition("==")
    for w in sorted(folder.glob("*.whl")):
        parts = w.name.split("-")
        if _norm(parts[0]) == _norm(name) and parts[1] == version and w.name.endswith("none-any.whl"):
            return w
    return None


def build_own_wheel(dest: Path) -> Path:
    """This package as a wheel, from the working tree (hatchling, no build isolation: offline)."""
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--wheel-dir", str(dest), str(ROOT)])
    return next(dest.glob("dockstore_magic-*.whl"))


# ============================================================================ the lock
def _wheel_meta(wheel: Path) -> tuple[str, str, list[str], list[str]]:
    """Name, version, requirements (names) and top-level modules of a wheel."""
    with zipfile.ZipFile(wheel) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(z.read(meta_name).decode())
        top = sorted({n.split("/")[0].removesuffix(".py") for n in z.namelist()
                      if not n.split("/")[0].endswith((".dist-info", ".data"))})
    reqs = []
    for r in meta.get_all("Requires-Dist") or []:
        if "extra ==" in r:
            continue
        name = r.split(";")[0].strip()
        for sep in "<>=!~[ (":
            name = name.split(sep)[0]
        reqs.append(name)
    return meta["Name"], meta["Version"], reqs, top


def lock_entries(wheels: dict[str, Path]) -> dict[str, dict]:
    """pyodide-lock.json entries for the wheels: their own file names, versions and hashes;
    dependencies kept to the wheels present (the others are not needed in the browser)."""
    metas = {key: _wheel_meta(w) for key, w in wheels.items()}
    by_norm = {_norm(m[0]): key for key, m in metas.items()}
    entries = {}
    for key, wheel in wheels.items():
        name, version, reqs, top = metas[key]
        entries[key] = {
            "name": name, "version": version, "file_name": wheel.name,
            "install_dir": "site", "package_type": "package", "unvendored_tests": False,
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "imports": top,
            "depends": sorted({by_norm[_norm(r)] for r in reqs if _norm(r) in by_norm} - {key}),
        }
    return entries


# ============================================================================ the build
def build(out: Path, cache: Path | None = None, offline: bool = False,
          notebooks: Path = ROOT / "notebooks") -> Path:
    cache = cache or default_cache()
    cache.mkdir(parents=True, exist_ok=True)
    runtime = fetch_pyodide(cache, offline)
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    wheels = fetch_wheels(cache, lock, offline)
    out = out.resolve()
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="dockstore-lite-") as work:
        work = Path(work)
        wheels[PACKAGE] = build_own_wheel(work / "dist")
        contents = work / "contents"
        contents.mkdir()
        for nb in sorted(notebooks.glob("*.ipynb")):
            shutil.copy2(nb, contents / nb.name)
        lite = work / "lite"
        lite.mkdir()
        # jupyter lite build, with its doit database and cache kept out of any earlier build's way
        _run([sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite),
              "--contents", str(contents), "--output-dir", str(out)], cwd=lite)
        static = out / "static" / "pyodide"
        static.mkdir(parents=True, exist_ok=True)
        for f in RUNTIME_FILES:
            if (runtime / f).exists():
                shutil.copy2(runtime / f, static / f)
        for w in wheels.values():
            shutil.copy2(w, static / w.name)
        lock["packages"] = lock_entries(wheels)
    (static / "pyodide-lock.json").write_text(json.dumps(lock, indent=1))
    _configure(out)
    return out


def _configure(out: Path):
    """jupyter-lite.json: the kernel's Pyodide from this site, this package preloaded, no PyPI."""
    path = out / "jupyter-lite.json"
    conf = json.loads(path.read_text())
    data = conf.setdefault("jupyter-config-data", {})
    settings = data.setdefault("litePluginSettings", {}).setdefault(KERNEL_SETTINGS, {})
    settings["pyodideUrl"] = "./static/pyodide/pyodide.mjs"
    settings["disablePyPIFallback"] = True
    settings["loadPyodideOptions"] = {"packages": [PACKAGE, "micropip"]}
    path.write_text(json.dumps(conf, indent=2))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dockstore_magic.site",
                                 description="Build the lessons' JupyterLite site.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the site into OUT")
    b.add_argument("out", type=Path)
    b.add_argument("--cache", type=Path, default=None,
                   help="downloads (npm's pyodide, PyPI wheels); default $DOCKSTORE_SITE_CACHE "
                        "or ~/.cache/dockstore-magic/site")
    b.add_argument("--offline", action="store_true",
                   help="use the cache only; fail if a piece is missing")
    args = ap.parse_args(argv)
    try:
        out = build(args.out, args.cache, args.offline)
    except (Missing, RuntimeError) as e:
        print(f"dockstore-magic site: {e}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"{out}: {size / 1e6:.0f} MB; serve it, e.g. python -m http.server -d {out} 8000, "
          "and open /lab/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
