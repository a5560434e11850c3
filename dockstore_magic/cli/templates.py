"""``--format``: Go's text/template as docker/cli uses it, plus docker's formatter glue.

This is a from-scratch implementation of the parts of Go's ``text/template`` that docker
users write on the command line, with Go's semantics and Go's error messages:

* actions ``{{.Field}}``, ``{{.A.B}}``, ``{{$}}``, ``{{$v := ...}}``, pipelines ``{{.X | lower}}``,
  parenthesised pipelines, trim markers ``{{- ... -}}``, comments ``{{/* */}}``;
* ``{{if}} {{else if}} {{else}} {{end}}``, ``{{range}}`` (``$i, $v :=``, ``{{else}}``,
  ``{{break}}``, ``{{continue}}``), ``{{with}}``;
* Go's builtins (and, or, not, len, index, slice, print, printf, println, eq, ne, lt, le, gt,
  ge, html, js, urlquery, call) and docker's (json, split, join, title, lower, upper, pad,
  truncate — docker/cli ``templates/templates.go``).

Data is JSON-shaped Python: ``dict`` behaves like a Go map (``map[...]`` when printed, keys
sorted; a missing key prints ``<no value>`` or, with ``missingkey="error"``, fails with
``map has no entry for key "X"``), ``list`` like a slice, ``None`` like nil. Two dict
subclasses let callers reproduce what docker does with typed Go values:

* :class:`GoStruct` — a Go struct (``type_name`` like ``"volume.Volume"``): unknown fields fail
  with ``can't evaluate field Nope in type volume.Volume``, ``{{.}}`` prints ``{v1 v2 ...}``
  and ``{{json .}}`` keeps field (insertion) order. Callable values are methods, called with
  the action's arguments (``{{.Label "com.example"}}``).
* :class:`GoMap` (a typed Go map; ``nil=True`` for a nil map) and :class:`GoNil` (a typed nil
  pointer/slice) complete the picture where JSON ``null`` and Go printing disagree.
* :class:`FormatterContext` — the per-row context of ``docker ps/images/volume ls/history``
  (``*formatter.ContainerContext`` etc.): a GoStruct whose ``{{json .}}`` is
  ``formatter.MarshalJSON`` (keys sorted, HTML characters escaped as ``\\u003c``).

Entry points::

    parse(text)                      -> Template        (raises TemplateParseError)
    Template.execute(data, missingkey="default"|"error") -> str  (raises TemplateExecError)
    render(format, rows, headers)    -> str   docker's formatter.Context.Write (table/json/raw)
    inspect_output(format, items, raw_fallback=True) -> (stdout, stderr, status)
    go_json(value, escape_html=False, indent=None) -> str   encoding/json
    go_sprint(value) -> str          fmt.Sprint

Error texts, as the real CLI prints them (``docker images --format '{{.Nope}}'``)::

    template parsing error: template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext

and for ``docker inspect -f '{{.Nope}}'`` (raw-map fallback, ``missingkey=error``)::

    template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"
"""
from __future__ import annotations

import math
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from .spec import FORMAT_HELP, INSPECT_FORMAT_HELP  # noqa: F401  (the flags' help, re-exported)
from .table import go_quote, tabwrite, go_quote_rune

__all__ = [
    "TemplateError", "TemplateParseError", "TemplateExecError",
    "GoStruct", "GoMap", "GoNil", "FormatterContext", "MISSING",
    "Template", "parse", "execute",
    "render", "pre_format", "is_table", "inspect_output",
    "go_json", "go_sprint", "go_sprintf", "go_type_name", "truth",
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
]


# ==============================================================================================
# Values

class _Missing:
    """Go's invalid reflect.Value (a missing map key): prints as ``<no value>``."""
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        return False


MISSING = _Missing()


class GoStruct(dict):
    """A dict standing for a Go struct value of type ``type_name`` (see module doc).
    ``omitempty`` names the fields whose JSON tag has ``omitempty``: they are printed by
    ``{{.}}`` but left out of ``{{json .}}`` when empty (None, "", 0, false, empty map/list)."""

    def __init__(self, type_name: str = "struct", *args, omitempty: Iterable[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.type_name = type_name
        self.omitempty = frozenset(omitempty)

    def __repr__(self):
        return f"GoStruct({self.type_name!r}, {dict.__repr__(self)})"


class GoNil:
    """A typed nil (``GoNil("*volume.UsageData")``, ``GoNil("[]string")``): encodes as JSON
    ``null`` and is false; a nil pointer prints ``<nil>`` and a field access on it fails with
    Go's ``nil pointer evaluating *volume.UsageData.Size``; a nil slice prints ``[]`` and a
    nil map ``map[]`` (as Go prints them)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __bool__(self):
        return False

    def __eq__(self, other):
        return other is None or isinstance(other, GoNil)

    def __hash__(self):
        return 0

    def __repr__(self):
        return f"GoNil({self.type_name!r})"


class GoMap(dict):
    """A dict standing for a Go map whose values have a fixed type (``elem_type``, e.g.
    "string" for ``map[string]string`` such as Labels): ``{{json}}`` sorts its keys and
    ``index`` of a missing key yields the element type's zero value. ``nil=True`` is a nil
    map: it prints as ``map[]`` but encodes as JSON ``null``."""

    def __init__(self, *args, elem_type: str = "string", nil: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.elem_type = elem_type
        self.nil = nil


class FormatterContext(GoStruct):
    """A docker/cli formatter context (``*formatter.ContainerContext``...): fields are the
    context's methods, given as values or callables; ``{{json .}}`` = formatter.MarshalJSON."""


class TemplateError(Exception):
    """Base class; ``str(err)`` is Go's error text (without docker's "template parsing error:
    " prefix, which :func:`render` and :func:`inspect_output` add)."""

    def __init__(self, message: str, partial: str = ""):
        super().__init__(message)
        self.message = message
        self.partial = partial  # output written before an execution error (Go writes as it goes)


class TemplateParseError(TemplateError):
    pass


class TemplateExecError(TemplateError):
    pass


# ---- Go type names (for error messages)

def go_type_name(v: Any) -> str:
    if isinstance(v, GoNil):
        return v.type_name
    if isinstance(v, GoStruct):
        return v.type_name
    if isinstance(v, GoMap):
        return f"map[string]{v.elem_type}"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, (list, tuple)):
        if v and all(isinstance(e, str) for e in v):
            return "[]string"
        return "[]interface {}"
    if v is None:
        return "interface {}"
    if callable(v):
        return "func"
    return type(v).__name__


def truth(v: Any) -> bool:
    """text/template's truth: zero values are false; structs are always true."""
    if v is MISSING or v is None or isinstance(v, GoNil):
        return False
    if isinstance(v, GoStruct):
        return True
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, (str, list, tuple, dict)):
        return len(v) > 0
    return True


# ---- printing (fmt.Sprint)

