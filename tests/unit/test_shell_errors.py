"""Command lookup, exec-form errors, redirection errors, devices, guards: nothing may leak a
Python traceback, and every failure is worded as the real tool words it."""
import pytest

from dockstore_magic.fs import TreeFS, FillerBlob
from dockstore_magic.shell import (Shell, ShellContext, ExecNotFound, ExecPermissionDenied,
                                   COMMANDS)
from dockstore_magic.shell.commands.base import command
from dockstore_magic.shell.sandbox import make_busybox_fs, make_debian_fs, sh, NOW
from unit.shell_fixtures import out


def test_run_argv_exec_form():
    fs = make_debian_fs()
    ctx = ShellContext(fs=fs, clock=lambda: NOW)
    r = Shell(ctx).run_argv(["ls", "-d", "/etc", "$HOME"])          # no shell expansion
    assert (r.exit_code, r.stdout, r.stderr) == \
        (2, b"/etc\n", b"ls: cannot access '$HOME': No such file or directory\n")
    with pytest.raises(ExecNotFound) as e:
        Shell(ctx).run_argv(["nosuch", "x"])
    assert e.value.name == "nosuch" and e.value.in_path
    with pytest.raises(ExecNotFound) as e:
        Shell(ctx).run_argv(["/no/such"])
    assert not e.value.in_path
    fs.write("/script", "echo hi\n", mode=0o644)
    with pytest.raises(ExecPermissionDenied):
        Shell(ctx).run_argv(["/script"])
    with pytest.raises(ExecPermissionDenied):
        Shell(ctx).run_argv(["/etc"])
    r = Shell(ctx).run_argv(["/bin/sh", "-c", "echo $0; exit 3"])
    assert (r.exit_code, r.output) == (3, b"/bin/sh\n")
    r = Shell(ctx).run_argv(["/usr/bin/env"])
    assert r.stdout == b"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"


def test_commands_need_an_executable_in_the_fs():
    fs = make_busybox_fs()
    assert out(fs, "rm /bin/ls; ls /; echo $?; /bin/ls") == \
        (127, "/bin/sh: ls: not found\n127\n/bin/sh: /bin/ls: not found\n")
    # builtins need nothing
    assert out(fs, "echo ok; printf 'p\\n'; pwd; [ 1 = 1 ] && echo t") == (0, "ok\np\n/\nt\n")
    # a file without x bit on PATH: dash/ash report Permission denied, 126
    fs.write("/usr/local/bin/tool", FillerBlob(100, "t"), mode=0o644)
    assert out(fs, "tool") == (126, "/bin/sh: tool: Permission denied\n")
    fs.write("/usr/local/bin/real", FillerBlob(100, "r"), mode=0o755)
    assert out(fs, "real --help") == (127, "dockstore-magic: 'real' is not simulated\n")
    # without checks (the host), coreutils are assumed present
    empty = TreeFS(clock=lambda: NOW)
    assert out(empty, "mkdir /x && ls / && nosuch", check_executables=False,
               shell_flavor="dash", tool_flavor="gnu") == \
        (127, "x\n/bin/sh: 1: nosuch: not found\n")


def test_busybox_dispatch_by_name_symlinks_and_hardlinks():
    fs = make_busybox_fs()
    fs.unlink("/bin/cat")
    fs.link("/bin/busybox", "/bin/cat")                 # as some images ship applets
    assert out(fs, "cat /nope; busybox cat /nope; busybox nosuch") == \
        (127, "cat: can't open '/nope': No such file or directory\n"
              "cat: can't open '/nope': No such file or directory\nnosuch: applet not found\n")
    # GNU coreutils installed on alpine take over with their own wording
    fs.write("/usr/local/bin/ls", FillerBlob(140000, "gnu-ls"), mode=0o755)
    assert out(fs, "ls /nope") == (2, "ls: cannot access '/nope': No such file or directory\n")


