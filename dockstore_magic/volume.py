"""Volumes (moby daemon/volume): the ``local`` driver's folders under
/var/lib/docker/volumes/<name>/_data, their metadata, and how containers mount them — named
and anonymous volumes, bind mounts of host folders, tmpfs — with pre-population from the image.

``volumes/metadata.db`` is bbolt on a real host; here it holds the same records as JSON."""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field

from .clock import rfc3339
from .errors import NotFound, Conflict, InvalidParameter, DaemonError
from .fs import Mount, TreeFS, FSError
from .fs.tree import tmpfs_size
from .dockerhost import DOCKER_ROOT
from .mounts import (MountSpec, parse_mount_raw, parse_tmpfs, parse_volumes_from, spec_from_api,
                     validate, validate_tmpfs_destination, validate_volume_name)
from .daemon.system import VolumeUsage
from .daemon.filters import Args
from .daemon.volumes import ANON_LABEL, filter_volumes, prune_candidates
from .sizes import ram_in_bytes

#: the local driver's options (moby volume/local/local_unix.go validOpts, mandatoryOpts)
VALID_OPTS = ("type", "o", "device", "size")
MANDATORY_OPTS = {"device": ("type",), "type": ("device",), "o": ("device", "type")}
#: filesystems mount(8) reaches over the network (moby volume/local/local_unix.go handles the
#: "addr" option of nfs and cifs apart): a server this simulator does not have
REMOTE_FS_TYPES = ("nfs", "nfs4", "cifs", "smb3", "ceph", "glusterfs")

#: runc's answer when a mount's source and target are not both folders or both files (and
#: moby's hint appended to it: daemon/start.go translateContainerdStartErr)
NOT_A_DIRECTORY = ('failed to create task for container: failed to create shim task: OCI runtime '
                   'create failed: runc create failed: unable to start container process: error '
                   'during container init: error mounting "{src}" to rootfs at "{dst}": mount '
                   '{src}:{dst} (via /proc/self/fd/6), flags: {flags}: not a directory: unknown: '
                   'Are you trying to mount a directory onto a file (or vice-versa)? Check if the '
                   'specified host path exists and is the expected type')



@dataclass(eq=False)
class Volume:
    name: str
    created: float
    labels: dict | None = None     # None (JSON null) for a volume a container created
    options: dict | None = None
    driver: str = "local"
    refs: set = field(default_factory=set)      # container IDs
    tmpfs: TreeFS | None = None                 # type=tmpfs: what is mounted on _data while in use

    @property
    def mount_type(self) -> str:
        return (self.options or {}).get("type", "")

    @property
    def anonymous(self) -> bool:
        return ANON_LABEL in (self.labels or {})

    @property
    def path(self) -> str:
        return f"{DOCKER_ROOT}/volumes/{self.name}/_data"


