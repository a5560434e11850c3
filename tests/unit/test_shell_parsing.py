"""The sh language: parsing, control flow, syntax errors as dash and busybox ash word them."""
import pytest

from dockstore_magic.shell.parser import parse
from dockstore_magic.shell.nodes import If, For, While, Case, FuncDef, Subshell
from dockstore_magic.shell.sandbox import make_debian_fs
from unit.shell_fixtures import out, deb_per_module, bb_per_module  # noqa: F401 (fixtures)


def test_parse_structures():
    lst = parse("a | b && c || d; e &\nif x; then y; elif z; then w; else v; fi")
    (ao1, bg1), (ao2, bg2), (ao3, _) = lst.items
    assert len(ao1.first.cmds) == 2 and [op for op, _ in ao1.rest] == ["&&", "||"]
    assert not bg1 and bg2
    assert isinstance(ao3.first.cmds[0], If) and len(ao3.first.cmds[0].clauses) == 2
    node = parse("for i in a b; do :; done").items[0][0].first.cmds[0]
    assert isinstance(node, For) and node.var == "i" and len(node.words) == 2
    node = parse("f() { echo; }").items[0][0].first.cmds[0]
    assert isinstance(node, FuncDef) and node.name == "f"
    node = parse("case $x in a|b) ;; *) echo;; esac").items[0][0].first.cmds[0]
    assert isinstance(node, Case) and len(node.items) == 2 and len(node.items[0][0]) == 2
    node = parse("X=1 Y=2 cmd arg >f 2>&1").items[0][0].first.cmds[0]
    assert [n for n, _ in node.assigns] == ["X", "Y"] and len(node.words) == 2
    assert [(r.fd, r.op) for r in node.redirs] == [(None, ">"), (2, ">&")]
    assert isinstance(parse("(a; b)").items[0][0].first.cmds[0], Subshell)
    assert isinstance(parse("until false; do :; done").items[0][0].first.cmds[0], While)


def test_heredocs_and_quoting(deb):
    script = ("x=world\ncat <<EOF\nhello $x \\$x `echo bq`\nEOF\ncat <<'EOF'\nraw $x\nEOF\n"
              "cat <<-EOF\n\t\ttabs $x\n\tEOF\necho done")
    assert out(deb, script) == (0, "hello world $x bq\nraw $x\ntabs world\ndone\n")
    assert out(deb, "echo 'a  b' \"c  $HOME\" d\\ e \\$ \"\\\"\" 'it'\\''s'") == \
        (0, "a  b c  /root d e $ \" it's\n")
    assert out(deb, "echo a\\\nb # comment\necho '#notcomment' x#y") == (0, "ab\n#notcomment x#y\n")
    # a here-document feeding a pipeline and a while loop
    assert out(deb, "while read a b; do echo \"$b-$a\"; done <<EOF | tr a-z A-Z\nx 1\ny 2\nEOF") \
        == (0, "1-X\n2-Y\n")


def test_control_flow(deb):
    assert out(deb, "for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done") == (0, "1\n3\n")
    assert out(deb, "i=0; while true; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo $i") == \
        (0, "3\n")
    assert out(deb, "for a in x y; do for b in 1 2; do [ $b = 2 ] && break 2; echo $a$b; done; done")\
        == (0, "x1\n")
    assert out(deb, "case abc.txt in *.sh) echo sh;; *.txt|*.md) echo text;; esac") == (0, "text\n")
    assert out(deb, "f() { echo \"in f: $1 $#\"; return 3; }; f a b; echo $?") == (0, "in f: a 2\n3\n")
    assert out(deb, "f() { local v=in; echo $v; }; v=out; f; echo $v") == (0, "in\nout\n")
    assert out(deb, "(cd /tmp; x=1; exit 5); echo $? $x; pwd") == (0, "5\n/\n")
    assert out(deb, "{ echo a; echo b; } | wc -l") == (0, "2\n")
    assert out(deb, "echo x | read v; echo \"[$v]\"") == (0, "[]\n")
    assert out(deb, "! false && echo ok; false || echo or; true && false; echo $?") == \
        (0, "ok\nor\n1\n")
    assert out(deb, "if false; then :; elif true; then echo elif; else echo else; fi") == \
        (0, "elif\n")
    assert out(deb, "trap 'echo bye' EXIT; echo hi") == (0, "hi\nbye\n")
    assert out(deb, "eval 'x=1; echo $x'; set -- a 'b c'; echo $#; shift; echo \"$1\"") == \
        (0, "1\n2\nb c\n")


