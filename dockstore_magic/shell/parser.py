"""Lexer and recursive-descent parser for the POSIX sh language (the subset dash and busybox
ash share, plus a few ash extensions such as ``${x/a/b}`` and ``${x:1:2}``), and what the
``flavor`` adds: ``$'…'`` (busybox ash and bash), arrays ``x=(a b)``, ``x+=…``, ``x[i]=…``
and ``${x[i]}`` (bash).  Brace expansion is bash's too, done at expansion (shell/braces.py).

Words are split into *parts* at parse time (literals with their quoting, parameter
expansions, command substitutions, arithmetic); expansion happens later, per execution.
"""
from __future__ import annotations

import re

from .nodes import (Lit, Param, CmdSub, Arith, Word, ArrayWord, Heredoc, Redir, Simple, Pipeline,
                    AndOr, CmdList, Brace, Subshell, If, For, While, Case, FuncDef, ArithCmd,
                    ForArith)

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
BASH_ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=")
_C_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r",
              "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


def _ansi_c(src: str, i: int) -> tuple[str, int]:
    """``i`` just after ``$'``: the decoded text of bash's ANSI-C quoting and the index after
    the closing quote (escapes: \\a \\b \\e \\f \\n \\r \\t \\v \\\\ \\' \\" \\nnn \\xHH \\uHHHH \\cX)."""
    out: list[str] = []
    n = len(src)
    while i < n:
        c = src[i]
        if c == "'":
            return "".join(out), i + 1
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        e = src[i + 1]
        if e in _C_ESCAPES:
            out.append(_C_ESCAPES[e])
            i += 2
        elif e in "01234567":
            m = re.compile(r"[0-7]{1,3}").match(src, i + 1)
            out.append(chr(int(m.group(0), 8) & 0xFF))
            i = m.end()
        elif e in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[e]
            m = re.compile(r"[0-9A-Fa-f]{1,%d}" % width).match(src, i + 2)
            if m:
                out.append(chr(int(m.group(0), 16)))
                i = m.end()
            else:
                out.append("\\" + e)
                i += 2
        elif e == "c" and i + 2 < n:
            out.append(chr(ord(src[i + 2].upper()) ^ 0x40))
            i += 3
        else:
            out.append("\\" + e)
            i += 2
    raise ShellSyntaxError("quote")


SPECIAL_PARAMS = "@*#?-$!0"
OPERATORS = ["<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&&", "||", ";;",
             "<", ">", "&", "|", ";", "(", ")"]
META = set(" \t\n|&;<>()")
RESERVED = {"if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while",
            "until", "for", "in", "{", "}", "!"}
CLOSERS = {"then", "else", "elif", "fi", "do", "done", "esac", "}"}
_REDIR_OPS = ("<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<-", "<<<")


class ShellSyntaxError(Exception):
    """A parse failure.  ``kind`` is one of: eof, unexpected, quote, brace, backquote,
    badsubst; ``token`` the offending token's text; ``expecting`` what was awaited."""

    def __init__(self, kind: str, token: str = "", expecting: str = "", lineno: int = 1):
        super().__init__(kind, token, expecting)
        self.kind, self.token, self.expecting, self.lineno = kind, token, expecting, lineno

    def message(self, flavor: str) -> str:
        """The error text as dash (``dash``/``bash``) or busybox ash (``ash``) words it."""
        k, t, e = self.kind, self.token, self.expecting
        if flavor == "ash":
            if k == "eof":
                return "syntax error: unexpected end of file" + (f' (expecting "{e}")' if e else "")
            if k == "unexpected":
                tok = "newline" if t == "\n" else f'"{t}"'
                return f"syntax error: unexpected {tok}" + (f' (expecting "{e}")' if e else "")
            if k in ("quote", "backquote"):
                return "syntax error: unterminated quoted string"
            if k == "brace":
                return "syntax error: missing '}'"
            if k == "badsubst":
                return "syntax error: bad substitution"
            return "syntax error"
        if flavor == "bash":
            if k == "eof":
                return "syntax error: unexpected end of file"
            if k == "unexpected":
                tok = "newline" if t == "\n" else t
                return f"syntax error near unexpected token `{tok}'"
            if k in ("quote", "backquote"):
                return "unexpected EOF while looking for matching `\"'"
            if k in ("brace", "badsubst"):
                return "bad substitution"
            return "syntax error"
        if k == "eof":
            return "Syntax error: end of file unexpected" + (f' (expecting "{e}")' if e else "")
        if k == "unexpected":
            tok = "newline" if t == "\n" else f'"{t}"'
            return f"Syntax error: {tok} unexpected" + (f' (expecting "{e}")' if e else "")
        if k == "quote":
            return "Syntax error: Unterminated quoted string"
        if k == "backquote":
            return "Syntax error: EOF in backquote substitution"
        if k == "brace":
            return "Syntax error: Missing '}'"
        if k == "badsubst":
            return "Bad substitution"
        return "Syntax error"


