"""Running processes in containers (what runc does): the container's mount namespace — its
overlay rootfs, /etc/hosts, /etc/hostname and /etc/resolv.conf bound from the container's
folder, /proc, /dev, /sys, and its volumes and bind mounts — and a shell process in it."""
from __future__ import annotations

import stat as _st
from dataclasses import dataclass

from .errors import ExecError, DaemonError
from .fs import MountNamespace, Mount, TreeFS, FileSystem, FSError

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class ProcessKilled(BaseException):
    """The process was killed while it slept (``docker stop``/``kill``): it unwinds the
    shell (no ``except Exception`` of the simulation catches it)."""


class MainProcess:
    """A container's main process that sleeps for a known time (``sh -c 'sleep 5; exit 3'``
    in a detached container): it runs in a thread of its own, stopped inside ``sleep`` until
    the daemon's timer for the sleep's end fires (daemon/restartmanager.fire_due, kind
    ``"process"``) and resumes it, on the simulated clock.  Only one of the two threads runs
    at a time: the caller waits while the process runs, the process while the caller does.
    It is not saved with the host (a thread is no state): a host read back from disk finds
    the process blocked, as an endless one is."""

    #: the thread's stack (nested shells recurse in Python: interp.RECURSION_LIMIT)
    STACK_SIZE = 64 << 20

    def __init__(self, execute):
        import queue
        import threading
        self._execute = execute            # execute(on_sleep) -> ProcessResult
        self._to_proc: "queue.Queue" = queue.Queue()
        self._to_caller: "queue.Queue" = queue.Queue()
        self.wake_at: float | None = None  # when the sleep ends (the timer)
        self.box: dict = {}                # "shell": the process's shell, once made
        self.seen = 0                      # how much of it the caller has taken
        old = threading.stack_size()
        threading.stack_size(self.STACK_SIZE)
        try:
            self._thread = threading.Thread(target=self._main, daemon=True,
                                            name="dockstore-magic process")
        finally:
            threading.stack_size(old)

    def _main(self) -> None:
        try:
            self._to_caller.put(("done", self._execute(self._sleep)))
        except ProcessKilled:
            self._to_caller.put(("killed", None))
        except BaseException as e:         # ExecError…: re-raised in the caller
            self._to_caller.put(("error", e))

    def _sleep(self, seconds: float) -> None:
        """``sleep SECONDS`` in the process's thread: hand over to the caller until the
        daemon resumes it (or kills it).  An endless sleep (a server) blocks for good."""
        seconds = float(seconds or 0)
        if seconds == float("inf"):
            raise ProcessBlocked(seconds)
        if seconds <= 0:
            return
        self._to_caller.put(("sleep", seconds))
        if self._to_proc.get() == "kill":
            raise ProcessKilled()

    def _answer(self, clock):
        kind, value = self._to_caller.get()
        if kind == "error":
            raise value
        if kind == "sleep":
            self.wake_at = clock.peek() + value
            return None
        self.wake_at = None
        return value

    def start(self, clock) -> "ProcessResult | None":
        """Run until the process sleeps (None) or ends (its result)."""
        self._thread.start()
        return self._answer(clock)

    def resume(self, clock) -> "ProcessResult | None":
        """The sleep is over (the clock reads its end): run on to the next sleep or the end."""
        self.wake_at = None
        self._to_proc.put("go")
        return self._answer(clock)

    def new_events(self) -> list:
        """What the process wrote since the last call."""
        shell = self.box.get("shell")
        events = getattr(shell, "events", None) or []
        out, self.seen = events[self.seen:], len(events)
        return out

    def kill(self) -> None:
        if self._thread.is_alive() and self.wake_at is not None:
            self.wake_at = None
            self._to_proc.put("kill")
            self._to_caller.get()
        self._thread.join()


class ProcessBlocked(Exception):
    """The process keeps running (an endless ``sleep``, a server; any ``sleep`` of a detached
    ``docker exec``): its output so far is kept and the container stays up until it is
    stopped."""

    def __init__(self, seconds: float | None = None):
        super().__init__(seconds)
        self.seconds = seconds


@dataclass
class ProcessResult:
    exit_code: int
    events: list             # [(1|2, bytes|Blob)]
    running: bool = False    # still running (blocked)
    process: object = None   # a MainProcess asleep until its timer (see run_process)
    timed_out: bool = False  # killed at its time limit


