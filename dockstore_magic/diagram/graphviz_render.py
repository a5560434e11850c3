"""The layer diagram drawn by graphviz: the model as DOT (with the ``graphviz`` package),
piped through ``dot -Tsvg``.  Without the ``dot`` program :class:`DotUnavailable` is raised
and the caller falls back to the pure-Python drawing."""
from __future__ import annotations

import functools
import hashlib
import re
import shutil
import subprocess
from html import escape

from . import style as S
from .model import Graph, Node, step_line


class DotUnavailable(RuntimeError):
    """graphviz's ``dot`` program is missing (or failed): draw without it."""


def dot_available() -> bool:
    try:
        import graphviz  # noqa: F401
    except ImportError:
        return False
    return shutil.which("dot") is not None


def _e(s) -> str:
    return escape(str(s), quote=True)


def _label(n: Node) -> str:
    """An HTML-like label: a bold title, grey lines, coloured A/C/D rows, ports."""
    rows = [f'<TR><TD ALIGN="LEFT"><B>{_e(n.title)}</B></TD></TR>']
    for line in n.lines:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{S.MUTED}">{_e(line)}</FONT></TD></TR>')
    for mark, path, note in n.files:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{S.MARK[mark]}">'
                    f'<B>{mark}</B>  {_e(path)}</FONT><FONT POINT-SIZE="9" COLOR="{S.MUTED}">'
                    f'   {_e(note)}</FONT></TD></TR>')
    if n.more_files:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{S.MUTED}">'
                    f'… and {n.more_files} more (docker diff)</FONT></TD></TR>')
    if n.ports:
        rows = [f'<TR><TD ALIGN="LEFT" BORDER="0"><B>{_e(n.title)}</B></TD></TR>']
        rows += [f'<TR><TD ALIGN="LEFT" BORDER="0"><FONT POINT-SIZE="10" COLOR="{S.MUTED}">{_e(l)}</FONT></TD></TR>'
                 for l in n.lines]
        for port, text in n.ports:
            rows.append(f'<TR><TD ALIGN="LEFT" PORT="{port}" BORDER="1" COLOR="{S.BORDER["container"]}" '
                        f'BGCOLOR="#f6f8fa"><FONT FACE="monospace" POINT-SIZE="10">{_e(text)}</FONT></TD></TR>')
        return (f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="3" CELLPADDING="3" '
                f'COLOR="{S.BORDER["container"]}" BGCOLOR="{S.FILL["container"]}">' + "".join(rows) + "</TABLE>>")
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


_SHAPES = {"layer": "box", "image": "tab", "init": "box", "rw": "box", "volume": "cylinder",
           "bind": "folder", "tmpfs": "box3d"}


def to_dot(g: Graph):
    """A ``graphviz.Digraph`` of the model (bottom-up: base layers at the bottom)."""
    import graphviz
    glabel = ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
              f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="14"><B>{_e(g.title)}</B></FONT></TD></TR>'
              + "".join(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11"><B>{_e(line)}</B></FONT></TD></TR>'
                        for line in step_line(g))
              + "".join(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{S.MUTED}">{_e(n)}</FONT></TD></TR>'
                        for n in g.notes) + "</TABLE>>")
    d = graphviz.Digraph("layers", format="svg")
    d.attr(rankdir="BT", bgcolor=S.BACKGROUND, fontname=S.FONT, fontcolor=S.TEXT, label=glabel,
           labelloc="t", labeljust="l", nodesep="0.3", ranksep="0.35", pad="0.25",
           newrank="true", compound="true")
    d.attr("node", fontname=S.FONT, fontsize="11", fontcolor=S.TEXT, margin="0.12,0.06")
    d.attr("edge", fontname=S.FONT, fontsize="9", arrowsize="0.7")
    by_cluster: dict[str, list[Node]] = {}
    for n in g.nodes:
        by_cluster.setdefault(n.cluster, []).append(n)

    def add_node(target, n: Node):
        if n.kind == "container":
            target.node(n.id, _label(n), shape="plain", tooltip=n.tooltip)
            return
        kind = "shared" if n.kind == "layer" and n.shared else n.kind
        target.node(n.id, _label(n), shape=_SHAPES.get(n.kind, "box"),
                    style="rounded,filled" if n.kind in ("layer", "init", "rw") else "filled",
                    fillcolor=S.FILL[kind], color=S.BORDER[kind],
                    penwidth="2" if kind in ("shared", "rw") else "1", tooltip=n.tooltip)

    for n in by_cluster.get("", []):
        add_node(d, n)
    for cl in g.clusters:
        with d.subgraph(name=f"cluster_{cl.id}") as sub:
            sub.attr(label=cl.label, style="rounded,filled", fillcolor=S.CLUSTER[cl.kind],
                     color="#d0d7de", fontsize="10", fontcolor=S.MUTED, labeljust="l")
            for n in by_cluster.get(cl.id, []):
                add_node(sub, n)
    for e in g.edges:
        attrs = {"color": S.EDGE[e.kind]}
        if e.kind == "image":
            attrs.update(style="dashed", arrowhead="none")
        if e.kind in ("volume", "bind", "tmpfs"):
            attrs.update(penwidth="1.6", label=e.label, fontcolor=S.EDGE[e.kind])
        if e.kind == "upper":
            attrs.update(label=e.label, fontcolor=S.EDGE[e.kind], penwidth="1.6")
        if e.kind == "stack" and e.label:          # vfs: each layer is a copy of the one below
            attrs.update(label=e.label, fontcolor=S.MUTED)
        dst = f"{e.dst}:{e.port}" if e.port else e.dst
        d.edge(e.src, dst, **attrs)
    return d