def _shortest_digits(f: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of abs(f) and the decimal exponent of the first
    digit (f = 0.d1d2d3... * 10**(e10+1))."""
    r = repr(abs(f))
    mant, _, exp = r.partition("e")
    ip, _, fp = mant.partition(".")
    if fp == "0":
        fp = ""
    digits = ip + fp
    point = len(ip) + int(exp or 0)      # decimal point after this many digits
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0") or "0"
    return digits, point - 1


def _go_float_v(f: float) -> str:
    """fmt's %v (and %g without precision) for float64: strconv.FormatFloat(f, 'g', -1, 64),
    the shortest representation, in %e form when exp < -4 || exp >= 6 (so 1234567.0 prints as
    1.234567e+06, 123456.0 as 123456) -- checked against the real CLI."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    sign = "-" if f < 0 else ""
    digits, e10 = _shortest_digits(f)
    if e10 < -4 or e10 >= 6:
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return sign + m + "e" + ("-" if e10 < 0 else "+") + "%02d" % abs(e10)
    if e10 >= len(digits) - 1:
        s = digits + "0" * (e10 - len(digits) + 1)
    elif e10 >= 0:
        s = digits[: e10 + 1] + "." + digits[e10 + 1:]
    else:
        s = "0." + "0" * (-e10 - 1) + digits
    return sign + s


def _sprint_value(v: Any, top: bool = True) -> str:
    if v is MISSING:
        return "<no value>" if top else "<invalid reflect.Value>"
    if isinstance(v, GoNil):
        if v.type_name.startswith("[]"):
            return "[]"
        if v.type_name.startswith("map["):
            return "map[]"
        return "<nil>"
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _go_float_v(v)
    if isinstance(v, complex):
        im = _go_float_v(v.imag)
        return "(" + _go_float_v(v.real) + ("" if im.startswith("-") else "+") + im + "i)"
    if isinstance(v, str):
        return v
    if isinstance(v, GoStruct):
        return "{" + " ".join(_sprint_value(x, False) for x in v.values() if not callable(x)) + "}"
    if isinstance(v, dict):
        items = sorted(v.items(), key=lambda kv: _map_sort_key(kv[0]))
        return "map[" + " ".join(f"{_sprint_value(k, False)}:{_sprint_value(x, False)}"
                                 for k, x in items) + "]"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(_sprint_value(x, False) for x in v) + "]"
    if callable(v):
        return "0x0"
    return str(v)


def _map_sort_key(k: Any):
    if isinstance(k, (int, float)) and not isinstance(k, bool):
        return (0, k, "")
    return (1, 0, str(k))


def go_sprint(*args: Any) -> str:
    """fmt.Sprint: operands printed with %v; a space between operands when neither is a
    string."""
    out = []
    prev_string = True
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(_sprint_value(a))
        prev_string = is_string
    return "".join(out)


def go_sprintln(*args: Any) -> str:
    return " ".join(_sprint_value(a) for a in args) + "\n"


# ---- fmt.Sprintf (the common verbs)

_FMT_RE = re.compile(r"%([-+# 0]*)(\*|\d+)?(\.(\*|\d+)?)?([a-zA-Z%]|$)")


def go_sprintf(fmt: str, *args: Any) -> str:
    """A practical subset of fmt.Sprintf: verbs v s q d t x X o b c U e E f F g G and %%, with
    flags, width and precision, and Go's %!verb(type=value), %!v(MISSING) and
    %!(EXTRA type=value) markers."""
    out: list[str] = []
    argi = 0
    pos = 0
    while True:
        m = _FMT_RE.search(fmt, pos)
        if not m:
            out.append(fmt[pos:])
            break
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, width, has_prec, prec, verb = m.groups()
        if verb == "":
            out.append("%!(NOVERB)")
            break
        if verb == "%":
            out.append("%")
            continue
        w: int | None = None
        p: int | None = None
        if width == "*":
            w = args[argi] if argi < len(args) and isinstance(args[argi], int) else 0
            argi += 1
        elif width:
            w = int(width)
        if has_prec:
            if prec == "*":
                p = args[argi] if argi < len(args) and isinstance(args[argi], int) else 0
                argi += 1
            else:
                p = int(prec) if prec else 0
        if argi >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        a = args[argi]
        argi += 1
        out.append(_fmt_one(flags, w, p, verb, a))
    if argi < len(args):
        extra = ", ".join(f"{go_type_name(a)}={_sprint_value(a)}" if a is not None else "<nil>"
                          for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _pad(s: str, flags: str, width: int | None, numeric: bool = False) -> str:
    if width is None or len(s) >= width:
        return s
    if "-" in flags:
        return s + " " * (width - len(s))
    if "0" in flags and numeric:
        sign = s[0] if s and s[0] in "+-" else ""
        return sign + "0" * (width - len(s)) + s[len(sign):]
    return " " * (width - len(s)) + s


def _bad_verb(verb: str, a: Any) -> str:
    if a is None:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({go_type_name(a)}={_sprint_value(a)})"


def _is_int(a: Any) -> bool:
    return isinstance(a, int) and not isinstance(a, bool)


def _fmt_one(flags: str, width: int | None, prec: int | None, verb: str, a: Any) -> str:
    if isinstance(a, (list, tuple)) and verb not in "vsq":
        return "[" + " ".join(_fmt_one(flags, width, prec, verb, x) for x in a) + "]"
    if verb == "v":
        if isinstance(a, float):
            return _pad(_fmt_float(a, "g", prec), flags, width, numeric=True)
        return _pad(_sprint_value(a), flags, width, numeric=_is_int(a))
    if verb == "s":
        if isinstance(a, str):
            s = a if prec is None else a[:prec]
            return _pad(s, flags, width)
        if isinstance(a, (list, tuple, dict)):
            return _pad(_sprint_value(a), flags, width)
        return _bad_verb(verb, a)
    if verb == "q":
        if isinstance(a, str):
            return _pad(go_quote(a), flags, width)
        if _is_int(a):
            return _pad(go_quote_rune(chr(a)), flags, width)
        if isinstance(a, (list, tuple)):
            return "[" + " ".join(go_quote(str(x)) for x in a) + "]"
        return _bad_verb(verb, a)
    if verb == "t":
        return _pad("true" if a else "false", flags, width) if isinstance(a, bool) else _bad_verb(verb, a)
    if verb in "xX" and isinstance(a, str):
        s = a.encode().hex()
        return _pad(s.upper() if verb == "X" else s, flags, width)
    if verb in "dxXobcU":
        if not _is_int(a):
            return _bad_verb(verb, a)
        neg = a < 0
        n = abs(a)
        if verb == "d":
            body = str(n)
        elif verb == "x":
            body = ("0x" if "#" in flags else "") + format(n, "x")
        elif verb == "X":
            body = ("0X" if "#" in flags else "") + format(n, "X")
        elif verb == "o":
            body = ("0" if "#" in flags else "") + format(n, "o")
        elif verb == "b":
            body = format(n, "b")
        elif verb == "c":
            return _pad(chr(a), flags, width)
        else:
            return _pad("U+%04X" % a, flags, width)
        if prec is not None:
            body = body.rjust(prec, "0")
        s = ("-" if neg else ("+" if "+" in flags else (" " if " " in flags else ""))) + body
        return _pad(s, flags, width, numeric=prec is None)
    if verb in "eEfFgG":
        if not isinstance(a, float):
            return _bad_verb(verb, a)
        s = _fmt_float(a, verb, prec)
        if "+" in flags and not s.startswith("-"):
            s = "+" + s
        return _pad(s, flags, width, numeric=True)
    return _bad_verb(verb, a)


def _fmt_float(a: float, verb: str, prec: int | None) -> str:
    if math.isnan(a) or math.isinf(a):
        return _go_float_v(a)
    if verb in "gG":
        if prec is None:
            s = _go_float_v(a)
        else:
            s = "%.*g" % (prec or 1, a)
        return s.upper() if verb == "G" else s
    p = 6 if prec is None else prec
    if verb in "fF":
        return "%.*f" % (p, a)
    return ("%.*" + verb) % (p, a)


# ---- encoding/json

def _json_str(s: str, escape_html: bool) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20:
            if ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ch == "\b":
                out.append("\\b")
            elif ch == "\f":
                out.append("\\f")
            else:
                out.append("\\u%04x" % o)
        elif escape_html and ch in "<>&":
            out.append("\\u%04x" % o)
        elif o in (0x2028, 0x2029):
            out.append("\\u%04x" % o)
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _json_float(f: float) -> str:
    """encoding/json floatEncoder: shortest digits, %f unless abs < 1e-6 or >= 1e21, where
    it is %e with a short exponent (1e-7, 1e+21)."""
    if math.isnan(f) or math.isinf(f):
        raise TemplateExecError(f"json: unsupported value: {_go_float_v(f)}")
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    sign = "-" if f < 0 else ""
    digits, e10 = _shortest_digits(f)
    a = abs(f)
    if a < 1e-6 or a >= 1e21:
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return sign + m + "e" + ("-" if e10 < 0 else "+") + str(abs(e10))
    if e10 >= len(digits) - 1:
        return sign + digits + "0" * (e10 - len(digits) + 1)
    if e10 >= 0:
        return sign + digits[: e10 + 1] + "." + digits[e10 + 1:]
    return sign + "0." + "0" * (-e10 - 1) + digits


def _json_encode(v: Any, escape_html: bool, indent: str | None, level: int) -> str:
    nl = ""
    ind = ""
    ind_in = ""
    if indent is not None:
        nl = "\n"
        ind = indent * level
        ind_in = indent * (level + 1)
    sep = ": " if indent is not None else ":"
    if v is None or v is MISSING or isinstance(v, GoNil):
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _json_float(v)
    if isinstance(v, str):
        return _json_str(v, escape_html)
    if isinstance(v, FormatterContext):
        # formatter.MarshalJSON: json.Marshal of a map of the context's methods -> sorted
        # keys, HTML-escaped (json.Marshal always escapes)
        items = sorted((k, x() if callable(x) else x) for k, x in v.items()
                       if not (callable(x) and _wants_args(x)))
        if not items:
            return "{}"
        inner = [nl + ind_in + _json_str(k, True) + sep + _json_encode(x, True, indent, level + 1)
                 for k, x in items]
        return "{" + ",".join(inner) + nl + ind + "}"
    if isinstance(v, GoMap) and v.nil and not v:
        return "null"
    if isinstance(v, dict):
        items = list(v.items())
        if isinstance(v, GoMap):
            items.sort(key=lambda kv: str(kv[0]))
        items = [(k, x) for k, x in items if not callable(x)]
        if isinstance(v, GoStruct) and v.omitempty:
            items = [(k, x) for k, x in items if not (k in v.omitempty and _is_empty(x))]
        if not items:
            return "{}"
        inner = [nl + ind_in + _json_str(str(k), escape_html) + sep
                 + _json_encode(x, escape_html, indent, level + 1) for k, x in items]
        return "{" + ",".join(inner) + nl + ind + "}"
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        inner = [nl + ind_in + _json_encode(x, escape_html, indent, level + 1) for x in v]
        return "[" + ",".join(inner) + nl + ind + "]"
    raise TemplateExecError(f"json: unsupported type: {go_type_name(v)}")


def _is_empty(x: Any) -> bool:
    if x is None or x is MISSING or isinstance(x, GoNil):
        return True
    if isinstance(x, GoStruct):
        return False
    if isinstance(x, (str, list, tuple, dict)):
        return len(x) == 0
    if isinstance(x, (bool, int, float)):
        return not x
    return False


def go_json(value: Any, escape_html: bool = False, indent: str | None = None) -> str:
    """encoding/json: compact (or indented with ``indent``), no trailing newline. docker's
    template ``json`` function uses ``escape_html=False``; ``json.Marshal`` (and so the daemon's
    responses and ``docker inspect``) escapes HTML."""
    return _json_encode(value, escape_html, indent, 0)


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


# ==============================================================================================
# Lexer (text/template/parse/lex.go)

# item types
T_ERROR, T_BOOL, T_CHAR, T_CHARCONST, T_COMPLEX, T_ASSIGN, T_DECLARE, T_EOF, T_FIELD, \
    T_IDENT, T_LDELIM, T_LPAREN, T_NUMBER, T_PIPE, T_RAWSTRING, T_RDELIM, T_RPAREN, T_SPACE, \
    T_STRING, T_TEXT, T_VARIABLE, T_KEYWORD, T_DOT, T_COMMENT = range(24)

_KEYWORDS = {"block", "break", "continue", "define", "else", "end", "if", "range", "nil",
             "template", "with"}
_SPACE = " \t\r\n"


@dataclass
class _Item:
    typ: int
    val: str
    pos: int
    line: int


def _is_alnum(c: str) -> bool:
    return c == "_" or c.isalnum()


class _Lexer:
    def __init__(self, text: str):
        self.text = text
        self.items: list[_Item] = []
        self.paren_depth = 0

    def error(self, msg: str, pos: int) -> None:
        line = 1 + self.text.count("\n", 0, pos)
        self.items.append(_Item(T_ERROR, msg, pos, line))

    def emit(self, typ: int, start: int, end: int) -> None:
        line = 1 + self.text.count("\n", 0, start)
        self.items.append(_Item(typ, self.text[start:end], start, line))

    def run(self) -> list[_Item]:
        text = self.text
        pos = 0
        n = len(text)
        trim_next = False
        while True:
            # lexText
            start = pos
            if trim_next:
                while pos < n and text[pos] in _SPACE:
                    pos += 1
                start = pos
                trim_next = False
            x = text.find("{{", pos)
            if x < 0:
                if start < n:
                    self.emit(T_TEXT, start, n)
                self.items.append(_Item(T_EOF, "", n, 1 + text.count("\n")))
                return self.items
            end = x
            ltrim = len(text) >= x + 4 and text[x + 2] == "-" and text[x + 3] in _SPACE
            if ltrim:
                while end > start and text[end - 1] in _SPACE:
                    end -= 1
            if end > start:
                self.emit(T_TEXT, start, end)
            # lexLeftDelim
            pos = x + 2
            if ltrim:
                pos += 2
            # comment?
            if text.startswith("/*", pos):
                cend = text.find("*/", pos + 2)
                if cend < 0:
                    self.error("unclosed comment", pos)
                    return self.items
                pos = cend + 2
                rtrim = False
                if pos + 1 < n and text[pos] in _SPACE and text[pos + 1] == "-" and text.startswith("}}", pos + 2):
                    rtrim = True
                    pos += 2
                if not text.startswith("}}", pos):
                    self.error("comment ends before closing delimiter", pos)
                    return self.items
                pos += 2
                trim_next = rtrim
                continue
            self.emit(T_LDELIM, x, x + 2)
            self.paren_depth = 0
            # lexInsideAction
            while True:
                if pos + 1 < n and text[pos] in _SPACE and text[pos + 1] == "-" and text.startswith("}}", pos + 2):
                    if self.paren_depth:
                        self.error("unclosed left paren", pos)
                        return self.items
                    self.emit(T_RDELIM, pos + 2, pos + 4)
                    pos += 4
                    trim_next = True
                    break
                if text.startswith("}}", pos):
                    if self.paren_depth:
                        self.error("unclosed left paren", pos)
                        return self.items
                    self.emit(T_RDELIM, pos, pos + 2)
                    pos += 2
                    break
                if pos >= n:
                    self.error("unclosed action", pos)
                    return self.items
                c = text[pos]
                if c in _SPACE:
                    s = pos
                    while pos < n and text[pos] in _SPACE:
                        if pos + 1 < n and text[pos] in _SPACE and text[pos + 1] == "-" and text.startswith("}}", pos + 2):
                            break
                        pos += 1
                    if pos > s:
                        self.emit(T_SPACE, s, pos)
                    continue
                if c == "=":
                    self.emit(T_ASSIGN, pos, pos + 1)
                    pos += 1
                    continue
                if c == ":":
                    if not text.startswith(":=", pos):
                        self.error("expected :=", pos)
                        return self.items
                    self.emit(T_DECLARE, pos, pos + 2)
                    pos += 2
                    continue
                if c == "|":
                    self.emit(T_PIPE, pos, pos + 1)
                    pos += 1
                    continue
                if c == '"':
                    s = pos
                    pos += 1
                    while True:
                        if pos >= n or text[pos] == "\n":
                            self.error("unterminated quoted string", pos)
                            return self.items
                        if text[pos] == "\\":
                            pos += 2
                            continue
                        if text[pos] == '"':
                            pos += 1
                            break
                        pos += 1
                    self.emit(T_STRING, s, pos)
                    continue
                if c == "`":
                    s = pos
                    e = text.find("`", pos + 1)
                    if e < 0:
                        self.error("unterminated raw quoted string", pos)
                        return self.items
                    pos = e + 1
                    self.emit(T_RAWSTRING, s, pos)
                    continue
                if c == "'":
                    s = pos
                    pos += 1
                    while True:
                        if pos >= n or text[pos] == "\n":
                            self.error("unterminated character constant", pos)
                            return self.items
                        if text[pos] == "\\":
                            pos += 2
                            continue
                        if text[pos] == "'":
                            pos += 1
                            break
                        pos += 1
                    self.emit(T_CHARCONST, s, pos)
                    continue
                if c == "$":
                    s = pos
                    pos += 1
                    while pos < n and _is_alnum(text[pos]):
                        pos += 1
                    if not self._at_terminator(pos):
                        self.error(f"bad character {_fmt_u(text[pos])}", pos)
                        return self.items
                    self.emit(T_VARIABLE, s, pos)
                    continue
                if c == ".":
                    if pos + 1 < n and text[pos + 1].isdigit():
                        pos = self._number(pos)
                        if pos < 0:
                            return self.items
                        continue
                    s = pos
                    pos += 1
                    if pos < n and _is_alnum(text[pos]):
                        while pos < n and _is_alnum(text[pos]):
                            pos += 1
                        if not self._at_terminator(pos):
                            self.error(f"bad character {_fmt_u(text[pos])}", pos)
                            return self.items
                        self.emit(T_FIELD, s, pos)
                    else:
                        self.emit(T_DOT, s, pos)
                    continue
                if c in "+-" or c.isdigit():
                    pos = self._number(pos)
                    if pos < 0:
                        return self.items
                    continue
                if _is_alnum(c):
                    s = pos
                    while pos < n and _is_alnum(text[pos]):
                        pos += 1
                    if not self._at_terminator(pos):
                        self.error(f"bad character {_fmt_u(text[pos])}", pos)
                        return self.items
                    word = text[s:pos]
                    if word in _KEYWORDS:
                        self.emit(T_KEYWORD, s, pos)
                    elif word in ("true", "false"):
                        self.emit(T_BOOL, s, pos)
                    else:
                        self.emit(T_IDENT, s, pos)
                    continue
                if c == "(":
                    self.emit(T_LPAREN, pos, pos + 1)
                    self.paren_depth += 1
                    pos += 1
                    continue
                if c == ")":
                    self.paren_depth -= 1
                    if self.paren_depth < 0:
                        self.error("unexpected right paren", pos)
                        return self.items
                    self.emit(T_RPAREN, pos, pos + 1)
                    pos += 1
                    continue
                if c.isprintable() and ord(c) < 0x7F:
                    self.emit(T_CHAR, pos, pos + 1)
                    pos += 1
                    continue
                self.error(f"unrecognized character in action: {_fmt_u(c)}", pos)
                return self.items

    def _at_terminator(self, pos: int) -> bool:
        if pos >= len(self.text):
            return True
        c = self.text[pos]
        if c in _SPACE or c in ".,|:)(":
            return True
        return self.text.startswith("}}", pos)

    _NUM = re.compile(
        r"[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?"
        r"|0[oO][0-7_]+|0[bB][01_]+"
        r"|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?")

    def _number(self, pos: int) -> int:
        m = self._NUM.match(self.text, pos)
        end = m.end() if m else pos
        if end == pos or (end < len(self.text) and _is_alnum(self.text[end])):
            # bad number syntax
            e = end
            while e < len(self.text) and (_is_alnum(self.text[e]) or self.text[e] in ".+-"):
                e += 1
            self.error(f'bad number syntax: "{self.text[pos:e]}"', pos)
            return -1
        typ = T_COMPLEX if self.text[end - 1] == "i" else T_NUMBER
        self.emit(typ, pos, end)
        return end


def _fmt_u(c: str) -> str:
    """Go's %#U: U+0041 'A'."""
    return "U+%04X %s" % (ord(c), go_quote_rune(c)) if c.isprintable() else "U+%04X" % ord(c)


# ==============================================================================================
# Parse tree (text/template/parse/node.go)

@dataclass
class Node:
    pos: int
    line: int = 1

    def __str__(self) -> str:  # pragma: no cover - overridden
        return ""


@dataclass
class TextNode(Node):
    text: str = ""


@dataclass
class FieldNode(Node):
    ident: list[str] = field(default_factory=list)

    def __str__(self):
        return "".join("." + i for i in self.ident)


@dataclass
class VariableNode(Node):
    ident: list[str] = field(default_factory=list)

    def __str__(self):
        return ".".join(self.ident)


@dataclass
class DotNode(Node):
    def __str__(self):
        return "."


@dataclass
class NilNode(Node):
    def __str__(self):
        return "nil"


@dataclass
class BoolNode(Node):
    value: bool = False

    def __str__(self):
        return "true" if self.value else "false"


@dataclass
class NumberNode(Node):
    text: str = ""
    value: Any = 0

    def __str__(self):
        return self.text


@dataclass
class StringNode(Node):
    quoted: str = ""
    value: str = ""

    def __str__(self):
        return self.quoted


@dataclass
class IdentifierNode(Node):
    name: str = ""

    def __str__(self):
        return self.name


@dataclass
class ChainNode(Node):
    node: Any = None
    field: list[str] = field(default_factory=list)

    def __str__(self):
        s = str(self.node)
        if isinstance(self.node, PipeNode):
            s = "(" + s + ")"
        return s + "".join("." + f for f in self.field)


@dataclass
class CommandNode(Node):
    args: list[Any] = field(default_factory=list)

    def __str__(self):
        parts = []
        for a in self.args:
            if isinstance(a, PipeNode):
                parts.append("(" + str(a) + ")")
            else:
                parts.append(str(a))
        return " ".join(parts)


@dataclass
class PipeNode(Node):
    is_assign: bool = False
    decl: list[VariableNode] = field(default_factory=list)
    cmds: list[CommandNode] = field(default_factory=list)

    def __str__(self):
        s = ""
        if self.decl:
            s = ", ".join(str(d) for d in self.decl) + (" = " if self.is_assign else " := ")
        return s + " | ".join(str(c) for c in self.cmds)


@dataclass
class ActionNode(Node):
    pipe: PipeNode = None  # type: ignore[assignment]

    def __str__(self):
        return "{{" + str(self.pipe) + "}}"


@dataclass
class ListNode(Node):
    nodes: list[Any] = field(default_factory=list)


@dataclass
class BranchNode(Node):
    kind: str = "if"  # if / range / with
    pipe: PipeNode = None  # type: ignore[assignment]
    list: ListNode = None  # type: ignore[assignment]
    else_list: ListNode | None = None

    def __str__(self):
        return "{{" + self.kind + " " + str(self.pipe) + "}}"


@dataclass
class BreakNode(Node):
    pass


@dataclass
class ContinueNode(Node):
    pass


class _EndNode(Node):
    pass


class _ElseNode(Node):
    pass


# ==============================================================================================
# Parser (text/template/parse/parse.go)

_BUILTINS = {"and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq",
             "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "call"}


class _Parser:
    def __init__(self, text: str, funcs: Mapping[str, Callable]):
        self.text = text
        self.items = _Lexer(text).run()
        self.i = 0
        self.funcs = funcs
        self.vars: list[str] = ["$"]
        self.range_depth = 0
        self.last: _Item = self.items[0]

    # -- token helpers (Go keeps a 3-token lookahead; an index into the token list is simpler)
    def next(self) -> _Item:
        it = self.items[min(self.i, len(self.items) - 1)]
        if it.typ == T_ERROR:
            self.errorf_at(it.line, it.val)
        self.i += 1
        self.last = it
        return it

    def backup(self) -> None:
        self.i -= 1

    def peek(self) -> _Item:
        it = self.items[min(self.i, len(self.items) - 1)]
        if it.typ == T_ERROR:
            self.errorf_at(it.line, it.val)
        return it

    def next_non_space(self) -> _Item:
        while True:
            it = self.next()
            if it.typ != T_SPACE:
                return it

    def peek_non_space(self) -> _Item:
        it = self.next_non_space()
        self.backup()
        return it

    def errorf(self, msg: str) -> None:
        self.errorf_at(self.last.line, msg)

    def errorf_at(self, line: int, msg: str) -> None:
        raise TemplateParseError(f"template: :{line}: {msg}")

    def unexpected(self, item: _Item, context: str) -> None:
        if item.typ == T_ERROR:
            self.errorf_at(item.line, item.val)
        self.errorf_at(item.line, f"unexpected {_item_str(item)} in {context}")

    def expect(self, typ: int, context: str) -> _Item:
        t = self.next_non_space()
        if t.typ != typ:
            self.unexpected(t, context)
        return t

    # -- grammar
    def parse(self) -> ListNode:
        root = ListNode(0)
        while self.peek().typ != T_EOF:
            n = self.text_or_action()
            if isinstance(n, (_EndNode, _ElseNode)):
                self.errorf_at(n.line, "unexpected " + ("{{end}}" if isinstance(n, _EndNode) else "{{else}}"))
            root.nodes.append(n)
        return root

    def text_or_action(self):
        tok = self.next_non_space()
        if tok.typ == T_TEXT:
            return TextNode(tok.pos, tok.line, tok.val)
        if tok.typ == T_LDELIM:
            return self.action()
        self.unexpected(tok, "input")

    def item_list(self) -> tuple[ListNode, Any]:
        lst = ListNode(self.peek_non_space().pos)
        while self.peek_non_space().typ != T_EOF:
            n = self.text_or_action()
            if isinstance(n, (_EndNode, _ElseNode)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")
        raise AssertionError  # unreachable

    def action(self):
        tok = self.next_non_space()
        if tok.typ == T_KEYWORD:
            kw = tok.val
            if kw == "end":
                self.expect(T_RDELIM, "end")
                return _EndNode(tok.pos, tok.line)
            if kw == "else":
                peek = self.peek_non_space()
                if peek.typ == T_KEYWORD and peek.val in ("if", "with"):
                    e = _ElseNode(peek.pos, peek.line)
                    e.chained = peek.val  # type: ignore[attr-defined]
                    return e
                t = self.expect(T_RDELIM, "else")
                e = _ElseNode(t.pos, t.line)
                e.chained = ""  # type: ignore[attr-defined]
                return e
            if kw in ("if", "range", "with"):
                return self.control(kw, tok)
            if kw in ("break", "continue"):
                self.expect(T_RDELIM, "{{" + kw + "}}")
                if self.range_depth == 0:
                    self.errorf_at(tok.line, f"{{{{{kw}}}}} outside {{{{range}}}}")
                return BreakNode(tok.pos, tok.line) if kw == "break" else ContinueNode(tok.pos, tok.line)
            if kw in ("template", "block", "define"):
                self.errorf_at(tok.line, f"{{{{{kw}}}}} is not supported in --format templates")
        self.backup()
        t2 = self.peek()
        return ActionNode(t2.pos, t2.line, self.pipeline("command", T_RDELIM))

    def control(self, kind: str, tok: _Item) -> BranchNode:
        nvars = len(self.vars)
        pipe = self.pipeline(kind, T_RDELIM)
        if kind == "range":
            self.range_depth += 1
        lst, nxt = self.item_list()
        if kind == "range":
            self.range_depth -= 1
        else_list = None
        if isinstance(nxt, _ElseNode):
            chained = getattr(nxt, "chained", "")
            if chained and chained == kind and kind in ("if", "with"):
                kw = self.next_non_space()  # consume "if"/"with"
                nested = self.control(kw.val, kw)
                else_list = ListNode(nxt.pos, nxt.line, [nested])
            else:
                else_list, nxt2 = self.item_list()
                if not isinstance(nxt2, _EndNode):
                    self.errorf_at(nxt2.line, "expected end; found {{else}}")
        del self.vars[nvars:]
        return BranchNode(tok.pos, tok.line, kind, pipe, lst, else_list)

    def pipeline(self, context: str, end: int) -> PipeNode:
        tok = self.peek_non_space()
        pipe = PipeNode(tok.pos, tok.line)
        while True:  # declarations ("goto decls" in Go)
            v = self.peek_non_space()
            if v.typ != T_VARIABLE:
                break
            mark = self.i
            self.next_non_space()
            nxt = self.peek_non_space()
            if nxt.typ in (T_ASSIGN, T_DECLARE):
                pipe.is_assign = nxt.typ == T_ASSIGN
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, v.line, [v.val]))
                self.vars.append(v.val)
                break
            if nxt.typ == T_CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, v.line, [v.val]))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (T_VARIABLE, T_RDELIM, T_RPAREN):
                        continue
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            self.i = mark  # not a declaration: the variable is an operand
            break
        while True:
            t = self.next_non_space()
            if t.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if t.typ in (T_BOOL, T_CHARCONST, T_COMPLEX, T_DOT, T_FIELD, T_IDENT, T_NUMBER,
                         T_RAWSTRING, T_STRING, T_VARIABLE, T_LPAREN) or (t.typ == T_KEYWORD and t.val == "nil"):
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(t, context)

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (BoolNode, DotNode, NilNode, NumberNode, StringNode)):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> CommandNode:
        first = self.peek_non_space()
        cmd = CommandNode(first.pos, first.line)
        while True:
            self.peek_non_space()
            op = self.operand()
            if op is not None:
                cmd.args.append(op)
            tok = self.next()
            if tok.typ == T_SPACE:
                continue
            if tok.typ in (T_RDELIM, T_RPAREN):
                self.backup()
            elif tok.typ != T_PIPE:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self):
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == T_FIELD:
            first = self.peek()
            fields = []
            while self.peek().typ == T_FIELD:
                fields.append(self.next().val[1:])
            if isinstance(node, FieldNode):
                return FieldNode(first.pos, first.line, node.ident + fields)
            if isinstance(node, VariableNode):
                return VariableNode(first.pos, first.line, node.ident + fields)
            if isinstance(node, (BoolNode, StringNode, NumberNode, NilNode, DotNode)):
                self.errorf(f"unexpected . after term {go_quote(str(node))}")
            return ChainNode(first.pos, first.line, node, fields)
        return node

    def term(self):
        tok = self.next_non_space()
        if tok.typ == T_IDENT:
            if tok.val not in self.funcs:
                self.errorf_at(tok.line, f"function \"{tok.val}\" not defined")
            return IdentifierNode(tok.pos, tok.line, tok.val)
        if tok.typ == T_DOT:
            return DotNode(tok.pos, tok.line)
        if tok.typ == T_KEYWORD and tok.val == "nil":
            return NilNode(tok.pos, tok.line)
        if tok.typ == T_VARIABLE:
            if tok.val not in self.vars:
                self.errorf_at(tok.line, f"undefined variable \"{tok.val}\"")
            return VariableNode(tok.pos, tok.line, [tok.val])
        if tok.typ == T_FIELD:
            return FieldNode(tok.pos, tok.line, [tok.val[1:]])
        if tok.typ == T_BOOL:
            return BoolNode(tok.pos, tok.line, tok.val == "true")
        if tok.typ in (T_NUMBER, T_CHARCONST, T_COMPLEX):
            return NumberNode(tok.pos, tok.line, tok.val, _parse_number(tok.val, tok.typ, self, tok.line))
        if tok.typ == T_LPAREN:
            return self.pipeline("parenthesized pipeline", T_RPAREN)
        if tok.typ in (T_STRING, T_RAWSTRING):
            return StringNode(tok.pos, tok.line, tok.val, _unquote(tok.val, self, tok.line))
        self.backup()
        return None


