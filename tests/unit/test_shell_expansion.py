"""Word expansion: parameters, arithmetic, command substitution, field splitting, globbing."""
from dockstore_magic.shell.sandbox import make_debian_fs, sh
from unit.shell_fixtures import out, deb_per_module, bb_per_module  # noqa: F401 (fixtures)


def test_parameters(deb):
    s = ('x=hello; echo ${#x} ${x#h} ${x%lo} ${x##*l} ${x%%l*} ${y:-def} ${y-d2} ${x:+set} '
         '${y:+set}; y=; echo "[${y:-e}]" "[${y-n}]"; echo ${z:=assigned} $z')
    assert out(deb, s) == (0, "5 ello hel o he def d2 set\n[e] []\nassigned assigned\n")
    assert out(deb, 'echo "${HOME}" $HOME/x "$HOME"s ${HOME}s') == \
        (0, "/root /root/x /roots /roots\n")
    assert out(deb, "echo $? $$ $#; false; echo $?") == (0, "0 1 0\n1\n")
    assert out(deb, "set -- a 'b c' d; echo $# $1 $3; for a in \"$@\"; do echo \"[$a]\"; done; "
                    "for a in $*; do echo \"<$a>\"; done; echo \"$*\"") == \
        (0, "3 a d\n[a]\n[b c]\n[d]\n<a>\n<b>\n<c>\n<d>\na b c d\n")
    assert out(deb, 'set --; for a in "$@"; do echo x; done; echo "[$@]"') == (0, "[]\n")


def test_parameter_errors(deb, bb):
    assert out(deb, "x=${y:?unset!}; echo no") == (2, "/bin/sh: 1: y: unset!\n")
    assert out(deb, "echo ${y?}") == (2, "/bin/sh: 1: y: parameter not set\n")
    assert out(deb, "set -u; echo $nope; echo after") == (2, "/bin/sh: 1: nope: parameter not set\n")
    assert out(bb, "set -u; echo $nope") == (2, "/bin/sh: nope: parameter not set\n")
    # ${x/a/b} and ${x:1:2} are ash extensions: dash rejects them
    assert out(deb, "x=abc; echo ${x/b/X}") == (2, "/bin/sh: 1: Bad substitution\n")
    assert out(bb, "x=abcabc; echo ${x/b/X} ${x//b/X} ${x:1:3} ${x: -2}") == \
        (0, "aXcabc aXcaXc bca bc\n")


def test_arithmetic(deb, bb):
    assert out(deb, "x=5; echo $((x*2+1)) $((x/2)) $((x%3)) $((-x)) $((x<3)) $((x==5?10:20)) "
                    "$((0x10)) $((010)) $(( (1+2)*3 )) $((x+=1)) $x") == \
        (0, "11 2 2 -5 0 10 16 8 9 6 6\n")
    assert out(deb, "echo $(( -7 / 2 )) $(( 7 % -3 ))") == (0, "-3 1\n")
    assert out(deb, "echo $((1/0)); echo after") == \
        (2, '/bin/sh: 1: arithmetic expression: division by zero: "1/0"\n')
    assert out(bb, "echo $((1/0))") == (2, "/bin/sh: divide by zero\n")
    assert out(bb, "echo $((2**10))") == (0, "1024\n")
    assert out(deb, "i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i") == (0, "3\n")


def test_command_substitution(deb):
    assert out(deb, 'echo $(echo a $(echo b)) `echo c` "$(printf "%s\\n" x y)"') == \
        (0, "a b c x\ny\n")
    assert out(deb, "x=$(false); echo $?; y=$(exit 3); echo $?") == (0, "1\n3\n")
    assert out(deb, 'x="$(printf "a\\n\\n\\n")"; echo "[$x]"') == (0, "[a]\n")
    assert out(deb, "echo $(echo err >&2; echo out)") == (0, "err\nout\n")
    assert out(deb, "x=$(cat <<EOF\nin heredoc\nEOF\n); echo $x") == (0, "in heredoc\n")


def test_field_splitting(deb):
    assert out(deb, "x='a  b'; echo $x \"$x\"; set -- $x; echo $#") == (0, "a b a  b\n2\n")
    assert out(deb, "IFS=:; x=a:b::c; for i in $x; do echo \"[$i]\"; done") == \
        (0, "[a]\n[b]\n[]\n[c]\n")
    assert out(deb, "x=''; set -- $x; echo $#; set -- \"$x\"; echo $#") == (0, "0\n1\n")
    assert out(deb, "printf 'a b c\\n' | { read x y; echo \"[$x][$y]\"; }") == (0, "[a][b c]\n")
    assert out(deb, "printf ' lead  trail \\n' | { read -r v; echo \"[$v]\"; }") == (0, "[lead  trail]\n")


