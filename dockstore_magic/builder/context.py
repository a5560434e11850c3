"""The build context: a folder on the notebook's own filesystem (the only place besides
import/save/load files where the simulation reads real files), filtered by .dockerignore."""
from __future__ import annotations

import hashlib
import os
import re
import stat as _st
from dataclasses import dataclass

from ..fs.blob import BytesBlob


def _compile(pattern: str, subtree: bool = True) -> re.Pattern:
    """A .dockerignore pattern (Go filepath.Match plus ``**``) as a regex on slash paths;
    ``subtree``: the pattern also matches everything below what it names."""
    p = pattern.strip().lstrip("/")
    p = os.path.normpath(p).replace(os.sep, "/") if p else p
    out = ""
    i = 0
    while i < len(p):
        c = p[i]
        if p.startswith("**", i):
            out += ".*"
            i += 2
            if p.startswith("/", i):
                i += 1
            continue
        if c == "*":
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[":
            j = p.find("]", i)
            if j == -1:
                out += re.escape(c)
            else:
                out += "[" + p[i + 1:j].replace("!", "^", 1) + "]"
                i = j
        else:
            out += re.escape(c)
        i += 1
    return re.compile("^" + out + ("(/.*)?$" if subtree else "$"))


@dataclass
class ContextFile:
    rel: str                  # slash-separated, relative to the context root
    kind: str                 # file | dir | symlink
    mode: int
    mtime: float
    size: int = 0
    target: str = ""


class BuildContext:
    """A folder given to ``docker build``; ``None`` path means an empty context."""

    def __init__(self, path: str | None, dockerfile_name: str = "Dockerfile"):
        self.path = os.path.abspath(path) if path else None
        self.rules: list[tuple[bool, re.Pattern]] = []
        self.files: dict[str, ContextFile] = {}
        if self.path is None:
            return
        ignore = os.path.join(self.path, ".dockerignore")
        if os.path.isfile(ignore):
            with open(ignore, encoding="utf-8", errors="replace") as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    neg = line.startswith("!")
                    self.rules.append((neg, _compile(line[1:] if neg else line)))
        self._scan()

    def ignored(self, rel: str) -> bool:
        res = False
        for neg, rx in self.rules:
            if rx.match(rel):
                res = not neg
        return res

    def _scan(self) -> None:
        root = self.path
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir
            for name in sorted(dirnames + filenames):
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if self.ignored(rel):
                    continue
                full = os.path.join(dirpath, name)
                st = os.lstat(full)
                if _st.S_ISLNK(st.st_mode):
                    self.files[rel] = ContextFile(rel, "symlink", 0o777, st.st_mtime,
                                                  target=os.readlink(full))
                elif _st.S_ISDIR(st.st_mode):
                    self.files[rel] = ContextFile(rel, "dir", _st.S_IMODE(st.st_mode), st.st_mtime)
                elif _st.S_ISREG(st.st_mode):
                    self.files[rel] = ContextFile(rel, "file", _st.S_IMODE(st.st_mode),
                                                  st.st_mtime, st.st_size)

    # ------------------------------------------------------------------ sources
    def match(self, src: str) -> list[str]:
        """Context paths named by a COPY/ADD source (wildcards allowed); [] when none."""
        s = os.path.normpath("/" + src).lstrip("/").replace(os.sep, "/")
        if s in ("", "."):
            return [""]
        if any(c in s for c in "*?["):
            rx = _compile(s, subtree=False)
            return sorted(r for r in self.files if rx.match(r))
        return [s] if s in self.files else []

    def walk(self, rel: str) -> list[ContextFile]:
        """``rel`` and everything below it (its own entry first), sorted."""
        if rel == "":
            return sorted(self.files.values(), key=lambda f: f.rel)
        out = [self.files[rel]]
        prefix = rel + "/"
        out += sorted((f for r, f in self.files.items() if r.startswith(prefix)), key=lambda f: f.rel)
        return out

    def read(self, rel: str) -> BytesBlob:
        with open(os.path.join(self.path, rel), "rb") as f:
            return BytesBlob(f.read())

    def checksum(self, rels: list[str]) -> str:
        """Content and metadata, never mtime (BuildKit's cache checksum)."""
        h = hashlib.sha256()
        for rel in rels:
            for f in self.walk(rel):
                h.update(f"{f.rel[len(rel):]}\0{f.kind}\0{f.mode:o}\0{f.target}\0".encode())
                if f.kind == "file":
                    h.update(self.read(f.rel).data)
        return h.hexdigest()

    def transfer_size(self) -> int:
        """What ``transferring context:`` reports on a first sync (an estimate of the fsutil
        protocol's bytes: a header per entry plus file contents)."""
        if not self.files:
            return 2
        return sum(len(f.rel) + 27 + f.size for f in self.files.values())
