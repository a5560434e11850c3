"""The layer diagram drawn in pure Python, for machines without graphviz's ``dot``.

The classic picture of the Docker docs: one column per image or container, layers stacked
bottom-up; a layer shared by several stacks is one box spanning their columns; a container's
init layer, read-write layer (with its A/C/D files) and filesystem on top; mounts on the
right, each joined to the container path it is mounted on."""
from __future__ import annotations

from html import escape

from . import style as S
from .model import Graph, Node, shorten, step_line

COL_W = 250
GAP = 14
PAD = 16
LINE = 14
CHAR_W = 6.3           # average width of an 11px Helvetica character


def _e(s) -> str:
    return escape(str(s), quote=True)


def _height(n: Node) -> int:
    lines = 1 + len(n.lines) + len(n.files) + (1 if n.more_files else 0) + len(n.ports)
    return 10 + LINE * lines


def _fit(text: str, width: float, size: float = 11) -> str:
    chars = max(4, int(width / (CHAR_W * size / 11)))
    return shorten(text, chars)


def render_svg(g: Graph, banner: str = "") -> str:
    nodes = {n.id: n for n in g.nodes}
    # ---- columns: a depth-first walk of the layer tree, so shared layers span neighbours
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    tops: list[str] = []
    for top, chain in g.stacks:
        full = chain + [top]
        if full[0] not in roots:
            roots.append(full[0])
        for a, b in zip(full, full[1:]):
            children.setdefault(a, [])
            if b not in children[a]:
                children[a].append(b)
        tops.append(top)
    order: list[str] = []

    def walk(n: str) -> None:
        if n in tops and n not in order:
            order.append(n)
        for c in children.get(n, []):
            walk(c)

    for r in roots:
        walk(r)
    col = {t: i for i, t in enumerate(order)}
    span: dict[str, list[int]] = {}
    row: dict[str, int] = {}
    for top, chain in g.stacks:
        full = chain + [top]
        for depth, nid in enumerate(full):
            span.setdefault(nid, []).append(col[top])
            row[nid] = depth
    n_rows = max(row.values(), default=-1) + 1
    heights = [0] * n_rows
    for nid, r in row.items():
        heights[r] = max(heights[r], _height(nodes[nid]))

    # ---- mounts on the right
    mounts = [n for n in g.nodes if n.kind in ("volume", "bind", "tmpfs")]
    n_cols = max(len(order), 1)
    mount_x = PAD + n_cols * (COL_W + GAP) + 60
    width = mount_x + (COL_W + PAD if mounts else 0)
    head = [(g.title, 14, True)] + [(line, 11, True) for line in step_line(g)]
    if banner:
        head.insert(0, (banner, 11, True))
    head += [(n, 11, False) for n in g.notes]
    top_y = PAD + sum(s + 6 for _, s, _ in head) + 8
    y_of: list[int] = [0] * n_rows
    y = top_y
    for r in range(n_rows - 1, -1, -1):          # the top row first: stacks grow upwards
        y_of[r] = y
        y += heights[r] + GAP
    mount_h = sum(_height(m) + GAP for m in mounts)
    height = max(y, top_y + mount_h) + PAD

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(width)}" height="{int(height)}" '
           f'viewBox="0 0 {int(width)} {int(height)}" font-family="{S.FONT}" font-size="11">',
           f'<rect x="0" y="0" width="{int(width)}" height="{int(height)}" fill="{S.BACKGROUND}"/>']
    ty = PAD
    for text, sz, bold in head:
        ty += sz + 2
        color = S.MARK["D"] if banner and text == banner else (S.TEXT if bold else S.MUTED)
        weight = ' font-weight="bold"' if bold else ""
        out.append(f'<text x="{PAD}" y="{ty}" font-size="{sz}" fill="{color}"{weight}>'
                   f'{_e(text)}</text>')
        ty += 4

    boxes: dict[str, tuple[float, float, float, float]] = {}
    body = out
    out = []                                   # lines first, so boxes are drawn over them
    for nid, cols in span.items():
        n = nodes[nid]
        a, b = min(cols), max(cols)
        x = PAD + a * (COL_W + GAP)
        w = (b - a + 1) * COL_W + (b - a) * GAP
        h = _height(n)
        yy = y_of[row[nid]] + (heights[row[nid]] - h)
        boxes[nid] = (x, yy, w, h)
        out += _box(n, x, yy, w, h)
    # the layer under each stack: a thin line up the column
    for top, chain in g.stacks:
        full = chain + [top]
        cx = PAD + col[top] * (COL_W + GAP) + COL_W / 2
        for a, b in zip(full, full[1:]):
            ya = boxes[a][1]
            yb = boxes[b][1] + boxes[b][3]
            color = S.EDGE["stack"] if nodes[b].kind != "container" else S.EDGE["upper"]
            out.append(f'<line x1="{cx:.0f}" y1="{ya:.0f}" x2="{cx:.0f}" y2="{yb:.0f}" '
                       f'stroke="{color}" stroke-width="1.2"/>')
    my = top_y
    for m in mounts:
        h = _height(m)
        out += _box(m, mount_x, my, COL_W, h)
        k = 0
        for e in g.edges:
            if e.src != m.id or e.dst not in boxes:
                continue
            cx, cy, cw, ch = boxes[e.dst]
            port_index = [p for p, _ in nodes[e.dst].ports].index(e.port)
            py = cy + 10 + LINE * (1 + len(nodes[e.dst].lines) + port_index) - 4
            body.append(f'<path d="M{mount_x:.0f},{my + h / 2:.0f} C{mount_x - 40:.0f},{my + h / 2:.0f} '
                        f'{cx + cw + 40:.0f},{py:.0f} {cx + cw:.0f},{py:.0f}" fill="none" '
                        f'stroke="{S.EDGE[e.kind]}" stroke-width="1.6" stroke-opacity="0.8"/>')
            body.append(f'<text x="{mount_x - 4:.0f}" y="{my + h / 2 - 4 - 11 * k:.0f}" font-size="9" '
                        f'text-anchor="end" fill="{S.EDGE[e.kind]}">{_e(e.label)}</text>')
            k += 1
        my += h + GAP
    body += out
    body.append("</svg>")
    return "\n".join(body) + "\n"


