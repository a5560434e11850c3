"""The explorer (ipywidgets, for a live kernel): pick an image or container; its layers
with their sizes; the file tree of one layer ("this layer") or of the stack up to it
("so far") with A/C/D marks; a click on a file tells which layer serves it and what
copy-up did to it; the image's wasted space and efficiency score as dive reports them; a
volume vs bind mount panel.  And the replay slider over the session's recorded steps.

On vfs (no copy-on-write) the words follow the driver: every layer is a full copy, so the
layer list shows what each copy takes on disk, and a changed file is "modified in place in
the container's copy", never "copied up".

ipywidgets is imported lazily.  Each view's rich output also carries the static diagram
(``image/svg+xml`` + ``text/plain``): a front end without the widget manager (nbconvert,
nbviewer, GitHub, a terminal) shows that instead."""
from __future__ import annotations

import html
import logging

from . import analysis, model, snapshot
from .model import size
from .rich import LayerDiagram

log = logging.getLogger("dockstore_magic.diagram")

CSS = """<style>
.dsm-explorer select, .dsm-mono { font-family: var(--jp-code-font-family, monospace) !important;
  font-size: 12px !important; }
.dsm-panel { color: var(--jp-ui-font-color1, inherit); font-size: 12px; line-height: 1.45; }
.dsm-panel table { border-collapse: collapse; }
.dsm-panel td, .dsm-panel th { padding: 2px 8px; border-bottom: 1px solid var(--jp-border-color2, #ddd);
  text-align: left; vertical-align: top; }
.dsm-A { color: #2da44e; font-weight: bold; } .dsm-C { color: #d4791c; font-weight: bold; }
.dsm-D { color: #e5534b; font-weight: bold; }
.dsm-diagram { border-radius: 6px; }
.dsm-diagram svg { max-width: 100%; height: auto; }
</style>"""


def widgets_available() -> bool:
    try:
        import ipywidgets  # noqa: F401
    except Exception:
        return False
    return True


def _e(s) -> str:
    return html.escape(str(s))


def _mark(m: str) -> str:
    return f'<span class="dsm-{m}">{m}</span>' if m else "&nbsp;"


def _inline(svg: str) -> str:
    return f'<div class="dsm-diagram">{svg}</div>'


class _Static:
    """Shared by the views: their static fallback in every rich output."""

    static: LayerDiagram
    widget = None

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.static._repr_mimebundle_())
        if self.widget is not None:
            try:
                wb = self.widget._repr_mimebundle_()
            except Exception:
                log.exception("widget bundle failed")
                wb = None
            if wb:
                for k, v in wb.items():
                    if k != "text/plain":
                        bundle[k] = v
        return bundle

    def __repr__(self) -> str:
        return self.static.text


