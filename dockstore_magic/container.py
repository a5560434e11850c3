"""Containers: their state, their configuration files under /var/lib/docker/containers/<id>/
and the store that names and finds them."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from .clock import rfc3339
from .errors import Conflict, NotFound, InvalidParameter
from .dockerhost import DockerHost, DOCKER_ROOT
from .layer import RWLayer

NAME_RE = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")
ZERO_TIME = "0001-01-01T00:00:00Z"

# Random names in Docker's "adjective_surname" style (our own word lists).
_LEFT = ["admiring", "brave", "busy", "calm", "clever", "cool", "curious", "dazzling",
         "eager", "elegant", "epic", "festive", "focused", "friendly", "gallant", "gifted",
         "happy", "hopeful", "jolly", "keen", "kind", "lucid", "modest", "nifty", "optimistic",
         "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "sweet", "tender",
         "trusting", "upbeat", "vibrant", "wizardly", "youthful", "zealous", "zen"]
_RIGHT = ["archimedes", "babbage", "bohr", "curie", "darwin", "dijkstra", "einstein", "euclid",
          "fermat", "feynman", "galileo", "goodall", "hamilton", "hopper", "hypatia", "johnson",
          "kepler", "knuth", "lamarr", "lovelace", "meitner", "newton", "noether", "pasteur",
          "ritchie", "shannon", "tesla", "thompson", "torvalds", "turing", "wozniak", "yalow"]


@dataclass
class State:
    status: str = "created"        # created | running | restarting | exited | removing | dead
    pid: int = 0
    exit_code: int = 0
    error: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    oom_killed: bool = False

    @property
    def running(self) -> bool:
        """moby State.IsRunning: true too while a restart policy's delay runs (restarting)."""
        return self.status in ("running", "restarting")

    @property
    def restarting(self) -> bool:
        return self.status == "restarting"

    def to_json(self) -> dict:
        return {
            "Status": self.status,
            "Running": self.running,
            "Paused": False,
            "Restarting": self.restarting,
            "OOMKilled": self.oom_killed,
            "Dead": self.status == "dead",
            "Pid": self.pid,
            "ExitCode": self.exit_code,
            "Error": self.error,
            "StartedAt": rfc3339(self.started_at) if self.started_at else ZERO_TIME,
            "FinishedAt": rfc3339(self.finished_at) if self.finished_at else ZERO_TIME,
        }


@dataclass(eq=False)
class Container:
    id: str
    name: str                       # with the leading slash, as the API keeps it
    created: float
    image_id: str
    config: dict                    # Docker's container Config (Image, Cmd, Env, …)
    host_config: dict
    path: str
    args: list
    rw: RWLayer
    driver: str
    state: State = field(default_factory=State)
    log: list = field(default_factory=list)          # (time, stream, bytes)
    mount_points: dict = field(default_factory=dict)  # destination → MountPoint dict
    restart_count: int = 0
    has_been_started: bool = False
    has_been_manually_stopped: bool = False   # docker stop/kill (unless-stopped stays down)
    restart_manager: object = None   # daemon/restartmanager.RestartManager, made on first use
    process: object = None           # the running process (runtime object), if any
    health: object = None            # daemon/health.Health, from the first start with a check

    @property
    def short_id(self) -> str:
        return self.id[:12]

    @property
    def familiar_name(self) -> str:
        return self.name.lstrip("/")

    @property
    def dir(self) -> str:
        return f"{DOCKER_ROOT}/containers/{self.id}"


