"""File contents that know their size without necessarily holding their bytes.

A :class:`Blob` is immutable.  Copying a file (copy-up, ``cp``, a vfs layer copy) shares the
blob, so a simulated 1 GB file costs a few bytes of real memory however often it is copied;
the *simulated* disk usage still counts its full size.
"""
from __future__ import annotations

import hashlib
from typing import Iterator

CHUNK = 1 << 20


class Blob:
    """Immutable file content of a known size."""

    size: int = 0

    def chunks(self, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        raise NotImplementedError

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        return b"".join(self.chunks(start, end))

    def _bounds(self, start: int, end: int | None) -> tuple[int, int]:
        end = self.size if end is None else min(end, self.size)
        return max(0, start), max(max(0, start), end)

    def sha256(self) -> str:
        h = hashlib.sha256()
        for c in self.chunks():
            h.update(c)
        return h.hexdigest()

    def is_text_small(self, limit: int = 1 << 16) -> bool:
        return self.size <= limit

    def __len__(self) -> int:  # pragma: no cover - convenience
        return self.size

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Blob) or other.size != self.size:
            return False
        return self.sha256() == other.sha256()

    def __hash__(self) -> int:
        return hash(self.size)


class BytesBlob(Blob):
    """Content held in memory (small files: text written by commands, /etc files)."""

    __slots__ = ("data", "size")

    def __init__(self, data: bytes = b""):
        self.data = bytes(data)
        self.size = len(self.data)

    def chunks(self, start=0, end=None):
        s, e = self._bounds(start, end)
        for i in range(s, e, CHUNK):
            yield self.data[i:min(e, i + CHUNK)]

    def read(self, start=0, end=None):
        s, e = self._bounds(start, end)
        return self.data[s:e]

    def __repr__(self):
        return f"BytesBlob({self.data[:20]!r}{'…' if self.size > 20 else ''})"


class ZeroBlob(Blob):
    """``size`` zero bytes (``dd if=/dev/zero``, ``truncate``, ``fallocate``)."""

    __slots__ = ("size",)

    def __init__(self, size: int):
        self.size = int(size)

    def chunks(self, start=0, end=None):
        s, e = self._bounds(start, end)
        zero = bytes(min(CHUNK, max(0, e - s)))
        for i in range(s, e, CHUNK):
            n = min(e, i + CHUNK) - i
            yield zero if n == len(zero) else bytes(n)

    def __repr__(self):
        return f"ZeroBlob({self.size})"


class FillerBlob(Blob):
    """Deterministic stand-in content of a given size (binaries and libraries of base images,
    files of simulated package installs).  Its bytes are a repeated block derived from a seed,
    so two fillers with the same seed and size are equal and differ from any other."""

    __slots__ = ("size", "seed", "_block")

    def __init__(self, size: int, seed: str):
        self.size = int(size)
        self.seed = seed
        self._block = b""

    def _get_block(self) -> bytes:
        if not self._block:
            sha = hashlib.sha256
            h = sha(self.seed.encode()).digest()
            out = []
            for _ in range(4096 // 32):          # a chain of 128 digests of 32 bytes
                h = sha(h).digest()
                out.append(h)
            self._block = b"".join(out)
        return self._block

    def chunks(self, start=0, end=None):
        s, e = self._bounds(start, end)
        block = self._get_block()
        # The repeated block, up to CHUNK bytes: no longer than this read needs (most files
        # are small, and a 1 MiB repetition per file read is most of a layer's digest).
        reps = min(CHUNK // len(block), -(-(e - s + s % len(block)) // len(block)))
        big = block * reps if reps > 1 else block
        pos = s
        while pos < e:
            off = pos % len(block)
            n = min(e - pos, len(big) - off)
            yield big[off:off + n]
            pos += n

    def __repr__(self):
        return f"FillerBlob({self.size}, {self.seed!r})"


class ConcatBlob(Blob):
    """Parts one after the other (appending to a big file keeps the big part shared)."""

    __slots__ = ("parts", "size")

    def __init__(self, parts):
        flat: list[Blob] = []
        for p in parts:
            if isinstance(p, ConcatBlob):
                flat.extend(p.parts)
            elif p.size:
                flat.append(p)
        self.parts = tuple(flat)
        self.size = sum(p.size for p in self.parts)

    def chunks(self, start=0, end=None):
        s, e = self._bounds(start, end)
        pos = 0
        for p in self.parts:
            ps, pe = pos, pos + p.size
            if pe > s and ps < e:
                yield from p.chunks(max(0, s - ps), min(p.size, e - ps))
            pos = pe
            if pos >= e:
                break


class SliceBlob(Blob):
    """A range of another blob (``head -c``, ``truncate`` to a smaller size, ``dd skip=``)."""

    __slots__ = ("base", "offset", "size")

    def __init__(self, base: Blob, offset: int, size: int):
        self.base, self.offset = base, offset
        self.size = max(0, min(size, base.size - offset))

    def chunks(self, start=0, end=None):
        s, e = self._bounds(start, end)
        yield from self.base.chunks(self.offset + s, self.offset + e)


EMPTY = BytesBlob(b"")


def as_blob(data) -> Blob:
    if isinstance(data, Blob):
        return data
    if isinstance(data, str):
        data = data.encode()
    return BytesBlob(data)


def resize(blob: Blob, size: int) -> Blob:
    """``truncate -s``: cut or extend with zeros."""
    if size <= blob.size:
        return SliceBlob(blob, 0, size) if size else EMPTY
    return ConcatBlob([blob, ZeroBlob(size - blob.size)])
