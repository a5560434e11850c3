""":class:`LayerDiagram`: what ``%docker diagram`` and :func:`diagram` return — a rich output
with ``image/svg+xml`` (graphviz, or the pure-Python drawing without ``dot``) and a readable
``text/plain``, so executed notebooks show it on GitHub, nbviewer and in nbconvert.

The same state always gives byte-identical SVG (graphviz's version comment is removed), so
notebooks with stored outputs compare equal.  A drawing wider than an output area (900 px,
with JupyterLab's file browser open) is scaled down to it, never clipped.  With graphviz,
an ``image/png`` of the same drawing rides along: JupyterLab and Notebook 7 refuse to show
the SVG of an untrusted notebook (one just downloaded or opened fresh) and show the PNG
instead.  Without ``dot`` there is no PNG (no pure-Python rasteriser here): such a notebook
shows the text diagram until it is trusted or re-run.  Drawing never raises into the
notebook: a failure of the SVG leaves the text diagram and one line saying why."""
from __future__ import annotations

import base64
import logging
import re

from . import graphviz_render, svg_render, text_render
from .model import Graph

log = logging.getLogger("dockstore_magic.diagram")

MAX_WIDTH = 900       # px: a notebook's output area with JupyterLab's file browser open (~968)

_SIZE = re.compile(r'<svg\b([^>]*?)\bwidth="([0-9.]+)(pt|px)?"\s+height="([0-9.]+)(pt|px)?"')


def width_px(svg: str) -> float | None:
    """The drawing's width in CSS pixels (graphviz sizes in points: 4/3 px)."""
    m = _SIZE.search(svg)
    return None if not m else float(m.group(2)) * (4 / 3 if m.group(3) == "pt" else 1)


def fit(svg: str, max_width: int = MAX_WIDTH) -> str:
    """Scale a drawing wider than ``max_width`` pixels down to it (its viewBox keeps every
    part of it: scaled, never clipped)."""
    m = _SIZE.search(svg)
    w = width_px(svg)
    if w is None or w <= max_width:
        return svg
    h = float(m.group(4)) * (4 / 3 if m.group(5) == "pt" else 1)
    new = f'<svg{m.group(1)}width="{max_width}px" height="{h * max_width / w:.0f}px"'
    return svg[:m.start()] + new + svg[m.end():]


def _png_dpi(svg: str) -> float:
    """The PNG as wide as the SVG is shown: 96 dpi (a point is 4/3 px), less when scaled."""
    return 96 * min(1.0, MAX_WIDTH / (width_px(svg) or MAX_WIDTH))


class LayerDiagram:
    """A drawn layer diagram.  ``.svg``, ``.text`` and ``.dot`` (DOT source, or None without
    the graphviz package) give the drawings; ``.renderer`` says which drew the SVG
    (``"graphviz"``, ``"python"`` or ``""`` when none could)."""

    def __init__(self, graph: Graph, use_dot: bool | None = None):
        self.graph = graph
        self.note = ""
        self.renderer = ""
        self.svg = ""
        if use_dot is None:
            use_dot = graphviz_render.dot_available()
        self.png = b""
        if use_dot:
            try:
                raw = graphviz_render.render_svg(graph)
                self.svg = fit(raw)
                self.renderer = "graphviz"
                self.png = graphviz_render.render_png(graph, _png_dpi(raw))
            except graphviz_render.DotUnavailable as e:
                log.info("drawing without graphviz: %s", e)
            except Exception:                           # never a traceback in the notebook
                log.exception("graphviz drawing failed")
        if not self.svg:
            self.note = text_render.NO_DOT
            try:
                self.svg = fit(svg_render.render_svg(graph, banner=self.note))
                self.renderer = "python"
            except Exception:
                log.exception("pure-Python drawing failed")
                self.svg = ""
        self.text = text_render.render_text(graph, self.note)

    @property
    def dot(self) -> str | None:
        try:
            return graphviz_render.to_dot(self.graph).source
        except Exception:
            return None

    def _repr_mimebundle_(self, include=None, exclude=None):
        """SVG, plus a PNG of it (graphviz only) that a front end shows where it will not
        show an SVG — an untrusted notebook — sized like the SVG, and the text diagram."""
        return mimebundle(self.text, self.svg, self.png)

    def __repr__(self) -> str:
        return self.text

    def save(self, path: str) -> str:
        """Write the SVG (``*.svg``), the text (``*.txt``) or the DOT source (``*.dot``)."""
        data = self.dot if path.endswith(".dot") else self.text if path.endswith(".txt") else self.svg
        with open(path, "w", encoding="utf-8") as f:
            f.write(data or "")
        return path


def mimebundle(text: str, svg: str, png: bytes) -> dict:
    """What a drawing shows: its text, its SVG and a PNG of it where there is one."""
    bundle = {"text/plain": text}
    if svg:
        bundle["image/svg+xml"] = svg
    if png:
        bundle["image/png"] = base64.b64encode(png).decode("ascii")
    return bundle


class Drawing:
    """Another graphviz drawing (a ``graphviz.Digraph``) shown as the layer diagram is: SVG
    scaled to the output area, a PNG beside it, and ``text`` — all that is left without
    ``dot``, with one line saying so."""

    def __init__(self, digraph, text: str):
        self.text, self.svg, self.png = text, "", b""
        try:
            raw = graphviz_render.render_svg(digraph)
            self.svg = fit(raw)
            self.png = graphviz_render.render_png(digraph, _png_dpi(raw))
        except graphviz_render.DotUnavailable:
            self.text = text_render.NO_DOT.split(",")[0] + ": the drawing is shown as text.\n" + text
        except Exception:                               # never a traceback in the notebook
            log.exception("drawing failed")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return mimebundle(self.text, self.svg, self.png)

    def __repr__(self) -> str:
        return self.text
