"""The ``node`` image: its entrypoint and ``node``.

nodejs/docker-node ``docker-entrypoint.sh`` runs the command with ``node`` in front when the
first argument is an option, is not a command on ``$PATH``, or is a file that is not
executable (``docker run node app.js``); anything else is ``exec``\\ed unchanged.  ``node``
itself runs no JavaScript here: ``--version``, the REPL reading an empty stdin (what ``docker
run node`` does without ``-it``: it exits at once) and a missing script's error are simulated.
"""
from __future__ import annotations

from ...fs.errors import FSError
from ...shell.commands.base import Cmd, command
from .base import entrypoint, exec_args, serve_forever

VERSION = "22.12.0"


@entrypoint("node")
def node_entrypoint(cmd: Cmd, args: list[str]) -> int:
    if args:
        first = args[0]
        found = cmd.sh.resolve_exec(first, cmd.env.get("PATH"))[0] == "ok"
        plain_file = False
        try:
            st = cmd.fs.stat(first, cwd=cmd.cwd)
            plain_file = st.is_file and not st.perm & 0o111
        except FSError:
            pass
        if first.startswith("-") or not found or plain_file:
            args = ["node", *args]
    return exec_args(cmd, args)


def _version(cmd: Cmd) -> str:
    return cmd.env.get("NODE_VERSION") or VERSION


@command("node", "nodejs")
def cmd_node(cmd: Cmd) -> int:
    args = list(cmd.args)
    if args[:1] in (["-v"], ["--version"]):
        cmd.write(f"v{_version(cmd)}\n")
        return 0
    if not args:
        if cmd.ctx.tty:
            cmd.write(f"Welcome to Node.js v{_version(cmd)}.\nType \".help\" for more information.\n> ")
            return serve_forever(cmd)
        return 0                       # the REPL reads an empty stdin and ends
    script = args[0]
    if not script.startswith("-"):
        path = script if script.startswith("/") else f"{cmd.cwd.rstrip('/')}/{script}"
        if not cmd.fs.exists(path):
            cmd.raw_err("node:internal/modules/cjs/loader:1252\n  throw err;\n  ^\n\n"
                        f"Error: Cannot find module '{path}'\n"
                        "    at Function._resolveFilename (node:internal/modules/cjs/loader:"
                        "1249:15)\n    at Function._load (node:internal/modules/cjs/loader:"
                        "1075:27)\n    at TracingChannel.traceSync (node:diagnostics_channel:"
                        "322:14)\n    at wrapModuleLoad (node:internal/modules/cjs/loader:219:24)\n"
                        "    at Function.executeUserEntryPoint [as runMain] (node:internal/"
                        "modules/run_main:170:5)\n    at node:internal/main/run_main_module:"
                        "36:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\n"
                        f"Node.js v{_version(cmd)}\n")
            return 1
    cmd.err("dockstore-magic runs no JavaScript code: only --version and the REPL on an empty "
            "stdin are simulated")
    return 1
