"""Size strings (go-units RAMInBytes / FromHumanSize) used by engine options such as
``--tmpfs size=``; the CLI's own formatting lives in cli/units.py."""
from __future__ import annotations

import re

_RAM = re.compile(r"^(\d+(?:\.\d+)?)\s*([kKmMgGtTpP])?[iI]?[bB]?$")


def ram_in_bytes(s: str) -> int:
    m = _RAM.match(s.strip())
    if not m:
        raise ValueError(f"invalid size: '{s}'")
    n = float(m.group(1))
    unit = (m.group(2) or "").lower()
    mult = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4, "p": 1024 ** 5}[unit]
    return int(n * mult)
