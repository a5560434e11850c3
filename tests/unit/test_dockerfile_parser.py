"""The pure-Python Dockerfile parser (builder/parser.py) against BuildKit's own, compiled into
the ``dockerfile`` wheel: every Dockerfile of the tests and lessons, the tricky corpus in
``dockerfile_corpus/``, and generated ones must give identical commands or the same error."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dockstore_magic.builder import parser

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).with_name("dockerfile_corpus")
LOOKS_LIKE_DOCKERFILE = re.compile(r"(?im)^[ \t]*FROM[ \t]+\S")


def _strings_in(path: Path):
    try:
        tree = ast.parse(path.read_text())
    except (SyntaxError, UnicodeDecodeError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def project_dockerfiles() -> dict[str, str]:
    """Dockerfiles written in the tests, the package, and the lessons' %%dockerfile cells."""
    found: dict[str, str] = {}
    for base in ("tests", "dockstore_magic"):
        for path in sorted((ROOT / base).rglob("*.py")):
            for i, s in enumerate(_strings_in(path)):
                if LOOKS_LIKE_DOCKERFILE.search(s) and s not in found.values():
                    found[f"{path.relative_to(ROOT)}#{i}"] = s
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text())["cells"]):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and src.startswith("%%dockerfile"):
                body = src.split("\n", 1)[1] if "\n" in src else ""
                found[f"{nb.name}#cell{i}"] = body
    return found


PROJECT = project_dockerfiles()
TRICKY = {p.name: p.read_bytes().decode() for p in sorted(CORPUS.glob("*.Dockerfile"))}


def outcome(parse, text):
    try:
        return [tuple(c[:8]) + (tuple(tuple(h) for h in c.heredocs),) for c in parse(text)]
    except Exception as e:          # both raise their parser's error with BuildKit's text
        return ("error", str(e))


def test_the_corpus_is_there():
    assert len(PROJECT) >= 20, sorted(PROJECT)
    assert any(k.endswith(".ipynb") or ".ipynb#" in k for k in PROJECT)
    assert len(TRICKY) >= 15


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_errors_are_errors(name):
    """Without the Go parser: the error-* files fail, the others parse."""
    if name.startswith("error-"):
        with pytest.raises(parser.ParseError):
            parser.parse_string(TRICKY[name])
    else:
        assert parser.parse_string(TRICKY[name])


def test_escape_token_and_heredocs():
    res = parser.parse(TRICKY["escape-backtick.Dockerfile"])
    assert res.escape_token == "`"
    runs = [c for c in res.commands if c.cmd == "RUN"]
    assert runs[0].value == ("echo one     two     three",)
    assert (runs[0].start_line, runs[0].end_line) == (5, 7)
    docs = parser.parse_string(TRICKY["heredocs.Dockerfile"])
    tabbed = [c for c in docs if c.heredocs and c.heredocs[0].name == "EOT"][0]
    assert tabbed.heredocs[0].content == "\techo tabbed\n"
    fd3 = [c for c in docs if c.heredocs and c.heredocs[0].name == "IN"][0]
    assert fd3.heredocs[0].file_descriptor == 3


# ------------------------------------------------------------------ against BuildKit's parser
@pytest.fixture(scope="module")
def go():
    return pytest.importorskip("dockerfile", reason="the Go-compiled parser is the reference")


@pytest.mark.parametrize("name", sorted(PROJECT))
def test_project_dockerfiles_parse_as_buildkit_does(go, name):
    if "\0" in PROJECT[name]:
        pytest.skip("the Go binding takes a C string, which a NUL byte ends (BuildKit reads it "
                    "as any other character; test_robustness checks that case)")
    assert outcome(parser.parse_string, PROJECT[name]) == outcome(go.parse_string, PROJECT[name])


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_dockerfiles_parse_as_buildkit_does(go, name):
    assert outcome(parser.parse_string, TRICKY[name]) == outcome(go.parse_string, TRICKY[name])


WORDS = ["FROM", "from", "RUN", "run", "COPY", "ADD", "ENV", "LABEL", "ARG", "ONBUILD", "HEALTHCHECK",
         "CMD", "ENTRYPOINT", "SHELL", "VOLUME", "EXPOSE", "WORKDIR", "USER", "MAINTAINER",
         "STOPSIGNAL", "NOPE"]
ARGS = [" ", "  ", "\t", "\\", "`", "#", '"', "'", "=", "a", "b c", "--", "--mount=type=cache",
        "--x", "-", "[", "]", '["a"', ', "b"]', "[1]", "{", "}", "$", "${", "$X", "${X:-y}",
        "<<", "<<EOF", "<<-EOF", "2<<E", '<<"Q"', "<<'Q'", "\u00a0", "é", "\u2003", "\x0b", "null",
        "CMD", "NONE", "AS", '\\"', "\\ ", "x=1", 'y="a b"', "RUN", "<<E\\F", '["a", "b"]', '[]', ' <<EOF']
BODY = ["EOF", "\tEOF", "E", "Q", "EF", "text", "", "$HOME", "# not a comment", "\\"]


@st.composite
def dockerfiles(draw):
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["# escape=`", "# escape=\\", "# syntax=x", "#x=y",
                                           " # escape=`", "# escape=`\n# escape=`"])))
    for _ in range(draw(st.integers(1, 6))):
        line = draw(st.sampled_from(WORDS + ["", "# comment", "  "]))
        line += draw(st.sampled_from([" ", " ", "  ", "\t", ""]))
        line += "".join(draw(st.lists(st.sampled_from(ARGS), max_size=8)))
        heredoc = draw(st.sampled_from([None, None, ("<<EOF", "EOF"), ("<<-EOF", "\tEOF"),
                                        ('<<"Q"', "Q"), ("2<<E", "E"), ("<<E\\F", "EF")]))
        if heredoc:
            line += " " + heredoc[0] + draw(st.sampled_from(["", " x", " <<EOF"]))
        lines.append(line)
        if heredoc or draw(st.integers(0, 3)) == 0:
            lines.extend(draw(st.lists(st.sampled_from(BODY), max_size=4)))
        if heredoc:
            lines.append(heredoc[1])
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + draw(st.sampled_from(["", end]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfiles())
def test_generated_dockerfiles_parse_as_buildkit_does(go, text):
    expected = outcome(go.parse_string, text)
    if expected[0] == "error" and "codec can't decode" in expected[1]:
        return          # BuildKit cut a character in two (flags are read byte by byte): no str
    assert outcome(parser.parse_string, text) == expected
