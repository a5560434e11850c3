"""The Dockerfile parser, in pure Python: BuildKit's ``frontend/dockerfile/parser`` (v0.12.5, the
version the ``dockerfile`` wheel compiles) rewritten line for line, so that it runs where a
Go-compiled extension cannot (Pyodide, JupyterLite).

The result is what the ``dockerfile`` package (asottile/dockerfile) returns — one ``Command`` per
instruction with ``cmd`` (as written), ``sub_cmd`` (ONBUILD's), ``json``, ``original``,
``start_line``/``end_line``, ``flags``, ``value`` and ``heredocs`` — and its errors carry the same
text.  ``tests/unit/test_dockerfile_parser.py`` parses every Dockerfile of the tests and lessons and
a corpus of tricky ones with both and asserts identical results.

What BuildKit does, file by file (moby/buildkit, ``frontend/dockerfile/parser/``):

* ``parser.go`` ``Parse``: lines are scanned with their line ending (``scanLines``; a line over
  64 KiB is an error); the first line loses a UTF-8 byte-order mark; each line loses its trailing
  ``\\r\\n`` and, unless it continues another, its leading blanks; a line starting with ``#`` is a
  comment (also inside a continuation, where it is skipped); blank lines inside a continuation are
  skipped.  The escape token (``\\`` or `````, set by a ``# escape=`` parser directive) at the end
  of a line continues it unless it is itself escaped (``lineContinuationRegex``).
* Parser directives (``possibleParserDirective``, ``reDirectives``): ``# key=value`` lines before
  anything else; only ``escape`` and ``syntax`` are known, each at most once; the first other line
  ends them.
* ``split_command.go``: the instruction word, then ``--flags`` (``extractBuilderFlags``, which reads
  bytes, not characters), then the arguments.
* ``line_parsers.go``: one argument parser per instruction (``dispatch``): JSON arrays for
  RUN/CMD/ENTRYPOINT/SHELL (``parseMaybeJSON``) and ADD/COPY/VOLUME (``parseMaybeJSONToList``),
  ``KEY=value`` words for ENV/LABEL (``parseNameVal``, with the old ``KEY value`` form), ARG names,
  HEALTHCHECK's type word, ONBUILD's sub-instruction; an unknown instruction keeps no arguments.
* Heredocs (``heredocsFromLine``, ``heredocFromMatch``): in RUN, COPY and ADD (also under ONBUILD)
  in shell form, every word ``[n]<<[-]NAME`` opens a heredoc read up to a line equal to NAME (tabs
  trimmed with ``<<-``); the words come from ``shell/lex.go`` with quotes and escapes kept and unset
  variables left as written (``_HeredocWords`` below).

The ``dockerfile`` binding adds two things kept here: ``original`` of an instruction with heredocs
is followed by each heredoc's lines and its terminator, and an empty ``cmd``/``original``/
``sub_cmd`` is ``None``.
"""
from __future__ import annotations

import json
import re
from typing import NamedTuple

__all__ = ["Command", "Heredoc", "ParseError", "Result", "parse", "parse_string"]

MAX_LINE = 64 * 1024          # bufio.MaxScanTokenSize
UTF8_BOM = "\ufeff"
DEFAULT_ESCAPE = "\\"
VALID_DIRECTIVES = ("escape", "syntax")
HEREDOC_INSTRUCTIONS = ("add", "copy", "run")       # parser.go heredocDirectives
HEREDOC_COMPOUND = ("onbuild",)                     # heredocCompoundDirectives

# Go's regular expressions: \s is [\t\n\f\r ], \d is [0-9] and $ is the end of the text.
RE_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
RE_DIRECTIVE = re.compile(r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z",
                          re.DOTALL)
RE_HEREDOC = re.compile(r"([0-9]*)<<(-?)([^<]*)\Z")

# unicode.IsSpace: the Latin-1 blanks and the White_Space property above it.
_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                       "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_GO_BYTE_SPACES = frozenset(b"\t\n\v\f\r \x85\xa0")    # unicode.IsSpace(rune(aByte))


