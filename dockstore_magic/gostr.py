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


def go_csv_record(line: str) -> list[str]:
    """The first record of Go's ``encoding/csv`` Reader (comma-separated, ``"``-quoted
    fields, ``""`` for a quote), with its errors: ``EOF``, ``parse error on line 1, column
    N: bare " in non-quoted-field`` / ``extraneous or missing " in quoted-field``.  docker's
    comma-separated flag values (``--mount``, stringSlice flags) are read with it."""
    if line == "":
        raise ValueError("EOF")
    line = line.split("\n", 1)[0]
    b = line.encode("utf-8", "surrogateescape")
    fields: list[str] = []
    i, n = 0, len(b)
    while True:
        if i < n and b[i:i + 1] == b'"':
            i += 1
            buf = bytearray()
            while True:
                j = b.find(b'"', i)
                if j < 0:
                    raise ValueError(f'parse error on line 1, column {n + 1}: extraneous or missing " in quoted-field')
                buf += b[i:j]
                i = j + 1
                nxt = b[i:i + 1]
                if nxt == b'"':
                    buf += b'"'
                    i += 1
                elif nxt == b",":
                    i += 1
                    fields.append(buf.decode("utf-8", "surrogateescape"))
                    break
                elif nxt == b"":
                    fields.append(buf.decode("utf-8", "surrogateescape"))
                    return fields
                else:
                    raise ValueError(f'parse error on line 1, column {j + 1}: extraneous or missing " in quoted-field')
        else:
            j = b.find(b",", i)
            end = n if j < 0 else j
            q = b.find(b'"', i, end)
            if q >= 0:
                raise ValueError(f'parse error on line 1, column {q + 1}: bare " in non-quoted-field')
            fields.append(b[i:end].decode("utf-8", "surrogateescape"))
            if j < 0:
                return fields
            i = j + 1
