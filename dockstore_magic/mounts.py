"""Mount specifications: ``-v``/``--volume``, ``--mount`` and ``--tmpfs`` parsed and validated
as the docker CLI (cli/compose/loader/volumespec, opts/mount.go) and the daemon
(daemon/volume/mounts/linux_parser.go) do, and the resulting mount points."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .errors import InvalidParameter

RW_MODES = {"ro", "rw"}
LABEL_MODES = {"z", "Z"}
PROPAGATION = {"private", "rprivate", "slave", "rslave", "shared", "rshared"}
COPY_MODES = {"nocopy"}
CONSISTENCY = {"consistent", "cached", "delegated"}
_GROUPS = (RW_MODES, LABEL_MODES, PROPAGATION, COPY_MODES, CONSISTENCY)


class SpecError(ValueError):
    """A client-side (docker CLI) error: ``docker: <msg>`` and exit status 125."""


def valid_mode(mode: str) -> bool:
    if mode == "":
        return True
    seen = [0] * len(_GROUPS)
    for m in mode.split(","):
        for i, g in enumerate(_GROUPS):
            if m in g:
                seen[i] += 1
                if seen[i] > 1:
                    return False
                break
        else:
            return False
    return True


@dataclass
class MountSpec:
    """What the daemon is asked to mount (an ``api/types/mount.Mount`` plus the raw mode)."""
    type: str                      # volume | bind | tmpfs
    target: str
    source: str = ""
    readonly: bool = False
    nocopy: bool = False
    propagation: str = ""
    mode: str = ""                 # the -v mode string as given
    bind_create_src: bool = False
    labels: dict = field(default_factory=dict)
    tmpfs_size: int = 0
    tmpfs_mode: int = 0o1777
    raw: str = ""
    from_flag: str = "-v"          # -v | --mount | --tmpfs | image


# ------------------------------------------------------------------ the CLI side
def cli_parse_volume(spec: str) -> tuple[str, str, bool]:
    """docker/cli volumespec.Parse: returns (source, target, is_bind) or raises SpecError."""
    if spec == "":
        raise SpecError("invalid empty volume spec")
    if len(spec) <= 2:
        return "", spec, False
    source = target = ""
    segments = spec.split(":")
    for i, seg in enumerate(segments):
        end = i == len(segments) - 1
        if seg == "":
            raise SpecError(f"invalid spec: {spec}: empty section between colons")
        if not source and end:
            target = seg
        elif not source:
            source = seg
        elif not target:
            target = seg
        elif not end:
            raise SpecError(f"invalid spec: {spec}: too many colons")
    is_bind = bool(source) and source[0] in "./~"
    return source, target, is_bind


# ------------------------------------------------------------------ the daemon side
def _invalid_spec(raw: str) -> str:
    return f"invalid volume specification: '{raw}'"


def parse_mount_raw(raw: str) -> MountSpec:
    """linux_parser.go ParseMountRaw (a ``-v`` bind or named volume, or a config volume)."""
    arr = raw.split(":", 3)
    if arr[0] == "":
        raise InvalidParameter(_invalid_spec(raw))
    mode = ""
    if len(arr) == 1:
        source, target = "", arr[0]
    elif len(arr) == 2:
        if valid_mode(arr[1]):
            raise InvalidParameter(_invalid_spec(raw))
        source, target = arr
    elif len(arr) == 3:
        source, target, mode = arr
    else:
        raise InvalidParameter(_invalid_spec(raw))
    if not valid_mode(mode):
        raise InvalidParameter(f"invalid mode: {mode}")
    modes = mode.split(",") if mode else []
    spec = MountSpec(type="bind" if source.startswith("/") else "volume", target=target,
                     source=source, readonly="ro" in modes, nocopy="nocopy" in modes,
                     propagation=next((m for m in modes if m in PROPAGATION), ""), mode=mode,
                     raw=raw, from_flag="-v")
    try:
        validate(spec, check_bind_source=None)
    except InvalidParameter as e:
        raise InvalidParameter(f"{_invalid_spec(raw)}: {e}") from None
    return spec


def _mount_config_error(spec: MountSpec, msg: str) -> InvalidParameter:
    return InvalidParameter(f'invalid mount config for type "{spec.type}": {msg}')


def validate(spec: MountSpec, check_bind_source=None) -> None:
    """validateMountConfig; ``check_bind_source(path) -> bool`` for ``--mount`` binds."""
    if not spec.target:
        raise _mount_config_error(spec, "field Target must not be empty")
    if spec.target.rstrip("/") == "" and spec.target.startswith("/"):
        raise _mount_config_error(spec, "invalid specification: destination can't be '/'")
    if not spec.target.startswith("/"):
        raise _mount_config_error(spec, f"invalid mount path: '{spec.target}' mount path must be absolute")
    if spec.type == "bind":
        if not spec.source:
            raise _mount_config_error(spec, "field Source must not be empty")
        if spec.nocopy and spec.from_flag == "--mount":
            raise _mount_config_error(spec, "field VolumeOptions must not be specified")
        if not spec.source.startswith("/"):
            raise _mount_config_error(spec, f"invalid mount path: '{spec.source}' mount path must be absolute")
        if check_bind_source is not None and not spec.bind_create_src and not check_bind_source(spec.source):
            raise _mount_config_error(spec, f"bind source path does not exist: {spec.source}")
    elif spec.type == "volume":
        if spec.propagation and spec.from_flag == "--mount":
            raise _mount_config_error(spec, "field BindOptions must not be specified")
        if spec.readonly and not spec.source and spec.from_flag == "--mount":
            raise _mount_config_error(spec, "must not set ReadOnly mode when using anonymous volumes")
    elif spec.type == "tmpfs":
        if spec.source:
            raise _mount_config_error(spec, "field Source must not be specified")


def parse_mount_flag(value: str) -> MountSpec:
    """docker/cli opts/mount.go: ``type=volume,source=x,target=/d,readonly,…``."""
    try:
        fields = next(csv.reader(io.StringIO(value)))
    except (csv.Error, StopIteration):
        raise SpecError(f"invalid argument \"{value}\" for \"--mount\" flag: invalid field") from None
    spec = MountSpec(type="volume", target="", raw=value, from_flag="--mount")
    seen_type = False
    for f in fields:
        key, eq, val = f.partition("=")
        k = key.strip().lower()
        if not eq and k not in ("readonly", "ro", "volume-nocopy", "bind-nonrecursive",
                                "bind-create-src", "volume-subpath"):
            raise SpecError(f'invalid argument "{value}" for "--mount" flag: invalid field \'{f}\' must be a key=value pair')
        if k == "type":
            if val not in ("volume", "bind", "tmpfs", "npipe", "cluster", "image"):
                raise SpecError(f'invalid argument "{value}" for "--mount" flag: invalid value for type: {val}')
            spec.type, seen_type = val, True
        elif k in ("source", "src"):
            spec.source = val
        elif k in ("target", "dst", "destination"):
            spec.target = val
        elif k in ("readonly", "ro"):
            if eq and val.lower() not in ("1", "true", "0", "false"):
                raise SpecError(f'invalid argument "{value}" for "--mount" flag: invalid value for {key}: {val}')
            spec.readonly = (not eq) or val.lower() in ("1", "true")
        elif k == "volume-nocopy":
            spec.nocopy = (not eq) or val.lower() in ("1", "true")
        elif k == "bind-propagation":
            spec.propagation = val
        elif k == "bind-create-src":
            spec.bind_create_src = (not eq) or val.lower() in ("1", "true")
        elif k == "volume-label":
            lk, _, lv = val.partition("=")
            spec.labels[lk] = lv
        elif k == "volume-driver":
            if val != "local":
                raise SpecError(f'invalid argument "{value}" for "--mount" flag: volume driver {val} is not available')
        elif k in ("tmpfs-size",):
            from .sizes import ram_in_bytes
            spec.tmpfs_size = ram_in_bytes(val)
        elif k == "tmpfs-mode":
            spec.tmpfs_mode = int(val, 8)
        elif k in ("consistency", "bind-nonrecursive", "volume-opt", "volume-subpath"):
            pass
        else:
            raise SpecError(f'invalid argument "{value}" for "--mount" flag: unexpected key \'{key}\' in \'{f}\'')
    if not seen_type:
        spec.type = "volume"
    if not spec.target:
        raise SpecError(f'invalid argument "{value}" for "--mount" flag: target is required')
    if spec.type == "bind" and spec.source and spec.source.startswith("."):
        import os
        spec.source = os.path.abspath(spec.source)
    return spec


def parse_tmpfs(value: str) -> MountSpec:
    target, _, opts = value.partition(":")
    spec = MountSpec(type="tmpfs", target=target, raw=value, from_flag="--tmpfs")
    for o in [o for o in opts.split(",") if o]:
        k, _, v = o.partition("=")
        if k == "size":
            from .sizes import ram_in_bytes
            spec.tmpfs_size = ram_in_bytes(v)
        elif k == "mode":
            spec.tmpfs_mode = int(v, 8)
        elif k == "ro":
            spec.readonly = True
    return spec


VOLUME_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def validate_volume_name(name: str) -> None:
    """The local driver's rule (daemon/volume/local/local.go)."""
    if len(name) == 1:
        raise InvalidParameter(f"create {name}: volume name is too short, names should be at "
                               "least two alphanumeric characters")
    if not VOLUME_NAME_RE.match(name):
        raise InvalidParameter(
            f'create {name}: "{name}" includes invalid characters for a local volume name, only '
            '"[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, '
            "use absolute path")