def _item_str(it: _Item) -> str:
    """item.String() in lex.go."""
    if it.typ == T_EOF:
        return "EOF"
    if it.typ == T_ERROR:
        return it.val
    if it.typ == T_KEYWORD:
        return "<" + it.val + ">"
    if len(it.val) > 10:
        return go_quote(it.val)[:11] + "..."
    return go_quote(it.val)


def _unquote(s: str, p: _Parser, line: int) -> str:
    if s.startswith("`"):
        return s[1:-1].replace("\r", "")
    body = s[1:-1]
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= len(body):
            p.errorf_at(line, "invalid syntax")
        c = body[i]
        simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                  "\\": "\\", '"': '"', "'": "'"}
        if c in simple:
            out.append(simple[c])
            i += 1
        elif c == "x":
            out.append(bytes([int(body[i + 1:i + 3], 16)]).decode("latin-1"))
            i += 3
        elif c == "u":
            out.append(chr(int(body[i + 1:i + 5], 16)))
            i += 5
        elif c == "U":
            out.append(chr(int(body[i + 1:i + 9], 16)))
            i += 9
        elif c in "01234567":
            out.append(chr(int(body[i:i + 3], 8)))
            i += 3
        else:
            p.errorf_at(line, "invalid syntax")
    return "".join(out)


