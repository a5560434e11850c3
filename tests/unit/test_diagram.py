"""The layer diagram: its model (layers, shared layers, init/rw layers, mounts, changed
files), its drawings (graphviz, pure Python, text), the fallbacks (no `dot`, no widgets),
determinism, dive's efficiency, the explorer's data, replay and watch mode."""
from __future__ import annotations

import contextlib
import sys
import xml.etree.ElementTree as ET

import pytest

from dockstore_magic import session
from dockstore_magic import diagram as D
from dockstore_magic.diagram import analysis, graphviz_render, model, snapshot, history
from support.session_state import own_session

DOCKERFILE = """FROM busybox
WORKDIR /opt/app
RUN dd if=/dev/zero of=big bs=1024 count=1000 && echo v1 > version.txt
RUN rm big && echo v2 > version.txt
CMD ["cat", "version.txt"]
"""


def _run(cmd: str):
    r = session.docker(cmd)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    """nginx and python:3.12-slim (one shared Debian base layer), busybox with a container
    that writes through a volume, a bind mount and a tmpfs, and a built image app:1.  The
    session's engine for the whole module: a test that needs another one takes its own
    (``own_session``) and gives this one back."""
    with own_session(tmp_path_factory.mktemp("diagram")):
        e = session.reset(seed=7, clock="2026-01-01T00:00:00Z")
        _run("pull nginx")
        _run("pull python:3.12-slim")
        _run('run --name c1 -v data:/data -v /srv/www:/www --tmpfs /tmp busybox '
             'sh -c "echo x >> /etc/motd; echo y > /data/f; rm /bin/ls; echo hi > /etc/hostname.new; '
             'echo more >> /etc/passwd"')
        r = session.build_cell(["-t", "app:1"], DOCKERFILE)
        assert r.exit_code == 0, r.stderr
        _run('run --name c2 app:1 sh -c "echo v3 > version.txt"')
        yield e


def _graph(e, *refs):
    return model.build(snapshot.capture(e), refs)


def _edges(g, kind):
    return [(x.src, x.dst) for x in g.edges if x.kind == kind]


# ------------------------------------------------------------------------------ the model
def test_image_layers_are_stacked_bottom_up_with_instruction_size_digest(eng):
    g = _graph(eng, "nginx")
    img = eng.images.get("nginx")
    ids = [model.layer_id(l.chain_id) for l in img.layers]
    layers = g.of_kind("layer")
    assert [n.id for n in layers] == ids
    # parent → child, base first, and the image sits on its top layer
    assert _edges(g, "stack") == list(zip(ids, ids[1:]))
    assert _edges(g, "image") == [(ids[-1], model.image_id(snapshot.capture(eng).find("nginx")))]
    top = g.node(ids[-1])
    assert top.title.startswith("COPY 30-tune-worker-processes.sh")
    assert f"sha256:{img.layers[-1].diff_id[7:19]}" in top.lines[0]
    assert top.lines[0].startswith(model.size(img.layers[-1].size))


def test_a_shared_layer_is_one_node_with_an_arrow_per_user(eng):
    g = _graph(eng, "nginx", "python:3.12-slim")
    base = eng.images.get("nginx").layers[0]
    assert eng.images.get("python:3.12-slim").layers[0] is base
    node = g.node(model.layer_id(base.chain_id))
    assert node.shared and set(node.users) == {"nginx:latest", "python:3.12-slim"}
    assert sum(1 for n in g.of_kind("layer") if n.id == node.id) == 1
    assert len(g.edges_from(node.id)) == 2          # one arrow up into each image's stack
    assert any("stored once" in n and "saved" in n for n in g.notes)
    # not shared: nginx's own layers
    assert not g.node(model.layer_id(eng.images.get("nginx").layers[1].chain_id)).shared