# ------------------------------------------------------------------------------ the explorer
class Explorer(_Static):
    def __init__(self, engine, ref: str | None = None, use_dot: bool | None = None):
        self.engine = engine
        self.use_dot = use_dot
        self.state = snapshot.capture(engine)
        self.vfs = model.full_copies(self.state.driver)
        choices = self.choices()
        if ref is None:
            ref = choices[0][1] if choices else None
        else:
            hit = self.state.find(ref)
            if hit is None:
                raise model.DiagramError(f"No such image or container: {ref}")
            ref = hit.id
        self.ref = ref
        self.static = LayerDiagram(model.build(self.state, [ref] if ref else []), use_dot)
        self.index = 0
        self.mode = "so far"
        self.changes_only = False
        self.folder = "/"
        self.selected_path: str | None = None
        self.stack: list[analysis.StackLayer] = []
        self._load()
        self.widget = self._build_widget() if widgets_available() else None

    # ---- data (usable without widgets, and tested so)
    def choices(self) -> list[tuple[str, str]]:
        out = [(f"image {i.name}", i.id) for i in self.state.images if i.id]
        out += [(f"container {c.name}", c.id) for c in self.state.containers]
        return out

    def _load(self) -> None:
        self.stack = []
        if self.ref is None:
            return
        hit = self.state.find(self.ref)
        if isinstance(hit, snapshot.ContainerInfo):
            self.stack = analysis.container_stack(self.engine, self.engine.container_store.get(hit.id))
        elif hit is not None:
            self.stack = analysis.image_stack(self.engine, self.engine.image_store.get(hit.id))
        self.index = len(self.stack) - 1
        self.folder = "/"
        self.selected_path = None

    def layer_rows(self) -> list[tuple[str, int]]:
        """(text, index) per layer, top first: its size (its own changes) and, on vfs, what
        its full copy takes on disk."""
        rows = []
        for i in range(len(self.stack) - 1, -1, -1):
            l = self.stack[i]
            tag = {"layer": f"{i + 1:>2}", "init": "init", "rw": " rw "}[l.kind]
            disk = f"  copy {size(self.disk(l)):>7}" if self.vfs else ""
            rows.append((f"{tag}  {size(l.size):>7}{disk}  {model.shorten(l.label, 60)}", i))
        return rows

    def disk(self, l: analysis.StackLayer) -> int:
        """Bytes the layer's folder takes on the host (driver.disk_usage; vfs: a full copy)."""
        if l.kind == "layer":
            info = self.state.layer(l.key)
            return info.disk if info else 0
        hit = self.state.find(self.ref) if self.ref else None
        if isinstance(hit, snapshot.ContainerInfo):
            return hit.init_disk if l.kind == "init" else hit.rw_disk
        return 0

    def entries(self) -> dict[str, analysis.Entry]:
        if not self.stack:
            return {}
        if self.mode == "this layer":
            return analysis.layer_entries(self.stack, self.index)
        return analysis.merged_entries(self.stack, self.index)

    def listing(self) -> list[tuple[str, str]]:
        """The lines of the file list: (text, path); folders navigate, files explain."""
        ents = self.entries()
        if self.changes_only:
            return [(f"{e.mark} {e.path}{'/' if e.kind == 'dir' else ''}  {_fsize(e)}", e.path)
                    for e in ents.values() if e.mark]
        base = self.folder.rstrip("/")
        pre = base + "/"
        rows = [("   ..", "..")] if base else []
        for path, e in ents.items():
            if not path.startswith(pre) or "/" in path[len(pre):]:
                continue
            name = path[len(pre):] + ("/" if e.kind == "dir" else f" → {e.target}" if e.target else "")
            rows.append((f"{e.mark or ' '}  {name:<40} {_fsize(e)}", path))
        return rows

    def open(self, path: str) -> str:
        """A click on ``path``: a folder is entered; the details HTML is returned."""
        if path == "..":
            self.folder = self.folder.rstrip("/").rsplit("/", 1)[0] or "/"
            return self.details(self.folder)
        e = self.entries().get(path)
        if e is not None and e.kind == "dir" and not self.changes_only:
            self.folder = path
        self.selected_path = path
        return self.details(path)

    def details(self, path: str) -> str:
        if not self.stack or path in ("/", ""):
            return f'<div class="dsm-panel">folder <b>{_e(self.folder)}</b></div>'
        info = analysis.explain(self.stack, path, self.index, full_copies=self.vfs)
        s = info["served_by"]
        out = [f'<div class="dsm-panel"><b class="dsm-mono">{_e(path)}</b><br>']
        if s is None:
            out.append("not in the merged view at this layer (deleted or not yet created)<br>")
        else:
            l = self.stack[s]
            out.append(f"served by <b>{_layer_name(l, s)}</b>: {_e(model.shorten(l.label, 70))}<br>")
        if info["copies"]:
            head = "what it changed" if self.vfs else "what it holds"
            out.append(f"<table><tr><th>layer</th><th>{head}</th><th>size</th></tr>")
            for c in info["copies"]:
                gone = "deleted (gone from its copy)" if self.vfs else "whiteout (deletes it)"
                what = gone if c["kind"] == "whiteout" else c["kind"]
                out.append(f"<tr><td>{_layer_name(self.stack[c['layer']], c['layer'])}</td>"
                           f"<td>{_e(what)}</td><td>{c['size']} B</td></tr>")
            out.append("</table>")
        for line in info["story"]:
            out.append(f"<p>{_e(line)}</p>")
        out.append("</div>")
        return "".join(out)

    def efficiency_html(self) -> str:
        img_stack = [l for l in self.stack if l.kind == "layer"]
        if not img_stack:
            return '<div class="dsm-panel">no layers</div>'
        eff = analysis.efficiency(img_stack)
        out = ['<div class="dsm-panel"><b>Image efficiency (as dive reports it)</b><br>',
               f"efficiency score: <b>{eff.score * 100:.2f} %</b><br>",
               f"total image size: {size(eff.total)}; potential wasted space: <b>{size(eff.wasted)}</b>"
               f" ({eff.wasted_user_percent * 100:.1f} % of the layers above the base)<br>"]
        if eff.inefficiencies:
            out.append("<table><tr><th>count</th><th>wasted</th><th>path</th></tr>")
            shown = [x for x in eff.inefficiencies if x.wasted] or eff.inefficiencies
            for x in shown[:8]:
                out.append(f"<tr><td>{x.count}</td><td>{size(x.wasted)}</td>"
                           f"<td class='dsm-mono'>{_e(x.path)}</td></tr>")
            out.append("</table>")
            if len(shown) > 8:
                out.append(f"… and {len(shown) - 8} more")
        else:
            out.append("no file is written in one layer and overwritten or deleted in a later one")
        rw = [l for l in self.stack if l.kind == "rw"]
        if rw:
            hit = self.state.find(self.ref)
            ups = [c for c in hit.changes if c.kind == "C" and c.ftype == "file"]
            dup = sum(c.origin_size for c in ups)
            if self.vfs:
                out.append(f"<p>container layer: {size(rw[0].size)} changed; {len(ups)} file(s) "
                           f"modified in place (no copy-up on vfs); its init and read-write "
                           f"layers are full copies: {size(hit.init_disk + hit.rw_disk)} on disk</p>")
            else:
                out.append(f"<p>container layer: {size(rw[0].size)}; {len(ups)} file(s) copied up, "
                           f"{size(dup)} of the image duplicated by copy-up</p>")
        out.append("</div>")
        return "".join(out)

    def mounts_html(self) -> str:
        return mounts_html(self.state, self.ref)

    # ---- widgets
    def _build_widget(self):
        import ipywidgets as W
        self.w_pick = W.Dropdown(options=self.choices(), value=self.ref, description="show",
                                 layout=W.Layout(width="420px"))
        self.w_diagram = W.HTML(_inline(self.static.svg) if self.static.svg else f"<pre>{_e(self.static.text)}</pre>")
        self.w_layers = W.Select(options=self.layer_rows(), value=self.index, rows=8,
                                 layout=W.Layout(width="520px"))
        self.w_mode = W.ToggleButtons(
            options=["so far", "this layer"], value=self.mode,
            tooltips=(["the full copy: everything up to this layer",
                       "only what this layer changed (its folder is a full copy)"] if self.vfs else
                      ["the merged view of the layers up to this one",
                       "only this layer's own folder"]))
        self.w_changes = W.Checkbox(value=False, description="changes only", indent=False)
        self.w_folder = W.HTML()
        self.w_files = W.Select(options=self.listing(), rows=14, layout=W.Layout(width="520px"))
        self.w_details = W.HTML(self.details("/"))
        self.w_eff = W.HTML(self.efficiency_html())
        self.w_mounts = W.HTML(self.mounts_html())
        self.w_pick.observe(self._on_pick, names="value")
        self.w_layers.observe(self._on_layer, names="value")
        self.w_mode.observe(self._on_mode, names="value")
        self.w_changes.observe(self._on_changes, names="value")
        self.w_files.observe(self._on_file, names="value")
        self._refresh_folder()
        head = ("<b>layers</b> (top first: own changes, full copy on disk)" if self.vfs
                else "<b>layers</b> (top first)")
        left = W.VBox([W.HTML(head), self.w_layers,
                       W.HBox([self.w_mode, self.w_changes]), self.w_folder, self.w_files])
        right = W.VBox([self.w_details], layout=W.Layout(width="460px"))
        box = W.VBox([W.HTML(CSS), self.w_pick, self.w_diagram, W.HBox([left, right]),
                      W.HBox([self.w_eff, self.w_mounts])])
        box.add_class("dsm-explorer")
        for w, name in ((self.w_layers, "dsm-layers"), (self.w_files, "dsm-files"),
                        (self.w_details, "dsm-details"), (self.w_pick, "dsm-pick")):
            w.add_class(name)
        return box

    def _refresh_folder(self) -> None:
        where = "changed paths" if self.changes_only else f"folder <b>{_e(self.folder)}</b>"
        l = self.stack[self.index] if self.stack else None
        what = (f" — {self.mode} ({_layer_name(l, self.index)})" if l else "")
        self.w_folder.value = f'<div class="dsm-panel">{where}{what}</div>'

    def _relist(self) -> None:
        self.w_files.unobserve(self._on_file, names="value")
        self.w_files.options = self.listing()
        self.w_files.value = None
        self.w_files.observe(self._on_file, names="value")
        self._refresh_folder()

    def _on_pick(self, change) -> None:
        self.ref = change["new"]
        self.static = LayerDiagram(model.build(self.state, [self.ref]), self.use_dot)
        self.w_diagram.value = _inline(self.static.svg) if self.static.svg else f"<pre>{_e(self.static.text)}</pre>"
        self._load()
        self.w_layers.unobserve(self._on_layer, names="value")
        self.w_layers.options = self.layer_rows()
        self.w_layers.value = self.index
        self.w_layers.observe(self._on_layer, names="value")
        self.w_eff.value = self.efficiency_html()
        self.w_mounts.value = self.mounts_html()
        self.w_details.value = self.details("/")
        self._relist()

    def _on_layer(self, change) -> None:
        if change["new"] is None:
            return
        self.index = change["new"]
        self._relist()

    def _on_mode(self, change) -> None:
        self.mode = change["new"]
        self._relist()

    def _on_changes(self, change) -> None:
        self.changes_only = bool(change["new"])
        self._relist()

    def _on_file(self, change) -> None:
        path = change["new"]
        if path is None:
            return
        try:
            self.w_details.value = self.open(path)
        except Exception as e:                  # a click must never break the widget
            log.exception("explorer click")
            self.w_details.value = f"<pre>{_e(type(e).__name__)}: {_e(e)}</pre>"
        e = self.entries().get(path)
        if path == ".." or (e is not None and e.kind == "dir" and not self.changes_only):
            self._relist()