# ====================================================================== scanning helpers
def _skip_squote(src: str, i: int) -> int:
    """``i`` just after an opening single quote; return the index after the closing one."""
    j = src.find("'", i)
    if j < 0:
        raise ShellSyntaxError("quote")
    return j + 1


def _skip_quoted(src: str, i: int, close: str) -> int:
    """``i`` just after an opening double quote or backquote (``close``); return the index
    after the closing one.  Backslash pairs are skipped; inside double quotes, so are
    ``$(...)``, ``${...}`` and backquoted commands."""
    n = len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == close:
            return i + 1
        if close == '"':
            if c == "$" and src.startswith("$(", i):
                i = find_paren_end(src, i + 2) + 1
                continue
            if c == "$" and src.startswith("${", i):
                i = find_brace_end(src, i + 2) + 1
                continue
            if c == "`":
                i = _skip_quoted(src, i + 1, "`")
                continue
        i += 1
    raise ShellSyntaxError("quote" if close == '"' else "backquote")


_QUOTING = "\\'\"`"


def _skip_quoting(src: str, i: int, c: str) -> int:
    """``c`` = ``src[i]``, one of :data:`_QUOTING`: the index after the backslash pair, the
    single- or double-quoted string or the backquoted command that starts there."""
    if c == "\\":
        return i + 2
    if c == "'":
        return _skip_squote(src, i + 1)
    return _skip_quoted(src, i + 1, c)


def find_paren_end(src: str, i: int) -> int:
    """``i`` just after ``$(``; return the index of the matching ``)``."""
    depth = 1
    n = len(src)
    in_case = 0
    word_start = True
    while i < n:
        c = src[i]
        if c in _QUOTING:
            if c != "`":
                word_start = False
            i = _skip_quoting(src, i, c)
            continue
        if c == "#" and word_start:
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if word_start and src.startswith("case", i) and (i + 4 >= n or src[i + 4] in " \t\n"):
            in_case += 1
        if word_start and src.startswith("esac", i) and (i + 4 >= n or src[i + 4] in " \t\n;)"):
            in_case = max(0, in_case - 1)
        if c == "(":
            depth += 1
        elif c == ")":
            if in_case and depth == 1:
                # a case pattern's closing parenthesis
                i += 1
                word_start = True
                continue
            depth -= 1
            if depth == 0:
                return i
        word_start = c in " \t\n;|&()"
        i += 1
    raise ShellSyntaxError("eof", expecting=")")


def find_brace_end(src: str, i: int) -> int:
    """``i`` just after ``${``; return the index of the matching ``}``."""
    depth = 1
    n = len(src)
    while i < n:
        c = src[i]
        if c in _QUOTING:
            i = _skip_quoting(src, i, c)
            continue
        if c == "$" and src.startswith("$(", i):
            i = find_paren_end(src, i + 2) + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ShellSyntaxError("brace")


