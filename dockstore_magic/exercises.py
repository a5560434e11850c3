"""Exercises for the lessons: checks that look at the simulated engine and say, in plain
words, what is already right and what is still missing.

    from dockstore_magic.exercises import check
    check("lesson4.persist")                          # a lesson's exercise, by its name
    check("lesson1.layer_folder", answer)             # …or one that checks an answer
    check.volume_has_file("notes", "/todo.txt")       # a single check, for your own exercises
    check.list()                                      # every exercise of every lesson

    solution("lesson3.whiteout")                      # its solution, folded, tried on a copy

A check never raises because an answer is wrong: it returns a :class:`CheckResult`
(``ok``, ``message``, ``hint``, ``more``), shown as ✅ or ❌ with the feedback (HTML in Jupyter,
text in a terminal).  The ❌ names the mistake it sees; the help is graduated: the first ❌ of
an exercise gives a hint (never the answer), a later one says more and points to
:func:`solution`.  Checks only read the engine's state (the same things ``docker inspect``,
``docker diff`` and ``ls`` on the host show, plus the command lines the magics ran, since a
container run with ``--rm`` leaves no trace); they never change it.  :func:`solution` runs
the exercise's solution on a deep copy of the engine, so it never takes the names the
exercise asks the student to use.

Two helpers keep the build lessons reproducible: :func:`project_folder` (a fresh working
folder for a build context) and :func:`write_file` (a file of that folder, dated by the
simulated clock: a file's modification time is part of the layer that copies it, so a file
saved "now" would give new image IDs on every run).
"""
from __future__ import annotations

import contextlib
import html
import os
import re
import tempfile
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable

from . import catalogue
from .result import CommandResult

__all__ = ["check", "solution", "CheckResult", "Exercise", "EXERCISES", "exercise",
           "project_folder", "write_file"]


# ============================================================================== results
@dataclass
class CheckResult:
    """The outcome of a check: ``ok``, a ``message`` saying what was found, and graduated help
    when something is missing: a ``hint`` (a nudge, never the answer) from the first ❌, then
    ``more`` (closer to the answer) and where to find the solution from the second ❌ on.
    ``bool(result)`` is ``ok``."""

    ok: bool
    message: str
    hint: str = ""
    name: str = ""            # the exercise's key ("lesson4.persist"); "" for a plain check
    title: str = ""           # "Exercise 4.1 — Data that outlives its container"
    more: str = ""            # the second hint, shown from the second ❌ on
    started: bool = True      # False: nothing done yet (does not count as an attempt)
    level: int = 1            # 1: the first ❌ of this exercise; 2: a later one

    def __bool__(self) -> bool:
        return self.ok

    @property
    def mark(self) -> str:
        return "✅" if self.ok else "❌"

    def help_lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs of the help to show under a ❌, as far as the level goes."""
        if self.ok:
            return []
        out = [("Hint", self.hint)] if self.hint else []
        if self.level >= 2:
            if self.more:
                out.append(("More", self.more))
            if self.name:
                out.append(("Answer", f'`solution("{self.name}")` shows a solution.'))
        return out

    def text(self) -> str:
        head = f"{self.mark} {self.title}" if self.title else self.mark
        lines = [head, *_indent(self.message)] if self.title else [f"{self.mark} {self.message}"]
        lines += [f"   {label}: {text}" for label, text in self.help_lines()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        colour = "#2da44e" if self.ok else "#cf222e"
        back = "rgba(45,164,78,0.10)" if self.ok else "rgba(207,34,46,0.08)"
        parts = [f'<div style="border-left:4px solid {colour};background:{back};'
                 f'padding:6px 10px;margin:4px 0;border-radius:4px;line-height:1.45">']
        if self.title:
            parts.append(f"<b>{self.mark} {_html(self.title)}</b><br>{_html(self.message)}")
        else:
            parts.append(f"{self.mark} {_html(self.message)}")
        for label, text in self.help_lines():
            parts.append(f'<br><i>{label}:</i> {_html(text)}')
        parts.append("</div>")
        return "".join(parts)


def _indent(text: str) -> list[str]:
    return ["   " + line if line else "" for line in text.splitlines()]


def _html(text: str) -> str:
    """Escape, then show `code` spans as <code> (the messages use backticks for commands)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return out.replace("\n", "<br>")


def ok(message: str) -> CheckResult:
    return CheckResult(True, message)


def fail(message: str, hint: str = "", more: str = "") -> CheckResult:
    return CheckResult(False, message, hint, more=more)


def not_yet(message: str, hint: str = "", more: str = "") -> CheckResult:
    """A ❌ for an exercise not started yet (it does not count as an attempt)."""
    return CheckResult(False, message, hint, more=more, started=False)


# ============================================================================== looking
def _engine(engine=None):
    if engine is not None:
        return engine
    from . import session
    return session.engine()


def _container(eng, name: str):
    try:
        return eng.container_store.get(name)
    except Exception:
        return None


def _image(eng, ref: str):
    try:
        return eng.images.find(ref)
    except Exception:
        return None


def _volume(eng, name: str):
    return eng.volumes.volumes.get(name)


def _changes(eng, c) -> list[tuple[str, str]]:
    """``docker diff``: (kind, path) pairs, kind A/C/D."""
    return [(k, p) for k, p in eng.layer_store.changes(c.rw)]


def _mounts(eng, c) -> list[dict]:
    """``docker inspect -f '{{json .Mounts}}'``."""
    return list(eng.inspect_mounts(c))


def _read_host(eng, path: str) -> bytes | None:
    fs = eng.host.fs
    try:
        if not fs.isfile(path):
            return None
        return fs.read_bytes(path)
    except Exception:
        return None


def _files_under(eng, root: str) -> list[str]:
    """Regular files below ``root`` on the host, as paths relative to it ("/a/b")."""
    fs = eng.host.fs
    out = []
    try:
        if not fs.isdir(root):
            return out
        for path, st in fs.walk(root):
            if st.is_file:
                rel = path[len(root.rstrip("/")):] or "/"
                out.append(rel if rel.startswith("/") else "/" + rel)
    except Exception:
        pass
    return sorted(out)


def _image_file(eng, img, path: str) -> bytes | None:
    try:
        view = eng.layer_store.view(img.top)
        if not view.isfile(path):
            return None
        return view.read_bytes(path)
    except Exception:
        return None


def _layer_rows(img) -> list[tuple[str, Any]]:
    """The image's filesystem layers, base first, each with the history text that made it."""
    layers = img.layers
    rows, n = [], 0
    for h in img.history:
        if h.get("empty_layer"):
            continue
        if n < len(layers):
            rows.append((h.get("created_by", "") or h.get("comment", ""), layers[n]))
        n += 1
    for extra in layers[n:]:
        rows.append(("", extra))
    return rows


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _size(n: int) -> str:
    from .cli.units import human_size_precision
    return human_size_precision(n, 3)


def _q(s: str) -> str:
    return f'"{s}"'


def _holders(eng, filename: str) -> list[tuple[str, str]]:
    """Containers whose own layer has a file of that name: (container name, path)."""
    out = []
    for c in eng.container_store:
        try:
            for kind, path in _changes(eng, c):
                if kind != "D" and path.rsplit("/", 1)[-1] == filename:
                    out.append((c.familiar_name, path))
        except Exception:
            continue
    return out


def _volumes_with(eng, filename: str) -> list[tuple[str, str]]:
    out = []
    for v in eng.volumes.list():
        for rel in _files_under(eng, v.path):
            if rel.rsplit("/", 1)[-1] == filename:
                out.append((v.name, rel))
    return out


