"""The diagram and the explorer in a real JupyterLab 4 and Notebook 7, in headless Chromium: the notebook's
cells run in a live kernel, the SVG diagram and the explorer appear, and the explorer
answers a click on a file.  Screenshots (light and dark themes) are kept as artifacts."""
from __future__ import annotations

import html
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import chromium_path

pytestmark = pytest.mark.requires_browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

CELLS = [
    "%load_ext dockstore_magic\n%dockstore reset --seed 1 --clock 2026-01-01T00:00:00Z",
    "%docker pull nginx\n%docker pull python:3.12-slim",
    '%docker run --name c1 -v data:/data -v /srv/www:/www --tmpfs /tmp busybox '
    'sh -c "echo x >> /etc/motd; echo y > /data/f; echo more >> /etc/passwd; rm /bin/ls"',
    "from dockstore_magic.diagram import diagram, explorer\ndiagram('c1', 'nginx', 'python:3.12-slim')",
    "explorer('c1')",
]


def _notebook(path: Path) -> None:
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {},
                     "outputs": [], "source": src} for i, src in enumerate(CELLS)],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb, indent=1))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


APPS = {
    # app: (module, its option prefix, the notebook's URL path)
    "jupyterlab": ("jupyterlab", "LabApp", "lab/tree/diagram.ipynb"),
    "notebook7": ("notebook", "JupyterNotebookApp", "notebooks/diagram.ipynb"),
}


@pytest.fixture(params=sorted(APPS))
def lab(request, tmp_path):
    """JupyterLab (or Notebook 7, built on the same components) on 127.0.0.1 with a token,
    serving a temp folder with the notebook."""
    module, prefix, path = APPS[request.param]
    if module == "notebook":
        pytest.importorskip("notebook", minversion="7")
    root = tmp_path / "root"
    root.mkdir()
    _notebook(root / "diagram.ipynb")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "cfg"), ("JUPYTER_RUNTIME_DIR", "run"),
                     ("IPYTHONDIR", "ipython"), ("HOME", "home")):
        (tmp_path / sub).mkdir()
        env[var] = str(tmp_path / sub)
    # no "get notified about Jupyter news?" toast over the page
    news = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp_path / "settings")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    log = open(tmp_path / "lab.log", "w")
    app_opts = ([f"--{prefix}.expose_app_in_browser=True", f"--{prefix}.workspaces_dir={tmp_path / 'ws'}"]
                + (["--LabApp.news_url=", "--LabApp.extension_manager=readonly",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
                   if module == "jupyterlab" else []))
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"] + app_opts
        + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text()[-3000:])
            time.sleep(0.3)
        yield {"url": f"{base}/{path}?token={token}", "log": tmp_path / "lab.log", "app": request.param}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _pick(select, text: str) -> None:
    """Click the option of a list whose text contains ``text`` (what a user's click does:
    select it and fire ``change``)."""
    texts = select.locator("option").all_text_contents()
    index = next(i for i, t in enumerate(texts) if text in t)
    select.select_option(index=index)


def test_diagram_and_explorer_in_jupyterlab(lab, tmp_path, artifacts_dir):
    from playwright.sync_api import sync_playwright, expect

    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1400})
            page.set_default_timeout(60_000)
            page.goto(lab["url"])
            page.wait_for_function("window.jupyterapp && window.jupyterapp.shell "
                                   "&& document.querySelector('.jp-NotebookPanel .jp-Cell')")
            # the kernel is ready when its status says idle
            page.wait_for_function(
                "(() => { const w = window.jupyterapp.shell.currentWidget;"
                " return w && w.sessionContext && w.sessionContext.session"
                " && w.sessionContext.session.kernel"
                " && w.sessionContext.session.kernel.status === 'idle'; })()")
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")

            # 1. the static diagram: an SVG output (JupyterLab shows it as an <img>)
            svg_img = page.locator(".jp-RenderedSVG img").first
            expect(svg_img).to_be_visible()
            src = html.unescape(urllib.parse.unquote(svg_img.get_attribute("src")))
            assert src.startswith("data:image/svg+xml")
            for want in ("container c1", "volume data", "/srv/www", "/etc/passwd",
                         "shared by nginx:latest, python:3.12-slim"):
                assert want in src, want
            assert svg_img.evaluate("i => i.naturalWidth") > 300       # it decoded as an image
            shot = tmp_path / f"{lab['app']}-diagram-output.png"
            page.locator(".jp-RenderedSVG").first.screenshot(path=str(shot))
            shots.append(shot)

            # 2. the explorer: widgets with the inline diagram and the file list
            ex = page.locator(".dsm-explorer")
            expect(ex).to_be_visible()
            expect(ex.locator(".dsm-diagram svg")).to_be_visible()
            files = ex.locator(".dsm-files select")
            expect(files.locator("option", has_text="etc/")).to_have_count(1)
            details = ex.locator(".dsm-details")
            expect(details).to_contain_text("folder /")
            # 3. a click: enter /etc, then pick passwd → which layer serves it, copy-up
            _pick(files, "etc/")
            expect(files.locator("option", has_text="passwd")).to_have_count(1)
            _pick(files, "passwd")
            expect(details).to_contain_text("served by the container layer")
            expect(details).to_contain_text("copied up: the container's first write copied the whole file")
            ex.scroll_into_view_if_needed()
            shot = tmp_path / f"{lab['app']}-light.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)

            # dark theme: the diagram keeps its own light background, the panels follow the theme
            page.evaluate("window.jupyterapp.commands.execute('apputils:change-theme', "
                          "{theme: 'JupyterLab Dark'})")
            page.wait_for_function("document.body.dataset.jpThemeLight === 'false'")
            page.wait_for_timeout(500)
            shot = tmp_path / f"{lab['app']}-dark.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)
            expect(details).to_contain_text("/etc/passwd")
        finally:
            browser.close()
            for s in shots:
                shutil.copy(s, artifacts_dir / s.name)