def _find_arith_end(src: str, i: int) -> int | None:
    """``i`` just after ``$((``; index of the first ``)`` of the closing ``))`` or None."""
    depth = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i if src.startswith("))", i) else None
            depth -= 1
        elif c == "$" and src.startswith("$(", i) and not src.startswith("$((", i):
            i = find_paren_end(src, i + 2) + 1
            continue
        i += 1
    return None


class _Acc:
    """Accumulates parts, merging adjacent literals of the same quoting."""

    def __init__(self):
        self.parts: list = []
        self.buf: list[str] = []
        self.bq = False

    def lit(self, text: str, quoted: bool) -> None:
        if self.buf and self.bq != quoted:
            self.flush()
        self.buf.append(text)
        self.bq = quoted

    def flush(self) -> None:
        if self.buf:
            self.parts.append(Lit("".join(self.buf), self.bq))
            self.buf = []

    def add(self, part) -> None:
        self.flush()
        self.parts.append(part)

    def done(self) -> list:
        self.flush()
        return self.parts


def scan_parts(src: str, i: int, mode: str, end: int | None = None, lineno: int = 1,
               flavor: str = "dash"):
    """Split word text into parts.

    modes: ``word`` (unquoted, stops at a blank or metacharacter), ``dq`` (inside double
    quotes, stops after the closing quote), ``heredoc`` (body of an unquoted here-document),
    ``brace`` / ``dqbrace`` (the argument of ``${x:-…}`` unquoted / inside double quotes),
    ``arith`` (inside ``$((…))``).  Returns (parts, index after).
    """
    acc = _Acc()
    n = len(src) if end is None else end
    quoted_ctx = mode in ("dq", "heredoc", "dqbrace", "arith")
    while i < n:
        c = src[i]
        if mode == "word" and c in META:
            break
        if mode == "dq" and c == '"':
            return acc.done(), i + 1
        if c == "\\":
            if i + 1 >= n:
                acc.lit("\\", quoted_ctx)
                i += 1
                continue
            nx = src[i + 1]
            if nx == "\n":
                i += 2
                continue
            if quoted_ctx:
                special = "$`\\" + ('"' if mode in ("dq", "dqbrace") else "") + \
                    ("}" if mode == "dqbrace" else "")
                if nx in special:
                    acc.lit(nx, True)
                else:
                    acc.lit("\\" + nx, True)
            else:
                acc.lit(nx, True)
            i += 2
            continue
        if c == "'" and mode in ("word", "brace"):
            j = _skip_squote(src, i + 1)
            acc.lit(src[i + 1:j - 1], True)
            if j - 1 == i + 1:
                acc.add(Lit("", True))
            i = j
            continue
        if c == '"' and mode in ("word", "brace", "dqbrace"):
            if mode == "dqbrace":
                i += 1
                continue
            sub, j = scan_parts(src, i + 1, "dq", end=n, lineno=lineno, flavor=flavor)
            if not sub:
                sub = [Lit("", True)]
            for p in sub:
                if isinstance(p, Lit):
                    acc.lit(p.text, True)
                else:
                    acc.add(p)
            if j > n or src[j - 1] != '"':
                raise ShellSyntaxError("quote")
            i = j
            continue
        if c == "`":
            j = _skip_quoted(src, i + 1, "`")
            inner = src[i + 1:j - 1]
            out = []
            k = 0
            while k < len(inner):
                if inner[k] == "\\" and k + 1 < len(inner) and inner[k + 1] in "$`\\" + \
                        ('"' if quoted_ctx else ""):
                    out.append(inner[k + 1])
                    k += 2
                else:
                    out.append(inner[k])
                    k += 1
            acc.add(CmdSub("".join(out), quoted_ctx, True, lineno))
            i = j
            continue
        if c == "$" and mode in ("word", "brace") and flavor in ("ash", "bash") \
                and src.startswith("$'", i):
            text, j = _ansi_c(src, i + 2)
            acc.lit(text, True)
            if not text:
                acc.add(Lit("", True))
            i = j
            continue
        if c == "$":
            part, j = _scan_dollar(src, i, quoted_ctx, lineno, flavor)
            if part is None:
                acc.lit("$", quoted_ctx)
            else:
                acc.add(part)
            i = j
            continue
        acc.lit(c, quoted_ctx)
        i += 1
    if mode == "dq":
        raise ShellSyntaxError("quote")
    return acc.done(), i


