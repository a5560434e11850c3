"""Volume list filters, on the daemon's side (moby daemon/volumes.go acceptedVolumeFilterTags
and volume/service/by.go): ``dangling``, ``name``, ``driver``, ``label``.  Values of one key
are alternatives (any may match); different keys must all match."""
from __future__ import annotations

import re

from ..errors import InvalidParameter

ACCEPTED = ("dangling", "driver", "label", "name")


def filter_volumes(volumes: list, filters: dict[str, list[str]]) -> list:
    """The volumes that pass ``filters`` (filters.Args: key → values)."""
    for key in filters:
        if key not in ACCEPTED:
            raise InvalidParameter(f"invalid filter '{key}'")
    out = list(volumes)
    if "dangling" in filters:
        vals = filters["dangling"]
        if any(v in ("true", "1") for v in vals):
            want = True
        elif any(v in ("false", "0") for v in vals):
            want = False
        else:
            raise InvalidParameter(f"invalid filter 'dangling={vals[0]}'")
        out = [v for v in out if (not v.refs) == want]
    if "name" in filters:
        # filters.Args.Match: each value is a regular expression searched in the name
        out = [v for v in out if any(_search(p, v.name) for p in filters["name"])]
    if "driver" in filters:
        out = [v for v in out if v.driver in filters["driver"]]
    if "label" in filters:
        out = [v for v in out if all(_has_label(v.labels or {}, f) for f in filters["label"])]
    return out


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return pattern in text


def _has_label(labels: dict, item: str) -> bool:
    """filters.Args.MatchKVList: ``key`` present, or ``key=value`` equal."""
    key, eq, value = item.partition("=")
    return key in labels and (not eq or labels[key] == value)
