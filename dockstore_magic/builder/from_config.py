"""``docker commit --change`` and ``docker import --change``: Dockerfile instructions applied to
an image config by the daemon, as moby's ``builder/dockerfile/builder.go`` ``BuildFromConfig``
does it.

1. The changes are joined with ``"\\n"`` and parsed as one Dockerfile by BuildKit's parser
   (:mod:`.parser`); its errors (``file with no instructions`` for an empty or comment-only
   change, ``ENV must have two arguments``, …) are the daemon's answer.
2. Every instruction must be one of :data:`VALID_COMMIT_COMMANDS`, compared in lower case;
   otherwise ``<instruction as typed> is not a valid change command`` (the daemon names it
   with the case it was typed in).
3. Each instruction is parsed by BuildKit's ``frontend/dockerfile/instructions/parse.go``
   (:func:`parse_instruction`): the argument counts, flags and HEALTHCHECK/ONBUILD rules.
4. Each one is dispatched to the config in order (moby ``builder/dockerfile/evaluator.go``
   ``dispatch`` and ``dispatchers.go``): ENV, LABEL, USER, WORKDIR, VOLUME and STOPSIGNAL
   words are expanded first (quotes removed, ``$VAR`` from the config's ``Env`` *as it is
   before the instruction*: ``ENV A=1 B=$A`` sees the old ``A``, a later ``--change`` the new
   one); EXPOSE splits each word after expansion (``ProcessWords``); CMD/ENTRYPOINT/HEALTHCHECK
   are never expanded.

What the dispatchers do (Linux, ``d.builder.disableCommit`` set: nothing is run or created):

* ENV replaces a variable in place or appends it; LABEL sets keys; VOLUME and EXPOSE add keys
  (EXPOSE through go-connections ``nat.ParsePortSpecs``: ``443`` → ``443/tcp``, ``80/UDP`` →
  ``80/udp``, ``8000-8002`` → three ports, ``1.2.3.4:80:81`` → ``81/tcp``).
* CMD and ENTRYPOINT in shell form get the config's ``Shell`` or ``/bin/sh -c`` in front
  (``dispatchers_unix.go`` ``resolveCmdLine``: a bare ``CMD`` is ``["/bin/sh","-c"]``, a bare
  ``ENTRYPOINT`` clears it); ArgsEscaped becomes false.  ENTRYPOINT clears the inherited Cmd
  unless a CMD with arguments came earlier in the same changes (``cmdSet``).
* WORKDIR: a relative path is joined to the current one and cleaned, an absolute one is kept
  as written (``normalizeWorkdir``); an empty one is ``cannot normalize nothing``.
* STOPSIGNAL must be a signal (``moby/sys/signal.ParseSignal``) and is kept as written.
* ONBUILD appends the trigger text (the instruction without ``ONBUILD``) to ``OnBuild``.

The caller then merges the result with what it started from (``daemon/commit.go`` ``merge``:
an emptied Cmd or Entrypoint comes back); ``docker import`` starts from an empty config
(``daemon/images/image_import.go``), so there is no ``PATH`` to expand there.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ..errors import InvalidParameter
from ..fs import normpath
from ..golang.strconv import go_quote, parse_int
from ..golang.time import parse_duration
from ..nat import parse_port_specs
from .lexer import LexError, process_word, process_words
from .parser import Command, ParseError, parse as parse_dockerfile

__all__ = ["VALID_COMMIT_COMMANDS", "Instruction", "build_from_config", "parse_instruction"]

#: moby builder/dockerfile/builder.go validCommitCommands (STOPSIGNAL since Engine 23; the
#: 20.10 engine on these machines still refuses it)
VALID_COMMIT_COMMANDS = ("cmd", "entrypoint", "healthcheck", "env", "expose", "label", "onbuild",
                         "stopsignal", "user", "volume", "workdir")

DEFAULT_SHELL = ["/bin/sh", "-c"]                 # defaultShellForOS("linux")
MINIMUM_DURATION = 1_000_000                      # container.MinimumDuration: 1ms

#: moby/sys/signal SignalMap (signal_linux.go): the names ParseSignal accepts, without SIG
SIGNAL_NAMES = frozenset(
    "ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV "
    "STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ RTMIN "
    "RTMAX".split()
    + [f"RTMIN+{i}" for i in range(1, 16)] + [f"RTMAX-{i}" for i in range(1, 15)])


@dataclass
class Instruction:
    """One parsed instruction (BuildKit's typed command): ``name`` upper-cased, ``args`` what
    it needs (pairs for ENV/LABEL, words, a command line, a health config, a trigger)."""
    name: str
    args: object = None
    prepend_shell: bool = False


@dataclass
class _State:
    config: dict
    escape: str = "\\"
    cmd_set: bool = False
    envs: dict = field(default_factory=dict)


# ---------------------------------------------------------------- entry point
def build_from_config(config: dict, changes: list[str]) -> dict:
    """The config with the ``--change`` instructions applied (a new dict; ``config`` is left
    alone).  Raises :class:`InvalidParameter` with the daemon's words."""
    if not changes:
        return copy.deepcopy(config)
    try:
        parsed = parse_dockerfile("\n".join(changes))
    except ParseError as e:
        raise InvalidParameter(str(e)) from None
    for c in parsed.commands:
        if (c.cmd or "").lower() not in VALID_COMMIT_COMMANDS:
            raise InvalidParameter(f"{c.cmd} is not a valid change command")
    instructions = [parse_instruction(c) for c in parsed.commands]
    state = _State(copy.deepcopy(config), parsed.escape_token)
    for ins in instructions:
        _dispatch(state, ins)
    return state.config


# ---------------------------------------------------------------- instructions/parse.go
def _flags(c: Command, known: dict[str, str]) -> dict[str, str]:
    """BFlags.Parse over string flags: ``known`` maps each name to its default."""
    values, used = dict(known), set()
    for arg in c.flags:
        if arg == "--":
            break
        name, eq, value = arg[2:].partition("=")
        if name not in known:
            raise InvalidParameter(f"Unknown flag: {name}")
        if name in used:
            raise InvalidParameter(f"Duplicate flag specified: {name}")
        used.add(name)
        if not eq:
            raise InvalidParameter(f"Missing a value on flag: {name}")
        values[name] = value
    return values


def _args(c: Command) -> list[str]:
    """nodeArgs: ONBUILD's sub-instruction comes first, then the arguments."""
    return ([c.sub_cmd] if c.sub_cmd else []) + list(c.value)


def _cmdline(c: Command) -> list[str]:
    """handleJSONArgs: the JSON array, or the words joined into one shell string."""
    vals = list(c.value)
    if not vals:
        return []
    return vals if c.json else [" ".join(vals)]


def parse_instruction(c: Command) -> Instruction:
    """BuildKit's ``ParseInstruction`` for the instructions a change may hold."""
    name = (c.cmd or "").upper()
    args = _args(c)
    if name in ("ENV", "LABEL"):                                  # parseEnv, parseLabel
        _flags(c, {})
        if not args:
            raise InvalidParameter(f"{name} requires at least one argument")
        if len(args) % 2:
            raise InvalidParameter(f"Bad input to {name}, too many arguments")
        pairs = list(zip(args[0::2], args[1::2]))
        if any(k == "" for k, _ in pairs):
            raise InvalidParameter(f"{name} names can not be blank")
        return Instruction(name, pairs)
    if name in ("CMD", "ENTRYPOINT"):                             # parseShellDependentCommand
        _flags(c, {})
        line = _cmdline(c)
        return Instruction(name, None if (name == "ENTRYPOINT" and not line) else line,
                           prepend_shell=not c.json)
    if name == "HEALTHCHECK":
        return Instruction(name, parse_healthcheck(c, args))
    if name in ("EXPOSE", "VOLUME"):
        if not args:
            raise InvalidParameter(f"{name} requires at least one argument")
        _flags(c, {})
        if name == "EXPOSE":
            return Instruction(name, sorted(args))
        vols = [v.strip() for v in args]
        if "" in vols:
            raise InvalidParameter("VOLUME specified can not be an empty string")
        return Instruction(name, vols)
    if name in ("USER", "WORKDIR", "STOPSIGNAL"):
        if len(args) != 1:
            raise InvalidParameter(f"{name} requires exactly one argument")
        if name != "STOPSIGNAL":                                  # parseStopSignal skips flags
            _flags(c, {})
        return Instruction(name, args[0])
    if name == "ONBUILD":
        if not args:
            raise InvalidParameter("ONBUILD requires at least one argument")
        _flags(c, {})
        trigger = args[0].strip().upper()
        if trigger == "ONBUILD":
            raise InvalidParameter("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
        if trigger in ("MAINTAINER", "FROM"):
            raise InvalidParameter(f"{trigger} isn't allowed as an ONBUILD trigger")
        expression = re.sub(r"(?i)^\s*ONBUILD\s*", "", c.original or "", count=1)
        for h in c.heredocs:
            expression += "\n" + h.content + h.name
        return Instruction(name, expression)
    raise InvalidParameter(f"unknown instruction: {c.cmd}")


def parse_healthcheck(c: Command, args: list[str]) -> dict:
    """parseHealthcheck: NONE, or CMD with --interval/--timeout/--start-period/--start-interval
    (durations, 0 or at least 1ms) and --retries (not negative); zero values are left out, as
    the config's JSON leaves them out."""
    if not args:
        raise InvalidParameter("HEALTHCHECK requires at least one argument")
    typ, rest = args[0].upper(), args[1:]
    if typ == "NONE":
        if rest:
            raise InvalidParameter("HEALTHCHECK NONE takes no arguments")
        return {"Test": ["NONE"]}
    flags = _flags(c, {"interval": "", "timeout": "", "start-period": "", "start-interval": "",
                       "retries": ""})
    if typ != "CMD":
        raise InvalidParameter(f"Unknown type {go_quote(typ)} in HEALTHCHECK (try CMD)")
    line = list(rest) if c.json else ([" ".join(rest)] if rest else [])
    if not line:
        raise InvalidParameter("Missing command after HEALTHCHECK CMD")
    health: dict = {"Test": (["CMD"] if c.json else ["CMD-SHELL"]) + line}
    for flag, key in (("interval", "Interval"), ("timeout", "Timeout"),
                      ("start-period", "StartPeriod"), ("start-interval", "StartInterval")):
        value = flags[flag]
        if not value:
            continue
        try:
            d = parse_duration(value)
        except ValueError as e:
            raise InvalidParameter(str(e)) from None
        if d and d < MINIMUM_DURATION:
            raise InvalidParameter(f"Interval {go_quote(flag)} cannot be less than 1ms")
        if d:
            health[key] = d
    if flags["retries"]:
        try:
            retries = parse_int(flags["retries"], 10, 32)
        except ValueError as e:
            raise InvalidParameter(str(e)) from None
        if retries < 0:
            raise InvalidParameter(f"--retries cannot be negative ({retries})")
        if retries:
            health["Retries"] = retries
    return health


# ---------------------------------------------------------------- evaluator.go / dispatchers.go
def _dispatch(state: _State, ins: Instruction) -> None:
    cfg = state.config
    env = {}
    for e in cfg.get("Env") or []:
        k, _, v = e.partition("=")
        env[k] = v

    def expand(word: str) -> str:
        try:
            return process_word(word, env, state.escape)
        except LexError as e:
            raise InvalidParameter(f"failed to process {go_quote(word)}: {e}") from None

    name = ins.name
    if name == "ENV":
        out = list(cfg.get("Env") or [])
        for k, v in [(expand(k), expand(v)) for k, v in ins.args]:
            idx = next((i for i, e in enumerate(out) if e.partition("=")[0] == k), None)
            if idx is None:
                out.append(f"{k}={v}")
            else:
                out[idx] = f"{k}={v}"
        cfg["Env"] = out
    elif name == "LABEL":
        labels = dict(cfg.get("Labels") or {})
        for k, v in ins.args:
            labels[expand(k)] = expand(v)
        cfg["Labels"] = dict(sorted(labels.items()))
    elif name in ("CMD", "ENTRYPOINT"):
        line = ins.args
        if ins.prepend_shell and line is not None:
            line = list(cfg.get("Shell") or DEFAULT_SHELL) + line
        cfg.pop("ArgsEscaped", None)
        if name == "CMD":
            cfg["Cmd"] = line
            if ins.args:
                state.cmd_set = True
        else:
            cfg["Entrypoint"] = line
            if not state.cmd_set:
                cfg["Cmd"] = None
    elif name == "HEALTHCHECK":
        cfg["Healthcheck"] = dict(ins.args)
    elif name == "EXPOSE":
        ports = dict(cfg.get("ExposedPorts") or {})
        for word in ins.args:
            try:
                words = process_words(word, env, state.escape)
            except LexError as e:
                raise InvalidParameter(f"failed to process {go_quote(word)}: {e}") from None
            for p in parse_port_specs(words):
                ports[p] = {}
        cfg["ExposedPorts"] = dict(sorted(ports.items()))
    elif name == "USER":
        cfg["User"] = expand(ins.args)
    elif name == "WORKDIR":
        cfg["WorkingDir"] = normalize_workdir(cfg.get("WorkingDir") or "", expand(ins.args))
    elif name == "VOLUME":
        vols = dict(cfg.get("Volumes") or {})
        for v in ins.args:
            v = expand(v)
            if v == "":
                raise InvalidParameter("VOLUME specified can not be an empty string")
            vols[v] = {}
        cfg["Volumes"] = dict(sorted(vols.items()))
    elif name == "STOPSIGNAL":
        sig = expand(ins.args)
        parse_signal(sig)
        cfg["StopSignal"] = sig
    elif name == "ONBUILD":
        cfg["OnBuild"] = list(cfg.get("OnBuild") or []) + [ins.args]


def normalize_workdir(current: str, requested: str) -> str:
    """dispatchers_unix.go normalizeWorkdir: relative paths join the current one, cleaned;
    absolute ones are kept as written."""
    if requested == "":
        raise InvalidParameter("cannot normalize nothing")
    if not requested.startswith("/"):
        return normpath(requested, normpath(current or "/"))
    return requested


def parse_signal(raw: str) -> None:
    """moby/sys/signal ParseSignal: a number other than 0, or a name with or without SIG."""
    if re.fullmatch(r"[+-]?[0-9]+", raw):                  # strconv.Atoi
        if int(raw) == 0:
            raise InvalidParameter(f"invalid signal: {raw}")
        return
    if raw.upper().removeprefix("SIG") not in SIGNAL_NAMES:
        raise InvalidParameter(f"invalid signal: {raw}")


# ---------------------------------------------------------------- go-connections nat
