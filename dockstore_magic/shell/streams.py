"""Standard streams of simulated processes.

Output is a list of chunks, each either ``bytes`` or a :class:`~dockstore_magic.fs.Blob`, so
``cat big > copy`` or ``dd if=/dev/zero bs=1M count=1024 > f`` pass blobs through without
materialising their bytes.  Input is a blob with a read position (``read`` consumes a line,
the next command sees the rest), or an endless device (/dev/zero, /dev/urandom).
"""
from __future__ import annotations

import hashlib
import random

from ..fs.blob import Blob, BytesBlob, ConcatBlob, FillerBlob, ZeroBlob, SliceBlob, EMPTY, as_blob

#: reading more than this into memory at once is refused (``memory exhausted``)
MEM_LIMIT = 256 << 20


class OutOfMemory(Exception):
    """A text command was asked to hold more than :data:`MEM_LIMIT` bytes in memory."""


def chunk_size(c) -> int:
    return c.size if isinstance(c, Blob) else len(c)


def chunks_to_blob(chunks) -> Blob:
    blobs = []
    pend: list[bytes] = []
    for c in chunks:
        if isinstance(c, Blob):
            if isinstance(c, BytesBlob) and c.size < 65536:
                pend.append(c.data)
                continue
            if pend:
                blobs.append(BytesBlob(b"".join(pend)))
                pend = []
            blobs.append(c)
        elif c:
            pend.append(bytes(c))
    if pend:
        blobs.append(BytesBlob(b"".join(pend)))
    if not blobs:
        return EMPTY
    if len(blobs) == 1:
        return blobs[0]
    return ConcatBlob(blobs)


# ====================================================================== input
class InStream:
    """Standard input: a finite blob read from a position, or an endless device."""

    def __init__(self, data=b"", device: str = "", regular: bool = False):
        self.regular = regular        # read from a regular file (wc's column width cares)
        self.blob: Blob = as_blob(data) if not isinstance(data, list) else chunks_to_blob(data)
        self.pos = 0
        self.device = device          # "" | "zero" | "urandom"
        self._rng_state = 0

    @classmethod
    def empty(cls) -> "InStream":
        return cls(b"")

    @property
    def endless(self) -> bool:
        return bool(self.device)

    @property
    def remaining(self) -> int:
        return -1 if self.endless else self.blob.size - self.pos

    def take_blob(self, n: int | None = None) -> Blob:
        """Consume up to ``n`` bytes (all if None) as a blob (no copy for big data)."""
        if self.device:
            if n is None:
                raise OutOfMemory()
            self.pos += n
            if self.device == "zero":
                return ZeroBlob(n)
            if n > (1 << 20):
                self._rng_state += 1
                return FillerBlob(n, f"urandom:{self._rng_state}:{self.pos}")
            return BytesBlob(self._random(n))
        avail = self.blob.size - self.pos
        n = avail if n is None else max(0, min(n, avail))
        if n == 0:
            return EMPTY
        b = self.blob if (self.pos == 0 and n == self.blob.size) else SliceBlob(self.blob, self.pos, n)
        self.pos += n
        return b

    def _random(self, n: int) -> bytes:
        self._rng_state += 1
        seed = hashlib.sha256(f"urandom:{self._rng_state}:{self.pos}".encode()).digest()
        return random.Random(seed).randbytes(n)

    def read(self, n: int | None = None) -> bytes:
        if n is None and not self.device and self.remaining > MEM_LIMIT:
            raise OutOfMemory()
        if n is not None and n > MEM_LIMIT:
            raise OutOfMemory()
        return self.take_blob(n).read()

    def read_all(self) -> bytes:
        return self.read(None)

    def readline(self) -> bytes:
        """One line including its newline ('' at end of input)."""
        if self.device:
            if self.device == "zero":
                raise OutOfMemory()
            out = bytearray()
            while True:
                b = self._random(1)
                out += b
                if b == b"\n" or len(out) > 65536:
                    return bytes(out)
        out = bytearray()
        for chunk in self.blob.chunks(self.pos):
            j = chunk.find(b"\n")
            if j >= 0:
                out += chunk[:j + 1]
                break
            out += chunk
            if len(out) > MEM_LIMIT:
                raise OutOfMemory()
        self.pos += len(out)
        return bytes(out)

    def chunks(self):
        """Consume the rest as chunks of bytes (streaming, for cat/wc/sha256sum)."""
        if self.device:
            raise OutOfMemory()
        pos = self.pos
        self.pos = self.blob.size
        yield from self.blob.chunks(pos)

    def lines(self):
        """Consume the rest line by line (each with its newline, if any)."""
        rest = b""
        for chunk in self.chunks():
            data = rest + chunk
            parts = data.split(b"\n")
            rest = parts.pop()
            for p in parts:
                yield p + b"\n"
        if rest:
            yield rest


