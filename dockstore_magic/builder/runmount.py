"""``RUN --mount=…``: what the Dockerfile frontend accepts and what each mount type does.

The option text is BuildKit's ``frontend/dockerfile/instructions/commands_runmount.go``
``parseMount`` (current Dockerfile frontend; the 20.10 engine's built-in one is older: see
tests/realdocker/differences.py): comma-separated ``key=value`` fields (``csvvalue``), keys
in any case, the value expanded as one word with the stage's ARG/ENV (so errors show at
the step, after the parse), the mount type first known when ``type=`` comes before the keys
that depend on it.

What the types do (``dockerfile2llb/convert_runmount.go`` ``dispatchRunMounts`` and the
solver's mount manager):

* ``bind`` (the default): ``source`` (default the root) of the build context, or of
  ``from=`` a stage or image, appears at ``target``; read-only unless ``rw``, and then what
  the step writes there is thrown away.  The source's content is part of the step's cache
  key, as a COPY's is.
* ``cache``: a folder kept by the builder between builds, by ``id`` (default: the target),
  0755 root-owned unless ``mode``/``uid``/``gid`` say otherwise; never in the cache key,
  never in the image.
* ``tmpfs``: an empty tmpfs (``size`` caps it), gone after the step.
* ``secret``: the build's ``--secret id=…`` as a file, 0400 root-owned, at ``target``
  (default ``/run/secrets/<id>``).  A secret the build was not given is left out (the path
  simply does not exist) unless ``required``: then ``secret ID not found: not found``.

After the step, the mount points that the step's mounts needed and that did not exist
before are removed again when empty (``executor/stubs.go`` ``MountStubsCleaner``,
recursive: also the parent folders made for them), so the image keeps none of them.
Not simulated, and refused in one line by the builder: ``ssh`` mounts (an agent socket
forwarded from the client), a cache seeded ``from=`` a stage or image, and a secret given
to the step as an environment variable (``env=``)."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..golang.csv import read_record
from ..golang.strconv import parse_bool, parse_uint
from ..sizes import ram_in_bytes
from .suggest import wrap_error as suggest

#: commands_runmount.go allowedMountTypes / allowedSharingModes and parseMount's allKeys
MOUNT_TYPES = ("bind", "cache", "tmpfs", "secret", "ssh")
SHARING_MODES = ("shared", "private", "locked")
ALL_KEYS = ("type", "from", "source", "target", "readonly", "id", "sharing", "required", "size",
            "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "env")


class MountError(ValueError):
    """A ``--mount`` the frontend refuses; the text is BuildKit's."""


@dataclass
class RunMount:
    type: str = "bind"
    from_: str = ""
    source: str = ""
    target: str = ""
    readonly: bool = True
    size: int | None = None
    cache_id: str = ""
    sharing: str = ""
    required: bool = False
    mode: int | None = None
    uid: int | None = None
    gid: int | None = None
    env: str | None = None


def _parse_bool(key: str, value: str) -> bool:
    try:
        return parse_bool(value)
    except ValueError:
        raise MountError(f"invalid value for {key}: {value}") from None


def parse_mount(val: str, expand) -> RunMount:
    """One ``--mount`` value, its fields' values expanded by ``expand`` (a word → word)."""
    m = RunMount()
    ro_auto = True
    try:
        fields = read_record(val)         # go-csvvalue Fields: one CSV record
    except ValueError as e:
        raise MountError(f"failed to parse csv mounts: {e}") from None
    for field in fields:
        key, eq, value = field.partition("=")
        key = key.lower()
        if not eq:
            if key in ("readonly", "ro"):
                m.readonly, ro_auto = True, False
                continue
            if key in ("readwrite", "rw"):
                m.readonly, ro_auto = False, False
                continue
            if key == "required":
                if m.type in ("secret", "ssh"):
                    m.required = True
                    continue
                raise MountError(f"unexpected key '{key}' for mount type '{m.type}'")
            raise MountError(f"invalid field '{field}' must be a key=value pair")
        value = expand(value)
        if key == "type":
            if value.lower() not in MOUNT_TYPES:
                raise MountError(suggest(f'unsupported mount type "{value}"', value, MOUNT_TYPES))
            m.type = value.lower()
        elif key == "from":
            m.from_ = value
        elif key in ("source", "src"):
            m.source = value
        elif key in ("target", "dst", "destination"):
            m.target = value
        elif key in ("readonly", "ro"):
            m.readonly, ro_auto = _parse_bool(key, value), False
        elif key in ("readwrite", "rw"):
            m.readonly, ro_auto = not _parse_bool(key, value), False
        elif key == "required":
            if m.type not in ("secret", "ssh"):
                raise MountError(f"unexpected key '{key}' for mount type '{m.type}'")
            m.required = _parse_bool(key, value)
        elif key == "size":
            if m.type != "tmpfs":
                raise MountError(f"unexpected key '{key}' for mount type '{m.type}'")
            try:
                m.size = ram_in_bytes(value)
            except ValueError:
                raise MountError(f"invalid value for {key}: {value}") from None
        elif key == "id":
            m.cache_id = value
        elif key == "sharing":
            if value.lower() not in SHARING_MODES:
                raise MountError(suggest(f'unsupported sharing value "{value}"', value, SHARING_MODES))
            m.sharing = value.lower()
        elif key in ("mode", "uid", "gid"):
            try:
                n = parse_uint(value, 8 if key == "mode" else 10, 32)
            except ValueError:
                raise MountError(f"invalid value {value} for {key}") from None
            setattr(m, key, n)
        elif key == "env":
            m.env = value
        else:
            raise MountError(suggest(f"unexpected key '{key}' in '{field}'", key, ALL_KEYS))
    if m.type not in ("secret", "ssh", "cache"):
        for k in ("mode", "uid", "gid"):
            if getattr(m, k) is not None:
                raise MountError(f'{k} not allowed for "{m.type}" type mounts')
    if ro_auto:
        m.readonly = m.type not in ("cache", "tmpfs")
    if m.type == "secret":
        if m.from_:
            raise MountError("secret mount should not have a from")
        if m.sharing:
            raise MountError("secret mount should not define sharing")
        if not m.source and not m.target and not m.cache_id:
            raise MountError("invalid secret mount. one of source, target required")
        if m.source and m.cache_id:
            raise MountError("both source and id can't be set")
    if m.sharing and m.type != "cache":
        raise MountError(f"invalid cache sharing set for {m.type} mount")
    return m


def mount_target(m: RunMount, workdir: str) -> str:
    """Where the mount appears: a relative target is under the working folder; a secret
    without one is ``/run/secrets/<id>`` (convert_runmount.go)."""
    target = m.target
    if m.type == "secret" and not target:
        target = "/run/secrets/" + posixpath.basename(secret_id(m))
    if not target.startswith("/"):
        target = posixpath.join("/", workdir, target)
    return posixpath.normpath(target)


def secret_id(m: RunMount) -> str:
    return m.cache_id or m.source or posixpath.basename(m.target)
