"""Go's ``encoding/json`` encoder: ``json.Marshal`` (compact, HTML characters escaped as
``\\u003c``) and ``json.MarshalIndent``; a :class:`~.values.GoMap` has its keys sorted, a
:class:`~.values.GoStruct` keeps its field order and honours ``omitempty``; a value with a
``go_marshal_json()`` method (Go's ``json.Marshaler``) is encoded as what that returns."""
from __future__ import annotations

import math
from typing import Any

from .fmt import format_float_g, shortest_digits
from .values import MISSING, GoMap, GoNil, GoStruct, go_type_name

__all__ = ["go_json", "is_empty", "marshal", "MarshalError", "syntax_error_text"]


class MarshalError(ValueError):
    """``json: unsupported value: NaN`` / ``json: unsupported type: func``: Go's message."""



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
        raise MarshalError(f"json: unsupported value: {format_float_g(f)}")
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    sign = "-" if f < 0 else ""
    digits, e10 = shortest_digits(f)
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
    if hasattr(v, "go_marshal_json"):
        # json.Marshaler: encode what its MarshalJSON gives, as json.Marshal does (HTML escaped)
        return _json_encode(v.go_marshal_json(), True, indent, level)
    if isinstance(v, GoMap) and v.nil and not v:
        return "null"
    if isinstance(v, dict):
        items = list(v.items())
        if isinstance(v, GoMap):
            items.sort(key=lambda kv: str(kv[0]))
        items = [(k, x) for k, x in items if not callable(x)]
        if isinstance(v, GoStruct) and v.omitempty:
            items = [(k, x) for k, x in items if not (k in v.omitempty and is_empty(x))]
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
    raise MarshalError(f"json: unsupported type: {go_type_name(v)}")


def is_empty(x: Any) -> bool:
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


def marshal(value: Any) -> bytes:
    """``json.Marshal``: compact, HTML characters escaped, UTF-8 bytes (what the daemon
    stores and hashes: image configs, manifests, ``repositories.json``)."""
    return go_json(value, escape_html=True).encode()


def syntax_error_text(text: str, e) -> str:
    """encoding/json's ``SyntaxError`` text for a ``json.JSONDecodeError`` ``e`` of ``text``
    (the commonest mistakes: a missing key quote, comma or colon, a bad value, a cut end)."""
    if e.pos >= len(text.rstrip()):
        return "unexpected end of JSON input"
    ch = text[e.pos]
    if "Expecting property name" in e.msg:
        return f"invalid character '{ch}' looking for beginning of object key string"
    if "Expecting ',' delimiter" in e.msg:
        return f"invalid character '{ch}' after object key:value pair"
    if "Expecting ':' delimiter" in e.msg:
        return f"invalid character '{ch}' after object key"
    return f"invalid character '{ch}' looking for beginning of value"