def test_container_has_init_and_rw_layers_on_its_image(eng):
    g = _graph(eng, "c1")
    c = eng.container_store.get("c1")
    st = snapshot.capture(eng).find("c1")
    top = model.layer_id(c.rw.parent.chain_id)
    assert (top, model.init_id(st)) in _edges(g, "stack")
    assert (model.init_id(st), model.rw_id(st)) in _edges(g, "stack")
    up = [e for e in g.edges if e.kind == "upper"]
    assert [(e.src, e.dst, e.port) for e in up] == [(model.rw_id(st), model.container_id(st), "root")]
    assert g.node(model.init_id(st)).kind == "init"
    # the container's image is drawn with it
    assert g.of_kind("image")[0].title == "busybox:latest"


def test_changed_files_are_marked_in_the_container_layer(eng):
    g = _graph(eng, "c1")
    rw = g.of_kind("rw")[0]
    files = {path: (mark, note) for mark, path, note in rw.files}
    assert files["/etc/passwd"][0] == "C" and "copied up from layer 1" in files["/etc/passwd"][1]
    assert files["/bin/ls"] == ("D", "whiteout")
    assert files["/etc/hostname.new"][0] == "A"
    assert files["/etc/motd"][0] == "A"            # busybox has no /etc/motd: >> creates it
    assert "/data/f" not in files                  # written to the volume, not the layer
    assert list(files) == [p for _, p in eng.containers.changes("c1")]


def test_mounts_volume_bind_and_tmpfs_side_by_side(eng):
    g = _graph(eng, "c1")
    st = snapshot.capture(eng).find("c1")
    cnode = g.node(model.container_id(st))
    ports = dict(cnode.ports)
    kinds = {e.kind: e for e in g.edges_to(cnode.id) if e.kind in ("volume", "bind", "tmpfs")}
    assert set(kinds) == {"volume", "bind", "tmpfs"}
    vol = g.node(kinds["volume"].src)
    assert vol.title == "volume data" and vol.lines[0] == "/var/lib/docker/volumes/data/_data"
    assert vol.cluster == "volumes"
    assert ports[kinds["volume"].port].startswith("/data")
    bind = g.node(kinds["bind"].src)
    assert bind.lines[0] == "/srv/www" and bind.cluster == "host"
    assert ports[kinds["bind"].port].startswith("/www")
    tmp = g.node(kinds["tmpfs"].src)
    assert tmp.cluster == "memory" and ports[kinds["tmpfs"].port].startswith("/tmp")
    assert vol.lines[1].startswith("2B")           # "y\n" went to the volume


def test_a_volume_used_by_two_containers_is_one_node(eng):
    _run("run --name c3 -v data:/data busybox true")
    try:
        g = _graph(eng, "c1", "c3")
        vols = g.of_kind("volume")
        assert len(vols) == 1
        assert len([e for e in g.edges if e.src == vols[0].id]) == 2
    finally:
        _run("rm c3")


def test_unknown_reference_is_a_clear_error(eng):
    with pytest.raises(D.DiagramError, match="No such image or container: nope"):
        D.diagram(eng, "nope")


def test_many_changes_are_cut_with_a_count(tmp_path):
    with own_session(tmp_path):
        e = session.reset(seed=3, clock="2026-01-01T00:00:00Z")
        _run('run --name many busybox sh -c "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do touch /f$i; done"')
        rw = _graph(e, "many").of_kind("rw")[0]
        assert len(rw.files) == model.MAX_FILES and rw.more_files == 14 - model.MAX_FILES
        assert f"… and {rw.more_files} more" in D.diagram(e, "many").text


# ------------------------------------------------------------------------------ drawings
def _svg_texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))