# Left-aligned by an inline style: an untrusted notebook shows the HTML without the CSS above
# (front ends sanitize it), and JupyterLab right-aligns table cells by default.
_LEFT = ' style="text-align:left"'


def _row(cells, head: bool = False, mono=()) -> str:
    tag = "th" if head else "td"
    mono_class = " class='dsm-mono'"
    return "<tr>" + "".join(f"<{tag}{_LEFT}{mono_class if i in mono else ''}>{c}</{tag}>"
                            for i, c in enumerate(cells)) + "</tr>"


_KINDS = ("<b>Volume mount vs bind mount</b><table>"
          + _row(["", "volume (-v NAME:/path)", "bind mount (-v /host/path:/path)", "tmpfs (--tmpfs /path)"], head=True)
          + _row(["where the data lives", "/var/lib/docker/volumes/NAME/_data", "any folder of the host", "memory only"])
          + _row(["managed by", "Docker (docker volume ls/rm)", "you", "nobody"])
          + _row(["filled from the image", "yes, when empty", "no: hides the image's folder", "no"])
          + _row(["after docker rm", "kept", "kept", "gone"]) + "</table>")


def _container_mounts(hit) -> str:
    """The mounts of one container, each with where its data is on the host."""
    if not hit.mounts:
        return (f"<p>container <b>{_e(hit.name)}</b> has no mounts: everything it "
                "writes goes to its read-write layer.</p>")
    out = [f"<p>mounts of container <b>{_e(hit.name)}</b>:</p><table>",
           _row(["container path", "type", "on the host", "size"], head=True)]
    for m in hit.mounts:
        src = m.source if m.type != "tmpfs" else "(memory)"
        out.append(_row([_e(m.destination), f"{m.type}{'' if m.rw else ' (ro)'}", _e(src), size(m.size)],
                        mono=(0, 2)))
    out.append("</table>")
    return "".join(out)


