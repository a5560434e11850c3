"""The map of ``/var/lib/docker``: which folders each image, container and volume owns, and
how Docker's bookkeeping leads from a name to the files (lesson 1).

    repositories.json   tag → image ID
    image/overlay2/imagedb/content/sha256/<image ID>     the image's config (its diffIDs)
    image/overlay2/layerdb/sha256/<chainID>/cache-id     → the layer's folder name
    overlay2/<cache-id>/diff                              the layer's files
    containers/<id>/                                      config, hostname, hosts, <id>-json.log
    overlay2/<mount-id>/diff, overlay2/<mount-id>-init/   the container's two layers
    volumes/<name>/_data                                  a volume's files

Sources: moby ``layer/filestore.go`` (layerdb's ``cache-id``, ``diff``, ``parent``),
``image/store.go`` and ``image/fs.go`` (imagedb), ``daemon/graphdriver/overlay2/overlay.go``
(the layer folders), ``volume/local/local.go`` (``volumes/<name>/_data``).

Drawn with graphviz (SVG and PNG, scaled to an output area); without ``dot``, the same map
as indented text."""
from __future__ import annotations

from . import style as S
from .rich import Drawing
from .snapshot import State, capture

ROOT = "/var/lib/docker"


def _short(h: str, n: int = 12) -> str:
    return h.split(":", 1)[-1][:n]


def _n(kind: str, ident: str) -> str:
    """A graphviz node name (a colon would name a port)."""
    return f"{kind}_{ident.replace(':', '_')}"


def map_text(state: State) -> str:
    lines = [f"{ROOT}/"]
    for img in state.images:
        lines.append(f"  image {img.name}: image/{state.driver}/imagedb/content/sha256/{_short(img.id)}…")
        for chain in img.layers:
            layer = state.layer(chain)
            if layer is not None:
                lines.append(f"    layer: image/{state.driver}/layerdb/sha256/{_short(chain)}…/cache-id"
                             f" → {state.driver}/{_short(layer.cache_id)}…/diff")
    for c in state.containers:
        lines.append(f"  container {c.name}: containers/{c.short_id}…/ ({c.short_id}…-json.log)")
        lines.append(f"    layers: {state.driver}/{_short(c.mount_id)}…/diff (read-write), "
                     f"{state.driver}/{_short(c.mount_id)}…-init")
    for v in state.volumes:
        lines.append(f"  volume {v.name}: volumes/{v.name}/_data")
    return "\n".join(lines)


def map_dot(state: State):
    import graphviz
    d = graphviz.Digraph("datamap", format="svg")
    d.attr(rankdir="LR", bgcolor=S.BACKGROUND, fontname=S.FONT, nodesep="0.12", ranksep="0.5",
           label=f"{ROOT}: what each object owns", labelloc="t", fontsize="13")
    d.attr("node", shape="box", style="rounded,filled", fontname=S.FONT, fontsize="10",
           color=S.BORDER["layer"], fillcolor=S.FILL["layer"], margin="0.06,0.03", height="0.25")
    d.attr("edge", color=S.EDGE["stack"], arrowsize="0.6", fontname=S.FONT, fontsize="9")
    drv = state.driver

    with d.subgraph(name="cluster_objects") as o:
        o.attr(label="docker objects", style="rounded,filled", fillcolor=S.CLUSTER["container"], color=S.MUTED)
        for img in state.images:
            o.node(_n("i", img.id), f"image {img.name}", fillcolor=S.FILL["image"], color=S.BORDER["image"])
        for c in state.containers:
            o.node(_n("c", c.id), f"container {c.name}", fillcolor=S.FILL["container"], color=S.BORDER["container"])
        for v in state.volumes:
            o.node(_n("v", v.name), f"volume {v.name[:20]}", fillcolor=S.FILL["volume"], color=S.BORDER["volume"])

    with d.subgraph(name="cluster_book") as b:
        b.attr(label=f"image/{drv}/  (bookkeeping)", style="rounded,filled", fillcolor=S.CLUSTER["layers"], color=S.MUTED)
        for img in state.images:
            b.node(_n("db", img.id), f"imagedb/…/{_short(img.id)}…")
        for l in state.layers:
            b.node(_n("ldb", l.chain_id), f"layerdb/sha256/{_short(l.chain_id)}…\\ncache-id")
    with d.subgraph(name="cluster_files") as f:
        f.attr(label=f"{drv}/  (files)", style="rounded,filled", fillcolor=S.CLUSTER["layers"], color=S.MUTED)
        for l in state.layers:
            f.node(_n("dir", l.chain_id), f"{_short(l.cache_id)}…/diff")
        for c in state.containers:
            f.node(_n("rw", c.id), f"{_short(c.mount_id)}…/diff\\n(read-write)", fillcolor=S.FILL["rw"], color=S.BORDER["rw"])
            f.node(_n("init", c.id), f"{_short(c.mount_id)}…-init", fillcolor=S.FILL["init"], color=S.BORDER["init"])
    if state.containers:
        with d.subgraph(name="cluster_containers") as k:
            k.attr(label="containers/", style="rounded,filled", fillcolor=S.CLUSTER["container"], color=S.MUTED)
            for c in state.containers:
                k.node(_n("cd", c.id), f"{c.short_id}…/\\nconfig, hosts, -json.log", fillcolor=S.FILL["container"])
    if state.volumes:
        with d.subgraph(name="cluster_volumes") as vs:
            vs.attr(label="volumes/", style="rounded,filled", fillcolor=S.CLUSTER["volumes"], color=S.MUTED)
            for v in state.volumes:
                vs.node(_n("vd", v.name), f"{v.name[:20]}/_data", fillcolor=S.FILL["volume"], color=S.BORDER["volume"])

    for img in state.images:
        d.edge(_n("i", img.id), _n("db", img.id), color=S.EDGE["image"])
        if img.top:
            d.edge(_n("db", img.id), _n("ldb", img.top), color=S.EDGE["image"], label="diffIDs")
    for l in state.layers:
        d.edge(_n("ldb", l.chain_id), _n("dir", l.chain_id))
        if l.parent:
            d.edge(_n("ldb", l.chain_id), _n("ldb", l.parent), style="dashed", label="parent", constraint="false")
    for c in state.containers:
        d.edge(_n("c", c.id), _n("cd", c.id), color=S.EDGE["upper"])
        d.edge(_n("c", c.id), _n("rw", c.id), color=S.EDGE["upper"])
        d.edge(_n("rw", c.id), _n("init", c.id), style="dashed", label="lower", constraint="false")
        if c.parent:
            d.edge(_n("init", c.id), _n("dir", c.parent), style="dashed", label="lower", constraint="false")
    for v in state.volumes:
        d.edge(_n("v", v.name), _n("vd", v.name), color=S.EDGE["volume"])
    return d


def datamap(engine) -> Drawing:
    """The map of /var/lib/docker for the engine's images, containers and volumes."""
    state = capture(engine)
    return Drawing(map_dot(state), map_text(state))
