"""Syntax tree of a POSIX sh script: words made of parts, commands, lists and compound commands."""
from __future__ import annotations

from dataclasses import dataclass, field


# ------------------------------------------------------------------ word parts
@dataclass
class Lit:
    """Literal text; ``quoted`` when it came from quotes or a backslash (no splitting/globbing)."""
    text: str
    quoted: bool = False


@dataclass
class Param:
    """``$name``, ``${name}``, ``${name<op><arg>}``, ``${#name}``."""
    name: str
    op: str = ""                 # "", ":-", "-", ":=", "=", ":+", "+", ":?", "?", "#", "##",
    #                              "%", "%%", "len", "/", "//", "substr"
    arg: list | None = None      # parts of the word after the operator
    arg2: list | None = None     # replacement (for "/"), length (for "substr")
    quoted: bool = False
    index: str | None = None     # bash arrays: ``${x[1]}``, ``${x[@]}`` (the subscript's text)


@dataclass
class CmdSub:
    """``$(…)`` or a backquoted command: the inner source, parsed when expanded."""
    src: str
    quoted: bool = False
    backquote: bool = False
    lineno: int = 1


@dataclass
class Arith:
    """``$((…))``: the expression's parts (parameter expansion happens first)."""
    parts: list
    quoted: bool = False


@dataclass
class Word:
    parts: list
    raw: str = ""

    @property
    def literal(self) -> str | None:
        """The word's text if it is made only of unquoted literal parts (a reserved word
        candidate), else None."""
        if all(isinstance(p, Lit) and not p.quoted for p in self.parts):
            return "".join(p.text for p in self.parts)
        return None

    @property
    def has_quotes(self) -> bool:
        return any(getattr(p, "quoted", False) for p in self.parts)

    def __repr__(self):
        return f"Word({self.raw!r})"


@dataclass
class ArrayWord(Word):
    """bash's compound assignment ``x=(a b c)``: the words between the parentheses."""
    words: list = field(default_factory=list)

    def __repr__(self):
        return f"ArrayWord({self.raw!r})"


# ------------------------------------------------------------------ commands
@dataclass
class Heredoc:
    delim: str
    quoted: bool
    strip_tabs: bool
    body: str = ""
    parts: list | None = None    # parsed body (unquoted delimiter only)


@dataclass
class Redir:
    fd: int | None               # explicit IO number, else None (default per operator)
    op: str                      # < > >> >| <> <& >& << <<-
    target: Word | None = None
    heredoc: Heredoc | None = None


@dataclass
class Simple:
    assigns: list = field(default_factory=list)   # [(name, Word)]
    words: list = field(default_factory=list)     # [Word]
    redirs: list = field(default_factory=list)
    lineno: int = 1


@dataclass
class Pipeline:
    cmds: list
    negate: bool = False
    lineno: int = 1


@dataclass
class AndOr:
    first: Pipeline
    rest: list = field(default_factory=list)      # [(op, Pipeline)]


@dataclass
class CmdList:
    items: list = field(default_factory=list)     # [(AndOr, background: bool)]


@dataclass
class Brace:
    body: CmdList
    redirs: list = field(default_factory=list)


@dataclass
class Subshell:
    body: CmdList
    redirs: list = field(default_factory=list)


@dataclass
class If:
    clauses: list                                  # [(cond CmdList, body CmdList)]
    else_body: CmdList | None = None
    redirs: list = field(default_factory=list)


@dataclass
class For:
    var: str
    words: list | None                             # None: "$@"
    body: CmdList
    redirs: list = field(default_factory=list)


@dataclass
class ArithCmd:
    """bash's ``(( expr ))``: status 0 when the expression is not zero."""
    parts: list
    redirs: list = field(default_factory=list)
    lineno: int = 1


@dataclass
class ForArith:
    """bash's ``for (( init; cond; step )) do … done``."""
    init: list
    cond: list
    step: list
    body: CmdList
    redirs: list = field(default_factory=list)


@dataclass
class While:
    cond: CmdList
    body: CmdList
    until: bool = False
    redirs: list = field(default_factory=list)


@dataclass
class Case:
    word: Word
    items: list                                    # [(patterns [Word], body CmdList|None)]
    redirs: list = field(default_factory=list)


@dataclass
class FuncDef:
    name: str
    body: object
    lineno: int = 1
