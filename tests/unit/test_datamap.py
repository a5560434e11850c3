"""The map of /var/lib/docker (lesson 1): each image, container and volume with the folders it
owns; graphviz's SVG and PNG, or the same map as text without ``dot``."""
from __future__ import annotations

import os

import pytest

from dockstore_magic import session
from dockstore_magic.diagram import datamap, graphviz_render
from support.session_state import checked, own_session


@pytest.fixture
def eng(tmp_path):
    """busybox, a container and a volume, in a session of the test's own (nothing a test
    before left, nor the folder pytest runs in: see support/session_state.py)."""
    with own_session(tmp_path):
        e = session.reset(seed=1, clock="2026-01-01T09:00:00Z")
        for cmd in ("pull -q busybox", "run --name visitor busybox true", "volume create data"):
            checked(cmd)
        assert session.engine() is e
        yield e


def test_the_map_follows_a_name_to_its_folders(eng):
    img = eng.images.find("busybox")
    c = eng.container_store.get("visitor")
    text = datamap(eng).text
    # reported failing on a user's machine only, without its output: each assertion shows
    # the whole map and the engine's settings
    where = f"driver {eng.driver.name!r}, cwd {os.getcwd()!r}, map:\n{text}"
    assert f"imagedb/content/sha256/{img.hex[:12]}" in text, where
    assert f"layerdb/sha256/{img.layers[0].chain_id.split(':')[1][:12]}…/cache-id → overlay2/{img.layers[0].cache_id[:12]}" in text, where
    assert f"containers/{c.id[:12]}" in text and f"overlay2/{c.rw.mount_id[:12]}…-init" in text, where
    assert "volume data: volumes/data/_data" in text, where


@pytest.mark.requires_dot
def test_drawn_with_graphviz_it_fits_and_has_a_png(eng):
    from dockstore_magic.diagram.rich import MAX_WIDTH, width_px
    d = datamap(eng)
    bundle = d._repr_mimebundle_()
    assert {"image/svg+xml", "image/png", "text/plain"} == set(bundle)
    assert width_px(d.svg) <= MAX_WIDTH and "container visitor" in d.svg
    # every cluster's title is a whole word, never an ellipsis a reader takes for clipped text
    # (the objects' cluster was once titled "docker …")
    assert "docker objects" in d.svg and "…</text>" not in d.svg.split("cluster_objects")[1].split("</g>")[0]


def test_without_dot_the_map_is_text(eng, monkeypatch):
    monkeypatch.setattr(graphviz_render.shutil, "which", lambda name: None)
    d = datamap(eng)
    assert set(d._repr_mimebundle_()) == {"text/plain"}
    assert d.text.splitlines()[0].startswith("graphviz's `dot` program was not found")
    assert "volume data" in d.text


def test_the_mounts_panel_switches_container_on_a_click(eng):
    from dockstore_magic.diagram import mounts, DiagramError
    checked("run -d --name both -v /srv/www:/www:ro -v data:/data busybox sleep 60")
    checked("run -d --name pad --tmpfs /scratch busybox sleep 60")
    p = mounts(eng, "both", "pad")
    assert "mounts of container <b>both</b>" in p.html() and "/srv/www" in p.html()
    bundle = p._repr_mimebundle_()
    assert "text/html" in bundle and "container pad:" in bundle["text/plain"]
    # without the widget (an untrusted notebook) nobody can click: every container is shown,
    # left-aligned by inline styles (the sanitizer drops the <style> the widget brings)
    static = bundle["text/html"]
    assert "mounts of container <b>both</b>" in static and "mounts of container <b>pad</b>" in static
    assert "<style" not in static and static.count('<td style="text-align:left"') >= 4 * 4 + 4 * 3
    if p.widget is not None:
        p.w_pick.value = eng.container_store.get("pad").id         # what a click does
        assert "mounts of container <b>pad</b>" in p.w_panel.value and "(memory)" in p.w_panel.value
    with pytest.raises(DiagramError):
        mounts(eng, "nosuch")
