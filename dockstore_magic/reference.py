"""Image references, parsed and normalised as github.com/distribution/reference does
(``ubuntu`` → ``docker.io/library/ubuntu:latest``, shown back in its familiar form)."""
from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_DOMAIN = "docker.io"
LEGACY_DOMAIN = "index.docker.io"
OFFICIAL_PREFIX = "library/"

_alnum = r"[a-z0-9]+"
_sep = r"(?:[._]|__|[-]+)"
_path_component = rf"{_alnum}(?:{_sep}{_alnum})*"
_domain_component = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_ipv6 = r"\[(?:[a-fA-F0-9:]+)\]"
_host = rf"(?:{_domain_component}(?:\.{_domain_component})*|{_ipv6})"
_domain_and_port = rf"{_host}(?::[0-9]+)?"
TAG = r"[\w][\w.-]{0,127}"
DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"
_name = rf"(?:{_domain_and_port}/)?{_path_component}(?:/{_path_component})*"
REFERENCE_RE = re.compile(rf"^({_name})(?::({TAG}))?(?:@({DIGEST}))?$")
TAG_RE = re.compile(rf"^{TAG}$")
ANCHORED_ID = re.compile(r"^[a-f0-9]{64}$")
NAME_TOTAL_LENGTH_MAX = 255


class ReferenceError(ValueError):
    """Worded exactly as Docker reports it."""


@dataclass(frozen=True)
class Reference:
    domain: str
    path: str                 # e.g. library/ubuntu
    tag: str | None = None
    digest: str | None = None

    @property
    def name(self) -> str:
        """Full name: docker.io/library/ubuntu."""
        return f"{self.domain}/{self.path}"

    @property
    def familiar_name(self) -> str:
        """What Docker prints: ubuntu, user/app, registry:5000/x."""
        if self.domain == DEFAULT_DOMAIN:
            p = self.path
            if p.startswith(OFFICIAL_PREFIX) and p.count("/") == 1:
                return p[len(OFFICIAL_PREFIX):]
            return p
        return self.name

    def with_default_tag(self) -> "Reference":
        if self.tag is None and self.digest is None:
            return Reference(self.domain, self.path, "latest")
        return self

    @property
    def familiar(self) -> str:
        """``ubuntu:latest`` / ``ubuntu@sha256:…``."""
        s = self.familiar_name
        if self.tag:
            s += ":" + self.tag
        if self.digest:
            s += "@" + self.digest
        return s

    def __str__(self) -> str:
        return self.familiar


def _split_domain(name: str) -> tuple[str, str]:
    i = name.find("/")
    if i == -1 or (not any(c in name[:i] for c in ".:") and name[:i] != "localhost"
                   and name[:i].lower() == name[:i]):
        domain, remainder = DEFAULT_DOMAIN, name
    else:
        domain, remainder = name[:i], name[i + 1:]
    if domain == LEGACY_DOMAIN:
        domain = DEFAULT_DOMAIN
    if domain == DEFAULT_DOMAIN and "/" not in remainder:
        remainder = OFFICIAL_PREFIX + remainder
    return domain, remainder


_DIGEST_HEX = {"sha256": 64, "sha384": 96, "sha512": 128}


def _check_digest(d: str) -> None:
    """go-digest ``Digest.Validate`` (what ``reference.Parse`` runs on the ``@`` part)."""
    algo, _, hexpart = d.partition(":")
    want = _DIGEST_HEX.get(algo)
    if want is None:
        raise ReferenceError("unsupported digest algorithm")
    if len(hexpart) != want:
        raise ReferenceError("invalid checksum digest length")
    if not re.fullmatch(r"[a-f0-9]+", hexpart):
        raise ReferenceError("invalid checksum digest format")


def parse(s: str) -> Reference:
    """``ParseNormalizedNamed``: raises :class:`ReferenceError` with Docker's wording."""
    if ANCHORED_ID.match(s):
        raise ReferenceError(
            f"invalid repository name ({s}), cannot specify 64-byte hexadecimal strings")
    domain, remainder = _split_domain(s)
    # the lowercase check looks at everything before the first ":" (not at "@")
    tag_sep = remainder.find(":")
    remote = remainder[:tag_sep] if tag_sep != -1 else remainder
    if remote.lower() != remote:
        raise ReferenceError(
            f"invalid reference format: repository name ({remote}) must be lowercase")
    full = f"{domain}/{remainder}"
    m = REFERENCE_RE.match(full)
    if not m:
        raise ReferenceError("invalid reference format")
    name, tag, digest = m.group(1), m.group(2), m.group(3)
    if len(name) > NAME_TOTAL_LENGTH_MAX:
        raise ReferenceError(f"repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters")
    if digest:
        _check_digest(digest)
    return Reference(domain, name[len(domain) + 1:], tag, digest)


def parse_tagged(s: str) -> Reference:
    """A reference with ``latest`` filled in when neither tag nor digest is given."""
    return parse(s).with_default_tag()


def looks_like_id(s: str) -> bool:
    h = s[7:] if s.startswith("sha256:") else s
    return bool(h) and all(c in "0123456789abcdef" for c in h) and len(h) <= 64
