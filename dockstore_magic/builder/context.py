"""The build context: a folder of the Docker host (where the client runs: the notebook's own
folder is there, backed by the real files, see ``DockerHost.share``), filtered by
.dockerignore, read through the host's filesystem like every other client-side path."""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass

from ..fs import FileSystem
from ..fs.blob import Blob


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
    """A folder given to ``docker build`` (a path on ``fs``, the host's filesystem); ``None``
    path means an empty context."""

    def __init__(self, path: str | None, dockerfile_name: str = "Dockerfile",
                 fs: FileSystem | None = None):
        self.fs = fs
        self.path = fs.realpath(path) if path else None
        self.rules: list[tuple[bool, re.Pattern]] = []
        self.files: dict[str, ContextFile] = {}
        if self.path is None:
            return
        ignore = posixpath.join(self.path, ".dockerignore")
        if fs.isfile(ignore):
            for line in fs.read_text(ignore).splitlines():
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
        root = self.path.rstrip("/")
        for full, st in self.fs.walk(self.path):
            rel = full[len(root):].lstrip("/")
            if not rel or self.ignored(rel):
                continue
            if st.is_symlink:
                self.files[rel] = ContextFile(rel, "symlink", 0o777, st.mtime, target=st.target)
            elif st.is_dir:
                self.files[rel] = ContextFile(rel, "dir", st.perm, st.mtime)
            elif st.is_file:
                self.files[rel] = ContextFile(rel, "file", st.perm, st.mtime, st.size)

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

    def read(self, rel: str) -> Blob:
        return self.fs.read_blob(posixpath.join(self.path, rel))

    def checksum(self, rels: list[str]) -> str:
        """Content and metadata, never mtime (BuildKit's cache checksum)."""
        h = hashlib.sha256()
        for rel in rels:
            for f in self.walk(rel):
                h.update(f"{f.rel[len(rel):]}\0{f.kind}\0{f.mode:o}\0{f.target}\0".encode())
                if f.kind == "file":
                    h.update(self.read(f.rel).read())
        return h.hexdigest()

    def transfer_size(self) -> int:
        """What ``transferring context:`` reports on a first sync (an estimate of the fsutil
        protocol's bytes: a header per entry plus file contents)."""
        if not self.files:
            return 2
        return sum(len(f.rel) + 27 + f.size for f in self.files.values())
