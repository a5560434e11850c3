"""Drive the reference engine (a real Docker Engine) from tests, and clean up after them.

- The client is Debian's ``/usr/bin/docker`` (20.10): a newer client elsewhere on PATH
  needs a buildx plugin for BuildKit that is not installed.  ``$DSM_DOCKER`` overrides it;
  ``$DOCKER_HOST`` is honoured (the client reads it from the environment).
- Every command runs with ``DOCKER_BUILDKIT=1``.  ``run``/``create`` get ``--network none``
  and builds get ``--network=none --progress=plain``: the engine runs with the bridge off, so
  anything else fails with ``network bridge not found``.
- :class:`RealDocker` records the containers, images and volumes that its commands create
  and removes them in :meth:`RealDocker.cleanup` (the ``real_docker`` fixture calls it at
  session end).  Name things with :meth:`RealDocker.name` (``dsm-`` prefix) so a stray
  leftover is recognisable; :meth:`RealDocker.sweep` removes everything with that prefix.

Recording is best effort, and never alters what a command shows: no labels or names are
added.  An attached ``run`` without ``--name`` is attributed by comparing the container
list before and after the call, so a container that someone else creates on the same
engine at that moment may be attributed (and later removed) too.
"""
from __future__ import annotations

import functools
import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

__all__ = [
    "DOCKER", "PREFIX", "Result", "DockerCommandError", "docker_status", "docker_available",
    "RealDocker", "normalize_build_output",
]

DOCKER = os.environ.get("DSM_DOCKER", "/usr/bin/docker")
#: The current docker CLI (28) where the machine has one: the simulator follows current
#: Docker's wording, so every command but ``build`` goes through it.  ``build`` stays on the
#: Debian client: the current one needs the buildx plugin for BuildKit, which is not here.
CURRENT_CLI = os.environ.get("DSM_DOCKER_CLI", "/usr/local/bin/docker")


def _cli_for(args: list[str]) -> str | None:
    words = [a for a in args if not a.startswith("-")][:2]
    if "build" in words or "builder" in words[:1]:
        return None
    if os.path.isfile(CURRENT_CLI) and os.access(CURRENT_CLI, os.X_OK):
        return CURRENT_CLI
    return None
#: Name prefix of everything the tests create on the real engine.
PREFIX = "dsm-"
#: Seconds for the reachability probe (``docker info``).
PROBE_TIMEOUT = 15


@dataclass
class Result:
    """What one docker command did: like :class:`subprocess.CompletedProcess`."""
    args: list[str]
    exit_code: int
    stdout: str
    stderr: str

    @property
    def returncode(self) -> int:
        return self.exit_code

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def command(self) -> str:
        return shlex.join(self.args)

    def __str__(self) -> str:
        return (f"$ {self.command}\n[exit {self.exit_code}]\n--- stdout ---\n{self.stdout}"
                f"--- stderr ---\n{self.stderr}")


class DockerCommandError(AssertionError):
    def __init__(self, result: Result):
        super().__init__(str(result))
        self.result = result


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["DOCKER_BUILDKIT"] = "1"
    env.setdefault("DOCKER_CLI_HINTS", "false")
    return env


