"""Go's ``text/template``, written from its sources (``text/template/parse/lex.go``,
``parse.go``, ``exec.go``, ``funcs.go``) with Go's semantics and error messages:

* actions ``{{.Field}}``, ``{{.A.B}}``, ``{{$}}``, ``{{$v := ...}}``, pipelines ``{{.X | f}}``,
  parenthesised pipelines, trim markers ``{{- ... -}}``, comments ``{{/* */}}``;
* ``{{if}} {{else if}} {{else}} {{end}}``, ``{{range}}`` (``$i, $v :=``, ``{{else}}``,
  ``{{break}}``, ``{{continue}}``), ``{{with}}``;
* the builtins and, or, not, len, index, slice, print, printf, println, eq, ne, lt, le, gt,
  ge, html, js, urlquery, call.

Data is Go values as :mod:`.values` models them.  A template's functions beyond the builtins
are given to :class:`Template` (docker's are in ``cli/templates.py``); :func:`signature`
declares a function's Go parameter types, which the executor checks as Go does.

Entry points::

    Template(text, funcs)                 (raises TemplateParseError)
    Template.execute(data, missingkey="default"|"error") -> str  (raises TemplateExecError)
"""
from __future__ import annotations

import math
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .fmt import go_sprint, go_sprintf, go_sprintln, map_sort_key, sprint_value
from .strconv import go_quote, go_quote_rune, parse_float, parse_int, parse_uint
from .values import MISSING, GoMap, GoNil, GoStruct, go_type_name

__all__ = ["TemplateError", "TemplateParseError", "TemplateExecError", "FuncError",
           "Template", "signature", "truth"]


class TemplateError(Exception):
    """Base class; ``str(err)`` is Go's error text (without docker's "template parsing error:
    " prefix, which :func:`render` and :func:`inspect_output` add)."""

    def __init__(self, message: str, partial: str = ""):
        super().__init__(message)
        self.message = message
        self.partial = partial  # output written before an execution error (Go writes as it goes)


class TemplateParseError(TemplateError):
    pass


class TemplateExecError(TemplateError):
    pass


def truth(v: Any) -> bool:
    """text/template's truth: zero values are false; structs are always true."""
    if v is MISSING or v is None or isinstance(v, GoNil):
        return False
    if isinstance(v, GoStruct):
        return True
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, (str, list, tuple, dict)):
        return len(v) > 0
    return True


# ==============================================================================================
# Lexer (text/template/parse/lex.go)

# item types
T_ERROR, T_BOOL, T_CHAR, T_CHARCONST, T_COMPLEX, T_ASSIGN, T_DECLARE, T_EOF, T_FIELD, \
    T_IDENT, T_LDELIM, T_LPAREN, T_NUMBER, T_PIPE, T_RAWSTRING, T_RDELIM, T_RPAREN, T_SPACE, \
    T_STRING, T_TEXT, T_VARIABLE, T_KEYWORD, T_DOT, T_COMMENT = range(24)

_KEYWORDS = {"block", "break", "continue", "define", "else", "end", "if", "range", "nil",
             "template", "with"}
_SPACE = " \t\r\n"


@dataclass
class _Item:
    typ: int
    val: str
    pos: int
    line: int


def _is_alnum(c: str) -> bool:
    return c == "_" or c.isalnum()