# ============================================================================== plain checks
def volume_exists(name: str, engine=None) -> CheckResult:
    """Is there a volume called ``name``?"""
    eng = _engine(engine)
    if _volume(eng, name) is None:
        names = [v.name for v in eng.volumes.list() if not v.anonymous]
        also = f" (there is: {', '.join(names)})" if names else ""
        return fail(f"There is no volume named {_q(name)}{also}.",
                    f"`docker volume create {name}`, or mount it with `-v {name}:/some/path` "
                    "(Docker creates a missing named volume).")
    return ok(f"The volume {_q(name)} exists.")


def volume_has_file(name: str, path: str, contains: str | None = None, engine=None) -> CheckResult:
    """Does the volume ``name`` hold the file ``path`` (a path inside the volume, "/todo.txt"),
    with ``contains`` in it?  The feedback says where the file is when it is not there."""
    eng = _engine(engine)
    exists = volume_exists(name, eng)
    if not exists:
        return exists
    v = _volume(eng, name)
    rel = "/" + path.lstrip("/")
    data = _read_host(eng, v.path + rel)
    filename = rel.rsplit("/", 1)[-1]
    if data is None:
        where = [f"in container {c}'s own layer as {p}" for c, p in _holders(eng, filename)]
        where += [f"in the volume {_q(n)} as {p}" for n, p in _volumes_with(eng, filename)
                  if not (n == name and p == rel)]
        msg = f"The volume {_q(name)} exists but the file {rel} is not in it."
        if where:
            msg += f" There is a {filename} {where[0]}" + (f" (and {len(where) - 1} more)" if len(where) > 1 else "") + "."
        hint = (f"Mount the volume where the file is written, e.g. `-v {name}:/data` and write "
                f"`/data{rel}`: a path outside the mount point lands in the container's own "
                "layer, which `docker rm` deletes.")
        return fail(msg, hint)
    if contains is not None and contains not in data.decode("utf-8", "replace"):
        got = data.decode("utf-8", "replace").strip()
        return fail(f"The volume {_q(name)} holds {rel}, but it says {_q(_short(got))} "
                    f"instead of {_q(contains)}.",
                    "Write the file again with the right text (`>` replaces, `>>` appends).")
    return ok(f"The volume {_q(name)} holds {rel}" + (f" with {_q(contains)} in it." if contains else "."))


def container_exists(name: str, engine=None) -> CheckResult:
    eng = _engine(engine)
    c = _container(eng, name)
    if c is None:
        return fail(f"There is no container named {_q(name)}.",
                    f"Give it that name with `--name {name}` (and without `--rm`, so it stays).")
    return ok(f"The container {_q(name)} exists ({c.state.status}).")


def container_gone(name: str, engine=None) -> CheckResult:
    eng = _engine(engine)
    c = _container(eng, name)
    if c is not None:
        return fail(f"The container {_q(name)} still exists ({c.state.status}).",
                    f"`docker rm {name}`" + (" (stop it first, or `docker rm -f`)" if c.state.running else ""))
    return ok(f"There is no container {_q(name)} any more.")


def container_changed(name: str, path: str, kind: str = "", engine=None) -> CheckResult:
    """Does ``docker diff NAME`` list ``path`` (as ``kind``: A, C or D, if given)?"""
    eng = _engine(engine)
    c = _container(eng, name)
    if c is None:
        return container_exists(name, eng)
    changes = _changes(eng, c)
    kinds = [k for k, p in changes if p == path]
    if not kinds:
        return fail(f"`docker diff {name}` does not list {path}.",
                    "Did the command run in that container, and did it change that path?")
    if kind and kind not in kinds:
        return fail(f"`docker diff {name}` lists {path} as {kinds[0]}, not {kind}.")
    return ok(f"`docker diff {name}` lists {kinds[0]} {path}.")


def image_exists(ref: str, engine=None) -> CheckResult:
    eng = _engine(engine)
    img = _image(eng, ref)
    if img is None:
        return fail(f"There is no image {_q(ref)}.", "`docker images` lists the images there are.")
    return ok(f"The image {_q(ref)} exists ({img.short_id}).")


def image_has_file(ref: str, path: str, contains: str | None = None, engine=None) -> CheckResult:
    eng = _engine(engine)
    img = _image(eng, ref)
    if img is None:
        return image_exists(ref, eng)
    data = _image_file(eng, img, path)
    if data is None:
        return fail(f"The image {_q(ref)} has no file {path}.")
    if contains is not None and contains not in data.decode("utf-8", "replace"):
        return fail(f"{path} in {_q(ref)} does not contain {_q(contains)}.")
    return ok(f"The image {_q(ref)} has {path}" + (f" with {_q(contains)} in it." if contains else "."))


def bind_mounted(name: str, source: str, target: str, readonly: bool | None = None,
                 engine=None) -> CheckResult:
    """Is the host folder ``source`` bind-mounted at ``target`` in container ``name``?"""
    eng = _engine(engine)
    c = _container(eng, name)
    if c is None:
        return container_exists(name, eng)
    mounts = {m.get("Destination"): m for m in _mounts(eng, c)}
    m = mounts.get(target)
    if m is None:
        there = ", ".join(sorted(mounts)) or "none"
        return fail(f"The container {_q(name)} has no mount at {target} (its mounts: {there}).",
                    f"`-v {source}:{target}` mounts the host folder there.")
    if m.get("Type") == "volume":
        return fail(f"{target} in {_q(name)} is the volume {_q(m.get('Name', ''))}, not a bind mount.",
                    "With `-v`, a source that does not start with `/` is a volume name; give "
                    f"the host folder's absolute path: `-v {source}:{target}`.")
    if m.get("Type") != "bind":
        return fail(f"{target} in {_q(name)} is a {m.get('Type')} mount, not a bind mount.")
    if m.get("Source") != source:
        return fail(f"{target} in {_q(name)} is bind-mounted from {m.get('Source')}, not from {source}.")
    if readonly is True and m.get("RW", True):
        return fail(f"{source} is bind-mounted at {target}, but writable: the container could "
                    "change the host's files.",
                    f"Add `:ro` (`-v {source}:{target}:ro`), or `readonly` with `--mount`.")
    if readonly is False and not m.get("RW", True):
        return fail(f"{source} is bind-mounted at {target} read-only.")
    rw = "read-only" if not m.get("RW", True) else "read-write"
    return ok(f"{source} is bind-mounted at {target} in {_q(name)} ({rw}).")


def shares_layers(ref1: str, ref2: str, at_least: int = 1, engine=None) -> CheckResult:
    eng = _engine(engine)
    a, b = _image(eng, ref1), _image(eng, ref2)
    for ref, img in ((ref1, a), (ref2, b)):
        if img is None:
            return image_exists(ref, eng)
    shared = [x for x, y in zip(a.layers, b.layers) if x.chain_id == y.chain_id]
    size = sum(l.size for l in shared)
    if len(shared) < at_least:
        return fail(f"{ref1} and {ref2} share {len(shared)} layer(s); expected at least {at_least}.")
    return ok(f"{ref1} and {ref2} share {len(shared)} layers ({_size(size)}), stored once.")


# ============================================================================== answers
class _Missing:
    def __repr__(self) -> str:
        return "<no answer>"


MISSING = _Missing()


def _no_answer(answer) -> bool:
    return answer is MISSING or answer is None or answer is Ellipsis or (
        isinstance(answer, str) and not answer.strip())


