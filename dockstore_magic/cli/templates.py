"""``--format``: docker/cli's template glue (``templates/templates.go``,
``cli/command/formatter``) over Go's text/template (:mod:`dockstore_magic.golang.template`).

* docker's template functions (``templates.basicFunctions``): json, split, join, title,
  lower, upper, pad, truncate; and the header functions tables use for their first row;
* :class:`FormatterContext` — the per-row context of ``docker ps/images/volume ls/history``
  (``*formatter.ContainerContext`` etc.): a GoStruct whose ``{{json .}}`` is
  ``formatter.MarshalJSON`` (keys sorted, HTML characters escaped as ``\\u003c``);
* the default table formats, ``table``/``json``/raw formats, and ``docker inspect -f``.

Entry points::

    parse(text)                      -> Template        (raises TemplateParseError)
    render(format, rows, headers)    -> str   docker's formatter.Context.Write (table/json/raw)
    inspect_output(format, items, raw_fallback=True) -> (stdout, stderr, status)

Error texts, as the real CLI prints them (``docker images --format '{{.Nope}}'``)::

    template parsing error: template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext

and for ``docker inspect -f '{{.Nope}}'`` (raw-map fallback, ``missingkey=error``)::

    template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from ..golang.json import MarshalError, go_json, is_empty
from ..golang.template import (Template, TemplateExecError, TemplateParseError,
                               signature as _sig)
from ..golang.values import GoMap, GoStruct
from .spec import FORMAT_HELP, INSPECT_FORMAT_HELP  # noqa: F401  (the flags' help, re-exported)
from .table import tabwrite

__all__ = [
    "FormatterContext", "parse", "execute",
    "render", "pre_format", "is_table", "inspect_output",
    "FORMAT_HELP", "INSPECT_FORMAT_HELP",
    "CONTAINER_HEADERS", "IMAGE_HEADERS", "VOLUME_HEADERS", "HISTORY_HEADERS",
    "DISK_USAGE_HEADERS", "BUILD_CACHE_HEADERS",
    "DEFAULT_CONTAINER_TABLE_FORMAT", "DEFAULT_IMAGE_TABLE_FORMAT",
    "DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST", "DEFAULT_VOLUME_TABLE_FORMAT",
    "DEFAULT_HISTORY_TABLE_FORMAT", "NON_HUMAN_HISTORY_TABLE_FORMAT",
    "DEFAULT_DISK_USAGE_TABLE_FORMAT", "DEFAULT_DISK_USAGE_IMAGE_TABLE_FORMAT",
    "DEFAULT_DISK_USAGE_CONTAINER_TABLE_FORMAT", "DEFAULT_DISK_USAGE_VOLUME_TABLE_FORMAT",
    "DEFAULT_DISK_USAGE_BUILD_CACHE_TABLE_FORMAT", "DEFAULT_QUIET_FORMAT",
    "container_format", "image_format", "volume_format", "history_format",
    "build_cache_format", "disk_usage_format",
]


class FormatterContext(GoStruct):
    """A docker/cli formatter context (``*formatter.ContainerContext``...): fields are the
    context's methods, given as values or callables; ``{{json .}}`` = formatter.MarshalJSON."""

    def go_marshal_json(self) -> GoMap:
        """formatter.MarshalJSON: a map of the context's argument-less methods (so
        json.Marshal sorts the keys and escapes HTML)."""
        return GoMap({k: x() if callable(x) else x for k, x in self.items()
                      if not (callable(x) and _wants_args(x))}, elem_type="interface {}")


def _wants_args(fn: Callable) -> bool:
    import inspect as _inspect
    try:
        sig = _inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    for p in sig.parameters.values():
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            return True
    return False


# ---- docker/cli templates.basicFunctions

@_sig(["any"])
def _fn_json(v):
    try:
        return go_json(v, escape_html=False).strip()
    except MarshalError as e:
        raise TemplateExecError(str(e)) from None