class _Lexer:
    def __init__(self, text: str):
        self.text = text
        self.items: list[_Item] = []
        self.paren_depth = 0

    def error(self, msg: str, pos: int) -> None:
        line = 1 + self.text.count("\n", 0, pos)
        self.items.append(_Item(T_ERROR, msg, pos, line))

    def emit(self, typ: int, start: int, end: int) -> None:
        line = 1 + self.text.count("\n", 0, start)
        self.items.append(_Item(typ, self.text[start:end], start, line))

    def run(self) -> list[_Item]:
        text = self.text
        pos = 0
        n = len(text)
        trim_next = False
        while True:
            # lexText
            start = pos
            if trim_next:
                while pos < n and text[pos] in _SPACE:
                    pos += 1
                start = pos
                trim_next = False
            x = text.find("{{", pos)
            if x < 0:
                if start < n:
                    self.emit(T_TEXT, start, n)
                self.items.append(_Item(T_EOF, "", n, 1 + text.count("\n")))
                return self.items
            end = x
            ltrim = len(text) >= x + 4 and text[x + 2] == "-" and text[x + 3] in _SPACE
            if ltrim:
                while end > start and text[end - 1] in _SPACE:
                    end -= 1
            if end > start:
                self.emit(T_TEXT, start, end)
            # lexLeftDelim
            pos = x + 2
            if ltrim:
                pos += 2
            # comment?
            if text.startswith("/*", pos):
                cend = text.find("*/", pos + 2)
                if cend < 0:
                    self.error("unclosed comment", pos)
                    return self.items
                pos = cend + 2
                rtrim = False
                if pos + 1 < n and text[pos] in _SPACE and text[pos + 1] == "-" and text.startswith("}}", pos + 2):
                    rtrim = True
                    pos += 2
                if not text.startswith("}}", pos):
                    self.error("comment ends before closing delimiter", pos)
                    return self.items
                pos += 2
                trim_next = rtrim
                continue
            self.emit(T_LDELIM, x, x + 2)
            self.paren_depth = 0
            # lexInsideAction
            while True:
                if pos + 1 < n and text[pos] in _SPACE and text[pos + 1] == "-" and text.startswith("}}", pos + 2):
                    if self.paren_depth:
                        self.error("unclosed left paren", pos)
                        return self.items
                    self.emit(T_RDELIM, pos + 2, pos + 4)
                    pos += 4
                    trim_next = True
                    break
                if text.startswith("}}", pos):
                    if self.paren_depth:
                        self.error("unclosed left paren", pos)
                        return self.items
                    self.emit(T_RDELIM, pos, pos + 2)
                    pos += 2
                    break
                if pos >= n:
                    self.error("unclosed action", pos)
                    return self.items
                c = text[pos]
                if c in _SPACE:
                    s = pos
                    while pos < n and text[pos] in _SPACE:
                        if pos + 1 < n and text[pos] in _SPACE and text[pos + 1] == "-" and text.startswith("}}", pos + 2):
                            break
                        pos += 1
                    if pos > s:
                        self.emit(T_SPACE, s, pos)
                    continue
                if c == "=":
                    self.emit(T_ASSIGN, pos, pos + 1)
                    pos += 1
                    continue
                if c == ":":
                    if not text.startswith(":=", pos):
                        self.error("expected :=", pos)
                        return self.items
                    self.emit(T_DECLARE, pos, pos + 2)
                    pos += 2
                    continue
                if c == "|":
                    self.emit(T_PIPE, pos, pos + 1)
                    pos += 1
                    continue
                if c == '"':
                    s = pos
                    pos += 1
                    while True:
                        if pos >= n or text[pos] == "\n":
                            self.error("unterminated quoted string", pos)
                            return self.items
                        if text[pos] == "\\":
                            pos += 2
                            continue
                        if text[pos] == '"':
                            pos += 1
                            break
                        pos += 1
                    self.emit(T_STRING, s, pos)
                    continue
                if c == "`":
                    s = pos
                    e = text.find("`", pos + 1)
                    if e < 0:
                        self.error("unterminated raw quoted string", pos)
                        return self.items
                    pos = e + 1
                    self.emit(T_RAWSTRING, s, pos)
                    continue
                if c == "'":
                    s = pos
                    pos += 1
                    while True:
                        if pos >= n or text[pos] == "\n":
                            self.error("unterminated character constant", pos)
                            return self.items
                        if text[pos] == "\\":
                            pos += 2
                            continue
                        if text[pos] == "'":
                            pos += 1
                            break
                        pos += 1
                    self.emit(T_CHARCONST, s, pos)
                    continue
                if c == "$":
                    s = pos
                    pos += 1
                    while pos < n and _is_alnum(text[pos]):
                        pos += 1
                    if not self._at_terminator(pos):
                        self.error(f"bad character {_fmt_u(text[pos])}", pos)
                        return self.items
                    self.emit(T_VARIABLE, s, pos)
                    continue
                if c == ".":
                    if pos + 1 < n and text[pos + 1].isdigit():
                        pos = self._number(pos)
                        if pos < 0:
                            return self.items
                        continue
                    s = pos
                    pos += 1
                    if pos < n and _is_alnum(text[pos]):
                        while pos < n and _is_alnum(text[pos]):
                            pos += 1
                        if not self._at_terminator(pos):
                            self.error(f"bad character {_fmt_u(text[pos])}", pos)
                            return self.items
                        self.emit(T_FIELD, s, pos)
                    else:
                        self.emit(T_DOT, s, pos)
                    continue
                if c in "+-" or c.isdigit():
                    pos = self._number(pos)
                    if pos < 0:
                        return self.items
                    continue
                if _is_alnum(c):
                    s = pos
                    while pos < n and _is_alnum(text[pos]):
                        pos += 1
                    if not self._at_terminator(pos):
                        self.error(f"bad character {_fmt_u(text[pos])}", pos)
                        return self.items
                    word = text[s:pos]
                    if word in _KEYWORDS:
                        self.emit(T_KEYWORD, s, pos)
                    elif word in ("true", "false"):
                        self.emit(T_BOOL, s, pos)
                    else:
                        self.emit(T_IDENT, s, pos)
                    continue
                if c == "(":
                    self.emit(T_LPAREN, pos, pos + 1)
                    self.paren_depth += 1
                    pos += 1
                    continue
                if c == ")":
                    self.paren_depth -= 1
                    if self.paren_depth < 0:
                        self.error("unexpected right paren", pos)
                        return self.items
                    self.emit(T_RPAREN, pos, pos + 1)
                    pos += 1
                    continue
                if c.isprintable() and ord(c) < 0x7F:
                    self.emit(T_CHAR, pos, pos + 1)
                    pos += 1
                    continue
                self.error(f"unrecognized character in action: {_fmt_u(c)}", pos)
                return self.items

    def _at_terminator(self, pos: int) -> bool:
        if pos >= len(self.text):
            return True
        c = self.text[pos]
        if c in _SPACE or c in ".,|:)(":
            return True
        return self.text.startswith("}}", pos)

    _NUM = re.compile(
        r"[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?"
        r"|0[oO][0-7_]+|0[bB][01_]+"
        r"|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?")

    def _number(self, pos: int) -> int:
        m = self._NUM.match(self.text, pos)
        end = m.end() if m else pos
        if end == pos or (end < len(self.text) and _is_alnum(self.text[end])):
            # bad number syntax
            e = end
            while e < len(self.text) and (_is_alnum(self.text[e]) or self.text[e] in ".+-"):
                e += 1
            self.error(f'bad number syntax: "{self.text[pos:e]}"', pos)
            return -1
        typ = T_COMPLEX if self.text[end - 1] == "i" else T_NUMBER
        self.emit(typ, pos, end)
        return end


def _fmt_u(c: str) -> str:
    """Go's %#U: U+0041 'A'."""
    return "U+%04X %s" % (ord(c), go_quote_rune(c)) if c.isprintable() else "U+%04X" % ord(c)


# ==============================================================================================
# Parse tree (text/template/parse/node.go)

@dataclass
class Node:
    pos: int
    line: int = 1

    def __str__(self) -> str:  # pragma: no cover - overridden
        return ""


@dataclass
class TextNode(Node):
    text: str = ""


@dataclass
class FieldNode(Node):
    ident: list[str] = field(default_factory=list)

    def __str__(self):
        return "".join("." + i for i in self.ident)


@dataclass
class VariableNode(Node):
    ident: list[str] = field(default_factory=list)

    def __str__(self):
        return ".".join(self.ident)


@dataclass
class DotNode(Node):
    def __str__(self):
        return "."


@dataclass
class NilNode(Node):
    def __str__(self):
        return "nil"


