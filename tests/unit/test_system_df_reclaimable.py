"""`docker system df`'s RECLAIMABLE for images, as docker/cli computes it
(cli/command/formatter/disk_usage.go, diskUsageImagesContext.Reclaimable): the layers' total
size minus, for each image a container uses, its size minus its shared size.  Checked on
Engine 20.10: three busybox-based images, none in use, print `1.983MB (100%)`."""
from __future__ import annotations

from dockstore_magic import session


def _images_row(eng_out: str) -> list[str]:
    line = next(l for l in eng_out.splitlines() if l.startswith("Images"))
    return line.split(None, 4)


def test_unused_images_are_all_reclaimable():
    session.reset(seed=1, clock="2026-01-01T09:00:00Z")
    session.docker("pull -q busybox")
    session.docker("pull -q python:3.12-slim")
    row = _images_row(session.docker("system df").stdout)
    assert row[4].endswith("(100%)") and row[4].split()[0] == row[3]


def test_an_image_in_use_keeps_its_unique_size():
    eng = session.reset(seed=1, clock="2026-01-01T09:00:00Z")
    session.docker("pull -q python:3.12-slim")
    session.docker("create --name user python:3.12-slim")
    du = eng.disk_usage()
    (im,) = du.images
    want = du.layers_size - (im.size - im.shared_size)
    from dockstore_magic.cli.units import human_size
    row = _images_row(session.docker("system df").stdout)
    assert row[4] == f"{human_size(want)} ({want * 100 // du.layers_size}%)"
    assert row[4].endswith("(0%)")          # one image, all of it in use
