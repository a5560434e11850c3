"""Go's ``strconv``: quoting (``Quote``, ``QuoteRune``, the ``%q`` verb), which Docker's messages
and tables use, and number parsing (``ParseInt``, ``ParseUint``, ``ParseFloat``,
``ParseBool``) with Go's syntax (base prefixes, ``_`` between digits) and Go's error texts
(``strconv.ParseInt: parsing "x": invalid syntax``)."""
from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["go_quote", "go_quote_rune", "parse_int", "parse_uint", "parse_float",
           "parse_bool", "underscore_ok", "num_error"]


def _is_print(ch: str) -> bool:
    """strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space."""
    if ch == " ":
        return True
    return unicodedata.category(ch)[0] in "LMNPS"


_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\v": "\\v"}


def _quote_with(s: str, quote: str) -> str:
    out = [quote]
    for ch in s:
        o = ord(ch)
        if ch == quote or ch == "\\":
            out.append("\\" + ch)
        elif o < 0x80 and _is_print(ch):
            out.append(ch)
        elif o >= 0x80 and 0xD800 <= o <= 0xDFFF:
            # lone surrogate (e.g. from surrogateescape-decoded bytes): Go sees invalid UTF-8
            out.append("\\x%02x" % (o - 0xDC00) if 0xDC80 <= o <= 0xDCFF else "\\ufffd")
        elif o >= 0x80 and _is_print(ch):
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    out.append(quote)
    return "".join(out)


def go_quote(s: str) -> str:
    """strconv.Quote: a double-quoted Go string literal (non-ASCII printable runes kept)."""
    return _quote_with(s, '"')


def go_quote_rune(ch: str) -> str:
    """strconv.QuoteRune / ``%q`` of a rune: 'x'."""
    return _quote_with(ch, "'")


def num_error(fn: str, s: str, what: str) -> ValueError:
    return ValueError(f"strconv.{fn}: parsing {go_quote(s)}: {what}")


def _parse_uint(s0: str, base: int, bits: int, fn: str) -> int:
    s = s0
    if s == "":
        raise num_error(fn, s0, "invalid syntax")
    base0 = base == 0
    if base == 0:
        base = 10
        if s[0] == "0":
            if len(s) >= 3 and s[1].lower() == "b":
                base, s = 2, s[2:]
            elif len(s) >= 3 and s[1].lower() == "o":
                base, s = 8, s[2:]
            elif len(s) >= 3 and s[1].lower() == "x":
                base, s = 16, s[2:]
            else:
                base, s = 8, s[1:]
    max_val = (1 << bits) - 1
    n = 0
    underscores = False
    for c in s:
        if c == "_" and base0:
            underscores = True
            continue
        if "0" <= c <= "9":
            d = ord(c) - 48
        elif "a" <= c.lower() <= "z":
            d = ord(c.lower()) - 87
        else:
            raise num_error(fn, s0, "invalid syntax")
        if d >= base:
            raise num_error(fn, s0, "invalid syntax")
        n = n * base + d
        if n > max_val:
            raise num_error(fn, s0, "value out of range")
    if underscores and not underscore_ok(s0):
        raise num_error(fn, s0, "invalid syntax")
    return n


def parse_int(s: str, base: int = 0, bits: int = 64) -> int:
    """strconv.ParseInt(s, base, bits) with Go's error text."""
    if s == "":
        raise num_error("ParseInt", s, "invalid syntax")
    neg = False
    body = s
    if s[0] in "+-":
        neg = s[0] == "-"
        body = s[1:]
    try:
        un = _parse_uint(body, base, bits, "ParseInt")
    except ValueError as e:
        raise num_error("ParseInt", s, str(e).rsplit(": ", 1)[1]) from None
    cutoff = 1 << (bits - 1)
    if not neg and un >= cutoff:
        raise num_error("ParseInt", s, "value out of range")
    if neg and un > cutoff:
        raise num_error("ParseInt", s, "value out of range")
    return -un if neg else un


def parse_uint(s: str, base: int = 0, bits: int = 64) -> int:
    """strconv.ParseUint(s, base, bits)."""
    return _parse_uint(s, base, bits, "ParseUint")


def parse_bool(s: str) -> bool:
    """strconv.ParseBool."""
    if s in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if s in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise num_error("ParseBool", s, "invalid syntax")


# strconv.ParseFloat's syntax once underscores are dropped: a decimal or hexadecimal literal
# (a hex mantissa needs a p exponent), or "inf"/"infinity" with an optional sign, or "nan"
_GO_FLOAT = re.compile(
    r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|[nN][aA][nN]\Z",
    re.ASCII,                   # Go's digits are 0-9 only
)


def parse_float(s: str) -> float:
    """strconv.ParseFloat(s, 64); raises ValueError with Go's message on failure: ``invalid
    syntax``, or ``value out of range`` for a finite literal beyond float64 (``1e400``)."""
    if not _GO_FLOAT.fullmatch(s.replace("_", "")) or ("_" in s and not underscore_ok(s)):
        raise ValueError(f'strconv.ParseFloat: parsing {go_quote(s)}: invalid syntax')
    t = s.replace("_", "")
    try:
        f = float.fromhex(t) if "x" in t.lower() else float(t)
    except OverflowError:       # float.fromhex beyond float64
        f = math.inf
    if math.isinf(f) and "n" not in t.lower():     # "inf"/"infinity" are not out of range
        raise ValueError(f'strconv.ParseFloat: parsing {go_quote(s)}: value out of range')
    return f


def underscore_ok(s: str) -> bool:
    """strconv.underscoreOK: each ``_`` stands between digits (a base prefix counts as one);
    what ParseFloat and ParseInt (base 0) check once they have seen an underscore."""
    saw = "^"                   # ^ start, 0 digit or prefix, _ underscore, ! anything else
    if s[:1] in ("+", "-"):
        s = s[1:]
    i, hexa = 0, False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i, saw, hexa = 2, "0", s[1].lower() == "x"
    for c in s[i:]:
        if "0" <= c <= "9" or (hexa and c.lower() in "abcdef"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"
