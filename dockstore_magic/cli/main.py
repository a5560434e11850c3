"""The docker CLI over the simulated engine: parse the arguments as docker/cli does, call the
engine, print what docker prints (stdout/stderr, exit status)."""
from __future__ import annotations

import io
import os
from typing import Callable

from ..dockerhost import DOCKER_ROOT
from ..errors import DaemonError, ExecError, BuildError
from ..fs import errors as _fs_errors
from ..fs.errors import FSError
from ..mounts import SpecError
from ..result import CommandResult
from ..daemon.restartmanager import fire_due, pass_time
from . import args as cli_args
from .errors import CLIError, run_error


class DockerCLI:
    def __init__(self, engine, cwd: str | None = None):
        """``cwd``: the client's working directory on the Docker host (relative paths of
        ``cp``, ``save``, ``build``, ``-v ./x`` start there); by default the host's
        ``workdir`` (see ``DockerHost.share``)."""
        self.engine = engine
        self.cwd = cwd or engine.host.workdir
        self._out: Callable[[str], None] | None = None
        self._err: Callable[[str], None] | None = None
        self._stdout = io.StringIO()
        self._stderr = io.StringIO()

    # ------------------------------------------------------------------ output
    def out(self, text: str) -> None:
        self._stdout.write(text)
        if self._out is not None:
            self._out(text)

    def err(self, text: str) -> None:
        self._stderr.write(text)
        if self._err is not None:
            self._err(text)

    def _begin(self, out, err):
        self._out, self._err = out, err
        self._stdout, self._stderr = io.StringIO(), io.StringIO()

    def _result(self, argv, code, value=None) -> CommandResult:
        return CommandResult(list(argv), code, self._stdout.getvalue(), self._stderr.getvalue(), value)

    # ------------------------------------------------------------------ entry points
    def run(self, argv: list[str], out=None, err=None) -> CommandResult:
        """``docker ARGV…``"""
        from .commands import COMMANDS
        self._begin(out, err)
        if argv and argv[0] == "docker":
            argv = argv[1:]
        argv = exec_args(argv)
        try:
            parsed = cli_args.parse(argv)
        except cli_args.CLIUsageError as e:
            self._warnings(e.warnings)
            self.err(e.message if e.message.endswith("\n") else e.message + "\n")
            return self._result(argv, e.exit_code)
        self._warnings(parsed.warnings)
        if parsed.help:
            (self.out if parsed.help_stream == "stdout" else self.err)(parsed.help_text)
            return self._result(argv, parsed.exit_code)
        fn = COMMANDS.get(parsed.command)
        if fn is None:
            self.err(f"docker: '{parsed.command}' is not simulated by dockstore-magic\n")
            return self._result(argv, 1)
        refused = self._refused(parsed)
        if refused:
            self.err(refused + "\n")
            return self._result(argv, 125)
        if not self.engine.service.ensure_running():
            return self._no_daemon(argv, parsed.command)
        fire_due(self.engine)             # the daemon's restart timers that fell due meanwhile
        opts = dict(parsed.opts)
        opts["_changed"] = set(parsed.changed)
        return self._call(argv, parsed.command, lambda: fn(self, opts, parsed.args))

    @staticmethod
    def _refused(parsed) -> str | None:
        """A flag given that the simulator does not carry out (cli/simulated.py)."""
        from .simulated import refusal, refusal_global
        return (refusal_global(parsed.global_opts.get("_changed", ()))
                or refusal(parsed.command, parsed.changed, parsed.opts))
    def _no_daemon(self, argv, command: str) -> CommandResult:
        """The client's answer when nothing listens on /var/run/docker.sock (systemctl stop
        docker.socket docker): docker/cli's connection error, per command's own wrapping."""
        from ..daemon.service import CANNOT_CONNECT
        if command in ("run", "create"):
            self.err(run_error(command, CANNOT_CONNECT))
            return self._result(argv, 125)
        if command in ("inspect", "container inspect", "image inspect", "volume inspect"):
            self.out("[]\n")
        self.err(("ERROR: " if command == "build" else "") + CANNOT_CONNECT + "\n")
        return self._result(argv, 1)

    def _warnings(self, warnings) -> None:
        for stream, text in warnings or []:
            (self.out if stream == "stdout" else self.err)(text if text.endswith("\n") else text + "\n")

    def _call(self, argv, command, fn) -> CommandResult:
        try:
            ret = fn()
        except CLIError as e:
            self.err(e.message.rstrip("\n") + "\n")
            return self._result(argv, e.exit_code)
        except SpecError as e:
            self.err(run_error(command, str(e)))
            return self._result(argv, 125)
        except ExecError as e:
            self.err(run_error(command, f"Error response from daemon: {e.message}"))
            return self._result(argv, e.exit_code)
        except BuildError:
            return self._result(argv, 1)
        except (KeyboardInterrupt, SystemExit):
            raise
        except DaemonError as e:
            return self._daemon_error(argv, command, e.message)
        except FSError as e:
            if not e.path.startswith(DOCKER_ROOT + "/") or os.environ.get("DOCKSTORE_DEBUG"):
                return self._internal_error(argv, command, e)
            # a file of the engine's own store is gone or changed under it (a container with
            # `-v /:/host` or a %host command damaged /var/lib/docker): the daemon's Go error
            return self._daemon_error(argv, command, go_path_error(e), note=DAMAGED_STORE)
        except Exception as e:
            return self._internal_error(argv, command, e)
        if isinstance(ret, tuple):
            code, value = ret
        else:
            code, value = (ret or 0), None
        return self._result(argv, code, value)

    def _daemon_error(self, argv, command, message: str, note: str = "") -> CommandResult:
        """An error response of the daemon, as the CLI prints it (and ``note``, a line of
        ours, after it)."""
        code = 1
        # docker/cli run.go reports the daemon's errors with reportError (exit 125);
        # create.go returns them as they are (exit 1)
        if command == "run":
            self.err(run_error(command, f"Error response from daemon: {message}"))
            code = 125
        elif command == "build":
            self.err(f"ERROR: failed to solve: {message}\n")
        else:
            self.err(f"Error response from daemon: {message}\n")
        if note:
            self.err(note + "\n")
        return self._result(argv, code)

    def _internal_error(self, argv, command, e: Exception) -> CommandResult:
        """A bug of ours: one line for the user, the traceback only in the log (whose
        ``NullHandler``, set in the package, keeps it out of the notebook) or, with
        ``DOCKSTORE_DEBUG=1``, raised."""
        if os.environ.get("DOCKSTORE_DEBUG"):
            raise e
        import logging
        logging.getLogger("dockstore_magic").exception("internal error in docker %s", command)
        self.err(f"dockstore-magic: internal error ({type(e).__name__}: {e}); "
                 "set DOCKSTORE_DEBUG=1 to see the traceback\n")
        return self._result(argv, 1)

    def build_cell(self, argv: list[str], dockerfile: str, out=None, err=None) -> CommandResult:
        """``%%dockerfile``: the same options as ``docker build``; the cell is the Dockerfile."""
        from .commands.build import build_from_text
        self._begin(out, err)
        argv = exec_args(argv)
        try:
            try:
                parsed = cli_args.parse(["build"] + list(argv))          # a context folder given
            except cli_args.CLIUsageError:
                parsed = cli_args.parse(["build"] + list(argv) + ["."])  # none: the working dir
        except cli_args.CLIUsageError as e:
            msg = e.message.replace("docker buildx build", "%%dockerfile").replace("docker build", "%%dockerfile")
            self.err(msg + ("" if msg.endswith("\n") else "\n"))
            return self._result(argv, e.exit_code)
        if parsed.help:
            text = parsed.help_text
            for use in ("docker buildx build [OPTIONS] PATH | URL | -",
                        "docker build [OPTIONS] PATH | URL | -"):
                text = text.replace(use, "%%dockerfile [OPTIONS] [PATH]")
            self.out(text)
            return self._result(argv, 0)
        refused = self._refused(parsed)
        if refused:
            self.err(refused + "\n")
            return self._result(argv, 125)
        if not self.engine.service.ensure_running():
            return self._no_daemon(["%%dockerfile"] + list(argv), "build")
        fire_due(self.engine)
        return self._call(["%%dockerfile"] + list(argv), "build",
                          lambda: build_from_text(self, parsed.opts, parsed.args, dockerfile))

    def _nested(self, argv: list[str], cwd: str | None = None) -> tuple[int, str, str]:
        """``docker`` typed in a host shell: a CLI of its own, in the shell's current folder,
        captured for the shell."""
        r = DockerCLI(self.engine, cwd=cwd or self.cwd).run(argv)
        return r.exit_code, r.stdout, r.stderr

    def host(self, script: str, out=None, err=None) -> CommandResult:
        """A shell on the Docker host's own filesystem (root, in /root)."""
        from ..shell import Shell, ShellContext
        self._begin(out, err)
        eng = self.engine
        fire_due(eng)
        ctx = ShellContext(fs=eng.host.fs, env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                                 "HOME": "/root", "USER": "root", "HOSTNAME": "docker-host"},
                           cwd="/root", clock=eng.clock.now, hostname="docker-host", argv0="bash",
                           check_executables=False, tool_flavor="gnu",
                           df_info=lambda: host_df(eng), docker=self._nested,
                           services=eng.service, shell_flavor="bash",
                           on_sleep=lambda seconds: pass_time(eng, seconds))
        res = Shell(ctx).run_script(script)
        for fd, data in res.events:
            text = (data if isinstance(data, (bytes, bytearray)) else data.read(0, 1 << 20)).decode("utf-8", "replace")
            (self.out if fd == 1 else self.err)(text)
        return self._result(["host", script], res.exit_code, None)