@pytest.mark.requires_dot
def test_graphviz_svg_shows_layers_mounts_and_changes(eng):
    d = D.diagram(eng, "c1", "nginx", "python:3.12-slim")
    assert d.renderer == "graphviz"
    text = _svg_texts(d.svg)
    for want in ("busybox:latest", "container c1", "container layer (read-write)", "init layer",
                 "volume data", "/var/lib/docker/volumes/data/_data", "/srv/www", "tmpfs",
                 "/etc/passwd", "whiteout", "shared by nginx:latest, python:3.12-slim",
                 "volume mount", "bind mount", "upperdir"):
        assert want in text, want
    # every graph node is drawn: one <g class="node"> per model node
    root = ET.fromstring(d.svg)
    titles = [g.find("{http://www.w3.org/2000/svg}title").text for g in root.iter()
              if g.get("class") == "node"]
    assert sorted(titles) == sorted(n.id for n in d.graph.nodes)
    edges = [g for g in root.iter() if g.get("class") == "edge"]
    assert len(edges) == len(d.graph.edges)


@pytest.mark.requires_dot
def test_wide_drawings_are_scaled_to_the_output_area_and_come_with_a_png(eng):
    import base64
    from dockstore_magic.diagram import rich
    d = D.diagram(eng)                                   # every image and container: wide
    raw = graphviz_render.render_svg(d.graph)
    assert rich.width_px(raw) > rich.MAX_WIDTH          # …wider than the output area,
    assert rich.width_px(d.svg) == rich.MAX_WIDTH       # …scaled to it,
    assert 'viewBox="' in d.svg and d.svg.split("viewBox=")[1] == raw.split("viewBox=")[1]  # whole
    png = base64.b64decode(d._repr_mimebundle_()["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") <= rich.MAX_WIDTH + 1
    assert d.png == D.diagram(eng).png                   # stored outputs compare equal


def test_fit_leaves_narrow_drawings_alone():
    from dockstore_magic.diagram.rich import fit
    svg = '<svg width="300pt" height="100pt" viewBox="0 0 300 100"></svg>'
    assert fit(svg) == svg
    wide = '<svg width="1200px" height="100px" viewBox="0 0 1200 100"></svg>'
    assert fit(wide) == '<svg width="900px" height="75px" viewBox="0 0 1200 100"></svg>'


@pytest.mark.requires_dot
def test_svg_is_deterministic_and_version_free(eng):
    a = D.diagram(eng).svg
    b = D.diagram(eng).svg
    assert a == b
    assert "Generated by graphviz" not in a and not a.startswith("<?xml")
    assert a.lstrip().startswith("<svg")


def test_rich_output_has_svg_and_text(eng):
    d = D.diagram(eng, "c1")
    bundle = d._repr_mimebundle_()
    # a PNG beside the SVG when graphviz drew it (an untrusted notebook shows only the PNG)
    assert set(bundle) == {"image/svg+xml", "text/plain"} | ({"image/png"} if d.renderer == "graphviz" else set())
    ET.fromstring(bundle["image/svg+xml"])
    txt = bundle["text/plain"]
    assert "container c1" in txt and "D /bin/ls" in txt and "/data ← volume data" in txt
    assert "/www  ← bind mount of host folder: /srv/www" in txt


def test_without_dot_the_pure_python_svg_and_one_line_about_graphviz(eng, monkeypatch):
    monkeypatch.setattr(graphviz_render.shutil, "which", lambda name: None)
    assert not graphviz_render.dot_available()
    d = D.diagram(eng, "c1", "nginx", "python:3.12-slim")
    assert d.renderer == "python"
    bundle = d._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    text = _svg_texts(bundle["image/svg+xml"])
    assert "install graphviz" in text
    for want in ("container layer (read-write)", "volume data", "/etc/passwd", "init layer",
                 "busybox:latest", "shared by nginx:latest, python:3.12-slim"):
        assert want in text, want
    lines = bundle["text/plain"].splitlines()
    assert "install graphviz" in lines[0] and "Traceback" not in bundle["text/plain"]
    # the shared base is drawn once, spanning both stacks
    assert text.count("# debian.sh") == 1


def test_a_failing_dot_falls_back_without_a_traceback(eng, monkeypatch):
    import graphviz

    def boom(*a, **k):
        raise graphviz.ExecutableNotFound(["dot"])
    monkeypatch.setattr(graphviz.Digraph, "pipe", boom)
    monkeypatch.setattr(graphviz_render, "dot_available", lambda: True)
    d = D.diagram(eng, "c1")
    assert d.renderer == "python" and "install graphviz" in d.text.splitlines()[0]


def test_even_a_broken_drawing_leaves_the_text(eng, monkeypatch):
    from dockstore_magic.diagram import svg_render
    monkeypatch.setattr(graphviz_render, "dot_available", lambda: False)
    monkeypatch.setattr(svg_render, "render_svg", lambda *a, **k: 1 / 0)
    d = D.diagram(eng, "c1")
    assert d._repr_mimebundle_() == {"text/plain": d.text} and "container c1" in d.text


@pytest.mark.requires_dot
def test_dot_source_is_bottom_up_with_ports(eng):
    dot = D.diagram(eng, "c1").dot
    assert "rankdir=BT" in dot
    st = snapshot.capture(eng).find("c1")
    assert f"{model.container_id(st)}:{model.port_id('/data')}" in dot


# ------------------------------------------------------------------------------ analysis
def test_dive_efficiency_counts_overwritten_and_deleted_files(eng):
    img = eng.images.get("app:1")
    eff = analysis.efficiency(analysis.image_stack(eng, img))
    by_path = {x.path: x for x in eff.inefficiencies}
    # big: 1,024,000 bytes in layer 3, whiteout (0 bytes) in layer 4
    assert by_path["/opt/app/big"].count == 2 and by_path["/opt/app/big"].wasted == 1024000
    # version.txt: 3 bytes written twice
    assert by_path["/opt/app/version.txt"].wasted == 6
    assert eff.wasted == sum(x.wasted for x in eff.inefficiencies)
    total = sum(l.size for l in img.layers)
    assert eff.total == total and eff.user_size == total - img.layers[0].size
    assert 0.99 < eff.score < 1.0
    busybox = analysis.efficiency(analysis.image_stack(eng, eng.images.get("busybox")))
    assert busybox.score == 1.0 and busybox.wasted == 0 and not busybox.inefficiencies


def test_serving_layer_and_copy_up_story(eng):
    c = eng.container_store.get("c1")
    stack = analysis.container_stack(eng, c)
    assert [l.kind for l in stack] == ["layer", "init", "rw"]
    assert analysis.serving_layer(stack, "/etc/passwd") == 2          # the copy-up
    assert analysis.serving_layer(stack, "/etc/passwd", 1) == 0       # before it: the image
    assert analysis.serving_layer(stack, "/bin/ls") is None           # whited out
    assert analysis.serving_layer(stack, "/etc/hosts") == 1           # the init layer
    info = analysis.explain(stack, "/etc/passwd")
    assert info["served_by"] == 2
    assert "copied up" in info["story"][0] and "from layer 1" in info["story"][0]
    assert [x["layer"] for x in info["copies"]] == [2, 0]
    assert "whiteout" in analysis.explain(stack, "/bin/ls")["story"][0]


def test_layer_entries_this_layer_and_so_far(eng):
    img = eng.images.get("app:1")
    stack = analysis.image_stack(eng, img)
    this = analysis.layer_entries(stack, 3)
    assert this["/opt/app/big"].mark == "D" and this["/opt/app/big"].size == 1024000
    assert this["/opt/app/version.txt"].mark == "C"
    so_far = analysis.merged_entries(stack, 3)
    assert so_far["/opt/app/version.txt"].layer == 3
    assert so_far["/opt/app/big"].mark == "D"
    assert so_far["/bin/sh"].layer == 0 and so_far["/bin/sh"].mark == ""
    before = analysis.merged_entries(stack, 2)
    assert before["/opt/app/big"].mark == "A" and before["/opt/app/big"].layer == 2


# ------------------------------------------------------------------------------ explorer
def test_explorer_data_layers_files_click(eng):
    x = D.explorer(eng, "c1")
    rows = x.layer_rows()
    assert rows[0][0].lstrip().startswith("rw") and rows[-1][1] == 0
    assert ("   ..", "..") not in x.listing()
    x.open("/etc")
    assert x.folder == "/etc" and x.listing()[0] == ("   ..", "..")
    html = x.open("/etc/passwd")
    assert "served by <b>the container layer</b>" in html and "copied up" in html
    x.changes_only = True
    assert [p for _, p in x.listing()] == [p for _, p in eng.containers.changes("c1")]
    assert "Volume mount vs bind mount" in x.mounts_html() and "/srv/www" in x.mounts_html()
    assert "efficiency score" in x.efficiency_html()


def test_explorer_shows_where_a_symlink_points(eng):
    """busybox's /lib64 is a symlink to lib: listed as `lib64 → lib` (as dive lists it), not
    as a 0-byte file (a student took it for an empty file)."""
    x = D.explorer(eng, "c1")
    rows = [text for text, path in x.listing() if path == "/lib64"]
    assert rows and "lib64 → lib" in rows[0], x.listing()
    assert all("→" not in text for text, path in x.listing() if path == "/etc")


def test_explorer_bundle_carries_the_static_fallback(eng):
    x = D.explorer(eng, "app:1")
    b = x._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in b
    assert "image/svg+xml" in b and "app:1" in b["text/plain"]


def test_explorer_without_ipywidgets_is_the_static_diagram(eng, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)       # import ipywidgets fails
    x = D.explorer(eng, "c1")
    assert x.widget is None
    b = x._repr_mimebundle_()
    assert {"image/svg+xml", "text/plain"} <= set(b) <= {"image/svg+xml", "image/png", "text/plain"}
    assert "container c1" in b["text/plain"]
    r = D.replay(eng)
    assert r.widget is None and "image/svg+xml" in r._repr_mimebundle_()


def test_explorer_widgets_react(eng):
    pytest.importorskip("ipywidgets")
    x = D.explorer(eng, "c1")
    x.w_files.value = "/etc"
    assert x.folder == "/etc" and x.w_files.options[0][1] == ".."
    x.w_files.value = "/etc/passwd"
    assert "copied up" in x.w_details.value
    x.w_layers.value = 0                     # the image's layer: before the copy-up
    x.w_files.value = "/etc/passwd"
    assert "served by <b>layer 1</b>" in x.w_details.value
    app = next(v for label, v in x.w_pick.options if label == "image app:1")
    x.w_pick.value = app
    assert "/opt/app/big" in x.w_eff.value and "app:1" in x.w_diagram.value


# ------------------------------------------------------------------------------ replay and watch
def test_replay_records_each_step_and_unfolds_builds(tmp_path):
    with own_session(tmp_path):
        e = session.reset(seed=5, clock="2026-01-01T00:00:00Z")
        assert session.build_cell(["-t", "app:1"], DOCKERFILE).exit_code == 0
        D.after_command("%%dockerfile -t app:1", e)
        D.after_command("%%dockerfile -t app:1", e)        # nothing changed: no frame
        _run('run --name w1 app:1 sh -c "echo v3 > version.txt"')
        D.after_command("docker run --name w1 app:1 sh -c 'echo v3 > version.txt'", e)
        frames = D.frames(e)
        labels = [f.label for f in frames]
        assert labels[-2] == "%%dockerfile -t app:1" and labels[-1].startswith("docker run")
        steps = [l for l in labels if "— layer" in l]
        assert [s.split("— ")[1].split(":")[0] for s in steps] == ["layer 1/4", "layer 2/4", "layer 3/4"]
        # the frame during the build draws the partial image, no container yet
        g = model.build(frames[2].state)
        assert [n.title for n in g.of_kind("image")] == ["app:1 (building)"]
        assert len(g.of_kind("layer")) == 3 and not g.of_kind("container")
        # the last frame: the container has copied version.txt up
        last = model.build(frames[-1].state)
        assert ("C", "/opt/app/version.txt") in [(m, p) for m, p, _ in last.of_kind("rw")[0].files]
        rp = D.replay(e)
        assert len(rp.frames) == len(frames)
        first, last_d = rp.draw(0), rp.draw(len(frames) - 1)
        assert f"after: [1/{len(frames)}] %%dockerfile -t app:1 — layer 1/4" in first.text
        assert "container w1" not in first.text and "container w1" in last_d.text
        assert rp.static.svg == last_d.svg
        if rp.widget is not None:
            rp.w_slider.value = 1
            assert "step 1 of" in rp.w_label.value


@pytest.mark.requires_dot
def test_a_replay_steps_long_command_does_not_shrink_the_drawing(tmp_path):
    """The step goes on a line of its own under the title, shortened: a long command (a build
    step's full label) once set the drawing's width, and the drawing, scaled to the output
    area, came out with unreadable 7 px text (lesson 3's replay, step 1)."""
    from dockstore_magic.diagram.rich import MAX_WIDTH, width_px
    with own_session(tmp_path):
        e = session.reset(seed=5, clock="2026-01-01T00:00:00Z")
        _run("pull busybox")
        state = snapshot.capture(e)
        long_step = "[1/12] %%dockerfile -t bigfile:1 — layer 1/3: " + "BusyBox 1.37.0 (glibc), Debian 12 " * 3
        plain = graphviz_render.render_svg(model.build(state))
        stepped = graphviz_render.render_svg(model.build(state, step=long_step))
        # never wider than the drawing itself, or than most of the output area: never scaled down
        assert width_px(stepped) <= max(width_px(plain), 0.8 * MAX_WIDTH), (width_px(plain), width_px(stepped))
        assert "after: [1/12] %%dockerfile -t bigfile:1" in stepped.replace("&#45;", "-") and "…" in stepped


def test_watch_mode_displays_after_each_command(monkeypatch, tmp_path):
    shown = []
    import IPython.display
    monkeypatch.setattr(IPython.display, "display", lambda obj, **k: shown.append(obj))
    with own_session(tmp_path), contextlib.ExitStack() as stack:
        stack.callback(D.watch, False)
        e = session.reset(seed=2, clock="2026-01-01T00:00:00Z")
        D.watch(True)
        _run("pull busybox")
        D.after_command("pull busybox", e)
        assert len(shown) == 1 and isinstance(shown[0], D.LayerDiagram)
        D.after_command("diagram", e)                       # drawing a diagram: no redraw
        assert len(shown) == 1
        D.watch(False)
        D.after_command("images", e)
        assert len(shown) == 1


def test_diagram_command_options(eng):
    from IPython.core.error import UsageError
    assert isinstance(D.diagram_command(["c1"], eng), D.LayerDiagram)
    assert "usage: %docker diagram" in repr(D.diagram_command(["--help"], eng))
    assert "container c1" in repr(D.diagram_command(["--text", "c1"], eng))
    assert D.diagram_command(["--no-dot", "c1"], eng).renderer == "python"
    with pytest.raises(UsageError, match="No such image or container: zz"):
        D.diagram_command(["zz"], eng)
    with pytest.raises(UsageError, match="unknown flag"):
        D.diagram_command(["--bogus"], eng)
    assert D.diagram_command(["--explore", "c1"], eng).ref == eng.container_store.get("c1").id
    try:
        D.diagram_command(["--watch"], eng)
        assert D.watching()
        D.diagram_command(["--no-watch"], eng)
        assert not D.watching()
    finally:
        D.watch(False)


def test_after_command_never_raises(monkeypatch):
    monkeypatch.setattr(history, "capture", lambda e: 1 / 0)
    D.after_command("run x", session.engine())               # logged, not raised


# ------------------------------------------------------------------------------ vfs: full copies
OVERLAY_WORDS = ("upperdir", "lowerdir", "overlay", "copied up", "copy-up", "whiteout",
                 "stored once", "disk saved", "/diff")


@pytest.fixture(scope="module")
def vfs():
    """A vfs engine of its own (the notebook's engine is left alone): python:3.12-slim and
    nginx (one shared Debian base layer) and a container that adds, changes and deletes."""
    from dockstore_magic.cli.main import DockerCLI
    from dockstore_magic.daemon import Engine
    e = Engine(storage_driver="vfs", seed=1, clock="2026-01-01T00:00:00Z")
    cli = DockerCLI(e)
    for cmd in ("pull python:3.12-slim", "pull nginx",
                'run --name app python:3.12-slim sh -c "echo hi > /etc/motd; '
                'echo x >> /etc/passwd; rm /usr/bin/ls; echo new > /etc/added"'):
        r = cli.run(__import__("shlex").split(cmd))
        assert r.exit_code == 0, r.stderr
    assert e.driver.name == "vfs"
    return e


def _layers_of(e, *images):
    seen = {}
    for name in images:
        for l in e.images.get(name).layers:
            seen.setdefault(l.chain_id, l)
    return list(seen.values())


def test_vfs_summary_counts_the_full_copies_not_a_saving(vfs):
    g = _graph(vfs, "app", "nginx")
    layers = _layers_of(vfs, "python:3.12-slim", "nginx")
    disk = sum(vfs.driver.disk_usage(l.cache_id) for l in layers)
    content = sum(l.size for l in layers)
    assert disk > 3 * content                   # every layer copies the ones below it
    assert g.notes[0] == (f"vfs: every layer is a full copy — {model.size(disk)} on disk for "
                          f"{model.size(content)} of image content (no copy-on-write)")
    c = vfs.container_store.get("app")
    copies = vfs.driver.disk_usage(c.rw.init_id) + vfs.driver.disk_usage(c.rw.mount_id)
    assert f"two more full copies: {model.size(copies)} on disk" in g.notes[1]
    assert not any("stored once" in n or "saved" in n for n in g.notes)
    assert any("docker diff compares whole trees" in n for n in g.notes)
    assert g.driver == "vfs" and "(vfs)" in g.title


def test_vfs_disk_figures_equal_the_drivers_disk_usage(vfs):
    g = _graph(vfs, "app", "nginx")
    drv = vfs.driver
    for l in _layers_of(vfs, "python:3.12-slim", "nginx"):
        n = g.node(model.layer_id(l.chain_id))
        assert n.copy and n.disk == drv.disk_usage(l.cache_id)
        assert n.lines[0].startswith(f"{model.size(l.size)} of changes")
        assert n.lines[1] == (f"full copy: {model.size(n.disk)} on disk · "
                              f"vfs/dir/{l.cache_id[:12]}…")
        assert not n.shared                      # nothing is drawn as stored once
    base = g.node(model.layer_id(vfs.images.get("nginx").layers[0].chain_id))
    assert len(base.users) == 3 and base.lines[2].startswith("used by ")
    c = vfs.container_store.get("app")
    st = snapshot.capture(vfs).find("app")
    init, rw = g.node(model.init_id(st)), g.node(model.rw_id(st))
    assert init.disk == drv.disk_usage(c.rw.init_id) and rw.disk == drv.disk_usage(c.rw.mount_id)
    assert init.lines[0] == f"vfs/dir/{c.rw.mount_id[:12]}…-init · {model.size(init.disk)} on disk"
    assert rw.lines[0] == f"vfs/dir/{c.rw.mount_id[:12]}… · {model.size(rw.disk)} on disk"
    assert rw.title == "container layer (read-write copy)"
    img = g.node(model.image_id(snapshot.capture(vfs).find("python:3.12-slim")))
    total = sum(drv.disk_usage(l.cache_id) for l in vfs.images.get("python:3.12-slim").layers)
    assert img.lines[1] == f"{model.size(total)} on disk: 4 full copies"
    # each layer, the init and the read-write layer sit on a full copy of the one below
    assert {e.label for e in g.edges if e.kind == "stack"} == {"full copy"}
    assert [e.label for e in g.edges if e.kind == "upper"] == ["mounted as /"]


def test_vfs_container_root_and_changes(vfs):
    g = _graph(vfs, "app")
    c = vfs.container_store.get("app")
    cnode = g.of_kind("container")[0]
    assert dict(cnode.ports)["root"] == f"/   (vfs copy: vfs/dir/{c.rw.mount_id[:12]}…)"
    rw = g.of_kind("rw")[0]
    # the A/C/D marks are the container's own changes (docker diff)
    assert [(m, p) for m, p, _ in rw.files] == vfs.containers.changes("app")
    notes = {p: n for _, p, n in rw.files}
    assert notes["/etc/passwd"].startswith("modified: ") and "in layer 1" in notes["/etc/passwd"]
    assert notes["/usr/bin/ls"] == "deleted from the copy (still in layer 1)"
    assert notes["/etc/added"] == "added" and notes["/etc"] == "changed (folder)"


def _assert_vfs_words(text: str):
    low = text.lower()
    for word in OVERLAY_WORDS:
        assert word not in low, word


def test_vfs_text_diagram_has_no_overlay_words(vfs):
    d = D.diagram(vfs, "app", "nginx", dot=False)
    body = d.text.split("\n", 1)[1]              # below the one line about graphviz
    _assert_vfs_words(body)
    c = vfs.container_store.get("app")
    assert f"/ ← vfs copy: vfs/dir/{c.rw.mount_id[:12]}…, the container's own full copy of the image" in body
    assert "every layer is a full copy" in body and "[used by: nginx:latest" in body
    assert " · full copy " in body and "D /usr/bin/ls" in body
    # the pure-Python SVG says the same
    text = _svg_texts(d.svg)
    _assert_vfs_words(text.replace(d.note, ""))
    for want in ("every layer is a full copy", "container layer (read-write copy)",
                 "init layer (full copy)", f"vfs/dir/{c.rw.mount_id[:12]}", "full copy:"):
        assert want in text, want


@pytest.mark.requires_dot
def test_vfs_graphviz_drawing_has_no_overlay_words(vfs):
    d = D.diagram(vfs, "app", "nginx")
    assert d.renderer == "graphviz"
    text = _svg_texts(d.svg)
    _assert_vfs_words(text)
    for want in ("every layer is a full copy", "mounted as /", "full copy", "(vfs copy: vfs/dir/",
                 "image layers: read-only full copies, in /var/lib/docker/vfs/dir"):
        assert want in text, want
    _assert_vfs_words(d.dot)                     # tooltips included


def test_vfs_explorer_speaks_of_copies(vfs):
    x = D.explorer(vfs, "app")
    c = vfs.container_store.get("app")
    rows = [t for t, _ in x.layer_rows()]
    assert rows[0].startswith(" rw ") and f"copy {model.size(vfs.driver.disk_usage(c.rw.mount_id)):>7}" in rows[0]
    html = x.open("/etc/passwd")
    assert "modified in place" in html and "what it changed" in html
    html_d = x.open("/usr/bin/ls")
    assert "removed from its read-write copy" in html_d and "deleted (gone from its copy)" in html_d
    eff = x.efficiency_html()
    assert "modified in place (no copy-up on vfs)" in eff
    for h in (html, html_d, eff):
        assert "copied up" not in h and "whiteout" not in h


def test_snapshot_records_disk_usage_for_replay(vfs):
    st = snapshot.capture(vfs)
    for l in st.layers:
        assert l.disk == vfs.driver.disk_usage(l.cache_id)
    c = st.find("app")
    assert c.rw_disk == vfs.driver.disk_usage(c.mount_id) and c.init_disk == vfs.driver.disk_usage(c.init_id)
    assert snapshot.capture(vfs) == st           # same state, equal snapshots