# ====================================================================== output
class Sink:
    """Somewhere output goes (a terminal, a pipe, a file, /dev/null)."""

    closed = False

    def write(self, data) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class NullSink(Sink):
    def write(self, data) -> None:
        pass


class _ChunkSink(Sink):
    """Keeps what is written, in order, as chunks (bytes or blobs) of ``size`` bytes in all."""

    def __init__(self):
        self.chunks: list = []
        self.size = 0

    def write(self, data) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        n = chunk_size(data)
        if n:
            self.chunks.append(data)
            self.size += n


class BufferSink(_ChunkSink):
    """A pipe or command substitution: everything written, in order."""

    def blob(self) -> Blob:
        return chunks_to_blob(self.chunks)

    def getvalue(self, limit: int = MEM_LIMIT) -> bytes:
        if self.size > limit:
            raise OutOfMemory()
        return self.blob().read()


class Terminal:
    """What a terminal (or ``docker logs``) receives: stdout and stderr, and both interleaved."""

    def __init__(self):
        self.events: list = []          # [(1|2, chunk)]

    def sink(self, fd: int) -> "TerminalSink":
        return TerminalSink(self, fd)


class TerminalSink(Sink):
    def __init__(self, term: Terminal, fd: int):
        self.term, self.fd = term, fd

    def write(self, data) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if chunk_size(data):
            self.term.events.append((self.fd, data))


class FileSink(_ChunkSink):
    """Output redirected to a file: written to the filesystem when the redirection ends (the
    file itself is created/truncated when it is opened)."""

    def __init__(self, fs, path: str, cwd: str, uid: int, gid: int, mode: int = 0o644):
        super().__init__()
        self.fs, self.path, self.cwd, self.uid, self.gid, self.mode = fs, path, cwd, uid, gid, mode

    def write(self, data) -> None:
        super().write(data)
        if len(self.chunks) > 256:
            self.flush()

    def flush(self) -> None:
        if self.chunks:
            blob = chunks_to_blob(self.chunks)
            self.chunks = []
            self.size = 0
            try:
                cur = self.fs.read_blob(self.path, cwd=self.cwd)
            except OSError:
                cur = EMPTY
            if isinstance(cur, BytesBlob) and isinstance(blob, BytesBlob) and \
                    cur.size + blob.size <= (1 << 20):
                self.fs.write(self.path, cur.data + blob.data, mode=self.mode, uid=self.uid,
                              gid=self.gid, cwd=self.cwd)
            else:
                self.fs.write(self.path, blob, append=True, mode=self.mode, uid=self.uid,
                              gid=self.gid, cwd=self.cwd)

    def close(self) -> None:
        if not self.closed:
            self.flush()
            self.closed = True


class ClosedSink(Sink):
    """``>&-``: writing fails (EBADF)."""

    def write(self, data) -> None:
        raise BrokenPipeError()


class IOTable:
    """File descriptors of a command: 0 is an :class:`InStream`, others are :class:`Sink`s."""

    def __init__(self, fds: dict | None = None):
        self.fds = dict(fds or {})
        self.opened: list[Sink] = []

    def copy(self) -> "IOTable":
        return IOTable(self.fds)

    def __getitem__(self, fd):
        return self.fds.get(fd)

    def __setitem__(self, fd, value):
        self.fds[fd] = value

    def get(self, fd, default=None):
        return self.fds.get(fd, default)

    def close_opened(self) -> OSError | None:
        """Close what the redirections opened; the first write error that closing met (a
        redirected file on a full tmpfs), for the command to report."""
        failed = None
        for s in self.opened:
            try:
                s.close()
            except OSError as e:
                failed = failed or e
        self.opened = []
        return failed
