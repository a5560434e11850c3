"""``$((…))`` arithmetic: signed 64-bit integers, C operators, variables, assignments."""
from __future__ import annotations

import re


class ArithError(Exception):
    def __init__(self, kind: str, expr: str = ""):
        super().__init__(kind)
        self.kind, self.expr = kind, expr     # kind: divzero | syntax

    def message(self, flavor: str) -> str:
        if flavor == "ash":
            return "divide by zero" if self.kind == "divzero" else "arithmetic syntax error"
        if flavor == "bash":
            what = "division by 0" if self.kind == "divzero" else "syntax error in expression"
            return f"{self.expr}: {what}"
        what = "division by zero" if self.kind == "divzero" else "expecting EOF"
        return f'arithmetic expression: {what}: "{self.expr}"'


_TOK = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)|([A-Za-z_][A-Za-z0-9_]*)|"
                  r"(<<=|>>=|\*\*|&&|\|\||<<|>>|<=|>=|==|!=|\+=|-=|\*=|/=|%=|&=|\^=|\|=|"
                  r"\+\+|--|[-+*/%<>=!~&^|?:()]))")

_BIN = {
    "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6,
    "<": 7, ">": 7, "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9,
    "*": 10, "/": 10, "%": 10, "**": 11,
}
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="}


def _wrap(v: int) -> int:
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >= (1 << 63) else v


def _parse_int(text: str) -> int:
    t = text.strip()
    if not t:
        return 0
    neg = t.startswith("-")
    if t[0] in "+-":
        t = t[1:]
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", t):
        v = int(t, 16)
    elif re.fullmatch(r"0[0-7]+", t):
        v = int(t, 8)
    elif t.isdigit():
        v = int(t)
    else:
        raise ValueError(text)
    return -v if neg else v


class _Eval:
    def __init__(self, expr: str, getvar, setvar, power: bool = True):
        self.expr = expr
        self.power = power
        self.getvar, self.setvar = getvar, setvar
        self.toks = []
        pos = 0
        s = expr
        while pos < len(s):
            if s[pos:].strip() == "":
                break
            m = _TOK.match(s, pos)
            if not m or m.end() == pos:
                raise ArithError("syntax", expr)
            if m.group(1):
                self.toks.append(("num", m.group(1)))
            elif m.group(2):
                self.toks.append(("var", m.group(2)))
            else:
                self.toks.append(("op", m.group(3)))
            pos = m.end()
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "")

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def var(self, name: str) -> int:
        v = self.getvar(name)
        if v is None or v == "":
            return 0
        try:
            return _parse_int(v)
        except ValueError:
            return _Eval(v, self.getvar, self.setvar, self.power).run()

    def run(self) -> int:
        if not self.toks:
            return 0
        v = self.assign()
        if self.peek()[0] != "end":
            raise ArithError("syntax", self.expr)
        return v

    def assign(self) -> int:
        t = self.peek()
        if t[0] == "var" and self.i + 1 < len(self.toks) and self.toks[self.i + 1][0] == "op" \
                and self.toks[self.i + 1][1] in _ASSIGN:
            name = t[1]
            self.i += 1
            op = self.take()[1]
            rhs = self.assign()
            if op == "=":
                v = rhs
            else:
                v = self.binop(op[:-1], self.var(name), rhs)
            v = _wrap(v)
            self.setvar(name, str(v))
            return v
        return self.ternary()

    def ternary(self) -> int:
        c = self.binary(1)
        if self.peek() == ("op", "?"):
            self.take()
            a = self.assign()
            if self.take() != ("op", ":"):
                raise ArithError("syntax", self.expr)
            b = self.assign()
            return a if c else b
        return c

    def binop(self, op: str, a: int, b: int) -> int:
        if op in ("/", "%"):
            if b == 0:
                raise ArithError("divzero", self.expr)
            q = abs(a) // abs(b)
            if (a < 0) != (b < 0):
                q = -q
            return q if op == "/" else a - q * b
        return {
            "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
            "**": lambda: a ** b if b >= 0 else 0,
            "<<": lambda: a << (b & 63), ">>": lambda: a >> (b & 63),
            "<": lambda: int(a < b), ">": lambda: int(a > b), "<=": lambda: int(a <= b),
            ">=": lambda: int(a >= b), "==": lambda: int(a == b), "!=": lambda: int(a != b),
            "&": lambda: a & b, "^": lambda: a ^ b, "|": lambda: a | b,
            "&&": lambda: int(bool(a) and bool(b)), "||": lambda: int(bool(a) or bool(b)),
        }[op]()

    def binary(self, minprec: int) -> int:
        lhs = self.unary()
        while True:
            t = self.peek()
            if t[0] != "op" or t[1] not in _BIN or _BIN[t[1]] < minprec:
                return lhs
            op = self.take()[1]
            if op == "**" and not self.power:
                raise ArithError("syntax", self.expr)
            prec = _BIN[op]
            rhs = self.binary(prec + 1 if op != "**" else prec)
            lhs = _wrap(self.binop(op, lhs, rhs))

    def unary(self) -> int:
        t = self.peek()
        if t[0] == "op" and t[1] in ("-", "+", "!", "~"):
            self.take()
            v = self.unary()
            return {"-": -v, "+": v, "!": int(not v), "~": ~v}[t[1]]
        if t[0] == "op" and t[1] in ("++", "--"):
            self.take()
            n = self.take()
            if n[0] != "var":
                raise ArithError("syntax", self.expr)
            v = self.var(n[1]) + (1 if t[1] == "++" else -1)
            self.setvar(n[1], str(v))
            return v
        return self.primary()

    def primary(self) -> int:
        t = self.take()
        if t[0] == "num":
            try:
                return _wrap(_parse_int(t[1]))
            except ValueError:
                raise ArithError("syntax", self.expr)
        if t[0] == "var":
            nx = self.peek()
            if nx[0] == "op" and nx[1] in ("++", "--"):
                self.take()
                v = self.var(t[1])
                self.setvar(t[1], str(v + (1 if nx[1] == "++" else -1)))
                return v
            return self.var(t[1])
        if t == ("op", "("):
            v = self.assign()
            if self.take() != ("op", ")"):
                raise ArithError("syntax", self.expr)
            return v
        raise ArithError("syntax", self.expr)


def evaluate(expr: str, getvar, setvar, power: bool = True) -> int:
    """Evaluate; ``power``: whether ``**`` exists (not in dash)."""
    return _Eval(expr, getvar, setvar, power).run()
