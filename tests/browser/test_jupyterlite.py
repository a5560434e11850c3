"""The lessons' JupyterLite site (dockstore_magic/site.py): built offline from the cache of
registry downloads, served on loopback, opened in headless Chromium with every request that is
not to localhost refused; each lesson runs all its cells in the Pyodide kernel.

Marker ``site_build`` (besides ``requires_browser``): needs jupyterlite-core and
jupyterlite-pyodide-kernel (``pip install -e '.[site]'``) and the cache of npm/PyPI downloads
(``$DOCKSTORE_SITE_CACHE``); the first build fills it (registries only), later ones run with
``--offline``.  What it asserts, per lesson: no error output, an SVG diagram, a ✅ from an
exercise check (the lessons' checks run after their solutions), the explorer answering a click.
"""
from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import threading
import time
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, chromium_path

pytestmark = [pytest.mark.requires_browser, pytest.mark.site_build]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
LESSONS = [nb for nb in ["03-container-layer-copy-on-write.ipynb", "04-volumes.ipynb"]
           if nb[:2] in os.environ.get("DOCKSTORE_LITE_LESSONS", "03,04").split(",")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    for mod in ("jupyterlite_core", "jupyterlite_pyodide_kernel"):
        if importlib.util.find_spec(mod) is None:
            msg = f"the site build needs {mod} (pip install -e '.[site]')"
            if os.environ.get("DOCKSTORE_REQUIRE_SITE") == "1":
                pytest.fail(msg, pytrace=False)
            pytest.skip(msg)
    from dockstore_magic import site as lite

    cache = lite.default_cache()
    out = tmp_path_factory.mktemp("lite") / "site"
    t0 = time.time()
    try:
        lite.build(out, cache, offline=True)
    except lite.Missing:
        lite.build(out, cache, offline=False)      # first run: fill the cache from the registries
        lite.build(out, cache, offline=True)       # …and prove the cache alone is enough
    print(f"site built offline in {time.time() - t0:.0f} s")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".mjs": "text/javascript", ".wasm": "application/wasm",
                          ".json": "application/json"}

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=out))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def _run_all(page, base: str, lesson: str, outside: list[str]):
    from playwright.sync_api import expect

    page.goto(f"{base}/lab/index.html?path={lesson}")
    idle = "document.body.innerText.includes('Python (Pyodide) | Idle')"
    page.wait_for_function(idle, timeout=300_000)          # Pyodide booted, the wheels loaded
    # Every cell in turn (Shift+Enter), as a student would: "Run All" stops at the first
    # failing cell, and the lessons show some failures on purpose (a removed container…).
    page.locator(".jp-Cell").first.click()
    page.keyboard.press("Escape")
    for _ in range(page.locator(".jp-Cell").count()):
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(idle + " && ![...document.querySelectorAll('.jp-InputPrompt')]"
                               ".some(e => e.textContent.includes('*'))", timeout=120_000)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, errors.all_text_contents()[:3]
    assert not outside, outside[:5]
    # a diagram: SVG output, shown by JupyterLab as an <img> or inline <svg>
    svg = page.locator(".jp-RenderedSVG img, .jp-RenderedHTMLCommon svg, .dsm-diagram svg")
    expect(svg.first).to_be_attached()
    # an exercise check passed (the lessons run each check after its solution)
    expect(page.locator(".jp-OutputArea-output", has_text="✅").first).to_be_attached()


def t_name(option: str) -> str:
    return option.split()[-1] if option.split() else ""


def _explorer_click(page):
    """The explorer answers a click: the lesson's own explorer, else one opened in a new cell
    on the lesson's engine (its first image)."""
    from playwright.sync_api import expect

    ex = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .dsm-explorer")
    if ex.count() == 0:
        page.keyboard.press("Escape")
        page.keyboard.press("b")                    # a new cell below the last one
        page.keyboard.press("Enter")
        page.keyboard.type("from dockstore_magic.diagram import explorer; explorer()")
        page.keyboard.press("Shift+Enter")
    expect(ex.first).to_be_visible(timeout=120_000)
    files = ex.first.locator(".dsm-files select")
    details = ex.first.locator(".dsm-details")
    expect(files.locator("option").first).to_be_attached()
    texts = files.locator("option").all_text_contents()
    before = details.text_content()
    # a folder other than the first (selected already, so picking it again changes nothing)
    folders = [i for i, t in enumerate(texts) if t.strip().endswith("/") and ".." not in t]
    index = next((i for i in folders if t_name(texts[i]) == "etc/"), folders[-1])
    files.select_option(index=index)    # a click on a folder: its files listed, its layer told
    deadline = time.time() + 90         # a round trip to the kernel, in the browser's Python
    while files.locator("option").all_text_contents() == texts:
        assert time.time() < deadline, "the explorer did not open the folder"
        time.sleep(0.2)
    expect(details).not_to_have_text(before, timeout=90_000)
    expect(details).to_contain_text(t_name(texts[index]).rstrip("/"))


def test_lessons_run_in_jupyterlite(site, tmp_path):
    from playwright.sync_api import sync_playwright, expect

    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            def route(r):
                if r.request.url.startswith(site):
                    return r.continue_()
                outside.append(r.request.url)
                return r.abort()
            timings = {}
            for lesson in LESSONS:
                # a fresh context per lesson: JupyterLite keeps open tabs in the browser's storage
                ctx = browser.new_context(viewport={"width": 1400, "height": 1200})
                ctx.route("**/*", route)
                page = ctx.new_page()
                page.set_default_timeout(60_000)
                t0 = time.time()
                _run_all(page, site, lesson, outside)
                timings[lesson] = round(time.time() - t0)
                try:
                    _explorer_click(page)
                finally:
                    page.screenshot(path=str(ARTIFACTS / f"lite-{lesson}.png"), full_page=False)
                timings[lesson + " explorer"] = "reacted to a click"
            print("lessons in JupyterLite:", timings)
        finally:
            browser.close()