@_sig(["string", "string"])
def _fn_split(s, sep):
    if sep == "":
        return list(s)
    return s.split(sep)


@_sig(["[]string", "string"])
def _fn_join(lst, sep):
    return sep.join(lst)


def _is_separator(ch: str) -> bool:
    # strings.Title's isSeparator
    if ch.isascii():
        if ch.isalnum() or ch == "_":
            return False
        return True
    if ch.isalpha() or ch.isdigit():
        return False
    return ch.isspace()


@_sig(["string"])
def _fn_title(s):
    out = []
    prev = " "
    for ch in s:
        if _is_separator(prev):
            out.append(_to_title(ch))
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def _to_title(ch: str) -> str:
    t = ch.title()
    return t if len(t) == 1 else ch.upper()


@_sig(["string"])
def _fn_lower(s):
    return s.lower()


@_sig(["string"])
def _fn_upper(s):
    return s.upper()


@_sig(["string", "int", "int"])
def _fn_pad(s, prefix, suffix):
    if s == "":
        return s
    return " " * prefix + s + " " * suffix


@_sig(["string", "int"])
def _fn_truncate(s, n):
    b = s.encode()
    if len(b) < n:
        return s
    return b[:n].decode(errors="replace")


DOCKER_FUNCS: dict[str, Callable] = {
    "json": _fn_json, "split": _fn_split, "join": _fn_join, "title": _fn_title,
    "lower": _fn_lower, "upper": _fn_upper, "pad": _fn_pad, "truncate": _fn_truncate,
}


# templates.HeaderFunctions: used to render table headers (everything but pad is identity)
@_sig(["string"])
def _hdr_identity(v):
    return v


@_sig(["string", "string"])
def _hdr_identity2(v, _):
    return v


@_sig(["string", "int"])
def _hdr_truncate(v, _):
    return v


HEADER_FUNCS: dict[str, Callable] = {
    "json": _hdr_identity, "split": _hdr_identity2, "join": _hdr_identity2,
    "title": _hdr_identity, "lower": _hdr_identity, "upper": _hdr_identity,
    "truncate": _hdr_truncate, "pad": _fn_pad,
}



def parse(text: str, funcs: Mapping[str, Callable] | None = None) -> Template:
    """templates.Parse: a template with docker's functions. Raises TemplateParseError."""
    return Template(text, DOCKER_FUNCS if funcs is None else funcs)


def execute(text: str, data: Any, missingkey: str = "default") -> str:
    return parse(text).execute(data, missingkey=missingkey)



# ==============================================================================================
# docker/cli formatter glue

DEFAULT_QUIET_FORMAT = "{{.ID}}"
JSON_FORMAT = "{{json .}}"

DEFAULT_CONTAINER_TABLE_FORMAT = ("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t"
                                  "{{.Status}}\t{{.Ports}}\t{{.Names}}")
DEFAULT_IMAGE_TABLE_FORMAT = ("table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t"
                              "{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}")
DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST = (
    "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t"
    "{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}")
DEFAULT_VOLUME_TABLE_FORMAT = "table {{.Driver}}\t{{.Name}}"
DEFAULT_VOLUME_QUIET_FORMAT = "{{.Name}}"
DEFAULT_HISTORY_TABLE_FORMAT = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
NON_HUMAN_HISTORY_TABLE_FORMAT = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
DEFAULT_DISK_USAGE_TABLE_FORMAT = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
DEFAULT_DISK_USAGE_IMAGE_TABLE_FORMAT = ("table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t"
                                         "{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}")
DEFAULT_DISK_USAGE_CONTAINER_TABLE_FORMAT = ("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t"
                                             "{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}")
DEFAULT_DISK_USAGE_VOLUME_TABLE_FORMAT = "table {{.Name}}\t{{.Links}}\t{{.Size}}"
DEFAULT_DISK_USAGE_BUILD_CACHE_TABLE_FORMAT = ("table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t"
                                               "{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}")

