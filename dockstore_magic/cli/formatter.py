"""The formatter contexts of docker/cli ``cli/command/formatter``: one per kind of object,
built once here and used by every command that lists that kind.

* ``image_context``      — image.go ``imageContext`` (``docker images``, ``system df -v``)
* ``container_context``  — container.go ``ContainerContext`` (``docker ps``, ``system df -v``)
* ``volume_context``     — volume.go ``volumeContext`` (``volume ls``, ``system df -v``)
* ``build_cache_context``— buildcache.go ``buildCacheContext`` (``system df -v``)

A context is a dict of the Go context's method results (callables for the methods that take
arguments, ``Label``); ``templates.FormatterContext`` wraps it for a template.  As in
docker/cli, the lists differ only in what the API gave: ``GET /images/json`` counts no
containers and no shared size (``-1``: "N/A"), ``GET /system/df`` does; ``docker ps`` asks for
sizes only with ``--size`` (or a template naming ``.Size``), ``system df`` always does and
zeroes the virtual size (disk_usage.go verboseWrite: "Don't display the virtual size")."""
from __future__ import annotations

from ..golang.time import time_string, unix_string
from .table import container_command, ellipsis, truncate_id
from .units import container_status, human_duration, human_size, human_size_precision


def label_method(labels: dict | None):
    """A context's ``Label`` method: ``{{.Label "k"}}`` is the label's value, "" when unset."""
    def label(name: str) -> str:
        return (labels or {}).get(name, "")
    return label


def _joined_labels(labels: dict | None) -> str:
    return ",".join(f"{k}={v}" for k, v in (labels or {}).items())


def image_context(img, repo: str, tag: str, digest: str, *, trunc: bool, now: float,
                  containers: int = -1, shared_size: int = -1) -> dict:
    """imageContext: ``img`` is the image (``id``, ``created``, ``size``); ``containers`` and
    ``shared_size`` are -1 when the API did not count them ("N/A")."""
    return {
        "ID": truncate_id(img.id) if trunc else img.id,
        "Repository": repo, "Tag": tag, "Digest": digest,
        "CreatedSince": human_duration(now - img.created) + " ago",
        "CreatedAt": unix_string(img.created),
        "Size": human_size_precision(img.size, 3),
        "Containers": "N/A" if containers == -1 else str(containers),
        "VirtualSize": human_size(img.size),
        "SharedSize": "N/A" if shared_size == -1 else human_size(shared_size),
        "UniqueSize": "N/A" if shared_size == -1 else human_size(img.size - shared_size),
    }


def container_context(eng, c, *, trunc: bool, now: float, size_rw: int = 0,
                      size_root_fs: int = 0) -> dict:
    """ContainerContext of container ``c`` as ``GET /containers/json`` summarises it; the
    sizes are 0 unless asked for (``Size`` is then "0B")."""
    mounts = eng.mount_points(c)
    labels = c.config.get("Labels")
    size = human_size_precision(size_rw, 3)
    if size_root_fs > 0:
        size += f" (virtual {human_size_precision(size_root_fs, 3)})"
    return {
        "ID": c.short_id if trunc else c.id,
        "Image": _image_column(eng, c, trunc),
        "Command": container_command(command_string(c), trunc),
        "CreatedAt": unix_string(c.created),
        "RunningFor": human_duration(now - c.created) + " ago",
        "Status": container_status(now=now, running=c.state.running, exit_code=c.state.exit_code,
                                   restarting=c.state.restarting, started_at=c.state.started_at,
                                   finished_at=c.state.finished_at,
                                   health=c.health.status if c.health else None),
        "Ports": "", "Names": c.familiar_name, "State": c.state.status,
        "LocalVolumes": str(sum(1 for m in mounts if m.type == "volume")),
        "Mounts": ",".join(_mount_label(m, trunc) for m in mounts if m.type in ("volume", "bind")),
        "Labels": ",".join(f"{k}={v}" for k, v in sorted((labels or {}).items())),
        "Label": label_method(labels), "Platform": None,
        "Networks": c.host_config.get("NetworkMode", ""),
        "Size": size,
    }


def command_string(c) -> str:
    """The summary's ``Command``: the path and its arguments, an argument with a space
    quoted."""
    if c.args:
        return c.path + " " + " ".join(f"'{a}'" if " " in a else a for a in c.args)
    return c.path


def _mount_label(m, trunc: bool) -> str:
    """ContainerContext.Mounts: a volume's name or a bind's source, cut to 15 columns."""
    name = m.name if m.type == "volume" else m.source
    return ellipsis(name, 15) if trunc else name


def _image_column(eng, c, trunc: bool) -> str:
    """The summary's ``Image``: the name the container was created from while it still
    names the container's image, else the image's ID (cut when truncating)."""
    img = eng.image_store.get(c.image_id)
    name = c.config.get("Image", "")
    if img is None:
        return truncate_id(c.image_id) if trunc else c.image_id
    found = eng.images.find(name)
    if found is None or found.id != c.image_id:
        return truncate_id(c.image_id) if trunc else c.image_id
    return name


def volume_context(v, *, links: int = -1, size: int = -1) -> dict:
    """volumeContext of volume ``v``; ``links`` and ``size`` are -1 without UsageData
    (``volume ls``: "N/A"). Group, Availability and Status belong to cluster volumes."""
    return {
        "Name": v.name, "Driver": v.driver, "Scope": "local", "Mountpoint": v.path,
        "Labels": _joined_labels(v.labels),
        "Links": "N/A" if links == -1 else str(links),
        "Size": "N/A" if size == -1 else human_size(size),
        "Group": "N/A", "Availability": "N/A", "Status": "N/A",
        "Label": label_method(v.labels),
    }


def build_cache_context(r, *, trunc: bool, now: float) -> dict:
    """buildCacheContext of a cache record: BuildKit's "regular" kind (a step's result) or
    an ``exec.cachemount`` (a ``RUN --mount=type=cache`` folder), each with no parent and
    none in use."""
    shared = r.layer is not None and r.layer.refs > 1
    return {
        "ID": r.key[:12] if trunc else r.key, "Parent": "", "CacheType": r.kind,
        "Description": r.description,
        "Size": human_size_precision(r.size, 3),
        "CreatedAt": time_string(r.created),
        "CreatedSince": human_duration(now - r.created) + " ago",
        "LastUsedAt": time_string(r.last_used),
        "LastUsedSince": human_duration(now - r.last_used) + " ago", "UsageCount": str(r.usage),
        "InUse": "false", "Shared": "true" if shared else "false",
    }