def _box(n: Node, x: float, y: float, w: float, h: float) -> list[str]:
    kind = "shared" if n.kind == "layer" and n.shared else n.kind
    rx = 8 if n.kind in ("layer", "init", "rw", "volume") else 2
    pw = 2 if kind in ("shared", "rw") else 1
    out = [f'<g class="{n.kind}"><title>{_e(n.tooltip or n.title)}</title>',
           f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="{rx}" '
           f'fill="{S.FILL[kind]}" stroke="{S.BORDER[kind]}" stroke-width="{pw}"/>']
    ty = y + 4
    inner = w - 16
    ty += LINE
    out.append(f'<text x="{x + 8:.0f}" y="{ty:.0f}" font-weight="bold" fill="{S.TEXT}">'
               f'{_e(_fit(n.title, inner))}</text>')
    for line in n.lines:
        ty += LINE
        out.append(f'<text x="{x + 8:.0f}" y="{ty:.0f}" font-size="10" fill="{S.MUTED}">'
                   f'{_e(_fit(line, inner, 10))}</text>')
    for mark, path, note in n.files:
        ty += LINE
        out.append(f'<text x="{x + 8:.0f}" y="{ty:.0f}" font-size="10"><tspan font-weight="bold" '
                   f'fill="{S.MARK[mark]}">{mark}</tspan><tspan fill="{S.MARK[mark]}"> '
                   f'{_e(_fit(path, inner * 0.45, 10))}</tspan><tspan fill="{S.MUTED}" font-size="9">'
                   f'  {_e(_fit(note, inner * 0.5, 9))}</tspan></text>')
    if n.more_files:
        ty += LINE
        out.append(f'<text x="{x + 8:.0f}" y="{ty:.0f}" font-size="9" fill="{S.MUTED}">'
                   f'… and {n.more_files} more (docker diff)</text>')
    for _, text in n.ports:
        ty += LINE
        out.append(f'<rect x="{x + 6:.0f}" y="{ty - 11:.0f}" width="{w - 12:.0f}" height="{LINE - 1}" '
                   f'fill="#f6f8fa" stroke="{S.BORDER["container"]}" stroke-width="0.6"/>')
        out.append(f'<text x="{x + 10:.0f}" y="{ty:.0f}" font-family="monospace" font-size="10" '
                   f'fill="{S.TEXT}">{_e(_fit(text, inner, 10))}</text>')
    out.append("</g>")
    return out
