"""One package index per distribution, as data: ``catalogue/indexes/<distro>-<release>.json``.

What ``apt-get``/``apk`` can install in a container is looked up by the distribution the
container's ``/etc/os-release`` names (``ID``, ``VERSION_CODENAME`` or ``VERSION_ID``), so
``apt-get install python3`` in ``ubuntu:24.04`` gets Ubuntu's python3.12, not Debian's 3.11.
The images that ship a package carry the same Version and Installed-Size in their package
database (a test guards that).

    >>> from dockstore_magic.catalogue import pkgindex
    >>> pkgindex.apt("ubuntu", "noble")["python3"][0]
    '3.12.3-0ubuntu2'
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

INDEXES = Path(__file__).with_name("indexes")

@functools.lru_cache(maxsize=None)
def _load(name: str) -> dict:
    with open(INDEXES / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def releases() -> list[str]:
    """The indexes there are, as ``distro-release`` names."""
    return sorted(p.stem for p in INDEXES.glob("*.json"))


@functools.lru_cache(maxsize=None)
def apt(distro: str, codename: str) -> dict[str, tuple]:
    """name → (version, Installed-Size KiB, download KiB, depends, recommends, programs,
    section) for a Debian-family release (Debian bookworm when there is no such index)."""
    name = f"{distro}-{codename}"
    if name not in releases():
        name = "debian-bookworm"
    return {n: (p["version"], p["installed_kib"], p["download_kib"], p["depends"],
                p["recommends"], p["programs"], p["section"])
            for n, p in _load(name)["packages"].items()}


@functools.lru_cache(maxsize=None)
def apk(branch: str = "3.20") -> tuple[dict[str, tuple], dict[str, str | None]]:
    """(name → (version, installed bytes, depends, programs, description), aliases) for an
    Alpine branch (3.20's when there is no such index)."""
    name = f"alpine-{branch}" if f"alpine-{branch}" in releases() else "alpine-3.20"
    data = _load(name)
    return ({n: (p["version"], p["installed_bytes"], p["depends"], p["programs"],
                 p["description"]) for n, p in data["packages"].items()},
            dict(data.get("aliases", {})))


__all__ = ["apt", "apk", "releases", "INDEXES"]
