"""Mount specifications, on the daemon's side (moby volume/mounts/linux_parser.go): a
``HostConfig.Binds`` entry (``-v``) parsed by :func:`parse_mount_raw`, a ``HostConfig.Mounts``
object (built by the CLI's one ``--mount`` parser, ``cli/args.parse_mount``) turned into a
:class:`MountSpec` by :func:`spec_from_api`, a ``HostConfig.Tmpfs`` entry by
:func:`parse_tmpfs`, a ``HostConfig.VolumesFrom`` entry by :func:`parse_volumes_from`; all
validated by :func:`validate` (validateMountConfigImpl).  The CLI side of ``-v``
(docker/cli internal/volumespec) is :func:`cli_parse_volume`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import InvalidParameter
from .fs.tree import tmpfs_size

RW_MODES = {"ro", "rw"}
LABEL_MODES = {"z", "Z"}
PROPAGATION = {"private", "rprivate", "slave", "rslave", "shared", "rshared"}
COPY_MODES = {"nocopy"}
CONSISTENCY = {"consistent", "cached", "delegated"}
_GROUPS = (RW_MODES, LABEL_MODES, PROPAGATION, COPY_MODES, CONSISTENCY)


from .golang.strconv import go_quote  # noqa: E402


class SpecError(ValueError):
    """A client-side (docker CLI) error: ``docker: <msg>`` and exit status 125."""


def go_clean(p: str) -> str:
    """Go's ``path.Clean`` (lexical: ``//``, ``.``, ``..``, trailing slash)."""
    if p == "":
        return "."
    rooted = p.startswith("/")
    out: list[str] = []
    for part in p.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    joined = "/".join(out)
    return "/" + joined if rooted else (joined or ".")


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
    subpath: str = ""              # VolumeOptions.Subpath (--mount volume-subpath=)
    driver: str = ""               # VolumeOptions.DriverConfig.Name
    driver_opts: dict | None = None  # VolumeOptions.DriverConfig.Options (volume-opt=)
    api: dict | None = None        # the HostConfig.Mounts object as the API received it
    raw: str = ""
    from_flag: str = "-v"          # -v | --mount | --tmpfs | image


# ------------------------------------------------------------------ the CLI side
def _is_drive(buffer: list[str], char: str) -> bool:
    """volumespec isWindowsDrive: a ``:`` right after a single letter stays in the field."""
    return char == ":" and len(buffer) == 1 and buffer[0].isalpha()


def cli_parse_volume(spec: str) -> tuple[str, str, bool]:
    """docker/cli ``internal/volumespec.Parse``: returns (source, target, is_bind) or raises
    SpecError.  Faithful to its quirks: a spec of 1–2 bytes is a target; a single letter
    followed by ``:`` is a Windows drive and keeps its colon (so ``a:/x`` is an anonymous
    volume at ``a:/x``, and ``ab:/b:c:d`` passes the CLI to fail in the daemon); a third
    section followed by another ``:`` is "too many colons"; modes are the daemon's business."""
    if spec == "":
        raise SpecError("invalid empty volume spec")
    if len(spec.encode("utf-8", "surrogateescape")) <= 2:
        return "", spec, False
    source = target = ""
    buffer: list[str] = []
    for char in spec + "\0":
        if _is_drive(buffer, char):
            buffer.append(char)
        elif char in (":", "\0"):
            if not buffer:
                raise SpecError(f"invalid spec: {spec}: empty section between colons")
            field_ = "".join(buffer)
            if source == "" and char == "\0":
                target = field_
            elif source == "":
                source = field_
            elif target == "":
                target = field_
            elif char == ":":
                raise SpecError(f"invalid spec: {spec}: too many colons")
            buffer = []
        else:
            buffer.append(char)
    return source, target, bool(source) and _is_file_path(source)


def _is_file_path(source: str) -> bool:
    """volumespec isFilePath: ``.``, ``/``, ``~``, ``\\\\`` or a drive letter make a bind."""
    if source[0] in "./~":
        return True
    if len(source) == 1:
        return False
    if source.startswith("\\\\"):
        return True
    return _is_drive([source[0]], source[1])


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
    # The propagation mode becomes BindOptions and nocopy VolumeOptions, whatever the type:
    # validate() then refuses BindOptions on a volume and VolumeOptions on a bind.
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


def _not_root(spec: MountSpec) -> None:
    if go_clean(spec.target.replace("\\", "/")) == "/":
        raise _mount_config_error(spec, "invalid specification: destination can't be '/'")


def _absolute(spec: MountSpec, p: str) -> None:
    p = p.replace("\\", "/")
    if not p.startswith("/"):
        raise _mount_config_error(spec, f"invalid mount path: '{p}' mount path must be absolute")