def mounts_html(state, ref: str | None) -> str:
    """The volume vs bind mount (vs tmpfs) panel: what each kind is, then the mounts of the
    container ``ref`` (an ID or name), each with where its data is on the host."""
    hit = state.find(ref) if ref else None
    mounts = _container_mounts(hit) if isinstance(hit, snapshot.ContainerInfo) else ""
    return f'<div class="dsm-panel">{_KINDS}{mounts}</div>'


# ------------------------------------------------------------------------------ mounts panel
class MountsPanel:
    """The volume vs bind mount panel on its own, for containers side by side: a button per
    container; a click shows that container's mounts and where their data lives.  Its rich
    output also carries, as HTML, the panel with every container's mounts one after the other
    (what a front end without the widget manager, or an untrusted notebook, shows)."""

    def __init__(self, engine, refs=()):
        self.state = snapshot.capture(engine)
        found = [self.state.find(r) for r in refs] if refs else list(self.state.containers)
        missing = [r for r, hit in zip(refs, found) if not isinstance(hit, snapshot.ContainerInfo)]
        if missing:
            raise model.DiagramError(f"No such container: {missing[0]}")
        self.containers = found
        self.ref = found[0].id if found else None
        self.widget = self._build_widget() if widgets_available() and found else None

    def html(self, ref: str | None = None) -> str:
        return mounts_html(self.state, ref or self.ref)

    def static_html(self) -> str:
        """Every container's mounts one after the other (no button to click without the
        widget)."""
        return (f'<div class="dsm-panel">{_KINDS}'
                + "".join(_container_mounts(c) for c in self.containers) + "</div>")

    def text(self) -> str:
        lines = ["volume: a folder Docker manages (/var/lib/docker/volumes/NAME/_data), kept after docker rm",
                 "bind mount: any folder of the host, yours; hides what the image has at that path",
                 "tmpfs: memory only, gone when the container stops"]
        for c in self.containers:
            lines.append(f"container {c.name}:")
            lines += [f"  {m.destination}  {m.type}{'' if m.rw else ' (ro)'}  "
                      f"{m.source if m.type != 'tmpfs' else '(memory)'}" for m in c.mounts] or ["  no mounts"]
        return "\n".join(lines)

    def _build_widget(self):
        import ipywidgets as W
        self.w_pick = W.ToggleButtons(options=[(c.name, c.id) for c in self.containers],
                                      value=self.ref, description="container")
        self.w_panel = W.HTML(self.html())
        self.w_pick.observe(self._on_pick, names="value")
        box = W.VBox([W.HTML(CSS), self.w_pick, self.w_panel])
        box.add_class("dsm-mounts")
        return box

    def _on_pick(self, change) -> None:
        self.ref = change["new"]
        self.w_panel.value = self.html()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self.text(), "text/html": self.static_html()}
        if self.widget is not None:
            bundle.update({k: v for k, v in self.widget._repr_mimebundle_().items() if k != "text/plain"})
        return bundle

    def __repr__(self) -> str:
        return self.text()