@dataclass(eq=False)
class MountPoint:
    type: str                 # volume | bind | tmpfs
    destination: str
    source: str = ""          # host path (volume: its _data folder)
    name: str = ""
    rw: bool = True
    mode: str = ""
    propagation: str = ""
    copy_data: bool = True
    spec: MountSpec | None = None
    tmpfs: TreeFS | None = None
    resolved: tuple | None = None   # (filesystem, parts) the mount shows, set at start
    fstype: str = ""                # what a volume with driver options mounts (tmpfs, ext4)
    fsopts: str = ""
    fsdev: str = ""

    @property
    def subpath(self) -> str:
        return self.spec.subpath if self.spec is not None else ""

    @property
    def at(self) -> str:
        """Where in the container's root the mount is made: the destination, which a ``-v
        NAME`` without a colon leaves relative (an anonymous volume at ``/NAME``: the daemon
        keeps the config volume's path as given, runc joins it to the root)."""
        d = self.destination
        return d if d.startswith("/") else posixpath.normpath("/" + d)

    def inspect(self) -> dict:
        d = {"Type": self.type}
        if self.type == "volume":
            d["Name"] = self.name
        d["Source"] = self.source
        d["Destination"] = self.destination
        if self.type == "volume":
            d["Driver"] = "local"
        d["Mode"] = self.mode
        d["RW"] = self.rw
        d["Propagation"] = self.propagation
        return d

    def config_v2(self) -> dict:
        spec = {"Type": self.type, "Target": self.destination}
        if self.spec and self.spec.source:
            spec["Source"] = self.spec.source
        if not self.rw:
            spec["ReadOnly"] = True
        return {"Source": self.source if self.type == "bind" else "", "Destination": self.destination,
                "RW": self.rw, "Name": self.name, "Driver": "local" if self.type == "volume" else "",
                "Type": self.type, "Relabel": self.mode if self.mode in ("z", "Z") else "",
                "Propagation": self.propagation, "Spec": spec, "SkipMountpointCreation": False}

    def namespace_mount(self, engine) -> Mount:
        if self.type == "tmpfs":
            if self.tmpfs is None:
                mode = self.spec.tmpfs_mode if self.spec else 0o1777
                self.tmpfs = TreeFS.mounted(engine.clock.now, engine.clock.peek(), mode,
                                            capacity=(self.spec.tmpfs_size or None) if self.spec else None)
            return Mount(self.at, self.tmpfs, readonly=not self.rw, kind="tmpfs")
        # A bind mount sees the host's namespace (the notebook's real folder included); a
        # volume's _data is always in the host's own tree.
        if self.resolved is not None:
            fs, parts = self.resolved
        else:
            fs = engine.host.fs if self.type == "bind" else engine.host.tree
            parts = fs.resolve(self.source)
        return Mount(self.at, fs, readonly=not self.rw, kind=self.type, source=parts)

    def proc_line(self) -> tuple[str, str, str, str]:
        opts = ("ro" if not self.rw else "rw") + ",relatime"
        if self.fstype == "tmpfs":
            return ("tmpfs", self.at, "tmpfs", opts + (f",{self.fsopts}" if self.fsopts else ""))
        if self.fstype:
            return (self.fsdev, self.at, self.fstype, opts)
        if self.type == "tmpfs":
            opts = opts.replace(",relatime", ",nosuid,nodev,noexec,relatime")
            if self.spec is not None and self.spec.tmpfs_size:
                opts += f",size={self.spec.tmpfs_size // 1024}k"
            if self.spec is not None and self.spec.tmpfs_mode != 0o1777:
                opts += f",mode={self.spec.tmpfs_mode:o}"
            return ("tmpfs", self.at, "tmpfs", opts)
        return ("/dev/vda1", self.at, "ext4", opts)

    def df_row(self, total: int, used: int):
        if self.type == "tmpfs":
            size = self.spec.tmpfs_size if self.spec and self.spec.tmpfs_size else 12 * 1024 ** 3
            u = self.tmpfs.pages_in_use() if self.tmpfs else 0
            return ("tmpfs", size, u, size - u, self.at)
        if self.fstype == "tmpfs" and self.resolved is not None:     # a volume of type tmpfs
            fs = self.resolved[0]
            size = getattr(fs, "capacity", None) or 12 * 1024 ** 3
            u = fs.pages_in_use()
            return ("tmpfs", size, u, size - u, self.at)
        return ("/dev/vda1", total, used, total - used, self.at)


@dataclass
class MountPlan:
    specs: list                 # MountSpec for binds, named/anonymous volumes, tmpfs
    image_volumes: list         # destinations declared by VOLUME (or -v /path) left anonymous
    inherited: list = field(default_factory=list)   # MountPoints of --volumes-from


def _size_bytes(val: str) -> int | None:
    """A tmpfs ``size=`` value in bytes, whole pages as the kernel takes it (None: no size)."""
    try:
        return tmpfs_size(ram_in_bytes(val))
    except ValueError:
        return None


