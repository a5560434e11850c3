"""BuildKit's ``util/suggest``: an error about a mistyped word gets `` (did you mean X?)``
naming the closest known word (Levenshtein distance under 3)."""
from __future__ import annotations


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def wrap_error(err: str, val: str, options, case_sensitive: bool = True) -> str:
    """suggest.WrapError: ``err`` plus the closest option at a distance under 3 (none when
    ``val`` is itself an option: the error is about something else)."""
    low = val if case_sensitive else val.lower()
    match, best = "", 3
    for opt in options:
        o = opt if case_sensitive else opt.lower()
        if o == low:
            return err
        d = levenshtein(low, o)
        if d < best:
            match, best = o, d
    return f"{err} (did you mean {match}?)" if match else err