# SubHeaderContext maps (docker/cli v28 formatter/*.go)
CONTAINER_HEADERS = {
    "ID": "CONTAINER ID", "Names": "NAMES", "Image": "IMAGE", "Command": "COMMAND",
    "CreatedAt": "CREATED AT", "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE",
    "Status": "STATUS", "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS",
    "LocalVolumes": "LOCAL VOLUMES", "Networks": "NETWORKS",
}
IMAGE_HEADERS = {
    "ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST",
    "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE",
    "Containers": "CONTAINERS", "VirtualSize": "SIZE", "SharedSize": "SHARED SIZE",
    "UniqueSize": "UNIQUE SIZE",
}
VOLUME_HEADERS = {
    "ID": "ID", "Name": "VOLUME NAME", "Group": "GROUP", "Driver": "DRIVER", "Scope": "SCOPE",
    "Availability": "AVAILABILITY", "Mountpoint": "MOUNTPOINT", "Labels": "LABELS",
    "Links": "LINKS", "Size": "SIZE", "Status": "STATUS",
}
HISTORY_HEADERS = {
    "ID": "IMAGE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT",
    "CreatedBy": "CREATED BY", "Size": "SIZE", "Comment": "COMMENT",
}
#: docker/cli formatter/stats.go (Linux: "MEM USAGE / LIMIT")
STATS_HEADERS = {
    "Container": "CONTAINER", "ID": "CONTAINER ID", "Name": "NAME", "CPUPerc": "CPU %",
    "MemUsage": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET I/O",
    "BlockIO": "BLOCK I/O", "PIDs": "PIDS",
}
#: formatter.NewStatsFormat's default table
STATS_TABLE = ("table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}"
               "\t{{.BlockIO}}\t{{.PIDs}}")
DISK_USAGE_HEADERS = {
    "Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE",
    "Reclaimable": "RECLAIMABLE",
}
BUILD_CACHE_HEADERS = {
    "ID": "CACHE ID", "CacheType": "CACHE TYPE", "Size": "SIZE", "CreatedSince": "CREATED",
    "LastUsedSince": "LAST USED", "UsageCount": "USAGE", "Shared": "SHARED",
    "Description": "DESCRIPTION",
}


class _HeaderContext(dict):
    """formatter.SubHeaderContext: a map[string]string with a Label method."""

    def __init__(self, headers: Mapping[str, str]):
        super().__init__(headers)
        self["Label"] = self._label

    @staticmethod
    def _label(name: str) -> str:
        last = name.split(".")[-1]
        return last.replace("-", " ").replace("_", " ")


def container_format(source: str, quiet: bool = False, size: bool = False) -> str:
    """formatter.NewContainerFormat."""
    if source in ("table", ""):
        if quiet:
            return DEFAULT_QUIET_FORMAT
        f = DEFAULT_CONTAINER_TABLE_FORMAT
        if size:
            f += "\\t{{.Size}}"
        return f
    if source == "raw":
        if quiet:
            return "container_id: {{.ID}}"
        f = ("container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\n"
             "created_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\n"
             "status: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\n"
             "ports: {{- pad .Ports 1 0}}\n")
        if size:
            f += "size: {{.Size}}\\n"
        return f
    if quiet:
        return DEFAULT_QUIET_FORMAT
    return source


def image_format(source: str, quiet: bool = False, digest: bool = False) -> str:
    """formatter.NewImageFormat (``docker images``; an empty --format means "table")."""
    if source == "table":
        if quiet:
            return DEFAULT_QUIET_FORMAT
        return DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST if digest else DEFAULT_IMAGE_TABLE_FORMAT
    if source == "raw":
        if quiet:
            return "image_id: {{.ID}}"
        if digest:
            return ("repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\n"
                    "image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n")
        return ("repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\n"
                "created_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n")
    f = source
    if is_table(f) and digest and "{{.Digest}}" not in f:
        f += "\t{{.Digest}}"
    return f