def _dev_tree(clock) -> TreeFS:
    t = TreeFS(clock=clock)
    for name, (major, minor) in {"null": (1, 3), "zero": (1, 5), "full": (1, 7),
                                 "random": (1, 8), "urandom": (1, 9), "tty": (5, 0),
                                 "console": (136, 0)}.items():
        t.mknod(f"/{name}", _st.S_IFCHR | 0o666, (major << 8) | minor)
    t.mkdir("/pts")
    t.mkdir("/shm", mode=0o1777)
    t.mkdir("/mqueue")
    for name, target in {"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0",
                         "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2",
                         "core": "/proc/kcore", "ptmx": "pts/ptmx"}.items():
        t.symlink(target, f"/{name}")
    return t


def add_kernel_mounts(ns: MountNamespace, proc: TreeFS, clock) -> None:
    """/proc, /dev and a read-only /sys, as runc mounts them in every container (and in
    every RUN of a build)."""
    dev = _dev_tree(clock)
    proc.root.mode = (proc.root.mode & ~0o7777) | 0o555      # dr-xr-xr-x, as procfs has it
    ns.add(Mount("/proc", proc, kind="proc"))
    ns.add(Mount("/dev", dev, kind="tmpfs"))
    # dr-xr-xr-x and dated when mounted, as ls -ld /sys shows it in a container (the /dev
    # just made carries that time)
    ns.add(Mount("/sys", TreeFS.mounted(clock, dev.root.mtime, 0o555, readonly=True),
                 readonly=True, kind="sysfs"))


def proc_mounts(ns_mounts: list[tuple[str, str, str, str]]) -> str:
    return "".join(f"{src} {tgt} {fstype} {opts} 0 0\n" for src, tgt, fstype, opts in ns_mounts)


def build_namespace(engine, c, rootfs: FileSystem) -> MountNamespace:
    """The container's view: rootfs plus everything mounted on it."""
    host = engine.host
    ns = MountNamespace(rootfs)
    clock = host.tree.clock
    meta = engine.driver.metadata(c.rw.mount_id)
    mounts_lines = []
    # --read-only (HostConfig.ReadonlyRootfs): runc remounts the root read-only; the mounts
    # on it (volumes, binds, tmpfs, /etc/hosts…) keep their own modes
    readonly_root = bool(c.host_config.get("ReadonlyRootfs"))
    rw = "ro" if readonly_root else "rw"
    if engine.driver.name == "overlay2":
        opts = (f"{rw},relatime,lowerdir={engine.driver.lower_links(c.rw.mount_id)},"
                f"upperdir={meta['UpperDir']},workdir={meta['WorkDir']}")
        mounts_lines.append(("overlay", "/", "overlay", opts))
    elif engine.uses_snapshotter:
        opts = engine.driver.proc_mount_options(c.rw.mount_id, rw)
        mounts_lines.append(("overlay", "/", "overlay", opts))
    else:
        mounts_lines.append(("/dev/vda1", "/", "ext4", f"{rw},relatime"))
    mounts_lines += [("proc", "/proc", "proc", "rw,nosuid,nodev,noexec,relatime"),
                     ("tmpfs", "/dev", "tmpfs", "rw,nosuid,size=65536k,mode=755,inode64"),
                     ("devpts", "/dev/pts", "devpts", "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666"),
                     ("sysfs", "/sys", "sysfs", "ro,nosuid,nodev,noexec,relatime"),
                     ("mqueue", "/dev/mqueue", "mqueue", "rw,nosuid,nodev,noexec,relatime"),
                     ("shm", "/dev/shm", "tmpfs", "rw,nosuid,nodev,noexec,relatime,size=65536k,inode64")]
    for f in ("resolv.conf", "hostname", "hosts"):
        mounts_lines.append(("/dev/vda1", f"/etc/{f}", "ext4", f"{rw},relatime"))
    engine.volumes.prepare_start(c, rootfs)
    extra = []
    for mp in engine.mount_points(c):
        extra.append(mp)
        mounts_lines.append(mp.proc_line())
    proc = TreeFS(clock=clock)
    proc.write("/mounts", proc_mounts(mounts_lines).encode(), mode=0o444)
    proc.symlink("mounts", "/self-mounts")
    proc.mkdir("/self")
    proc.symlink("/proc/mounts", "/self/mounts")
    proc.write("/version", b"Linux version 6.8.0-1019-generic (buildd@lcy02-amd64) #20-Ubuntu SMP\n")
    proc.mkdir("/net")
    proc.write("/net/if_inet6", b"00000000000000000000000000000001 01 80 10 80       lo\n", mode=0o444)
    proc.mkdir("/1")
    proc.write("/1/cmdline", "\0".join([c.path] + list(c.args)).encode() + b"\0")
    if readonly_root:
        ns.add(Mount("/", rootfs, readonly=True, kind="overlay"))
    add_kernel_mounts(ns, proc, clock)
    for mp in extra:
        ns.add(mp.namespace_mount(engine))
    # The container's own hostname/hosts/resolv.conf are bound over /etc last: runc creates
    # their mount points where missing — inside a volume or host folder mounted on /etc too.
    for f in ("resolv.conf", "hostname", "hosts"):
        target = f"/etc/{f}"
        try:
            if not ns.exists(target, follow=False):
                if not ns.isdir("/etc"):
                    ns.mkdir("/etc", parents=True)
                ns.write(target, b"", mode=0o755)
        except FSError:
            continue                      # a read-only mount: nothing to bind onto
        src = host.tree.resolve(f"{c.dir}/{f}")
        # (read-only too with --read-only: moby mounts them "ro" then)
        ns.add(Mount(target, host.tree, source=src, kind="bind", readonly=readonly_root))
    return ns


