"""Every lesson as a student sees it, in JupyterLab 4 and in Notebook 7 (headless Chromium,
1400×1000, light theme, file browser open where the front end has one).

For each lesson, first an *untrusted* copy of the stored notebook (a fresh server has
never trusted it): each stored diagram must show as a picture (the PNG beside the SVG).
Then Run All, and:

* every cell ran (the lesson reached its end);
* no output element is wider than its output area (diagrams fit; nothing is clipped);
* no output of a successful build is stderr-styled;
* the explorer, the replay slider and the mounts panel react to a click, in the lessons that
  use them.

Screenshots of each lesson (and of each widget after its click) are kept as artifacts."""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import chromium_path
from .test_jupyterlab import CHROMIUM_ARGS, _free_port, _pick

pytestmark = pytest.mark.requires_browser

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
LESSONS = sorted(p.name for p in NOTEBOOKS.glob("0*.ipynb"))
VIEWPORT = {"width": 1400, "height": 1000}
URL = {"jupyterlab": "lab/tree/{name}", "notebook7": "notebooks/{name}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One Jupyter server (JupyterLab and Notebook 7 on it) serving a copy of the lessons,
    with a fresh config: it has never trusted them."""
    pytest.importorskip("notebook", minversion="7")
    base = tmp_path_factory.mktemp("lessons-server")
    root = base / "root"
    shutil.copytree(NOTEBOOKS, root)
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "cfg"), ("JUPYTER_RUNTIME_DIR", "run"),
                     ("IPYTHONDIR", "ipython"), ("HOME", "home"), ("JUPYTER_DATA_DIR", "data")):
        (base / sub).mkdir()
        env[var] = str(base / sub)
    news = base / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    # every cell rendered (no windowing), so that every output can be measured
    tracker = base / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env["JUPYTERLAB_SETTINGS_DIR"] = str(base / "settings")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["COLUMNS"] = "80"
    env.pop("DOCKSTORE_DEBUG", None)
    port, token = _free_port(), secrets.token_hex(16)
    log = open(base / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
         f"--LabApp.workspaces_dir={base / 'ws'}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                pytest.fail("Jupyter did not start:\n" + (base / "server.log").read_text()[-3000:])
            time.sleep(0.3)
        yield {"url": url, "token": token, "root": root}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


# ---------------------------------------------------------------------------- page helpers
NOTEBOOK = "window.jupyterapp.shell.currentWidget"

ALL_RAN = f"""(() => {{
  const w = {NOTEBOOK};
  if (!w || !w.content || !w.sessionContext || !w.sessionContext.session) return false;
  const k = w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  return w.content.widgets.every(c => c.model.type !== 'code' || c.model.executionCount !== null);
}})()"""

# every output element against its output area: nothing wider than the area
OVERFLOW = """(() => {
  const bad = [];
  for (const area of document.querySelectorAll('.jp-Cell .jp-OutputArea')) {
    const box = area.getBoundingClientRect();
    for (const el of area.querySelectorAll('.jp-OutputArea-output, .jp-OutputArea-output img, .jp-OutputArea-output svg, .jp-OutputArea-output table, .widget-box')) {
      const r = el.getBoundingClientRect();
      if (r.width > box.width + 2 || el.scrollWidth > el.clientWidth + 2)
        bad.push(`${el.className || el.tagName} ${Math.round(r.width)}/${Math.round(el.scrollWidth)} px in ${Math.round(box.width)} px`);
    }
  }
  return bad;
})()"""

# stderr-styled outputs of cells that build (and succeeded: no error output)
BUILD_STDERR = """(() => {
  const bad = [];
  for (const cell of document.querySelectorAll('.jp-CodeCell')) {
    const src = cell.querySelector('.jp-InputArea-editor') ? cell.querySelector('.jp-InputArea-editor').textContent : '';
    if (!/%%dockerfile|%docker (image |buildx |builder )?build/.test(src)) continue;
    if (cell.querySelector('[data-mime-type="application/vnd.jupyter.error"]')) continue;
    if (cell.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      bad.push(src.slice(0, 60));
  }
  return bad;
})()"""


def _open(page, server, app: str, name: str):
    reset = "&reset" if app == "jupyterlab" else ""     # not the tabs of the previous lesson
    page.goto(f"{server['url']}/{URL[app].format(name=name)}?token={server['token']}{reset}")
    page.wait_for_function(f"window.jupyterapp && {NOTEBOOK} && {NOTEBOOK}.content "
                           "&& document.querySelector('.jp-Notebook .jp-Cell')")
    page.wait_for_function(f"{NOTEBOOK}.context.isReady")
    page.wait_for_function(f"""(() => {{ const s = {NOTEBOOK}.sessionContext.session;
        return s && s.kernel && s.kernel.status === 'idle'; }})()""", timeout=120_000)
    if app == "jupyterlab":          # the file browser open, as a student has it
        page.evaluate("window.jupyterapp.commands.execute('filebrowser:activate')")
        page.wait_for_selector(".jp-FileBrowser", state="visible")


def _scroll_all(page):
    """Scroll through the notebook so that every cell is rendered (windowed notebooks)."""
    page.evaluate(f"{NOTEBOOK}.content.node.scrollTop = 0")
    for _ in range(400):
        done = page.evaluate(f"""(() => {{ const n = {NOTEBOOK}.content.node;
            const before = n.scrollTop; n.scrollTop += n.clientHeight * 0.9;
            return n.scrollTop === before; }})()""")
        page.wait_for_timeout(30)
        if done:
            break


def _stored_pictures(page) -> list[str]:
    """For each stored diagram: is a picture (an <img> that decoded) shown for it?"""
    return page.evaluate("""(() => {
      const out = [];
      for (const o of document.querySelectorAll('.jp-OutputArea-output')) {
        const img = o.querySelector('img');
        const mime = o.getAttribute('data-mime-type') || '';
        if (mime.startsWith('image/')) out.push(img && img.naturalWidth > 100 ? 'ok' : 'no picture (' + mime + ')');
      }
      return out;
    })()""")


def _shot(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / name), full_page=False)


# ---------------------------------------------------------------------------- the test
@pytest.mark.parametrize("app", ["jupyterlab", "notebook7"])
@pytest.mark.parametrize("name", LESSONS)
def test_lesson_in_the_browser(server, browser, app, name, artifacts_dir):
    from playwright.sync_api import expect
    stem = name.split("-")[0]
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(120_000)
    copy = f"{app}-{name}"              # a fresh, untrusted copy for each front end
    shutil.copy(NOTEBOOKS / name, server["root"] / copy)
    try:
        _open(page, server, app, copy)
        # 1. the stored notebook, untrusted: every diagram still shows as a picture
        assert page.evaluate(f"{NOTEBOOK}.content.model.cells.get(0) !== undefined")
        stored = (NOTEBOOKS / name).read_text().count('"image/png"')
        _scroll_all(page)
        page.wait_for_function(f"""document.querySelectorAll(
            '.jp-OutputArea-output[data-mime-type^="image/"]').length >= {stored}""", timeout=60_000)
        pictures = _stored_pictures(page)
        assert len(pictures) == stored and all(p == "ok" for p in pictures), pictures
        _shot(page, artifacts_dir, f"{app}-{stem}-untrusted.png")
        if pictures:
            first = page.locator('.jp-OutputArea-output[data-mime-type^="image/"]').first
            first.scroll_into_view_if_needed()
            first.screenshot(path=str(artifacts_dir / f"{app}-{stem}-untrusted-diagram.png"))

        # 2. Run All: every cell runs
        page.evaluate(f"{NOTEBOOK}.content.activeCellIndex = 0")
        for attempt in range(3):       # a command sent while the page settles can be lost
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            try:
                page.wait_for_function(f"{NOTEBOOK}.content.widgets.some(c => c.model.type === 'code'"
                                       " && c.model.executionCount !== null)", timeout=30_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        try:
            page.wait_for_function(ALL_RAN, timeout=300_000, polling=500)
        except Exception:
            _shot(page, artifacts_dir, f"{app}-{stem}-stuck.png")
            left = page.evaluate(f"""{NOTEBOOK}.content.widgets.filter(c => c.model.type === 'code'
                && c.model.executionCount === null).map(c => c.model.sharedModel.source.slice(0, 60))""")
            status = page.evaluate(f"{NOTEBOOK}.sessionContext.session.kernel.status")
            pytest.fail(f"Run All did not reach the end (kernel {status}); cells not run: {left}")
        _scroll_all(page)
        page.wait_for_timeout(300)

        # 3. nothing wider than its output area; no pink build output
        assert page.evaluate(OVERFLOW) == []
        assert page.evaluate(BUILD_STDERR) == []
        _shot(page, artifacts_dir, f"{app}-{stem}-ran.png")

        # a solution is folded until clicked
        folded = page.locator(".jp-OutputArea-output details")
        if folded.count():
            sol = folded.first
            sol.scroll_into_view_if_needed()
            assert not sol.evaluate("d => d.open")
            sol.locator("summary").click()
            expect(sol.locator("pre").first).to_be_visible()
            expect(sol).to_contain_text("✅")
            sol.screenshot(path=str(artifacts_dir / f"{app}-{stem}-solution.png"))

        # 4. the widgets answer a click
        if page.locator(".dsm-explorer").count():
            ex = page.locator(".dsm-explorer").first
            ex.scroll_into_view_if_needed()
            files, details = ex.locator(".dsm-files select"), ex.locator(".dsm-details")
            _pick(files, "big.dat")
            expect(details).to_contain_text("copied up")
            ex.screenshot(path=str(artifacts_dir / f"{app}-{stem}-explorer.png"))
        if page.locator(".dsm-replay").count():
            rp = page.locator(".dsm-replay").first
            rp.scroll_into_view_if_needed()
            label = rp.locator(".dsm-panel").first
            before = label.inner_text()
            track = rp.locator(".widget-slider .noUi-base, .widget-slider .slider-container").first
            # the slider in the middle of the page: a replay taller than the page, scrolled
            # into view by its top, leaves the slider under the notebook's toolbar
            track.evaluate("el => el.scrollIntoView({block: 'center'})")
            box = track.bounding_box()
            page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)      # the first step
            expect(label).not_to_have_text(before)
            expect(label).to_contain_text("step 1 of")
            # the first step's drawing at (nearly) its own size: a long step line once
            # widened it, and scaled down to the output area its text was unreadable
            scale = rp.locator("svg").last.evaluate(
                "s => s.getBoundingClientRect().width / (s.viewBox.baseVal.width * 4 / 3)")
            assert scale >= 0.9, f"the replay's first step is drawn at {scale:.0%} of its size"
            rp.screenshot(path=str(artifacts_dir / f"{app}-{stem}-replay.png"))
        if page.locator(".dsm-mounts").count():
            panel = page.locator(".dsm-mounts").last
            panel.scroll_into_view_if_needed()
            buttons = panel.locator("button")
            last = buttons.nth(buttons.count() - 1)
            want = last.inner_text().strip()
            last.click()
            expect(panel.locator(".dsm-panel")).to_contain_text(f"container {want}")
            panel.screenshot(path=str(artifacts_dir / f"{app}-{stem}-mounts.png"))
    finally:
        try:                            # one kernel at a time on a small machine
            page.evaluate(f"{NOTEBOOK}.sessionContext.shutdown()")
        except Exception:
            pass
        page.close()