@functools.lru_cache(maxsize=None)
def docker_status(docker: str = DOCKER) -> tuple[bool, str]:
    """``(True, "<server version> <storage driver>")`` if an engine answers, else
    ``(False, reason)``.  Cached: probed once per process."""
    if not (os.path.isfile(docker) and os.access(docker, os.X_OK)):
        return False, f"no docker client at {docker}"

    def probe(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([docker, *args], capture_output=True, text=True,
                              timeout=PROBE_TIMEOUT, env=_env())
    try:
        # `docker version` says why it failed ("Cannot connect to the Docker daemon at …")
        p = probe("version", "--format", "{{.Server.Version}}")
        if p.returncode == 0 and p.stdout.strip():
            d = probe("info", "--format", "{{.Driver}}")
            return True, f"{p.stdout.strip()} {d.stdout.strip()}"
    except subprocess.TimeoutExpired:
        return False, f"`{docker} version` timed out after {PROBE_TIMEOUT}s"
    except OSError as e:
        return False, f"cannot run {docker}: {e}"
    lines = [ln for ln in (p.stderr + p.stdout).splitlines() if ln.strip()]
    return False, "no Docker Engine reachable: " + (lines[-1] if lines else f"exit {p.returncode}")


def docker_available(docker: str = DOCKER) -> bool:
    return docker_status(docker)[0]


# ---------------------------------------------------------------------------------------

_RUN_FLAGS_WITH_VALUE = {
    # flags of `docker run/create` that take a separate value (to find the image argument)
    "-a", "--attach", "--add-host", "--blkio-weight", "--blkio-weight-device", "--cap-add",
    "--cap-drop", "--cgroup-parent", "--cgroupns", "--cidfile", "--cpu-period", "--cpu-quota",
    "--cpu-rt-period", "--cpu-rt-runtime", "-c", "--cpu-shares", "--cpus", "--cpuset-cpus",
    "--cpuset-mems", "--detach-keys", "--device", "--device-cgroup-rule", "--device-read-bps",
    "--device-read-iops", "--device-write-bps", "--device-write-iops", "--dns", "--dns-option",
    "--dns-search", "--domainname", "--entrypoint", "-e", "--env", "--env-file", "--expose",
    "--gpus", "--group-add", "--health-cmd", "--health-interval", "--health-retries",
    "--health-start-period", "--health-timeout", "-h", "--hostname", "--ip", "--ip6", "--ipc",
    "--isolation", "--kernel-memory", "-l", "--label", "--label-file", "--link",
    "--link-local-ip", "--log-driver", "--log-opt", "--mac-address", "-m", "--memory",
    "--memory-reservation", "--memory-swap", "--memory-swappiness", "--mount", "--name",
    "--network", "--net", "--network-alias", "--net-alias", "--oom-score-adj", "--pid",
    "--pids-limit", "--platform", "-p", "--publish", "--pull", "--restart", "--runtime",
    "--security-opt", "--shm-size", "--stop-signal", "--stop-timeout", "--storage-opt",
    "--sysctl", "--tmpfs", "--ulimit", "-u", "--user", "--userns", "--uts", "-v", "--volume",
    "--volume-driver", "--volumes-from", "-w", "--workdir",
}


def _flag_value(args: list[str], names: Iterable[str]) -> list[str]:
    """Values of ``--flag v`` / ``--flag=v`` / ``-fv`` occurrences before the image."""
    names = set(names)
    vals: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            break
        if "=" in a and a.split("=", 1)[0] in names:
            vals.append(a.split("=", 1)[1])
        elif a in names and i + 1 < len(args):
            vals.append(args[i + 1])
            i += 1
        elif not a.startswith("-"):
            break
        elif a in _RUN_FLAGS_WITH_VALUE:
            i += 1
        i += 1
    return vals


def _options(args: list[str]) -> list[str]:
    """The options of ``run``/``create``: the words before the image."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--" or not a.startswith("-") or a == "-":
            break
        if a in _RUN_FLAGS_WITH_VALUE:
            i += 1
        i += 1
    return args[:i]


def _has_flag(args: list[str], *names: str) -> bool:
    """Whether one of ``names`` is among the options (``-d``, ``-dit``, ``--net=x``)."""
    for a in _options(args):
        if not a.startswith("-") or a == "--":
            continue
        if a in names or a.split("=", 1)[0] in names:
            return True
        # combined short flags: -dit
        if len(a) > 2 and a[1] != "-" and any(n.startswith("-") and not n.startswith("--")
                                                and n[1] in a[1:] for n in names):
            return True
    return False


def _volume_names(args: list[str]) -> list[str]:
    names = []
    for spec in _flag_value(args, {"-v", "--volume"}):
        src = spec.split(":", 1)[0] if ":" in spec else ""
        if src and not src.startswith("/"):
            names.append(src)
    for spec in _flag_value(args, {"--mount"}):
        kv = dict(p.split("=", 1) for p in spec.split(",") if "=" in p)
        if kv.get("type", "volume") == "volume":
            src = kv.get("source") or kv.get("src")
            if src:
                names.append(src)
    return names


def _positional(args: list[str], with_value: set[str]) -> list[str]:
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a.startswith("-") and a != "-":
            skip = a in with_value
        else:
            out.append(a)
    return out


_ID_RE = re.compile(r"^(sha256:)?[0-9a-f]{12,64}$")


@dataclass
class RealDocker:
    """A session's handle on the reference engine (see module docstring)."""
    docker: str = DOCKER
    prefix: str = PREFIX
    timeout: float = 600
    workdir: Path | None = None
    containers: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)       # tags and IDs, in creation order
    volumes: list[str] = field(default_factory=list)

    # -- naming ------------------------------------------------------------------------
    def name(self, stem: str) -> str:
        """``dsm-<stem>``: the name to give things the tests create."""
        return stem if stem.startswith(self.prefix) else self.prefix + stem

    # -- raw commands ------------------------------------------------------------------
    def _exec(self, args: list[str], input: str | bytes | None = None,
              timeout: float | None = None) -> Result:
        argv = [_cli_for(args) or self.docker, *args]
        binary = isinstance(input, bytes)
        p = subprocess.run(argv, input=input, capture_output=True, text=not binary,
                           env=_env(), timeout=timeout or self.timeout)
        out, err = p.stdout, p.stderr
        if binary:
            out = out.decode("utf-8", "replace")
            err = err.decode("utf-8", "replace")
        return Result(argv, p.returncode, out, err)

    def raw(self, *args: str, check: bool = False, input=None, timeout=None) -> Result:
        """Run ``docker ARGS`` exactly as given: no ``--network none``, no recording."""
        r = self._exec([str(a) for a in args], input=input, timeout=timeout)
        if check and r.exit_code != 0:
            raise DockerCommandError(r)
        return r

    def run(self, *args: str, check: bool = True, input=None, timeout=None) -> Result:
        """Run ``docker ARGS`` (e.g. ``run("run", "--rm", img, "ls", "/")``).

        ``run``/``create`` (also as ``container run``/``container create``) get
        ``--network none`` unless a network is given.  What the command creates is
        recorded for :meth:`cleanup`.  With ``check`` a non-zero exit raises
        :class:`DockerCommandError` (an ``AssertionError`` showing the output)."""
        args = [str(a) for a in args]
        cmd, rest, head = self._split(args)
        before: set[str] | None = None
        if cmd in ("run", "create"):
            if not _has_flag(rest, "--network", "--net"):
                rest = ["--network", "none", *rest]
                args = [*head, cmd, *rest]
            if cmd == "run" and not _flag_value(rest, {"--name"}) and not _has_flag(rest, "-d", "--detach"):
                before = self._container_ids()
        r = self._exec(args, input=input, timeout=timeout)
        self._record(cmd, rest, r, before)
        if check and r.exit_code != 0:
            raise DockerCommandError(r)
        return r

    __call__ = run

    @staticmethod
    def _split(args: list[str]) -> tuple[str, list[str], list[str]]:
        """(command, its args, the words before it) with ``container``/``image``/
        ``volume`` management groups folded in (``image build`` → ``build``)."""
        groups = {"container", "image", "volume", "builder", "system"}
        if len(args) >= 2 and args[0] in groups:
            sub = args[1]
            if args[0] == "volume":
                sub = "volume " + sub
            elif args[0] == "image" and sub in ("rm", "ls", "prune", "inspect", "history"):
                sub = "image " + sub
            elif args[0] == "container" and sub in ("rm", "ls", "prune", "inspect"):
                sub = "container " + sub
            return sub, args[2:], args[:1]
        if not args:
            return "", [], []
        return args[0], args[1:], []

    # -- recording ---------------------------------------------------------------------
    def _container_ids(self) -> set[str]:
        r = self._exec(["ps", "-aq", "--no-trunc"])
        return set(r.stdout.split()) if r.exit_code == 0 else set()

    def _image_id(self, ref: str) -> str | None:
        r = self._exec(["image", "inspect", "-f", "{{.Id}}", ref])
        return r.stdout.strip() if r.exit_code == 0 else None

    def _add(self, bucket: list[str], item: str | None) -> None:
        if item and item not in bucket:
            bucket.append(item)

    def _record(self, cmd: str, rest: list[str], r: Result, before: set[str] | None) -> None:
        out = r.stdout.strip()
        if cmd in ("run", "create"):
            for v in _volume_names(rest):
                self._add(self.volumes, v)
            names = _flag_value(rest, {"--name"})
            if names:
                self._add(self.containers, names[-1])
            elif before is not None:
                for cid in sorted(self._container_ids() - before):
                    self._add(self.containers, cid)
            elif _ID_RE.match(out.splitlines()[-1] if out else ""):
                self._add(self.containers, out.splitlines()[-1])
        elif r.exit_code != 0:
            return
        elif cmd in ("commit", "import", "tag"):
            positional = _positional(rest, {"-c", "--change", "-m", "--message", "-a", "--author",
                                            "--platform"})
            if cmd in ("commit", "import") and out.startswith("sha256:"):
                self._add(self.images, out.splitlines()[-1])
            if len(positional) >= 2:
                self._add(self.images, positional[1])
        elif cmd == "load":
            for line in out.splitlines():
                m = re.match(r"Loaded image(?: ID)?: (\S+)", line)
                if m:
                    self._add(self.images, m.group(1))
        elif cmd == "volume create":
            self._add(self.volumes, out.splitlines()[-1] if out else None)
        elif cmd == "build":
            for tag in _flag_value(rest, {"-t", "--tag"}):
                self._add(self.images, self._image_id(tag))
                self._add(self.images, tag)

    # -- builds ------------------------------------------------------------------------
    def context(self, files: Mapping[str, str | bytes | tuple] | None = None,
                path: str | os.PathLike | None = None) -> Path:
        """Write a build context: ``{"Dockerfile": text, "dir/x.txt": b"..",
        "run.sh": (b"..", 0o755)}``.  A new folder unless ``path`` is given."""
        if path is None:
            base = self.workdir or Path(tempfile.gettempdir())
            base.mkdir(parents=True, exist_ok=True)
            path = tempfile.mkdtemp(prefix="ctx-", dir=base)
        ctx = Path(path)
        ctx.mkdir(parents=True, exist_ok=True)
        for rel, val in (files or {}).items():
            mode = None
            if isinstance(val, tuple):
                val, mode = val
            p = ctx / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(val, str):
                val = val.encode()
            p.write_bytes(val)
            if mode is not None:
                p.chmod(mode)
        return ctx

    def build(self, dockerfile_text: str | None, context_files: Mapping | None = None,
              tag: str | None = None, no_cache: bool = False,
              build_args: Mapping[str, str] | None = None, *, context: str | os.PathLike | None = None,
              extra_args: Iterable[str] = (), check: bool = True, timeout=None) -> Result:
        """``DOCKER_BUILDKIT=1 docker build --network=none --progress=plain [-t tag]
        [--no-cache] [--build-arg K=V]... <context>``.

        The Dockerfile text is written as ``Dockerfile`` into the context (a fresh folder,
        or ``context`` to reuse one, e.g. to ``touch`` a file between builds); pass
        ``None`` to keep the Dockerfile already there.  The result also has
        ``.image_id`` (or None) and ``.context``."""
        files = dict(context_files or {})
        if dockerfile_text is not None:
            files["Dockerfile"] = dockerfile_text
        ctx = self.context(files, context)
        args = ["build", "--network=none", "--progress=plain"]
        if tag:
            args += ["-t", tag]
        if no_cache:
            args.append("--no-cache")
        for k, v in (build_args or {}).items():
            args += ["--build-arg", f"{k}={v}" if v is not None else k]
        args += [*extra_args, str(ctx)]
        r = self.run(*args, check=False, timeout=timeout)
        r.context = ctx  # type: ignore[attr-defined]
        r.image_id = self._image_id(tag) if (tag and r.exit_code == 0) else None  # type: ignore[attr-defined]
        if check and r.exit_code != 0:
            raise DockerCommandError(r)
        return r

    # -- convenience ---------------------------------------------------------------------
    def inspect(self, *refs: str, kind: str | None = None):
        """``docker [image|container|volume] inspect`` parsed from JSON (one object for
        one ref, else a list)."""
        import json
        args = ([kind] if kind else []) + ["inspect", *refs]
        data = json.loads(self.run(*args).stdout)
        return data[0] if len(refs) == 1 else data

    def host_read(self, path: str | os.PathLike) -> bytes:
        """Bytes of a file on the engine's host (needs root; the engine must be local)."""
        return Path(path).read_bytes()

    # -- cleanup -----------------------------------------------------------------------
    def cleanup(self) -> list[Result]:
        """Remove the recorded containers (with their anonymous volumes), then images
        (newest first), then volumes.  Errors are collected, not raised."""
        done: list[Result] = []
        if self.containers:
            done.append(self._exec(["rm", "-f", "-v", *reversed(self.containers)]))
        self.containers.clear()
        pending = list(reversed(self.images))
        for _ in range(3):  # a parent goes once its children have
            left = []
            for ref in pending:
                if _ID_RE.match(ref) and not ref.startswith("sha256:"):
                    ref = "sha256:" + ref if len(ref) == 64 else ref
                r = self._exec(["rmi", ref])
                done.append(r)
                if r.exit_code != 0 and "No such image" not in r.stderr:
                    left.append(ref)
            pending = left
            if not pending:
                break
        self.images = list(reversed(pending))
        if self.volumes:
            done.append(self._exec(["volume", "rm", "-f", *self.volumes]))
        self.volumes.clear()
        return done

    def sweep(self) -> None:
        """Remove every container, image and volume whose name starts with the prefix
        (leftovers of a crashed session)."""
        ps = self._exec(["ps", "-a", "--format", "{{.ID}} {{.Names}}"]).stdout.split("\n")
        ids = [ln.split()[0] for ln in ps if ln.strip() and ln.split()[1].startswith(self.prefix)]
        if ids:
            self._exec(["rm", "-f", "-v", *ids])
        imgs = self._exec(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout.split()
        for ref in imgs:
            if ref.startswith(self.prefix):
                self._exec(["rmi", "-f", ref])
        vols = self._exec(["volume", "ls", "-q"]).stdout.split()
        mine = [v for v in vols if v.startswith(self.prefix)]
        if mine:
            self._exec(["volume", "rm", "-f", *mine])


_DURATION = re.compile(r"\b\d+\.\d+s\b")


def normalize_build_output(text: str) -> str:
    """BuildKit ``--progress=plain`` output with the timings (``DONE 0.3s``,
    ``#5 0.215 ...``) set to ``0.0s`` / ``0.000``, for comparing runs."""
    text = _DURATION.sub("0.0s", text)
    text = re.sub(r"^(#\d+) \d+\.\d+ ", r"\1 0.000 ", text, flags=re.M)
    return text
