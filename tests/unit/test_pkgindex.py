"""One package index per distribution (catalogue/indexes/*.json): apt-get and apk install from
the index of the container's own distribution, and the catalogue images agree with it."""
from __future__ import annotations

import re

import pytest

from dockstore_magic.catalogue import lookup, pkgindex
from dockstore_magic.fs import OverlayFS


def dpkg_status(ref: str) -> dict[str, tuple[str, int]]:
    img = lookup(ref)
    fs = OverlayFS(None, [layer.build() for layer in reversed(img.layers)])
    out = {}
    for stanza in fs.read_text("/var/lib/dpkg/status").split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", stanza, re.M))
        if "Package" in fields:
            out[fields["Package"]] = (fields["Version"], int(fields.get("Installed-Size", 0)))
    return out


@pytest.mark.parametrize("ref, distro", [
    ("debian:bookworm-slim", ("debian", "bookworm")), ("debian:bookworm", ("debian", "bookworm")),
    ("python:3.12-slim", ("debian", "bookworm")), ("nginx:latest", ("debian", "bookworm")),
    ("ubuntu:24.04", ("ubuntu", "noble")), ("ubuntu:22.04", ("ubuntu", "jammy"))])
def test_images_and_index_state_the_same_package_facts(ref, distro):
    index = pkgindex.apt(*distro)
    shared = [(n, v) for n, v in dpkg_status(ref).items() if n in index and index[n][0] == v[0]]
    assert shared                                   # the comparison is not empty
    for name, (version, installed) in shared:
        assert index[name][1] == installed, (ref, name)


def test_every_dependency_is_in_its_index():
    for release in pkgindex.releases():
        distro, _, rel = release.partition("-")
        if distro == "alpine":
            index, _ = pkgindex.apk(rel)
            deps = {d for p in index.values() for d in p[2]}
        else:
            index = pkgindex.apt(distro, rel)
            deps = {d for p in index.values() for d in p[3] + p[4]}
        assert deps <= set(index), (release, deps - set(index))


def run(sim, ref, script):
    r = sim.docker(["run", "--rm", ref, "sh", "-c", script])
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_ubuntu_installs_ubuntus_packages(sim):
    out = run(sim, "ubuntu:24.04", "apt-get update -qq && apt-get install -y python3 gcc; "
                                   "python3 --version; readlink /usr/bin/python3")
    assert "Setting up python3.12 (3.12.3-1ubuntu0.3) ..." in out
    assert "Setting up gcc-13 (13.2.0-23ubuntu4) ..." in out
    assert "python3.11" not in out and "gcc-12" not in out
    assert "Get:1 http://archive.ubuntu.com/ubuntu noble/main amd64 " in out
    assert out.endswith("Python 3.12.3\npython3.12\n")


def test_jammy_installs_jammys(sim):
    out = run(sim, "ubuntu:22.04", "apt-get update -qq && apt-get install -y -qq python3 "
                                   ">/dev/null 2>&1; python3 --version; readlink /usr/bin/python3")
    assert out == "Python 3.10.12\npython3.10\n"


def test_debian_still_installs_debians(sim):
    out = run(sim, "debian:bookworm-slim", "apt-get update -qq && apt-get install -y -qq python3 "
                                           ">/dev/null 2>&1; python3 --version")
    assert out == "Python 3.11.2\n"


def test_alpine_apk_add_python3(sim):
    out = run(sim, "alpine", "apk add python3 && python3 --version")
    assert "(11/11) Installing python3 (3.12.8-r1)" in out
    assert out.endswith("Python 3.12.8\n")
