"""Differential scenarios: Docker sessions written once, as data, and run on both sides.

A scenario (one module ``sNN_<name>.py`` here, defining ``SCENARIO``) is a build context
(``files``) and a list of steps:

* ``docker("run --name @{T}-c1 @{BASE} sh -c '…'")`` — a docker CLI command line: on the real
  engine through ``/usr/bin/docker``, on the simulator through ``%docker``;
* ``build(DOCKERFILE, tag)`` — ``docker build`` of the context with that Dockerfile on the real
  side, ``%%dockerfile -t TAG CONTEXT`` (the cell is the Dockerfile) on the simulator;
* ``host("ls -la @{upper:@{T}-c1}")`` — a shell on the Docker host: ``sh -c`` as root here, the
  simulated host's shell through ``%host`` there;
* ``write(path, text)`` / ``touch(path)`` — change a file of the build context (no output).

Placeholders: ``@{T}`` (a prefix unique to the scenario and run: name everything with it),
``@{BASE}`` (the busybox rootfs tarball, plus one 17-byte file ``/var/dsm-run`` so that the
engine's build cache starts cold, imported on both sides under a per-scenario tag),
``@{CTX}`` (the build context folder), ``@{DIR}`` (the scenario's scratch folder: both sides
share the client's files, so name what each side writes there with ``@{SIDE}``, ``real`` or
``sim``), ``@{captured:NAME}`` (what a step with ``capture="NAME"`` printed, per side), and per-side
lookups resolved on each side from ``docker inspect`` / ``image inspect`` / the layerdb right
before the step runs: ``@{cid:CONTAINER}``, ``@{iid:IMAGE}`` (hex), ``@{upper:CONTAINER}``
(GraphDriver UpperDir), ``@{mountdir:CONTAINER}``, ``@{initdir:CONTAINER}``,
``@{chain:IMAGE:N}`` (chainID hex of layer N, -1 the top), ``@{cacheid:IMAGE:N}``,
``@{layerdir:IMAGE:N}`` (``/var/lib/docker/overlay2/<cache-id>``).

``how`` says what of a step's output is compared (see :func:`compare_value`): ``text`` (exit
status, stdout, stderr), ``stdout``, ``exit``, ``sorted`` (lines in any order: `docker diff`),
``table`` (columns split on runs of spaces), ``rows`` (only the rows naming ``@{T}``, sorted:
the engine is shared), ``ls`` (`ls -l` without link counts and dates), ``history``,
``steps`` (a build's steps and CACHED/DONE/ERROR), ``mounts`` (inspect's Mounts in any order),
``same-as:NAME`` (whether stdout equals a captured one); every compared step is one
*observation*.  IDs, times and durations are normalised (support.compare).  ``diffs`` names
entries of ``realdocker/differences.py`` to apply to the engine's output first (only where the
scenario names them).  ``xfail=known.X`` marks a step whose disagreement is known and diagnosed
(``known.py``; strict: it must still disagree).
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field

from support.compare import normalize as _normalize, table as _table, build_steps, history_rows


@dataclass
class Step:
    kind: str                      # docker | build | host | write | touch
    text: str                      # command line, Dockerfile, script, or a path
    how: str | None = "text"       # None: run on both sides, compare nothing
    tag: str = ""                  # build: -t
    args: str = ""                 # build: extra flags
    data: str = ""                 # write: the new content
    diffs: tuple = ()
    xfail: str | None = None
    capture: str | None = None     # remember this step's stdout (per side) under a name
    tty: bool = False              # docker: the real CLI runs on a terminal (script(1)), as a
                                   # notebook shows the simulator's; stdout and stderr merge
    label: str = ""

    def title(self) -> str:
        if self.label:
            return self.label
        if self.kind == "build":
            first = [l for l in self.text.splitlines() if l.strip()]
            return f"build -t {self.tag} {self.args} ({len(first)} lines)".replace("  ", " ")
        return f"{self.kind}: {self.text.strip().splitlines()[0] if self.text.strip() else ''}"


def docker(line: str, how: str | None = "text", **kw) -> Step:
    return Step("docker", line, how, **kw)


def build(dockerfile: str, tag: str, args: str = "", how: str | None = "steps", **kw) -> Step:
    return Step("build", dockerfile, how, tag=tag, args=args, **kw)


def host(script: str, how: str | None = "text", **kw) -> Step:
    return Step("host", script, how, **kw)


def write(path: str, data: str) -> Step:
    return Step("write", path, None, data=data)


def touch(path: str) -> Step:
    return Step("touch", path, None)


@dataclass
class Scenario:
    name: str
    doc: str
    steps: list
    files: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------- normalising
_SNAPSHOT = re.compile(r"\b[0-9a-z]{25}\b")        # BuildKit-made overlay2 dir names
_LINK = re.compile(r"\b[A-Z2-7]{26}\b")            # overlay2 l/<link> names


def normalize(text: str) -> str:
    """support.compare.normalize plus overlay2's BuildKit dir names and ``l/`` links (and
    BuildKit's ``ref <snapshot>::<snapshot>`` in cache-key errors)."""
    text = re.sub(r"\bref [0-9a-z]{25}::[0-9a-z]{25}\b", "ref <REF>", text)
    text = _normalize(text)
    text = _SNAPSHOT.sub(lambda m: "<SNAP>" if re.search(r"\d", m.group(0)) else m.group(0), text)
    return _LINK.sub("<LINK>", text)


