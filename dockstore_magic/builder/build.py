"""The builder: a Dockerfile and its context become an image, the way BuildKit does it.

* Only RUN, COPY, ADD and WORKDIR (other than ``WORKDIR /``) make filesystem layers — every
  one of them, even with nothing changed; the other instructions only change the image
  config and add an ``empty_layer`` history entry.
* The cache key of a step is its parent's key plus what the step is: the command with its
  environment, working folder and user for RUN; for COPY/ADD a checksum of the sources'
  contents and modes (never their mtime).  A miss rebuilds that step and every later one.
* Progress is printed as buildx's ``--progress=plain`` output.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field

from .. import archive
from ..clock import rfc3339
from ..errors import BuildError, DaemonError, InvalidParameter
from ..fs import MountNamespace, Mount, TreeFS, normpath
from ..fs.errors import FSError
from ..golang.strconv import go_quote, go_quote_rune
from ..golang.time import duration_string
from ..image import Image
from ..layer import Layer
from ..nat import parse_port_specs
from ..reference import ReferenceError, parse
from .context import BuildContext
from .lexer import LexError, print_word, process_heredoc, process_word
from .parser import ParseError, parse as parse_dockerfile
from .progress import Progress, Vertex
from .suggest import levenshtein as _levenshtein

DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
COMMENT = "buildkit.dockerfile.v0"
INSTRUCTIONS = ["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
                "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL",
                "USER", "VOLUME", "WORKDIR"]
FS_INSTRUCTIONS = {"RUN", "COPY", "ADD", "WORKDIR"}
#: how many arguments an instruction takes, checked while parsing as BuildKit's
#: frontend/dockerfile/instructions/parse.go does (errAtLeastOneArgument,
#: errExactlyOneArgument); a missing argument is a parse error, never a crash later on
ARITY = {"ARG": "at least one", "ENV": "at least one", "EXPOSE": "at least one",
         "LABEL": "at least one", "ONBUILD": "at least one", "VOLUME": "at least one",
         "HEALTHCHECK": "at least one", "SHELL": "at least one",
         "MAINTAINER": "exactly one", "STOPSIGNAL": "exactly one", "USER": "exactly one",
         "WORKDIR": "exactly one"}
#: the flags each instruction takes (BuildKit's instructions/parse.go, req.flags.Add…); any
#: other is a parse error (`Unknown flag: NAME`)
FLAGS = {"COPY": {"from", "chown", "chmod", "link", "parents", "exclude"},
         "ADD": {"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"},
         "RUN": {"mount", "network", "security"}, "FROM": {"platform"},
         "HEALTHCHECK": {"interval", "timeout", "start-period", "start-interval", "retries"}}
CONFIG_ORDER = ["User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir",
                "Labels", "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell"]


@dataclass
class BuildResult:
    image: Image | None
    cached_steps: int = 0
    built_steps: int = 0
    log: str = ""


@dataclass
class CacheRecord:
    layer: Layer | None
    created: float
    key: str
    description: str
    last_used: float = 0.0
    usage: int = 1
    kind: str = "regular"          # or "exec.cachemount": a RUN --mount=type=cache folder
    tree: object = None            # that folder's filesystem

    @property
    def size(self) -> int:
        if self.tree is not None:
            return self.tree.du("/data")
        return self.layer.size if self.layer is not None else 0


@dataclass
class Instr:
    cmd: str
    line: int
    end_line: int
    original: str
    value: tuple
    flags: tuple
    json: bool
    heredocs: tuple = ()
    sub_cmd: str | None = None
    onbuild: bool = False          # a trigger of the base's ONBUILD, run at the stage's FROM


@dataclass
class Stage:
    index: int
    base: str
    name: str | None
    line: int
    instrs: list = field(default_factory=list)

    def label(self, multi: bool) -> str:
        if not multi:
            return ""
        return f"{self.name or f'stage-{self.index}'} "


@dataclass
class StageState:
    config: dict
    layer: Layer | None
    key: str
    history: list                  # [dict, has_layer, time or None]
    env: dict
    args: dict                     # declared ARGs of the stage (ordered): name → value or None
    base_created: float = 0.0
    cmd_set: bool = False
    step: int = 0
    total: int = 0
    workdir_user: tuple = (0, 0)


def go_list(items) -> str:
    """Go's ``%q`` for a []string, as BuildKit writes CMD/ENTRYPOINT/SHELL history."""
    return "[" + " ".join(json.dumps(x, ensure_ascii=False) for x in items) + "]"


def _suggest(word: str) -> str:
    """BuildKit's suggestion for a mistyped instruction (the closest one, case kept)."""
    best, dist = "", 99
    up = word.upper()
    for cand in INSTRUCTIONS:
        d = _levenshtein(up, cand)
        if d < dist:
            best, dist = cand, d
    if dist <= 2 and dist < len(word) // 2 + 1:
        return f" (did you mean {best.lower() if word.islower() else best}?)"
    return ""



#: Dockerfile instruction flags BuildKit knows (frontend/dockerfile/instructions/parse.go):
#: those the simulated builder carries out, and those it refuses in one line
INSTRUCTION_FLAGS_SIMULATED = {"COPY": {"from", "chown", "chmod"}, "ADD": {"chown", "chmod"},
                               "RUN": {"mount"},
                               "HEALTHCHECK": {"interval", "timeout", "start-period",
                                               "start-interval", "retries"}}
INSTRUCTION_FLAGS_REFUSED = {
    "FROM": {"platform"},
    "COPY": {"link", "parents", "exclude"},
    "ADD": {"link", "checksum", "keep-git-dir", "exclude", "unpack"},
    "RUN": {"network", "security", "device"},
}


class SolveError(Exception):
    """A failed build step: ``vertex`` failed with ``message``; ``line`` points into the
    Dockerfile for buildx's source excerpt."""

    def __init__(self, message: str, line: int | None = None, end_line: int | None = None,
                 vertex: Vertex | None = None):
        super().__init__(message)
        self.message, self.line, self.end_line, self.vertex = message, line, end_line or line, vertex


