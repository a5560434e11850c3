"""The dpkg database of a Debian-like rootfs: ``/var/lib/dpkg/status`` and ``info/*``.

``status`` stanzas are generated from the package table (fields in dpkg's order, sorted by
package name as dpkg writes them); each package's ``.list`` is the paths the layout attributed
to it (plus their parent folders, as dpkg records them), ``.md5sums`` their digests (real for
text files, a stand-in for fillers), ``.conffiles`` its files under /etc.
"""
from __future__ import annotations

from . import pkgindex
from ._build import Layout, md5_of


def indexed_size(name: str, version: str, distro: tuple[str, str] = ("debian", "bookworm")):
    """A package's Installed-Size (KiB) from its distribution's index, or None when the index
    has no such package at that version."""
    p = pkgindex.apt(*distro).get(name)
    return p[1] if p is not None and p[0] == version else None


class Pkg:
    __slots__ = ("name", "version", "arch", "section", "priority", "essential", "size",
                 "maintainer", "source", "pre_depends", "depends", "short", "long",
                 "multiarch", "extra")

    def __init__(self, name, version, arch, section, priority, essential, size, maintainer,
                 source, pre_depends, depends, short, long, multiarch=None, extra=None):
        self.name, self.version, self.arch = name, version, arch
        self.section, self.priority, self.essential = section, priority, essential
        if size is None:                  # the distribution's index states it
            size = indexed_size(name, version)
            if size is None:
                raise ValueError(f"catalogue: {name} {version} is not in the index")
        self.size, self.maintainer, self.source = size, maintainer, source
        self.pre_depends, self.depends = pre_depends, depends
        self.short, self.long = short, long
        if multiarch is None:
            if arch == "amd64" and name.startswith("lib") and section in ("libs", "admin"):
                multiarch = "same"
            elif arch == "all" and section in ("libs", "misc"):
                multiarch = "foreign"
        self.multiarch = multiarch
        self.extra = extra or {}

    @classmethod
    def from_tuple(cls, t) -> "Pkg":
        return cls(*t)

    def stanza(self, conffiles: list[tuple[str, str]] | None = None) -> str:
        out = [f"Package: {self.name}"]
        if self.essential:
            out.append("Essential: yes")
        out += ["Status: install ok installed", f"Priority: {self.priority}",
                f"Section: {self.section}", f"Installed-Size: {self.size}",
                f"Maintainer: {self.maintainer}", f"Architecture: {self.arch}"]
        if self.multiarch:
            out.append(f"Multi-Arch: {self.multiarch}")
        if self.source:
            out.append(f"Source: {self.source}")
        out.append(f"Version: {self.version}")
        for key in ("Replaces", "Provides"):
            if key in self.extra:
                out.append(f"{key}: {self.extra[key]}")
        if self.depends:
            out.append(f"Depends: {self.depends}")
        if self.pre_depends:
            out.append(f"Pre-Depends: {self.pre_depends}")
        for key in ("Recommends", "Suggests", "Breaks", "Conflicts"):
            if key in self.extra:
                out.append(f"{key}: {self.extra[key]}")
        if conffiles:
            out.append("Conffiles:")
            out += [f" {path} {md5}" for path, md5 in conffiles]
        out.append(f"Description: {self.short}")
        for line in self.long.splitlines():
            out.append(" " + line if line.strip() else " .")
        if "Homepage" in self.extra:
            out.append(f"Homepage: {self.extra['Homepage']}")
        return "\n".join(out) + "\n"


def _with_parents(paths: list[str]) -> list[str]:
    seen = {"/."}
    out = ["/."]
    for p in sorted(set(paths)):
        parts = p.strip("/").split("/")
        for i in range(1, len(parts) + 1):
            q = "/" + "/".join(parts[:i])
            if q not in seen:
                seen.add(q)
                out.append(q)
    return out


def write_db(L: Layout, pkgs: list[Pkg], only: set[str] | None = None,
             status_old: bool = False) -> None:
    """Write status (all ``pkgs``) and the info files of the packages in ``only`` (all if
    None), from what ``L`` attributed to each package."""
    L.package(None)
    info = "/var/lib/dpkg/info"
    stanzas = []
    for p in sorted(pkgs, key=lambda p: p.name):
        owned = L.owned.get(p.name, [])
        conffiles = []
        for path in sorted(owned):
            if path.startswith("/etc/") and L.exists(path):
                node = L.fs.node_at(path, follow=False)
                if hasattr(node, "blob"):
                    conffiles.append((path, md5_of(node)))
        stanzas.append(p.stanza(conffiles))
        if only is not None and p.name not in only:
            continue
        key = p.name + (f":{p.arch}" if p.multiarch == "same" else "")
        L.text(f"{info}/{key}.list", "".join(f"{q}\n" for q in _with_parents(owned)))
        sums = []
        for path in sorted(set(owned)):
            if path.startswith("/etc/"):
                continue
            node = L.fs.node_at(path, follow=False)
            if hasattr(node, "blob"):
                sums.append(f"{md5_of(node)}  {path.lstrip('/')}\n")
        if sums:
            L.text(f"{info}/{key}.md5sums", "".join(sums))
        if conffiles:
            L.text(f"{info}/{key}.conffiles", "".join(f"{c}\n" for c, _ in conffiles))
    status = "\n".join(stanzas)
    L.text("/var/lib/dpkg/status", status)
    if status_old:
        L.text("/var/lib/dpkg/status-old", status)