_LS = re.compile(r"^([-dlcbps][-rwxsStT]{9})[.+]?\s+\d+\s+(\S+)\s+(\S+)\s+(\d+,\s*\d+|\d+)\s+"
                 r"\w{3}\s+\d+\s+(?:\d\d:\d\d|\d{4})\s+(.*)$")


def ls_long(text: str) -> str:
    """``ls -la`` with what the lessons read (type and mode, owner, size, name) and without
    what differs between two hosts (link counts, dates, the ``total`` block count)."""
    out = []
    for line in text.splitlines():
        if re.match(r"^total \d+$", line):
            continue
        m = _LS.match(line)
        if m:
            perm, user, group, size, name = m.groups()
            size = re.sub(r",\s*", ", ", size)
            out.append(f"{perm} {user} {group} {size} {name}")
        else:
            out.append(line)
    return normalize("\n".join(out))


def _rows(text: str, needle: str) -> str:
    """Table sections with only the rows that mention ``needle`` (the scenario's objects):
    the engine here is shared with other sessions.  Build cache listings are left out (their
    entries cannot be attributed to a scenario on a shared engine)."""
    out = []
    skip = False
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.splitlines()
        if not lines:
            continue
        if lines[0].startswith("Build cache usage") or lines[0].startswith("CACHE ID"):
            skip = True
            continue
        if skip:
            continue
        if len(lines) == 1 and lines[0].rstrip().endswith(":"):
            out.append(lines[0].strip())
            continue
        rows = _table(block)
        out.append(" | ".join(rows[0]))
        # sorted: the engine orders by creation time in whole seconds, ties at random
        # (and so IDs are numbered in an order that means nothing: one <ID> for all)
        out.extend(sorted(re.sub(r"<ID\d+>", "<ID>", " | ".join(r))
                          for r in rows[1:] if any(needle in c for c in r)))
    return "\n".join(out)


def compare_value(how: str, exit_code: int, out: str, err: str, token: str) -> str:
    """The text of one observation, from a step's exit status and output."""
    if how == "exit":
        return f"exit {exit_code}"
    if how == "text":
        return f"exit {exit_code}\n--- stdout\n{normalize(out)}--- stderr\n{normalize(err)}"
    if how == "stdout":
        return f"exit {exit_code}\n--- stdout\n{normalize(out)}"
    if how == "sorted":
        lines = sorted(normalize(out).splitlines())
        return f"exit {exit_code}\n" + "\n".join(lines) + f"\n--- stderr\n{normalize(err)}"
    if how == "table":
        rows = _table(out)
        return f"exit {exit_code}\n" + "\n".join(" | ".join(r) for r in rows) + \
            f"\n--- stderr\n{normalize(err)}"
    if how == "rows":
        return f"exit {exit_code}\n{_rows(out, token)}\n--- stderr\n{normalize(err)}"
    if how == "ls":
        return f"exit {exit_code}\n{ls_long(out)}\n--- stderr\n{normalize(err)}"
    if how == "history":
        rows = history_rows(out)
        return f"exit {exit_code}\n" + "\n".join(" | ".join(r) for r in rows) + \
            f"\n--- stderr\n{normalize(err)}"
    if how == "mounts":
        # `inspect` lists a container's mounts from a Go map: in no fixed order
        import json
        try:
            items = sorted(json.loads(out), key=lambda m: m.get("Destination", ""))
            body = "\n".join(json.dumps(m, separators=(",", ":")) for m in items)
        except ValueError:
            body = out
        return f"exit {exit_code}\n{normalize(body)}\n--- stderr\n{normalize(err)}"
    if how == "steps":
        steps = build_steps(err)

        def order(name):        # BuildKit prints vertices in no fixed order
            m = re.match(r"\[(?:(\S+) )? *(\d+)/(\d+)\]", name)     # "[stage-0  2/11]"
            return (m.group(1) or "", int(m.group(2))) if m else ("", 0)
        lines = [f"exit {exit_code}"] + [f"{k}: {steps[k]}" for k in sorted(steps, key=order)]
        if exit_code:
            last = [l for l in err.splitlines() if l.strip()]
            lines.append("last: " + normalize(last[-1].split("failed to solve: ")[-1]) if last else "last:")
        return "\n".join(lines)
    raise ValueError(f"unknown comparison {how!r}")


#: the comparisons a step can ask for
HOW = ("text", "stdout", "exit", "sorted", "table", "rows", "ls", "history", "steps", "mounts")


def all_scenarios() -> list[Scenario]:
    """Every ``sNN_*.py`` module's SCENARIO, in file order."""
    out = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if re.match(r"s\d\d_", info.name):
            mod = importlib.import_module(f"{__name__}.{info.name}")
            out.append(mod.SCENARIO)
    return out