NO_ANSWER = "There is no answer yet: set `answer = …` in the exercise's cell, run it, then run this check again."


def _number(answer) -> float | None:
    """A number from 408, 407.6, "408MB", "0.41 GB" (decimal units, as docker prints them)."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        return float(answer)
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?)\s*([kKmMgG]?)i?[bB]?\s*", str(answer))
    if not m:
        return None
    scale = {"": 1, "k": 1e-3, "m": 1, "g": 1e3}[m.group(2).lower()]
    return float(m.group(1)) * scale


# ============================================================================== the registry
@dataclass
class Exercise:
    key: str                    # "lesson4.persist"
    number: str                 # "4.1"
    title: str                  # "Data that outlives its container"
    task: str                   # one line: what to do
    fn: Callable = field(repr=False)
    answer: bool = False        # the check takes the student's answer
    solution: str = ""          # the cell a student could write (magics and Python)
    clear: tuple = ()           # what the solution makes, removed first in its sandbox

    @property
    def lesson(self) -> int:
        return int(self.number.split(".")[0])

    @property
    def heading(self) -> str:
        return f"Exercise {self.number} — {self.title}"

    def run(self, answer=MISSING, engine=None, demo: bool = False) -> CheckResult:
        """Check the exercise.  Every ❌ after the first (of an exercise started: an answer
        given, an object made) says more; ``demo=True`` (a lesson showing a mistake) neither
        counts nor uses the count."""
        eng = _engine(engine)
        if isinstance(answer, CommandResult):      # answer = %docker … / %host …: what it printed
            answer = answer.stdout.strip()
        try:
            if self.answer:
                res = not_yet(NO_ANSWER) if _no_answer(answer) else self.fn(eng, answer)
            else:
                res = self.fn(eng)
        except Exception as e:                       # never a traceback for the student
            if os.environ.get("DOCKSTORE_DEBUG"):
                raise
            res = fail(f"The check could not look at the engine ({type(e).__name__}: {e}).",
                       "Run the lesson's cells from the top (the engine may have been reset).")
        res.name, res.title = self.key, self.heading
        if not res.ok and res.started and not demo:
            tries = _attempts(eng)
            tries[self.key] = tries.get(self.key, 0) + 1
            res.level = min(tries[self.key], 2)
        return res


_ATTEMPTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _attempts(eng) -> dict[str, int]:
    """The number of ❌ each exercise gave in this engine (a reset starts from zero)."""
    try:
        return _ATTEMPTS.setdefault(eng, {})
    except TypeError:                                # an engine that cannot be weakly referenced
        return {}


_COMMANDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def remember(argv: list[str], engine=None) -> None:
    """Called by the magics with each command line: the engine keeps no event log, and a
    container run with ``--rm`` leaves no trace a check could see."""
    try:
        log = _COMMANDS.setdefault(_engine(engine), [])
    except TypeError:
        return
    log.append(list(argv))
    del log[:-200]


def _ran(eng, *words: str) -> bool:
    """Did a command of this engine have all these words (``"--rm"``, ``"--name"``…)?"""
    try:
        log = _COMMANDS.get(eng, [])
    except TypeError:
        return False
    return any(all(any(w == a or a.startswith(w + "=") for a in argv) for w in words) for argv in log)


EXERCISES: dict[str, Exercise] = {}


def exercise(key: str, number: str, title: str, task: str, answer: bool = False,
             solution: str = "", clear: tuple = ()):
    """Register a lesson's exercise: ``fn(engine)`` (or ``fn(engine, answer)``) returns a
    :class:`CheckResult`.  ``solution`` is the cell that solves it (what
    :func:`solution` shows and tries on a copy of the engine); ``clear`` names what that
    cell makes (``"container:eraser"``, ``"image:notes:1"``, ``"volume:notes"``), removed from
    the copy first so that the student's own attempt does not get in its way."""
    def deco(fn):
        EXERCISES[key] = Exercise(key, number, title, task, fn, answer, solution.strip("\n"), clear)
        return fn
    return deco


# ============================================================================== solutions
class _QuietShell:
    """What ``get_ipython()`` is while a solution runs on a copy of the engine: the magics,
    printing nothing."""

    def run_line_magic(self, name, line, _stack_depth=1):
        return self.run_cell_magic(name, line, None)

    def run_cell_magic(self, name, line, cell):
        from . import session
        from shlex import split as shlex_split
        quiet = dict(out=lambda _t: None, err=lambda _t: None)
        if name == "docker":
            return session.docker(shlex_split(line), **quiet)
        if name == "dockerfile":
            return session.build_cell(shlex_split(line), cell or "", **quiet)
        if name == "host":
            return session.host(line if cell is None else cell, **quiet)
        raise ValueError(f"a solution cannot use %{name}")


def _clear(kind_name: str) -> None:
    from . import session
    kind, _, name = kind_name.partition(":")
    quiet = dict(out=lambda _t: None, err=lambda _t: None)
    if kind == "volume":
        users = session.docker(["ps", "-aq", "--filter", f"volume={name}"], **quiet).stdout.split()
        if users:
            session.docker(["rm", "-f", *users], **quiet)
    args = {"container": ["rm", "-f"], "image": ["rmi", "-f"], "volume": ["volume", "rm", "-f"]}[kind]
    session.docker(args + [name], **quiet)


def solution_cells(text: str) -> list[str]:
    """The cells of a solution: a cell magic (``%%dockerfile``) starts a cell of its own, which
    ends at the first blank line."""
    cells, cur, in_magic = [], [], False
    for line in text.splitlines():
        if line.startswith("%%") or (in_magic and not line.strip()):
            if any(l.strip() for l in cur):
                cells.append("\n".join(cur).strip("\n"))
            cur, in_magic = ([line] if line.startswith("%%") else []), line.startswith("%%")
            continue
        cur.append(line)
    if any(l.strip() for l in cur):
        cells.append("\n".join(cur).strip("\n"))
    return cells


def try_solution(ex: Exercise, engine=None) -> CheckResult:
    """Run the exercise's solution on a copy of the engine (and, if it writes files, in a copy
    of the working folder) and check it there: the student's containers, images, volumes and
    files are untouched, and the student's own names stay free.  Nothing of the copy is saved
    (:meth:`Persistence.suspended`): the host on disk stays the student's."""
    from . import session
    sandbox = _copy_engine(_engine(engine))
    saved, session._engine = session._engine, sandbox
    try:
        with session.persistence.suspended():
            return _run_solution(ex, sandbox)
    finally:
        session._engine = saved


