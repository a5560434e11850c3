"""The simulated shell against a real busybox container: the same scripts, run in a
container of the busybox rootfs (``dsm-busybase:1``) and in the simulator on a TreeFS loaded
from the same tarball, must print the same bytes and exit with the same status."""
import tarfile

import pytest

from dockstore_magic.fs import TreeFS
from dockstore_magic.shell import Shell, ShellContext

pytestmark = pytest.mark.requires_docker

SCRIPTS = [
    "ls /nope; echo $?",
    "cat /nope; rm /x; foo; echo $?",
    "mkdir /tmp/d && mkdir /tmp/d; echo $?",
    "cd /tmp && mkdir -p a/b/c && ls -R a && touch x y && ls && ls -a",
    "cd /tmp && echo abc > f && wc f && wc -l f && echo a b | wc && md5sum f",
    "cd /tmp && printf 'b\\na\\nc\\na\\n' > f && sort f && sort -u f && sort f | uniq -c",
    "printf 'x:y:z\\n' | cut -d: -f2; echo hello | tr a-z A-Z; echo hello | sed 's/l/L/g'",
    "cd /tmp && echo hello > f && grep -c l f && grep -n ell f && grep nope f; echo $?",
    "rmdir /nope; cp /nope /tmp/x; mv /nope /tmp/y; chmod 777 /nope; echo $?",
    "head /nope; tail /nope; wc /nope; stat /nope; echo $?",
    "cd /tmp && echo x > f && chmod 640 f && stat -c '%a %A %U %G %s %n %F' f",
    "echo $((3*4)) ${x:-def}; [ 1 -eq a ]; echo $?; [ 1 = 1; echo $?",
    "printf '%5.2f|%-4s|%x|%c|%b\\n' 3.14159 ab 255 hello 'a\\tb'; printf '%d\\n' abc",
    "echo -e 'a\\tb'; echo 'a\\tb'; id; id -u nobody",
    "cd /nope; echo $?; sh -c 'exit 4'; echo $?; set -e; false; echo no",
    "if true; then echo",
    "echo 'unterminated",
    "cd /tmp && dd if=/dev/zero of=z bs=1k count=10 2>/dev/null && du z && du -h z",
    "cd /tmp && ln -s target l && readlink l && ln -s f l; echo $?",
]
SEP = "@@dsm@@"


def _load(tar_path) -> TreeFS:
    fs = TreeFS(clock=lambda: 1704067200.0)
    with tarfile.open(tar_path) as tf:
        for m in tf.getmembers():
            p = "/" + m.name.strip("/")
            if p == "/":
                continue
            if m.isdir():
                fs.mkdir(p, mode=m.mode)
                fs.chmod(p, m.mode)
            elif m.issym():
                fs.symlink(m.linkname, p)
            elif m.islnk():
                fs.link("/" + m.linkname.strip("/"), p)
            else:
                fs.write(p, tf.extractfile(m).read(), mode=m.mode)
                fs.chmod(p, m.mode)
    return fs


def test_scripts_match_a_real_busybox_container(real_docker, real_busybase):
    wrapper = "".join(f"sh -c {_q(s)} 2>&1; echo \"{SEP}$?\"\n" for s in SCRIPTS)
    real = real_docker.run("run", "--rm", real_busybase.ref, "sh", "-c", wrapper, check=False)
    chunks = real.stdout.split(SEP)
    real_results = []
    for i, s in enumerate(SCRIPTS):
        text = chunks[i] if i == 0 else chunks[i].split("\n", 1)[1]
        rc = int(chunks[i + 1].split("\n", 1)[0])
        real_results.append((rc, text))
    mismatches = []
    fs = _load(real_busybase.tar)          # one filesystem, as the scripts share one container
    for s, (rc, text) in zip(SCRIPTS, real_results):
        ctx = ShellContext(fs=fs, clock=lambda: 1704067200.0, argv0="sh",
                           env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                "HOME": "/root"})
        r = Shell(ctx).run_script(f"sh -c {_q(s)} 2>&1")
        got = r.stdout.decode("utf-8", "replace")
        if (r.exit_code, got) != (rc, text):
            mismatches.append(f"$ {s}\n  real: {rc} {text!r}\n  sim:  {r.exit_code} {got!r}")
    assert not mismatches, "\n".join(mismatches)


def _q(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"
