"""File contents that know their size without holding their bytes (fs/blob.py)."""
from __future__ import annotations

import hashlib
import tracemalloc

from dockstore_magic.fs import (BytesBlob, ZeroBlob, FillerBlob, ConcatBlob, SliceBlob, EMPTY,
                                as_blob, resize)
from dockstore_magic.fs.blob import CHUNK

GIB = 1 << 30
#: sha256 of 1 GiB of zero bytes (``head -c 1073741824 /dev/zero | sha256sum``)
ZERO_GIB_SHA256 = "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14"


def test_bytes_blob_ranges():
    b = BytesBlob(b"0123456789")
    assert b.size == 10
    assert b.read() == b"0123456789"
    assert b.read(2, 5) == b"234"
    assert b.read(8, 100) == b"89"
    assert b.read(20) == b""
    assert b.read(-5, 2) == b"01"
    assert b"".join(b.chunks(3, 7)) == b"3456"
    assert b.sha256() == hashlib.sha256(b"0123456789").hexdigest()


def test_as_blob():
    assert as_blob("é").read() == "é".encode()
    z = ZeroBlob(3)
    assert as_blob(z) is z
    assert as_blob(b"") .size == 0


def test_zero_blob_reads_and_chunks():
    z = ZeroBlob(CHUNK * 2 + 5)
    assert z.read(CHUNK - 2, CHUNK + 3) == bytes(5)
    sizes = [len(c) for c in z.chunks()]
    assert sizes == [CHUNK, CHUNK, 5]
    assert sum(len(c) for c in z.chunks(10, 20)) == 10
    assert ZeroBlob(0).read() == b""


def test_gib_zero_blob_hashes_without_memory():
    z = ZeroBlob(GIB)
    tracemalloc.start()
    try:
        digest = z.sha256()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest == ZERO_GIB_SHA256
    assert peak < 4 * CHUNK                  # one reused 1 MiB buffer, not 1 GiB


def test_filler_blob_is_deterministic_and_seeded():
    a, b, c = FillerBlob(10_000, "libc"), FillerBlob(10_000, "libc"), FillerBlob(10_000, "bash")
    assert a == b and a.sha256() == b.sha256()
    assert a != c
    full = a.read()
    assert len(full) == 10_000
    assert full[:4096] == full[4096:8192]     # a repeated 4 KiB block
    assert full[:4096] != bytes(4096)
    # any range reads the same bytes as slicing the whole content
    for s, e in [(0, 1), (4090, 4200), (4095, 8193), (9999, 10_000), (100, 100)]:
        assert a.read(s, e) == full[s:e]
    assert FillerBlob(5, "libc").read() == full[:5]
    big = FillerBlob(3 * CHUNK + 17, "x")
    assert [len(ch) for ch in big.chunks()][-1] == 17
    assert sum(len(ch) for ch in big.chunks(CHUNK - 100, 2 * CHUNK + 100)) == CHUNK + 200


def test_concat_blob_flattens_and_reads_across_parts():
    a, b = BytesBlob(b"abc"), BytesBlob(b"defg")
    c = ConcatBlob([a, EMPTY, ConcatBlob([b, ZeroBlob(2)])])
    assert c.parts == (a, b, c.parts[2]) and isinstance(c.parts[2], ZeroBlob)
    assert c.size == 9
    assert c.read() == b"abcdefg\0\0"
    assert c.read(2, 5) == b"cde"
    assert c.read(6, 8) == b"g\0"
    assert c.read(3, 3) == b""
    assert c == BytesBlob(b"abcdefg\0\0")


def test_slice_blob():
    base = BytesBlob(b"0123456789")
    s = SliceBlob(base, 3, 4)
    assert (s.size, s.read()) == (4, b"3456")
    assert s.read(1, 3) == b"45"
    assert SliceBlob(base, 8, 10).size == 2               # clipped to the base
    assert SliceBlob(base, 20, 5).size == 0
    assert s.base is base                                   # a view, not a copy


def test_resize():
    b = BytesBlob(b"hello")
    assert resize(b, 0) is EMPTY
    short = resize(b, 2)
    assert isinstance(short, SliceBlob) and short.read() == b"he"
    long = resize(b, 8)
    assert long.read() == b"hello\0\0\0"
    assert long.parts[0] is b                                # the old content is shared
    assert resize(b, 5).read() == b"hello"
    huge = resize(ZeroBlob(GIB), 2 * GIB)                    # sizes only, no bytes
    assert huge.size == 2 * GIB


def test_equality_is_by_content_and_size():
    assert BytesBlob(bytes(10)) == ZeroBlob(10)
    assert ZeroBlob(10) != ZeroBlob(11)
    assert BytesBlob(b"x") != b"x"                           # not equal to raw bytes
    assert hash(ZeroBlob(10)) == hash(BytesBlob(bytes(10)))
    assert SliceBlob(BytesBlob(b"xxabc"), 2, 3) == BytesBlob(b"abc")
    assert FillerBlob(10, "a") != ZeroBlob(10)
