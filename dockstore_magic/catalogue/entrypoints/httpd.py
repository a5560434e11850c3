"""The ``httpd`` image: ``httpd-foreground`` and ``httpd``.

``httpd-foreground`` (docker-library/httpd) removes a stale ``logs/httpd.pid`` and ``exec``\\s
``httpd -DFOREGROUND``; httpd logs to the container's stdout/stderr (the image's
``httpd.conf`` points ``ErrorLog`` and ``CustomLog`` at ``/proc/self/fd/2`` and ``/1``) and
writes its pid file.  The pages it serves are ``/usr/local/apache2/htdocs``, where the
documentation bind-mounts a site.
"""
from __future__ import annotations

from ...fs.errors import FSError
from ...shell.commands.base import Cmd, command
from .base import entrypoint, serve_forever, stamp

VERSION = "2.4.62"
PREFIX = "/usr/local/apache2"


@entrypoint("httpd")
def httpd_foreground(cmd: Cmd, args: list[str]) -> int:
    try:
        cmd.fs.unlink(f"{PREFIX}/logs/httpd.pid")
    except FSError:
        pass
    return cmd.run(["httpd", "-DFOREGROUND", *args])


@command("httpd")
def cmd_httpd(cmd: Cmd) -> int:
    args = list(cmd.args)
    if "-v" in args or "-V" in args:
        cmd.write(f"Server version: Apache/{VERSION} (Unix)\nServer built:   Dec  3 2024 "
                  "22:40:51\n")
        return 0
    if "-t" in args:
        cmd.raw_err("Syntax OK\n")
        return 0
    if not cmd.fs.isfile(f"{PREFIX}/conf/httpd.conf"):
        cmd.raw_err(f"httpd: Could not open configuration file {PREFIX}/conf/httpd.conf: No such "
                    "file or directory\n")
        return 1
    fqdn = ("AH00558: httpd: Could not reliably determine the server's fully qualified domain "
            "name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this "
            "message\n")
    t = stamp(cmd, "%a %b %d %H:%M:%S.123456 %Y")
    cmd.raw_err(fqdn + fqdn +
                f"[{t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{VERSION} (Unix) "
                "configured -- resuming normal operations\n"
                f"[{t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D "
                "FOREGROUND'\n")
    try:
        cmd.fs.write(f"{PREFIX}/logs/httpd.pid", b"1\n", mode=0o644)
    except FSError:
        pass
    return serve_forever(cmd)
