"""bash features of the host's root shell (``%host``), checked against the real ``bash`` of
this machine: brace expansion, ``[[ ]]`` (with ``=~`` and BASH_REMATCH), arrays, ``$'…'``,
``(( ))`` and ``for ((…))``, ``<<<`` and ``function f { … }``.  Containers keep their image's shell: busybox ash has ``$'…'``
and ``[[ ]]`` but neither brace expansion nor arrays; dash has none of them."""
import shutil
import subprocess

import pytest

from dockstore_magic.shell.sandbox import make_busybox_fs, make_debian_fs, sh

SCRIPTS = [
    "echo {a,b}{1..3} x{,y}z {01..03} {c..a} {1..10..4} {5..1} '{a,b}' \\{a,b} {a} {} a{b,c{d,e}}f",
    "for i in {1..3}; do echo \"n=$i\"; done; echo pre{A,B}\"q u\"{x,y}",
    "h=/h; echo ${h}{1,2} \"${h}\"{a,b} $(echo c){d,e}",
    "echo $'a\\tb\\x41\\101\\n\\e' $'it\\'s' $'' \"$'x'\"",
    "x=hello; [[ $x == h* ]] && echo glob; [[ $x =~ ^h(el)l ]] && echo re ${BASH_REMATCH[1]} ${BASH_REMATCH[0]}; "
    "[[ -n $x && ! -z $x ]] && echo and; [[ a < b ]] && echo lt; [[ $x != hello || 1 -eq 1 ]] && echo or",
    "x=(1 \"2 3\" 4); echo ${x[1]} ${#x[@]} ${x[-1]} \"${!x[@]}\" $x ${#x[1]}; "
    "for i in \"${x[@]}\"; do echo \"[$i]\"; done; for i in ${x[@]}; do echo \"<$i>\"; done",
    "x=(a b); x+=(c); x[5]=f; echo ${x[*]} ${#x[@]} ${!x[@]}; unset 'x[0]'; echo ${x[@]}; "
    "unset x; echo \"[${x[@]}]\"; y=ab; y+=cd; echo $y; z=(p q); echo ${z[@]/q/Q} ${z[@]^^} ${y^} ${y^^[bc]}",
    "a=(); echo ${#a[@]}; a[2]=x; echo ${#a[@]} ${!a[@]}; s=str; s[1]=t; echo ${s[@]}; "
    "IFS=,; arr=(one two); echo \"${arr[*]}\"",
    "(( 2 > 1 )) && echo arith; i=0; while (( i < 3 )); do ((i++)); done; echo $i; "
    "for ((j=0; j<3; j++)); do echo j$j; done; ((0)); echo $?; for ((;;)); do break; done; echo end",
    "cat <<< \"here string\"; read a b <<< \"1 2\"; echo $b; function f { echo in f $1; }; f x; "
    "function g() { echo g; }; g; tr a-z A-Z <<<abc",
]


@pytest.mark.skipif(not shutil.which("bash"), reason="no bash on this machine")
@pytest.mark.parametrize("script", SCRIPTS)
def test_the_host_shell_prints_what_bash_prints(script):
    real = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": "/root"})
    r, _ = sh(make_debian_fs(), script, shell_flavor="bash", argv0="bash")
    assert (r.exit_code, r.output.decode()) == (real.returncode, real.stdout + real.stderr)


@pytest.mark.skipif(not shutil.which("busybox"), reason="no busybox on this machine")
@pytest.mark.parametrize("script", [
    "echo {a,b} {1..3}; echo $'a\\tb\\x41'; [[ a == a ]] && echo dbl",
])
def test_a_busybox_container_keeps_ash(script):
    real = subprocess.run(["busybox", "sh", "-c", script], capture_output=True, text=True)
    r, _ = sh(make_busybox_fs(), script)
    assert (r.exit_code, r.output.decode()) == (real.returncode, real.stdout + real.stderr)


def test_ash_and_dash_have_no_arrays():
    for fs in (make_busybox_fs(), make_debian_fs()):
        r, _ = sh(fs, "x=(1 2)")
        assert r.exit_code == 2 and "(" in r.output.decode()
    r, _ = sh(make_debian_fs(), "echo {a,b} $'x'")
    assert r.output.decode() == "{a,b} $x\n"


def test_percent_host_is_bash(sim):
    r = sim.host("for i in {1..3}; do echo $i; done; nosuch")
    assert r.stdout == "1\n2\n3\n"
    assert r.stderr == "bash: line 1: nosuch: command not found\n"