def passwd_lookup(fs: FileSystem, user: str) -> tuple[int, int, str]:
    """``-u``/``USER``: name or uid[:gid] → (uid, gid, home); Docker's errors when unknown."""
    if not user:
        return 0, 0, "/root"
    name, _, group = user.partition(":")
    entries = []
    try:
        for line in fs.read_text("/etc/passwd").splitlines():
            f = line.split(":")
            if len(f) >= 7:
                entries.append(f)
    except FSError:
        pass
    uid = gid = None
    home = "/"
    for f in entries:
        if f[0] == name or (name.isdigit() and f[2] == name):
            uid, gid, home = int(f[2]), int(f[3]), f[5]
            break
    if uid is None:
        if name.isdigit():
            uid, gid = int(name), 0
        else:
            raise DaemonError(f"unable to find user {name}: no matching entries in passwd file")
    if group:
        if group.isdigit():
            gid = int(group)
        else:
            found = None
            try:
                for line in fs.read_text("/etc/group").splitlines():
                    f = line.split(":")
                    if f and f[0] == group:
                        found = int(f[2])
            except FSError:
                pass
            if found is None:
                raise DaemonError(f"unable to find group {group}: no matching entries in group file")
            gid = found
    return uid, gid or 0, home


#: how moby words runc's failure to start a container's process (current Docker)
_INIT_ERROR = ("failed to create task for container: failed to create shim task: OCI runtime "
               "create failed: runc create failed: unable to start container process: "
               "error during container init: ")
#: ... and its failure to start an exec in a running one
_EXEC_ERROR = "OCI runtime exec failed: exec failed: unable to start container process: "


def exec_failure(e: ExecError) -> ExecError:
    """The same failure met by ``docker exec`` (runc exec, not runc init)."""
    return ExecError(e.message.replace(_INIT_ERROR, _EXEC_ERROR), e.exit_code)


def cwd_error(ns: FileSystem, cwd: str) -> ExecError | None:
    """runc's error when the process's working folder cannot be entered (``exec -w``), or
    None when it can."""
    if ns.isdir(cwd):
        return None
    # (moby daemon/start.go translateContainerdStartErr adds its hint to any ENOTDIR)
    reason = ("not a directory: unknown: Are you trying to mount a directory onto a file (or "
              "vice-versa)? Check if the specified host path exists and is the expected type"
              if ns.exists(cwd) else "no such file or directory: unknown")
    return ExecError(f'{_INIT_ERROR}chdir to cwd ("{cwd}") set in config.json failed: {reason}', 126)


def exec_error(name: str, exc) -> ExecError:
    """The OCI runtime's error for a command that cannot be started (current Docker wording)."""
    prefix = _INIT_ERROR
    from .shell import ExecNotFound
    if isinstance(exc, ExecNotFound):
        if "/" in name:
            return ExecError(f'{prefix}exec: "{name}": stat {name}: no such file or directory: unknown', 127)
        return ExecError(f'{prefix}exec: "{name}": executable file not found in $PATH: unknown', 127)
    return ExecError(f'{prefix}exec: "{name}": permission denied: unknown', 126)


_SHELLS = {"sh", "bash", "ash", "dash", "zsh"}


def waits_for_input(argv: list[str]) -> bool:
    """An interactive shell (``sh``, ``bash -l``…) or a bare ``cat`` reads its standard
    input until it closes: with ``-i`` and nothing typed, the process just keeps running."""
    prog = argv[0].rsplit("/", 1)[-1] if argv else ""
    rest = argv[1:]
    if prog in _SHELLS:
        return all(a.startswith("-") and "c" not in a.lstrip("-") for a in rest)
    return prog == "cat" and not rest


def _missing_interpreter(shell, ns: FileSystem, name: str, path_var: str | None) -> str | None:
    """The script ``name`` resolves to, when its ``#!`` interpreter does not exist in the
    container (else None)."""
    kind, path = shell.resolve_exec(name, path_var)
    if kind not in ("file", "ok") or not path:
        return None
    try:
        if ns.read_blob(path).read(0, 2) != b"#!":
            return None
    except (FSError, OSError):
        return None
    interp = shell._script_interpreter(path)
    if not interp or not interp[0].startswith("/") or ns.exists(interp[0]):
        return None
    return path