class ContainerStore:
    def __init__(self, host: DockerHost, ids):
        self.host, self.ids = host, ids
        self.containers: dict[str, Container] = {}
        self.by_name: dict[str, Container] = {}      # "/name" → container (moby's name index)
        self.root = f"{DOCKER_ROOT}/containers"

    def __iter__(self):
        return iter(sorted(self.containers.values(), key=lambda c: c.created, reverse=True))

    def generate_name(self) -> str:
        for attempt in range(10):
            name = f"/{self.ids.choice(_LEFT)}_{self.ids.choice(_RIGHT)}"
            if attempt:
                name += str(attempt)
            if name not in self.by_name:
                return name
        return "/" + self.ids.hex64()[:12]

    def reserve_name(self, name: str | None) -> str:
        if not name:
            return self.generate_name()
        if not NAME_RE.match(name):
            raise InvalidParameter(f'Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed')
        full = "/" + name.lstrip("/")
        c = self.by_name.get(full)
        if c is not None:
            raise Conflict(
                f'Conflict. The container name "{full}" is already in use by container '
                f'"{c.id}". You have to remove (or rename) that container to be able to reuse that name.')
        return full

    def add(self, c: Container) -> None:
        self.containers[c.id] = c
        self.by_name[c.name] = c

    def rename(self, c: Container, full_name: str) -> None:
        """The name index follows a rename (the new name reserved, the old one released)."""
        if self.by_name.get(c.name) is c:
            del self.by_name[c.name]
        c.name = full_name
        self.by_name[full_name] = c

    def remove(self, c: Container) -> None:
        self.containers.pop(c.id, None)
        if self.by_name.get(c.name) is c:
            del self.by_name[c.name]
        if self.host.tree.exists(c.dir):
            self.host.tree.remove_tree(c.dir)

    def get(self, ref: str) -> Container:
        """By full ID, by name, then by unique ID prefix — daemon/container/view.go order."""
        if not ref:
            raise NotFound("No such container: ")
        if ref in self.containers:
            return self.containers[ref]
        c = self.by_name.get("/" + ref.lstrip("/"))
        if c is not None:
            return c
        matches = [c for c in self.containers.values() if c.id.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise InvalidParameter(f"multiple IDs found with provided prefix: {ref}")
        raise NotFound(f"No such container: {ref}")

    def using_image(self, image_id: str) -> list[Container]:
        return [c for c in self if c.image_id == image_id]

    # ---------------------------------------------------------------- files on the host
    def write_files(self, c: Container, mount_fs_meta: dict) -> None:
        t = self.host.tree
        d = c.dir
        if not t.exists(d):
            # (parents: a container with the host's / bind-mounted may have deleted them)
            t.mkdir(d, mode=0o710, parents=True)
            t.mkdir(f"{d}/checkpoints", mode=0o700)
            # the root of the container's mounts is 0710 (moby setupContainerMountsRoot); a
            # shm folder is made in it for a "shareable" IPC mode only (daemon setupIPCDirs):
            # with the default, "private", runc mounts the container's /dev/shm itself
            t.mkdir(f"{d}/mounts", mode=0o710)
            if _shareable_ipc(c):
                t.mkdir(f"{d}/mounts/shm", mode=0o1777)
            t.write(f"{d}/hostname", (c.config.get("Hostname", c.short_id) + "\n").encode())
            t.write(f"{d}/hosts", HOSTS.encode())
            t.write(f"{d}/resolv.conf", RESOLV_CONF.encode())
            # libnetwork keeps the hash of what it wrote, to notice a user's edits
            t.write(f"{d}/resolv.conf.hash",
                    ("sha256:" + hashlib.sha256(RESOLV_CONF.encode()).hexdigest()).encode(), mode=0o644)
            t.write(f"{d}/{c.id}-json.log", b"", mode=0o640)
        t.write(f"{d}/config.v2.json", json.dumps(self.config_v2(c, mount_fs_meta),
                                                   separators=(",", ":")).encode(), mode=0o600)
        # 0644: moby container.WriteHostConfig (config.v2.json is 0600: container.toDisk)
        t.write(f"{d}/hostconfig.json", json.dumps(c.host_config, separators=(",", ":")).encode(),
                mode=0o644)

    def append_log(self, c: Container, stream: str, data: bytes, when: float) -> None:
        """Docker's json-file log driver: one JSON object per line of output."""
        if not data:
            return
        c.log.append((when, stream, data))
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
            ends = True
        else:
            ends = False
        out = []
        for i, line in enumerate(lines):
            text = line.decode("utf-8", "replace") + ("\n" if (i < len(lines) - 1 or ends) else "")
            out.append(json.dumps({"log": text, "stream": stream, "time": rfc3339(when)},
                                  separators=(",", ":")) + "\n")
        path = f"{c.dir}/{c.id}-json.log"
        if self.host.tree.exists(path):
            self.host.tree.write(path, "".join(out).encode(), append=True)

    def config_v2(self, c: Container, meta: dict) -> dict:
        d = c.dir
        return {
            "StreamConfig": {},
            "State": {**c.state.to_json(), "RemovalInProgress": False,
                      "Health": c.health.to_json() if c.health is not None else None},
            "ID": c.id,
            "Created": rfc3339(c.created),
            "Managed": False,
            "Path": c.path,
            "Args": c.args,
            "Config": c.config,
            "Image": c.image_id,
            "ImageManifest": None,
            "NetworkSettings": network_settings(c),
            "LogPath": f"{d}/{c.id}-json.log",
            "Name": c.name,
            "Driver": c.driver,
            "OS": "linux",
            "RestartCount": c.restart_count,
            "HasBeenStartedBefore": c.has_been_started,
            "HasBeenManuallyStopped": c.has_been_manually_stopped,
            "MountPoints": c.mount_points,
            "SecretReferences": None,
            "ConfigReferences": None,
            "MountLabel": "",
            "ProcessLabel": "",
            "AppArmorProfile": "",
            "SeccompProfile": "",
            "NoNewPrivileges": False,
            "HostnamePath": f"{d}/hostname",
            "HostsPath": f"{d}/hosts",
            "ShmPath": f"{d}/mounts/shm" if _shareable_ipc(c) else "",
            "ResolvConfPath": f"{d}/resolv.conf",
            "LocalLogCacheMeta": {"HaveNotifyEnabled": False},
        }


def network_settings(c: Container) -> dict:
    mode = c.host_config.get("NetworkMode", "none")
    return {
        "Bridge": "", "SandboxID": "", "SandboxKey": "", "HairpinMode": False,
        "LinkLocalIPv6Address": "", "LinkLocalIPv6PrefixLen": 0, "Ports": {},
        "Networks": {mode: {
            "IPAMConfig": None, "Links": None, "Aliases": None, "MacAddress": "",
            "NetworkID": "", "EndpointID": "", "Gateway": "", "IPAddress": "",
            "IPPrefixLen": 0, "IPv6Gateway": "", "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0, "DriverOpts": None, "DNSNames": None}},
    }


HOSTS = ("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
         "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\n"
         "ff02::2\tip6-allrouters\n")
RESOLV_CONF = "nameserver 8.8.8.8\nnameserver 8.8.4.4\n"


def _shareable_ipc(c) -> bool:
    """Does the container have an IPC namespace of its own that others may join (IpcMode
    ``shareable``, or empty: a container made by an older daemon)?"""
    return (c.host_config or {}).get("IpcMode", "private") in ("shareable", "")