def _tmpfs_size(o: str) -> int | None:
    """The ``size=`` of a tmpfs's options in bytes (None: none given, or 0: no limit)."""
    for item in o.split(","):
        k, _, val = item.partition("=")
        if k == "size":
            return _size_bytes(val) or None
    return None


def _tmpfs_root(o: str) -> tuple[int, int, int]:
    """The root folder of a new tmpfs: ``mode=`` (octal, default 1777), ``uid=``, ``gid=`` of
    its mount options (Linux mm/shmem.c shmem_parse_one), as ``--opt o=size=100m,uid=1000``
    of the local driver passes them to mount(2)."""
    mode, uid, gid = 0o1777, 0, 0
    for item in o.split(","):
        k, _, val = item.partition("=")
        try:
            if k == "mode":
                mode = int(val, 8) & 0o7777
            elif k == "uid":
                uid = int(val)
            elif k == "gid":
                gid = int(val)
        except ValueError:
            pass
    return mode, uid, gid


def _tmpfs_opts(o: str) -> str:
    """A tmpfs's options as /proc/mounts shows them (``size=1m`` → ``size=1024k``)."""
    out = []
    for item in [x for x in o.split(",") if x]:
        k, _, val = item.partition("=")
        n = _size_bytes(val) if k == "size" else None
        out.append(f"size={n // 1024}k" if n is not None else item)
    return ",".join(out)


def _sorted(m: dict | None) -> dict | None:
    return None if m is None else dict(sorted(m.items()))


def _validate_opts(name: str, opts: dict) -> None:
    """local_unix.go validateOpts, in its order."""
    for key in opts:
        if key not in VALID_OPTS:
            raise InvalidParameter(f'create {name}: invalid option: "{key}"')
    if "size" in opts:
        try:
            size = ram_in_bytes(opts["size"])
        except ValueError as e:
            raise InvalidParameter(f"create {name}: {e}") from None
        if size > 0:        # the simulated host's filesystem has no project quotas
            raise InvalidParameter(f"create {name}: quota size requested but no quota support")
    for key, required in MANDATORY_OPTS.items():
        if key in opts:
            for r in required:
                if r not in opts:
                    raise InvalidParameter(f'create {name}: missing required option: "{r}"')


