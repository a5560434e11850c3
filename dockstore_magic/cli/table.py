"""Docker's table output: the column helpers of docker/cli's ``cli/command/formatter``
package, over Go's text/tabwriter (docker/cli's fork, :mod:`dockstore_magic.golang.tabwriter`).

Every docker table (``docker ps``, ``images``, ``history``, ``volume ls``, ``system df``...) is
rendered by writing tab-separated lines through::

    tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)   // minwidth 10, tabwidth 1, padding 3

docker/cli carries a copy of text/tabwriter (cli/command/formatter/tabwriter) that differs from
the standard library only in measuring cells with go-runewidth (so wide CJK/emoji characters
count as 2 columns). The algorithm is the "elastic tabstops" one: a *column* is a run of
consecutive lines that all have a tab-terminated cell at that index; its width is
``max(minwidth, max(cell widths) + padding)``; the last cell of each line (the text after the
last tab) belongs to no column and is never padded, so docker tables have no trailing blanks
unless the last column is empty in the header too.

API::

    format_table(headers, rows)      -> str     # what docker prints, final newline included
    truncate_id(id)                             # stringid.TruncateID (12 chars, drops sha256:)
    ellipsis(s, max_width)                      # formatter.Ellipsis ("…" at the end)
    container_command(cmd, trunc)               # ps COMMAND column: "sh -c 'echo hello >…"
    container_names(names, trunc)               # ps NAMES column
    container_image(image, image_id, trunc)     # ps IMAGE column
    displayable_ports(ports)                    # ps PORTS column
"""
from __future__ import annotations

import unicodedata
from typing import Iterable, Mapping, Sequence

from ..golang.strconv import go_quote
from ..golang.tabwriter import tabwrite

__all__ = [
    "format_table", "truncate_id", "ellipsis", "Ellipsis",
    "container_command", "container_names", "container_image", "displayable_ports",
    "char_width",
]

# ----------------------------------------------------------------------------------------------
# display widths

def char_width(ch: str) -> int:
    """formatter.charWidth (golang.org/x/text/width): 2 for East Asian Wide/Fullwidth, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1



def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Render a docker table: the header line then one line per row, cells separated by tabs,
    through ``tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)``. Returns the text with its final
    newline, exactly as docker writes it to stdout.

    >>> print(format_table(["DRIVER", "VOLUME NAME"], [["local", "data"]]), end="")
    DRIVER    VOLUME NAME
    local     data
    """
    parts = ["\t".join(headers), "\n"]
    for row in rows:
        parts.append("\t".join("" if c is None else str(c) for c in row))
        parts.append("\n")
    return tabwrite("".join(parts))


# ----------------------------------------------------------------------------------------------
# column helpers (docker/cli cli/command/formatter)

def truncate_id(id_: str) -> str:
    """stringid.TruncateID: drop an algorithm prefix ("sha256:") and keep 12 characters."""
    i = id_.find(":")
    if i >= 0:
        id_ = id_[i + 1:]
    return id_[:12]


def ellipsis(s: str, max_display_width: int) -> str:
    """formatter.Ellipsis: truncate ``s`` to ``max_display_width`` columns, the last one being
    "…". Wide (East Asian) characters count as 2. A width of 1 returns the first character."""
    if max_display_width <= 0:
        return ""
    if max_display_width == 1:
        return s[:1]
    if s.isascii():
        if len(s) <= max_display_width:
            return s
        return s[: max_display_width - 1] + "…"
    # Go compares byte length with rune count to detect pure-ASCII; non-ASCII single-width
    # runes (like "é") still take the display-width path below.
    display: list[int] = []
    total = 0
    for ch in s:
        total += char_width(ch)
        display.append(total)
    if total <= max_display_width:
        return s
    for i in range(len(display) - 1):
        if display[i] <= max_display_width - 1 < display[i + 1]:
            return s[: i + 1] + "…"
    return s


Ellipsis = ellipsis  # docker/cli's exported name




def container_command(command: str, trunc: bool = True) -> str:
    """ContainerContext.Command: ``strconv.Quote(Ellipsis(cmd, 20))`` (no ellipsis with
    --no-trunc). The command is the API's ``Command`` field (entrypoint and args joined by
    spaces)."""
    if trunc:
        command = ellipsis(command, 20)
    return go_quote(command)


