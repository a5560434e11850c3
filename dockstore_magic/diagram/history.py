"""Replay: the storage state after each operation of the session, so the layer diagram can
be redrawn as it was at any step and copy-on-write watched as it happens.

The engine keeps no event log, so the magics call :func:`record` after every command; each
call stores a :class:`~.snapshot.State` (structure and changed paths, never file contents)
when it differs from the last one.  A build is unfolded into one frame per new layer (each
step of the Dockerfile), from the finished image's own layer chain."""
from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from .snapshot import State, ImageInfo, capture

MAX_FRAMES = 400


@dataclass(frozen=True)
class Frame:
    label: str
    state: State


class Recorder:
    def __init__(self, limit: int = MAX_FRAMES):
        self.frames: list[Frame] = []
        self.limit = limit
        self.dropped = 0

    @property
    def last(self) -> State | None:
        return self.frames[-1].state if self.frames else None

    def record(self, engine, label: str) -> list[Frame]:
        """Store the state after ``label`` (a command line); returns the frames added."""
        state = capture(engine)
        prev = self.last
        if prev is not None and state == prev:
            return []
        added = []
        if _is_build(label):
            added += _build_steps(prev, state, label)
        added.append(Frame(label, state))
        self.frames += added
        if len(self.frames) > self.limit:
            cut = len(self.frames) - self.limit
            self.dropped += cut
            del self.frames[:cut]
        return added

    def clear(self) -> None:
        self.frames.clear()
        self.dropped = 0

    def __len__(self) -> int:
        return len(self.frames)


def _is_build(label: str) -> bool:
    words = label.split()
    if words[:1] in (["docker"], ["%docker"]):
        words = words[1:]
    return bool(words) and (words[0] in ("%%dockerfile", "build")
                            or words[:2] in (["image", "build"], ["builder", "build"],
                                             ["buildx", "build"]))


def _build_steps(prev: State | None, state: State, label: str) -> list[Frame]:
    """One frame per layer that the build added, the image growing step by step."""
    known_images = {i.id for i in prev.images} if prev else set()
    known_layers = {l.chain_id for l in prev.layers} if prev else set()
    base = prev or State(state.driver, (), (), (), ())
    frames = []
    for img in state.images:
        if img.id in known_images:
            continue
        n = len(img.layers)
        new = [k for k, cid in enumerate(img.layers) if cid not in known_layers]
        if len(new) < 1 or (len(new) == 1 and new[0] == n - 1):
            continue                        # one new layer: the final frame shows it
        for k in new[:-1]:
            partial = ImageInfo("", tuple(f"{t} (building)" for t in img.tags) or ("(building)",),
                                img.layers[: k + 1], img.instructions[: k + 1],
                                0, building=f"step {k + 1}/{n}: {img.instructions[k]}")
            partial = replace(partial, size=_size(state, partial.layers))
            st = State(state.driver, state.layers, base.images + (partial,), base.containers,
                       base.volumes)
            frames.append(Frame(f"{label} — layer {k + 1}/{n}: {img.instructions[k]}", st))
    return frames


def _size(state: State, layers) -> int:
    total = 0
    for cid in layers:
        l = state.layer(cid)
        total += l.size if l else 0
    return total


_recorders: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def recorder(engine) -> Recorder:
    rec = _recorders.get(engine)
    if rec is None:
        rec = _recorders[engine] = Recorder()
    return rec


def record(engine, label: str) -> list[Frame]:
    """Record the engine's state after the operation ``label`` (what the magics call)."""
    return recorder(engine).record(engine, label)


def frames(engine) -> list[Frame]:
    return list(recorder(engine).frames)