@dataclass
class BoolNode(Node):
    value: bool = False

    def __str__(self):
        return "true" if self.value else "false"


@dataclass
class NumberNode(Node):
    text: str = ""
    value: Any = 0

    def __str__(self):
        return self.text


@dataclass
class StringNode(Node):
    quoted: str = ""
    value: str = ""

    def __str__(self):
        return self.quoted


@dataclass
class IdentifierNode(Node):
    name: str = ""

    def __str__(self):
        return self.name


@dataclass
class ChainNode(Node):
    node: Any = None
    field: list[str] = field(default_factory=list)

    def __str__(self):
        s = str(self.node)
        if isinstance(self.node, PipeNode):
            s = "(" + s + ")"
        return s + "".join("." + f for f in self.field)


@dataclass
class CommandNode(Node):
    args: list[Any] = field(default_factory=list)

    def __str__(self):
        parts = []
        for a in self.args:
            if isinstance(a, PipeNode):
                parts.append("(" + str(a) + ")")
            else:
                parts.append(str(a))
        return " ".join(parts)


@dataclass
class PipeNode(Node):
    is_assign: bool = False
    decl: list[VariableNode] = field(default_factory=list)
    cmds: list[CommandNode] = field(default_factory=list)

    def __str__(self):
        s = ""
        if self.decl:
            s = ", ".join(str(d) for d in self.decl) + (" = " if self.is_assign else " := ")
        return s + " | ".join(str(c) for c in self.cmds)


@dataclass
class ActionNode(Node):
    pipe: PipeNode = None  # type: ignore[assignment]

    def __str__(self):
        return "{{" + str(self.pipe) + "}}"


@dataclass
class ListNode(Node):
    nodes: list[Any] = field(default_factory=list)


@dataclass
class BranchNode(Node):
    kind: str = "if"  # if / range / with
    pipe: PipeNode = None  # type: ignore[assignment]
    list: ListNode = None  # type: ignore[assignment]
    else_list: ListNode | None = None

    def __str__(self):
        return "{{" + self.kind + " " + str(self.pipe) + "}}"


@dataclass
class BreakNode(Node):
    pass


@dataclass
class ContinueNode(Node):
    pass


class _EndNode(Node):
    pass


class _ElseNode(Node):
    pass


# ==============================================================================================
# Parser (text/template/parse/parse.go)