def go_isspace(ch: str) -> bool:
    return ch in _GO_SPACES


def _trim_left_space(s: str) -> str:
    i = 0
    while i < len(s) and s[i] in _GO_SPACES:
        i += 1
    return s[i:]


def _trim_space(s: str) -> str:          # strings.TrimSpace
    j = len(s)
    while j > 0 and s[j - 1] in _GO_SPACES:
        j -= 1
    return _trim_left_space(s[:j])


def _go_quote(s: str) -> str:
    """strconv.Quote, for the ``%q`` of an error message."""
    out = ['"']
    for ch in s:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                        "\t": "\\t", "\v": "\\v"}[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out) + '"'


class ParseError(ValueError):
    """A Dockerfile BuildKit refuses to parse; the text is BuildKit's."""


class Heredoc(NamedTuple):
    name: str
    file_descriptor: int
    content: str


class Command(NamedTuple):
    cmd: str | None
    sub_cmd: str | None
    json: bool
    original: str | None
    start_line: int
    end_line: int
    flags: tuple
    value: tuple
    heredocs: tuple


class Result(NamedTuple):
    commands: tuple
    escape_token: str


class _Node:
    """parser.Node: a value, the next node of the instruction, ONBUILD's child."""
    __slots__ = ("value", "next", "children", "json", "original", "flags", "heredocs",
                 "start_line", "end_line")

    def __init__(self, value: str = "", next: _Node | None = None, children=(), json=False):
        self.value, self.next, self.children, self.json = value, next, list(children), json
        self.original, self.flags, self.heredocs = "", [], []
        self.start_line = self.end_line = 0

    def can_contain_heredoc(self) -> bool:
        node = self
        if node.value.lower() in HEREDOC_COMPOUND and node.next is not None and node.next.children:
            node = node.next.children[0]
        return node.value.lower() in HEREDOC_INSTRUCTIONS and not node.json


def _chain(values) -> _Node | None:
    head = prev = None
    for v in values:
        node = _Node(v)
        if prev is None:
            head = node
        else:
            prev.next = node
        prev = node
    return head


class _Directives:
    """parser.go ``directives``: the escape token and which directives were seen."""

    def __init__(self):
        self.done = False
        self.seen: set[str] = set()
        self.set_escape_token(DEFAULT_ESCAPE)

    def set_escape_token(self, s: str):
        if s not in ("`", "\\"):
            raise ParseError(f"invalid escape token '{s}' does not match ` or \\")
        self.escape = s
        e = re.escape(s)
        self.continuation = re.compile(rf"([^{e}]){e}[ \t]*\Z|^{e}[ \t]*\Z", re.DOTALL)

    def possible_parser_directive(self, line: str):
        if self.done:
            return
        m = RE_DIRECTIVE.match(line)
        if not m or m.group(1).lower() not in VALID_DIRECTIVES:
            self.done = True
            return
        key = m.group(1).lower()
        if key in self.seen:
            raise ParseError(f"only one {key} parser directive can be used")
        self.seen.add(key)
        if key == "escape":
            self.set_escape_token(m.group(2))

    def trim_continuation(self, line: str) -> tuple[str, bool]:
        if self.continuation.search(line):
            return self.continuation.sub(lambda m: m.group(1) or "", line), False
        return line, True


