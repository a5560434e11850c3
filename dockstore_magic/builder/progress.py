"""BuildKit's plain progress output (``--progress=plain``), as buildx prints it on stderr."""
from __future__ import annotations

from typing import Callable


class Vertex:
    def __init__(self, progress: "Progress", number: int, name: str):
        self.p, self.n, self.name = progress, number, name
        self.lines: list[str] = []

    def status(self, text: str) -> None:
        self.p.write(f"#{self.n} {text}\n")

    def log(self, data: bytes, offset: float) -> None:
        text = data.decode("utf-8", "replace")
        for line in text.splitlines():
            entry = f"{offset:.3f} {line}"
            self.lines.append(entry)
            self.p.write(f"#{self.n} {entry}\n")

    def done(self, seconds: float = 0.0) -> None:
        self.p.write(f"#{self.n} DONE {seconds:.1f}s\n\n")

    def cached(self) -> None:
        self.p.write(f"#{self.n} CACHED\n\n")

    def error(self, message: str) -> None:
        self.p.write(f"#{self.n} ERROR: {message}\n")


class Progress:
    def __init__(self, write: Callable[[str], None], quiet: bool = False):
        self._write = write
        self.quiet = quiet
        self.count = 0

    def write(self, text: str) -> None:
        if not self.quiet:
            self._write(text)

    def start(self) -> None:
        self.write('#0 building with "default" instance using docker driver\n\n')

    def vertex(self, name: str) -> Vertex:
        self.count += 1
        v = Vertex(self, self.count, name)
        self.write(f"#{v.n} {name}\n")
        return v
