"""Go's ``encoding/csv`` Reader, for the comma-separated flag values docker parses with it
(``--mount``, ``--secret``…): one record, ``"``-quoted fields, ``""`` for a quote, and Go's
errors (``EOF``; ``parse error on line 1, column N: bare " in non-quoted-field``)."""
from __future__ import annotations

__all__ = ["read_record"]


def read_record(line: str) -> list[str]:
    """The first record of Go's ``encoding/csv`` Reader (comma-separated, ``"``-quoted
    fields, ``""`` for a quote), with its errors: ``EOF``, ``parse error on line 1, column
    N: bare " in non-quoted-field`` / ``extraneous or missing " in quoted-field``."""
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
