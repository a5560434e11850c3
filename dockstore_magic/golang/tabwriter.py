"""Go's ``text/tabwriter`` as docker/cli carries it (``cli/command/formatter/tabwriter``): the
standard library's elastic tabstops, measuring cells with go-runewidth (``string_width``:
wide CJK and emoji characters count as two columns).

A *column* is a run of consecutive lines that all have a tab-terminated cell at that index;
its width is ``max(minwidth, max(cell widths) + padding)``; the last cell of each line (the
text after the last tab) belongs to no column and is never padded."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["TabWriter", "tabwrite", "string_width",
           "FILTER_HTML", "STRIP_ESCAPE", "ALIGN_RIGHT", "DISCARD_EMPTY_COLUMNS", "TAB_INDENT",
           "DEBUG"]

# tabwriter flags (values as in Go)
FILTER_HTML = 1 << 0
STRIP_ESCAPE = 1 << 1
ALIGN_RIGHT = 1 << 2
DISCARD_EMPTY_COLUMNS = 1 << 3
TAB_INDENT = 1 << 4
DEBUG = 1 << 5


# ----------------------------------------------------------------------------------------------
# display widths

_ZERO_WIDTH = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}


def _rune_width(ch: str) -> int:
    """go-runewidth RuneWidth with the default (non East-Asian) condition."""
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0:
        return 0
    if o in _ZERO_WIDTH:
        return 0
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def string_width(s: str) -> int:
    """runewidth.StringWidth: the number of terminal columns ``s`` occupies."""
    if s.isascii():
        # fast path: printable ASCII is one column each, controls none
        return sum(1 for c in s if " " <= c < "\x7f")
    return sum(_rune_width(c) for c in s)


# ----------------------------------------------------------------------------------------------
# tabwriter

@dataclass
class _Cell:
    text: str
    width: int
    htab: bool


class TabWriter:
    """A port of docker/cli's copy of Go's text/tabwriter.Writer, working on ``str``.

    Differences from Go that cannot matter for docker: text is handled as Python strings, so
    the Escape byte 0xff (never produced by valid UTF-8) and FilterHTML are not supported."""

    def __init__(self, minwidth: int = 10, tabwidth: int = 1, padding: int = 3,
                 padchar: str = " ", flags: int = 0):
        if minwidth < 0 or tabwidth < 0 or padding < 0:
            raise ValueError("negative minwidth, tabwidth, or padding")
        self.minwidth = minwidth
        self.tabwidth = tabwidth
        self.padding = padding
        self.padchar = padchar
        if padchar == "\t":
            flags &= ~ALIGN_RIGHT  # tab padding enforces left-alignment
        self.flags = flags
        self._out: list[str] = []
        self._reset()

    # -- state
    def _reset(self) -> None:
        self._cur: list[str] = []     # text of the current, incomplete cell
        self._lines: list[list[_Cell]] = [[]]
        self._widths: list[int] = []

    def _terminate_cell(self, htab: bool) -> int:
        text = "".join(self._cur)
        self._cur = []
        line = self._lines[-1]
        line.append(_Cell(text, string_width(text), htab))
        return len(line)

    # -- output
    def _write_padding(self, textw: int, cellw: int, use_tabs: bool) -> None:
        if self.padchar == "\t" or use_tabs:
            if self.tabwidth == 0:
                return
            cellw = (cellw + self.tabwidth - 1) // self.tabwidth * self.tabwidth
            n = cellw - textw
            if n < 0:
                raise RuntimeError("internal error")
            self._out.append("\t" * ((n + self.tabwidth - 1) // self.tabwidth))
            return
        self._out.append(self.padchar * (cellw - textw))

    def _write_lines(self, line0: int, line1: int) -> None:
        widths = self._widths
        for i in range(line0, line1):
            line = self._lines[i]
            use_tabs = bool(self.flags & TAB_INDENT)
            for j, c in enumerate(line):
                if j > 0 and self.flags & DEBUG:
                    self._out.append("|")
                if not c.text:
                    if j < len(widths):
                        self._write_padding(c.width, widths[j], use_tabs)
                else:
                    use_tabs = False
                    if not self.flags & ALIGN_RIGHT:
                        self._out.append(c.text)
                        if j < len(widths):
                            self._write_padding(c.width, widths[j], False)
                    else:
                        if j < len(widths):
                            self._write_padding(c.width, widths[j], False)
                        self._out.append(c.text)
            if i + 1 == len(self._lines):
                # last buffered line: no newline; write any outstanding incomplete cell
                self._out.append("".join(self._cur))
            else:
                self._out.append("\n")

    def _format(self, line0: int, line1: int) -> None:
        column = len(self._widths)
        this = line0
        while this < line1:
            line = self._lines[this]
            if column >= len(line) - 1:
                this += 1
                continue
            # cell exists in this column => this line has more cells than the previous line
            self._write_lines(line0, this)
            line0 = this
            width = self.minwidth
            discardable = True
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                c = line[column]
                w = c.width + self.padding
                if w > width:
                    width = w
                if c.width > 0 or c.htab:
                    discardable = False
                this += 1
            if discardable and self.flags & DISCARD_EMPTY_COLUMNS:
                width = 0
            self._widths.append(width)
            self._format(line0, this)
            self._widths.pop()
            line0 = this
            this += 1  # the Go loop's post statement
        self._write_lines(line0, line1)

    def _flush_internal(self) -> None:
        if self._cur:
            self._terminate_cell(False)
        self._format(0, len(self._lines))
        self._reset()

    # -- public
    def write(self, text: str) -> None:
        start = 0
        for i, ch in enumerate(text):
            if ch in "\t\v\n\f":
                if i > start:
                    self._cur.append(text[start:i])
                start = i + 1
                ncells = self._terminate_cell(ch == "\t")
                if ch == "\n" or ch == "\f":
                    self._lines.append([])
                    if ch == "\f" or ncells == 1:
                        # a line with a single cell cannot affect later lines: flush
                        self._flush_internal()
                        if ch == "\f" and self.flags & DEBUG:
                            self._out.append("---\n")
        if start < len(text):
            self._cur.append(text[start:])

    def flush(self) -> str:
        """Format everything buffered and return all output produced so far."""
        self._flush_internal()
        out = "".join(self._out)
        self._out = []
        return out

    getvalue = flush


def tabwrite(text: str, minwidth: int = 10, tabwidth: int = 1, padding: int = 3,
             padchar: str = " ", flags: int = 0) -> str:
    """Run ``text`` through a tabwriter configured like docker's (by default) and flush."""
    w = TabWriter(minwidth, tabwidth, padding, padchar, flags)
    w.write(text)
    return w.flush()