def validate(spec: MountSpec, check_bind_source=None) -> None:
    """linux_parser.go validateMountConfigImpl, in its order; ``check_bind_source(path) ->
    bool`` for ``--mount`` binds (``-v`` binds are not checked: the daemon creates them).
    On success the target (and a bind's source) are cleaned as parseMountSpec cleans the
    mount point's Destination and Source."""
    if not spec.target:
        raise _mount_config_error(spec, "field Target must not be empty")
    _not_root(spec)
    _absolute(spec, spec.target)
    if spec.type == "bind":
        if not spec.source:
            raise _mount_config_error(spec, "field Source must not be empty")
        if spec.propagation and spec.propagation not in PROPAGATION:
            raise _mount_config_error(spec, f"invalid propagation mode: {spec.propagation}")
        if spec.nocopy:
            raise _mount_config_error(spec, "field VolumeOptions must not be specified")
        _absolute(spec, spec.source)
        if check_bind_source is not None and not spec.bind_create_src and not check_bind_source(spec.source):
            raise _mount_config_error(spec, f"bind source path does not exist: {spec.source}")
    elif spec.type == "volume":
        if spec.propagation or spec.bind_create_src:
            raise _mount_config_error(spec, "field BindOptions must not be specified")
        if spec.readonly and not spec.source:
            raise _mount_config_error(spec, "must not set ReadOnly mode when using anonymous volumes")
        if spec.subpath and not _is_local(spec.subpath):
            raise _mount_config_error(spec, "subpath must be a relative path within the volume")
    elif spec.type == "tmpfs":
        if spec.propagation or spec.bind_create_src:
            raise _mount_config_error(spec, "field BindOptions must not be specified")
        if spec.source:
            raise _mount_config_error(spec, "field Source must not be specified")
    elif spec.type == "image":
        if spec.propagation or spec.bind_create_src:
            raise _mount_config_error(spec, "field BindOptions must not be specified")
        if not spec.source:
            raise _mount_config_error(spec, "field Source must not be empty")
    else:
        raise _mount_config_error(spec, "mount type unknown")
    spec.target = go_clean(spec.target.replace("\\", "/"))
    if spec.type == "bind":
        spec.source = go_clean(spec.source.replace("\\", "/"))


def _is_local(p: str) -> bool:
    """Go's filepath.IsLocal (Unix): not empty, not absolute, not escaping with ``..``."""
    return p != "" and not p.startswith("/") and go_clean(p) != ".." and not go_clean(p).startswith("../")


def spec_from_api(m: dict) -> MountSpec:
    """moby linux_parser.go ParseMountSpec's input: one ``HostConfig.Mounts`` object (as
    docker/cli opts/mount.go builds it) as a :class:`MountSpec`; :func:`validate` checks it."""
    vol = m.get("VolumeOptions") or {}
    bind = m.get("BindOptions") or {}
    tmpfs = m.get("TmpfsOptions") or {}
    driver = vol.get("DriverConfig") or {}
    spec = MountSpec(type=m.get("Type", ""), target=m.get("Target", ""), source=m.get("Source", ""),
                     readonly=bool(m.get("ReadOnly")), nocopy=bool(vol.get("NoCopy")),
                     propagation=bind.get("Propagation", ""),
                     bind_create_src=bool(bind.get("CreateMountpoint")),
                     labels=dict(vol.get("Labels") or {}),
                     tmpfs_size=tmpfs_size(int(tmpfs.get("SizeBytes") or 0)),
                     tmpfs_mode=int(tmpfs.get("Mode") or 0o1777),
                     subpath=vol.get("Subpath", ""), driver=driver.get("Name", ""),
                     driver_opts=dict(driver["Options"]) if driver.get("Options") else None,
                     api=m, from_flag="--mount")
    return spec


def parse_volumes_from(spec: str) -> tuple[str, str]:
    """linux_parser.go ParseVolumesFrom: ``CONTAINER[:ro|rw]`` → (container, mode)."""
    if spec == "":
        raise InvalidParameter("volumes-from specification cannot be an empty string")
    ident, _, mode = spec.partition(":")
    if mode == "":
        return ident, "rw"
    if not valid_mode(mode):
        raise InvalidParameter(f"invalid mode: {mode}")
    modes = mode.split(",")
    if any(m in PROPAGATION for m in modes):
        raise InvalidParameter(f"invalid mode: {mode}")
    if "nocopy" in modes:
        raise InvalidParameter(f"invalid mode for volumes-from: {mode}")
    return ident, mode


def validate_tmpfs_destination(dest: str) -> None:
    """A ``--tmpfs`` folder (HostConfig.Tmpfs key): moby linux_parser.go
    ValidateTmpfsMountDestination, called by daemon_unix.go verifyPlatformContainerSettings,
    whose errors have no ``invalid mount config`` prefix."""
    if go_clean(dest.replace("\\", "/")) == "/":
        raise InvalidParameter("invalid specification: destination can't be '/'")
    if not dest.replace("\\", "/").startswith("/"):
        raise InvalidParameter(f"invalid mount path: '{dest}' mount path must be absolute")


def parse_tmpfs(value: str) -> MountSpec:
    target, _, opts = value.partition(":")
    spec = MountSpec(type="tmpfs", target=target, raw=value, from_flag="--tmpfs")
    for o in [o for o in opts.split(",") if o]:
        k, _, v = o.partition("=")
        if k == "size":
            from .sizes import ram_in_bytes
            spec.tmpfs_size = tmpfs_size(ram_in_bytes(v))
        elif k == "mode":
            spec.tmpfs_mode = int(v, 8)
        elif k == "ro":
            spec.readonly = True
    return spec


VOLUME_NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def validate_volume_name(name: str) -> None:
    """The local driver's rule (daemon/volume/local/local.go)."""
    if len(name.encode("utf-8", "surrogateescape")) == 1:
        raise InvalidParameter(f"create {name}: volume name is too short, names should be at "
                               "least two alphanumeric characters")
    if not VOLUME_NAME_RE.fullmatch(name):
        raise InvalidParameter(
            f'create {name}: {go_quote(name)} includes invalid characters for a local volume '
            'name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host '
            "directory, use absolute path")