def _parse_number(text: str, typ: int, p: _Parser, line: int):
    """parse.newNumber: a char constant, an int, a float (an integer-looking number that only
    parses as a float is an "integer overflow"), or a complex."""
    from .args import go_parse_int, go_parse_uint  # the strconv ports live there
    from .units import parse_go_float
    if typ == T_CHARCONST:
        return ord(_unquote('"' + text[1:-1] + '"', p, line)[0])
    if typ == T_COMPLEX:
        try:
            imag = parse_go_float(text[:-1])
        except ValueError:
            p.errorf_at(line, f"illegal number syntax: {go_quote(text)}")
        return complex(0, imag)
    try:
        return go_parse_int(text, 0, 64)
    except ValueError:
        pass
    try:
        return go_parse_uint(text, 0, 64)
    except ValueError:
        pass
    try:
        f = parse_go_float(text.replace("_", "") if text.lower().startswith(("0x", "-0x", "+0x")) else text)
    except ValueError:
        p.errorf_at(line, f"illegal number syntax: {go_quote(text)}")
    if math.isinf(f):
        p.errorf_at(line, f"illegal number syntax: {go_quote(text)}")
    if not any(c in text for c in ".eEpP"):
        p.errorf_at(line, f"integer overflow: {go_quote(text)}")
    return f