_BUILTINS = {"and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq",
             "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "call"}


class _Parser:
    def __init__(self, text: str, funcs: Mapping[str, Callable]):
        self.text = text
        self.items = _Lexer(text).run()
        self.i = 0
        self.funcs = funcs
        self.vars: list[str] = ["$"]
        self.range_depth = 0
        self.last: _Item = self.items[0]

    # -- token helpers (Go keeps a 3-token lookahead; an index into the token list is simpler)
    def next(self) -> _Item:
        it = self.items[min(self.i, len(self.items) - 1)]
        if it.typ == T_ERROR:
            self.errorf_at(it.line, it.val)
        self.i += 1
        self.last = it
        return it

    def backup(self) -> None:
        self.i -= 1

    def peek(self) -> _Item:
        it = self.items[min(self.i, len(self.items) - 1)]
        if it.typ == T_ERROR:
            self.errorf_at(it.line, it.val)
        return it

    def next_non_space(self) -> _Item:
        while True:
            it = self.next()
            if it.typ != T_SPACE:
                return it

    def peek_non_space(self) -> _Item:
        it = self.next_non_space()
        self.backup()
        return it

    def errorf(self, msg: str) -> None:
        self.errorf_at(self.last.line, msg)

    def errorf_at(self, line: int, msg: str) -> None:
        raise TemplateParseError(f"template: :{line}: {msg}")

    def unexpected(self, item: _Item, context: str) -> None:
        if item.typ == T_ERROR:
            self.errorf_at(item.line, item.val)
        self.errorf_at(item.line, f"unexpected {_item_str(item)} in {context}")

    def expect(self, typ: int, context: str) -> _Item:
        t = self.next_non_space()
        if t.typ != typ:
            self.unexpected(t, context)
        return t

    # -- grammar
    def parse(self) -> ListNode:
        root = ListNode(0)
        while self.peek().typ != T_EOF:
            n = self.text_or_action()
            if isinstance(n, (_EndNode, _ElseNode)):
                self.errorf_at(n.line, "unexpected " + ("{{end}}" if isinstance(n, _EndNode) else "{{else}}"))
            root.nodes.append(n)
        return root

    def text_or_action(self):
        tok = self.next_non_space()
        if tok.typ == T_TEXT:
            return TextNode(tok.pos, tok.line, tok.val)
        if tok.typ == T_LDELIM:
            return self.action()
        self.unexpected(tok, "input")

    def item_list(self) -> tuple[ListNode, Any]:
        lst = ListNode(self.peek_non_space().pos)
        while self.peek_non_space().typ != T_EOF:
            n = self.text_or_action()
            if isinstance(n, (_EndNode, _ElseNode)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")
        raise AssertionError  # unreachable

    def action(self):
        tok = self.next_non_space()
        if tok.typ == T_KEYWORD:
            kw = tok.val
            if kw == "end":
                self.expect(T_RDELIM, "end")
                return _EndNode(tok.pos, tok.line)
            if kw == "else":
                peek = self.peek_non_space()
                if peek.typ == T_KEYWORD and peek.val in ("if", "with"):
                    e = _ElseNode(peek.pos, peek.line)
                    e.chained = peek.val  # type: ignore[attr-defined]
                    return e
                t = self.expect(T_RDELIM, "else")
                e = _ElseNode(t.pos, t.line)
                e.chained = ""  # type: ignore[attr-defined]
                return e
            if kw in ("if", "range", "with"):
                return self.control(kw, tok)
            if kw in ("break", "continue"):
                self.expect(T_RDELIM, "{{" + kw + "}}")
                if self.range_depth == 0:
                    self.errorf_at(tok.line, f"{{{{{kw}}}}} outside {{{{range}}}}")
                return BreakNode(tok.pos, tok.line) if kw == "break" else ContinueNode(tok.pos, tok.line)
            if kw in ("template", "block", "define"):
                self.errorf_at(tok.line, f"{{{{{kw}}}}} is not supported in --format templates")
        self.backup()
        t2 = self.peek()
        return ActionNode(t2.pos, t2.line, self.pipeline("command", T_RDELIM))

    def control(self, kind: str, tok: _Item) -> BranchNode:
        nvars = len(self.vars)
        pipe = self.pipeline(kind, T_RDELIM)
        if kind == "range":
            self.range_depth += 1
        lst, nxt = self.item_list()
        if kind == "range":
            self.range_depth -= 1
        else_list = None
        if isinstance(nxt, _ElseNode):
            chained = getattr(nxt, "chained", "")
            if chained and chained == kind and kind in ("if", "with"):
                kw = self.next_non_space()  # consume "if"/"with"
                nested = self.control(kw.val, kw)
                else_list = ListNode(nxt.pos, nxt.line, [nested])
            else:
                else_list, nxt2 = self.item_list()
                if not isinstance(nxt2, _EndNode):
                    self.errorf_at(nxt2.line, "expected end; found {{else}}")
        del self.vars[nvars:]
        return BranchNode(tok.pos, tok.line, kind, pipe, lst, else_list)

    def pipeline(self, context: str, end: int) -> PipeNode:
        tok = self.peek_non_space()
        pipe = PipeNode(tok.pos, tok.line)
        while True:  # declarations ("goto decls" in Go)
            v = self.peek_non_space()
            if v.typ != T_VARIABLE:
                break
            mark = self.i
            self.next_non_space()
            nxt = self.peek_non_space()
            if nxt.typ in (T_ASSIGN, T_DECLARE):
                pipe.is_assign = nxt.typ == T_ASSIGN
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, v.line, [v.val]))
                self.vars.append(v.val)
                break
            if nxt.typ == T_CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, v.line, [v.val]))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (T_VARIABLE, T_RDELIM, T_RPAREN):
                        continue
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            self.i = mark  # not a declaration: the variable is an operand
            break
        while True:
            t = self.next_non_space()
            if t.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if t.typ in (T_BOOL, T_CHARCONST, T_COMPLEX, T_DOT, T_FIELD, T_IDENT, T_NUMBER,
                         T_RAWSTRING, T_STRING, T_VARIABLE, T_LPAREN) or (t.typ == T_KEYWORD and t.val == "nil"):
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(t, context)

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (BoolNode, DotNode, NilNode, NumberNode, StringNode)):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> CommandNode:
        first = self.peek_non_space()
        cmd = CommandNode(first.pos, first.line)
        while True:
            self.peek_non_space()
            op = self.operand()
            if op is not None:
                cmd.args.append(op)
            tok = self.next()
            if tok.typ == T_SPACE:
                continue
            if tok.typ in (T_RDELIM, T_RPAREN):
                self.backup()
            elif tok.typ != T_PIPE:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self):
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == T_FIELD:
            first = self.peek()
            fields = []
            while self.peek().typ == T_FIELD:
                fields.append(self.next().val[1:])
            if isinstance(node, FieldNode):
                return FieldNode(first.pos, first.line, node.ident + fields)
            if isinstance(node, VariableNode):
                return VariableNode(first.pos, first.line, node.ident + fields)
            if isinstance(node, (BoolNode, StringNode, NumberNode, NilNode, DotNode)):
                self.errorf(f"unexpected . after term {go_quote(str(node))}")
            return ChainNode(first.pos, first.line, node, fields)
        return node

    def term(self):
        tok = self.next_non_space()
        if tok.typ == T_IDENT:
            if tok.val not in self.funcs:
                self.errorf_at(tok.line, f"function \"{tok.val}\" not defined")
            return IdentifierNode(tok.pos, tok.line, tok.val)
        if tok.typ == T_DOT:
            return DotNode(tok.pos, tok.line)
        if tok.typ == T_KEYWORD and tok.val == "nil":
            return NilNode(tok.pos, tok.line)
        if tok.typ == T_VARIABLE:
            if tok.val not in self.vars:
                self.errorf_at(tok.line, f"undefined variable \"{tok.val}\"")
            return VariableNode(tok.pos, tok.line, [tok.val])
        if tok.typ == T_FIELD:
            return FieldNode(tok.pos, tok.line, [tok.val[1:]])
        if tok.typ == T_BOOL:
            return BoolNode(tok.pos, tok.line, tok.val == "true")
        if tok.typ in (T_NUMBER, T_CHARCONST, T_COMPLEX):
            return NumberNode(tok.pos, tok.line, tok.val, _parse_number(tok.val, tok.typ, self, tok.line))
        if tok.typ == T_LPAREN:
            return self.pipeline("parenthesized pipeline", T_RPAREN)
        if tok.typ in (T_STRING, T_RAWSTRING):
            return StringNode(tok.pos, tok.line, tok.val, _unquote(tok.val, self, tok.line))
        self.backup()
        return None


def _item_str(it: _Item) -> str:
    """item.String() in lex.go."""
    if it.typ == T_EOF:
        return "EOF"
    if it.typ == T_ERROR:
        return it.val
    if it.typ == T_KEYWORD:
        return "<" + it.val + ">"
    if len(it.val) > 10:
        return go_quote(it.val)[:11] + "..."
    return go_quote(it.val)


def _unquote(s: str, p: _Parser, line: int) -> str:
    if s.startswith("`"):
        return s[1:-1].replace("\r", "")
    body = s[1:-1]
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= len(body):
            p.errorf_at(line, "invalid syntax")
        c = body[i]
        simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                  "\\": "\\", '"': '"', "'": "'"}
        if c in simple:
            out.append(simple[c])
            i += 1
        elif c == "x":
            out.append(bytes([int(body[i + 1:i + 3], 16)]).decode("latin-1"))
            i += 3
        elif c == "u":
            out.append(chr(int(body[i + 1:i + 5], 16)))
            i += 5
        elif c == "U":
            out.append(chr(int(body[i + 1:i + 9], 16)))
            i += 9
        elif c in "01234567":
            out.append(chr(int(body[i:i + 3], 8)))
            i += 3
        else:
            p.errorf_at(line, "invalid syntax")
    return "".join(out)