class VolumeService:
    def __init__(self, engine):
        self.engine = engine
        self.host = engine.host
        self.volumes: dict[str, Volume] = {}
        self.root = f"{DOCKER_ROOT}/volumes"
        self.host.tree.mkdir(self.root, mode=0o701, exist_ok=True, parents=True)
        self._save()
        from . import blockdev
        blockdev.devices(self.host.fs).mount = self.host.mount   # `mount -t ext4` on the host

    # ------------------------------------------------------------ the store
    def _save(self) -> None:
        db = {"volumes": {v.name: {"Name": v.name, "Driver": v.driver, "Labels": v.labels or None,
                                   "Options": v.options or None}
                          for v in sorted(self.volumes.values(), key=lambda v: v.name)}}
        self.host.tree.mkdir(self.root, mode=0o701, parents=True, exist_ok=True)
        self.host.tree.write(f"{self.root}/metadata.db", json.dumps(db, indent=1).encode(), mode=0o600)

    def create(self, name: str = "", labels: dict | None = None, options: dict | None = None,
               driver: str = "local") -> Volume:
        if driver != "local":
            raise NotFound(f"create {name}: error looking up volume plugin {driver}: plugin \"{driver}\" not found")
        if name:
            existing = self.volumes.get(name)
            if existing is not None:
                return existing
            validate_volume_name(name)
        labels = dict(labels) if labels is not None else None
        if not name:
            name = self.engine.ids.hex64()
            labels = {**(labels or {}), ANON_LABEL: labels.get(ANON_LABEL, "") if labels else ""}
        _validate_opts(name, options or {})
        v = Volume(name, self.engine.clock.now(), labels, dict(options) if options is not None else None)
        t = self.host.tree
        t.mkdir(f"{self.root}/{name}", mode=0o701)
        t.mkdir(v.path, mode=0o755)
        if options:
            t.write(f"{self.root}/{name}/opts.json", json.dumps({"MountType": options.get("type", ""),
                    "MountOpts": options.get("o", ""), "MountDevice": options.get("device", ""),
                    "Quota": {"Size": 0}}, separators=(",", ":")).encode(), mode=0o600)
        self.volumes[name] = v
        self._save()
        return v

    def get(self, name: str) -> Volume:
        v = self.volumes.get(name)
        if v is None:
            raise NotFound(f"get {name}: no such volume")
        return v

    def remove(self, name: str, force: bool = False) -> None:
        v = self.volumes.get(name)
        if v is None:
            if force:
                return
            raise NotFound(f"get {name}: no such volume")
        if v.refs:
            raise Conflict(f"remove {name}: volume is in use - [{', '.join(sorted(v.refs))}]")
        self.host.tree.remove_tree(f"{self.root}/{name}")
        del self.volumes[name]
        self._save()

    def size(self, v: Volume) -> int:
        try:
            return self.host.tree.size_of(v.path)
        except FSError:
            return 0

    def list(self, filters=None) -> list[Volume]:
        """``GET /volumes``: every volume, or those the filters (filters.Args) select
        (daemon/volumes.py)."""
        vols = sorted(self.volumes.values(), key=lambda v: v.name)
        return filter_volumes(vols, filters) if filters else vols

    def inspect(self, name: str) -> dict:
        v = self.get(name)
        # Labels and Options are Go maps: encoding/json writes their keys sorted
        return {"CreatedAt": rfc3339(v.created, nanos=False), "Driver": v.driver,
                "Labels": _sorted(v.labels), "Mountpoint": v.path, "Name": v.name,
                "Options": _sorted(v.options), "Scope": "local"}

    def prune(self, filters=None) -> tuple[list[str], int]:
        """``POST /volumes/prune`` (daemon/volumes.py prune_candidates): anonymous unused
        volumes, or every unused one with the ``all=true`` filter."""
        gone, space = [], 0
        for v in prune_candidates(self.list(), filters or Args()):
            space += self.size(v)
            self.remove(v.name)
            gone.append(v.name)
        return gone, space

    def usage(self) -> list[VolumeUsage]:
        return [VolumeUsage(v.name, len(v.refs), self.size(v), v) for v in self.list()]

    # ------------------------------------------------------------ containers' mounts
    def validate_api_mounts(self, host_config: dict) -> list[MountSpec]:
        """``HostConfig.Mounts`` (``--mount``) checked as moby daemon/container.go
        validateHostConfig does, before anything else of the container: a bad ``--mount`` is
        reported before a missing command (seen on the engine here)."""
        specs = []
        for m in host_config.get("Mounts") or []:
            spec = spec_from_api(m)
            validate(spec, check_bind_source=lambda p: self.host.fs.exists(p))
            if spec.type == "image":
                raise DaemonError("dockstore-magic: image mounts (--mount type=image) are not "
                                  "simulated: they need the containerd image store")
            specs.append(spec)
        return specs

    def plan(self, config: dict, host_config: dict, image) -> MountPlan:
        """Parse and validate every mount of a new container (moby daemon/volumes.go
        registerMountPoints: volumes from other containers, then Binds, then Mounts, which
        override what they inherit; then Tmpfs, and the image's VOLUMEs left anonymous).
        Nothing is created yet."""
        inherited: dict[str, MountPoint] = {}
        for item in host_config.get("VolumesFrom") or []:
            ident, mode = parse_volumes_from(item)
            src = self.engine.container_store.get(ident)
            for mp in self.mount_points(src):
                inherited[mp.destination] = MountPoint(
                    mp.type, mp.destination, mp.source, mp.name,
                    rw=mp.rw and "ro" not in mode.split(","), mode="", propagation=mp.propagation,
                    copy_data=False, spec=mp.spec, tmpfs=None)
        specs: list[MountSpec] = []
        # (moby verifyContainerSettings checks Mounts, then Tmpfs's folders, before
        # registerMountPoints parses Binds)
        api_specs = self.validate_api_mounts(host_config)
        tmpfs_specs = []
        for target, opts in (host_config.get("Tmpfs") or {}).items():
            validate_tmpfs_destination(target)
            s = parse_tmpfs(f"{target}:{opts}" if opts else target)
            validate(s)
            tmpfs_specs.append(s)
        for raw in host_config.get("Binds") or []:
            spec = parse_mount_raw(raw)
            if spec.type == "volume":     # --volume-driver: the driver of -v volumes
                spec.driver = host_config.get("VolumeDriver") or ""
            specs.append(spec)
        specs.extend(api_specs)
        specs.extend(tmpfs_specs)
        seen = set()
        for s in specs:
            dest = s.target.rstrip("/") or "/"
            if dest in seen:
                raise InvalidParameter(f"Duplicate mount point: {dest}")
            seen.add(dest)
            inherited.pop(dest, None)
        for s in specs:
            if s.type == "volume" and s.source:
                if s.source not in self.volumes:
                    validate_volume_name(s.source)
        seen |= set(inherited)
        image_vols = []
        for dest in list((config.get("Volumes") or {}).keys()):
            d = dest.rstrip("/") or "/"
            if d not in seen:
                image_vols.append(d)
                seen.add(d)
        return MountPlan(specs, image_vols, list(inherited.values()))

    def apply(self, c, plan: MountPlan) -> None:
        """Create the volumes, record the mount points, and pre-populate empty volumes from the
        image (moby populateVolumes, at create time)."""
        eng = self.engine
        mps: list[MountPoint] = []
        created: list[Volume] = []
        rootfs = eng.layer_store.mount(c.rw)
        try:
            for dest in plan.image_volumes:
                if rootfs.exists(dest) and not rootfs.isdir(dest):
                    merged = eng.driver.metadata(c.rw.mount_id).get("MergedDir", "")
                    raise InvalidParameter(f"cannot mount volume over existing file, file exists {merged}{dest}")
            for s in plan.specs:
                if s.type == "bind":
                    mps.append(MountPoint("bind", s.target.rstrip("/") or "/", s.source.rstrip("/") or "/",
                                          rw=not s.readonly, mode=s.mode,
                                          propagation=s.propagation or "rprivate", copy_data=False, spec=s))
                elif s.type == "tmpfs":
                    mps.append(MountPoint("tmpfs", s.target, rw=not s.readonly, copy_data=False, spec=s))
                else:
                    new = not s.source or s.source not in self.volumes
                    v = self.create(s.source, labels=s.labels or None,
                                    options=s.driver_opts if new else None, driver=s.driver or "local")
                    if new:
                        created.append(v)
                    # moby setBindModeIfNull: a -v volume of the local driver without a mode
                    # gets "z" (docker inspect shows "Mode": "z")
                    mode = s.mode or ("z" if s.from_flag in ("-v", "--mount") and s.source else "")
                    mps.append(MountPoint("volume", s.target.rstrip("/") or "/", v.path, v.name,
                                          rw=not s.readonly, mode=mode,
                                          copy_data=not s.nocopy, spec=s))
            for mp in plan.inherited:
                mps.append(mp)
            for dest in plan.image_volumes:
                v = self.create("")
                created.append(v)
                mps.append(MountPoint("volume", dest, v.path, v.name, rw=True, mode="", copy_data=True,
                                      spec=MountSpec(type="volume", target=dest, from_flag="image")))
            for mp in mps:
                if mp.type == "volume":
                    self.volumes[mp.name].refs.add(c.id)
                    if mp.copy_data and not mp.subpath:
                        self._populate(rootfs, mp, c)
        except Exception:
            for v in created:           # moby keeps the named volumes it created
                v.refs.discard(c.id)
                if v.anonymous and not v.refs and v.name in self.volumes:
                    self.remove(v.name)
            for mp in mps:
                if mp.type == "volume" and mp.name in self.volumes:
                    self.volumes[mp.name].refs.discard(c.id)
            raise
        finally:
            eng.layer_store.unmount(c.rw)
        c.mounts = sorted(mps, key=lambda m: m.destination)
        c.mount_points = {m.destination: m.config_v2() for m in c.mounts}
        self._save()

    def _populate(self, rootfs, mp: MountPoint, c) -> None:
        t = self.host.tree
        if rootfs.exists(mp.at) and not rootfs.isdir(mp.at):
            # moby copyExistingContents
            merged = self.engine.driver.metadata(c.rw.mount_id).get("MergedDir", "")
            raise InvalidParameter(f"source {merged}{mp.at} is not directory")
        # moby populates a volume mounted for the copy: a type=tmpfs one is unmounted (and
        # emptied) right after, a bind of ``device`` receives the files
        v = self.volumes[mp.name]
        target = mp.source
        if v.options:
            target = v.options.get("device", "") if "bind" in v.options.get("o", "").split(",") else ""
            if not target or not t.isdir(target):
                return
        if t.listdir(target):
            return                               # a volume with data is never overwritten
        if not rootfs.isdir(mp.at):
            return
        vol = t.subtree(target)
        for name in rootfs.listdir(mp.at):
            vol.copy_from(rootfs, f"{mp.at.rstrip('/')}/{name}", "/" + name, follow_top=False)
        st = rootfs.stat(mp.at)
        vol.chown("/", st.uid, st.gid)
        vol.chmod("/", st.perm)

    def mount_points(self, c) -> list[MountPoint]:
        return list(getattr(c, "mounts", []))

    def prepare_start(self, c, rootfs) -> None:
        """At start (moby MountPoint.Setup, then runc): host folders of ``-v`` binds are
        created, volumes with driver options are mounted (tmpfs, a bind of ``device``), a
        ``volume-subpath`` is looked up, and every mount point is made in the container's own
        layer (``docker diff`` then shows ``A /data``) — or the start fails, as runc fails,
        when a folder would be mounted on a file or a file on a folder."""
        for mp in self.mount_points(c):
            if mp.type == "bind" and mp.spec is not None and mp.spec.from_flag == "-v" \
                    and not self.host.fs.exists(mp.source):
                self.host.fs.mkdir(mp.source, mode=0o755, parents=True)
            is_file = False
            if mp.type != "tmpfs":
                fs, parts = self._source(mp)
                mp.resolved = (fs, parts)
                src_st = fs._lstat(parts)
                is_file = src_st is not None and not src_st.is_dir
            if not rootfs.exists(mp.at):
                parent = mp.at.rsplit("/", 1)[0] or "/"
                if not rootfs.exists(parent):
                    rootfs.mkdir(parent, parents=True)
                if is_file:
                    rootfs.write(mp.at, b"", mode=0o755)
                else:
                    rootfs.mkdir(mp.at, mode=0o755)
            elif rootfs.isdir(mp.at) == is_file:
                shown = mp.source if not mp.subpath else f"{mp.source}/{mp.subpath}"
                raise DaemonError(NOT_A_DIRECTORY.format(
                    src=shown, dst=mp.destination, flags="0x5001" if not mp.rw else "0x5000"))

    def _source(self, mp: MountPoint) -> tuple:
        """What a mount point shows: (filesystem, canonical parts), after mounting a volume
        that has driver options (local_unix.go mount) and joining its subpath (moby
        internal/safepath: a missing path is refused)."""
        # a bind mount's source is on the host's namespace (the notebook's real folder
        # included); a volume's _data is in the host's own tree
        fs, base = (self.host.fs if mp.type == "bind" else self.host.tree), mp.source
        v = self.volumes.get(mp.name) if mp.type == "volume" else None
        if v is not None and v.options:
            kind, device, o = v.mount_type, v.options.get("device", ""), v.options.get("o", "")
            if kind == "tmpfs":
                mp.fstype, mp.fsopts = "tmpfs", _tmpfs_opts(o)
                if v.tmpfs is None:
                    clock = self.engine.clock
                    mode, uid, gid = _tmpfs_root(o)
                    v.tmpfs = TreeFS.mounted(clock.now, clock.peek(), mode, capacity=_tmpfs_size(o))
                    v.tmpfs.chown("/", uid, gid)
                fs, base = v.tmpfs, "/"
            elif kind in REMOTE_FS_TYPES:
                # the documentation's NFS and CIFS/Samba volumes need a file server
                raise DaemonError(f"dockstore-magic: mounting a local volume of type {kind!r} "
                                  f"from {device} (a network file server) is not simulated")
            elif "bind" in o.split(","):
                if not self.host.fs.exists(device):
                    raise DaemonError(f"error while mounting volume '{v.path}': failed to mount local "
                                      f"volume: mount {device}:{v.path}, flags: 0x1000: no such file or directory")
                fs, base = self.host.fs, device       # the device folder: anywhere on the host

            elif not self.host.fs.exists(device):
                raise DaemonError(f"error while mounting volume '{v.path}': failed to mount local "
                                  f"volume: mount {device}:{v.path}: no such file or directory")
            else:
                from . import blockdev
                found = blockdev.filesystem(self.host.fs, device)
                if found is None and blockdev.unattached_loop(self.host.fs, device):
                    # the documentation's /dev/loop5 typed before losetup attached a file
                    raise DaemonError(f"error while mounting volume '{v.path}': failed to mount local "
                                      f"volume: mount {device}:{v.path}: input/output error")
                if found is None or found[0] != kind:      # mount(2): EINVAL
                    raise DaemonError(f"error while mounting volume '{v.path}': failed to mount local "
                                      f"volume: mount {device}:{v.path}: invalid argument")
                mp.fstype, mp.fsopts, mp.fsdev = kind, "", device
                fs, base = found[1], "/"
        if mp.subpath:
            joined = base.rstrip("/") + "/" + mp.subpath
            try:
                parts = fs.resolve(joined)
            except FSError:
                parts = None
            if parts is None or fs._lstat(parts) is None:
                raise DaemonError(f"cannot access path {mp.source.rstrip('/')}/{mp.subpath}: "
                                  "no such file or directory")
            return fs, parts
        return fs, fs.resolve(base)

    def inspect_mounts(self, c) -> list[dict]:
        # --tmpfs mounts are not mount points (HostConfig.Tmpfs); --mount type=tmpfs ones are.
        return [mp.inspect() for mp in self.mount_points(c)
                if mp.type != "tmpfs" or (mp.spec is not None and mp.spec.from_flag == "--mount")]

    def release_tmpfs(self, c) -> None:
        """The container stopped: its tmpfs mounts are gone, and so is what a ``type=tmpfs``
        volume held once no running container has it mounted."""
        running = [o for o in self.engine.container_store if o is not c and o.state.running]
        for mp in self.mount_points(c):
            mp.resolved = None
            if mp.type == "tmpfs":
                mp.tmpfs = None
            v = self.volumes.get(mp.name) if mp.type == "volume" else None
            if v is not None and v.tmpfs is not None and \
                    not any(v.name in self.of_container(o) for o in running):
                v.tmpfs = None

    def detach(self, c, remove_anonymous: bool) -> None:
        for mp in self.mount_points(c):
            if mp.type != "volume":
                continue
            v = self.volumes.get(mp.name)
            if v is None:
                continue
            v.refs.discard(c.id)
            if remove_anonymous and (mp.spec is None or not mp.spec.source) and not v.refs:
                self.remove(v.name)
        self._save()

    def of_container(self, c) -> list[str]:
        return [mp.name for mp in self.mount_points(c) if mp.type == "volume"]