# ==============================================================================================
# Execution (text/template/exec.go)

class _Break(Exception):
    pass


class _Continue(Exception):
    pass


_NO_FINAL = object()


class _State:
    def __init__(self, tmpl: "Template", missingkey: str, funcs: Mapping[str, Callable]):
        self.tmpl = tmpl
        self.missingkey = missingkey
        self.funcs = funcs
        self.out: list[str] = []
        self.vars: list[tuple[str, Any]] = []
        self.node: Any = None
        self.depth = 0

    def at(self, node) -> None:
        self.node = node

    def errorf(self, msg: str) -> None:
        node = self.node
        if node is None:
            raise TemplateExecError(f"template: : {msg}")
        text = self.tmpl.text
        pos = node.pos
        last_nl = text.rfind("\n", 0, pos)
        col = pos if last_nl < 0 else pos - (last_nl + 1)
        line = 1 + text.count("\n", 0, pos)
        raise TemplateExecError(
            f'template: :{line}:{col}: executing "" at <{_node_context(node)}>: {msg}')

    # -- variables
    def push(self, name: str, value: Any) -> None:
        self.vars.append((name, value))

    def mark(self) -> int:
        return len(self.vars)

    def pop(self, mark: int) -> None:
        del self.vars[mark:]

    def set_var(self, name: str, value: Any) -> None:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i] = (name, value)
                return
        self.errorf(f"undefined variable: {name}")

    def var_value(self, name: str) -> Any:
        for n, v in reversed(self.vars):
            if n == name:
                return v
        self.errorf(f"undefined variable: {name}")

    # -- walking
    def walk(self, dot: Any, node: Any) -> None:
        self.at(node)
        if isinstance(node, ActionNode):
            val = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.print_value(node, val)
        elif isinstance(node, TextNode):
            self.out.append(node.text)
        elif isinstance(node, ListNode):
            for n in node.nodes:
                self.walk(dot, n)
        elif isinstance(node, BranchNode):
            if node.kind == "range":
                self.walk_range(dot, node)
            else:
                self.walk_if_or_with(node.kind, dot, node)
        elif isinstance(node, BreakNode):
            raise _Break()
        elif isinstance(node, ContinueNode):
            raise _Continue()
        else:  # pragma: no cover
            self.errorf(f"unknown node: {node}")

    def walk_if_or_with(self, kind: str, dot: Any, node: BranchNode) -> None:
        mark = self.mark()
        val = self.eval_pipeline(dot, node.pipe)
        if truth(val):
            self.walk(val if kind == "with" else dot, node.list)
        elif node.else_list is not None:
            self.walk(dot, node.else_list)
        self.pop(mark)

    def walk_range(self, dot: Any, node: BranchNode) -> None:
        self.at(node)
        mark = self.mark()
        val = self.eval_pipeline(dot, node.pipe)
        self.pop(mark)  # the declared vars are re-pushed per element below

        def one(index, elem) -> bool:
            m = self.mark()
            if node.pipe.decl:
                if node.pipe.is_assign:
                    if len(node.pipe.decl) > 1:
                        self.set_var(node.pipe.decl[0].ident[0], index)
                        self.set_var(node.pipe.decl[1].ident[0], elem)
                    else:
                        self.set_var(node.pipe.decl[0].ident[0], elem)
                else:
                    if len(node.pipe.decl) > 1:
                        self.push(node.pipe.decl[0].ident[0], index)
                        self.push(node.pipe.decl[1].ident[0], elem)
                    else:
                        self.push(node.pipe.decl[0].ident[0], elem)
            try:
                self.walk(elem, node.list)
            except _Continue:
                pass
            except _Break:
                self.pop(m)
                return False
            self.pop(m)
            return True

        if val is MISSING or val is None:
            items: Iterable = ()
        elif isinstance(val, GoStruct):
            self.at(node)
            self.errorf(f"range can't iterate over {_sprint_value(val)}")
        elif isinstance(val, dict):
            items = sorted(val.items(), key=lambda kv: _map_sort_key(kv[0]))
        elif isinstance(val, (list, tuple)):
            items = list(enumerate(val))
        elif isinstance(val, int) and not isinstance(val, bool):
            items = [(i, i) for i in range(val)]  # Go 1.22 range over int
        elif isinstance(val, str):
            self.errorf(f"range can't iterate over {val}")
        else:
            self.errorf(f"range can't iterate over {_sprint_value(val)}")
            items = ()
        items = list(items)
        if not items:
            if node.else_list is not None:
                self.walk(dot, node.else_list)
            return
        for k, v in items:
            if not one(k, v):
                break

    def print_value(self, node: Any, val: Any) -> None:
        self.at(node)
        if callable(val) and not isinstance(val, (dict, list)):
            self.errorf(f"can't print {node} of type func")
        self.out.append(_sprint_value(val))

    # -- evaluation
    def eval_pipeline(self, dot: Any, pipe: PipeNode) -> Any:
        if pipe is None:
            return MISSING
        self.at(pipe)
        value: Any = _NO_FINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        for var in pipe.decl:
            if pipe.is_assign:
                self.set_var(var.ident[0], value)
            else:
                self.push(var.ident[0], value)
        return value

    def eval_command(self, dot: Any, cmd: CommandNode, final: Any) -> Any:
        first = cmd.args[0]
        if isinstance(first, FieldNode):
            return self.eval_field_node(dot, first, cmd.args, final)
        if isinstance(first, ChainNode):
            return self.eval_chain_node(dot, first, cmd.args, final)
        if isinstance(first, IdentifierNode):
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if isinstance(first, PipeNode):
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        if isinstance(first, VariableNode):
            return self.eval_variable_node(dot, first, cmd.args, final)
        self.at(first)
        self.not_a_function(cmd.args, final)
        if isinstance(first, BoolNode):
            return first.value
        if isinstance(first, DotNode):
            return dot
        if isinstance(first, NilNode):
            self.errorf("nil is not a command")
        if isinstance(first, NumberNode):
            return first.value
        if isinstance(first, StringNode):
            return first.value
        self.errorf(f"can't evaluate command {first}")

    def not_a_function(self, args: list, final: Any) -> None:
        if len(args) > 1 or final is not _NO_FINAL:
            self.errorf(f"can't give argument to non-function {args[0]}")

    def eval_field_node(self, dot, field: FieldNode, args, final):
        self.at(field)
        return self.eval_field_chain(dot, dot, field, field.ident, args, final)

    def eval_chain_node(self, dot, chain: ChainNode, args, final):
        self.at(chain)
        if not chain.field:
            self.errorf("internal error: no fields in evalChainNode")
        if isinstance(chain.node, NilNode):
            self.errorf(f"indirection through explicit nil in {chain}")
        pipe = self.eval_arg(dot, chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.field, args, final)

    def eval_variable_node(self, dot, var: VariableNode, args, final):
        self.at(var)
        value = self.var_value(var.ident[0])
        if len(var.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, var, var.ident[1:], args, final)

    def eval_field_chain(self, dot, receiver, node, ident: list[str], args, final):
        n = len(ident)
        for i in range(n - 1):
            receiver = self.eval_field(dot, ident[i], node, [], _NO_FINAL, receiver)
        return self.eval_field(dot, ident[n - 1], node, args, final, receiver)

    def eval_field(self, dot, name: str, node, args, final, receiver):
        has_args = len(args) > 1 or final is not _NO_FINAL
        if receiver is MISSING:
            if self.missingkey == "error":
                self.errorf(f'nil data; no entry for key "{name}"')
            return MISSING
        if receiver is None:
            self.errorf(f"nil pointer evaluating interface {{}}.{name}")
        if isinstance(receiver, GoNil):
            self.errorf(f"nil pointer evaluating {receiver.type_name}.{name}")
        if isinstance(receiver, dict):
            if name in receiver and callable(receiver[name]):
                # a method (GoStruct methods, SubHeaderContext.Label)
                return self.eval_call(dot, receiver[name], False, node, name, args, final)
            if isinstance(receiver, GoStruct):
                if name not in receiver:
                    self.errorf(f"can't evaluate field {name} in type {receiver.type_name}")
                if has_args:
                    self.errorf(f"{name} has arguments but cannot be invoked as function")
                return receiver[name]
            if has_args:
                self.errorf(f"{name} is not a method but has arguments")
            if name in receiver:
                return receiver[name]
            if self.missingkey == "error":
                self.errorf(f'map has no entry for key "{name}"')
            if self.missingkey == "zero" and isinstance(receiver, GoMap):
                return _zero_of(receiver.elem_type)
            return MISSING
        self.errorf(f"can't evaluate field {name} in type {go_type_name(receiver)}")

    def eval_function(self, dot, node: IdentifierNode, cmd: CommandNode, args, final):
        self.at(node)
        name = node.name
        if name in ("and", "or") and name not in self.tmpl.funcs:
            return self.eval_and_or(dot, name, cmd, args, final)
        fn = self.funcs.get(name)
        if fn is None:
            self.errorf(f'"{name}" is not a defined function')
        return self.eval_call(dot, fn, True, cmd, name, args, final)

    def eval_and_or(self, dot, name, cmd, args, final):
        argv = args[1:]
        if not argv and final is _NO_FINAL:
            self.at(cmd)
            self.errorf(f"wrong number of args for {name}: want at least 1 got 0")
        val: Any = MISSING
        for a in argv:
            val = self.eval_arg(dot, a)
            if truth(val) != (name == "and"):
                return val
        if final is not _NO_FINAL:
            val = final
        return val

    def eval_call(self, dot, fn: Callable, is_builtin: bool, node, name: str, args, final):
        arg_nodes = list(args[1:])
        spec = getattr(fn, "_go_sig", None)
        nargs = len(arg_nodes) + (0 if final is _NO_FINAL else 1)
        if spec is not None:
            params, variadic = spec
            fixed = params[:-1] if variadic else params
            if variadic:
                if nargs < len(fixed):
                    self.errorf(f"wrong number of args for {name}: want at least {len(fixed)} got {len(arg_nodes)}")
            elif nargs != len(fixed):
                self.errorf(f"wrong number of args for {name}: want {len(fixed)} got {nargs}")
        argv = []
        for i, a in enumerate(arg_nodes):
            want = None
            if spec is not None:
                want = fixed[i] if i < len(fixed) else params[-1]
            if want not in (None, "any") and isinstance(a, (NumberNode, StringNode, BoolNode)):
                self.at(a)
                v = a.value
                if not _type_ok(want, v):
                    kind = {"string": "string", "int": "integer", "bool": "bool"}.get(want)
                    if kind is None:
                        self.errorf(f"can't handle {a} for arg of type {want}")
                    self.errorf(f"expected {kind}; found {a}")
                argv.append(v)
                continue
            v = self.eval_arg(dot, a)
            argv.append(self._validate(v, want, a))
        if final is not _NO_FINAL:
            want = None
            if spec is not None:
                i = len(argv)
                want = fixed[i] if i < len(fixed) else params[-1]
            argv.append(self._validate(final, want, None))
        if fn is _fn_call and argv and not callable(argv[0]):
            self.at(node)
            what = str(arg_nodes[0]) if arg_nodes else "value"
            self.errorf(f"error calling call: non-function {what} of type {go_type_name(argv[0])}")
        try:
            return fn(*argv)
        except TemplateExecError:
            raise
        except _GoFuncError as e:
            self.at(node)
            self.errorf(f"error calling {name}: {e}")

    def _validate(self, v, want, node):
        """exec.go validateType."""
        if node is not None:
            self.at(node)
        if v is MISSING:
            if want in ("string", "int", "[]string", "bool"):
                self.errorf(f"invalid value; expected {want}")
            return None
        if want not in (None, "any") and not _type_ok(want, v):
            self.errorf(f"wrong type for value; expected {want}; got {go_type_name(v)}")
        return v

    def eval_arg(self, dot, node):
        self.at(node)
        if isinstance(node, DotNode):
            return dot
        if isinstance(node, NilNode):
            return None
        if isinstance(node, FieldNode):
            return self.eval_field_node(dot, node, [node], _NO_FINAL)
        if isinstance(node, VariableNode):
            return self.eval_variable_node(dot, node, [node], _NO_FINAL)
        if isinstance(node, PipeNode):
            return self.eval_pipeline(dot, node)
        if isinstance(node, IdentifierNode):
            return self.eval_function(dot, node, CommandNode(node.pos, node.line, [node]), [node], _NO_FINAL)
        if isinstance(node, ChainNode):
            return self.eval_chain_node(dot, node, [node], _NO_FINAL)
        if isinstance(node, (BoolNode,)):
            return node.value
        if isinstance(node, NumberNode):
            return node.value
        if isinstance(node, StringNode):
            return node.value
        self.errorf(f"can't handle {node} for arg")


