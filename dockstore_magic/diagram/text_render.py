"""The layer diagram as text: the ``text/plain`` of every diagram (what a terminal, a
diff of the notebook or a screen reader gets) and the drawing of last resort.

Each image is listed top layer first, as ``docker history`` does; each container shows its
mounts, its read-write layer with the files it changed (A/C/D) and its init layer.  On vfs
every layer row also says what its full copy takes on disk."""
from __future__ import annotations

from .model import Graph, Node, size

NO_DOT = ("graphviz's `dot` program was not found, so this is a simplified drawing: "
          "install graphviz for the full diagram (apt-get install graphviz, "
          "conda install -c conda-forge graphviz, or https://graphviz.org/download/)")


def render_text(g: Graph, note: str = "") -> str:
    out: list[str] = []
    if note:
        out.append(f"[{note}]")
    out.append(g.title + (f" — after: {g.step}" if g.step else ""))
    out += [f"  {n}" for n in g.notes]
    nodes = {n.id: n for n in g.nodes}
    edges_to: dict[str, list] = {}
    for e in g.edges:
        edges_to.setdefault(e.dst, []).append(e)
    for top, chain in g.stacks:
        t = nodes[top]
        out.append("")
        if t.kind == "container":
            out += _container(t, chain, nodes, edges_to)
        else:
            out += _image(t, chain, nodes)
    return "\n".join(out) + "\n"


def _layer_rows(chain, nodes) -> list[str]:
    layers = [nodes[i] for i in chain if nodes[i].kind == "layer"]
    rows = []
    width = max((len(l.title) for l in layers), default=0)
    for k in range(len(layers), 0, -1):
        l = layers[k - 1]
        detail = l.lines[0]
        if l.copy:
            detail += f" · full copy {size(l.disk)} on disk"
            shared = f"  [used by: {', '.join(l.users)}]" if len(l.users) > 1 else ""
        else:
            shared = f"  [shared: {', '.join(l.users)}]" if l.shared else ""
        rows.append(f"  {k:>2} │ {l.title.ljust(width)}  {detail}{shared}")
    return rows


def _image(t: Node, chain, nodes) -> list[str]:
    return [f"image {t.title}  ({'; '.join(t.lines)})", *_layer_rows(chain, nodes)]


def _container(t: Node, chain, nodes, edges_to) -> list[str]:
    out = [f"{t.title}  ({'; '.join(t.lines)})"]
    mounts = {e.port: e for e in edges_to.get(t.id, []) if e.kind in ("volume", "bind", "tmpfs")}
    width = max((len(text.split("   ")[0]) for _, text in t.ports), default=1)
    for port, text in t.ports:
        path = text.split("   ")[0]
        if port == "root":
            rw = nodes[chain[-1]]
            if rw.copy:
                where = text.split("(vfs copy: ", 1)[-1].rstrip(")")
                out.append(f"  {path.ljust(width)} ← vfs copy: {where}, the container's own full "
                           f"copy of the image")
            else:
                out.append(f"  {path.ljust(width)} ← overlay: image layers + init layer + container layer")
            continue
        e = mounts.get(port)
        src = nodes[e.src] if e else None
        if src is None:
            continue
        where = src.lines[0]
        what = {"volume": f"{src.title}", "bind": "bind mount of host folder",
                "tmpfs": "tmpfs"}[src.kind]
        ro = " (read-only)" if "(ro)" in e.label else ""
        out.append(f"  {path.ljust(width)} ← {what}: {where}{ro}")
    rw = nodes[chain[-1]]
    init = nodes[chain[-2]]
    out.append(f"  ┌─ {rw.title}  {'; '.join(rw.lines)}")
    pw = max((len(p) for _, p, _ in rw.files), default=0)
    for mark, path, note in rw.files:
        out.append(f"  │    {mark} {path.ljust(pw)}  {note}")
    if rw.more_files:
        out.append(f"  │    … and {rw.more_files} more (docker diff)")
    if not rw.files:
        out.append("  │    (no changes yet)")
    out.append(f"  ├─ {init.title}  {'; '.join(init.lines)}")
    layers = [i for i in chain if nodes[i].kind == "layer"]
    out.append(f"  └─ image layers below ({len(layers)}):")
    out += ["  " + r for r in _layer_rows(chain, nodes)]
    return out
