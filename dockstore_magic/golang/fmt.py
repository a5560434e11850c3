"""Go's ``fmt`` printing: ``Sprint``/``Sprintln`` (the ``%v`` of every value, maps printed with
sorted keys) and ``Sprintf`` with the verbs docker users write, with Go's
``%!verb(type=value)`` error markers; float formatting as ``strconv.FormatFloat``."""
from __future__ import annotations

import math
import re
from typing import Any

from .strconv import go_quote, go_quote_rune
from .values import MISSING, GoNil, GoStruct, go_type_name

__all__ = ["go_sprint", "go_sprintln", "go_sprintf", "sprint_value", "format_float_g",
           "format_g", "map_sort_key", "shortest_digits"]



def shortest_digits(f: float) -> tuple[str, int]:
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


def format_float_g(f: float) -> str:
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
    digits, e10 = shortest_digits(f)
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


def sprint_value(v: Any, top: bool = True) -> str:
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
        return format_float_g(v)
    if isinstance(v, complex):
        im = format_float_g(v.imag)
        return "(" + format_float_g(v.real) + ("" if im.startswith("-") else "+") + im + "i)"
    if isinstance(v, str):
        return v
    if isinstance(v, GoStruct):
        values = [sprint_value(x, False) for x in v.values() if not callable(x)]
        parts, at = [], 0
        for n in v.embedded:                    # an embedded struct prints in its own braces
            parts.append("{" + " ".join(values[at:at + n]) + "}")
            at += n
        return "{" + " ".join(parts + values[at:]) + "}"
    if isinstance(v, dict):
        items = sorted(v.items(), key=lambda kv: map_sort_key(kv[0]))
        return "map[" + " ".join(f"{sprint_value(k, False)}:{sprint_value(x, False)}"
                                 for k, x in items) + "]"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(sprint_value(x, False) for x in v) + "]"
    if callable(v):
        return "0x0"
    return str(v)


def map_sort_key(k: Any):
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
        out.append(sprint_value(a))
        prev_string = is_string
    return "".join(out)


def go_sprintln(*args: Any) -> str:
    return " ".join(sprint_value(a) for a in args) + "\n"


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
        extra = ", ".join(f"{go_type_name(a)}={sprint_value(a)}" if a is not None else "<nil>"
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
    return f"%!{verb}({go_type_name(a)}={sprint_value(a)})"


def _is_int(a: Any) -> bool:
    return isinstance(a, int) and not isinstance(a, bool)


def _fmt_one(flags: str, width: int | None, prec: int | None, verb: str, a: Any) -> str:
    if isinstance(a, (list, tuple)) and verb not in "vsq":
        return "[" + " ".join(_fmt_one(flags, width, prec, verb, x) for x in a) + "]"
    if verb == "v":
        if isinstance(a, float):
            return _pad(_fmt_float(a, "g", prec), flags, width, numeric=True)
        return _pad(sprint_value(a), flags, width, numeric=_is_int(a))
    if verb == "s":
        if isinstance(a, str):
            s = a if prec is None else a[:prec]
            return _pad(s, flags, width)
        if isinstance(a, (list, tuple, dict)):
            return _pad(sprint_value(a), flags, width)
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
        return format_float_g(a)
    if verb in "gG":
        if prec is None:
            s = format_float_g(a)
        else:
            s = "%.*g" % (prec or 1, a)
        return s.upper() if verb == "G" else s
    p = 6 if prec is None else prec
    if verb in "fF":
        return "%.*f" % (p, a)
    return ("%.*" + verb) % (p, a)


def format_g(value: float, precision: int) -> str:
    """``fmt.Sprintf("%.*g", precision, value)`` for finite floats (Go and C agree on %g: the
    shortest of %e/%f, trailing zeros dropped, an exponent of at least two digits)."""
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    if precision == 0:
        precision = 1  # Go, like C, treats %.0g as %.1g
    return "%.*g" % (precision, value)
