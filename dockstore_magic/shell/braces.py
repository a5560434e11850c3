"""bash's brace expansion (bash ``braces.c``; the bash manual, "Brace Expansion"): the first
expansion of a word, before tilde, parameter and command substitution, on the word's
unquoted text only.

* ``pre{a,b,c}post`` → ``preapost prebpost precpost`` (alternatives may be empty, may nest);
* ``{x..y[..incr]}`` with integers or single letters → a sequence, zero-padded when either
  end has a leading zero (``{01..10}``);
* a brace with neither a top-level comma nor a valid sequence stays as it is (``{a}``, ``{}``),
  and so does a quoted or escaped brace.

Words are handled as their parts (shell/nodes.py): an unquoted literal's characters can form
braces; quoted text and ``$…`` expansions are opaque and travel with the alternative they are
in."""
from __future__ import annotations

import re

from .nodes import Lit

_SEQ = re.compile(r"^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$")
_MAX = 100_000


class _Q:
    """A quoted character: never a brace, a comma or part of a sequence."""
    __slots__ = ("ch",)

    def __init__(self, ch: str):
        self.ch = ch


def _items(parts) -> list:
    out: list = []
    for p in parts:
        if isinstance(p, Lit):
            if p.quoted and p.text:
                out.extend(_Q(c) for c in p.text)
            elif p.quoted:
                out.append(p)                # "": keeps an empty word a word
            else:
                out.extend(p.text)
        else:
            out.append(p)
    return out


def _parts(items) -> list:
    out: list = []
    buf: list[str] = []
    quoted = False

    def flush():
        if buf:
            out.append(Lit("".join(buf), quoted))
            buf.clear()

    for it in items:
        if isinstance(it, str) or isinstance(it, _Q):
            q = isinstance(it, _Q)
            if buf and q != quoted:
                flush()
            quoted = q
            buf.append(it.ch if q else it)
        else:
            flush()
            out.append(it)
    flush()
    return out


def _close(items, i: int) -> tuple[int, list[int]] | None:
    """``items[i] == '{'``: the index of its ``}`` and of the top-level commas, or None."""
    depth, commas = 0, []
    for j in range(i + 1, len(items)):
        c = items[j]
        if not isinstance(c, str):
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return j, commas
            depth -= 1
        elif c == "," and depth == 0:
            commas.append(j)
    return None


def _sequence(text: str) -> list[str] | None:
    m = _SEQ.match(text)
    if not m:
        return None
    a, b, step = m.group(1), m.group(2), m.group(3)
    inc = abs(int(step)) if step else 1
    inc = inc or 1
    if a.lstrip("-").isdigit() and b.lstrip("-").isdigit():
        x, y = int(a), int(b)
        padded = any(len(e.lstrip("-")) > 1 and e.lstrip("-").startswith("0") for e in (a, b))
        width = max(len(a), len(b)) if padded else 0
        rng = range(x, y + 1, inc) if x <= y else range(x, y - 1, -inc)
        if len(rng) > _MAX:
            return None
        return [("-" + str(-v).zfill(width - 1)) if v < 0 and width else str(v).zfill(width)
                for v in rng]
    if len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha():
        x, y = ord(a), ord(b)
        rng = range(x, y + 1, inc) if x <= y else range(x, y - 1, -inc)
        return [chr(v) for v in rng]
    return None


def _expand(items) -> list[list]:
    i = 0
    while i < len(items):
        if items[i] == "{":
            found = _close(items, i)
            if found is not None:
                j, commas = found
                pre, body, post = items[:i], items[i + 1:j], items[j + 1:]
                if commas:
                    bounds = [i] + commas + [j]
                    alts = [items[bounds[k] + 1:bounds[k + 1]] for k in range(len(bounds) - 1)]
                else:
                    seq = _sequence("".join(body)) if all(isinstance(c, str) for c in body) else None
                    if seq is None:
                        i += 1
                        continue
                    alts = [list(s) for s in seq]
                tails = _expand(post)
                out: list[list] = []
                for alt in alts:
                    for a in _expand(alt):
                        for t in tails:
                            out.append(pre + a + t)
                return out
        i += 1
    return [items]


def brace_expand(parts) -> list[list]:
    """The words (as parts) that brace expansion makes of one word's parts."""
    if not any(isinstance(p, Lit) and not p.quoted and "{" in p.text for p in parts):
        return [parts]
    return [_parts(items) for items in _expand(_items(parts))]
