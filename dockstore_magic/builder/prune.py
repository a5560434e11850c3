"""The filters of ``POST /build/prune`` (``docker builder prune --filter``, and the build cache
part of ``docker system prune --filter``), as moby hands them to BuildKit
(builder/builder-next/builder.go toBuildkitPruneInfo) and BuildKit matches cache records:

* ``until`` (or its old name ``unused-for``): a duration or a timestamp (the daemon's
  GetTimestamp); records used after it are kept (BuildKit's KeepDuration);
* ``id`` (a regular expression, BuildKit's ``~=``), ``type``, ``description``, ``inuse``,
  ``shared``, ``private``, ``parent`` (exact, ``==``), one value each;
* any other key (``label``…) is no field moby passes on: it is ignored.

Every record here is of type ``regular``, has no parent, and its description is the step
that made it."""
from __future__ import annotations

import re

from ..errors import InvalidParameter
from ..daemon.filters import Args, timestamp

#: builder-next cacheFields: what moby passes on to BuildKit
CACHE_FIELDS = ("id", "parent", "type", "description", "inuse", "shared", "private")


def prune_filter(args: Args | None, now: float):
    """(keep_after, match): records last used after ``keep_after`` (a time, or None) stay;
    ``match(record_id, record, in_use, shared)`` says whether the field filters select it."""
    args = args or Args()
    until, unused = args.get("until"), args.get("unused-for")
    if until and unused:
        raise InvalidParameter('conflicting filters: "until" and "unused-for"')
    key = "unused-for" if unused else "until"
    values = until + unused
    keep_after = None
    if len(values) > 1:
        raise InvalidParameter("filters expect only one value")
    if values:
        try:
            keep_after = timestamp(values[0], now)
        except InvalidParameter as e:
            raise InvalidParameter(f"\"{key}\" filter expects a duration (e.g., '24h') or a "
                                   f"timestamp: {e.message}") from None
    wanted = {}
    for name in CACHE_FIELDS:
        if args.contains(name):
            vals = args.get(name)
            if len(vals) > 1:
                raise InvalidParameter("filters expect only one value")
            wanted[name] = vals[0] if vals else None

    def match(record_id: str, rec, in_use: bool, shared: bool) -> bool:
        fields = {"id": record_id, "type": getattr(rec, "kind", "regular"), "description": rec.description,
                  "inuse": str(in_use).lower(), "shared": str(shared).lower(),
                  "private": str(not shared).lower(), "parent": None}
        for name, value in wanted.items():
            have = fields[name]
            if value is None:                   # the key alone: the field is present
                if have in (None, ""):
                    return False
            elif name == "id":
                try:
                    if not re.search(value, have):
                        return False
                except re.error:
                    return False
            elif have != value:
                return False
        return True

    return keep_after, match
