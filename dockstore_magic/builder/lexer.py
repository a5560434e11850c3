"""Dockerfile word processing (BuildKit frontend/dockerfile/shell/lex.go): quote removal and
``$VAR``, ``${VAR}``, ``${VAR:-word}``, ``${VAR:+word}``, ``${VAR-word}``, ``${VAR+word}``,
``${VAR:?msg}`` substitution for ADD, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME,
WORKDIR and ARG."""
from __future__ import annotations


class LexError(ValueError):
    pass


def process_word(word: str, env: dict[str, str], escape: str = "\\") -> str:
    return _Lexer(word, env, escape).run(split=False)[0] if word else ""


def process_words(word: str, env: dict[str, str], escape: str = "\\") -> list[str]:
    """Like :func:`process_word` but splitting on unquoted blanks, those of unquoted
    expansions included (BuildKit ``Lex.ProcessWords``, EXPOSE's word splitting)."""
    return _Lexer(word, env, escape).run(split=True)


def print_word(word: str, env: dict[str, str], escape: str = "\\") -> str:
    """A step's text as BuildKit's progress shows it (dockerfile2llb processCmdEnv with
    ``RawQuotes`` and ``SkipUnsetEnv``): variables substituted where the shell would, quotes
    kept, unset variables left as written (checked against BuildKit on the engine here)."""
    return _Lexer(word, env, escape, raw=True).run(split=False)[0] if word else ""


def process_heredoc(text: str, env: dict[str, str], escape: str = "\\") -> str:
    """A COPY/ADD heredoc's content as BuildKit expands it (instructions ExpandRaw: a lexer
    with ``SkipProcessQuotes``): variables substituted everywhere, quotes kept as they are,
    the escape character still escaping the next one."""
    lx = _Lexer(text, env, escape)
    out: list[str] = []
    while lx.i < len(text):
        ch = lx.peek()
        if ch == "$":
            out.append(lx.dollar())
        elif ch == escape:
            lx.i += 1
            if lx.i < len(text):
                out.append(lx.next())
        else:
            out.append(lx.next())
    return "".join(out)


class _Lexer:
    def __init__(self, s: str, env: dict, escape: str, raw: bool = False):
        self.s, self.env, self.esc, self.i = s, env, escape, 0
        self.raw = raw          # keep quotes, leave unset variables as written

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def next(self) -> str:
        ch = self.peek()
        self.i += 1
        return ch

    def run(self, split: bool) -> list[str]:
        words: list[str] = []
        cur: list[str] = []
        started = False
        while self.i < len(self.s):
            ch = self.peek()
            if split and ch in " \t\n":
                self.i += 1
                if started:
                    words.append("".join(cur))
                    cur, started = [], False
                continue
            if split and ch == "$":
                # ProcessWords (wordsStruct.addString): an unquoted expansion is split on
                # blanks too, and an empty one starts no word
                for c in self.dollar():
                    if c.isspace():
                        if started:
                            words.append("".join(cur))
                            cur, started = [], False
                    else:
                        cur.append(c)
                        started = True
                continue
            started = True
            q = ch if self.raw else ""
            if ch == "'":
                self.i += 1
                cur.append(q)
                while self.i < len(self.s) and self.peek() != "'":
                    cur.append(self.next())
                if self.i >= len(self.s):
                    raise LexError("unexpected end of statement while looking for matching single-quote")
                self.i += 1
                cur.append(q)
            elif ch == '"':
                self.i += 1
                cur.append(q)
                while True:
                    if self.i >= len(self.s):
                        raise LexError("unexpected end of statement while looking for matching double-quote")
                    c = self.peek()
                    if c == '"':
                        self.i += 1
                        cur.append(q)
                        break
                    if c == "$":
                        cur.append(self.dollar())
                    elif c == self.esc:
                        self.i += 1
                        n = self.next()
                        if n not in ('"', "$", self.esc):
                            cur.append(self.esc)
                        cur.append(n)
                    else:
                        cur.append(self.next())
            elif ch == "$":
                val = self.dollar()
                cur.append(val)
            elif ch == self.esc:
                self.i += 1
                if self.i < len(self.s):
                    cur.append(self.next())
            else:
                cur.append(self.next())
        if started or not split:
            words.append("".join(cur))
        return words

    def dollar(self) -> str:
        self.i += 1                   # the $
        ch = self.peek()
        if ch == "{":
            self.i += 1
            name = self._name()
            if not name:
                raise LexError(f"bad substitution: '{self.s}'")
            if self.peek() == "}":
                self.i += 1
                if self.raw and name not in self.env:
                    return "${" + name + "}"
                return self.env.get(name, "")
            mod = self.next()
            colon = False
            if mod == ":":
                colon = True
                mod = self.next()
            word = self._until_brace()
            val = self.env.get(name)
            if self.raw and val is None:
                # SkipUnsetEnv: an unset variable's substitution is printed as written, its
                # word processed the same way (lex.go processDollar)
                inner = _Lexer(word, self.env, self.esc, raw=True).run(split=False)[0] if word else ""
                return "${" + name + (":" if colon else "") + mod + inner + "}"
            if mod == "-":
                if val is None or (colon and val == ""):
                    return process_word(word, self.env, self.esc)
                return val
            if mod == "+":
                if val is not None and (not colon or val != ""):
                    return process_word(word, self.env, self.esc)
                return ""
            if mod == "?":
                if val is None or (colon and val == ""):
                    raise LexError(f"{name}: {word or 'is not allowed to be unset'}")
                return val
            raise LexError(f"unsupported modifier ({mod}) in substitution")
        name = self._name()
        if not name:
            return "$"
        if self.raw and name not in self.env:
            return "$" + name
        return self.env.get(name, "")

    def _name(self) -> str:
        # shell/lex.go processName: a run of digits, or one special parameter ($$ $? $# …:
        # isSpecialParam), or letters, digits and _
        start = self.i
        if self.peek().isdigit():
            while self.i < len(self.s) and self.s[self.i].isdigit():
                self.i += 1
            return self.s[start:self.i]
        if self.peek() and self.peek() in "@*#?-$!0":
            self.i += 1
            return self.s[start:self.i]
        while self.i < len(self.s) and (self.s[self.i].isalnum() or self.s[self.i] == "_"):
            self.i += 1
        return self.s[start:self.i]

    def _until_brace(self) -> str:
        depth = 0
        out = []
        while self.i < len(self.s):
            c = self.next()
            if c == "{":
                depth += 1
            elif c == "}":
                if depth == 0:
                    return "".join(out)
                depth -= 1
            out.append(c)
        raise LexError("missing '}'")