def volume_format(source: str, quiet: bool = False) -> str:
    """formatter.NewVolumeFormat."""
    if source == "table":
        return DEFAULT_VOLUME_QUIET_FORMAT if quiet else DEFAULT_VOLUME_TABLE_FORMAT
    if source == "raw":
        return "name: {{.Name}}" if quiet else "name: {{.Name}}\\ndriver: {{.Driver}}\\n"
    return source


def build_cache_format(source: str, quiet: bool = False) -> str:
    """formatter.NewBuildCacheFormat, but for its table (``docker buildx du``'s)."""
    if source == "raw":
        if quiet:
            return "build_cache_id: {{.ID}}"
        return ("build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\n"
                "description: {{.Description}}\ncreated_at: {{.CreatedAt}}\n"
                "created_since: {{.CreatedSince}}\nlast_used_at: {{.LastUsedAt}}\n"
                "last_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\n"
                "in_use: {{.InUse}}\nshared: {{.Shared}}\n")
    return source


def disk_usage_format(source: str, verbose: bool) -> str:
    """formatter.NewDiskUsageFormat: with -v, "raw" is each object's raw format under a
    ``type:`` line, a blank line after each."""
    if verbose and source == "raw":
        return ("{{range .Images}}type: Image\n" + image_format(source, False, True) + "\n{{end -}}\n"
                "{{range .Containers}}type: Container\n" + container_format(source, False, True)
                + "\n{{end -}}\n"
                "{{range .Volumes}}type: Volume\n" + volume_format(source, False) + "\n{{end -}}\n"
                "{{range .BuildCache}}type: Build Cache\n" + build_cache_format(source, False)
                + "\n{{end -}}")
    if not verbose and source == "table":
        return DEFAULT_DISK_USAGE_TABLE_FORMAT
    if not verbose and source == "raw":
        return ("type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\n"
                "size: {{.Size}}\nreclaimable: {{.Reclaimable}}\n")
    return source


def history_format(source: str, quiet: bool = False, human: bool = True) -> str:
    """image.NewHistoryFormat."""
    if source == "table":
        if quiet:
            return DEFAULT_QUIET_FORMAT
        return DEFAULT_HISTORY_TABLE_FORMAT if human else NON_HUMAN_HISTORY_TABLE_FORMAT
    return source


def is_table(fmt: str) -> bool:
    """Format.IsTable: the format starts with "table" (case-sensitive, no leading space)."""
    return fmt.startswith("table")


def pre_format(fmt: str) -> str:
    """formatter.Context.preFormat: strip "table", map "json" to ``{{json .}}``, trim spaces
    and turn the two-character sequences ``\\t`` and ``\\n`` into a tab and a newline."""
    final = fmt
    if is_table(fmt):
        final = final[len("table"):]
    elif fmt == "json":
        final = JSON_FORMAT
    final = final.strip(" ")
    return final.replace("\\t", "\t").replace("\\n", "\n")


def render(fmt: str, rows: Iterable[Any], headers: Mapping[str, str] | None = None) -> str:
    """formatter.Context.Write: render ``rows`` (usually FormatterContext objects) with the
    (already resolved, see ``container_format`` & co.) format. Table formats get a header line
    rendered from ``headers`` with docker's HeaderFunctions and are aligned by the tabwriter.

    Raises TemplateError with docker's message ("template parsing error: ...") when parsing or
    executing fails; nothing is printed in that case (docker buffers the whole output)."""
    final = pre_format(fmt)
    try:
        tmpl = parse(final)
    except TemplateParseError as e:
        raise TemplateParseError(f"template parsing error: {e.message}") from None
    buf: list[str] = []
    for row in rows:
        try:
            buf.append(tmpl.execute(row))
        except TemplateExecError as e:
            raise TemplateExecError(f"template parsing error: {e.message}") from None
        buf.append("\n")
    if is_table(fmt):
        try:
            header = tmpl.execute(_HeaderContext(headers or {}), funcs=HEADER_FUNCS)
        except TemplateExecError as e:
            header = e.partial  # docker ignores the error and keeps what was written
        return tabwrite(header + "\n" + "".join(buf))
    return "".join(buf)