class Builder:
    def __init__(self, engine):
        self.engine = engine
        self.cache: dict[str, CacheRecord] = {}
        self.seen_bases: set[str] = set()
        self.pulled: dict[str, Image] = {}     # bases BuildKit pulled (not in the image store)
        self.sent_dockerfiles: set[str] = set()
        self.sent_context: dict[str, str] = {}
        self._printed: set[str] = set()
        #: RUN --mount=type=cache folders, by id: kept between builds as build cache records
        #: of type exec.cachemount (in ``cache`` too, so that df lists and prune drops them)
        self.cache_mounts: dict[str, CacheRecord] = {}
        self._secrets: dict[str, bytes] = {}
        self._labels: dict[str, str] = {}
        self._pull = False

    # ================================================================== public API
    def build(self, dockerfile_text: str, context_path: str | None, tags: list[str] | None = None,
              build_args: dict | None = None, no_cache: bool = False, target: str | None = None,
              dockerfile_name: str = "Dockerfile", write=None, quiet: bool = False,
              secrets: dict | None = None, labels: dict | None = None,
              pull: bool = False) -> BuildResult:
        """Build an image; on failure raise :class:`BuildError` (after printing the progress
        and buildx's error report through ``write``)."""
        out: list[str] = []

        def emit(text: str) -> None:
            out.append(text)
            if write is not None:
                write(text)

        progress = Progress(emit, quiet=quiet)
        progress.start()
        lines = dockerfile_text.splitlines()
        refs = []
        for t in tags or []:
            try:
                refs.append(parse(t).with_default_tag())
            except ReferenceError as e:
                raise BuildError(f'invalid tag "{t}": {e}') from None
        self._secrets = dict(secrets or {})       # --secret id → bytes
        self._labels = dict(labels or {})         # --label: the image's, over the Dockerfile's
        self._pull = pull
        try:
            result = self._build(dockerfile_text, context_path, build_args or {}, no_cache,
                                 target, dockerfile_name, progress, refs)
        except SolveError as e:
            report = []
            if e.vertex is not None:
                report.append("------\n")
                report.append(f" > {e.vertex.name}:\n")
                for entry in e.vertex.lines[-10:]:
                    report.append(entry + "\n")
                report.append("------\n")
            if e.line:
                report.append(_excerpt(dockerfile_name, lines, e.line, e.end_line))
            report.append(f"ERROR: failed to solve: {e.message}\n")
            emit("".join(report))
            raise BuildError(e.message) from None
        finally:
            # a build's secrets live as long as the build (never in a saved host)
            self._secrets, self._labels, self._pull = {}, {}, False
        result.log = "".join(out)
        return result

    def cache_usage(self) -> list[CacheRecord]:
        return list(self.cache.values())

    def prune(self, all: bool = False, filters=None) -> tuple[list[str], int]:
        """``POST /build/prune``: drop cache records (and the layers only they held); the
        filters as builder/prune.py reads them."""
        from .prune import prune_filter
        keep_after, match = prune_filter(filters, self.engine.clock.peek())
        gone, space = [], 0
        for key, rec in list(self.cache.items()):
            if keep_after is not None and rec.last_used > keep_after:
                continue
            in_use = rec.layer is not None and (rec.layer.refs > 1 or rec.layer.children > 0)
            shared = rec.layer is not None and rec.layer.refs > 1
            if not match(key[:25], rec, in_use, shared):
                continue
            if rec.layer is not None:
                if in_use and not all:
                    continue
                space += rec.layer.size if not in_use else 0
                self.engine.layer_store.release(rec.layer)
            elif rec.tree is not None:
                space += rec.size
                self.cache_mounts = {k: r for k, r in self.cache_mounts.items() if r is not rec}
            gone.append(key[:25])
            del self.cache[key]
        return gone, space

    # ================================================================== parsing
    def parse(self, text: str) -> tuple[list[Instr], str]:
        if text == "":
            raise SolveError("the Dockerfile cannot be empty")
        try:
            parsed = parse_dockerfile(text)
        except ParseError as e:
            msg = str(e)
            raise SolveError(msg if msg == "file with no instructions" else
                             f"failed to parse dockerfile: {msg}") from None
        instrs = []
        for c in parsed.commands:
            name = (c.cmd or "").upper()
            if name not in INSTRUCTIONS:
                word = c.original.split()[0] if c.original and c.original.split() else c.cmd or ""
                raise SolveError(f"dockerfile parse error on line {c.start_line}: unknown "
                                 f"instruction: {word}{_suggest(word)}", c.start_line, c.end_line)
            for f in c.flags:
                key = f[2:].partition("=")[0]
                if key in INSTRUCTION_FLAGS_REFUSED.get(name, ()):
                    raise SolveError(f"dockstore-magic: {name} --{key} is not simulated",
                                     c.start_line, c.end_line)
            ins = Instr(name, c.start_line, c.end_line, c.original, c.value, c.flags, c.json,
                        c.heredocs, c.sub_cmd)
            bad = _instruction_error(ins)
            if bad:
                raise SolveError(f"dockerfile parse error on line {c.start_line}: {bad}",
                                 c.start_line, c.end_line)
            instrs.append(ins)
        escape = parsed.escape_token
        return instrs, escape

    # ================================================================== the build
    def _build(self, text, context_path, build_args, no_cache, target, dockerfile_name,
               progress: Progress, refs) -> BuildResult:
        self._printed = set()
        v = progress.vertex(f"[internal] load build definition from {dockerfile_name}")
        size = 32 if text in self.sent_dockerfiles else len(text.encode()) + 39
        self.sent_dockerfiles.add(text)
        v.status(f"transferring dockerfile: {size}B done")
        v.done()
        instrs, escape = self.parse(text)
        global_args: dict[str, str | None] = {}
        stages: list[Stage] = []
        for ins in instrs:
            if ins.cmd == "FROM":
                words = list(ins.value)
                name = None
                if len(words) == 3 and words[1].upper() == "AS":
                    name = words[2].lower()
                elif len(words) != 1:
                    raise SolveError(f"dockerfile parse error on line {ins.line}: FROM requires "
                                     "either one or three arguments", ins.line)
                stages.append(Stage(len(stages), words[0], name, ins.line))
            elif not stages:
                if ins.cmd == "ARG":
                    # BuildKit's buildMetaArgs (dockerfile2llb/convert.go): a default sees the
                    # global ARGs before it; a bad ${VAR:?msg} fails the build at this line
                    for kv in ins.value:
                        k, eq, val = kv.partition("=")
                        if k in build_args:
                            global_args[k] = build_args[k]
                            continue
                        try:
                            known = {a: v for a, v in global_args.items() if v is not None}
                            global_args[k] = process_word(val, known, escape) if eq else None
                        except LexError as e:
                            raise SolveError(str(e), ins.line) from None
                    continue
                raise SolveError("no build stage in current context", ins.line)
            else:
                stages[-1].instrs.append(ins)
        if not stages:
            raise SolveError("no build stage in current context")
        genv = {k: v for k, v in global_args.items() if v is not None}
        for st in stages:
            try:
                st.base = process_word(st.base, genv, escape)
            except LexError as e:
                raise SolveError(str(e), st.line)
        target_stage = stages[-1]
        if target:
            named = [s for s in stages if s.name == target.lower()]
            if not named:
                raise SolveError(f"target stage \"{target}\" could not be found")
            target_stage = named[0]
        needed = self._needed(stages, target_stage)
        _check_stage_references(stages, needed)
        # a COPY --from or RUN --mount from= naming an image (not a stage) is a stage of its
        # own for the frontend (dockerfile2llb toDispatchState), so a one-stage Dockerfile
        # with one shows its steps as [stage-0 N/M]
        multi = len(stages) > 1 or any(
            _stage_of(ref, stages) is None
            for st in stages for ins in st.instrs for ref in _from_refs(ins))
        # metadata for every base image that is not another stage
        bases: dict[str, Image | None] = {}
        names = {s.name: s for s in stages if s.name}
        for st in needed:
            if st.base in names or st.base.lower() == "scratch" or st.base in bases:
                continue
            bases[st.base] = None
        # and every image a `COPY --from` names: the frontend resolves them all while it
        # converts the Dockerfile, before any step runs
        for st in needed:
            for ins in st.instrs:
                for ref in _from_refs(ins):
                    if _stage_of(ref, stages) is None and ref not in bases \
                            and (self._pull or self.engine.images.find(ref) is None):
                        bases[ref] = None
        for base in bases:
            bases[base] = self._resolve_base(base, progress)
        if self._add_triggers(needed, names, bases):
            # a trigger's COPY --from may need another stage (resolveStages loops likewise)
            needed = self._needed(stages, target_stage)
            for st in needed:
                if st.base not in names and st.base.lower() != "scratch" and st.base not in bases:
                    bases[st.base] = self._resolve_base(st.base, progress)
        v = progress.vertex("[internal] load .dockerignore")
        v.status("transferring context: 2B done")
        v.done()
        for st in needed:
            for ins in st.instrs:
                if ins.cmd == "RUN" and ins.json and not ins.heredocs and not ins.value:
                    # `RUN []`: llb.ExecState.Marshal (client/llb/exec.go) refuses an empty
                    # argv, and the frontend wraps it (frontend/dockerfile/builder/build.go)
                    raise SolveError("failed to marshal LLB definition: arguments are required")
        context = BuildContext(context_path, dockerfile_name, fs=self.engine.host.fs)
        ctx_state = {"loaded": False}
        results: dict[int, StageState] = {}
        cached = built = 0
        for st in needed:
            state, c, b = self._run_stage(st, stages, names, results, bases, global_args,
                                          build_args, no_cache, context, ctx_state, progress,
                                          multi, escape)
            results[st.index] = state
            cached += c
            built += b
        final = results[target_stage.index]
        image = self._export(final, refs, progress, built > 0)
        return BuildResult(image, cached, built)

    def _add_triggers(self, needed: list[Stage], names: dict, bases: dict) -> bool:
        """ONBUILD triggers (BuildKit dockerfile2llb/convert.go resolveStages and
        initOnBuildTriggers): a stage runs, before its own instructions, the triggers of its
        base image's ``OnBuild``, or the ONBUILD instructions of the earlier stage it is built
        FROM; each is parsed as a one-line Dockerfile and located at the stage's FROM line.
        They are no steps of the stage's count (``[2/1] ONBUILD COPY …``), and the stage's
        image starts with no OnBuild of its own (``d.image.Config.OnBuild = nil``).  Returns
        whether a trigger copies ``--from`` somewhere."""
        new_deps = False
        for st in needed:
            if any(i.onbuild for i in st.instrs):
                continue
            if st.base in names:
                texts = [i.original.split(None, 1)[1] for i in names[st.base].instrs
                         if i.cmd == "ONBUILD" and len(i.original.split(None, 1)) > 1]
            elif st.base.lower() == "scratch" or bases.get(st.base) is None:
                texts = []
            else:
                texts = list(bases[st.base].container_config.get("OnBuild") or [])
            triggers = []
            for text in texts:
                try:
                    parsed, _ = self.parse(text)
                except SolveError as e:
                    # instructions.ParseCommand's own error, without Parse's parseError
                    # wrapping ("dockerfile parse error on line N: "), at the FROM line
                    raise SolveError(e.message.removeprefix("dockerfile parse error on line 1: "),
                                     st.line) from None
                if len(parsed) != 1:
                    raise SolveError("onbuild trigger should be a single expression", st.line)
                ins = parsed[0]
                ins.line = ins.end_line = st.line
                ins.onbuild = True
                new_deps = new_deps or any(f.startswith("--from=") for f in ins.flags)
                triggers.append(ins)
            st.instrs[:0] = triggers
        return new_deps

    def _needed(self, stages: list[Stage], target: Stage) -> list[Stage]:
        names = {s.name: s for s in stages if s.name}
        want = {target.index}
        todo = [target]
        while todo:
            st = todo.pop()
            deps = []
            if st.base in names:
                deps.append(names[st.base])
            for ins in st.instrs:
                for ref in _from_refs(ins):
                    src = _stage_of(ref, stages)
                    if src is not None:
                        deps.append(src)
            for d in deps:
                if d.index not in want:
                    want.add(d.index)
                    todo.append(d)
        return [s for s in stages if s.index in want]

    def _resolve_base(self, base: str, progress: Progress) -> Image:
        eng = self.engine
        try:
            ref = parse(base).with_default_tag()
        except ReferenceError as e:
            raise SolveError(f"failed to parse stage name \"{base}\": {e}")
        v = progress.vertex(f"[internal] load metadata for {ref.name}:{ref.tag}")
        # --pull: the registry is asked even for a name the image store has
        img = None if self._pull else eng.images.find(base)
        if img is None:
            img = self._pulled_base(ref)
        if img is None:
            from ..daemon.images import cat
            request = (f"failed to do request: Head \"https://registry-1.docker.io/v2/{ref.path}/"
                       f"manifests/{ref.tag}\": dial tcp: lookup registry-1.docker.io: no such host")
            v.error(request)
            raise SolveError(f"{ref.name}:{ref.tag}: failed to resolve source metadata for "
                             f"{ref.name}:{ref.tag}: {request}\n"
                             + cat.offline(ref).split("\n", 1)[1])
        v.done()
        return img

    def _pulled_base(self, ref) -> Image | None:
        """A base BuildKit pulled itself: kept in its cache (one ``regular`` record per layer,
        described as ``pulled from REF@DIGEST``), never in the image store."""
        key = "pulled:" + ref.name + ":" + (ref.tag or "latest")
        if key in self.pulled and self.pulled[key].top.chain_id in self.engine.layer_store.layers:
            return self.pulled[key]
        got = self.engine.images.buildkit_pull(ref)
        if got is None:
            return None
        img, layers = got
        now = self.engine.clock.peek()
        from ..daemon.images import cat
        entry = cat.lookup(ref)
        where = f"pulled from {ref.name}:{ref.tag}@{entry.repo_digest}" if entry else key
        for layer in layers:
            rec_key = hashlib.sha256(f"{where}:{layer.chain_id}".encode()).hexdigest()
            old = self.cache.get(rec_key)
            if old is not None and old.layer is not None:
                self.engine.layer_store.release(old.layer)
            self.cache[rec_key] = CacheRecord(layer, now, rec_key, where, now)
        self.pulled[key] = img
        return img

    # ------------------------------------------------------------------ one stage
    def _run_stage(self, st: Stage, stages, names, results, bases, global_args, build_args,
                   no_cache, context, ctx_state, progress, multi, escape):
        label = st.label(multi)
        # dockerfile2llb toDispatchState: the steps are the filesystem instructions, and the
        # FROM when it is an image (not scratch, not an earlier stage: no vertex of its own)
        from_stage = st.base in names and names[st.base].index in results
        from_image = not from_stage and st.base.lower() != "scratch"
        total = from_image + sum(1 for i in st.instrs if i.cmd in FS_INSTRUCTIONS and not i.onbuild)
        # base
        if from_stage:
            parent = results[names[st.base].index]
            state = StageState(config=json.loads(json.dumps(parent.config)), layer=parent.layer,
                               key=parent.key, history=[list(h) for h in parent.history],
                               env=dict(parent.env), args={}, base_created=parent.base_created)
            state.config.pop("OnBuild", None)          # dispatchState.init: not carried over
        elif st.base.lower() == "scratch":
            state = StageState(config={"Env": [DEFAULT_PATH]}, layer=None, key="scratch",
                               history=[], env={"PATH": DEFAULT_PATH.split("=", 1)[1]}, args={})
        else:
            img = bases[st.base]
            ref = parse(st.base).with_default_tag()
            # BuildKit keys a local base by its content (the layer chain), not the image ID:
            # a re-imported or re-tagged base still hits the cache.
            key = "from:" + (img.top.chain_id if img.top else "scratch")
            name = f"[{label}{1:>{len(str(total))}}/{total}] FROM {ref.name}:{ref.tag}"
            if key + "|vertex" not in self._printed:
                v = progress.vertex(name)
                if img.id in self.seen_bases:
                    v.cached()
                else:
                    v.done()
                self._printed.add(key + "|vertex")
            self.seen_bases.add(img.id)
            cfg = _oci_config(img.container_config)
            cfg.pop("OnBuild", None)                   # the triggers run here instead
            env = _env_dict(cfg.get("Env") or [])
            if "PATH" not in env:
                cfg["Env"] = (cfg.get("Env") or []) + [DEFAULT_PATH]
                env["PATH"] = DEFAULT_PATH.split("=", 1)[1]
            hist = [[dict(h), not h.get("empty_layer", False), h.get("created")] for h in img.history]
            state = StageState(config=cfg, layer=img.top, key=key, history=hist, env=env,
                               args={}, base_created=img.created)
        state.total = total
        state.step = int(from_image)
        cached = built = 0
        for ins in st.instrs:
            r = self._dispatch(ins, st, state, stages, names, results, global_args, build_args,
                               no_cache, context, ctx_state, progress, label, escape)
            if r == "cached":
                cached += 1
            elif r == "built":
                built += 1
        return state, cached, built

    # ------------------------------------------------------------------ instructions
    def _word_env(self, state: StageState) -> dict:
        env = dict(state.env)
        for k, v in state.args.items():
            if v is not None and k not in env:
                env[k] = v
        return env

    def _meta(self, state: StageState, created_by: str) -> None:
        state.history.append([{"created_by": created_by, "comment": COMMENT, "empty_layer": True},
                              False, None])

    def _dispatch(self, ins: Instr, st, state: StageState, stages, names, results, global_args,
                  build_args, no_cache, context, ctx_state, progress, label, escape):
        cfg = state.config
        wenv = self._word_env(state)
        line = ins.line

        def words(vals):
            try:
                return [process_word(v, wenv, escape) for v in vals]
            except LexError as e:
                raise SolveError(str(e), line)

        c = ins.cmd
        if c == "ENV":
            vals = list(ins.value)
            pairs = []
            for k, v in zip(vals[0::2], vals[1::2]):
                pairs.append((k, words([v])[0]))
            env = list(cfg.get("Env") or [])
            for k, v in pairs:
                idx = next((i for i, e in enumerate(env) if e.split("=", 1)[0] == k), None)
                if idx is None:
                    env.append(f"{k}={v}")
                else:
                    env[idx] = f"{k}={v}"
                state.env[k] = v
                wenv[k] = v
            cfg["Env"] = env
            self._meta(state, "ENV " + " ".join(f"{k}={v}" for k, v in pairs))
        elif c == "ARG":
            for kv in ins.value:
                k, eq, val = kv.partition("=")
                if k in build_args:
                    value = build_args[k]
                elif eq:
                    value = words([val])[0]
                elif k in global_args and global_args[k] is not None:
                    value = global_args[k]
                else:
                    value = None
                state.args[k] = value
                self._meta(state, f"ARG {kv}" if not eq else f"ARG {k}={words([val])[0]}")
        elif c == "LABEL":
            vals = words(list(ins.value))
            labels = dict(cfg.get("Labels") or {})
            pairs = list(zip(vals[0::2], vals[1::2]))
            for k, v in pairs:
                labels[k] = v
            cfg["Labels"] = labels
            self._meta(state, "LABEL " + " ".join(f"{k}={v}" for k, v in pairs))
        elif c == "EXPOSE":
            ports = dict(cfg.get("ExposedPorts") or {})
            specs = [part for p in words(list(ins.value)) for part in p.split()]
            try:        # dispatchExpose: nat.ParsePortSpecs (a range is each of its ports,
                        # the protocol in lower case, a bad spec an error)
                ports.update((k, {}) for k in parse_port_specs(specs))
            except InvalidParameter as e:
                raise SolveError(str(e), line) from None
            cfg["ExposedPorts"] = ports
            self._meta(state, "EXPOSE map[" + " ".join(f"{k}:{{}}" for k in sorted(ports)) + "]")
        elif c == "USER":
            user = words(list(ins.value))[0]
            cfg["User"] = user
            self._meta(state, f"USER {user}")
        elif c == "VOLUME":
            vols = dict(cfg.get("Volumes") or {})
            new = []
            for v in words(list(ins.value)):
                for part in (v.split() if not ins.json else [v]):
                    if not part:
                        raise SolveError("VOLUME specified can not be an empty string", line)
                    vols[part] = {}
                    new.append(part)
            cfg["Volumes"] = vols
            self._meta(state, "VOLUME [" + " ".join(new) + "]")
        elif c in ("CMD", "ENTRYPOINT"):
            # shell form: handleJSONArgs joins the words into one (`CMD` alone: one empty word)
            args = list(ins.value) if ins.json else \
                list(cfg.get("Shell") or ["/bin/sh", "-c"]) + [" ".join(ins.value)]
            cfg["ArgsEscaped"] = True
            if c == "CMD":
                cfg["Cmd"] = args
                state.cmd_set = True
            else:
                cfg["Entrypoint"] = args
                if not state.cmd_set:
                    cfg.pop("Cmd", None)
            self._meta(state, f"{c} {go_list(args)}")
        elif c == "SHELL":
            cfg["Shell"] = list(ins.value)
            # dispatchShell: fmt.Sprintf("SHELL %v", c.Shell), unquoted (CMD/ENTRYPOINT use %q)
            self._meta(state, f"SHELL [{' '.join(ins.value)}]")
        elif c == "STOPSIGNAL":
            sig = words(list(ins.value))[0]
            cfg["StopSignal"] = sig
            self._meta(state, f"STOPSIGNAL {sig}")
        elif c == "MAINTAINER":
            self._meta(state, f"MAINTAINER {' '.join(ins.value)}")
            state.config.setdefault("_author", " ".join(ins.value))
        elif c == "ONBUILD":
            trigger = ins.original.split(None, 1)[1] if len(ins.original.split(None, 1)) > 1 else ""
            # dockerfile2llb dispatchOnbuild: the config only, no history entry
            cfg["OnBuild"] = list(cfg.get("OnBuild") or []) + [trigger]
        elif c == "HEALTHCHECK":
            from .from_config import parse_healthcheck
            hc = cfg["Healthcheck"] = parse_healthcheck(ins, list(ins.value))
            # fmt's %q of the *HealthConfig: each duration quoted, Retries as a rune
            durations = " ".join(go_quote(duration_string(hc.get(k, 0))) for k in
                                 ("Interval", "Timeout", "StartPeriod", "StartInterval"))
            self._meta(state, f"HEALTHCHECK &{{{go_list(hc['Test'])} {durations} "
                              f"{go_quote_rune(chr(hc.get('Retries', 0)))}}}")
        elif c == "WORKDIR":
            path = words(list(ins.value))[0]
            wd = normpath(path, cfg.get("WorkingDir") or "/")
            cfg["WorkingDir"] = wd
            state.step += 1
            # the history names the folder as resolved (dispatchWorkdir: "WORKDIR " + wd)
            if wd == "/":
                self._meta(state, f"WORKDIR {wd}")
                return "meta"
            return self._fs_step(ins, state, progress, label, f"WORKDIR {path}",
                                 {"op": "mkdir", "path": wd, "user": cfg.get("User", "")},
                                 lambda fs, vertex: self._do_workdir(fs, state, wd), no_cache=False,
                                 created_by=f"WORKDIR {wd}")
        elif c == "RUN":
            state.step += 1
            return self._run(ins, state, progress, label, no_cache, escape, wenv,
                             (stages, names, results, context, ctx_state))
        elif c in ("COPY", "ADD"):
            state.step += 1
            return self._copy(ins, state, stages, names, results, context, ctx_state, progress,
                              label, no_cache, escape, wenv)
        return "meta"

    # ------------------------------------------------------------------ fs steps
    def _fs_step(self, ins: Instr, state: StageState, progress: Progress, label: str, text: str,
                 key_parts: dict, action, no_cache: bool, created_by: str,
                 vertex: Vertex | None = None) -> str:
        eng = self.engine
        key = hashlib.sha256((state.key + "\n" + json.dumps(key_parts, sort_keys=True)).encode()).hexdigest()
        if vertex is None:
            vertex = progress.vertex(_step_name(ins, state, label, text))
        rec = self.cache.get(key)
        if rec is not None and not no_cache:
            vertex.cached()
            rec.usage += 1
            rec.last_used = eng.clock.peek()
            self._advance(state, rec, key, created_by)
            return "cached"
        start = eng.clock.peek()
        layer = self._execute(state, action, vertex, ins)
        end = eng.clock.now()
        vertex.done(max(0.0, end - start) if eng.clock.fixed else 0.0)
        old = self.cache.get(key)
        rec = CacheRecord(layer, end, key, f"{text}", end)
        if old is not None and old.layer is not None:
            eng.layer_store.release(old.layer)
        self.cache[key] = rec
        self._advance(state, rec, key, created_by)
        return "built"

    def _advance(self, state: StageState, rec: CacheRecord, key: str, created_by: str) -> None:
        state.layer = rec.layer
        state.key = key
        state.history.append([{"created_by": created_by, "comment": COMMENT}, True, rec.created])

    def _execute(self, state: StageState, action, vertex: Vertex, ins: Instr) -> Layer:
        """Run ``action`` on a scratch read-write layer over the current one and register the
        difference as a new layer (named like a BuildKit snapshot)."""
        eng = self.engine
        drv = eng.driver
        tmp = eng.ids.hex64()
        parent = state.layer
        try:
            drv.create(tmp, parent.cache_id if parent else None, readonly=False)
        except FSError:          # the host's /var/lib/docker damaged: the CLI says so
            raise
        except Exception as e:   # DriverError: max depth exceeded
            vertex.error(str(e))
            raise SolveError(str(e), ins.line, ins.end_line, vertex) from None
        try:
            fs = drv.get(tmp)
            action(fs, vertex)
            tree = drv.diff_tree(tmp, parent.cache_id if parent else None)
            try:
                layer = eng.layer_store.register(tree, parent, cache_id=eng.ids.base36(25), tar_sized=True)
            except DaemonError as e:
                vertex.error(e.message)
                raise SolveError(e.message, ins.line, ins.end_line, vertex) from None
        finally:
            drv.put(tmp)
            drv.remove(tmp)
        return layer

    def _do_workdir(self, fs, state: StageState, wd: str) -> None:
        uid, gid = self._user_ids(fs, state.config.get("User", ""))
        fs.mkdir(wd, mode=0o755, parents=True, uid=uid, gid=gid)

    def _user_ids(self, fs, user: str) -> tuple[int, int]:
        from ..runtime import passwd_lookup
        try:
            uid, gid, _ = passwd_lookup(fs, user)
        except DaemonError:
            return 0, 0
        return uid, gid

    # ------------------------------------------------------------------ RUN
    def _run(self, ins: Instr, state: StageState, progress, label, no_cache, escape, wenv,
             where) -> str:
        cfg = state.config
        mounts = self._run_mounts(ins, state, wenv, escape, progress, where)
        shell = list(cfg.get("Shell") or ["/bin/sh", "-c"])
        if ins.heredocs:
            # dispatchRun: a command that is one heredoc runs its content in the shell;
            # otherwise the command line and every heredoc (content, then its terminator)
            # go to the shell, which reads the heredocs itself
            line = " ".join(ins.value)
            if re.fullmatch(r"<<-?[\"']?" + re.escape(ins.heredocs[0].name) + r"[\"']?", line.strip()):
                script = ins.heredocs[0].content
            else:
                script = line + "".join("\n" + h.content + h.name for h in ins.heredocs)
            argv = shell + [script]
            shown = line
        elif ins.json:
            argv = list(ins.value)
            shown = " ".join(argv)
        else:                      # `RUN` alone: handleJSONArgs gives one empty word
            shown = " ".join(ins.value)
            argv = shell + [shown]
        run_env = list(cfg.get("Env") or [])
        declared = [(k, v) for k, v in state.args.items()]
        arg_env = [f"{k}={v}" for k, v in declared if v is not None]
        env_keys = {e.split("=", 1)[0] for e in run_env}
        full_env = run_env + [e for e in arg_env if e.split("=", 1)[0] not in env_keys]
        prefix = ""
        if declared:
            prefix = f"|{len(declared)} " + " ".join(f"{k}={v if v is not None else ''}" for k, v in declared) + " "
        created_by = f"RUN {prefix}{' '.join(argv)} # buildkit"
        text = ("RUN " + (ins.original.split(None, 1)[1] if len(ins.original.split(None, 1)) > 1 else shown)
                if ins.heredocs else _print_cmd(ins, self._word_env(state), escape))
        key = {"op": "exec", "args": argv, "env": sorted(full_env), "cwd": cfg.get("WorkingDir") or "/",
               "user": cfg.get("User", "")}
        if mounts:
            key["mounts"] = [m.key for m in mounts]
        for rm in mounts:
            if rm.error:       # a bind mount's source is missing: the step's cache key fails
                vertex = progress.vertex(_step_name(ins, state, label, text))
                vertex.error(rm.error)
                raise SolveError(f"failed to compute cache key: {rm.error}", ins.line, ins.end_line,
                                 vertex)

        for rm in mounts:
            rm.argv = tuple(argv)

        def action(fs, vertex):
            self._exec_run(fs, state, argv, full_env, vertex, ins, mounts)

        return self._fs_step(ins, state, progress, label, text, key, action, no_cache, created_by)

    def _run_mounts(self, ins: Instr, state: StageState, wenv, escape, progress, where) -> list:
        """The step's ``--mount`` flags, parsed and resolved to what each one mounts."""
        from .runmount import MountError, parse_mount, mount_target, secret_id
        stages, names, results, context, ctx_state = where
        out = []
        for f in ins.flags:
            if not f.startswith("--mount="):
                continue
            try:
                m = parse_mount(f.split("=", 1)[1], lambda w: process_word(w, wenv, escape))
            except (MountError, LexError) as e:
                raise SolveError(str(e), ins.line, ins.end_line) from None
            if m.type == "ssh":
                raise SolveError("dockstore-magic: RUN --mount=type=ssh is not simulated",
                                 ins.line, ins.end_line)
            # a cache seeded from a stage or image, a secret as an environment variable
            for what, given in (("type=cache,from=", m.type == "cache" and m.from_),
                                ("type=secret,env=", m.type == "secret" and m.env is not None)):
                if given:
                    raise SolveError(f"dockstore-magic: RUN --mount={what} is not simulated",
                                     ins.line, ins.end_line)
            target = mount_target(m, state.config.get("WorkingDir") or "/")
            if target == "/":
                raise SolveError(f'invalid mount target "{target}"', ins.line, ins.end_line)
            rm = _ResolvedMount(m, target)
            if m.type == "bind":
                src = "/" + m.source.lstrip("/") if m.source else "/"
                src = os.path.normpath(src)
                if m.from_:
                    src_fs, src_key = self._copy_source(m.from_, stages, names, results, progress, ins)
                    if not src_fs.exists(src, follow=False):
                        rm.error = (f'failed to calculate checksum of ref {self._ref_id(m.from_)}: '
                                    f'"{src}": not found')
                    rm.key = ["bind", target, m.readonly, src_key, src]
                else:
                    self._load_context(context, ctx_state, progress)
                    rel = src.lstrip("/")
                    if rel and rel not in context.files:
                        rm.error = (f'failed to calculate checksum of ref {self._ref_id("context")}: '
                                    f'"{src}": not found')
                        rel = ""
                    src_fs = _context_tree(context, rel, self.engine.clock)
                    src = "/ctx"
                    rm.key = ["bind", target, m.readonly, context.checksum([rel])]
                rm.src_fs, rm.src = src_fs, src
            elif m.type == "cache":
                rm.cache_id = m.cache_id or target
                rm.key = ["cache", target, rm.cache_id]
            elif m.type == "tmpfs":
                rm.key = ["tmpfs", target, m.size]
            elif m.type == "secret":
                rm.secret = secret_id(m)
                rm.key = ["secret", target, rm.secret]
            out.append(rm)
        return out

    def _mount_fs(self, rm, ns_root, vertex, ins) -> Mount | None:
        """The Mount a resolved ``--mount`` puts at its target (None: left out)."""
        clock = self.engine.clock
        m = rm.mount
        if m.type == "bind":
            fs = rm.src_fs
            if not m.readonly:            # writes go to a throw-away copy
                tree = TreeFS(clock=clock.now)
                tree.copy_from(fs, rm.src, "/rw", follow_top=False)
                fs, src = tree, "/rw"
            else:
                src = rm.src
            return Mount(rm.target, fs, readonly=m.readonly, kind="bind",
                         source=tuple(p for p in src.split("/") if p))
        if m.type == "cache":
            rec = self.cache_mounts.get(rm.cache_id)
            now = clock.peek()
            if rec is None:
                tree = TreeFS(clock=clock.now)
                tree.mkdir("/data", mode=0o755 if m.mode is None else m.mode,
                           uid=m.uid or 0, gid=m.gid or 0)
                # described as BuildKit does (llbsolver/ops/exec.go: "cached mount %s from
                # exec %s"), with a snapshot-like ID of its own
                key = self.engine.ids.base36(25)
                rec = CacheRecord(None, now, key, f"cached mount {rm.target} from exec "
                                  f"{' '.join(rm.argv)}", now, 0, "exec.cachemount", tree)
                self.cache_mounts[rm.cache_id] = self.cache[key] = rec
            rec.usage += 1
            rec.last_used = now
            return Mount(rm.target, rec.tree, readonly=m.readonly, kind="bind", source=("data",))
        if m.type == "tmpfs":
            return Mount(rm.target, TreeFS.mounted(clock.now, clock.peek(), 0o1777, capacity=m.size),
                         readonly=m.readonly, kind="tmpfs")
        # secret
        data = self._secrets.get(rm.secret)
        if data is None:
            if m.required:
                msg = f"secret {rm.secret} not found: not found"
                vertex.error(msg)
                raise SolveError(msg, ins.line, ins.end_line, vertex)
            return None
        tree = TreeFS(clock=clock.now)
        tree.write("/secret", data, mode=0o400 if m.mode is None else m.mode,
                   uid=m.uid or 0, gid=m.gid or 0)
        return Mount(rm.target, tree, readonly=True, kind="bind", source=("secret",))

    def _exec_run(self, fs, state: StageState, argv, env, vertex: Vertex, ins: Instr,
                  mounts=()) -> None:
        from ..runtime import add_kernel_mounts
        from ..shell import Shell, ShellContext, ExecNotFound, ExecPermissionDenied
        eng = self.engine
        cfg = state.config
        # What the RUN container's mounts leave in the layer: runc creates the mount points
        # it needs (/proc, /sys, /dev, and stubs for /etc/hosts, /etc/resolv.conf,
        # /etc/hostname); BuildKit removes the stub files afterwards, the folders stay.
        made = []
        for d in ("/proc", "/sys", "/dev"):
            if not fs.exists(d, follow=False):
                fs.mkdir(d, mode=0o755, parents=True)
        if not fs.isdir("/etc"):
            fs.mkdir("/etc", parents=True)
        for f in ("/etc/hosts", "/etc/resolv.conf", "/etc/hostname"):
            if not fs.exists(f, follow=False):
                fs.write(f, b"", mode=0o644)
                made.append(f)
        ns = MountNamespace(fs)
        clock = eng.clock
        add_kernel_mounts(ns, TreeFS(clock=clock.now), clock.now)
        stubs = TreeFS(clock=clock.now)
        stubs.write("/hosts", b"127.0.0.1\tlocalhost buildkitsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        stubs.write("/resolv.conf", b"nameserver 8.8.8.8\nnameserver 8.8.4.4\n")
        stubs.write("/hostname", b"buildkitsandbox\n")
        for f in ("hosts", "resolv.conf", "hostname"):
            ns.add(Mount(f"/etc/{f}", stubs, source=(f,), kind="bind"))
        # RUN --mount: each mount point is made if missing (runc), and afterwards removed
        # again with the folders made for it, when empty (executor/stubs.go MountStubsCleaner)
        stub_paths: list[str] = []
        for rm in mounts:
            mnt = self._mount_fs(rm, fs, vertex, ins)
            if mnt is None:
                continue
            p = rm.target
            while p != "/" and not fs.exists(p, follow=False):
                stub_paths.append(p)
                p = os.path.dirname(p)
            is_file = not mnt.fs.isdir("/" + "/".join(mnt.source)) if mnt.source else False
            try:
                if is_file:
                    fs.mkdir(os.path.dirname(rm.target), parents=True, exist_ok=True)
                    if not fs.exists(rm.target, follow=False):
                        fs.write(rm.target, b"", mode=0o755)
                else:
                    fs.mkdir(rm.target, parents=True, exist_ok=True)
            except FSError:
                pass
            ns.add(mnt)
        from ..runtime import passwd_lookup
        try:        # executor/oci GetUser: a user name /etc/passwd does not have fails the step
            uid, gid, _ = passwd_lookup(fs, cfg.get("User", ""))
        except DaemonError as e:
            msg = f'process "{" ".join(argv)}" did not complete successfully: {e.message}'
            vertex.error(msg)
            raise SolveError(msg, ins.line, ins.end_line, vertex) from None
        envd = _env_dict(env)
        envd.setdefault("HOSTNAME", "buildkitsandbox")
        envd.setdefault("HOME", "/root" if uid == 0 else "/")
        start = clock.peek()
        ctx = ShellContext(fs=ns, env=envd, cwd=cfg.get("WorkingDir") or "/", uid=uid, gid=gid,
                           clock=clock.now, hostname="buildkitsandbox", argv0=argv[0] if argv else "/bin/sh",
                           check_executables=True, on_sleep=lambda s: clock.advance(float(s or 0)))
        try:
            res = Shell(ctx).run_argv(list(argv))
        except (ExecNotFound, ExecPermissionDenied):
            msg = (f'failed to create shim task: OCI runtime create failed: runc create failed: '
                   f'unable to start container process: error during container init: exec: '
                   f'"{argv[0]}": executable file not found in $PATH: unknown')
            vertex.error(msg)
            raise SolveError(msg, ins.line, ins.end_line, vertex) from None
        for fd, data in res.events:
            chunk = data if isinstance(data, (bytes, bytearray)) else data.read(0, 1 << 16)
            vertex.log(chunk, 0.04 + max(0.0, clock.peek() - start) if clock.fixed else 0.04)
        if res.exit_code != 0:
            msg = (f'process "{" ".join(argv)}" did not complete successfully: '
                   f"exit code: {res.exit_code}")
            vertex.error(msg)
            raise SolveError(msg, ins.line, ins.end_line, vertex)
        for f in made:
            if fs.exists(f, follow=False) and fs.lstat(f).is_file and fs.lstat(f).size == 0:
                fs.unlink(f)
        for p in sorted(set(stub_paths), key=len, reverse=True):
            if not fs.exists(p, follow=False):
                continue
            st = fs.lstat(p)
            if (st.is_dir and not fs.listdir(p)) or (not st.is_dir and st.size == 0):
                fs.rmdir(p) if st.is_dir else fs.unlink(p)

    # ------------------------------------------------------------------ COPY / ADD
    def _copy(self, ins: Instr, state: StageState, stages, names, results, context, ctx_state,
              progress, label, no_cache, escape, wenv) -> str:
        cfg = state.config
        flags = {}
        for f in ins.flags:
            k, _, v = f[2:].partition("=")
            flags[k] = v
        try:
            vals = [process_word(v, wenv, escape) for v in ins.value]
            for k in ("chown", "chmod"):          # CopyCommand.Expand expands both flags
                if k in flags:
                    flags[k] = process_word(flags[k], wenv, escape)
        except LexError as e:
            raise SolveError(str(e), ins.line)
        chmod = flags.get("chmod", "")
        if chmod and not (chmod.isascii() and chmod.isdigit() and set(chmod) <= set("01234567")
                          and int(chmod, 8) <= 0o7777):
            # dockerfile2llb/convert.go dispatchCopy (octal only: a symbolic mode is refused)
            raise SolveError(f"invalid chmod parameter: '{chmod}'. it should be octal string and "
                             "between 0 and 07777", ins.line)
        if len(vals) < 2:
            raise SolveError(f"{ins.cmd} requires at least two arguments, but only one was provided. "
                             f"Destination could not be determined", ins.line)
        srcs, dest = vals[:-1], vals[-1]
        created_by = f"{ins.cmd} {' '.join(srcs)} {dest} # buildkit"
        # heredoc sources (`COPY <<EOF /dest`): a file named like the heredoc, made 0644 in a
        # scratch tree (dispatchCopy: llb.Mkfile(name, 0644, data)); its content expanded with
        # the stage's variables unless the delimiter was quoted (instructions ExpandRaw)
        inline = self._heredoc_sources(ins, srcs, wenv, escape)
        if inline:
            srcs = [s for s in srcs if s not in inline]
        wd = cfg.get("WorkingDir") or "/"
        dest_path = dest if dest.startswith("/") else wd.rstrip("/") + "/" + dest
        dest_is_dir = dest.endswith("/") or dest in (".", "..") or dest.endswith("/.") or len(srcs) > 1
        from_ref = flags.get("from")
        if from_ref is not None:
            src_fs, src_key = self._copy_source(from_ref, stages, names, results, progress, ins)
            sources = []
            for s in srcs:
                p = "/" + s.lstrip("/")
                if not src_fs.exists(p, follow=False):
                    raise SolveError(f'failed to compute cache key: failed to calculate checksum of '
                                     f'ref {self._ref_id(from_ref)}: "{p}": not found', ins.line, ins.end_line)
                sources.append(p)
            checksum = hashlib.sha256(json.dumps([src_key] + sources).encode()).hexdigest()
            text = _print_cmd(ins, wenv, escape)
            vertex = progress.vertex(_step_name(ins, state, label, text))
        else:
            if srcs or not inline:
                self._load_context(context, ctx_state, progress)
            text = _print_cmd(ins, wenv, escape)
            vertex = progress.vertex(_step_name(ins, state, label, text))
            sources = []
            for s in srcs:
                if ins.cmd == "ADD" and ("://" in s):
                    msg = (f'failed to load cache key: Get "{s}": dial tcp: lookup '
                           f'{s.split("://", 1)[1].split("/")[0]}: no such host')
                    vertex.error(msg)
                    raise SolveError(msg, ins.line, ins.end_line, vertex)
                found = context.match(s)
                if not found:
                    p = "/" + os.path.normpath("/" + s).lstrip("/")
                    ref = self._ref_id("context")
                    msg = f'failed to calculate checksum of ref {ref}: "{p}": not found'
                    vertex.error(msg)
                    raise SolveError(f"failed to compute cache key: {msg}", ins.line, ins.end_line, vertex)
                sources += found
            checksum = context.checksum(sources)
            if len(sources) + len(inline) > 1:
                dest_is_dir = True
        if inline:
            checksum = hashlib.sha256(json.dumps(
                [checksum] + [[w, t.read_bytes("/" + n).hex()] for w, (n, t) in inline.items()]
            ).encode()).hexdigest()
        chown = flags.get("chown", "")
        key = {"op": ins.cmd.lower(), "dest": dest_path, "dir": dest_is_dir, "sum": checksum,
               "chown": chown, "chmod": chmod}

        def action(fs, vertex):
            uid = gid = None
            if chown:
                uid, gid = self._chown_ids(fs, chown)
            if from_ref is not None:
                for p in sources:
                    self._copy_from_fs(fs, src_fs, p, dest_path, dest_is_dir, uid, gid, chmod)
            else:
                for rel in sources:
                    self._copy_from_context(fs, context, rel, dest_path, dest_is_dir, uid, gid,
                                            chmod, extract=ins.cmd == "ADD")
            for name, tree in inline.values():
                self._copy_from_fs(fs, tree, "/" + name, dest_path, dest_is_dir, uid, gid, chmod)

        return self._fs_step(ins, state, progress, label, text, key, action, no_cache, created_by,
                             vertex=vertex)

    def _heredoc_sources(self, ins: Instr, srcs, wenv, escape) -> dict:
        """The sources of a COPY/ADD that are its heredocs: word → (name, tree holding it)."""
        out = {}
        if not ins.heredocs:
            return out
        docs = {h.name: h for h in ins.heredocs}
        raw_words = list(ins.value[:-1])
        for i, word in enumerate(srcs):
            m = re.fullmatch(r"<<-?(.+)", word)
            if not m or m.group(1) not in docs:
                continue
            doc = docs[m.group(1)]
            quoted = i < len(raw_words) and any(q in raw_words[i] for q in "'\"")
            try:
                data = doc.content if quoted else process_heredoc(doc.content, wenv, escape)
            except LexError as e:
                raise SolveError(str(e), ins.line, ins.end_line) from None
            tree = TreeFS(clock=self.engine.clock.now)
            tree.write("/" + doc.name, data.encode(), mode=0o644)
            out[word] = (doc.name, tree)
        return out

    def _load_context(self, context, ctx_state, progress) -> None:
        """``[internal] load build context``: once per build, when a step first needs it."""
        if ctx_state["loaded"]:
            return
        v = progress.vertex("[internal] load build context")
        sig = json.dumps(sorted((f.rel, f.size, f.mode) for f in context.files.values()))
        size = context.transfer_size() if self.sent_context.get(context.path or "") != sig \
            else max(2, sum(len(f.rel) + 21 for f in context.files.values()) if context.files else 2)
        self.sent_context[context.path or ""] = sig
        v.status(f"transferring context: {size}B done")
        v.done()
        ctx_state["loaded"] = True

    def _ref_id(self, what: str) -> str:
        h = hashlib.sha256(f"{what}".encode()).hexdigest()
        return f"{h[:25]}::{h[25:50]}"

    def _copy_source(self, ref, stages, names, results, progress, ins):
        src = _stage_of(ref, stages)
        if src is not None:                    # built before: _check_stage_references
            st = results[src.index]
            return self.engine.layer_store.view(st.layer), st.key
        img = self.engine.images.find(ref)
        if img is None:
            img = self._resolve_base(ref, progress)
        return self.engine.layer_store.view(img.top), "img:" + img.id

    def _chown_ids(self, fs, chown: str) -> tuple[int, int]:
        """``--chown=USER[:GROUP]`` as BuildKit resolves it (dockerfile2llb parseUser: a number
        is an ID, anything else a name; solver/llbsolver/ops/file readUser): a user name is
        looked up in the destination's /etc/passwd (its uid and gid), a numeric user is uid
        and gid both, a group replaces the gid (a name through /etc/group).  A name that is
        not found, or no passwd/group file at all, leaves 0 (root) without an error."""
        user, _, group = chown.partition(":")
        uid = gid = 0
        if user.isascii() and user.isdigit():
            uid = gid = int(user)
        elif user:
            row = _id_file_row(fs, "/etc/passwd", user, 7)
            if row is not None:
                uid, gid = _int(row[2]), _int(row[3])
        if group.isascii() and group.isdigit():
            gid = int(group)
        elif group:
            row = _id_file_row(fs, "/etc/group", group, 3)
            if row is not None:
                gid = _int(row[2])
        return uid, gid

    @staticmethod
    def _ensure_parent(fs, path: str, uid=None, gid=None) -> None:
        """The destination's missing folders, made as fsutil copy.MkdirAll makes them: 0755,
        owned by the ``--chown`` user (root without one)."""
        parent = path.rsplit("/", 1)[0] or "/"
        if not fs.exists(parent):
            fs.mkdir(parent, mode=0o755, parents=True, uid=uid or 0, gid=gid or 0)

    def _copy_from_context(self, fs, context: BuildContext, rel: str, dest: str, dest_is_dir: bool,
                           uid, gid, chmod, extract: bool) -> None:
        entries = context.walk(rel)
        top = entries[0] if rel else None
        if top is None or top.kind == "dir":
            base_dest = dest.rstrip("/") or "/"
            if not fs.exists(base_dest):
                fs.mkdir(base_dest, mode=0o755, parents=True, uid=uid or 0, gid=gid or 0)
            for f in (entries[1:] if rel else entries):
                sub = f.rel[len(rel) + 1:] if rel else f.rel
                self._put_context_file(fs, context, f, f"{base_dest.rstrip('/')}/{sub}", uid, gid, chmod)
            return
        if extract and top.kind == "file" and self._is_archive(context, rel):
            entries_tar = archive.read_tar(context.read(rel).read())
            base_dest = dest.rstrip("/") or "/"
            if not fs.exists(base_dest):
                fs.mkdir(base_dest, mode=0o755, parents=True)
            self._extract(fs, entries_tar, base_dest)
            return
        target = dest
        if dest_is_dir or fs.isdir(dest):
            target = dest.rstrip("/") + "/" + rel.rsplit("/", 1)[-1]
        self._ensure_parent(fs, target, uid, gid)
        self._put_context_file(fs, context, top, target, uid, gid, chmod)

    def _put_context_file(self, fs, context, f, target, uid, gid, chmod) -> None:
        o_uid = 0 if uid is None else uid
        o_gid = 0 if gid is None else gid
        mode = int(chmod, 8) if chmod else f.mode
        if f.kind == "dir":
            if not fs.isdir(target):
                self._ensure_parent(fs, target)
                fs.mkdir(target, mode=mode, uid=o_uid, gid=o_gid)
            fs.chmod(target, mode)
            fs.chown(target, o_uid, o_gid)
            fs.utime(target, f.mtime)
        elif f.kind == "symlink":
            self._ensure_parent(fs, target)
            if fs.exists(target, follow=False):
                fs.unlink(target)
            fs.symlink(f.target, target, uid=o_uid, gid=o_gid)
        else:
            self._ensure_parent(fs, target)
            if fs.isdir(target):
                raise SolveError(f"cannot replace to directory {target} with file")
            fs.write(target, context.read(f.rel), mode=mode, uid=o_uid, gid=o_gid)
            fs.chmod(target, mode)
            fs.chown(target, o_uid, o_gid)
            fs.utime(target, f.mtime)

    @staticmethod
    def _is_archive(context, rel) -> bool:
        head = context.read(rel).read(0, 512)
        if head[:2] == b"\x1f\x8b" or head[:3] == b"BZh" or head[:6] == b"\xfd7zXZ\x00":
            return True
        return len(head) >= 262 and head[257:262] == b"ustar"

    def _extract(self, fs, entries, base: str) -> None:
        for e in entries:
            if not e.path:
                continue
            target = f"{base.rstrip('/')}/{e.path}"
            if e.kind == "dir":
                if not fs.isdir(target):
                    self._ensure_parent(fs, target)
                    fs.mkdir(target, mode=e.mode, uid=e.uid, gid=e.gid)
                fs.utime(target, e.mtime)
            elif e.kind == "symlink":
                self._ensure_parent(fs, target)
                if fs.exists(target, follow=False):
                    fs.unlink(target)
                fs.symlink(e.target, target, uid=e.uid, gid=e.gid)
            elif e.kind in ("file", "hardlink"):
                self._ensure_parent(fs, target)
                blob = e.blob if e.kind == "file" else fs.read_blob(f"{base.rstrip('/')}/{e.target}")
                fs.write(target, blob, mode=e.mode, uid=e.uid, gid=e.gid)
                fs.chmod(target, e.mode)
                fs.chown(target, e.uid, e.gid)
                fs.utime(target, e.mtime)

    def _copy_from_fs(self, fs, src_fs, src: str, dest: str, dest_is_dir: bool, uid, gid, chmod) -> None:
        st = src_fs.stat(src)
        if st.is_dir:
            base_dest = dest.rstrip("/") or "/"
            if not fs.exists(base_dest):
                fs.mkdir(base_dest, mode=0o755, parents=True, uid=uid or 0, gid=gid or 0)
            for name in src_fs.listdir(src):
                fs.copy_from(src_fs, f"{src.rstrip('/')}/{name}", f"{base_dest.rstrip('/')}/{name}",
                             uid=uid, gid=gid, follow_top=False)
            return
        target = dest
        if dest_is_dir or fs.isdir(dest):
            target = dest.rstrip("/") + "/" + src.rsplit("/", 1)[-1]
        self._ensure_parent(fs, target, uid, gid)
        fs.copy_from(src_fs, src, target, uid=uid, gid=gid)
        if chmod:
            fs.chmod(target, int(chmod, 8))

    # ------------------------------------------------------------------ export
    def _export(self, state: StageState, refs, progress: Progress, built_any: bool) -> Image:
        eng = self.engine
        v = progress.vertex("exporting to image")
        v.status("exporting layers 0.0s done" if built_any else "exporting layers done")
        history = self._stamp(state)
        # ArgsEscaped is set by CMD/ENTRYPOINT (or inherited); OnBuild is always written.
        cfg = {k: state.config[k] for k in CONFIG_ORDER if k in state.config and k != "OnBuild"}
        cfg["OnBuild"] = state.config.get("OnBuild")
        if self._labels:
            # --label: the target's config, over the Dockerfile's LABELs, with no history
            # entry (dockerfile2llb toDispatchState: opt.Labels)
            cfg["Labels"] = {**(cfg.get("Labels") or {}), **self._labels}
        cfg = {k: cfg[k] for k in CONFIG_ORDER if k in cfg}
        created = max((h.get("created") for h in history if h.get("created")), default=None, key=lambda s: s)
        config = {"architecture": "amd64", "config": cfg, "created": created or rfc3339(state.base_created),
                  "history": history, "os": "linux",
                  "rootfs": {"type": "layers", "diff_ids": [l.diff_id for l in (state.layer.chain if state.layer else [])]}}
        if state.config.get("_author"):
            config["author"] = state.config["_author"]
        eng.layer_store.retain(state.layer)
        # (moby's BuildKit exporter never marks images builtLocally: only the classic builder did)
        img = eng.image_store.create(config, state.layer)
        if eng.uses_snapshotter:
            # BuildKit exporter/containerimage into the containerd store: the manifest and
            # config are written as blobs, then each name is unpacked to snapshots
            v.status(f"exporting manifest {img.id} 0.0s done")
            v.status(f"exporting config {img.config_id} 0.0s done")
        else:
            v.status(f"writing image {img.id} done")
        for ref in refs:
            eng.images.tag_image(img, ref)
            v.status(f"naming to {ref.name}:{ref.tag} done")
            if eng.uses_snapshotter:
                v.status(f"unpacking to {ref.name}:{ref.tag} 0.0s done")
        v.done()
        return img

    def _stamp(self, state: StageState) -> list[dict]:
        """History times: a metadata entry takes the time of the next new layer (or, after
        the last one, of the previous entry); a build with no new layer uses the base's."""
        entries = state.history
        times: list[str | None] = []
        for h, has_layer, t in entries:
            times.append(rfc3339(t) if isinstance(t, float) else t)
        n = len(entries)
        for i in range(n):
            if times[i] is None:
                nxt = next((times[j] for j in range(i + 1, n) if times[j] is not None and entries[j][1]), None)
                prev = next((times[j] for j in range(i - 1, -1, -1) if times[j] is not None), None)
                times[i] = nxt or prev or rfc3339(state.base_created)
        out = []
        for (h, has_layer, _), t in zip(entries, times):
            d = {"created": t}
            for k in ("author", "created_by", "comment"):
                if h.get(k):
                    d[k] = h[k]
            if h.get("empty_layer"):
                d["empty_layer"] = True
            out.append(d)
        return out


def _stage_of(ref: str, stages: list[Stage]) -> Stage | None:
    """The stage ``COPY --from=REF`` names (by name, any case, or index), or None for an
    image.  An index out of range is an error (dispatchStates.findStateByIndex)."""
    for st in stages:
        if st.name and st.name == ref.lower():
            return st
    try:
        index = int(ref, 10)                   # strconv.Atoi: "-1" and "+1" are numbers too
    except ValueError:
        return None
    if not 0 <= index < len(stages):
        raise SolveError(f"invalid stage index {index}")
    return stages[index]


def _check_stage_references(stages: list[Stage], needed: list[Stage]) -> None:
    """What BuildKit checks of ``COPY --from`` stages before anything runs
    (dockerfile2llb/convert.go: buildStageDependencyGraph, validateCircularDependency) and
    when the COPY is dispatched (a stage defined later)."""
    deps: dict[int, list[tuple[Stage, Instr]]] = {}
    for st in stages:
        for ins in st.instrs:
            for f in ins.flags if ins.cmd == "COPY" else ():
                if f.startswith("--from="):
                    src = _stage_of(f.split("=", 1)[1], stages)
                    if src is not None:
                        deps.setdefault(st.index, []).append((src, ins))
    visited: set[int] = set()

    def visit(st: Stage, path: set[int], via: list[Instr]) -> list[Instr] | None:
        if st.index in visited:
            return None
        visited.add(st.index)
        path.add(st.index)
        for dep, ins in deps.get(st.index, []):
            if dep.index in path:
                return via + [ins]
            found = visit(dep, path, via + [ins])
            if found:
                return found
        path.discard(st.index)
        return None

    for st in stages:
        cycle = visit(st, set(), [])
        if cycle:
            raise SolveError(f"circular dependency detected on stage: {st.name or f'stage-{st.index}'}",
                             cycle[-1].line, cycle[-1].end_line)
    for st in needed:                          # only the stages the target needs are dispatched
        for src, ins in deps.get(st.index, []):
            if src.index > st.index:
                ref = next(f.split("=", 1)[1] for f in ins.flags if f.startswith("--from="))
                raise SolveError(f'cannot copy from stage "{ref}", it needs to be defined before '
                                 f'current stage "{st.name or f"stage-{st.index}"}"',
                                 ins.line, ins.end_line)


@dataclass
class _ResolvedMount:
    """A RUN ``--mount`` with what it needs at run time and its part of the cache key."""
    mount: object
    target: str
    key: list = field(default_factory=list)
    src_fs: object = None
    src: str = "/"
    cache_id: str = ""
    secret: str = ""
    error: str = ""
    argv: tuple = ()


def _context_tree(context, rel: str, clock) -> TreeFS:
    """The build context (below ``rel``) as a folder ``/ctx`` of a new tree: what a bind
    mount of the context shows (.dockerignore'd files left out)."""
    tree = TreeFS(clock=clock.now)
    tree.mkdir("/ctx", mode=0o755)
    for f in context.walk(rel):
        sub = f.rel[len(rel):].lstrip("/") if rel else f.rel
        path = "/ctx/" + sub if sub else "/ctx"
        if f.kind == "dir":
            if sub:
                tree.mkdir(path, mode=f.mode, parents=True, exist_ok=True)
            else:
                tree.chmod(path, f.mode)
        elif f.kind == "symlink":
            tree.symlink(f.target, path)
        else:
            if sub:
                tree.write(path, context.read(f.rel), mode=f.mode)
            else:               # the source is one file: it is what is mounted
                tree.rmdir("/ctx")
                tree.write("/ctx", context.read(f.rel), mode=f.mode)
        if tree.exists(path, follow=False) and f.kind != "symlink":
            tree.utime(path, f.mtime)
    return tree


def _from_refs(ins: Instr) -> list[str]:
    """What ``COPY --from=`` / ``RUN --mount=…,from=`` of an instruction name."""
    out = []
    for f in ins.flags:
        if ins.cmd == "COPY" and f.startswith("--from="):
            out.append(f.split("=", 1)[1])
        elif ins.cmd == "RUN" and f.startswith("--mount="):
            for part in f.split("=", 1)[1].split(","):
                k, _, v = part.partition("=")
                if k.lower() == "from" and v:
                    out.append(v)
    return out


def _id_file_row(fs, path: str, name: str, fields: int) -> list | None:
    """The first row of /etc/passwd or /etc/group named ``name`` (runc libcontainer/user
    ParsePasswdFilter/ParseGroupFilter), or None: no such row, or no readable file."""
    try:
        text = fs.read_text(path)
    except FSError:
        return None
    for line in text.splitlines():
        row = line.split(":")
        if len(row) >= fields and row[0] == name:
            return row
    return None


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _step_name(ins: Instr, state: StageState, label: str, text: str) -> str:
    """A step's vertex name (dockerfile2llb prefixCommand): ``[stage N/TOTAL]``, then
    ``ONBUILD `` for a trigger, then the instruction."""
    width = len(str(state.total))          # "%*d/%d": int(1+math.Log10(total)) wide
    return f"[{label}{state.step:>{width}}/{state.total}] " + ("ONBUILD " if ins.onbuild else "") + text


def _instruction_error(ins: Instr) -> str | None:
    """What BuildKit's instruction parser (frontend/dockerfile/instructions/parse.go) says of
    an instruction's flags and arguments, or None when they are fine."""
    for f in ins.flags:
        name = f.lstrip("-").partition("=")[0]
        if name not in FLAGS.get(ins.cmd, ()):
            return f"Unknown flag: {name}"
    vals = list(ins.value)
    trigger = (ins.sub_cmd or "").upper()
    if ins.cmd == "ONBUILD" and trigger == "ONBUILD":    # parseOnBuild
        return "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"
    if ins.cmd == "ONBUILD" and trigger in ("MAINTAINER", "FROM"):
        return f"{trigger} isn't allowed as an ONBUILD trigger"
    rule = ARITY.get(ins.cmd)
    if rule == "at least one" and not vals:
        return f"{ins.cmd} requires at least one argument"
    if rule == "exactly one" and len(vals) != 1:
        return f"{ins.cmd} requires exactly one argument"
    if ins.cmd == "SHELL" and not ins.json:
        return "SHELL requires the arguments to be in JSON form"
    if ins.cmd == "HEALTHCHECK":                       # parseHealthcheck
        typ, rest = vals[0].upper(), vals[1:]
        if typ == "NONE":
            return "HEALTHCHECK NONE takes no arguments" if rest else None
        if typ != "CMD":
            return f'Unknown type "{typ}" in HEALTHCHECK (try CMD)'
        if not rest or (not ins.json and not " ".join(rest).strip()):
            return "Missing command after HEALTHCHECK CMD"
        from .from_config import parse_healthcheck
        try:                                           # its flags
            parse_healthcheck(ins, vals)
        except InvalidParameter as e:
            return e.message
    return None


def _print_cmd(ins: Instr, env: dict, escape: str) -> str:
    """The step's name in BuildKit's progress (dockerfile2llb processCmdEnv + uppercaseCmd):
    the instruction as written, with ARG and ENV values substituted (lexer.print_word), the
    instruction word upper-cased; as written if substitution fails."""
    try:
        text = print_word(ins.original, env, escape)
    except LexError:
        text = ins.original
    word, sep, rest = text.partition(" ")
    return word.upper() + sep + rest


def _env_dict(env: list[str]) -> dict:
    out = {}
    for e in env:
        k, _, v = e.partition("=")
        out[k] = v
    return out


def _oci_config(cfg: dict) -> dict:
    """The OCI subset of a Docker config that BuildKit carries over from a base image."""
    out = {}
    for k in CONFIG_ORDER:
        v = cfg.get(k)
        if v not in (None, "", {}, []) and k not in ("ArgsEscaped",):
            out[k] = json.loads(json.dumps(v))
    return out


def _excerpt(name: str, lines: list[str], start: int, end: int | None) -> str:
    """buildx's Dockerfile excerpt around a failing instruction."""
    end = end or start
    first = max(1, start - 4)
    last = min(len(lines) + 1, end + 1)
    out = [f"{name}:{start}" if start == end else f"{name}:{start}-{end}", "--------------------"]
    for n in range(first, last + 1):
        text = lines[n - 1] if n - 1 < len(lines) else ""
        mark = ">>>" if start <= n <= end else "   "
        out.append(f" {n:>3} | {mark} {text}".rstrip() if text else f" {n:>3} | {mark} ")
    out.append("--------------------")
    return "\n".join(out) + "\n"