def _parse_number(text: str, typ: int, p: _Parser, line: int):
    """parse.newNumber: a char constant, an int, a float (an integer-looking number that only
    parses as a float is an "integer overflow"), or a complex."""
    if typ == T_CHARCONST:
        return ord(_unquote('"' + text[1:-1] + '"', p, line)[0])
    if typ == T_COMPLEX:
        try:
            imag = parse_float(text[:-1])
        except ValueError:
            p.errorf_at(line, f"illegal number syntax: {go_quote(text)}")
        return complex(0, imag)
    try:
        return parse_int(text, 0, 64)
    except ValueError:
        pass
    try:
        return parse_uint(text, 0, 64)
    except ValueError:
        pass
    try:
        f = parse_float(text.replace("_", "") if text.lower().startswith(("0x", "-0x", "+0x")) else text)
    except ValueError:
        p.errorf_at(line, f"illegal number syntax: {go_quote(text)}")
    if math.isinf(f):
        p.errorf_at(line, f"illegal number syntax: {go_quote(text)}")
    if not any(c in text for c in ".eEpP"):
        p.errorf_at(line, f"integer overflow: {go_quote(text)}")
    return f


# ==============================================================================================
# Execution (text/template/exec.go)

class _Break(Exception):
    pass


class _Continue(Exception):
    pass


_NO_FINAL = object()


