"""Layer diagrams and an explorer: see the layers, the copy-on-write and the mounts.

* :func:`diagram` — ``diagram(engine, "nginx", "c1")``: a :class:`LayerDiagram` (SVG +
  text) of the named images and containers (all of them when none is named).
* :func:`explorer` — the ipywidgets explorer of one image or container.
* :func:`replay` — a slider over the recorded steps of the session.
* :func:`mounts` — the volume vs bind mount panel for containers side by side.
* :func:`datamap` — the map of /var/lib/docker: which folders each object owns.
* :func:`watch` — redraw the diagram after every ``%docker`` / ``%%dockerfile`` command.
* :func:`after_command` — the hook the magics call after each command (records the step
  for replay; draws the diagram in watch mode).
* :func:`diagram_command` — ``%docker diagram [OPTIONS] [IMAGE|CONTAINER…]``.

``engine`` may be omitted (or None) everywhere: the notebook's engine is used.
"""
from __future__ import annotations

import logging

from .model import DiagramError, Graph, build
from .rich import LayerDiagram
from .snapshot import State, capture
from .history import record, frames, recorder

__all__ = ["diagram", "datamap", "explorer", "mounts", "replay", "watch", "watching", "after_command",
           "diagram_command", "record", "frames", "recorder", "LayerDiagram", "DiagramError", "capture",
           "build", "State", "Graph"]

log = logging.getLogger("dockstore_magic.diagram")


def _engine(engine):
    if engine is None:
        from .. import session
        return session.engine()
    return engine


def _split(engine, refs):
    """``diagram("nginx")`` reads naturally too: a string first argument is a reference."""
    if isinstance(engine, str):
        return None, (engine,) + tuple(refs)
    return engine, tuple(refs)


def diagram(engine=None, *refs: str, dot: bool | None = None, missing_ok: bool = False) -> LayerDiagram:
    """The layer diagram of ``refs`` (images or containers; all when none is named).
    ``dot=False`` draws without graphviz (the pure-Python drawing)."""
    engine, refs = _split(engine, refs)
    eng = _engine(engine)
    state = capture(eng)
    if missing_ok:
        refs = tuple(r for r in refs if state.find(r) is not None)
    return LayerDiagram(build(state, refs), use_dot=dot)


def explorer(engine=None, ref: str | None = None, dot: bool | None = None):
    """The explorer of ``ref`` (an image or container; the first image when None)."""
    if isinstance(engine, str) and ref is None:
        engine, ref = None, engine
    from .widgets import Explorer
    return Explorer(_engine(engine), ref, use_dot=dot)


def datamap(engine=None):
    """The map of /var/lib/docker: the folders each image, container and volume owns."""
    from .datamap import datamap as draw
    return draw(_engine(engine))


def mounts(engine=None, *refs: str):
    """The volume vs bind mount panel for these containers (all when none is named): a click
    on a container shows its mounts and where their data lives on the host."""
    engine, refs = _split(engine, refs)
    from .widgets import MountsPanel
    return MountsPanel(_engine(engine), refs)


def replay(engine=None, *refs: str, dot: bool | None = None):
    """A slider over the recorded steps of the session, redrawing the diagram at each."""
    engine, refs = _split(engine, refs)
    from .widgets import Replay
    return Replay(_engine(engine), refs, use_dot=dot)


# ------------------------------------------------------------------------------ watch mode
class _Watch:
    on = False
    refs: tuple = ()
    inplace = False
    handle = None


_watch = _Watch()


def watch(on: bool = True, *refs: str, inplace: bool = False) -> None:
    """Redraw the diagram (of ``refs``, or everything) after every ``%docker`` and
    ``%%dockerfile`` command.  ``inplace=True`` updates one diagram (shown now) instead of
    drawing a new one under each command."""
    _watch.on, _watch.refs, _watch.inplace, _watch.handle = bool(on), tuple(refs), inplace, None
    if on and inplace:
        try:
            from IPython.display import display
            _watch.handle = display(diagram(None, *refs, missing_ok=True), display_id=True)
        except Exception:
            log.exception("watch: first drawing failed")


def watching() -> bool:
    return _watch.on


def after_command(label: str, engine=None, display: bool = True) -> None:
    """Called by the magics after each command (``label``: the command line).  Records the
    step for :func:`replay`; in watch mode, shows the diagram.  Never raises."""
    try:
        eng = _engine(engine)
        record(eng, label)
    except Exception:
        log.exception("recording %r for replay failed", label)
        return
    if not (_watch.on and display):
        return
    words = label.split()
    if words[:1] == ["diagram"]:
        return
    try:
        from IPython.display import display as show
        d = diagram(eng, *_watch.refs, missing_ok=True)
        if _watch.inplace and _watch.handle is not None:
            _watch.handle.update(d)
        else:
            show(d)
    except Exception:
        log.exception("watch: drawing failed")


# ------------------------------------------------------------------------------ %docker diagram
USAGE = """usage: %docker diagram [OPTIONS] [IMAGE|CONTAINER...]

Draw the layers of images and containers (all of them when none is named): read-only image
layers bottom-up, each container's init and read-write layers with the files it changed
(A added, C changed: copied up on overlay2, D deleted), and its volumes, bind mounts and
tmpfs.  On vfs each layer is drawn as the full copy it is, with its size on disk.

Options:
  --watch          redraw after every %docker / %%dockerfile command
  --watch-inplace  the same, updating this one diagram
  --no-watch       stop redrawing
  --explore        the interactive explorer (layers, files, copy-up, efficiency, mounts)
  --replay         a slider over the steps of the session
  --no-dot         draw without graphviz (the pure-Python drawing)
  --text           only the text diagram
  -h, --help       this help
"""


class _Text:
    def __init__(self, text: str):
        self.text = text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": self.text}

    def __repr__(self) -> str:
        return self.text


def diagram_command(argv, engine=None):
    """``%docker diagram …`` (``argv`` without the word ``diagram``).  Returns what the cell
    displays; a bad option or an unknown name raises IPython's ``UsageError`` (one line, no
    traceback)."""
    from IPython.core.error import UsageError
    flags = {"--watch", "--watch-inplace", "--no-watch", "--explore", "--replay", "--no-dot",
             "--text", "-h", "--help"}
    opts = [a for a in argv if a.startswith("-")]
    refs = [a for a in argv if not a.startswith("-")]
    for o in opts:
        if o not in flags:
            raise UsageError(f"unknown flag: {o}\nSee '%docker diagram --help'.")
    if "-h" in opts or "--help" in opts:
        return _Text(USAGE)
    dot = False if "--no-dot" in opts else None
    eng = _engine(engine)
    try:
        if "--no-watch" in opts:
            watch(False)
        if "--watch" in opts or "--watch-inplace" in opts:
            if "--watch-inplace" in opts:
                _watch.on, _watch.refs, _watch.inplace = True, tuple(refs), True
                d = diagram(eng, *refs, dot=dot)
                try:
                    from IPython.display import display
                    _watch.handle = display(d, display_id=True)
                except Exception:
                    _watch.handle = None
                return None
            watch(True, *refs)
        if "--explore" in opts:
            if len(refs) > 1:
                raise UsageError("--explore takes one image or container")
            return explorer(eng, refs[0] if refs else None, dot=dot)
        if "--replay" in opts:
            return replay(eng, *refs, dot=dot)
        d = diagram(eng, *refs, dot=dot)
        return _Text(d.text) if "--text" in opts else d
    except DiagramError as e:
        raise UsageError(str(e)) from None