def _node_context(node) -> str:
    return str(node)


def _zero_of(t: str) -> Any:
    return {"string": "", "int": 0, "bool": False}.get(t)


def _type_ok(want: str, a: Any) -> bool:
    if want == "any":
        return True
    if want == "string":
        return isinstance(a, str)
    if want == "int":
        return isinstance(a, int) and not isinstance(a, bool)
    if want == "[]string":
        return isinstance(a, (list, tuple)) and all(isinstance(x, str) for x in a)
    return True


def _sig(params: list[str], variadic: bool = False):
    def deco(fn):
        fn._go_sig = (params, variadic)
        return fn
    return deco


class _GoFuncError(Exception):
    pass


# ---- builtins

@_sig(["any", "any"], True)
def _fn_index(item, *indexes):
    for idx in indexes:
        if item is None or item is MISSING:
            raise _GoFuncError("index of untyped nil")
        if isinstance(item, GoStruct):
            raise _GoFuncError(f"can't index item of type {item.type_name}")
        if isinstance(item, dict):
            if idx in item:
                item = item[idx]
            else:
                if isinstance(item, GoMap):
                    item = _zero_of(item.elem_type)
                elif all(isinstance(x, str) for x in item.values()):
                    item = ""  # map[string]string (Labels, Options): zero value
                else:
                    item = None
            continue
        if isinstance(item, (list, tuple, str)):
            if not isinstance(idx, int) or isinstance(idx, bool):
                raise _GoFuncError(f"cannot index slice/array with type {go_type_name(idx)}")
            if idx < 0 or idx >= len(item):
                raise _GoFuncError(f"index out of range: {idx}")
            item = item[idx] if not isinstance(item, str) else item.encode()[idx]
            continue
        raise _GoFuncError(f"can't index item of type {go_type_name(item)}")
    return item