class _State:
    def __init__(self, tmpl: "Template", missingkey: str, funcs: Mapping[str, Callable]):
        self.tmpl = tmpl
        self.missingkey = missingkey
        self.funcs = funcs
        self.out: list[str] = []
        self.vars: list[tuple[str, Any]] = []
        self.node: Any = None
        self.depth = 0

    def at(self, node) -> None:
        self.node = node

    def errorf(self, msg: str) -> None:
        node = self.node
        if node is None:
            raise TemplateExecError(f"template: : {msg}")
        text = self.tmpl.text
        pos = node.pos
        last_nl = text.rfind("\n", 0, pos)
        col = pos if last_nl < 0 else pos - (last_nl + 1)
        line = 1 + text.count("\n", 0, pos)
        raise TemplateExecError(
            f'template: :{line}:{col}: executing "" at <{_node_context(node)}>: {msg}')

    # -- variables
    def push(self, name: str, value: Any) -> None:
        self.vars.append((name, value))

    def mark(self) -> int:
        return len(self.vars)

    def pop(self, mark: int) -> None:
        del self.vars[mark:]

    def set_var(self, name: str, value: Any) -> None:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i] = (name, value)
                return
        self.errorf(f"undefined variable: {name}")

    def var_value(self, name: str) -> Any:
        for n, v in reversed(self.vars):
            if n == name:
                return v
        self.errorf(f"undefined variable: {name}")

    # -- walking
    def walk(self, dot: Any, node: Any) -> None:
        self.at(node)
        if isinstance(node, ActionNode):
            val = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.print_value(node, val)
        elif isinstance(node, TextNode):
            self.out.append(node.text)
        elif isinstance(node, ListNode):
            for n in node.nodes:
                self.walk(dot, n)
        elif isinstance(node, BranchNode):
            if node.kind == "range":
                self.walk_range(dot, node)
            else:
                self.walk_if_or_with(node.kind, dot, node)
        elif isinstance(node, BreakNode):
            raise _Break()
        elif isinstance(node, ContinueNode):
            raise _Continue()
        else:  # pragma: no cover
            self.errorf(f"unknown node: {node}")

    def walk_if_or_with(self, kind: str, dot: Any, node: BranchNode) -> None:
        mark = self.mark()
        val = self.eval_pipeline(dot, node.pipe)
        if truth(val):
            self.walk(val if kind == "with" else dot, node.list)
        elif node.else_list is not None:
            self.walk(dot, node.else_list)
        self.pop(mark)

    def walk_range(self, dot: Any, node: BranchNode) -> None:
        self.at(node)
        mark = self.mark()
        val = self.eval_pipeline(dot, node.pipe)
        self.pop(mark)  # the declared vars are re-pushed per element below

        def one(index, elem) -> bool:
            m = self.mark()
            if node.pipe.decl:
                if node.pipe.is_assign:
                    if len(node.pipe.decl) > 1:
                        self.set_var(node.pipe.decl[0].ident[0], index)
                        self.set_var(node.pipe.decl[1].ident[0], elem)
                    else:
                        self.set_var(node.pipe.decl[0].ident[0], elem)
                else:
                    if len(node.pipe.decl) > 1:
                        self.push(node.pipe.decl[0].ident[0], index)
                        self.push(node.pipe.decl[1].ident[0], elem)
                    else:
                        self.push(node.pipe.decl[0].ident[0], elem)
            try:
                self.walk(elem, node.list)
            except _Continue:
                pass
            except _Break:
                self.pop(m)
                return False
            self.pop(m)
            return True

        if val is MISSING or val is None or (isinstance(val, GoNil)
                                             and val.type_name.startswith(("[]", "map["))):
            items: Iterable = ()        # (a nil slice or map: nothing to iterate)
        elif isinstance(val, GoStruct):
            self.at(node)
            self.errorf(f"range can't iterate over {sprint_value(val)}")
        elif isinstance(val, dict):
            items = sorted(val.items(), key=lambda kv: map_sort_key(kv[0]))
        elif isinstance(val, (list, tuple)):
            items = list(enumerate(val))
        elif isinstance(val, int) and not isinstance(val, bool):
            items = [(i, i) for i in range(val)]  # Go 1.22 range over int
        elif isinstance(val, str):
            self.errorf(f"range can't iterate over {val}")
        else:
            self.errorf(f"range can't iterate over {sprint_value(val)}")
            items = ()
        items = list(items)
        if not items:
            if node.else_list is not None:
                self.walk(dot, node.else_list)
            return
        for k, v in items:
            if not one(k, v):
                break

    def print_value(self, node: Any, val: Any) -> None:
        self.at(node)
        if callable(val) and not isinstance(val, (dict, list)):
            self.errorf(f"can't print {node} of type func")
        self.out.append(sprint_value(val))

    # -- evaluation
    def eval_pipeline(self, dot: Any, pipe: PipeNode) -> Any:
        if pipe is None:
            return MISSING
        self.at(pipe)
        value: Any = _NO_FINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
            # exec.go evalPipeline: an interface{} value is replaced by what it holds, and a nil
            # one by the invalid Value (printed "<no value>")
            if isinstance(value, GoNil) and value.type_name == "interface {}":
                value = MISSING
        for var in pipe.decl:
            if pipe.is_assign:
                self.set_var(var.ident[0], value)
            else:
                self.push(var.ident[0], value)
        return value

    def eval_command(self, dot: Any, cmd: CommandNode, final: Any) -> Any:
        first = cmd.args[0]
        if isinstance(first, FieldNode):
            return self.eval_field_node(dot, first, cmd.args, final)
        if isinstance(first, ChainNode):
            return self.eval_chain_node(dot, first, cmd.args, final)
        if isinstance(first, IdentifierNode):
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if isinstance(first, PipeNode):
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        if isinstance(first, VariableNode):
            return self.eval_variable_node(dot, first, cmd.args, final)
        self.at(first)
        self.not_a_function(cmd.args, final)
        if isinstance(first, BoolNode):
            return first.value
        if isinstance(first, DotNode):
            return dot
        if isinstance(first, NilNode):
            self.errorf("nil is not a command")
        if isinstance(first, NumberNode):
            return first.value
        if isinstance(first, StringNode):
            return first.value
        self.errorf(f"can't evaluate command {first}")

    def not_a_function(self, args: list, final: Any) -> None:
        if len(args) > 1 or final is not _NO_FINAL:
            self.errorf(f"can't give argument to non-function {args[0]}")

    def eval_field_node(self, dot, field: FieldNode, args, final):
        self.at(field)
        return self.eval_field_chain(dot, dot, field, field.ident, args, final)

    def eval_chain_node(self, dot, chain: ChainNode, args, final):
        self.at(chain)
        if not chain.field:
            self.errorf("internal error: no fields in evalChainNode")
        if isinstance(chain.node, NilNode):
            self.errorf(f"indirection through explicit nil in {chain}")
        pipe = self.eval_arg(dot, chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.field, args, final)

    def eval_variable_node(self, dot, var: VariableNode, args, final):
        self.at(var)
        value = self.var_value(var.ident[0])
        if len(var.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, var, var.ident[1:], args, final)

    def eval_field_chain(self, dot, receiver, node, ident: list[str], args, final):
        n = len(ident)
        for i in range(n - 1):
            receiver = self.eval_field(dot, ident[i], node, [], _NO_FINAL, receiver)
        return self.eval_field(dot, ident[n - 1], node, args, final, receiver)

    def eval_field(self, dot, name: str, node, args, final, receiver):
        has_args = len(args) > 1 or final is not _NO_FINAL
        if receiver is MISSING:
            if self.missingkey == "error":
                self.errorf(f'nil data; no entry for key "{name}"')
            return MISSING
        if receiver is None:
            self.errorf(f"nil pointer evaluating interface {{}}.{name}")
        if isinstance(receiver, GoNil):
            self.errorf(f"nil pointer evaluating {receiver.type_name}.{name}")
        if isinstance(receiver, dict):
            if name in receiver and callable(receiver[name]):
                # a method (GoStruct methods, SubHeaderContext.Label)
                return self.eval_call(dot, receiver[name], False, node, name, args, final)
            if isinstance(receiver, GoStruct):
                if name not in receiver:
                    self.errorf(f"can't evaluate field {name} in type {receiver.type_name}")
                if has_args:
                    self.errorf(f"{name} has arguments but cannot be invoked as function")
                return receiver[name]
            if has_args:
                self.errorf(f"{name} is not a method but has arguments")
            if name in receiver:
                value = receiver[name]
                if value is None and isinstance(receiver, GoMap) and receiver.elem_type == "interface {}":
                    return GoNil("interface {}")    # a JSON null in decoded JSON: a nil interface
                return value
            if self.missingkey == "error":
                self.errorf(f'map has no entry for key "{name}"')
            if self.missingkey == "zero" and isinstance(receiver, GoMap):
                return _zero_of(receiver.elem_type)
            return MISSING
        self.errorf(f"can't evaluate field {name} in type {go_type_name(receiver)}")

    def eval_function(self, dot, node: IdentifierNode, cmd: CommandNode, args, final):
        self.at(node)
        name = node.name
        if name in ("and", "or") and name not in self.tmpl.funcs:
            return self.eval_and_or(dot, name, cmd, args, final)
        fn = self.funcs.get(name)
        if fn is None:
            self.errorf(f'"{name}" is not a defined function')
        return self.eval_call(dot, fn, True, cmd, name, args, final)

    def eval_and_or(self, dot, name, cmd, args, final):
        argv = args[1:]
        if not argv and final is _NO_FINAL:
            self.at(cmd)
            self.errorf(f"wrong number of args for {name}: want at least 1 got 0")
        val: Any = MISSING
        for a in argv:
            val = self.eval_arg(dot, a)
            if truth(val) != (name == "and"):
                return val
        if final is not _NO_FINAL:
            val = final
        return val

    def eval_call(self, dot, fn: Callable, is_builtin: bool, node, name: str, args, final):
        arg_nodes = list(args[1:])
        spec = getattr(fn, "_go_sig", None)
        nargs = len(arg_nodes) + (0 if final is _NO_FINAL else 1)
        if spec is not None:
            params, variadic = spec
            fixed = params[:-1] if variadic else params
            if variadic:
                if nargs < len(fixed):
                    self.errorf(f"wrong number of args for {name}: want at least {len(fixed)} got {len(arg_nodes)}")
            elif nargs != len(fixed):
                self.errorf(f"wrong number of args for {name}: want {len(fixed)} got {nargs}")
        argv = []
        for i, a in enumerate(arg_nodes):
            want = None
            if spec is not None:
                want = fixed[i] if i < len(fixed) else params[-1]
            if want not in (None, "any") and isinstance(a, (NumberNode, StringNode, BoolNode)):
                self.at(a)
                v = a.value
                if not _type_ok(want, v):
                    kind = {"string": "string", "int": "integer", "bool": "bool"}.get(want)
                    if kind is None:
                        self.errorf(f"can't handle {a} for arg of type {want}")
                    self.errorf(f"expected {kind}; found {a}")
                argv.append(v)
                continue
            v = self.eval_arg(dot, a)
            argv.append(self._validate(v, want, a))
        if final is not _NO_FINAL:
            want = None
            if spec is not None:
                i = len(argv)
                want = fixed[i] if i < len(fixed) else params[-1]
            argv.append(self._validate(final, want, None))
        if fn is _fn_call and argv and not callable(argv[0]):
            self.at(node)
            what = str(arg_nodes[0]) if arg_nodes else "value"
            self.errorf(f"error calling call: non-function {what} of type {go_type_name(argv[0])}")
        try:
            return fn(*argv)
        except TemplateExecError:
            raise
        except _GoFuncError as e:
            self.at(node)
            self.errorf(f"error calling {name}: {e}")

    def _validate(self, v, want, node):
        """exec.go validateType."""
        if node is not None:
            self.at(node)
        if v is MISSING:
            if want in ("string", "int", "[]string", "bool"):
                self.errorf(f"invalid value; expected {want}")
            return None
        if want not in (None, "any") and not _type_ok(want, v):
            self.errorf(f"wrong type for value; expected {want}; got {go_type_name(v)}")
        return v

    def eval_arg(self, dot, node):
        self.at(node)
        if isinstance(node, DotNode):
            return dot
        if isinstance(node, NilNode):
            return None
        if isinstance(node, FieldNode):
            return self.eval_field_node(dot, node, [node], _NO_FINAL)
        if isinstance(node, VariableNode):
            return self.eval_variable_node(dot, node, [node], _NO_FINAL)
        if isinstance(node, PipeNode):
            return self.eval_pipeline(dot, node)
        if isinstance(node, IdentifierNode):
            return self.eval_function(dot, node, CommandNode(node.pos, node.line, [node]), [node], _NO_FINAL)
        if isinstance(node, ChainNode):
            return self.eval_chain_node(dot, node, [node], _NO_FINAL)
        if isinstance(node, (BoolNode,)):
            return node.value
        if isinstance(node, NumberNode):
            return node.value
        if isinstance(node, StringNode):
            return node.value
        self.errorf(f"can't handle {node} for arg")


