"""What a shell runs in (:class:`ShellContext`) and what it leaves (:class:`ShellResult`)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from ..fs.blob import Blob
from .streams import chunks_to_blob, chunk_size

#: ``ShellResult.stdout``/``stderr``/``output`` hold at most this many bytes (the full
#: content stays available as a blob: ``stdout_blob``, ``output_blob``)
RESULT_BYTES_LIMIT = 64 << 20


class ExecNotFound(Exception):
    """Exec form (``run_argv``): the executable does not exist (Docker reports an OCI
    runtime error: ``exec: "foo": executable file not found in $PATH``)."""

    def __init__(self, name: str, in_path: bool = True):
        super().__init__(name)
        self.name = name
        self.in_path = in_path     # looked up on $PATH (no '/' in the name)


class ExecPermissionDenied(Exception):
    """Exec form: the file exists but is not executable (or is a directory)."""

    def __init__(self, name: str, path: str = ""):
        super().__init__(name)
        self.name = name
        self.path = path or name


@dataclass
class ShellContext:
    """Everything a shell needs from its caller.  ``cwd`` and ``env`` are updated when a
    script ends (``cd``, ``export`` persist, as in a long-lived shell).

    Optional hooks and settings:

    * ``df_info()`` → rows ``(filesystem, size_bytes, used_bytes, avail_bytes, mounted_on)``
      for ``df``; without it ``df`` shows a plausible overlay root.
    * ``shell_flavor``: ``"dash"``, ``"ash"`` or ``"bash"``; None detects it from what
      ``argv0`` resolves to in ``fs`` (busybox → ash, dash → dash, bash → bash).
    * ``tool_flavor``: ``"gnu"`` or ``"busybox"`` for commands that cannot be resolved in
      the fs (``check_executables=False``); None: busybox when the fs has /bin/busybox.
    * ``tty``: stdout is a terminal (``docker run -t``): ``ls`` prints columns.
    * ``pid``: ``$$``; ``umask``; ``max_steps``: loop guard; ``nproc``, ``kernel``,
      ``machine``: what ``nproc``/``uname`` report; ``on_sleep(seconds)``: called by ``sleep``.
    """

    fs: object
    env: dict = field(default_factory=lambda: {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"})
    cwd: str = "/"
    uid: int = 0
    gid: int = 0
    stdin: bytes | Blob = b""
    clock: Callable[[], float] = time.time
    hostname: str = "localhost"
    argv0: str = "/bin/sh"
    check_executables: bool = True
    df_info: Callable | None = None
    shell_flavor: str | None = None
    tool_flavor: str | None = None
    tty: bool = False
    pid: int = 1
    umask: int = 0o022
    max_steps: int = 200_000
    nproc: int = 2
    kernel: str = "6.8.0-1019-generic"
    machine: str = "x86_64"
    on_sleep: Callable | None = None
    #: the Docker host's ``docker`` CLI: ``docker(argv, cwd=) -> (exit_code, stdout, stderr)``;
    #: None in containers, where there is no docker command
    docker: Callable | None = None
    #: the host's systemd units for ``systemctl``/``service`` (daemon/service.DaemonService);
    #: None in containers
    services: object | None = None
    groups: list | None = None     # supplementary gids (None: from /etc/group)


class ShellResult:
    """Exit status and output of a script or command."""

    def __init__(self, exit_code: int, events: list):
        self.exit_code = exit_code
        self.events = events               # [(1|2, bytes|Blob)] in the order written

    def _join(self, fds) -> bytes:
        out = []
        total = 0
        for fd, c in self.events:
            if fd not in fds:
                continue
            n = chunk_size(c)
            if total + n > RESULT_BYTES_LIMIT:
                rest = RESULT_BYTES_LIMIT - total
                out.append((c.read(0, rest) if isinstance(c, Blob) else c[:rest]))
                break
            out.append(c.read() if isinstance(c, Blob) else c)
            total += n
        return b"".join(out)

    @property
    def stdout(self) -> bytes:
        return self._join((1,))

    @property
    def stderr(self) -> bytes:
        return self._join((2,))

    @property
    def output(self) -> bytes:
        """stdout and stderr interleaved, as a terminal or ``docker logs`` shows them."""
        return self._join((1, 2))

    @property
    def stdout_blob(self) -> Blob:
        return chunks_to_blob([c for fd, c in self.events if fd == 1])

    @property
    def output_blob(self) -> Blob:
        return chunks_to_blob([c for _, c in self.events])

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    def __repr__(self):
        return f"ShellResult(exit_code={self.exit_code}, output={self.output[:200]!r})"
