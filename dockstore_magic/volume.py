"""Volumes (moby daemon/volume): the ``local`` driver's folders under
/var/lib/docker/volumes/<name>/_data, their metadata, and how containers mount them — named
and anonymous volumes, bind mounts of host folders, tmpfs — with pre-population from the image.

``volumes/metadata.db`` is bbolt on a real host; here it holds the same records as JSON."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .clock import rfc3339
from .errors import NotFound, Conflict, InvalidParameter
from .fs import Mount, TreeFS, FSError
from .fs.tree import pages_used
from .dockerhost import DOCKER_ROOT
from .mounts import MountSpec, parse_mount_raw, validate, validate_volume_name
from .daemon.system import VolumeUsage

ANON_LABEL = "com.docker.volume.anonymous"


@dataclass(eq=False)
class Volume:
    name: str
    created: float
    labels: dict | None = None     # None (JSON null) for a volume a container created
    options: dict | None = None
    driver: str = "local"
    refs: set = field(default_factory=set)      # container IDs

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
                self.tmpfs = TreeFS(clock=engine.clock.now)
                mode = self.spec.tmpfs_mode if self.spec else 0o1777
                self.tmpfs.root.mode = (self.tmpfs.root.mode & ~0o7777) | mode
            return Mount(self.destination, self.tmpfs, readonly=not self.rw, kind="tmpfs")
        # A bind mount sees the host's namespace (the notebook's real folder included); a
        # volume's _data is always in the host's own tree.
        fs = engine.host.fs if self.type == "bind" else engine.host.tree
        return Mount(self.destination, fs, readonly=not self.rw, kind=self.type,
                     source=fs.resolve(self.source))

    def proc_line(self) -> tuple[str, str, str, str]:
        opts = ("ro" if not self.rw else "rw") + ",relatime"
        if self.type == "tmpfs":
            return ("tmpfs", self.destination, "tmpfs", opts.replace(",relatime", ",nosuid,nodev,noexec,relatime"))
        return ("/dev/vda1", self.destination, "ext4", opts)

    def df_row(self, total: int, used: int):
        if self.type == "tmpfs":
            size = self.spec.tmpfs_size if self.spec and self.spec.tmpfs_size else 12 * 1024 ** 3
            u = pages_used(self.tmpfs.root) if self.tmpfs else 0
            return ("tmpfs", size, u, size - u, self.destination)
        return ("/dev/vda1", total, used, total - used, self.destination)


@dataclass
class MountPlan:
    specs: list                 # MountSpec for binds, named/anonymous volumes, tmpfs
    image_volumes: list         # destinations declared by VOLUME (or -v /path) left anonymous


class VolumeService:
    def __init__(self, engine):
        self.engine = engine
        self.host = engine.host
        self.volumes: dict[str, Volume] = {}
        self.root = f"{DOCKER_ROOT}/volumes"
        self.host.tree.mkdir(self.root, mode=0o701, exist_ok=True, parents=True)
        self._save()

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
        for key in (options or {}):
            if key not in ("type", "device", "o", "size"):
                raise InvalidParameter(f"create {name}: invalid option key: \"{key}\"")
        v = Volume(name, self.engine.clock.now(), labels, dict(options) if options is not None else None)
        t = self.host.tree
        t.mkdir(f"{self.root}/{name}", mode=0o701)
        t.mkdir(v.path, mode=0o755)
        if options:
            t.write(f"{self.root}/{name}/opts.json", json.dumps({"MountType": options.get("type", ""),
                    "MountOpts": options.get("o", ""), "MountDevice": options.get("device", ""),
                    "Quota": {"Size": 0}}).encode(), mode=0o600)
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

    def list(self) -> list[Volume]:
        return sorted(self.volumes.values(), key=lambda v: v.name)

    def inspect(self, name: str) -> dict:
        v = self.get(name)
        return {"CreatedAt": rfc3339(v.created, nanos=False), "Driver": v.driver,
                "Labels": v.labels, "Mountpoint": v.path, "Name": v.name,
                "Options": v.options, "Scope": "local"}

    def prune(self, all: bool = False) -> tuple[list[str], int]:
        gone, space = [], 0
        for v in self.list():
            if v.refs or (not all and not v.anonymous):
                continue
            space += self.size(v)
            self.remove(v.name)
            gone.append(v.name)
        return gone, space

    def usage(self) -> list[VolumeUsage]:
        return [VolumeUsage(v.name, len(v.refs), self.size(v)) for v in self.list()]

    # ------------------------------------------------------------ containers' mounts
    def plan(self, config: dict, host_config: dict, image, mounts: list) -> MountPlan:
        """Parse and validate every mount of a new container; nothing is created yet."""
        specs: list[MountSpec] = []
        for raw in host_config.get("Binds") or []:
            specs.append(parse_mount_raw(raw))
        for m in mounts:
            validate(m, check_bind_source=lambda p: self.host.fs.exists(p))
            specs.append(m)
        for target, opts in (host_config.get("Tmpfs") or {}).items():
            from .mounts import parse_tmpfs
            s = parse_tmpfs(f"{target}:{opts}" if opts else target)
            validate(s)
            specs.append(s)
        seen = set()
        for s in specs:
            dest = s.target.rstrip("/") or "/"
            if dest in seen:
                raise InvalidParameter(f"Duplicate mount point: {dest}")
            seen.add(dest)
        for s in specs:
            if s.type == "volume" and s.source:
                if s.source not in self.volumes:
                    validate_volume_name(s.source)
        image_vols = []
        for dest in list((config.get("Volumes") or {}).keys()):
            d = dest.rstrip("/") or "/"
            if d not in seen:
                image_vols.append(d)
                seen.add(d)
        return MountPlan(specs, image_vols)

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
                    new = s.source not in self.volumes
                    v = self.create(s.source, labels=s.labels or None)
                    if new:
                        created.append(v)
                    # moby setBindModeIfNull: a -v volume of the local driver without a mode
                    # gets "z" (docker inspect shows "Mode": "z")
                    mode = s.mode or ("z" if s.from_flag in ("-v", "--mount") and s.source else "")
                    mps.append(MountPoint("volume", s.target.rstrip("/") or "/", v.path, v.name,
                                          rw=not s.readonly, mode=mode,
                                          copy_data=not s.nocopy, spec=s))
            for dest in plan.image_volumes:
                v = self.create("")
                created.append(v)
                mps.append(MountPoint("volume", dest, v.path, v.name, rw=True, mode="", copy_data=True,
                                      spec=MountSpec(type="volume", target=dest, from_flag="image")))
            for mp in mps:
                if mp.type == "volume":
                    self.volumes[mp.name].refs.add(c.id)
                    if mp.copy_data:
                        self._populate(rootfs, mp)
        except Exception:
            for v in created:
                v.refs.discard(c.id)
                if not v.refs and v.name in self.volumes:
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

    def _populate(self, rootfs, mp: MountPoint) -> None:
        t = self.host.tree
        if t.listdir(mp.source):
            return                               # a volume with data is never overwritten
        if not rootfs.isdir(mp.destination):
            return
        vol = t.subtree(mp.source)
        for name in rootfs.listdir(mp.destination):
            vol.copy_from(rootfs, f"{mp.destination.rstrip('/')}/{name}", "/" + name, follow_top=False)
        st = rootfs.stat(mp.destination)
        vol.chown("/", st.uid, st.gid)
        vol.chmod("/", st.perm)

    def mount_points(self, c) -> list[MountPoint]:
        return list(getattr(c, "mounts", []))

    def prepare_start(self, c, rootfs) -> None:
        """At start: host folders of ``-v`` binds are created, and every mount point is made in
        the container's own layer (``docker diff`` then shows ``A /data``)."""
        t = self.host.tree
        for mp in self.mount_points(c):
            if mp.type == "bind" and mp.spec is not None and mp.spec.from_flag == "-v" \
                    and not self.host.fs.exists(mp.source):
                self.host.fs.mkdir(mp.source, mode=0o755, parents=True)
            is_file = mp.type == "bind" and self.host.fs.isfile(mp.source)
            if not rootfs.exists(mp.destination):
                parent = mp.destination.rsplit("/", 1)[0] or "/"
                if not rootfs.exists(parent):
                    rootfs.mkdir(parent, parents=True)
                if is_file:
                    rootfs.write(mp.destination, b"", mode=0o755)
                else:
                    rootfs.mkdir(mp.destination, mode=0o755)

    def inspect_mounts(self, c) -> list[dict]:
        # --tmpfs mounts are not mount points (HostConfig.Tmpfs); --mount type=tmpfs ones are.
        return [mp.inspect() for mp in self.mount_points(c)
                if mp.type != "tmpfs" or (mp.spec is not None and mp.spec.from_flag == "--mount")]

    def release_tmpfs(self, c) -> None:
        for mp in self.mount_points(c):
            if mp.type == "tmpfs":
                mp.tmpfs = None

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