def inspect_output(fmt: str | None, items: Sequence[Any], raw_fallback: bool = True,
                   typed: Callable[[Any], Any] | None = None) -> tuple[str, str, int]:
    """``inspect.Inspect`` (docker inspect, container/image/volume inspect): returns
    ``(stdout, stderr, exit_status)``.

    ``items`` are the inspected objects (JSON-shaped dicts, or GoStruct for typed execution);
    an ``Exception`` or ``str`` item stands for a lookup error (its text is reported, e.g.
    "Error: No such object: x"). With an empty format the objects are printed as an indented
    JSON array, with "json" compactly. ``raw_fallback`` mirrors whether the command has the
    raw JSON (docker inspect, container/image inspect: yes; volume inspect: no): on an
    execution error the template is re-run on the plain JSON maps with ``missingkey=error``,
    which yields ``map has no entry for key "X"``.  ``typed`` gives an object's typed view
    (the CLI's Go struct, where it differs from the daemon's JSON) for the template's first
    run; the raw fallback and the JSON output use the object itself."""
    errors: list[str] = []
    # the raw bytes come from the daemon, whose JSON encoder does not escape HTML; typed
    # elements are re-marshalled by the CLI with json.MarshalIndent, which does
    escape = not raw_fallback
    if not fmt:
        objs = [x for x in items if not isinstance(x, (Exception, str))]
        errors = [str(x) for x in items if isinstance(x, (Exception, str))]
        if not objs:
            out = "[]\n"
        else:
            out = go_json(objs, escape_html=escape, indent="    ") + "\n"
        return out, ("\n".join(errors) + "\n") if errors else "", 1 if errors else 0
    if fmt == "json":
        objs = [x for x in items if not isinstance(x, (Exception, str))]
        errors = [str(x) for x in items if isinstance(x, (Exception, str))]
        out = (go_json(objs, escape_html=escape) + "\n") if objs else "[]\n"
        return out, ("\n".join(errors) + "\n") if errors else "", 1 if errors else 0
    try:
        tmpl = parse(fmt)
    except TemplateParseError as e:
        return "", f"template parsing error: {e.message}\n", 64
    buf: list[str] = []
    for item in items:
        if isinstance(item, (Exception, str)):
            errors.append(str(item))
            continue
        try:
            # a plain dict stands for both the typed struct (which has no field "Nope") and
            # the raw map: unknown keys fail as in the raw fallback
            view = typed(item) if typed else item
            typed_mk = "error" if (raw_fallback and type(view) is dict) else "default"
            res = tmpl.execute(view, missingkey=typed_mk)
        except TemplateExecError as e:
            if not raw_fallback:
                errors.append(f"template parsing error: {e.message}")
                continue
            try:
                res = tmpl.execute(_plain(item), missingkey="error")
            except TemplateExecError as e2:
                errors.append(f"template parsing error: {e2.message}")
                continue
        buf.append(res + "\n")
    out = "".join(buf) if buf else "\n"
    return out, ("\n".join(errors) + "\n") if errors else "", 1 if errors else 0


def _plain(v: Any) -> Any:
    """The raw-JSON view of a value: GoStructs become plain maps (json.Decode into any:
    ``map[string]interface {}``, whose missing keys ``index`` as nil), without the empty
    fields their JSON leaves out (omitempty)."""
    if isinstance(v, dict):
        skip = v.omitempty if isinstance(v, GoStruct) else ()
        return GoMap({k: _plain(x) for k, x in v.items()
                      if not callable(x) and not (k in skip and is_empty(x))}, elem_type="interface {}")
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v