# ====================================================================== line_parsers.go
def _parse_words(rest: str, d: _Directives) -> list[str]:
    """parseWords: blank-separated words, quotes and escapes kept."""
    words, word = [], ""
    phase, quote, blank_ok = "spaces", "", False
    pos, n = 0, len(rest)
    while pos <= n:
        ch = rest[pos] if pos < n else ""
        if phase == "spaces":
            if pos == n:
                break
            if go_isspace(ch):
                pos += 1
                continue
            phase = "word"
        if pos == n:
            if blank_ok or word:
                words.append(word)
            break
        if phase == "word":
            if go_isspace(ch):
                phase = "spaces"
                if blank_ok or word:
                    words.append(word)
                word, blank_ok = "", False
                pos += 1
                continue
            if ch in ("'", '"'):
                quote, blank_ok, phase = ch, True, "quote"
            if ch == d.escape:
                if pos + 1 == n:
                    pos += 1
                    continue
                word += ch
                pos += 1
                ch = rest[pos]
            word += ch
            pos += 1
            continue
        # in a quote
        if ch == quote:
            phase = "word"
        if ch == d.escape and quote != "'":
            if pos + 1 == n:
                phase = "word"
                pos += 1
                continue
            pos += 1
            word += ch
            ch = rest[pos]
        word += ch
        pos += 1
    return words


def _parse_name_val(rest: str, key: str, d: _Directives) -> _Node | None:
    words = _parse_words(rest, d)
    if not words:
        return None
    if "=" not in words[0]:                       # the old form: KEY name value
        parts = RE_WHITESPACE.split(rest, maxsplit=1)
        if len(parts) < 2:
            raise ParseError(f"{key} must have two arguments")
        return _chain(parts)
    pairs = []
    for word in words:
        if "=" not in word:
            raise ParseError(f"Syntax error - can't find = in {_go_quote(word)}. "
                             "Must be of the form: name=value")
        pairs.extend(word.split("=", 1))
    return _chain(pairs)


def _parse_env(rest, d):
    return _parse_name_val(rest, "ENV", d)


def _parse_label(rest, d):
    return _parse_name_val(rest, "LABEL", d)


def _parse_name_or_name_val(rest, d):
    return _chain(_parse_words(rest, d))


def _parse_strings_whitespace_delimited(rest, d):
    return _chain(RE_WHITESPACE.split(rest)) if rest else None


def _parse_string(rest, d):
    return _Node(rest) if rest else None


class _NotStringArray(ParseError):
    pass


_NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only"


def _go_number(s: str):
    f = float(s)                  # encoding/json: a number out of float64's range is an error
    if f in (float("inf"), float("-inf")):
        raise ValueError(s)
    return f


def _no_constant(s: str):         # Python's json takes NaN and Infinity; Go's does not
    raise ValueError(s)


_JSON = json.JSONDecoder(parse_float=_go_number, parse_int=_go_number, parse_constant=_no_constant)


def _parse_json(rest: str) -> _Node | None:
    """parseJSON: the first JSON value of the arguments (anything after it is ignored)."""
    rest = _trim_left_space(rest)
    if not rest.startswith("["):
        raise ValueError("not a JSON array")
    value, _ = _JSON.raw_decode(rest)
    if not isinstance(value, list):
        raise ValueError("not a JSON array")
    if not all(isinstance(v, str) for v in value):
        raise _NotStringArray(_NOT_STRING_ARRAY)
    # Go decodes an unpaired surrogate escape as U+FFFD
    value = [v.encode("utf-16", "surrogatepass").decode("utf-16", "replace") for v in value]
    head = _chain(value)
    return head if head is not None else _EMPTY_JSON


_EMPTY_JSON = object()        # "[]": no arguments, yet in JSON form


def _json_or(rest, fallback):
    try:
        node = _parse_json(rest)
    except _NotStringArray:
        raise
    except ValueError:
        return fallback(rest), False
    return (None if node is _EMPTY_JSON else node), True


def _parse_maybe_json(rest, d):
    if not rest:
        return None, False
    return _json_or(rest, _Node)


def _parse_maybe_json_to_list(rest, d):
    return _json_or(rest, lambda r: _parse_strings_whitespace_delimited(r, d))


def _parse_health_config(rest, d):
    """parseHealthConfig: the type word (read byte by byte), then CMD's arguments."""
    raw = rest.encode()
    sep = 0
    while sep < len(raw) and raw[sep] not in _GO_BYTE_SPACES:
        sep += 1
    nxt = sep
    while nxt < len(raw) and raw[nxt] in _GO_BYTE_SPACES:
        nxt += 1
    if sep == 0:
        return None, False
    cmd, is_json = _parse_maybe_json(raw[nxt:].decode(errors="surrogateescape"), d)
    return _Node(raw[:sep].decode(errors="surrogateescape"), next=cmd), is_json


