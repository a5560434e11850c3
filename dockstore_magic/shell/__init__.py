"""``dockstore_magic.shell``: a POSIX sh interpreter over a simulated filesystem.

It runs Dockerfile ``RUN`` steps, ``docker run``/``docker exec`` commands and ``%host``
cells.  Nothing touches the real machine: every command is a Python function working on
``ctx.fs`` (a :class:`~dockstore_magic.fs.FileSystem`), with the user's uid/gid, the
shell's cwd and environment, and it prints what the real tool prints (dash or busybox ash
for the shell; GNU coreutils/grep/sed/findutils/tar or busybox applets for the tools).

Public API::

    from dockstore_magic.shell import Shell, ShellContext, ShellResult
    ctx = ShellContext(fs=fs, env={"PATH": "...", "HOME": "/root"}, cwd="/", uid=0, gid=0,
                       stdin=b"", clock=time.time, hostname="abc123", argv0="/bin/sh",
                       check_executables=True)
    res = Shell(ctx).run_script("echo hi > /x && cat /x")   # /bin/sh -c SCRIPT
    res = Shell(ctx).run_argv(["ls", "-l", "/"])            # exec form: no shell parsing
    res.exit_code, res.stdout, res.stderr, res.output       # output: both, interleaved
    res.events                                              # [(1|2, bytes|Blob)] in order
    res.stdout_blob, res.output_blob                        # huge outputs stay blobs
    ctx.cwd, ctx.env                                        # updated when the script ends

``run_argv`` raises :class:`ExecNotFound` / :class:`ExecPermissionDenied` when the
executable is missing / not executable (the engine words Docker's OCI error).  Other
settings of :class:`ShellContext`: ``df_info`` (rows for ``df``), ``shell_flavor``
("dash"/"ash"/"bash", else detected from what ``argv0`` resolves to), ``tool_flavor``
("gnu"/"busybox" when executables are not checked), ``tty`` (``ls`` prints columns),
``pid`` (``$$``), ``umask``, ``max_steps`` (endless-loop guard), ``nproc``, ``kernel``,
``machine``, ``on_sleep(seconds)`` (an exception raised there propagates unchanged out of
``run_script``/``run_argv``; ``Shell.events`` then holds the output so far), ``groups``.

Fidelity rules
--------------
* A command runs only if found: shell builtins always; anything else only when an
  executable for it exists on ``$PATH`` in the fs (``check_executables=False`` skips that,
  for the host).  Missing: ``/bin/sh: 1: foo: not found`` (dash) or ``/bin/sh: foo: not
  found`` (busybox ash), 127; present without x bit: ``Permission denied``, 126; present
  but not simulated: ``dockstore-magic: 'foo' is not simulated``, 127.
* Which implementation answers is chosen by the invoked name (busybox applets: symlinks,
  hard links or copies of busybox); whether it speaks busybox or GNU depends on whether the
  file it resolves to is busybox.  Scripts run by their ``#!`` line.
* Permissions are checked (root bypasses, except execute); files are created with the
  user's uid/gid and the umask.  Big files are blobs (``dd``, ``truncate`` – sparse –,
  ``fallocate``, ``cat big > copy`` share or concatenate them, never materialise them).
* No Python traceback reaches the user: an unexpected exception in a command becomes
  ``cmd: internal error: …`` and status 1 (see ``interp.LAST_ERROR``).

Simulated programs
------------------
Builtins: ``: . [ alias break cd chdir command continue echo eval exec exit export false
getopts hash kill local printf pwd read readonly return set shift source test times trap
true type ulimit umask unalias unset wait``.

Programs (need an executable in the fs): ``[ addgroup adduser apk apt apt-get arch ash awk
(gawk mawk nawk) base64 basename bash cat chgrp chmod chown clear cp curl cut dash date dd
df dir dirname dpkg dpkg-query du echo egrep env fallocate false fgrep find free getent grep
groupadd groups gunzip gzip head hexdump hostname id install ionice kill ln ls md5sum mkdir
mktemp mv nice nl nohup npm nproc od paste pip pip3 printenv printf ps pwd readlink realpath
reset rev rm rmdir sed seq setsid sh sha1sum sha224sum sha256sum sha384sum sha512sum sleep
sort stat stdbuf sync tail tar tee test timeout touch tr true truncate tty uname uniq
useradd usermod vdir wc wget which whoami xargs xxd zcat``.

``curl``/``wget`` fail as without network (``curl: (6) Could not resolve host``).
``sleep`` returns at once (``ctx.on_sleep`` is told).  Package managers
(:mod:`.commands.pkgs`) install from built-in tables (:mod:`.commands.pkgdata`): apt and
apk know only their table (an unknown package fails as the real tool does: ``E: Unable to
locate package foo``, 100; apk ``ERROR: unable to select packages``); apt needs a prior
``apt-get update``, apk an index (``--no-cache``, ``-U`` or ``apk update``); pip and npm
accept any well-formed name, synthesising an unknown one as a small package.
"""
from .context import ShellContext, ShellResult, ExecNotFound, ExecPermissionDenied
from .interp import Shell
from .commands import COMMANDS, BUILTINS

__all__ = ["Shell", "ShellContext", "ShellResult", "ExecNotFound", "ExecPermissionDenied",
           "COMMANDS", "BUILTINS"]