@_sig(["any", "any"], True)
def _fn_slice(item, *indexes):
    if isinstance(item, str):
        b = item.encode()
        idx = list(indexes)
        if len(idx) > 2:
            raise _GoFuncError("cannot 3-index slice a string")
        i = idx[0] if idx else 0
        j = idx[1] if len(idx) > 1 else len(b)
        if not (0 <= i <= j <= len(b)):
            raise _GoFuncError(f"index out of range: {j if j > len(b) else i}")
        return b[i:j].decode(errors="replace")
    if isinstance(item, (list, tuple)):
        idx = list(indexes)
        i = idx[0] if idx else 0
        j = idx[1] if len(idx) > 1 else len(item)
        if not (0 <= i <= j <= len(item)):
            raise _GoFuncError(f"index out of range: {j if j > len(item) else i}")
        return list(item[i:j])
    raise _GoFuncError(f"can't slice item of type {go_type_name(item)}")


@_sig(["any"])
def _fn_len(item):
    if item is None or item is MISSING or isinstance(item, GoNil):
        raise _GoFuncError("len of nil pointer")
    if isinstance(item, GoStruct):
        raise _GoFuncError(f"len of type {item.type_name}")
    if isinstance(item, str):
        return len(item.encode())
    if isinstance(item, (list, tuple, dict)):
        return len(item)
    raise _GoFuncError(f"len of type {go_type_name(item)}")