def _scan_dollar(src: str, i: int, quoted: bool, lineno: int, flavor: str = "dash"):
    """``src[i] == '$'``.  Return (part or None for a lone '$', index after)."""
    n = len(src)
    if i + 1 >= n:
        return None, i + 1
    c = src[i + 1]
    if c == "(":
        if src.startswith("$((", i):
            e = _find_arith_end(src, i + 3)
            if e is not None:
                parts, _ = scan_parts(src, i + 3, "arith", end=e, lineno=lineno, flavor=flavor)
                return Arith(parts, quoted), e + 2
        e = find_paren_end(src, i + 2)
        return CmdSub(src[i + 2:e], quoted, False, lineno), e + 1
    if c == "{":
        e = find_brace_end(src, i + 2)
        return _parse_braced(src[i + 2:e], quoted, lineno, flavor), e + 1
    if c in SPECIAL_PARAMS or c.isdigit():
        return Param(c, quoted=quoted), i + 2
    m = NAME_RE.match(src, i + 1)
    if m:
        return Param(m.group(0), quoted=quoted), m.end()
    return None, i + 1


def _parse_braced(s: str, quoted: bool, lineno: int, flavor: str = "dash") -> Param:
    argmode = "dqbrace" if quoted else "brace"

    def arg(text):
        return scan_parts(text, 0, argmode, lineno=lineno, flavor=flavor)[0]

    if flavor == "bash":
        m = re.compile(r"(!|#)?([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]").match(s)
        if m:
            sigil, name, index = m.group(1), m.group(2), m.group(3)
            rest = s[m.end():]
            if sigil == "!" and index in ("@", "*") and not rest:
                return Param(name, "keys", quoted=quoted, index=index)
            if sigil == "#" and not rest:
                return Param(name, "len", quoted=quoted, index=index)
            if not sigil:
                p = _parse_braced(name + rest, quoted, lineno, flavor)
                p.index = index
                return p

    if s.startswith("#") and len(s) > 1:
        rest = s[1:]
        if rest in SPECIAL_PARAMS or rest.isdigit() or NAME_RE.fullmatch(rest):
            return Param(rest, "len", quoted=quoted)
    if not s:
        return Param("", "bad", quoted=quoted)
    if s[0] in SPECIAL_PARAMS:
        name, rest = s[0], s[1:]
    else:
        m = NAME_RE.match(s) or re.compile(r"[0-9]+").match(s)
        if not m:
            return Param(s, "bad", quoted=quoted)
        name, rest = m.group(0), s[m.end():]
    if not rest:
        return Param(name, quoted=quoted)
    for op in (":-", ":=", ":+", ":?"):
        if rest.startswith(op):
            return Param(name, op, arg(rest[2:]), quoted=quoted)
    if rest[0] == ":":
        body = rest[1:]
        off, _, ln = body.partition(":")
        return Param(name, "substr", [Lit(off)], [Lit(ln)] if _ else None, quoted=quoted)
    if flavor == "bash":
        for op in ("^^", ",,", "^", ","):        # case modification (bash 4)
            if rest.startswith(op):
                return Param(name, op, arg(rest[len(op):]), quoted=quoted)
    for op in ("##", "%%", "//", "-", "=", "+", "?", "#", "%", "/"):
        if rest.startswith(op):
            body = rest[len(op):]
            if op in ("/", "//"):
                pat, sep, rep = _split_unescaped(body, "/")
                return Param(name, op, arg(pat), arg(rep) if sep else [], quoted=quoted)
            return Param(name, op, arg(body), quoted=quoted)
    return Param(name + rest, "bad", quoted=quoted)


