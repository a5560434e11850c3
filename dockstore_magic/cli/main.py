"""The docker CLI over the simulated engine: parse the arguments as docker/cli does, call the
engine, print what docker prints (stdout/stderr, exit status)."""
from __future__ import annotations

import io
import os
from typing import Callable

from ..errors import DaemonError, ExecError, BuildError
from ..mounts import SpecError
from ..result import CommandResult
from . import args as cli_args


class CLIError(Exception):
    """A client-side error: printed as is on stderr with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message, self.exit_code = message, exit_code


class DockerCLI:
    def __init__(self, engine, cwd: str | None = None):
        self.engine = engine
        self.cwd = cwd or os.getcwd()
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
        opts = dict(parsed.opts)
        opts["_changed"] = set(parsed.changed)
        return self._call(argv, parsed.command, lambda: fn(self, opts, parsed.args))

    @staticmethod
    def _refused(parsed) -> str | None:
        """A flag given that the simulator does not carry out (cli/simulated.py)."""
        from .simulated import refusal, refusal_global
        return (refusal_global(parsed.global_opts.get("_changed", ()))
                or refusal(parsed.command, parsed.changed, parsed.opts))

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
            # docker/cli run.go reports the daemon's errors with reportError (exit 125);
            # create.go returns them as they are (exit 1)
            if command == "run":
                self.err(run_error(command, f"Error response from daemon: {e.message}"))
                return self._result(argv, 125)
            self.err(f"Error response from daemon: {e.message}\n")
            return self._result(argv, 1)
        except Exception as e:  # a bug of ours: one line for the user, the details in the log
            if os.environ.get("DOCKSTORE_DEBUG"):
                raise
            import logging
            logging.getLogger("dockstore_magic").exception("internal error in docker %s", command)
            self.err(f"dockstore-magic: internal error ({type(e).__name__}: {e}); "
                     "set DOCKSTORE_DEBUG=1 to see the traceback\n")
            return self._result(argv, 1)
        if isinstance(ret, tuple):
            code, value = ret
        else:
            code, value = (ret or 0), None
        return self._result(argv, code, value)

    def build_cell(self, argv: list[str], dockerfile: str, out=None, err=None) -> CommandResult:
        """``%%dockerfile``: the same options as ``docker build``; the cell is the Dockerfile."""
        from .commands.build import build_from_text
        self._begin(out, err)
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
        return self._call(["%%dockerfile"] + list(argv), "build",
                          lambda: build_from_text(self, parsed.opts, parsed.args, dockerfile))

    def _nested(self, argv: list[str]) -> tuple[int, str, str]:
        """``docker`` typed in a host shell: a CLI of its own, captured for the shell."""
        r = DockerCLI(self.engine, cwd=self.cwd).run(argv)
        return r.exit_code, r.stdout, r.stderr

    def host(self, script: str, out=None, err=None) -> CommandResult:
        """A shell on the Docker host's own filesystem (root, in /root)."""
        from ..shell import Shell, ShellContext
        self._begin(out, err)
        eng = self.engine
        ctx = ShellContext(fs=eng.host.fs, env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                                 "HOME": "/root", "USER": "root", "HOSTNAME": "docker-host"},
                           cwd="/root", clock=eng.clock.now, hostname="docker-host", argv0="sh",
                           check_executables=False, tool_flavor="gnu",
                           df_info=lambda: host_df(eng), docker=self._nested)
        res = Shell(ctx).run_script(script)
        for fd, data in res.events:
            text = (data if isinstance(data, (bytes, bytearray)) else data.read(0, 1 << 20)).decode("utf-8", "replace")
            (self.out if fd == 1 else self.err)(text)
        return self._result(["host", script], res.exit_code, None)


def run_error(command: str, message: str) -> str:
    """How ``docker run``/``create`` report an error (docker/cli 28: run.go toStatusError)."""
    return f"docker: {message}\n\nRun 'docker {command} --help' for more information\n"


def host_df(engine):
    total, used = engine.disk()
    return [("/dev/vda1", total, used, total - used, "/"),
            ("tmpfs", 12 * 1024 ** 3, 0, 12 * 1024 ** 3, "/dev/shm")]