@_sig(["any"])
def _fn_not(x):
    return not truth(x)


def _basic_kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return None


@_sig(["any", "any"], True)
def _fn_eq(arg1, *args):
    if not args:
        raise _GoFuncError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for a in args:
        k2 = _basic_kind(a)
        if k1 is None or k2 is None:
            if arg1 is None or a is None or arg1 is MISSING or a is MISSING:
                if (arg1 is None or arg1 is MISSING) and (a is None or a is MISSING):
                    return True
                if arg1 is None or arg1 is MISSING:
                    if isinstance(a, (list, dict)) or a is None:
                        if a == None:  # noqa: E711
                            return True
                        continue
                    raise _GoFuncError("incompatible types for comparison")
                continue
            if isinstance(arg1, (list, tuple, dict)) or isinstance(a, (list, tuple, dict)):
                raise _GoFuncError("non-comparable type " + _sprint_value(arg1 if isinstance(arg1, (list, tuple, dict)) else a) + ": " + go_type_name(arg1 if isinstance(arg1, (list, tuple, dict)) else a))
            if arg1 == a:
                return True
            continue
        if k1 != k2:
            raise _GoFuncError("incompatible types for comparison")
        if arg1 == a:
            return True
    return False


@_sig(["any", "any"])
def _fn_ne(a, b):
    return not _fn_eq(a, b)


def _cmp(a, b):
    k1, k2 = _basic_kind(a), _basic_kind(b)
    if k1 is None or k2 is None or k1 == "bool" or k2 == "bool":
        raise _GoFuncError("invalid type for comparison")
    if k1 != k2:
        raise _GoFuncError("incompatible types for comparison")
    return (a > b) - (a < b)


@_sig(["any", "any"])
def _fn_lt(a, b):
    return _cmp(a, b) < 0


@_sig(["any", "any"])
def _fn_le(a, b):
    return _cmp(a, b) <= 0


@_sig(["any", "any"])
def _fn_gt(a, b):
    return _cmp(a, b) > 0


@_sig(["any", "any"])
def _fn_ge(a, b):
    return _cmp(a, b) >= 0


def _fn_print(*args):
    return go_sprint(*args)


def _fn_println(*args):
    return go_sprintln(*args)


@_sig(["string", "any"], True)
def _fn_printf(fmt, *args):
    return go_sprintf(fmt, *args)


def _eval_args_str(args) -> str:
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return go_sprint(*args)


def _fn_html(*args):
    s = _eval_args_str(args)
    return (s.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&#34;").replace("\x00", "\uFFFD"))


def _fn_js(*args):
    s = _eval_args_str(args)
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == '"':
            out.append("\\\"")
        elif ch == "<":
            out.append("\\u003C")
        elif ch == ">":
            out.append("\\u003E")
        elif ch == "&":
            out.append("\\u0026")
        elif ch == "=":
            out.append("\\u003D")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def _fn_urlquery(*args):
    return urllib.parse.quote_plus(_eval_args_str(args), safe="")


@_sig(["any", "any"], True)
def _fn_call(fn, *args):
    if not callable(fn):
        raise _GoFuncError(f"non-function of type {go_type_name(fn)}")
    return fn(*args)


_BUILTIN_FUNCS: dict[str, Callable] = {
    "and": None, "or": None,  # type: ignore[dict-item]  (handled in eval_and_or)
    "not": _fn_not, "len": _fn_len, "index": _fn_index, "slice": _fn_slice,
    "print": _fn_print, "printf": _fn_printf, "println": _fn_println,
    "eq": _fn_eq, "ne": _fn_ne, "lt": _fn_lt, "le": _fn_le, "gt": _fn_gt, "ge": _fn_ge,
    "html": _fn_html, "js": _fn_js, "urlquery": _fn_urlquery, "call": _fn_call,
}


# ---- docker/cli templates.basicFunctions

@_sig(["any"])
def _fn_json(v):
    return go_json(v, escape_html=False).strip()


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


# ==============================================================================================
# Template

class Template:
    """A parsed template. ``execute`` returns the output; on error raises TemplateExecError
    whose ``partial`` holds what was written before the failure."""

    def __init__(self, text: str, funcs: Mapping[str, Callable] | None = None):
        self.text = text
        self.funcs = dict(DOCKER_FUNCS if funcs is None else funcs)
        self.root = _Parser(text, {**_BUILTIN_FUNCS, **self.funcs}).parse()

    def execute(self, data: Any, missingkey: str = "default",
                funcs: Mapping[str, Callable] | None = None) -> str:
        st = _State(self, missingkey, {**_BUILTIN_FUNCS, **(self.funcs if funcs is None else {**self.funcs, **funcs})})
        st.push("$", data)
        try:
            st.walk(data, self.root)
        except TemplateExecError as e:
            e.partial = "".join(st.out)
            raise
        except RecursionError:
            raise TemplateExecError("template: : exceeded maximum template depth",
                                    "".join(st.out)) from None
        return "".join(st.out)


def parse(text: str, funcs: Mapping[str, Callable] | None = None) -> Template:
    """templates.Parse: a template with docker's functions. Raises TemplateParseError."""
    return Template(text, funcs)


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


def inspect_output(fmt: str | None, items: Sequence[Any], raw_fallback: bool = True
                   ) -> tuple[str, str, int]:
    """``inspect.Inspect`` (docker inspect, container/image/volume inspect): returns
    ``(stdout, stderr, exit_status)``.

    ``items`` are the inspected objects (JSON-shaped dicts, or GoStruct for typed execution);
    an ``Exception`` or ``str`` item stands for a lookup error (its text is reported, e.g.
    "Error: No such object: x"). With an empty format the objects are printed as an indented
    JSON array, with "json" compactly. ``raw_fallback`` mirrors whether the command has the
    raw JSON (docker inspect, container/image inspect: yes; volume inspect: no): on an
    execution error the template is re-run on the plain JSON maps with ``missingkey=error``,
    which yields ``map has no entry for key "X"``."""
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
            typed_mk = "error" if (raw_fallback and type(item) is dict) else "default"
            res = tmpl.execute(item, missingkey=typed_mk)
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
    """The raw-JSON view of a value: GoStructs become plain maps (json.Decode into any)."""
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items() if not callable(x)}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v