def test_tilde_and_assignment(deb):
    assert out(deb, "echo ~ ~/x ~root ~nobody '~'") == (0, "/root /root/x /root /nonexistent ~\n")
    assert out(deb, "X=1 sh -c 'echo $X'; echo \"[$X]\"") == (0, "1\n[]\n")
    assert out(deb, "export A=1; B=2; sh -c 'echo $A-$B'") == (0, "1-\n")
    assert out(deb, "unset HOME; echo ${HOME:-unset}") == (0, "unset\n")


def test_globbing():
    fs = make_debian_fs()
    r, _ = sh(fs, "mkdir /g && cd /g && touch a.txt b.txt c.md .hidden && mkdir sub && "
                  "echo *.txt; echo ?.md; echo [ab]*; echo [!a]*.txt; echo *; echo .*; "
                  "echo */; echo nomatch*; echo '*.txt' \"*\"; echo /g/*.md")
    assert r.output.decode() == ("a.txt b.txt\nc.md\na.txt b.txt\nb.txt\na.txt b.txt c.md sub\n"
                                 ". .. .hidden\nsub/\nnomatch*\n*.txt *\n/g/c.md\n")
    r, _ = sh(fs, "cd /g && set -f; echo *.txt")
    assert r.output == b"*.txt\n"
    r, _ = sh(fs, "cd /g && for f in *.txt; do echo \"file $f\"; done")
    assert r.output == b"file a.txt\nfile b.txt\n"


def test_echo_flavours(deb, bb):
    # dash's builtin echo always interprets escapes and has no -e
    assert out(deb, r"echo 'a\tb'; echo -e 'x\ty'; echo -n n; echo") == (0, "a\tb\n-e x\ty\nn\n")
    # busybox ash and GNU /bin/echo need -e
    assert out(bb, r"echo 'a\tb'; echo -e 'x\ty'; echo -n n; echo") == (0, "a\\tb\nx\ty\nn\n")
    assert out(deb, r"/bin/echo 'a\tb'; /bin/echo -e 'x\ty'") == (0, "a\\tb\nx\ty\n")


def test_printf(deb, bb):
    assert out(deb, r"printf '%s-%s\n' a b c; printf '%5.2f|%-4s|%x|%o|%c|%b|%03d|%+d\n' "
                    r"3.14159 ab 255 8 hello 'a\tb' 7 5") == \
        (0, "a-b\nc-\n 3.14|ab  |ff|10|h|a\tb|007|+5\n")
    assert out(deb, "printf '%d\\n' abc; echo $?") == \
        (0, "/bin/sh: 1: printf: abc: expected numeric value\n0\n1\n")
    assert out(bb, "printf '%d\\n' abc; echo $?") == (0, "sh: invalid number 'abc'\n0\n1\n")
    assert out(deb, "/usr/bin/printf '%d\\n' abc") == \
        (1, "/usr/bin/printf: 'abc': expected a numeric value\n0\n")


def test_test_builtin(deb, bb):
    s = ("test -e /etc/passwd && echo e; [ -d /etc ] && echo d; [ -f /etc ] || echo nf; "
         "[ abc = abc ] && echo eq; [ 2 -lt 10 ] && echo lt; [ -n '' ] || echo empty; "
         "[ ! -e /nope ] && echo neg; [ -L /bin ] && echo link; [ -x /bin/ls ] && echo x; "
         "[ a = b -o 1 -eq 1 ] && echo or; [ \\( 1 -eq 1 \\) -a -z '' ] && echo and")
    assert out(deb, s) == (0, "e\nd\nnf\neq\nlt\nempty\nneg\nlink\nx\nor\nand\n")
    assert out(deb, "[ 1 -eq a ]; echo $?; [ 1 = 1; echo $?") == \
        (0, "/bin/sh: 1: [: Illegal number: a\n2\n/bin/sh: 1: [: missing ]\n2\n")
    assert out(bb, "[ 1 -eq a ]; echo $?; [ 1 = 1; echo $?") == \
        (0, "sh: a: bad number\n2\nsh: missing ]\n2\n")
    assert out(deb, "/usr/bin/test 1 -eq a; echo $?") == \
        (0, "/usr/bin/test: invalid integer 'a'\n2\n")


def test_double_brackets_are_ash_and_bash_only(deb, bb):
    s = ('x="a b"; [[ $x == a* ]] && echo match; [[ $x != b* && 1 -eq 1 ]] && echo two; '
         '[[ -n $x || -z $x ]] && echo three')
    assert out(bb, s) == (0, "match\ntwo\nthree\n")
    assert out(deb, "[[ 1 = 1 ]]; echo $?") == (0, "/bin/sh: 1: [[: not found\n127\n")