def _copy_engine(eng):
    """A copy of the whole engine.  A pickle round trip is three times faster than
    :func:`copy.deepcopy` and gives the same copy; every engine pickles, as every command's
    save pickles it, but an unforeseen object still gets the slow copy."""
    import copy
    import pickle
    try:
        return pickle.loads(pickle.dumps(eng, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        return copy.deepcopy(eng)


@contextlib.contextmanager
def _scratch_folder(ex: Exercise):
    """A solution that writes files runs in a copy of the working folder."""
    import shutil
    cwd = os.getcwd()
    if "write_file(" not in ex.solution and "%%dockerfile" not in ex.solution:
        yield
        return
    scratch = tempfile.mkdtemp(prefix="dockstore-solution-")
    try:
        shutil.copytree(cwd, os.path.join(scratch, "ctx"), dirs_exist_ok=True)
        os.chdir(os.path.join(scratch, "ctx"))
        yield
    finally:
        os.chdir(cwd)
        shutil.rmtree(scratch, ignore_errors=True)


def _run_solution(ex: Exercise, sandbox) -> CheckResult:
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        with _scratch_folder(ex):
            for what in ex.clear:
                _clear(what)
            ns = {"get_ipython": _QuietShell, "write_file": write_file, "__name__": "__solution__"}
            for cell in solution_cells(ex.solution):
                exec(TransformerManager().transform_cell(cell), ns)      # our own text
            return ex.run(ns.get("answer", MISSING), sandbox, demo=True)
    except Exception as e:
        if os.environ.get("DOCKSTORE_DEBUG") and _raised_in_engine(e):
            raise
        return fail(f"The solution could not run here ({type(e).__name__}: {e}).",
                    "Run the lesson's cells above it first.")


def _raised_in_engine(e: BaseException) -> bool:
    """Whether ``e`` came from the engine's own code (a bug of ours, which DOCKSTORE_DEBUG
    shows with its traceback) rather than from the solution's few lines of Python meeting a
    host they do not fit (the containerd store has no overlay2 folders, say)."""
    here = os.path.dirname(os.path.abspath(__file__))
    tb = e.__traceback__
    while tb is not None:
        name = os.path.abspath(tb.tb_frame.f_code.co_filename)
        if name.startswith(here + os.sep) and name != os.path.abspath(__file__):
            return True
        tb = tb.tb_next
    return False


@dataclass
class Solution:
    """``solution("lesson3.whiteout")``: the cell that solves an exercise, folded until
    clicked, with what the check answers once that cell has run (on a copy of the engine)."""

    exercise: Exercise
    result: CheckResult

    def __repr__(self) -> str:
        cells = [["    " + l for l in c.splitlines()] + [""] for c in solution_cells(self.exercise.solution)]
        return "\n".join([f"Solution to {self.exercise.heading}" + (f" ({len(cells)} cells)" if len(cells) > 1 else "") + ":", "",
                          *[l for c in cells for l in c],
                          "After it (tried on a copy of the engine: yours is untouched):",
                          self.result.text()])

    def _repr_html_(self) -> str:
        cells = solution_cells(self.exercise.solution)
        code = "".join(f'<pre style="white-space:pre-wrap;margin:6px 0;padding:4px 8px;'
                       f'border:1px solid rgba(128,128,128,0.4)">{html.escape(c)}</pre>' for c in cells)
        return (f'<details><summary><b>💡 Solution to {_html(self.exercise.heading)}</b> '
                f'(click to show)</summary>'
                + (f'<div>{len(cells)} cells:</div>' if len(cells) > 1 else "") + code +
                f'<div>After it (tried on a copy of the engine: yours is untouched):</div>'
                f'{self.result._repr_html_()}</details>')


def solution(key: str, engine=None):
    """The solution of an exercise, folded (click to show), and what the check answers after
    it.  It runs on a copy of the engine, so your own objects and names are untouched: copy
    the cell into the exercise's cell to do it for real."""
    ex = EXERCISES.get(key)
    if ex is None or not ex.solution:
        known = ", ".join(sorted(k for k, e in EXERCISES.items() if e.solution))
        return CheckResult(False, f"There is no solution for {_q(key)}. There are: {known}.", name=key)
    return Solution(ex, try_solution(ex, engine))


class ExerciseList:
    """``check.list()``: the exercises as a table."""

    def __init__(self, exercises: list[Exercise]):
        self.exercises = exercises

    def __repr__(self) -> str:
        rows = [f"{e.number:<5} {e.key:<24} {e.title}" for e in self.exercises]
        return "\n".join(["#     check(...)               exercise", *rows])

    def _repr_html_(self) -> str:
        head = "<tr><th>#</th><th>check(…)</th><th>exercise</th><th>what to do</th></tr>"
        body = "".join(
            f"<tr><td>{e.number}</td><td><code>{html.escape(e.key)}</code></td>"
            f"<td>{html.escape(e.title)}</td><td>{_html(e.task)}</td></tr>" for e in self.exercises)
        return f"<table>{head}{body}</table>"


class Checker:
    """``check("lesson4.persist")`` runs a lesson's exercise; ``check.volume_has_file(…)`` and
    the other attributes are single checks; ``check.list()`` lists the exercises."""

    volume_exists = staticmethod(volume_exists)
    volume_has_file = staticmethod(volume_has_file)
    container_exists = staticmethod(container_exists)
    container_gone = staticmethod(container_gone)
    container_changed = staticmethod(container_changed)
    image_exists = staticmethod(image_exists)
    image_has_file = staticmethod(image_has_file)
    bind_mounted = staticmethod(bind_mounted)
    shares_layers = staticmethod(shares_layers)

    def __call__(self, key: str, answer=MISSING, engine=None, demo: bool = False) -> CheckResult:
        ex = EXERCISES.get(key)
        if ex is None:
            known = ", ".join(sorted(EXERCISES))
            return CheckResult(False, f"There is no exercise {_q(key)}. The exercises are: {known}.",
                               name=key)
        return ex.run(answer, engine, demo=demo)

    def list(self, lesson: int | None = None) -> ExerciseList:
        exs = sorted(EXERCISES.values(), key=lambda e: [int(x) for x in e.number.split(".")])
        return ExerciseList([e for e in exs if lesson is None or e.lesson == lesson])

    def __repr__(self) -> str:
        return f"<check: {len(EXERCISES)} exercises; check.list() shows them>"


check = Checker()


# ============================================================================== lesson 1
def _overlay_names(eng) -> dict[str, str]:
    """What each folder of /var/lib/docker/overlay2 is: layer, container layer, init layer."""
    names = {}
    for layer in eng.layer_store.layers.values():
        names[layer.cache_id] = "layer"
    for c in eng.container_store:
        names[c.rw.mount_id] = f"the read-write layer of container {c.familiar_name}"
        names[c.rw.init_id] = f"the init layer of container {c.familiar_name}"
    return names


@exercise("lesson1.layer_folder", "1.1", "Find an image's layer on the host",
          "Put the name of the folder under /var/lib/docker/overlay2 that holds busybox's "
          "layer in `answer`.", answer=True, solution="""
upper = %docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox
# UpperDir is /var/lib/docker/overlay2/<folder>/diff: the folder's name is the part before /diff
answer = upper.stdout.strip().split("/")[-2]
""")
def _lesson1_layer_folder(eng, answer):
    img = _image(eng, "busybox")
    if img is None or not img.layers:
        return not_yet("There is no busybox image yet.", "Run the lesson's `docker pull busybox` cell, then look again.")
    layer = img.layers[-1]
    want = layer.cache_id
    got = str(answer).strip().rstrip("/")
    for suffix in ("/diff", "/link", "/lower"):
        if got.endswith(suffix):
            got = got[: -len(suffix)]
    got = got.rsplit("/", 1)[-1] if "/" in got else got
    if got == want:
        return ok(f"Yes: overlay2/{want[:12]}… holds busybox's one layer (its files are in "
                  "`diff/`). The name is a random cache ID: neither the layer's diffID nor its "
                  "chainID, which is why layerdb keeps a `cache-id` file to find it.")
    if eng.driver.name == "overlay2":
        link = _read_host(eng, f"{eng.driver.home}/{want}/link")
        if link is not None and got == link.decode().strip():
            return fail(f"{got} is the short name in overlay2/l/: a symlink pointing to the "
                        "layer's diff folder, to keep mount options short.",
                        "Give the name of the folder the link points to.",
                        "`ls -l /var/lib/docker/overlay2/l` shows where each link points.")
    hexes = {layer.chain_id.split(":")[-1]: "chainID", layer.diff_id.split(":")[-1]: "diffID",
             img.hex: "image ID"}
    if layer.diff_id == layer.chain_id:
        hexes[layer.diff_id.split(":")[-1]] = "diffID (for a base layer, also its chainID)"
    bare = got.split(":")[-1]
    for h, what in hexes.items():
        if bare and len(bare) >= 12 and h.startswith(bare):
            where = ("the image's config in imagedb" if what == "image ID"
                     else "the layer's folder in image/overlay2/layerdb/sha256/")
            return fail(f"That is busybox's {what}: it names {where}, not the layer's files.",
                        "The layer's folder has a random name, which layerdb records in a file.",
                        "`cat` the `cache-id` file in layerdb/sha256/<chainID>/, or ask "
                        "`docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox`.")
    other = _overlay_names(eng).get(got)
    if other and other != "layer":
        return fail(f"That folder is {other}, not busybox's layer.")
    if other == "layer":
        return fail("That folder holds a layer of another image.")
    return fail(f"There is no folder {_q(_short(got, 30))} for busybox's layer.",
                "`ls /var/lib/docker/overlay2` lists the folders.",
                "The one with no `lower` file and a `diff/` full of busybox's files is it.")


@exercise("lesson1.log_file", "1.2", "Where does a container's output go?",
          "Run a container named `greeter` that prints `hello from a container`, then put the "
          "host path of the file that keeps what it printed in `answer`.", answer=True,
          clear=("container:greeter",), solution="""
%docker run --name greeter busybox echo hello from a container
greeter_id = %docker inspect -f '{{.Id}}' greeter
gid = greeter_id.stdout.strip()
answer = f"/var/lib/docker/containers/{gid}/{gid}-json.log"
""")
def _lesson1_log_file(eng, answer):
    c = _container(eng, "greeter")
    if c is None:
        if _ran(eng, "--rm", "greeter") or _ran(eng, "--rm", "--name"):
            return fail("There is no container named \"greeter\": with `--rm`, Docker removed it "
                        "as soon as it exited, and its log with it.",
                        "Run it again without `--rm`, so that it (and its log) stays.")
        return not_yet("There is no container named \"greeter\" yet.",
                       "`docker run --name …` gives a container its name.")
    log_path = f"{c.dir}/{c.id}-json.log"
    log = (_read_host(eng, log_path) or b"").decode("utf-8", "replace")
    if "hello from a container" not in log:
        return fail("greeter did not print `hello from a container` (its log does not have it).",
                    "Remove it (`docker rm greeter`) and run it again with `echo`.")
    got = str(answer).strip()
    if got == log_path:
        return ok("Yes: the json-file log driver appends every line the container prints to "
                  "containers/<id>/<id>-json.log, one JSON object per line. `docker logs` reads "
                  "this file, and it goes away with `docker rm`.")
    root = "/var/lib/docker"
    bare = got.lstrip("./")
    if bare and (log_path.endswith("/" + bare) or bare == log_path.lstrip("/")):
        return fail("That is greeter's log file ✔, but the path is relative: give the full path "
                    "on the host.",
                    f"Docker's folders are all under {root}.")
    if got.rstrip("/") == c.dir:
        return fail("That is greeter's folder: the log is one of the files inside it.",
                    "`ls` that folder: the file ends in `-json.log`.")
    if "/overlay2/" in got:
        return fail("overlay2 holds the container's files (its filesystem); what it prints "
                    "goes to a log file in another folder.",
                    "Look in /var/lib/docker/containers/.")
    short = c.id[:12]
    if short in got and c.id not in got:
        return fail("That uses greeter's short ID (12 characters): on disk, the folder and the "
                    "file are named after the full 64-character ID.",
                    "`docker inspect -f '{{.Id}}' greeter` shows the full ID.")
    if got.endswith("-json.log"):
        return fail("That is a log file, but not greeter's (the folder and file are named "
                    "after the container's full ID).",
                    "`docker inspect -f '{{.Id}}' greeter` shows the ID.")
    return fail(f"{_q(_short(got, 60))} is not where greeter's output is kept.",
                "Look in /var/lib/docker/containers/.",
                "Each container has a folder there named after its full ID; the log is in it.")


# ============================================================================== lesson 2
SHOP_DOCKERFILE_LINES = 8     # the Dockerfile of shop:1 in lesson 2


@exercise("lesson2.count_layers", "2.1", "Count the layers",
          "Put the number of filesystem layers of `shop:1` (the base image's included) in "
          "`answer`.", answer=True, solution="""
layers = %docker image inspect -f '{{len .RootFS.Layers}}' shop:1
answer = int(layers.stdout)
""")
def _lesson2_count_layers(eng, answer):
    img = _image(eng, "shop:1")
    if img is None:
        return not_yet("There is no image shop:1 yet.", "Build it with the lesson's first `%%dockerfile` cell.")
    want = len(img.layers)
    n = _number(answer)
    if n is None or n != int(n):
        return fail(f"{_q(str(answer))} is not a whole number.")
    n = int(n)
    if n == want:
        return ok(f"Yes: {want} layers (`RootFS.Layers` lists {want} diffIDs). The other rows "
                  "of `docker history` are config-only (0B): ENV, CMD, LABEL… change the image's "
                  "JSON, not its files.")
    rows = len(img.history)
    # BuildKit pulled the base into its own cache: not in the image store unless pulled
    base = _image(eng, "python:3.12-slim") or catalogue.lookup("python:3.12-slim")
    own = want - len(base.layers) if base is not None else None
    if n == rows:
        return fail(f"{n} is the number of rows in `docker history`: {rows - want} of them are "
                    "config-only (ENV, CMD, LABEL…, 0B) and make no layer.",
                    "The image's config lists its layers by diffID.",
                    "Count the diffIDs: `docker image inspect -f '{{json .RootFS.Layers}}' shop:1`.")
    if own is not None and n == own:
        return fail(f"{n} is the number of layers this Dockerfile added; the image also "
                    "includes the base image's layers (FROM).")
    if n == SHOP_DOCKERFILE_LINES:
        return fail(f"{n} is the number of lines of the Dockerfile, but not every instruction "
                    "makes a layer (ENV, EXPOSE, LABEL and CMD only change the config), and the "
                    "base image brings layers of its own.")
    return fail(f"Not {n}.", "The image's config lists its layers by diffID.",
                "Count the diffIDs: `docker image inspect -f '{{json .RootFS.Layers}}' shop:1`.")


CACHE_FRIENDLY = """
%%dockerfile -t {tag} .
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
CMD ["python", "app.py"]
"""


@exercise("lesson2.cache_order", "2.2", "A cache-friendly Dockerfile",
          "Build `quick:1` so that dependencies are installed before app.py is copied; "
          "change app.py; build `quick:2`. Both must share the `pip install` layer.",
          clear=("image:quick:1", "image:quick:2"),
          solution=CACHE_FRIENDLY.format(tag="quick:1") + '''
write_file("app.py", 'print("Welcome to the shop! Now with a wishlist.")\\n')
''' + CACHE_FRIENDLY.format(tag="quick:2"))
def _lesson2_cache_order(eng):
    q1, q2 = _image(eng, "quick:1"), _image(eng, "quick:2")
    if q1 is None:
        if q2 is not None:
            return fail("quick:2 is there, but not quick:1.", "The check compares two builds: "
                        "tag the first one `quick:1`.")
        return not_yet("There is no image quick:1 yet.", "Build it with `%%dockerfile -t quick:1 .`")
    if q2 is None:
        return fail("quick:1 is there, but not quick:2.",
                    "Change app.py (`write_file(\"app.py\", …)`), then build again with `-t quick:2`.")
    if q1.id == q2.id:
        return fail("quick:1 and quick:2 are the same image: nothing changed between the builds.",
                    "Change app.py before building quick:2.")
    rows1, rows2 = _layer_rows(q1), _layer_rows(q2)
    pip1 = [(i, l) for i, (t, l) in enumerate(rows1) if "pip install" in t]
    pip2 = [(i, l) for i, (t, l) in enumerate(rows2) if "pip install" in t]
    if not pip1 or not pip2:
        return fail("One of the images has no `RUN pip install …` layer.",
                    "Install the requirements with `RUN pip install --no-cache-dir -r requirements.txt`.")
    (_, l1), (i2, l2) = pip1[-1], pip2[-1]
    if l1.chain_id != l2.chain_id:
        before = [t for t, _ in rows2[:i2] if "app.py" in t or t.startswith("COPY . ")]
        why = (f"`{_short(before[-1].replace(' # buildkit', ''), 50)}` comes before it, so "
               "changing app.py busted the cache for every later step.") if before else \
              "something it depends on changed between the builds."
        return fail("quick:1 and quick:2 each have their own `pip install` layer: " + why,
                    "What `pip install` needs must be copied before it; what changes often, after it.",
                    "Copy only requirements.txt, `RUN pip install …`, and COPY app.py last.")
    shared = [a for a, b in zip(q1.layers, q2.layers) if a.chain_id == b.chain_id]
    differ = len(q2.layers) - len(shared)
    return ok(f"quick:1 and quick:2 share {len(shared)} layers ({_size(sum(l.size for l in shared))}), "
              f"the `pip install` one included; only {differ} layer(s) "
              f"({_size(sum(l.size for l in q2.layers[len(shared):]))}) were rebuilt.")


# ============================================================================== lesson 3
@exercise("lesson3.whiteout", "3.1", "Delete a file from the image",
          "Run a container named `eraser` from `bigfile:1` that deletes /big.dat.",
          clear=("container:eraser",), solution="""
%docker run --name eraser bigfile:1 rm /big.dat
%docker ps -a -s --format 'table {{.Names}}\\t{{.Image}}\\t{{.Size}}'
""")
def _lesson3_whiteout(eng):
    c = _container(eng, "eraser")
    if c is None:
        if _ran(eng, "--rm", "eraser"):
            return fail("There is no container named \"eraser\": it was run with `--rm`, so "
                        "Docker removed it, and its layer with the whiteout, as soon as it exited.",
                        "Run it again without `--rm`: the layer is what we want to look at.")
        return not_yet("There is no container named \"eraser\" yet.",
                       "`docker run --name eraser …` from the image `bigfile:1`.")
    img = _image(eng, "bigfile:1")
    if img is None or c.image_id != img.id:
        image = c.config.get("Image", "another image")
        return fail(f"eraser runs {image}, not bigfile:1: there is no /big.dat to delete in it.",
                    "Remove it (`docker rm eraser`) and run it from `bigfile:1`.")
    changes = _changes(eng, c)
    if ("D", "/big.dat") not in changes:
        listed = ", ".join(f"{k} {p}" for k, p in changes) or "nothing"
        return fail(f"`docker diff eraser` does not show `D /big.dat` (it shows: {listed}).",
                    "The container's command must delete the file.",
                    "`rm /big.dat` as the command (`docker rm eraser` first).")
    size = eng.layer_store.rw_size(c.rw)
    return ok(f"`D /big.dat`: eraser's layer holds a whiteout ({_size(size)}), and bigfile:1 is "
              f"still {_size(img.size)}: deleting a file in a container never makes the image "
              "smaller, it only hides the file from this container.")


@exercise("lesson3.commit", "3.2", "Keep a container's changes",
          "Run a container named `scribe` that writes `remember the milk` to /notes.txt, save "
          "it as the image `notes:1`, then remove the container.",
          clear=("container:scribe", "image:notes:1"), solution="""
%docker run --name scribe busybox sh -c 'echo remember the milk > /notes.txt'
%docker commit scribe notes:1
%docker rm scribe
""")
def _lesson3_commit(eng):
    img = _image(eng, "notes:1")
    c = _container(eng, "scribe")
    if img is None:
        other = [t for t in (_image(eng, "notes:latest"), _image(eng, "notes")) if t is not None]
        if other:
            return fail("There is an image `notes` (that is `notes:latest`), but no `notes:1`: "
                        "the tag is part of the name.",
                        "`docker tag` can give an image another name; or commit again with the tag.")
        if c is not None:
            return fail("scribe exists, but there is no image notes:1 yet.",
                        "`docker commit` makes an image from a container.",
                        "`docker commit scribe notes:1`.")
        if _ran(eng, "--rm", "scribe"):
            return fail("There is no container scribe and no image notes:1: scribe was run with "
                        "`--rm`, so its layer was gone before anything could save it.",
                        "Run it without `--rm`, commit it, then remove it.")
        if _ran(eng, "rm", "scribe"):
            return fail("There is no container scribe and no image notes:1: scribe was removed "
                        "before it was committed, and its layer went with it.",
                        "Run it again, and commit before `docker rm`.")
        return not_yet("There is no container scribe and no image notes:1 yet.",
                       "Start with a container named `scribe` that writes the file.")
    data = _image_file(eng, img, "/notes.txt")
    if data is None:
        return fail("notes:1 has no /notes.txt.",
                    "The container must write the file before the commit.",
                    "`sh -c 'echo remember the milk > /notes.txt'` as its command.")
    if "remember the milk" not in data.decode("utf-8", "replace"):
        return fail(f"/notes.txt in notes:1 says {_q(_short(data.decode('utf-8', 'replace').strip()))}.",
                    "Write `remember the milk` into it.")
    if c is not None:
        return fail("notes:1 has /notes.txt ✔, but the container scribe still exists.",
                    "The image keeps the data now: the container can go.")
    return ok(f"notes:1 has /notes.txt in its own top layer ({_size(img.layers[-1].size)}), "
              "and scribe is gone: `docker commit` turned the container's read-write layer "
              "into a read-only image layer.")


# ============================================================================== lesson 4
@exercise("lesson4.persist", "4.1", "Data that outlives its container",
          "Create a volume `notes`; with a throw-away container (`--rm`), write `remember me` "
          "to todo.txt at the top of the volume.", clear=("volume:notes",), solution="""
%docker volume create notes
%docker run --rm -v notes:/data busybox sh -c 'echo remember me > /data/todo.txt'
""")
def _lesson4_persist(eng):
    if _volume(eng, "notes") is None:
        held = _holders(eng, "todo.txt")
        if held:
            return fail(f"There is no volume \"notes\"; todo.txt is in container {held[0][0]}'s "
                        "own layer, which `docker rm` deletes.",
                        "The data must go into a volume mounted in the container.")
        names = [v.name for v in eng.volumes.list() if not v.anonymous]
        return not_yet("There is no volume named \"notes\" yet"
                       + (f" (there is: {', '.join(names)})." if names else "."),
                       "`docker volume create`, or let `-v` create it.")
    res = volume_has_file("notes", "/todo.txt", contains="remember me", engine=eng)
    if not res:
        if _read_host(eng, _volume(eng, "notes").path + "/todo.txt") is None:
            # not in the volume: the hint is about where to write (written there with the
            # wrong text, volume_has_file's own hint fits)
            res.hint, res.more = ("The file must be written *through the mount*: under the path "
                                  "where the volume is mounted in the container."), res.hint
        return res
    v = _volume(eng, "notes")
    users = [c.familiar_name for c in eng.container_store if c.id in v.refs]
    if users:
        return fail(f"The volume \"notes\" holds todo.txt ✔, but container {users[0]} still uses it.",
                    f"Remove {users[0]} (or use `--rm`): the point is that the data outlives it.")
    return ok("The volume \"notes\" holds todo.txt with \"remember me\", and no container uses "
              "it any more: the data lives in /var/lib/docker/volumes/notes/_data, outside every "
              "container's layer.")


@exercise("lesson4.where", "4.2", "Find the volume's data on the host",
          "Put the host path of todo.txt (in the volume `notes`) in `answer`.", answer=True,
          solution="""
# exercise 4.1 made the volume: creating it again changes nothing
%docker volume create notes
mountpoint = %docker volume inspect -f '{{.Mountpoint}}' notes
answer = mountpoint.stdout.strip() + "/todo.txt"
""")
def _lesson4_where(eng, answer):
    v = _volume(eng, "notes")
    # a local volume's folder is named after it (volume/local/local.go), so the answer can be
    # checked before exercise 4.1 has made the volume
    path = v.path if v is not None else "/var/lib/docker/volumes/notes/_data"
    want = f"{path}/todo.txt"
    got = str(answer).strip()
    if got == want:
        return ok(f"Yes: {want}. A local volume is a plain folder on the host, "
                  "`volumes/<name>/_data`; the container sees it wherever it is mounted."
                  + ("" if v is not None else " (There is no volume notes yet: exercise 4.1 "
                     "makes it, then `%host cat` shows the file.)"))
    if got == want.lstrip("/"):
        return fail("Right folders, but without the leading `/` the path is relative to "
                    "wherever you are: a host path starts at `/`.")
    if got.rstrip("/") == path:
        return fail("That is the volume's folder: give the path of the file in it.")
    if got == "/var/lib/docker/volumes/notes/todo.txt":
        return fail("Almost: the files are one level down, in a folder of the volume's own.",
                    "`docker volume inspect notes` shows its Mountpoint.")
    if not got.lstrip("/").startswith("var/lib/docker"):
        return fail(f"{got} is a path inside a container (where the volume is mounted); on the "
                    "host, Docker keeps the volume under /var/lib/docker.",
                    "`docker volume inspect notes` shows where.")
    return fail(f"{got} is not where todo.txt is.", "`docker volume inspect notes` shows where "
                "the volume is.", "Its `Mountpoint`, then the file's name.")


@exercise("lesson4.prepopulate", "4.3", "A volume filled from the image",
          "Get nginx's configuration (/etc/nginx) into a new volume `nginx-conf` without "
          "copying any file yourself.", clear=("volume:nginx-conf",), solution="""
%docker run --rm -v nginx-conf:/etc/nginx nginx true
%host ls /var/lib/docker/volumes/nginx-conf/_data
""")
def _lesson4_prepopulate(eng):
    v = _volume(eng, "nginx-conf")
    if v is None:
        return not_yet("There is no volume \"nginx-conf\" yet.",
                       "Docker can fill a new volume from the image: mount it where the image "
                       "has the files.")
    files = _files_under(eng, v.path)
    if "/nginx.conf" in files and "/conf.d/default.conf" in files:
        return ok(f"nginx-conf holds nginx.conf and conf.d/default.conf ({len(files)} files): "
                  "Docker copied the image's /etc/nginx into the empty volume when the "
                  "container was created.")
    if not files:
        users = [c for c in eng.container_store if c.id in v.refs]
        where = [m.get("Destination") for c in users for m in _mounts(eng, c) if m.get("Name") == "nginx-conf"]
        if where:
            return fail(f"nginx-conf is empty: it was mounted at {where[0]}, where the image has no files.",
                        "Pre-population copies what the image has *at the mount point*.",
                        "Mount it at /etc/nginx, in a container from nginx.")
        return fail("nginx-conf is empty: nothing filled it (`docker volume create` makes an "
                    "empty folder, and a mount with `nocopy` copies nothing).",
                    "Docker copies the image's files into an empty volume when a container "
                    "is created with it mounted over them.",
                    "Mount it at /etc/nginx in a container from nginx.")
    return fail(f"nginx-conf has files ({', '.join(files[:3])}{'…' if len(files) > 3 else ''}) "
                "but no nginx.conf.",
                "Docker only copies into an *empty* volume.",
                "`docker volume rm nginx-conf` (after removing the containers that use it) and "
                "mount it at /etc/nginx first.")


# ============================================================================== lesson 5
@exercise("lesson5.preview", "5.2", "Serve a host folder, read-only",
          "Write /home/student/site/index.html (with `Hello from the host`) on the host and "
          "create a container `preview` from nginx with that folder bind-mounted read-only at "
          "/usr/share/nginx/html.", clear=("container:preview",), solution="""
%host mkdir -p /home/student/site && echo 'Hello from the host' > /home/student/site/index.html
%docker run -d --name preview -v /home/student/site:/usr/share/nginx/html:ro nginx
%docker exec preview curl -s localhost
""")
def _lesson5_preview(eng):
    if _container(eng, "preview") is None:
        return not_yet("There is no container named \"preview\" yet.",
                       "`docker run -d --name preview …` from nginx, with the folder mounted.")
    res = bind_mounted("preview", "/home/student/site", "/usr/share/nginx/html", readonly=True, engine=eng)
    if not res:
        if res.hint.startswith("`-v "):
            res.hint, res.more = "Mount the host folder there with `-v`.", res.hint
        elif "`-v /" in res.hint and "volume name" in res.hint:
            res.hint, res.more = ("With `-v`, a source that does not start with `/` is a volume "
                                  "name."), "Remove preview and give the folder's absolute path."
        return res
    data = _read_host(eng, "/home/student/site/index.html")
    if data is None:
        return fail("The folder is bind-mounted read-only ✔, but it has no index.html: nginx "
                    "would find an empty site (the image's own index.html is hidden by the mount).",
                    "Write index.html into the host folder: no need to restart, the container "
                    "sees the host's folder itself.",
                    "`%host echo 'Hello from the host' > /home/student/site/index.html`")
    if "Hello from the host" not in data.decode("utf-8", "replace"):
        return fail("index.html is there but does not say `Hello from the host`.")
    c = _container(eng, "preview")
    if not c.state.running:
        code = f", exit code {c.state.exit_code}" if c.state.status == "exited" else ""
        return fail(f"The folder is mounted as it should be ✔, but preview is not running "
                    f"({c.state.status}{code}): nginx serves only while it runs.",
                    "Run it in the background with `-d`, and without a command after the image "
                    "(a command replaces nginx).",
                    "`%docker rm preview`, then `%docker run -d --name preview -v "
                    "/home/student/site:/usr/share/nginx/html:ro nginx`.")
    return ok("preview serves /home/student/site read-only: edits on the host show at once in "
              "the container, and the container cannot change them.")


_HIDDEN = {
    "hidden": None,
    "deleted": ("No: image layers are read-only, nothing can delete from them. Run a container "
                "without the mount and index.html is there."),
    "copied": ("No: copying the image's files in is what an empty *volume* gets "
               "(pre-population). A bind mount never copies anything."),
    "merged": ("No: a mount is not an overlay; the folder replaces what was at that path, "
               "it is not combined with it."),
}


@exercise("lesson5.hidden", "5.1", "What happened to the image's index.html?",
          "An empty host folder was bind-mounted over /usr/share/nginx/html: was the image's "
          "index.html `deleted`, `hidden`, `copied` or `merged`?", answer=True,
          solution="""
# A container from nginx without the mount still has the file:
%docker run --rm nginx ls /usr/share/nginx/html
answer = "hidden"
""")
def _lesson5_hidden(eng, answer):
    got = str(answer).strip().lower().strip("'\"`.")
    if got not in _HIDDEN:
        return fail(f"{_q(str(answer))} is not one of: deleted, hidden, copied, merged.",
                    "Put one of the four words in `answer`, as a string.")
    if _HIDDEN[got] is None:
        return ok("Yes, hidden: the bind mount covers that folder of the image for this container "
                  "only. The file is still in the image's layer, and a container without the "
                  "mount sees it.")
    return fail(_HIDDEN[got], "Look at the file from a container of the same image without the mount.")


# ============================================================================== lesson 6
def _vfs_numbers(eng):
    """python:3.12-slim and what vfs keeps for each of its layers: a full copy of the files
    up to that layer.  On vfs the folders are measured; on another driver, each layer's size
    is added to those below it (a little more than the copies hold, where a layer replaces
    files of the layers below)."""
    img = _image(eng, "python:3.12-slim")
    if img is None:
        return None
    per_layer = None
    if eng.driver.name == "vfs":
        try:
            from .fs import tree_size
            per_layer = [tree_size(eng.host.tree.node_at(eng.driver.dir(l.cache_id))) for l in img.layers]
        except Exception:
            per_layer = None
    if per_layer is None:
        per_layer = [l.chain_size for l in img.layers]
    return img, per_layer


def _vfs_answer(eng, answer):
    """``(image, per_layer, n)`` for a lesson 6 answer of ``n`` MB (see :func:`_vfs_numbers`),
    or the failure when there is no python:3.12-slim or the answer is not a number."""
    got = _vfs_numbers(eng)
    if got is None:
        return fail("There is no python:3.12-slim image in this engine.", "`docker pull python:3.12-slim`")
    n = _number(answer)
    if n is None:
        return fail(f"{_q(str(answer))} is not a number of MB.", "Put a number in `answer`: `answer = 123`.")
    return (*got, n)


def _close(x: float, want: float, rel: float = 0.05) -> bool:
    return abs(x - want) <= max(rel * want, 0.5)


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f}"


@exercise("lesson6.vfs_pull", "6.1", "What vfs stores for one image",
          "In MB: how much does vfs store for python:3.12-slim (4 layers: 74.8 MB, 9.38 MB, "
          "40.1 MB and 36 B)? Put the number in `answer`.", answer=True, solution="""
# layer 1 holds layer 1; layer 2 holds layers 1-2; layer 3 holds 1-3; layer 4 holds 1-4
answer = 74.8 + (74.8 + 9.38) + (74.8 + 9.38 + 40.1) + (74.8 + 9.38 + 40.1)
""")
def _lesson6_vfs_pull(eng, answer):
    got = _vfs_answer(eng, answer)
    if isinstance(got, CheckResult):
        return got
    img, per_layer, n = got
    want, image_mb, sums = sum(per_layer) / 1e6, img.size / 1e6, sum(l.chain_size for l in img.layers) / 1e6
    if _close(n, want) or _close(n, sums):
        parts = " + ".join(_mb(x) for x in per_layer)
        return ok(f"Yes, about {want:.0f} MB ({parts}): each vfs layer is a full copy of the "
                  "files of every layer below it plus its own changes. (A little less than "
                  "adding up the layer sizes: where a layer replaces a file of a layer below, "
                  "the copy holds only the new version.)")
    if _close(n, image_mb):
        return fail(f"{n:g} MB is what overlay2 stores (each layer once, {image_mb:.1f} MB): "
                    "vfs has no copy-on-write.",
                    "Each vfs layer folder holds the whole filesystem up to that layer.")
    if _close(n, image_mb * len(per_layer)):
        return fail(f"{n:g} MB would be {len(per_layer)} copies of the whole image; the lower "
                    "layers only hold what is below them.",
                    "Each vfs layer folder holds its own files and those of the layers below it.",
                    "Layer 1 holds 74.8 MB, layer 2 holds 74.8 + 9.38 MB, and so on.")
    return fail(f"Not {n:g} MB.", "Each vfs layer folder holds its own files and those of the layers below it.",
                "Add up, for each layer, the size of that layer and all those below it.")


@exercise("lesson6.vfs_container", "6.2", "The price of a container on vfs",
          "In MB: how much does vfs copy to create one container from python:3.12-slim? Put "
          "the number in `answer`.", answer=True, solution="""
# the -init layer and the read-write layer: each a full copy of the image's files
answer = 2 * (74.8 + 9.38 + 40.1)
""")
def _lesson6_vfs_container(eng, answer):
    got = _vfs_answer(eng, answer)
    if isinstance(got, CheckResult):
        return got
    img, per_layer, n = got
    full, image_mb = per_layer[-1] / 1e6, img.size / 1e6
    if _close(n, 2 * full) or _close(n, 2 * image_mb):
        return ok(f"Yes, about {2 * full:.0f} MB: two full copies of the image's files "
                  f"({full:.1f} MB each), one for the container's -init layer and one for its "
                  "read-write layer. overlay2 copies nothing (two empty folders).")
    if _close(n, full) or _close(n, image_mb):
        return fail(f"{n:g} MB is one copy. A container has two layers of its own.",
                    "Count a container's folders in /var/lib/docker/vfs/dir.",
                    "`ls /var/lib/docker/vfs/dir` after `docker create`: there is an -init folder too.")
    if _close(n, 0, 0):
        return fail("0 is overlay2's answer (a container starts with empty folders); vfs has no "
                    "copy-on-write.", "What must vfs put in a new container's layer folders?")
    stored = sum(per_layer) / 1e6
    if _close(n, stored) or _close(n, sum(l.chain_size for l in img.layers) / 1e6):
        return fail(f"{n:g} MB is what vfs stores for the image's own layers (exercise 6.1), "
                    "already on disk before any container. The question is what one new "
                    "container adds.",
                    "Count a container's folders in /var/lib/docker/vfs/dir, and what each holds.")
    return fail(f"Not {n:g} MB.", "Compare `du -sh /var/lib/docker/vfs/dir/*` before and after `docker create`.")


# ============================================================================== lesson helpers
def project_folder(name: str = "project") -> str:
    """A fresh, empty folder for a build context, made the working directory (so
    ``%%dockerfile -t app:1 .`` uses it).  Returns its path.  On your own machine this is
    simply your project's folder."""
    base = tempfile.mkdtemp(prefix="dockstore-lesson-")
    path = os.path.join(base, name)
    os.makedirs(path)
    os.chdir(path)
    return path


def write_file(path: str, text: str, engine=None) -> None:
    """Save a file of the build context, dated by the simulated clock.

    A file's modification time is part of the layer that copies it (it is in the layer's tar
    headers, hence in its diffID), so a file saved at the real "now" would give new image IDs
    every time a notebook runs; dated by the fixed clock, a lesson prints the same IDs every
    time.  (Real builds get the same effect with ``SOURCE_DATE_EPOCH``.)  BuildKit's cache
    ignores the date either way: only the content and permissions count."""
    eng = _engine(engine)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    t = int(eng.clock.now())
    os.utime(path, (t, t))
