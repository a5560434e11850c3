"""Go's string quoting (``strconv.Quote``, ``%q``), which Docker's messages and tables use:
one implementation for the engine and the CLI."""
from __future__ import annotations

import unicodedata


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