def run_process(engine, c, ns: FileSystem, argv: list[str], env: list[str], cwd: str,
                user: str, detached: bool, stdin: bytes = b"", tty: bool = False,
                pid: int = 1, interactive: bool = False,
                time_limit: float | None = None) -> ProcessResult:
    """Run ``argv`` (exec form) in the container's namespace.

    A detached main process (pid 1) that sleeps for a known time comes back running, with
    ``process`` set (a :class:`MainProcess` waiting for its sleep's end).  ``time_limit``:
    the process is killed when its sleeps pass it (a health check's timeout); the result
    then has ``timed_out`` set and exit code -1."""
    if interactive and not stdin and waits_for_input(argv):
        return ProcessResult(0, [], running=True)
    clock = engine.clock
    if detached and pid == 1:
        proc = MainProcess(lambda sleep: _execute(engine, c, ns, argv, env, cwd, user, stdin,
                                                  tty, pid, sleep, proc.box))
        res = proc.start(clock)
        if res is not None:
            return res
        return ProcessResult(0, proc.new_events(), running=True, process=proc)
    slept = [0.0]

    def on_sleep(seconds):
        seconds = float(seconds or 0)
        # A detached exec that sleeps (or serves) is simply still running; in the
        # foreground a finite sleep lets simulated time pass, an endless one keeps the
        # container up (the notebook is not blocked).  A foreground main process's sleep
        # is time for the daemon too: its timers (health probes, restarts) fire meanwhile.
        if detached or seconds == float("inf") and time_limit is None:
            raise ProcessBlocked(seconds)
        if time_limit is not None and slept[0] + seconds >= time_limit:
            clock.advance(time_limit - slept[0])
            raise ProcessTimedOut()
        slept[0] += seconds
        if pid == 1:
            from .daemon.restartmanager import pass_time
            pass_time(engine, seconds)
        else:
            clock.advance(seconds)

    box: dict = {}
    try:
        return _execute(engine, c, ns, argv, env, cwd, user, stdin, tty, pid, on_sleep, box)
    except ProcessTimedOut:
        return ProcessResult(-1, list(getattr(box.get("shell"), "events", [])), timed_out=True)


class ProcessTimedOut(Exception):
    """The process ran past its ``time_limit``."""


def _execute(engine, c, ns, argv, env, cwd, user, stdin, tty, pid, on_sleep,
             box: dict) -> ProcessResult:
    """The process itself: a shell in the namespace, put in ``box`` (its ``events`` fill as
    it writes, so a process stopped in ``sleep`` has shown what it wrote)."""
    from .shell import Shell, ShellContext, ExecNotFound, ExecPermissionDenied
    uid, gid, home = passwd_lookup(ns, user)
    envd: dict[str, str] = {}
    for kv in env:
        k, _, v = kv.partition("=")
        envd[k] = v
    envd.setdefault("PATH", DEFAULT_PATH)
    envd.setdefault("HOSTNAME", c.config.get("Hostname", c.short_id))
    envd.setdefault("HOME", home or "/root")
    clock = engine.clock
    ctx = ShellContext(fs=ns, env=envd, cwd=cwd or "/", uid=uid, gid=gid, stdin=stdin,
                       clock=clock.now, hostname=c.config.get("Hostname", c.short_id),
                       argv0="/bin/sh", check_executables=True, tty=tty, pid=pid,
                       on_sleep=on_sleep, df_info=lambda: engine.df_rows(c, ns))
    shell = box["shell"] = Shell(ctx)
    if pid == 1 and argv:
        missing = _missing_interpreter(shell, ns, argv[0], envd.get("PATH"))
        if missing:
            # runc's init execs the script itself; the kernel answers ENOENT for a #! line
            # whose interpreter is gone (the documentation's `-v /tmp:/usr nginx`).  runc 1.x
            # writes the error to the container's output and the container exits 1 (seen on
            # the engine here: "exec /entry.sh: no such file or directory", Exited (1));
            # runc libcontainer/standard_init_linux.go: &os.PathError{Op: "exec", ...}
            return ProcessResult(1, [(2, f"exec {missing}: no such file or directory\n".encode())])
    try:
        res = shell.run_argv(list(argv))
    except (ExecNotFound, ExecPermissionDenied) as e:
        raise exec_error(argv[0], e) from None
    except ProcessBlocked:
        return ProcessResult(0, list(getattr(shell, "events", [])), running=True)
    blocked = getattr(res, "blocked", False)
    return ProcessResult(res.exit_code, res.events, running=bool(blocked))