_VERSION_COMMENT = re.compile(r"<!-- Generated by graphviz version [^>]*-->\s*")
_TITLE_COMMENT = re.compile(r"<!-- Title: [^>]*-->\s*")
_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", re.S)


def clean_svg(svg: str) -> str:
    """graphviz's SVG without what varies between installs (its version comment) and
    without the XML prolog and doctype, so it can be embedded in HTML as it is."""
    svg = _VERSION_COMMENT.sub("", svg)
    svg = _TITLE_COMMENT.sub("", svg)
    svg = _PROLOG.sub("", svg)
    return svg.strip() + "\n"


def _pipe(g, fmt: str, **graph_attr) -> bytes:
    """Run ``dot`` on a layer diagram's :class:`Graph` (or on a ready ``graphviz.Digraph``)."""
    if not dot_available():
        raise DotUnavailable("graphviz's dot program was not found")
    import graphviz
    d = g.copy() if isinstance(g, graphviz.Digraph) else to_dot(g)
    d.graph_attr.update(graph_attr)
    try:
        return d.pipe(format=fmt)
    except graphviz.ExecutableNotFound as e:
        raise DotUnavailable(str(e)) from None
    except (graphviz.CalledProcessError, subprocess.SubprocessError, OSError) as e:
        raise DotUnavailable(f"dot failed: {e}") from None


def render_svg(g) -> str:
    svg = clean_svg(_pipe(g, "svg").decode("utf-8"))   # "<svg …>" first: the fingerprint inside it
    return svg.replace(">", f">\n<!-- {METRICS_COMMENT} {text_metrics()} -->", 1)


def render_png(g, dpi: float = 96) -> bytes:
    """The same drawing as a PNG (what a front end shows when it will not show an SVG: an
    untrusted notebook); at 96 dpi it is as wide as the SVG is shown."""
    return _pipe(g, "png", dpi=f"{dpi:.2f}")


#: The comment inside every graphviz-drawn SVG: what its layout depends on besides the
#: graph (``dot``'s text layout sizes each label with the fonts this machine has).
METRICS_COMMENT = "dot text metrics:"
_PROBE_TEXT = "RUN apt-get install -y python3 · 74.8MB · sha256:b7e9801e1974 ~/_data"


@functools.lru_cache(maxsize=None)
def text_metrics() -> str:
    """A short fingerprint of how this machine's ``dot`` measures the diagrams' text:
    the width and height it gives a probe label in each font size and face the diagrams
    use.  Two machines with the same fingerprint draw the same graph to the same SVG;
    different fonts (or a different graphviz) change it.  Notebook tests compare stored
    pictures only with pictures of the same fingerprint."""
    rows = "".join(f'<TR><TD><FONT POINT-SIZE="{size}">{open_}{_e(_PROBE_TEXT)}{close}</FONT></TD></TR>'
                   for size in (9, 10, 11, 14)
                   for open_, close in (("", ""), ("<B>", "</B>")))
    rows += f'<TR><TD><FONT FACE="monospace" POINT-SIZE="10">{_e(_PROBE_TEXT)}</FONT></TD></TR>'
    source = (f'digraph probe {{ node [shape=plain fontname="{S.FONT}"]; '
              f'p [label=<<TABLE>{rows}</TABLE>>] }}')
    try:
        out = subprocess.run([shutil.which("dot") or "dot", "-Tsvg"], input=source,
                             capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unavailable"
    sizes = re.findall(r'<svg width="([^"]+)" height="([^"]+)"', out)
    texts = re.findall(r'<text [^>]*x="([^"]+)"', out)
    return hashlib.sha256(repr((sizes, texts)).encode()).hexdigest()[:16]