def _parse_sub_command(rest, d):
    if not rest:
        return None, False
    return _Node(children=[_node_from_line(rest, d)]), False


def _plain(fn):
    return lambda rest, d: (fn(rest, d), False)


DISPATCH = {
    "add": _parse_maybe_json_to_list,
    "arg": _plain(_parse_name_or_name_val),
    "cmd": _parse_maybe_json,
    "copy": _parse_maybe_json_to_list,
    "entrypoint": _parse_maybe_json,
    "env": _plain(_parse_env),
    "expose": _plain(_parse_strings_whitespace_delimited),
    "from": _plain(_parse_strings_whitespace_delimited),
    "healthcheck": _parse_health_config,
    "label": _plain(_parse_label),
    "maintainer": _plain(_parse_string),
    "onbuild": _parse_sub_command,
    "run": _parse_maybe_json,
    "shell": _parse_maybe_json,
    "stopsignal": _plain(_parse_string),
    "user": _plain(_parse_string),
    "volume": _parse_maybe_json_to_list,
    "workdir": _plain(_parse_string),
}


# ====================================================================== split_command.go
def _extract_builder_flags(line: str) -> tuple[str, list[str]]:
    """extractBuilderFlags: the leading ``--flag[=value]`` words.  BuildKit walks the bytes and
    appends each as a character, so a non-ASCII flag comes out as its UTF-8 bytes read as
    Latin-1 — kept, as BuildKit does it."""
    raw = line.encode()
    words, word = [], ""
    phase, quote, blank_ok = "spaces", 0, False
    pos, n = 0, len(raw)
    while pos <= n:
        ch = raw[pos] if pos < n else -1
        if phase == "spaces":
            if pos == n:
                break
            if ch in _GO_BYTE_SPACES:
                pos += 1
                continue
            if ch != 0x2D or pos + 1 == n or raw[pos + 1] != 0x2D:      # not "--"
                return raw[pos:].decode(errors="surrogateescape"), words
            phase = "word"
        if pos == n:
            if word != "--" and (blank_ok or word):
                words.append(word)
            break
        if phase == "word":
            if ch in _GO_BYTE_SPACES:
                phase = "spaces"
                if word == "--":
                    return raw[pos:].decode(errors="surrogateescape"), words
                if blank_ok or word:
                    words.append(word)
                word, blank_ok = "", False
                pos += 1
                continue
            if ch in (0x27, 0x22):
                quote, blank_ok, phase = ch, True, "quote"
                pos += 1
                continue
            if ch == 0x5C:
                if pos + 1 == n:
                    pos += 1
                    continue
                pos += 1
                ch = raw[pos]
            word += chr(ch)
            pos += 1
            continue
        if ch == quote:
            phase = "word"
            pos += 1
            continue
        if ch == 0x5C:
            if pos + 1 == n:
                phase = "word"
                pos += 1
                continue
            pos += 1
            ch = raw[pos]
        word += chr(ch)
        pos += 1
    return "", words


def _split_command(line: str) -> tuple[str, list[str], str]:
    cmdline = RE_WHITESPACE.split(_trim_space(line), maxsplit=1)
    flags: list[str] = []
    args = ""
    if len(cmdline) == 2:
        args, flags = _extract_builder_flags(cmdline[1])
    return cmdline[0], flags, _trim_space(args)


def _node_from_line(line: str, d: _Directives) -> _Node:
    cmd, flags, args = _split_command(line)
    fn = DISPATCH.get(cmd.lower())
    nxt, is_json = fn(args, d) if fn else (_Node(), False)        # parseIgnore
    node = _Node(cmd, next=nxt, json=is_json)
    node.original, node.flags = line, flags
    return node