def _node_context(node) -> str:
    return str(node)


def _zero_of(t: str) -> Any:
    if t == "interface {}":
        return GoNil("interface {}")
    return {"string": "", "int": 0, "bool": False}.get(t)


def _type_ok(want: str, a: Any) -> bool:
    if want == "any":
        return True
    if want == "string":
        return isinstance(a, str)
    if want == "int":
        return isinstance(a, int) and not isinstance(a, bool)
    if want == "[]string":
        return isinstance(a, (list, tuple)) and all(isinstance(x, str) for x in a)
    return True


def _sig(params: list[str], variadic: bool = False):
    def deco(fn):
        fn._go_sig = (params, variadic)
        return fn
    return deco


class _GoFuncError(Exception):
    pass


# ---- builtins

@_sig(["any", "any"], True)
def _fn_index(item, *indexes):
    for idx in indexes:
        if isinstance(item, GoNil) and item.type_name.startswith("map["):
            item = _zero_of(item.type_name.split("]", 1)[1])     # a nil map: the zero value
            continue
        if isinstance(item, GoNil) and item.type_name.startswith("[]"):
            item = []                                            # a nil slice: no elements
        if item is None or item is MISSING or (isinstance(item, GoNil) and item.type_name == "interface {}"):
            raise _GoFuncError("index of untyped nil")
        if isinstance(item, GoStruct):
            raise _GoFuncError(f"can't index item of type {item.type_name}")
        if isinstance(item, dict):
            if idx in item:
                item = item[idx]
            else:
                if isinstance(item, GoMap):
                    item = _zero_of(item.elem_type)
                elif all(isinstance(x, str) for x in item.values()):
                    item = ""  # map[string]string (Labels, Options): zero value
                else:
                    item = None
            continue
        if isinstance(item, (list, tuple, str)):
            if not isinstance(idx, int) or isinstance(idx, bool):
                raise _GoFuncError(f"cannot index slice/array with type {go_type_name(idx)}")
            # text/template funcs.go indexArg allows x == len (``x > cap`` is the check), and
            # reflect's Index then panics, which safeCall reports as the error
            seq = item.encode() if isinstance(item, str) else item      # a string: its bytes
            if idx < 0 or idx > len(seq):
                raise _GoFuncError(f"index out of range: {idx}")
            if idx == len(seq):
                kind = "string" if isinstance(item, str) else "slice"
                raise _GoFuncError(f"reflect: {kind} index out of range")
            item = seq[idx]
            continue
        raise _GoFuncError(f"can't index item of type {go_type_name(item)}")
    return item