def container_names(names: Sequence[str], trunc: bool = True) -> str:
    """ContainerContext.Names: names without their leading "/", comma-separated; when
    truncating only the first name that is not a legacy link ("/other/alias") is kept."""
    stripped = [n[1:] for n in names]  # StripNamePrefix in v28 unconditionally drops 1 char
    if trunc:
        for name in stripped:
            if len(name.split("/")) == 1:
                stripped = [name]
                break
    return ",".join(stripped)


def _familiar(image: str) -> str:
    """A small reference.FamiliarString: drop "docker.io/" and "library/"."""
    for prefix in ("docker.io/library/", "index.docker.io/library/"):
        if image.startswith(prefix) and "/" not in image[len(prefix):].split(":")[0].split("@")[0]:
            return image[len(prefix):]
    for prefix in ("docker.io/", "index.docker.io/"):
        if image.startswith(prefix):
            return image[len(prefix):]
    return image


def container_image(image: str, image_id: str = "", trunc: bool = True) -> str:
    """ContainerContext.Image (v28): "<no image>" when empty; when truncating, a bare image
    ID shows as its 12-char short form and a digest reference loses its digest."""
    if image == "":
        return "<no image>"
    if trunc:
        if image_id and truncate_id(image_id) == truncate_id(image):
            return truncate_id(image_id)
        name, tag, digest = _split_reference(image)
        if name is not None:
            if tag:
                return _familiar(name + ":" + tag)
            return _familiar(name)
    return image


def _split_reference(ref: str) -> tuple[str | None, str, str]:
    # name[:tag][@digest]; the tag's ":" must come after the last "/"
    digest = ""
    if "@" in ref:
        ref, digest = ref.split("@", 1)
    tag = ""
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:
        ref, tag = ref[:colon], ref[colon + 1:]
    if not ref or ref != ref.lower():
        return None, "", ""
    return ref, tag, digest


def _join_host_port(host: str, port: str) -> str:
    if ":" in host:
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def displayable_ports(ports: Iterable[Mapping[str, object]]) -> str:
    """formatter.DisplayablePorts: the PORTS column, e.g. "0.0.0.0:80->9090/tcp, 9988/tcp".
    ``ports`` are API ``Port`` objects: {"IP": str, "PrivatePort": int, "PublicPort": int,
    "Type": "tcp"}."""
    plist = [dict(p) for p in ports]

    def key(p):
        return (int(p.get("PrivatePort") or 0), str(p.get("IP") or ""),
                int(p.get("PublicPort") or 0), str(p.get("Type") or ""))
    plist.sort(key=key)

    group_map: dict[str, list[int]] = {}
    group_keys: list[str] = []
    result: list[str] = []
    host_mappings: list[str] = []
    for p in plist:
        current = int(p.get("PrivatePort") or 0)
        ptype = str(p.get("Type") or "")
        ip = str(p.get("IP") or "")
        port_key = ptype
        if ip:
            public = int(p.get("PublicPort") or 0)
            if public != current:
                host_mappings.append(f"{_join_host_port(ip, str(public))}->{current}/{ptype}")
                continue
            port_key = ip + "/" + ptype
        group = group_map.get(port_key)
        if group is None:
            group_map[port_key] = [current, current]
            group_keys.append(port_key)
            continue
        if current == group[1] + 1:
            group[1] = current
            continue
        result.append(_form_group(port_key, group[0], group[1]))
        group_map[port_key] = [current, current]
    for k in group_keys:
        g = group_map[k]
        result.append(_form_group(k, g[0], g[1]))
    result.extend(host_mappings)
    return ", ".join(result)


def _form_group(key: str, start: int, last: int) -> str:
    parts = key.split("/")
    group_type = parts[0]
    ip = ""
    if len(parts) > 1:
        ip = parts[0]
        group_type = parts[1]
    group = str(start)
    if start != last:
        group = f"{group}-{last}"
    if ip:
        group = f"{_join_host_port(ip, group)}->{group}"
    return group + "/" + group_type