def _fsize(e: analysis.Entry) -> str:
    return "" if e.kind == "dir" else size(e.size)


def _layer_name(l: analysis.StackLayer, i: int) -> str:
    return {"layer": f"layer {i + 1}", "init": "the init layer",
            "rw": "the container layer"}[l.kind]


# ------------------------------------------------------------------------------ replay
class Replay(_Static):
    """A slider over the recorded frames; the diagram is redrawn as it was at each step."""

    def __init__(self, engine, refs=(), use_dot: bool | None = None):
        from .history import recorder
        rec = recorder(engine)
        self.frames = list(rec.frames)
        if not self.frames:
            rec.record(engine, "(now)")
            self.frames = list(rec.frames)
        self.refs = tuple(refs)
        self.use_dot = use_dot
        self._cache: dict[int, LayerDiagram] = {}
        self.static = self.draw(len(self.frames) - 1)
        self.widget = self._build_widget() if widgets_available() else None

    def draw(self, i: int) -> LayerDiagram:
        d = self._cache.get(i)
        if d is None:
            f = self.frames[i]
            refs = [r for r in self.refs if f.state.find(r) is not None]
            g = model.build(f.state, refs, step=f"[{i + 1}/{len(self.frames)}] {f.label}")
            d = self._cache[i] = LayerDiagram(g, self.use_dot)
        return d

    def steps_text(self) -> str:
        return "\n".join(f"{i + 1:>3}. {f.label}" for i, f in enumerate(self.frames))

    def _build_widget(self):
        import ipywidgets as W
        n = len(self.frames)
        self.w_slider = W.IntSlider(value=n, min=1, max=n, step=1, description="step",
                                    continuous_update=False, layout=W.Layout(width="600px"))
        self.w_label = W.HTML(self._label(n - 1))
        self.w_diagram = W.HTML(_inline(self.static.svg))
        self.w_slider.observe(self._on_step, names="value")
        self.w_play = W.Play(value=n, min=1, max=n, step=1, interval=1500, description="play")
        W.jslink((self.w_play, "value"), (self.w_slider, "value"))
        box = W.VBox([W.HTML(CSS), W.HBox([self.w_play, self.w_slider]), self.w_label,
                      self.w_diagram])
        box.add_class("dsm-replay")
        return box

    def _label(self, i: int) -> str:
        return (f'<div class="dsm-panel">step {i + 1} of {len(self.frames)}: '
                f'<b class="dsm-mono">{_e(self.frames[i].label)}</b></div>')

    def _on_step(self, change) -> None:
        i = change["new"] - 1
        d = self.draw(i)
        self.w_label.value = self._label(i)
        self.w_diagram.value = _inline(d.svg) if d.svg else f"<pre>{_e(d.text)}</pre>"