# ====================================================================== heredocs
class _HeredocWords:
    """shell/lex.go's ``Lex`` (escape ``\\``) as heredocs use it: ``raw`` keeps quotes and escapes
    in the words; unset variables (all of them: there is no environment here) stay as written
    (``SkipUnsetEnv``).  builder/lexer.py is the same lexer in its expanding mode, for the build."""

    def __init__(self, s: str, raw: bool):
        self.s, self.i, self.raw = s, 0, raw

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def next(self) -> str:
        ch = self.peek()
        self.i += 1 if ch else 0
        return ch

    def words(self) -> list[str]:
        try:
            return self._stop_on("")[1]
        except ParseError as e:
            raise ParseError(f"failed to process {_go_quote(self.s)}: {e}") from None

    def _stop_on(self, stop: str) -> tuple[str, list[str]]:
        result, words, word, in_word = [], [], "", False

        def add_char(c):
            nonlocal word, in_word
            if go_isspace(c):
                if in_word and word:
                    words.append(word)
                    word, in_word = "", False
            else:
                word += c
                in_word = True

        def add_raw(s):
            nonlocal word, in_word
            word += s
            in_word = True

        while self.peek():
            ch = self.peek()
            if stop and ch == stop:
                self.next()
                return "".join(result), words + ([word] if word else [])
            if ch in "$'\"":
                tmp = self._dollar() if ch == "$" else self._quoted()
                result.append(tmp)
                if ch == "$":
                    for c in tmp:
                        add_char(c)
                else:
                    add_raw(tmp)
                continue
            ch = self.next()
            if ch == "\\":
                if self.raw:
                    add_raw(ch)
                    result.append(ch)
                ch = self.next()
                if not ch:
                    break
                add_raw(ch)
            else:
                add_char(ch)
            result.append(ch)
        if stop:
            raise ParseError(f"unexpected end of statement while looking for matching {stop}")
        return "".join(result), words + ([word] if word else [])

    def _quoted(self) -> str:
        r"""processSingleQuote / processDoubleQuote: ``$`` and the escapes of ``\"``, ``\$`` and
        ``\\\\`` work only between double quotes."""
        quote = self.next()
        out = [quote] if self.raw else []
        kind = "double-quote" if quote == '"' else "single-quote"
        while True:
            ch = self.peek()
            if not ch:
                raise ParseError(f"unexpected end of statement while looking for matching {kind}")
            if ch == quote:
                self.next()
                if self.raw:
                    out.append(ch)
                return "".join(out)
            if quote == '"' and ch == "$":
                out.append(self._dollar())
                continue
            ch = self.next()
            if quote == '"' and ch == "\\":
                if self.raw:
                    out.append(ch)
                if not self.peek():
                    continue
                if self.peek() in ('"', "$", "\\"):
                    ch = self.next()
            out.append(ch)

    def _dollar(self) -> str:
        self.next()
        if self.peek() != "{":
            name = self._name()
            return "$" + name if name else "$"
        self.next()
        if not self.peek():
            raise ParseError("syntax error: missing '}'")
        if self.peek() in "{}:":
            raise ParseError("syntax error: bad substitution")
        name = self._name()
        ch = self.next()
        chs = ch or "\ufffd"
        if ch == "}":
            return "${" + name + "}"
        if ch == ":":
            ch = self.next()
            chs += ch or "\ufffd"
        elif ch not in ("+", "-", "?") or not ch:
            raise ParseError(f"unsupported modifier ({chs}) in substitution")
        try:
            word, _ = self._stop_on("}")
        except ParseError:
            if not self.peek():
                raise ParseError("syntax error: missing '}'") from None
            raise
        return "${" + name + chs + word + "}"

    def _name(self) -> str:
        name = ""
        while self.peek():
            ch = self.peek()
            if not name and ch.isdecimal():
                while self.peek() and self.peek().isdecimal():
                    name += self.next()
                return name
            if not name and ch in "@*#?-$!0":
                return self.next()
            if not (ch.isalpha() or ch.isdecimal() or ch == "_"):
                break
            name += self.next()
        return name