@_sig(["any", "any"], True)
def _fn_slice(item, *indexes):
    if isinstance(item, str):
        b = item.encode()
        idx = list(indexes)
        if len(idx) > 2:
            raise _GoFuncError("cannot 3-index slice a string")
        i = idx[0] if idx else 0
        j = idx[1] if len(idx) > 1 else len(b)
        if not (0 <= i <= j <= len(b)):
            raise _GoFuncError(f"index out of range: {j if j > len(b) else i}")
        return b[i:j].decode(errors="replace")
    if isinstance(item, (list, tuple)):
        idx = list(indexes)
        i = idx[0] if idx else 0
        j = idx[1] if len(idx) > 1 else len(item)
        if not (0 <= i <= j <= len(item)):
            raise _GoFuncError(f"index out of range: {j if j > len(item) else i}")
        return list(item[i:j])
    raise _GoFuncError(f"can't slice item of type {go_type_name(item)}")


@_sig(["any"])
def _fn_len(item):
    if isinstance(item, GoNil) and item.type_name.startswith(("[]", "map[")):
        return 0                                # len of a nil slice or map
    if item is None or item is MISSING or isinstance(item, GoNil):
        raise _GoFuncError("len of nil pointer")
    if isinstance(item, GoStruct):
        raise _GoFuncError(f"len of type {item.type_name}")
    if isinstance(item, str):
        return len(item.encode())
    if isinstance(item, (list, tuple, dict)):
        return len(item)
    raise _GoFuncError(f"len of type {go_type_name(item)}")


@_sig(["any"])
def _fn_not(x):
    return not truth(x)


def _basic_kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return None


@_sig(["any", "any"], True)
def _fn_eq(arg1, *args):
    if not args:
        raise _GoFuncError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for a in args:
        k2 = _basic_kind(a)
        if k1 is None or k2 is None:
            if arg1 is None or a is None or arg1 is MISSING or a is MISSING:
                if (arg1 is None or arg1 is MISSING) and (a is None or a is MISSING):
                    return True
                if arg1 is None or arg1 is MISSING:
                    if isinstance(a, (list, dict)) or a is None:
                        if a == None:  # noqa: E711
                            return True
                        continue
                    raise _GoFuncError("incompatible types for comparison")
                continue
            if isinstance(arg1, (list, tuple, dict)) or isinstance(a, (list, tuple, dict)):
                raise _GoFuncError("non-comparable type " + sprint_value(arg1 if isinstance(arg1, (list, tuple, dict)) else a) + ": " + go_type_name(arg1 if isinstance(arg1, (list, tuple, dict)) else a))
            if arg1 == a:
                return True
            continue
        if k1 != k2:
            raise _GoFuncError("incompatible types for comparison")
        if arg1 == a:
            return True
    return False


@_sig(["any", "any"])
def _fn_ne(a, b):
    return not _fn_eq(a, b)


def _cmp(a, b):
    k1, k2 = _basic_kind(a), _basic_kind(b)
    if k1 is None or k2 is None or k1 == "bool" or k2 == "bool":
        raise _GoFuncError("invalid type for comparison")
    if k1 != k2:
        raise _GoFuncError("incompatible types for comparison")
    return (a > b) - (a < b)


@_sig(["any", "any"])
def _fn_lt(a, b):
    return _cmp(a, b) < 0


@_sig(["any", "any"])
def _fn_le(a, b):
    return _cmp(a, b) <= 0


@_sig(["any", "any"])
def _fn_gt(a, b):
    return _cmp(a, b) > 0


@_sig(["any", "any"])
def _fn_ge(a, b):
    return _cmp(a, b) >= 0


def _fn_print(*args):
    return go_sprint(*args)


def _fn_println(*args):
    return go_sprintln(*args)


@_sig(["string", "any"], True)
def _fn_printf(fmt, *args):
    return go_sprintf(fmt, *args)


def _eval_args_str(args) -> str:
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return go_sprint(*args)


def _fn_html(*args):
    s = _eval_args_str(args)
    return (s.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&#34;").replace("\x00", "\uFFFD"))


def _fn_js(*args):
    s = _eval_args_str(args)
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == '"':
            out.append("\\\"")
        elif ch == "<":
            out.append("\\u003C")
        elif ch == ">":
            out.append("\\u003E")
        elif ch == "&":
            out.append("\\u0026")
        elif ch == "=":
            out.append("\\u003D")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def _fn_urlquery(*args):
    return urllib.parse.quote_plus(_eval_args_str(args), safe="")


@_sig(["any", "any"], True)
def _fn_call(fn, *args):
    if not callable(fn):
        raise _GoFuncError(f"non-function of type {go_type_name(fn)}")
    return fn(*args)


_BUILTIN_FUNCS: dict[str, Callable] = {
    "and": None, "or": None,  # type: ignore[dict-item]  (handled in eval_and_or)
    "not": _fn_not, "len": _fn_len, "index": _fn_index, "slice": _fn_slice,
    "print": _fn_print, "printf": _fn_printf, "println": _fn_println,
    "eq": _fn_eq, "ne": _fn_ne, "lt": _fn_lt, "le": _fn_le, "gt": _fn_gt, "ge": _fn_ge,
    "html": _fn_html, "js": _fn_js, "urlquery": _fn_urlquery, "call": _fn_call,
}



# ==============================================================================================
# Template

class Template:
    """A parsed template. ``execute`` returns the output; on error raises TemplateExecError
    whose ``partial`` holds what was written before the failure."""

    def __init__(self, text: str, funcs: Mapping[str, Callable] | None = None):
        self.text = text
        self.funcs = dict(funcs or {})
        self.root = _Parser(text, {**_BUILTIN_FUNCS, **self.funcs}).parse()

    def execute(self, data: Any, missingkey: str = "default",
                funcs: Mapping[str, Callable] | None = None) -> str:
        st = _State(self, missingkey, {**_BUILTIN_FUNCS, **(self.funcs if funcs is None else {**self.funcs, **funcs})})
        st.push("$", data)
        try:
            st.walk(data, self.root)
        except TemplateExecError as e:
            e.partial = "".join(st.out)
            raise
        except RecursionError:
            raise TemplateExecError("template: : exceeded maximum template depth",
                                    "".join(st.out)) from None
        return "".join(st.out)


#: The names other modules use for the executor's function machinery.
signature = _sig
FuncError = _GoFuncError
