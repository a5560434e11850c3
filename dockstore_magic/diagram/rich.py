""":class:`LayerDiagram`: what ``%docker diagram`` and :func:`diagram` return — a rich output
with ``image/svg+xml`` (graphviz, or the pure-Python drawing without ``dot``) and a readable
``text/plain``, so executed notebooks show it on GitHub, nbviewer and in nbconvert.

The same state always gives byte-identical SVG (graphviz's version comment is removed), so
notebooks with stored outputs compare equal.  Drawing never raises into the notebook: a
failure of the SVG leaves the text diagram and one line saying why."""
from __future__ import annotations

import logging

from . import graphviz_render, svg_render, text_render
from .model import Graph

log = logging.getLogger("dockstore_magic.diagram")


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
        if use_dot:
            try:
                self.svg = graphviz_render.render_svg(graph)
                self.renderer = "graphviz"
            except graphviz_render.DotUnavailable as e:
                log.info("drawing without graphviz: %s", e)
            except Exception:                           # never a traceback in the notebook
                log.exception("graphviz drawing failed")
        if not self.svg:
            self.note = text_render.NO_DOT
            try:
                self.svg = svg_render.render_svg(graph, banner=self.note)
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
        bundle = {"text/plain": self.text}
        if self.svg:
            bundle["image/svg+xml"] = self.svg
        return bundle

    def __repr__(self) -> str:
        return self.text

    def save(self, path: str) -> str:
        """Write the SVG (``*.svg``), the text (``*.txt``) or the DOT source (``*.dot``)."""
        data = self.dot if path.endswith(".dot") else self.text if path.endswith(".txt") else self.svg
        with open(path, "w", encoding="utf-8") as f:
            f.write(data or "")
        return path