def _heredoc_from_word(word: str) -> tuple[str, int, bool] | None:
    m = RE_HEREDOC.match(word)
    if not m or not m.group(3):
        return None
    words = _HeredocWords(m.group(3), raw=False).words()
    if len(words) != 1:
        return None
    fd = int(m.group(1)) if m.group(1) else 0
    return words[0], min(fd, 2 ** 64 - 1), m.group(2) == "-"


def _heredocs_from_line(line: str) -> list[tuple[str, int, bool]]:
    try:
        words = _HeredocWords(line, raw=True).words()
    except ParseError:
        words = []
    return [h for h in map(_heredoc_from_word, words) if h is not None]


# ====================================================================== Parse
def _scan_lines(text: str):
    """bufio.Scanner with parser.go's scanLines: each line with its line ending."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        line = text[start:end]
        if len(line.encode()) > MAX_LINE or (len(line.encode()) == MAX_LINE and not line.endswith("\n")):
            raise _TooLong
        yield line
        start = end


class _TooLong(Exception):
    pass


def _is_comment(line: str) -> bool:
    return _trim_left_space(line.rstrip("\r\n")).startswith("#")


def _process_line(d: _Directives, token: str, strip_left: bool) -> str:
    token = token.rstrip("\r\n")
    if strip_left:
        token = _trim_left_space(token)
    d.possible_parser_directive(token)
    return "" if token.startswith("#") else token


def parse(text: str) -> Result:
    """parser.Parse: the instructions and the escape token."""
    d = _Directives()
    lines = _scan_lines(text)
    children: list[_Node] = []
    current = 0
    too_long = False

    def scan():
        nonlocal too_long
        if too_long:
            return None
        try:
            return next(lines)
        except StopIteration:
            return None
        except _TooLong:
            too_long = True
            return None

    while (raw := scan()) is not None:
        if current == 0 and raw.startswith(UTF8_BOM):
            raw = raw[1:]
        token = _process_line(d, raw, True)
        current += 1
        start = current
        line, end_of_line = d.trim_continuation(token)
        if end_of_line and line == "":
            continue
        while not end_of_line and (raw := scan()) is not None:
            token = _process_line(d, raw, False)
            current += 1
            if _is_comment(raw) or not _trim_left_space(token):
                continue
            cont, end_of_line = d.trim_continuation(token)
            line += cont
        child = _node_from_line(line, d)
        if child.can_contain_heredoc():
            for name, fd, chomp in _heredocs_from_line(line):
                content, terminated = "", False
                while (raw := scan()) is not None:
                    current += 1
                    candidate = raw.rstrip("\r\n")
                    if chomp:
                        candidate = candidate.lstrip("\t")
                    if candidate == name:
                        terminated = True
                        break
                    content += raw
                if not terminated:
                    raise ParseError("unterminated heredoc")
                child.heredocs.append(Heredoc(name, fd, content))
        child.start_line, child.end_line = start, current
        children.append(child)
    if not children:
        raise ParseError("file with no instructions")
    if too_long:
        raise ParseError(f"dockerfile line greater than max allowed size of {MAX_LINE - 1}")
    return Result(tuple(_command(c) for c in children), d.escape)


def _command(top: _Node) -> Command:
    """The ``dockerfile`` binding's Command: ONBUILD reports its sub-instruction's arguments."""
    node, sub = top, None
    if top.next is not None and top.next.children:
        node = top.next.children[0]
        sub = node.value or None
    values = []
    n = node.next
    while n is not None:
        values.append(n.value)
        n = n.next
    original = top.original
    if node.heredocs:
        original += "\n" + "".join(h.content + h.name + "\n" for h in node.heredocs)
    return Command(top.value or None, sub, node.json, original or None, top.start_line,
                   top.end_line, tuple(top.flags), tuple(values), tuple(node.heredocs))


def parse_string(text: str) -> tuple[Command, ...]:
    """The ``dockerfile`` package's ``parse_string``."""
    return parse(text).commands