def test_redirection_errors_and_devices():
    deb, bb = make_debian_fs(), make_busybox_fs()
    s = "echo x > /no/dir/f; echo $?; echo x > /etc; echo $?; cat < /nope; echo $?"
    assert out(deb, s) == (0, "/bin/sh: 1: cannot create /no/dir/f: Directory nonexistent\n2\n"
                              "/bin/sh: 1: cannot create /etc: Is a directory\n2\n"
                              "/bin/sh: 1: cannot open /nope: No such file\n2\n")
    assert out(bb, s) == (0, "/bin/sh: can't create /no/dir/f: nonexistent directory\n1\n"
                             "/bin/sh: can't create /etc: Is a directory\n1\n"
                             "/bin/sh: can't open /nope: no such file\n1\n")
    # /dev/null, /dev/zero, /dev/urandom work although the fs has no /dev nodes
    assert out(deb, "echo gone > /dev/null; cat /dev/null | wc -c; head -c 3 /dev/zero | wc -c; "
                    "dd if=/dev/urandom of=/r bs=1k count=2 2>/dev/null; stat -c %s /r; "
                    "ls nope 2>/dev/null; echo $?; echo err >&2 2>/dev/null; "
                    "{ echo out; echo err >&2; } 2>&1 >/dev/null") == \
        (0, "0\n3\n2048\n2\nerr\nerr\n")
    assert out(deb, "ls >&3") == (2, "/bin/sh: 1: 3: Bad file descriptor\n")
    assert out(deb, "echo a > /f; echo b >> /f; cat /f; exec >/g; echo into g; exec 2>&1") == \
        (0, "a\nb\n")
    assert deb.read_text("/g") == "into g\n"


def test_output_interleaving_and_streams():
    fs = make_debian_fs()
    r, _ = sh(fs, "echo 1; echo 2 >&2; echo 3; ls /nope; echo 4")
    assert r.stdout == b"1\n3\n4\n"
    assert r.stderr == b"2\nls: cannot access '/nope': No such file or directory\n"
    assert r.output == b"1\n2\n3\nls: cannot access '/nope': No such file or directory\n4\n"
    r, _ = sh(fs, "cat", stdin=b"from stdin\n")
    assert r.output == b"from stdin\n"


def test_state_persists_in_context():
    fs = make_debian_fs()
    r, ctx = sh(fs, "cd /etc && export NEW=1 && LOCAL=2")
    assert ctx.cwd == "/etc" and ctx.env["NEW"] == "1" and "LOCAL" not in ctx.env
    r = Shell(ctx).run_script("pwd; echo $NEW")
    assert r.output == b"/etc\n1\n"


def test_internal_errors_never_leak_a_traceback():
    @command("boom-test")
    def boom(cmd):
        raise KeyError("oops")
    try:
        fs = make_debian_fs()
        r, _ = sh(fs, "boom-test; echo after", check_executables=False, shell_flavor="dash")
        assert r.exit_code == 0
        assert r.output == b"boom-test: internal error: KeyError: 'oops'\nafter\n"
        assert b"Traceback" not in r.output
    finally:
        COMMANDS.pop("boom-test", None)


def test_endless_loops_are_stopped():
    fs = make_debian_fs()
    r, _ = sh(fs, "while true; do :; done; echo never", max_steps=5000)
    assert r.exit_code == 124
    assert r.output == b"dockstore-magic: step limit exceeded (endless loop?)\n"
    r, _ = sh(fs, "f() { f; }; f; echo not reached")
    assert (r.exit_code, r.output) == \
        (2, b"/bin/sh: 1: f: maximum function nesting level exceeded (200)\n")
    r, _ = sh(fs, "cat /dev/zero > /f; echo $?")
    assert r.output == b"cat: write error: No space left on device\n1\n"


def test_sleep_hook_and_exceptions_pass_through():
    fs = make_debian_fs()
    slept = []
    r, _ = sh(fs, "sleep 2; sleep 1.5; echo done", on_sleep=slept.append)
    assert slept == [2.0, 1.5] and r.output == b"done\n"

    class Blocked(Exception):
        pass

    def block(seconds):
        raise Blocked(seconds)
    ctx = ShellContext(fs=fs, clock=lambda: NOW, on_sleep=block)
    shell = Shell(ctx)
    with pytest.raises(Blocked):
        shell.run_argv(["sh", "-c", "echo started; sleep infinity; echo never"])
    assert shell.events == [(1, b"started\n")]


def test_user_management_commands():
    deb, bb = make_debian_fs(), make_busybox_fs()
    assert out(deb, "useradd -m -u 1001 app && id app && ls -ld /home/app | cut -c1-30 && "
                    "groupadd -r svc && getent group svc") == \
        (0, "uid=1001(app) gid=1001(app) groups=1001(app)\ndrwxr-xr-x 2 app app 4096 Nov \n"
            "svc:x:999:\n")
    assert out(bb, "addgroup -S grp && adduser -S -G grp -D usr && id usr && adduser usr") == \
        (1, "uid=100(usr) gid=101(grp) groups=101(grp)\nadduser: user 'usr' in use\n")
    assert out(deb, "useradd x", uid=1000, gid=1000)[0] == 1