def _split_unescaped(s: str, ch: str):
    i = 0
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == ch:
            return s[:i], ch, s[i + 1:]
        i += 1
    return s, "", ""


# ====================================================================== lexer
class Token:
    __slots__ = ("kind", "value", "lineno", "word")

    def __init__(self, kind, value="", lineno=1, word=None):
        self.kind, self.value, self.lineno, self.word = kind, value, lineno, word

    def text(self) -> str:
        if self.kind == "EOF":
            return "end of file"
        if self.kind == "NL":
            return "\n"
        return self.value

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r})"


class Lexer:
    def __init__(self, src: str, flavor: str = "dash"):
        self.src = src
        self.flavor = flavor
        self.i = 0
        self.lineno = 1
        self.pending: list[Heredoc] = []

    def next(self) -> Token:
        src, n = self.src, len(self.src)
        while self.i < n:
            c = src[self.i]
            if c in " \t":
                self.i += 1
            elif c == "\\" and src.startswith("\\\n", self.i):
                self.i += 2
                self.lineno += 1
            elif c == "#":
                j = src.find("\n", self.i)
                self.i = n if j < 0 else j
            else:
                break
        if self.i >= n:
            if self.pending:
                self._read_heredocs()
            return Token("EOF", "", self.lineno)
        c = src[self.i]
        line = self.lineno
        if c == "\n":
            self.i += 1
            self.lineno += 1
            if self.pending:
                self._read_heredocs()
            return Token("NL", "\n", line)
        if self.flavor == "bash" and src.startswith("<<<", self.i):
            self.i += 3                                # bash: a here-string
            return Token("OP", "<<<", line)
        if self.flavor == "bash" and src.startswith("((", self.i):
            e = _find_arith_end(src, self.i + 2)      # bash: ``(( … ))`` is arithmetic
            if e is not None:
                val = src[self.i + 2:e]
                self.i = e + 2
                self.lineno += val.count("\n")
                return Token("ARITH", val, line)
        for op in OPERATORS:
            if src.startswith(op, self.i):
                self.i += len(op)
                return Token("OP", op, line)
        if c.isdigit():
            j = self.i
            while j < n and src[j].isdigit():
                j += 1
            if j < n and src[j] in "<>":
                val = src[self.i:j]
                self.i = j
                return Token("IO", val, line)
        start = self.i
        parts, j = scan_parts(src, self.i, "word", lineno=line, flavor=self.flavor)
        self.i = j
        raw = src[start:j]
        self.lineno += raw.count("\n")
        return Token("WORD", raw, line, Word(parts, raw))

    def _read_heredocs(self) -> None:
        src, n = self.src, len(self.src)
        for hd in self.pending:
            lines = []
            while True:
                if self.i >= n:
                    break
                j = src.find("\n", self.i)
                if j < 0:
                    line, nxt = src[self.i:], n
                else:
                    line, nxt = src[self.i:j], j + 1
                self.i = nxt
                self.lineno += 1
                if hd.strip_tabs:
                    line = line.lstrip("\t")
                if line == hd.delim:
                    break
                lines.append(line + ("\n" if nxt <= n and (j >= 0) else ""))
            hd.body = "".join(lines)
            if not hd.quoted:
                hd.parts = scan_parts(hd.body, 0, "heredoc", flavor=self.flavor)[0]
        self.pending = []


