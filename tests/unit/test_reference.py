"""Image references (reference.py), as github.com/distribution/reference parses and
normalises them (``ParseNormalizedNamed``, ``FamiliarString``, ``TagNameOnly``)."""
from __future__ import annotations

import pytest

from dockstore_magic.reference import (Reference, ReferenceError, looks_like_id, parse,
                                       parse_tagged)

HEX = "b" * 64


@pytest.mark.parametrize("s, name, tag, digest, familiar", [
    ("ubuntu", "docker.io/library/ubuntu", None, None, "ubuntu"),
    ("ubuntu:22.04", "docker.io/library/ubuntu", "22.04", None, "ubuntu:22.04"),
    ("library/ubuntu", "docker.io/library/ubuntu", None, None, "ubuntu"),
    ("docker.io/library/ubuntu:latest", "docker.io/library/ubuntu", "latest", None,
     "ubuntu:latest"),
    ("docker.io/ubuntu", "docker.io/library/ubuntu", None, None, "ubuntu"),
    ("index.docker.io/ubuntu", "docker.io/library/ubuntu", None, None, "ubuntu"),
    ("user/app:v1", "docker.io/user/app", "v1", None, "user/app:v1"),
    ("docker.io/user/app", "docker.io/user/app", None, None, "user/app"),
    ("library/a/b", "docker.io/library/a/b", None, None, "library/a/b"),
    ("localhost:5000/x", "localhost:5000/x", None, None, "localhost:5000/x"),
    ("localhost/x:1", "localhost/x", "1", None, "localhost/x:1"),
    ("registry.example.com/team/app/api:2.0", "registry.example.com/team/app/api", "2.0",
     None, "registry.example.com/team/app/api:2.0"),
    ("[::1]:5000/x", "[::1]:5000/x", None, None, "[::1]:5000/x"),
    ("Foo/bar", "Foo/bar", None, None, "Foo/bar"),          # an upper-case first part is a host
    ("my_app.v2-x", "docker.io/library/my_app.v2-x", None, None, "my_app.v2-x"),
    (f"ubuntu@sha256:{HEX}", "docker.io/library/ubuntu", None, f"sha256:{HEX}",
     f"ubuntu@sha256:{HEX}"),
    (f"ubuntu:22.04@sha256:{HEX}", "docker.io/library/ubuntu", "22.04", f"sha256:{HEX}",
     f"ubuntu:22.04@sha256:{HEX}"),
])
def test_normalisation(s, name, tag, digest, familiar):
    r = parse(s)
    assert (r.name, r.tag, r.digest, r.familiar, str(r)) == (name, tag, digest, familiar, familiar)


def test_default_tag():
    r = parse_tagged("ubuntu")
    assert r == Reference("docker.io", "library/ubuntu", "latest")
    assert r.familiar == "ubuntu:latest"
    assert parse_tagged("localhost:5000/x").familiar == "localhost:5000/x:latest"
    assert parse_tagged("x:1").tag == "1"
    d = parse_tagged(f"x@sha256:{HEX}")                      # a digest: no tag added
    assert (d.tag, d.digest) == (None, f"sha256:{HEX}")
    assert parse("user/app").familiar_name == "user/app"


@pytest.mark.parametrize("s", ["a b", "x:", "x::1", "x:bad tag", "-x", "x/", "/x", "x//y",
                               "x:" + "t" * 129, "x@sha256:abc", "x@", "", "x:-tag"])
def test_invalid_reference_format(s):
    with pytest.raises(ReferenceError) as ei:
        parse(s)
    assert str(ei.value) == "invalid reference format"


@pytest.mark.parametrize("s, remote", [
    ("Ubuntu", "library/Ubuntu"),
    ("UPPER:1", "library/UPPER"),
    ("foo/Bar", "foo/Bar"),
    ("localhost/Foo", "Foo"),
    ("docker.io/Library/ubuntu", "Library/ubuntu"),
    # the check looks at what precedes the first ":", so a digest is part of it
    (f"Foo@sha256:{HEX}", "library/Foo@sha256"),
])
def test_uppercase_repository_names(s, remote):
    with pytest.raises(ReferenceError) as ei:
        parse(s)
    assert str(ei.value) == f"invalid reference format: repository name ({remote}) must be lowercase"


def test_64_hex_is_not_a_name():
    with pytest.raises(ReferenceError) as ei:
        parse("a" * 64)
    assert str(ei.value) == (f"invalid repository name ({'a' * 64}), cannot specify "
                             "64-byte hexadecimal strings")
    assert parse("a" * 63).name == "docker.io/library/" + "a" * 63


def test_name_length_counts_the_normalised_name():
    parse("a" * 237)                                  # docker.io/library/ + 237 = 255
    with pytest.raises(ReferenceError) as ei:
        parse("a" * 238)
    assert str(ei.value) == "repository name must not be more than 255 characters"


@pytest.mark.parametrize("dig, msg", [
    ("sha256:" + "a" * 40, "invalid checksum digest length"),
    ("sha256:" + "A" * 64, "invalid checksum digest format"),
    ("md5:" + "a" * 32, "unsupported digest algorithm"),
])
def test_digest_validation(dig, msg):
    with pytest.raises(ReferenceError) as ei:
        parse(f"ubuntu@{dig}")
    assert str(ei.value) == msg
    assert parse("ubuntu@sha512:" + "c" * 128).digest == "sha512:" + "c" * 128


def test_looks_like_id():
    assert looks_like_id("621d6e32be93")
    assert looks_like_id("sha256:" + "0" * 64)
    assert not looks_like_id("ubuntu")
    assert not looks_like_id("0" * 65)
    assert not looks_like_id("")
    assert not looks_like_id("sha256:")