def test_exit_status_and_set_e(deb):
    assert out(deb, "exit 3") == (3, "")
    assert out(deb, "exit 300") == (44, "")
    assert out(deb, "false; echo $?; true; echo $?") == (0, "1\n0\n")
    assert out(deb, "set -e; echo a; false; echo b") == (1, "a\n")
    # set -e does not fire in conditions, && lists or negations
    assert out(deb, "set -e; if false; then :; fi; false || true; ! true; false && true; echo on")\
        == (0, "on\n")
    assert out(deb, "set -e; (false); echo no") == (1, "")
    assert out(deb, "sh -c 'exit 4'; echo $?") == (0, "4\n")
    assert out(deb, "set -x; echo hi") == (0, "+ echo hi\nhi\n")


@pytest.mark.parametrize("script, dash, ash", [
    ("if true; then echo", 'Syntax error: end of file unexpected (expecting "fi")',
     'syntax error: unexpected end of file (expecting "fi")'),
    ("echo )", 'Syntax error: ")" unexpected', 'syntax error: unexpected ")"'),
    ("foo() {", 'Syntax error: end of file unexpected (expecting "}")',
     'syntax error: unexpected end of file (expecting "}")'),
    ('echo "abc', "Syntax error: Unterminated quoted string", "syntax error: unterminated quoted string"),
    ("echo a; fi", 'Syntax error: "fi" unexpected', 'syntax error: unexpected "fi"'),
])
def test_syntax_errors(deb, bb, script, dash, ash):
    assert out(deb, script) == (2, f"/bin/sh: 1: {dash}\n")
    assert out(bb, script) == (2, f"/bin/sh: {ash}\n")


def test_syntax_error_after_earlier_lines_ran(deb):
    # like dash, a script runs line by line: what precedes the bad line has run
    assert out(deb, "echo first\nif then") == (2, 'first\n/bin/sh: 2: Syntax error: "then" unexpected\n')


def test_shell_error_prefixes(deb, bb):
    assert out(deb, "true\nnosuch") == (127, "/bin/sh: 2: nosuch: not found\n")
    assert out(bb, "nosuch") == (127, "/bin/sh: nosuch: not found\n")
    assert out(deb, "sh -c 'nosuch'") == (127, "sh: 1: nosuch: not found\n")
    assert out(bb, "sh -c 'nosuch'") == (127, "sh: nosuch: not found\n")
    # argv0 given by the caller (e.g. a RUN's /bin/sh -c)
    assert out(deb, "nosuch", argv0="/bin/sh") == (127, "/bin/sh: 1: nosuch: not found\n")
    assert out(deb, "cd /nope; echo $?") == (0, "/bin/sh: 1: cd: can't cd to /nope\n2\n")
    assert out(bb, "true\ncd /nope") == \
        (2, "/bin/sh: cd: line 1: can't cd to /nope: No such file or directory\n")


def test_bash_wording_when_invoked_as_bash():
    fs = make_debian_fs()
    assert out(fs, "bash -c 'nosuch; echo $0'") == \
        (0, "bash: line 1: nosuch: command not found\nbash\n")


def test_nested_sh_c_and_scripts(deb):
    fs = make_debian_fs()
    fs.write("/s.sh", "#!/bin/sh\necho \"script $0 $1 $#\"\nexit 7\n", mode=0o755)
    assert out(fs, "/s.sh a; echo $?") == (0, "script /s.sh a 1\n7\n")
    assert out(fs, "sh /s.sh x y; echo $?") == (0, "script /s.sh x 2\n7\n")
    assert out(fs, "sh -c 'echo $0 $1' zero one") == (0, "zero one\n")
    assert out(fs, "echo 'echo from stdin' | sh") == (0, "from stdin\n")
    fs.write("/noexec.sh", "echo hi\n", mode=0o644)
    assert out(fs, "/noexec.sh") == (126, "/bin/sh: 1: /noexec.sh: Permission denied\n")
    assert out(fs, "sh /nope.sh") == (2, "sh: 0: cannot open /nope.sh: No such file\n")
    assert out(fs, ". /nope.sh") == (2, "/bin/sh: 1: .: cannot open /nope.sh: No such file\n")