# ====================================================================== parser
class Parser:
    def __init__(self, src: str, dbracket: bool = False, flavor: str = "dash"):
        self.lx = Lexer(src, flavor)
        self.flavor = flavor
        self.tok: Token | None = None
        self.dbracket = dbracket        # ``[[ … ]]`` is a compound (busybox ash, bash)

    # ---- token helpers
    def peek(self) -> Token:
        if self.tok is None:
            self.tok = self.lx.next()
        return self.tok

    def take(self) -> Token:
        t = self.peek()
        self.tok = None
        return t

    def is_word(self, *words) -> bool:
        t = self.peek()
        return t.kind == "WORD" and t.word.literal in words

    def is_op(self, *ops) -> bool:
        t = self.peek()
        return t.kind == "OP" and t.value in ops

    def linebreak(self) -> None:
        while self.peek().kind == "NL":
            self.take()

    def fail(self, expecting: str = ""):
        t = self.peek()
        if t.kind == "EOF":
            raise ShellSyntaxError("eof", expecting=expecting, lineno=t.lineno)
        raise ShellSyntaxError("unexpected", t.text(), expecting, lineno=t.lineno)

    def expect_word(self, word: str) -> None:
        if not self.is_word(word):
            self.fail(word)
        self.take()

    # ---- grammar
    def parse_program(self) -> CmdList:
        body = self.parse_list(top=True)
        if self.peek().kind != "EOF":
            self.fail()
        return body

    def parse_list(self, top: bool = False) -> CmdList:
        lst = CmdList()
        while True:
            self.linebreak()
            t = self.peek()
            if t.kind == "EOF" or (t.kind == "OP" and t.value in (")", ";;")):
                break
            if t.kind == "WORD" and t.word.literal in CLOSERS:
                if top:
                    self.fail()
                break
            ao = self.parse_and_or()
            bg = False
            t = self.peek()
            if t.kind == "OP" and t.value in (";", "&"):
                bg = t.value == "&"
                self.take()
                lst.items.append((ao, bg))
                continue
            lst.items.append((ao, bg))
            if t.kind == "NL":
                continue
            break
        return lst

    def parse_body(self, expecting: str) -> CmdList:
        body = self.parse_list()
        if not body.items:
            # dash names what it awaited only when the text ended
            self.fail(expecting if self.peek().kind == "EOF" else "")
        return body

    def parse_and_or(self) -> AndOr:
        ao = AndOr(self.parse_pipeline())
        while self.is_op("&&", "||"):
            op = self.take().value
            self.linebreak()
            ao.rest.append((op, self.parse_pipeline()))
        return ao

    def parse_pipeline(self) -> Pipeline:
        line = self.peek().lineno
        neg = False
        if self.is_word("!"):
            self.take()
            neg = True
        cmds = [self.parse_command()]
        while self.is_op("|"):
            self.take()
            self.linebreak()
            cmds.append(self.parse_command())
        return Pipeline(cmds, neg, line)

    def parse_command(self):
        t = self.peek()
        if t.kind == "ARITH":
            self.take()
            return ArithCmd(scan_parts(t.value, 0, "arith", flavor=self.flavor)[0],
                            self.parse_redirs(), t.lineno)
        if t.kind == "OP" and t.value == "(":
            self.take()
            body = self.parse_body(")")
            if not self.is_op(")"):
                self.fail(")")
            self.take()
            return Subshell(body, self.parse_redirs())
        if t.kind == "WORD":
            w = t.word.literal
            if w == "{":
                self.take()
                body = self.parse_body("}")
                self.expect_word("}")
                return Brace(body, self.parse_redirs())
            if w == "if":
                return self.parse_if()
            if w in ("while", "until"):
                self.take()
                cond = self.parse_body("do")
                self.expect_word("do")
                body = self.parse_body("done")
                self.expect_word("done")
                return While(cond, body, w == "until", self.parse_redirs())
            if w == "for":
                return self.parse_for()
            if w == "case":
                return self.parse_case()
            if w == "function" and self.flavor == "bash":
                return self._function()
            if w in CLOSERS:
                self.fail()
        return self.parse_simple()

    def parse_redirs(self) -> list:
        out = []
        while True:
            r = self.try_redir()
            if r is None:
                return out
            out.append(r)

    def try_redir(self) -> Redir | None:
        t = self.peek()
        fd = None
        if t.kind == "IO":
            self.take()
            fd = int(t.value)
            t = self.peek()
            if not (t.kind == "OP" and t.value in _REDIR_OPS):
                self.fail()
        elif not (t.kind == "OP" and t.value in _REDIR_OPS):
            return None
        op = self.take().value
        tgt = self.peek()
        if tgt.kind != "WORD":
            self.fail()
        self.take()
        if op in ("<<", "<<-"):
            w = tgt.word
            delim = "".join(p.text if isinstance(p, Lit) else "" for p in w.parts) \
                if all(isinstance(p, Lit) for p in w.parts) else w.raw
            hd = Heredoc(delim, w.has_quotes, op == "<<-")
            self.lx.pending.append(hd)
            return Redir(fd, op, tgt.word, hd)
        return Redir(fd, op, tgt.word)

    def parse_simple(self):
        cmd = Simple(lineno=self.peek().lineno)
        if self.dbracket and self.is_word("[["):
            # inside [[ ]], && || ( ) < > are words of the expression
            while True:
                t = self.peek()
                if t.kind == "WORD":
                    self.take()
                    cmd.words.append(t.word)
                    if t.word.literal == "]]":
                        break
                    if t.word.literal == "=~" and self.flavor == "bash":
                        cmd.words.append(self._regex_word())
                elif t.kind == "OP" and t.value in ("&&", "||", "(", ")", "<", ">"):
                    self.take()
                    cmd.words.append(Word([Lit(t.value, True)], t.value))
                else:
                    self.fail("]]")
            cmd.redirs = self.parse_redirs()
            return cmd
        while True:
            r = self.try_redir()
            if r is not None:
                cmd.redirs.append(r)
                continue
            t = self.peek()
            if t.kind != "WORD":
                break
            w = t.word
            if not cmd.words:
                first = w.parts[0] if w.parts else None
                if isinstance(first, Lit) and not first.quoted:
                    m = (BASH_ASSIGN_RE if self.flavor == "bash" else ASSIGN_RE).match(first.text)
                    if m:
                        self.take()
                        rest = first.text[m.end():]
                        parts = ([Lit(rest)] if rest else []) + w.parts[1:]
                        # bash: ``x+=v`` appends, ``x[i]=v`` sets an element (the name
                        # carries the subscript and the ``+``), ``x=(…)`` is an array
                        name = m.group(0)[:-1] if self.flavor == "bash" else m.group(1)
                        value = Word(parts, w.raw[m.end():])
                        if self.flavor == "bash" and not parts and self.is_op("("):
                            value = self._array_words()
                        cmd.assigns.append((name, value))
                        continue
            self.take()
            cmd.words.append(w)
            if len(cmd.words) == 1 and not cmd.assigns and not cmd.redirs and \
                    self.is_op("(") and w.literal and NAME_RE.fullmatch(w.literal):
                # function definition: name () compound-command
                self.take()
                if not self.is_op(")"):
                    self.fail(")")
                self.take()
                self.linebreak()
                body = self.parse_command()
                return FuncDef(w.literal, body, cmd.lineno)
        if not cmd.words and not cmd.assigns and not cmd.redirs:
            self.fail()
        return cmd

    def _function(self) -> FuncDef:
        """bash's ``function name [()] compound-command``."""
        line = self.take().lineno
        t = self.peek()
        if t.kind != "WORD" or not t.word.literal:
            self.fail()
        name = self.take().word.literal
        if self.is_op("("):
            self.take()
            if not self.is_op(")"):
                self.fail(")")
            self.take()
        self.linebreak()
        return FuncDef(name, self.parse_command(), line)

    def _regex_word(self) -> Word:
        """The right side of bash's ``[[ x =~ re ]]``: one word up to a blank outside
        parentheses (``(``, ``)`` and ``|`` belong to the regex)."""
        src, i = self.lx.src, self.lx.i
        while i < len(src) and src[i] in " \t":
            i += 1
        j, depth = i, 0
        while j < len(src):
            c = src[j]
            if c in _QUOTING:
                j = _skip_quoting(src, j, c)
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif c in " \t\n" and depth == 0:
                break
            j += 1
        self.lx.i = j
        raw = src[i:j]
        return Word(scan_parts(raw, 0, "brace", flavor=self.flavor)[0], raw)

    def _array_words(self) -> ArrayWord:
        """The words of ``x=( … )`` (newlines allowed), after the ``(``."""
        self.take()
        words = []
        while True:
            t = self.peek()
            if t.kind == "NL":
                self.take()
            elif t.kind == "WORD":
                words.append(self.take().word)
            elif t.kind == "OP" and t.value == ")":
                self.take()
                return ArrayWord([], "(…)", words)
            else:
                self.fail()

    def parse_if(self) -> If:
        self.expect_word("if")
        clauses = []
        while True:                        # the if clause, then one per elif
            cond = self.parse_body("then")
            self.expect_word("then")
            clauses.append((cond, self.parse_body("fi")))
            if not self.is_word("elif"):
                break
            self.take()
        else_body = None
        if self.is_word("else"):
            self.take()
            else_body = self.parse_body("fi")
        self.expect_word("fi")
        return If(clauses, else_body, self.parse_redirs())

    def parse_for(self) -> For:
        self.expect_word("for")
        t = self.peek()
        if t.kind == "ARITH":
            self.take()
            exprs = t.value.split(";")
            if len(exprs) != 3:
                raise ShellSyntaxError("unexpected", "((", lineno=t.lineno)
            self.linebreak()
            if self.is_op(";"):
                self.take()
            init, cond, step = (scan_parts(x, 0, "arith", flavor=self.flavor)[0] for x in exprs)
            return ForArith(init, cond, step, self._do_done(), self.parse_redirs())
        if t.kind != "WORD" or not t.word.literal or not NAME_RE.fullmatch(t.word.literal):
            self.fail()
        var = self.take().word.literal
        self.linebreak()
        words = None
        if self.is_word("in"):
            self.take()
            words = []
            while self.peek().kind == "WORD":
                words.append(self.take().word)
            if self.is_op(";"):
                self.take()
            elif self.peek().kind != "NL":
                self.fail("do")
        elif self.is_op(";"):
            self.take()
        return For(var, words, self._do_done(), self.parse_redirs())

    def _do_done(self) -> CmdList:
        """A loop's ``do … done`` (after optional newlines)."""
        self.linebreak()
        self.expect_word("do")
        body = self.parse_body("done")
        self.expect_word("done")
        return body

    def parse_case(self) -> Case:
        self.expect_word("case")
        t = self.peek()
        if t.kind != "WORD":
            self.fail()
        word = self.take().word
        self.linebreak()
        self.expect_word("in")
        items = []
        while True:
            self.linebreak()
            if self.is_word("esac"):
                self.take()
                break
            if self.is_op("("):
                self.take()
            pats = []
            while True:
                t = self.peek()
                if t.kind != "WORD":
                    self.fail(")")
                pats.append(self.take().word)
                if self.is_op("|"):
                    self.take()
                    continue
                break
            if not self.is_op(")"):
                self.fail(")")
            self.take()
            body = self.parse_list()
            items.append((pats, body))
            if self.is_op(";;"):
                self.take()
                continue
            self.linebreak()
            self.expect_word("esac")
            break
        return Case(word, items, self.parse_redirs())


def parse(src: str) -> CmdList:
    """Parse a whole script (raises :class:`ShellSyntaxError`)."""
    return Parser(src).parse_program()
