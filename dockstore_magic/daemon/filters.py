"""The daemon's side of ``--filter``: moby's ``filters.Args`` (api/types/filters/parse.go,
errors.go), the ``until`` of the prune commands (daemon/prune.go getUntilFromPruneFilters,
api/types/time/timestamp.go GetTimestamp) and the label match they share (matchLabels).

The CLI sends ``--filter k=v`` as it is (docker/cli opts/filter.go); which keys a command
accepts, and what they mean, is the daemon's business: each service validates the keys it
knows, and an unknown one is ``invalid filter 'k'``."""
from __future__ import annotations

import re

from ..errors import InvalidParameter
from ..golang.strconv import go_quote
from ..golang.time import parse_duration, parse_time, TimeParseError


class Args:
    """filters.Args: key → a set of values (kept in the order given)."""

    def __init__(self, fields: dict[str, list[str]] | None = None):
        self.fields: dict[str, list[str]] = {k: list(dict.fromkeys(v)) for k, v in (fields or {}).items()}

    @classmethod
    def parse(cls, items) -> "Args":
        """From the CLI's ``k=v`` strings."""
        args = cls()
        for item in items or ():
            k, _, v = item.partition("=")
            args.add(k, v)
        return args

    def add(self, key: str, value: str) -> None:
        values = self.fields.setdefault(key, [])
        if value not in values:
            values.append(value)

    def get(self, key: str) -> list[str]:
        return list(self.fields.get(key, []))

    def contains(self, key: str) -> bool:
        return key in self.fields

    def __len__(self) -> int:
        return len(self.fields)

    def validate(self, accepted) -> None:
        for key in self.fields:
            if key not in accepted:
                raise invalid_filter(key)

    def match_kv_list(self, key: str, sources: dict | None) -> bool:
        """Every ``k`` / ``k=v`` of ``key`` present in ``sources`` (true when ``key`` has none)."""
        values = self.fields.get(key)
        if not values:
            return True
        if not sources:
            return False
        for value in values:
            k, eq, v = value.partition("=")
            if k not in sources or (eq and sources[k] != v):
                return False
        return True

    def exact_match(self, key: str, source: str) -> bool:
        values = self.fields.get(key)
        return not values or source in values

    def match(self, key: str, source: str) -> bool:
        """Any value of ``key`` equal to ``source``, or a regular expression found in it (a
        value that is no valid expression matches nothing)."""
        if self.exact_match(key, source):
            return True
        for pattern in self.fields.get(key, []):
            try:
                if re.search(pattern, source):
                    return True
            except re.error:
                continue
        return False

    def fuzzy_match(self, key: str, source: str) -> bool:
        return self.exact_match(key, source) or any(source.startswith(p) for p in self.fields.get(key, []))

    def get_bool_or_default(self, key: str, default: bool) -> bool:
        if key not in self.fields:
            return default
        values = self.fields[key]
        if not values:
            raise invalid_filter(key, [])
        is_false = "0" in values or "false" in values
        is_true = "1" in values or "true" in values
        if is_false == is_true:
            raise invalid_filter(key, values)
        return is_true


def invalid_filter(key: str, values: list[str] | None = None) -> InvalidParameter:
    """errors.go invalidFilter: ``invalid filter 'k'``, ``invalid filter 'k=[v1 v2]'`` (Go's
    ``%s`` of a slice); no key at all is ``invalid filter``."""
    msg = "invalid filter"
    if key:
        msg += " '" + key
        if values is not None:
            msg += "=[" + " ".join(values) + "]"
        msg += "'"
    return InvalidParameter(msg)


def match_labels(args: Args, labels: dict | None) -> bool:
    """daemon/prune.go matchLabels: every ``label`` present, and not all of ``label!``."""
    if not args.match_kv_list("label", labels):
        return False
    if args.contains("label!") and args.match_kv_list("label!", labels):
        return False
    return True


def until(args: Args, now: float) -> float | None:
    """daemon/prune.go getUntilFromPruneFilters: the ``until`` time, or None."""
    values = args.get("until")
    if not args.contains("until"):
        return None
    if len(values) > 1:
        raise InvalidParameter("more than one until filter specified")
    return timestamp(values[0], now)


def timestamp(value: str, now: float) -> float:
    """api/types/time GetTimestamp then ParseTimestamps: a Go duration before ``now``, an
    RFC 3339 time (or a cut of one: a date, an hour…; the daemon's zone, UTC here) or Unix
    seconds; InvalidParameter with the daemon's words otherwise."""
    if value != "0":
        try:
            return now - parse_duration(value) / 1e9
        except ValueError:
            pass
    in_location = not any(c in value for c in "zZ+") and value.count("-") != 3
    if "." in value:
        layout = "2006-01-02T15:04:05.999999999" + ("" if in_location else "Z07:00")
    elif "T" in value:
        colons = value.count(":")
        if not in_location and not any(c in value for c in "zZ") and colons > 0:
            colons -= 1
        layout = ["2006-01-02T15", "2006-01-02T15:04", "2006-01-02T15:04:05"][min(colons, 2)]
        layout += "" if in_location else "Z07:00"
    else:
        layout = "2006-01-02" + ("" if in_location else "Z07:00")
    try:
        secs, nanos = parse_time(layout, value)
        return secs + nanos / 1e9
    except TimeParseError as e:
        if "-" in value:
            raise InvalidParameter(str(e)) from None
    seconds, dot, frac = value.partition(".")
    if not re.fullmatch(r"[+-]?\d+", seconds) or (dot and not re.fullmatch(r"[+-]?\d+", frac)):
        raise InvalidParameter(f"failed to parse value as time or duration: {go_quote(value)}")
    return int(seconds) + (int(frac[:9].ljust(9, "0")) / 1e9 if frac else 0)
