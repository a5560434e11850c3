"""A small POSIX awk: patterns and actions, BEGIN/END, fields, variables and arrays, print and
printf (with > / >> redirection), if/while/for/for-in, next/exit, and the usual built-in
functions (length, substr, index, split, sub, gsub, match, sprintf, toupper, tolower, int)."""
from __future__ import annotations

import math
import re

from ...fs.errors import FSError
from .base import command, Cmd
from .text import posix_regex

_NUM_RE = re.compile(r"\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)\s*\Z")
_PREFIX_RE = re.compile(r"\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
KEYWORDS = {"BEGIN", "END", "if", "else", "while", "for", "do", "in", "next", "exit", "delete",
            "print", "printf", "function", "return", "break", "continue", "getline", "nextfile"}
BUILTIN_FUNCS = {"length", "substr", "index", "split", "sub", "gsub", "match", "sprintf",
                 "toupper", "tolower", "int", "sqrt", "exp", "log", "sin", "cos", "atan2",
                 "rand", "srand", "system", "close"}


class AwkError(Exception):
    pass


class StrNum(str):
    """A string from input that looks like a number (compares numerically)."""


class _Next(Exception):
    pass


class _Exit(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


def to_num(v) -> float:
    if isinstance(v, (int, float)):
        return v
    m = _PREFIX_RE.match(v or "")
    if not m:
        return 0.0
    try:
        return float(m.group(0))
    except ValueError:
        return 0.0


#: integral values below this print as integers (mawk: 2**31; busybox awk and gawk: 2**53)
_INT_LIMIT = [2 ** 31]


def num_str(x, fmt: str = "%.6g") -> str:
    if isinstance(x, float):
        if math.isfinite(x) and x == int(x) and abs(x) < _INT_LIMIT[0]:
            return str(int(x))
        return fmt % x
    return str(x)


def to_str(v, fmt: str = "%.6g") -> str:
    if isinstance(v, str):
        return v
    return num_str(v, fmt)


def to_bool(v) -> bool:
    if isinstance(v, StrNum):
        return to_num(v) != 0
    if isinstance(v, str):
        return v != ""
    return v != 0


def _strnum(s: str):
    return StrNum(s) if _NUM_RE.match(s) else s


# ====================================================================== lexer
_TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t]+|\\\n|\#[^\n]*)
  | (?P<nl>\n)
  | (?P<num>(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\+\+|--|\+=|-=|\*=|/=|%=|\^=|==|<=|>=|!=|&&|\|\||!~|>>|[-+*/%^!<>|?:~$=(){}\[\];,])
""", re.X)


def _unescape(s: str) -> str:
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            d = s[i + 1]
            m = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "/": "/", "a": "\a",
                 "b": "\b", "f": "\f", "v": "\v"}
            if d in m:
                out.append(m[d])
                i += 2
                continue
            if d in "01234567":
                j = i + 1
                while j < len(s) and j < i + 4 and s[j] in "01234567":
                    j += 1
                out.append(chr(int(s[i + 1:j], 8)))
                i = j
                continue
            out.append("\\" + d)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def tokenize(src: str):
    toks = []
    i = 0
    n = len(src)
    while i < n:
        prev = toks[-1] if toks else None
        operand_end = prev is not None and (prev[0] in ("num", "str", "name", "ere", "func") or
                                            prev[1] in (")", "]", "$", "++", "--")) and \
            not (prev[0] == "name" and prev[1] in KEYWORDS and prev[1] not in ("getline",))
        if src[i] == "/" and not operand_end:
            j = i + 1
            buf = []
            while j < n and src[j] != "/":
                if src[j] == "\\" and j + 1 < n:
                    buf.append(src[j:j + 2] if src[j + 1] != "/" else "/")
                    j += 2
                    continue
                if src[j] == "\n":
                    raise AwkError("newline in regex")
                buf.append(src[j])
                j += 1
            toks.append(("ere", "".join(buf)))
            i = j + 1
            continue
        m = _TOKEN_RE.match(src, i)
        if not m:
            raise AwkError(f"syntax error at source line 1: unexpected character '{src[i]}'")
        kind = m.lastgroup
        val = m.group(0)
        i = m.end()
        if kind == "ws":
            continue
        if kind == "str":
            toks.append(("str", _unescape(val[1:-1])))
        elif kind == "num":
            toks.append(("num", float(val)))
        elif kind == "name":
            if val in BUILTIN_FUNCS:
                toks.append(("func", val))
            elif val in KEYWORDS:
                toks.append(("kw", val))
            else:
                toks.append(("name", val))
        elif kind == "nl":
            toks.append(("nl", "\n"))
        else:
            toks.append(("op", val))
    toks.append(("eof", ""))
    return toks


# ====================================================================== parser
class Parser:
    def __init__(self, toks):
        self.t = toks
        self.i = 0
        # names defined with `function` (a call needs its "(" right after the name)
        self.user_funcs = {toks[k + 1][1] for k in range(len(toks) - 1)
                           if toks[k] == ("kw", "function")}

    def peek(self, k=0):
        return self.t[min(self.i + k, len(self.t) - 1)]

    def take(self):
        tok = self.t[self.i]
        self.i += 1
        return tok

    def is_op(self, *ops):
        tok = self.peek()
        return tok[0] == "op" and tok[1] in ops

    def is_kw(self, *kws):
        tok = self.peek()
        return tok[0] == "kw" and tok[1] in kws

    def expect(self, op):
        tok = self.take()
        if tok[1] != op:
            raise AwkError(f"syntax error: expected '{op}' near '{tok[1]}'")

    def skip_nl(self):
        while self.peek()[0] == "nl" or self.is_op(";"):
            self.take()

    def skip_newlines(self):
        while self.peek()[0] == "nl":
            self.take()

    def program(self):
        items = []
        funcs = {}
        self.skip_nl()
        while self.peek()[0] != "eof":
            if self.is_kw("BEGIN"):
                self.take()
                self.skip_newlines()
                items.append(("BEGIN", None, self.block()))
            elif self.is_kw("END"):
                self.take()
                self.skip_newlines()
                items.append(("END", None, self.block()))
            elif self.is_kw("function"):
                self.take()
                name = self.take()[1]
                self.expect("(")
                params = []
                while not self.is_op(")"):
                    params.append(self.take()[1])
                    if self.is_op(","):
                        self.take()
                self.expect(")")
                self.skip_newlines()
                funcs[name] = (params, self.block())
            else:
                pat = None
                pat2 = None
                if not self.is_op("{"):
                    pat = self.expr()
                    if self.is_op(","):
                        self.take()
                        pat2 = self.expr()
                action = self.block() if self.is_op("{") else None
                items.append(("MAIN", (pat, pat2), action))
            self.skip_nl()
        return items, funcs

    def block(self):
        self.expect("{")
        stmts = []
        self.skip_nl()
        while not self.is_op("}"):
            stmts.append(self.statement())
            self.skip_nl()
        self.expect("}")
        return ("block", stmts)

    def simple_or_block(self):
        self.skip_newlines()
        if self.is_op("{"):
            return self.block()
        st = self.statement()
        return st

    def statement(self):
        tok = self.peek()
        if tok[0] == "op" and tok[1] == "{":
            return self.block()
        if tok[0] == "kw":
            k = tok[1]
            if k == "if":
                self.take()
                self.expect("(")
                cond = self.expr()
                self.expect(")")
                then = self.simple_or_block()
                save = self.i
                self.skip_nl()
                if self.is_kw("else"):
                    self.take()
                    return ("if", cond, then, self.simple_or_block())
                self.i = save
                return ("if", cond, then, None)
            if k == "while":
                self.take()
                self.expect("(")
                cond = self.expr()
                self.expect(")")
                return ("while", cond, self.simple_or_block())
            if k == "do":
                self.take()
                body = self.simple_or_block()
                self.skip_nl()
                if not self.is_kw("while"):
                    raise AwkError("syntax error: expected while")
                self.take()
                self.expect("(")
                cond = self.expr()
                self.expect(")")
                return ("do", body, cond)
            if k == "for":
                self.take()
                self.expect("(")
                if self.peek()[0] == "name" and self.peek(1) == ("kw", "in"):
                    var = self.take()[1]
                    self.take()
                    arr = self.take()[1]
                    self.expect(")")
                    return ("forin", var, arr, self.simple_or_block())
                init = None if self.is_op(";") else self.simple_stmt()
                self.expect(";")
                self.skip_newlines()
                cond = None if self.is_op(";") else self.expr()
                self.expect(";")
                self.skip_newlines()
                step = None if self.is_op(")") else self.simple_stmt()
                self.expect(")")
                return ("for", init, cond, step, self.simple_or_block())
            if k in ("next", "nextfile"):
                self.take()
                return ("next",)
            if k == "exit":
                self.take()
                e = None if self._at_end() else self.expr()
                return ("exit", e)
            if k == "return":
                self.take()
                e = None if self._at_end() else self.expr()
                return ("return", e)
            if k == "break":
                self.take()
                return ("break",)
            if k == "continue":
                self.take()
                return ("continue",)
            if k == "delete":
                self.take()
                name = self.take()[1]
                if self.is_op("["):
                    self.take()
                    idx = self.expr_list()
                    self.expect("]")
                    return ("delete", name, idx)
                return ("delete", name, None)
        if tok[0] == "op" and tok[1] == ";":
            self.take()
            return ("block", [])
        return self.simple_stmt()

    def _at_end(self):
        tok = self.peek()
        return tok[0] in ("nl", "eof") or (tok[0] == "op" and tok[1] in (";", "}"))

    def simple_stmt(self):
        if self.is_kw("print", "printf"):
            kind = self.take()[1]
            args = []
            if not self._at_end() and not self.is_op(">", ">>", "|"):
                if self.is_op("(") and self._paren_is_list():
                    self.take()
                    args = self.expr_list(no_gt=False)
                    self.expect(")")
                else:
                    args = self.expr_list(no_gt=True)
            dest = None
            if self.is_op(">", ">>", "|"):
                mode = self.take()[1]
                dest = (mode, self.concat(no_gt=True))
            return (kind, args, dest)
        return ("expr", self.expr())

    def _paren_is_list(self):
        depth = 0
        j = self.i
        while j < len(self.t):
            tok = self.t[j]
            if tok[1] == "(" and tok[0] == "op":
                depth += 1
            elif tok[1] == ")" and tok[0] == "op":
                depth -= 1
                if depth == 0:
                    nxt = self.t[j + 1] if j + 1 < len(self.t) else ("eof", "")
                    return nxt[0] in ("nl", "eof") or (nxt[0] == "op" and nxt[1] in
                                                       (";", "}", ">", ">>", "|"))
            j += 1
        return False

    def expr_list(self, no_gt=False):
        out = [self.expr(no_gt)]
        while self.is_op(","):
            self.take()
            self.skip_newlines()
            out.append(self.expr(no_gt))
        return out

    # ---- expressions
    def expr(self, no_gt=False):
        return self.ternary(no_gt)

    def ternary(self, no_gt):
        c = self.or_(no_gt)
        if self.is_op("?"):
            self.take()
            a = self.ternary(no_gt)
            self.expect(":")
            b = self.ternary(no_gt)
            return ("?", c, a, b)
        if self.is_op("=", "+=", "-=", "*=", "/=", "%=", "^=") and c[0] in ("var", "idx", "field"):
            op = self.take()[1]
            v = self.ternary(no_gt)
            return ("assign", op, c, v)
        return c

    def or_(self, no_gt):
        a = self.and_(no_gt)
        while self.is_op("||"):
            self.take()
            self.skip_newlines()
            a = ("||", a, self.and_(no_gt))
        return a

    def and_(self, no_gt):
        a = self.in_(no_gt)
        while self.is_op("&&"):
            self.take()
            self.skip_newlines()
            a = ("&&", a, self.in_(no_gt))
        return a

    def in_(self, no_gt):
        a = self.match(no_gt)
        while self.is_kw("in"):
            self.take()
            arr = self.take()[1]
            a = ("in", a, arr)
        return a

    def match(self, no_gt):
        a = self.compare(no_gt)
        while self.is_op("~", "!~"):
            op = self.take()[1]
            a = (op, a, self.compare(no_gt))
        return a

    def compare(self, no_gt):
        a = self.concat(no_gt)
        ops = ("<", "<=", "!=", "==", ">=") + (() if no_gt else (">",))
        if self.is_op(*ops):
            op = self.take()[1]
            a = ("cmp", op, a, self.concat(no_gt))
        return a

    def concat(self, no_gt=False):
        a = self.additive()
        while True:
            tok = self.peek()
            if tok[0] in ("num", "str", "name", "func", "ere") or \
                    (tok[0] == "op" and tok[1] in ("$", "(", "++", "--")):
                a = ("concat", a, self.additive())
            else:
                return a

    def additive(self):
        a = self.mult()
        while self.is_op("+", "-"):
            op = self.take()[1]
            a = ("bin", op, a, self.mult())
        return a

    def mult(self):
        a = self.unary()
        while self.is_op("*", "/", "%"):
            op = self.take()[1]
            a = ("bin", op, a, self.unary())
        return a

    def unary(self):
        if self.is_op("!"):
            self.take()
            return ("not", self.unary())
        if self.is_op("-"):
            self.take()
            return ("neg", self.unary())
        if self.is_op("+"):
            self.take()
            return ("pos", self.unary())
        return self.power()

    def power(self):
        a = self.postfix()
        if self.is_op("^"):
            self.take()
            return ("bin", "^", a, self.unary())
        return a

    def postfix(self):
        if self.is_op("++", "--"):
            op = self.take()[1]
            lv = self.postfix()
            return ("preinc", op, lv)
        a = self.primary()
        if self.is_op("++", "--") and a[0] in ("var", "idx", "field"):
            op = self.take()[1]
            return ("postinc", op, a)
        return a

    def primary(self):
        tok = self.take()
        k, v = tok
        if k == "num":
            return ("num", v)
        if k == "str":
            return ("str", v)
        if k == "ere":
            return ("ere", v)
        if k == "op" and v == "$":
            return ("field", self.postfix_operand())
        if k == "op" and v == "(":
            e = self.expr()
            if self.is_op(","):
                lst = [e]
                while self.is_op(","):
                    self.take()
                    lst.append(self.expr())
                self.expect(")")
                if self.is_kw("in"):
                    self.take()
                    return ("in", ("group", lst), self.take()[1])
                return ("group", lst)
            self.expect(")")
            return e
        if k == "func":
            args = []
            if self.is_op("("):
                self.take()
                if not self.is_op(")"):
                    args = self.expr_list()
                self.expect(")")
            return ("call", v, args)
        if k == "name":
            if self.is_op("["):
                self.take()
                idx = self.expr_list()
                self.expect("]")
                return ("idx", v, idx)
            if self.is_op("(") and v in self.user_funcs:
                # user function call (no space allowed in real awk; tolerated here)
                self.take()
                args = [] if self.is_op(")") else self.expr_list()
                self.expect(")")
                return ("ucall", v, args)
            return ("var", v)
        if k == "kw" and v == "getline":
            return ("num", 0)
        raise AwkError(f"syntax error at source line 1: unexpected '{v}'")

    def postfix_operand(self):
        if self.is_op("++", "--"):
            return self.postfix()
        tok = self.peek()
        if tok[0] == "op" and tok[1] == "-":
            self.take()
            return ("neg", self.primary())
        return self.primary()


# ====================================================================== interpreter
class Awk:
    def __init__(self, cmd: Cmd, program, funcs, fs: str, assigns: dict):
        self.cmd = cmd
        self.items = program
        self.funcs = funcs
        self.vars = {"FS": fs, "OFS": " ", "ORS": "\n", "RS": "\n", "NR": 0.0, "NF": 0.0,
                     "FNR": 0.0, "FILENAME": "", "SUBSEP": "\x1c", "OFMT": "%.6g",
                     "CONVFMT": "%.6g", "RSTART": 0.0, "RLENGTH": -1.0}
        self.vars["ENVIRON"] = {k: v for k, v in cmd.env.items()}
        self.vars.update(assigns)
        self.fields = [""]
        self.out_files: dict = {}
        self.range_on: dict = {}
        self.locals: list = []
        self.rand_state = 0

    # ---- records
    def set_record(self, line: str):
        self.fields = [line] + self.split_fields(line)
        self.vars["NF"] = float(len(self.fields) - 1)

    def split_fields(self, line: str, fs=None):
        fs = to_str(self.vars["FS"]) if fs is None else fs
        if fs == " ":
            return [_strnum(f) for f in line.split()]
        if line == "":
            return []
        if len(fs) == 1 and fs != "\\":
            return [_strnum(f) for f in line.split(fs)]
        return [_strnum(f) for f in re.split(posix_regex(fs, True), line)]

    def rebuild(self):
        ofs = to_str(self.vars["OFS"])
        self.fields[0] = ofs.join(to_str(f) for f in self.fields[1:])

    def get_field(self, i: int):
        if i < 0:
            raise AwkError(f"trying to access out of range field {i}")
        if i < len(self.fields):
            return self.fields[i]
        return ""

    def set_field(self, i: int, val):
        if i == 0:
            self.set_record(to_str(val))
            return
        while len(self.fields) <= i:
            self.fields.append("")
        self.fields[i] = val
        self.vars["NF"] = float(len(self.fields) - 1)
        self.rebuild()

    # ---- variables
    def scope(self, name):
        for frame in reversed(self.locals[-1:]):
            if name in frame:
                return frame
        return self.vars

    def getvar(self, name):
        sc = self.scope(name)
        v = sc.get(name, "")
        return v

    def setvar(self, name, val):
        if name == "NF":
            n = int(to_num(val))
            self.fields = self.fields[:n + 1] + [""] * max(0, n + 1 - len(self.fields))
            self.vars["NF"] = float(n)
            self.rebuild()
            return
        self.scope(name)[name] = val

    def array(self, name):
        sc = self.scope(name)
        a = sc.get(name)
        if not isinstance(a, dict):
            a = {}
            sc[name] = a
        return a

    def key(self, idx_exprs):
        subsep = to_str(self.vars["SUBSEP"])
        return subsep.join(to_str(self.eval(e), self.vars["CONVFMT"]) for e in idx_exprs)

    # ---- lvalues
    def assign(self, lv, val):
        if lv[0] == "var":
            self.setvar(lv[1], val)
        elif lv[0] == "idx":
            self.array(lv[1])[self.key(lv[2])] = val
        elif lv[0] == "field":
            self.set_field(int(to_num(self.eval(lv[1]))), val)
        return val

    def lvalue(self, lv):
        if lv[0] == "var":
            return self.getvar(lv[1])
        if lv[0] == "idx":
            return self.array(lv[1]).get(self.key(lv[2]), "")
        return self.get_field(int(to_num(self.eval(lv[1]))))

    # ---- evaluation
    def regex(self, e):
        if e[0] == "ere":
            src = e[1]
        else:
            src = to_str(self.eval(e))
        try:
            return re.compile(posix_regex(src, True))
        except re.error:
            raise AwkError(f"illegal regular expression: /{src}/")

    def eval(self, e):
        k = e[0]
        if k == "num":
            return e[1]
        if k == "str":
            return e[1]
        if k == "ere":
            return 1.0 if self.regex(e).search(to_str(self.fields[0])) else 0.0
        if k == "var":
            return self.getvar(e[1])
        if k == "idx":
            return self.array(e[1]).get(self.key(e[2]), "")
        if k == "field":
            return self.get_field(int(to_num(self.eval(e[1]))))
        if k == "group":
            return self.eval(e[1][-1])
        if k == "assign":
            op, lv, rhs = e[1], e[2], e[3]
            v = self.eval(rhs)
            if op != "=":
                v = self.arith(op[0], self.lvalue(lv), v)
            return self.assign(lv, v)
        if k == "?":
            return self.eval(e[2]) if to_bool(self.eval(e[1])) else self.eval(e[3])
        if k == "||":
            return 1.0 if to_bool(self.eval(e[1])) or to_bool(self.eval(e[2])) else 0.0
        if k == "&&":
            return 1.0 if to_bool(self.eval(e[1])) and to_bool(self.eval(e[2])) else 0.0
        if k == "in":
            key = self.key(e[1][1]) if e[1][0] == "group" else self.key([e[1]])
            return 1.0 if key in self.array(e[2]) else 0.0
        if k in ("~", "!~"):
            m = self.regex(e[2]).search(to_str(self.eval(e[1])))
            return 1.0 if (m is not None) == (k == "~") else 0.0
        if k == "cmp":
            a, b = self.eval(e[2]), self.eval(e[3])
            num_a = not isinstance(a, str) or isinstance(a, StrNum)
            num_b = not isinstance(b, str) or isinstance(b, StrNum)
            if num_a and num_b:
                x, y = to_num(a), to_num(b)
            else:
                x, y = to_str(a), to_str(b)
            r = {"<": x < y, "<=": x <= y, "!=": x != y, "==": x == y, ">=": x >= y,
                 ">": x > y}[e[1]]
            return 1.0 if r else 0.0
        if k == "concat":
            return to_str(self.eval(e[1])) + to_str(self.eval(e[2]))
        if k == "bin":
            return self.arith(e[1], self.eval(e[2]), self.eval(e[3]))
        if k == "not":
            return 0.0 if to_bool(self.eval(e[1])) else 1.0
        if k == "neg":
            return -to_num(self.eval(e[1]))
        if k == "pos":
            return to_num(self.eval(e[1]))
        if k == "preinc":
            v = to_num(self.lvalue(e[2])) + (1 if e[1] == "++" else -1)
            return self.assign(e[2], v)
        if k == "postinc":
            old = to_num(self.lvalue(e[2]))
            self.assign(e[2], old + (1 if e[1] == "++" else -1))
            return old
        if k == "call":
            return self.call(e[1], e[2])
        if k == "ucall":
            return self.ucall(e[1], e[2])
        raise AwkError(f"cannot evaluate {k}")

    def arith(self, op, a, b):
        x, y = to_num(a), to_num(b)
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            if y == 0:
                raise AwkError("division by zero")
            return x / y
        if op == "%":
            if y == 0:
                raise AwkError("division by zero in %")
            return math.fmod(x, y)
        if op == "^":
            return x ** y
        raise AwkError(op)

    def call(self, name, args):
        ev = self.eval
        if name == "length":
            if not args:
                return float(len(to_str(self.fields[0])))
            if args[0][0] == "var" and isinstance(self.getvar(args[0][1]), dict):
                return float(len(self.getvar(args[0][1])))
            return float(len(to_str(ev(args[0]))))
        if name == "substr":
            s = to_str(ev(args[0]))
            m = to_num(ev(args[1]))
            start = int(round(m))
            if len(args) > 2:
                n = int(round(to_num(ev(args[2]))))
                end = start + n
            else:
                end = len(s) + 1
            start = max(start, 1)
            return s[start - 1:max(start - 1, end - 1)]
        if name == "index":
            return float(to_str(ev(args[0])).find(to_str(ev(args[1]))) + 1)
        if name == "split":
            s = to_str(ev(args[0]))
            arr_name = args[1][1]
            if len(args) > 2:
                sep = args[2][1] if args[2][0] == "ere" else to_str(ev(args[2]))
                parts = self.split_fields(s, sep) if sep != " " else [_strnum(x) for x in s.split()]
                if args[2][0] == "ere":
                    parts = [_strnum(x) for x in re.split(posix_regex(sep, True), s)] if s else []
            else:
                parts = self.split_fields(s)
            arr = self.array(arr_name)
            arr.clear()
            for i, p in enumerate(parts, 1):
                arr[str(i)] = p
            return float(len(parts))
        if name in ("sub", "gsub"):
            rx = self.regex(args[0])
            repl = to_str(ev(args[1]))
            target = args[2] if len(args) > 2 else ("field", ("num", 0.0))
            s = to_str(self.lvalue(target))
            count = [0]

            def rep(m):
                count[0] += 1
                out = []
                i = 0
                while i < len(repl):
                    c = repl[i]
                    if c == "\\" and i + 1 < len(repl) and repl[i + 1] in "&\\":
                        out.append(repl[i + 1])
                        i += 2
                        continue
                    out.append(m.group(0) if c == "&" else c)
                    i += 1
                return "".join(out)
            new = rx.sub(rep, s, count=0 if name == "gsub" else 1)
            if count[0]:
                self.assign(target, new)
            return float(count[0])
        if name == "match":
            s = to_str(ev(args[0]))
            m = self.regex(args[1]).search(s)
            if m:
                self.vars["RSTART"], self.vars["RLENGTH"] = float(m.start() + 1), \
                    float(m.end() - m.start())
                return float(m.start() + 1)
            self.vars["RSTART"], self.vars["RLENGTH"] = 0.0, -1.0
            return 0.0
        if name == "sprintf":
            return self.format(to_str(ev(args[0])), [ev(a) for a in args[1:]])
        if name == "toupper":
            return to_str(ev(args[0])).upper()
        if name == "tolower":
            return to_str(ev(args[0])).lower()
        if name == "int":
            return float(int(to_num(ev(args[0]))))
        if name in ("sqrt", "exp", "log", "sin", "cos"):
            return float(getattr(math, name)(to_num(ev(args[0]))))
        if name == "atan2":
            return math.atan2(to_num(ev(args[0])), to_num(ev(args[1])))
        if name == "rand":
            self.rand_state = (self.rand_state * 1103515245 + 12345) % (1 << 31)
            return self.rand_state / float(1 << 31)
        if name == "srand":
            old = self.rand_state
            self.rand_state = int(to_num(ev(args[0]))) if args else 0
            return float(old)
        if name == "system":
            self.flush()
            return float(self.cmd.sh.run_source(to_str(ev(args[0])), self.cmd.io))
        if name == "close":
            key = to_str(ev(args[0]))
            f = self.out_files.pop(key, None)
            if f is not None:
                f.close()
            return 0.0
        raise AwkError(f"calling undefined function {name}")

    def ucall(self, name, args):
        if name not in self.funcs:
            raise AwkError(f"calling undefined function {name}")
        params, body = self.funcs[name]
        frame = {}
        for i, p in enumerate(params):
            if i < len(args):
                a = args[i]
                if a[0] == "var" and isinstance(self.getvar(a[1]), dict):
                    frame[p] = self.getvar(a[1])
                else:
                    frame[p] = self.eval(a)
            else:
                frame[p] = ""
        self.locals.append(frame)
        if len(self.locals) > 200:
            raise AwkError("function call nesting too deep")
        try:
            self.exec(body)
        except _Return as r:
            return r.value
        finally:
            self.locals.pop()
        return ""

    def format(self, fmt: str, vals: list) -> str:
        out = []
        i = 0
        k = 0
        while i < len(fmt):
            c = fmt[i]
            if c != "%":
                out.append(c)
                i += 1
                continue
            m = re.match(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([cdiouxXeEfFgGs%])", fmt[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            i += m.end()
            flags, width, prec, conv = m.groups()
            if conv == "%":
                out.append("%")
                continue
            if width == "*":
                width = str(int(to_num(vals[k]))) if k < len(vals) else "0"
                k += 1
            if prec == "*":
                prec = str(int(to_num(vals[k]))) if k < len(vals) else "0"
                k += 1
            v = vals[k] if k < len(vals) else ""
            k += 1
            spec = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
            if conv == "s":
                out.append((spec + "s") % to_str(v, self.vars["CONVFMT"]))
            elif conv == "c":
                s = chr(int(to_num(v))) if not isinstance(v, str) or isinstance(v, StrNum) \
                    else v[:1]
                out.append((spec + "s") % s)
            elif conv in "diouxX":
                cv = "d" if conv in "iu" else conv
                out.append((spec + cv) % int(to_num(v)))
            else:
                out.append((spec + conv) % to_num(v))
        return "".join(out)

    # ---- statements
    def flush(self):
        for f in self.out_files.values():
            if hasattr(f, "flush"):
                f.flush()

    def output(self, dest, text: str):
        if dest is None:
            self.cmd.write(text)
            return
        mode, target = dest
        name = to_str(self.eval(target))
        f = self.out_files.get(name)
        if f is None:
            if mode == "|":
                f = _PipeOut(self.cmd, name)
            else:
                f = self.cmd.open_write(name, append=(mode == ">>"))
            self.out_files[name] = f
        f.write(text.encode("utf-8", "surrogateescape"))

    def exec(self, st):
        k = st[0]
        if k == "block":
            for s in st[1]:
                self.exec(s)
        elif k == "expr":
            self.eval(st[1])
        elif k == "print":
            ofs = to_str(self.vars["OFS"])
            if st[1]:
                text = ofs.join(to_str(self.eval(a), self.vars["OFMT"]) for a in st[1])
            else:
                text = to_str(self.fields[0])
            self.output(st[2], text + to_str(self.vars["ORS"]))
        elif k == "printf":
            vals = [self.eval(a) for a in st[1]]
            if vals:
                self.output(st[2], self.format(to_str(vals[0]), vals[1:]))
        elif k == "if":
            if to_bool(self.eval(st[1])):
                self.exec(st[2])
            elif st[3] is not None:
                self.exec(st[3])
        elif k == "while":
            while to_bool(self.eval(st[1])):
                self.cmd.sh.tick()
                try:
                    self.exec(st[2])
                except _Break:
                    break
                except _Continue:
                    continue
        elif k == "do":
            while True:
                self.cmd.sh.tick()
                try:
                    self.exec(st[1])
                except _Break:
                    break
                except _Continue:
                    pass
                if not to_bool(self.eval(st[2])):
                    break
        elif k == "for":
            if st[1] is not None:
                self.exec(st[1])
            while st[2] is None or to_bool(self.eval(st[2])):
                self.cmd.sh.tick()
                try:
                    self.exec(st[4])
                except _Break:
                    break
                except _Continue:
                    pass
                if st[3] is not None:
                    self.exec(st[3])
        elif k == "forin":
            arr = self.array(st[2])
            for key in list(arr.keys()):
                self.setvar(st[1], _strnum(key))
                try:
                    self.exec(st[3])
                except _Break:
                    break
                except _Continue:
                    continue
        elif k == "next":
            raise _Next()
        elif k == "exit":
            raise _Exit(int(to_num(self.eval(st[1]))) if st[1] is not None else None)
        elif k == "return":
            raise _Return(self.eval(st[1]) if st[1] is not None else "")
        elif k == "break":
            raise _Break()
        elif k == "continue":
            raise _Continue()
        elif k == "delete":
            arr = self.array(st[1])
            if st[2] is None:
                arr.clear()
            else:
                arr.pop(self.key(st[2]), None)

    def matches(self, idx, pats) -> bool:
        p1, p2 = pats
        if p1 is None:
            return True
        if p2 is None:
            return to_bool(self.eval(p1))
        if self.range_on.get(idx):
            if to_bool(self.eval(p2)):
                self.range_on[idx] = False
            return True
        if to_bool(self.eval(p1)):
            self.range_on[idx] = not to_bool(self.eval(p2))
            return True
        return False

    def run(self, inputs) -> int:
        code = 0
        try:
            try:
                for kind, pats, action in self.items:
                    if kind == "BEGIN":
                        self.exec(action)
                mains = [(i, it) for i, it in enumerate(self.items) if it[0] == "MAIN"]
                has_end = any(it[0] == "END" for it in self.items)
                if mains or has_end:
                    for name, src in inputs():
                        self.vars["FILENAME"] = "" if name == "-" else name
                        self.vars["FNR"] = 0.0
                        for line in src.lines():
                            text = line.decode("utf-8", "surrogateescape")
                            if text.endswith("\n"):
                                text = text[:-1]
                            self.vars["NR"] = to_num(self.vars["NR"]) + 1
                            self.vars["FNR"] = to_num(self.vars["FNR"]) + 1
                            self.set_record(text)
                            self.cmd.sh.tick()
                            try:
                                for idx, (kind, pats, action) in mains:
                                    if self.matches(idx, pats):
                                        if action is None:
                                            self.output(None, to_str(self.fields[0]) +
                                                        to_str(self.vars["ORS"]))
                                        else:
                                            self.exec(action)
                            except _Next:
                                continue
            except _Exit as e:
                code = e.code if e.code is not None else 0
            try:
                for kind, pats, action in self.items:
                    if kind == "END":
                        self.exec(action)
            except _Exit as e:
                code = e.code if e.code is not None else code
        finally:
            for f in self.out_files.values():
                f.close()
        return code


class _PipeOut:
    """``print … | "cmd"``: collected, then fed to the command when closed."""

    def __init__(self, cmd: Cmd, command_line: str):
        self.cmd, self.command_line = cmd, command_line
        self.buf = []

    def write(self, data: bytes) -> None:
        self.buf.append(data)

    def close(self) -> None:
        from ..streams import InStream
        io = self.cmd.io.copy()
        io[0] = InStream(b"".join(self.buf))
        self.buf = []
        self.cmd.sh.fork().run_source(self.command_line, io)


@command("awk", "gawk", "mawk", "nawk")
def cmd_awk(cmd: Cmd) -> int:
    args = list(cmd.args)
    fs = " "
    assigns = {}
    prog_src = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            i += 1
            break
        if a.startswith("-F"):
            v = a[2:] or (args[i + 1] if i + 1 < len(args) else "")
            if not a[2:]:
                i += 1
            fs = "\t" if v == "t" else _unescape(v)
        elif a == "-v" and i + 1 < len(args):
            k, _, v = args[i + 1].partition("=")
            assigns[k] = _strnum(_unescape(v))
            i += 1
        elif a.startswith("-v") and "=" in a:
            k, _, v = a[2:].partition("=")
            assigns[k] = _strnum(_unescape(v))
        elif a == "-f" and i + 1 < len(args):
            try:
                prog_src = cmd.open_read(args[i + 1]).read_all().decode()
            except FSError:
                cmd.err(f"can't open file {args[i + 1]}")
                return 2
            i += 1
        elif a.startswith("-") and len(a) > 1:
            pass
        else:
            break
        i += 1
    rest = args[i:]
    if prog_src is None:
        if not rest:
            cmd.raw_err("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n")
            return 2
        prog_src, rest = rest[0], rest[1:]
    try:
        program, funcs = Parser(tokenize(prog_src)).program()
    except (AwkError, IndexError) as e:
        msg = str(e) if isinstance(e, AwkError) else "syntax error"
        cmd.err(msg if not cmd.busybox else f"cmd. line:1: {msg}")
        return 2
    files = []
    for r in rest:
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", r):
            files.append(("assign", r))
        else:
            files.append(("file", r))
    awk = Awk(cmd, program, funcs, fs, assigns)
    _INT_LIMIT[0] = 2 ** 53 if cmd.busybox or cmd.prog == "gawk" else 2 ** 31
    failed = [False]

    def inputs():
        names = [f for f in files if f[0] == "file"]
        if not names:
            for f in files:
                k, _, v = f[1].partition("=")
                awk.setvar(k, _strnum(v))
            yield "-", cmd.stdin
            return
        for kind, val in files:
            if kind == "assign":
                k, _, v = val.partition("=")
                awk.setvar(k, _strnum(v))
                continue
            try:
                yield val, cmd.open_read(val)
            except FSError as e:
                cmd.err(f"fatal: cannot open file `{val}' for reading: {e.message}"
                        if not cmd.busybox else f"can't open '{val}': {e.message}")
                failed[0] = True
                return
    try:
        code = awk.run(inputs)
    except AwkError as e:
        cmd.err(f"fatal: {e}" if not cmd.busybox else str(e))
        return 2
    return 2 if failed[0] else code