#: said once after a daemon error caused by a damaged /var/lib/docker
DAMAGED_STORE = ("dockstore-magic: the simulated host's /var/lib/docker is damaged (a file the "
                 "engine keeps is missing or changed); `%dockstore reset` starts over")

#: the Go call (os.Open, os.Lstat, …) behind each method of the simulated filesystem, named as
#: a Go ``*PathError`` names it (``open /var/lib/docker/…: no such file or directory``)
_GO_OPS = {"read_blob": "open", "read_bytes": "open", "read_text": "open", "listdir": "open",
           "write": "open", "lstat": "lstat", "stat": "stat", "exists": "stat", "isdir": "stat",
           "mkdir": "mkdir", "unlink": "remove", "rmdir": "remove", "remove_tree": "unlinkat",
           "rename": "rename", "symlink": "symlink", "readlink": "readlink", "chmod": "chmod",
           "chown": "lchown", "utime": "chtimes", "link": "link"}


_FS_DIR = os.path.dirname(_fs_errors.__file__) + os.sep


def go_path_error(e: FSError) -> str:
    """An FSError as Go prints the ``*os.PathError`` the daemon would have met: the call, the
    path, and the errno's text (Go's table is glibc's strerror with a lower-case first letter).
    The call is the simulated-fs method the engine called, found in the traceback."""
    op = "open"
    tb = e.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.startswith(_FS_DIR) and code.co_name in _GO_OPS:
            op = _GO_OPS[code.co_name]
            break
        tb = tb.tb_next
    text = os.strerror(e.code)
    return f"{op} {e.path}: {text[:1].lower()}{text[1:]}"


def exec_args(argv: list[str]) -> list[str]:
    """The words a program receives: execve(2) copies each argument up to its first NUL byte,
    so a NUL typed in a magic's line ends that word there, as it would in a terminal."""
    return [a.split("\0", 1)[0] for a in argv]


def host_df(engine):
    total, used = engine.disk()
    return [("/dev/vda1", total, used, total - used, "/"),
            ("tmpfs", 12 * 1024 ** 3, 0, 12 * 1024 ** 3, "/dev/shm")]
