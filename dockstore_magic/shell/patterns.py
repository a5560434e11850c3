"""Shell pattern matching (``case``, ``${x#pat}``, ``find -name``, globbing) and pathname
expansion against a simulated filesystem."""
from __future__ import annotations

import re
from functools import lru_cache

GLOB_CHARS = set("*?[")

_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": r" \t\n\r\f\v", "blank": r" \t", "punct": r"!-/:-@\[-`{-~", "xdigit": "0-9A-Fa-f",
    "print": r" -~", "graph": r"!-~", "cntrl": r"\x00-\x1f\x7f", "word": r"\w",
}


def has_glob(pattern: str) -> bool:
    """Whether an (escaped) pattern has an unescaped glob character."""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in GLOB_CHARS:
            return True
        i += 1
    return False


def escape(text: str) -> str:
    """Quote a literal so that it matches only itself in a pattern."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


def unescape(pattern: str) -> str:
    out = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i + 1])
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def translate(pattern: str, greedy: bool = True) -> str:
    """An sh pattern as a regular expression (without anchors)."""
    out = []
    i, n = 0, len(pattern)
    star = ".*" if greedy else ".*?"
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 < n:
                out.append(re.escape(pattern[i + 1]))
                i += 2
            else:
                out.append(re.escape("\\"))
                i += 1
            continue
        if c == "*":
            out.append(star)
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "[" and j + 1 < n and pattern[j + 1] == ":":
                    k = pattern.find(":]", j + 2)
                    j = k + 2 if k >= 0 else j + 1
                    continue
                j += 1
            if j >= n:
                out.append(re.escape("["))
            else:
                body = pattern[i + 1:j]
                neg = body[:1] in ("!", "^")
                if neg:
                    body = body[1:]
                cls = []
                k = 0
                while k < len(body):
                    ch = body[k]
                    if ch == "[" and body.startswith("[:", k):
                        e = body.find(":]", k + 2)
                        if e >= 0:
                            cls.append(_CLASSES.get(body[k + 2:e], ""))
                            k = e + 2
                            continue
                    if ch == "\\" and k + 1 < len(body):
                        cls.append(re.escape(body[k + 1]))
                        k += 2
                        continue
                    if ch == "-" and 0 < k < len(body) - 1:
                        cls.append("-")
                    else:
                        cls.append(re.escape(ch) if ch in "\\]^[" else ch)
                    k += 1
                out.append("[" + ("^" if neg else "") + "".join(cls) + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(r"(?s:" + translate(pattern) + r")\Z", flags)
    except re.error:
        return re.compile(re.escape(unescape(pattern)) + r"\Z", flags)


def fnmatch(name: str, pattern: str, icase: bool = False) -> bool:
    return compile_pattern(pattern, re.IGNORECASE if icase else 0).match(name) is not None


def strip_match(value: str, pattern: str, op: str) -> str:
    """``${v#p}``, ``${v##p}``, ``${v%p}``, ``${v%%p}``."""
    rx = compile_pattern(pattern)
    n = len(value)
    if op == "#":
        rng = range(0, n + 1)
    elif op == "##":
        rng = range(n, -1, -1)
    elif op == "%":
        rng = range(n, -1, -1)
    else:
        rng = range(0, n + 1)
    for k in rng:
        if op in ("#", "##"):
            if rx.match(value[:k]):
                return value[k:]
        else:
            if rx.match(value[k:]):
                return value[:k]
    return value


def replace_match(value: str, pattern: str, rep: str, all_: bool) -> str:
    """``${v/p/r}`` and ``${v//p/r}`` (busybox ash, bash)."""
    anchor_start = pattern.startswith("#")
    anchor_end = pattern.startswith("%")
    if anchor_start or anchor_end:
        pattern = pattern[1:]
    rx = re.compile(r"(?s:" + translate(pattern) + ")")
    if anchor_start:
        m = re.compile(r"(?s:" + translate(pattern) + ")").match(value)
        return rep + value[m.end():] if m and m.end() else value
    if anchor_end:
        for k in range(len(value) + 1):
            if re.compile(r"(?s:" + translate(pattern) + r")\Z").match(value, k):
                return value[:k] + rep
        return value
    if not pattern:
        return value
    return rx.sub(lambda m: rep, value, count=0 if all_ else 1)


def glob(fs, pattern: str, cwd: str, dots: bool = True) -> list[str]:
    """Pathname expansion of an escaped pattern; [] when nothing matches.  ``dots``: a
    pattern starting with '.' also matches the '.' and '..' entries (dash, ash; not bash)."""
    absolute = pattern.startswith("/")
    comps = [c for c in pattern.split("/") if c != ""]
    if not comps:
        return []
    trailing = pattern.endswith("/")
    paths = ["/" if absolute else ""]
    for idx, comp in enumerate(comps):
        last = idx == len(comps) - 1
        nxt = []
        for base in paths:
            if has_glob(comp):
                try:
                    names = fs.listdir(base or ".", cwd=cwd)
                except Exception:
                    continue
                if dots and (comp.startswith(".") or comp.startswith("\\.")):
                    names = [".", ".."] + names
                rx = compile_pattern(comp)
                for name in names:
                    if name.startswith(".") and not comp.startswith(".") and \
                            not comp.startswith("\\."):
                        continue
                    if rx.match(name):
                        cand = _join(base, name)
                        if not last or trailing:
                            if not fs.isdir(cand, cwd=cwd):
                                continue
                        nxt.append(cand)
            else:
                cand = _join(base, unescape(comp))
                if last:
                    if fs.exists(cand, follow=False, cwd=cwd) and \
                            (not trailing or fs.isdir(cand, cwd=cwd)):
                        nxt.append(cand)
                else:
                    if fs.isdir(cand, cwd=cwd):
                        nxt.append(cand)
        paths = nxt
        if not paths:
            return []
    out = sorted(paths, key=lambda s: s.encode("utf-8", "surrogateescape"))
    if trailing:
        out = [p + "/" for p in out]
    return out


def _join(base: str, name: str) -> str:
    if base == "":
        return name
    if base.endswith("/"):
        return base + name
    return base + "/" + name
