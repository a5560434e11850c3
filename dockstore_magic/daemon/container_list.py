"""``GET /containers/json`` (a module not named list.py: it would shadow the builtin in the
package): which containers ``docker ps`` shows (moby daemon/list.go
foldFilter, includeContainerInList).

Containers are walked newest first.  ``all`` (``-a``, or any ``status`` filter) keeps the
stopped ones, as does a ``limit`` (``-n``, ``-l``); ``before``/``since`` name a container and
keep only those created before/after it; ``name`` and ``id`` are regular expressions (or
exact values); ``label`` is key or key=value; ``exited`` needs a container that has run;
``volume`` a mount's name, source or destination; ``ancestor`` an image or any image built
on it.  Values of one key are alternatives, different keys must all match."""
from __future__ import annotations

from ..errors import InvalidParameter, NotFound
from ..golang.strconv import go_quote
from . import health
from .filters import Args, invalid_filter

#: daemon/list.go acceptedPsFilterTags
ACCEPTED = ("ancestor", "before", "exited", "health", "id", "is-task", "isolation", "label",
            "name", "network", "publish", "since", "status", "volume", "expose")
#: container/state.go IsValidStateString
STATES = ("paused", "restarting", "removing", "running", "dead", "created", "exited")
HEALTH = ("starting", "healthy", "unhealthy", "none")


def containers(engine, args: Args, all: bool = False, limit: int = -1) -> list:
    args.validate(ACCEPTED)
    exited = []
    for value in args.get("exited"):
        try:
            exited.append(int(value, 10))
        except ValueError:
            raise InvalidParameter(f"strconv.Atoi: parsing {go_quote(value)}: invalid syntax") from None
    for value in args.get("status"):
        if value not in STATES:
            raise invalid_filter_value("status", value)
        all = True
    if args.contains("is-task") and not (args.exact_match("is-task", "true") or
                                         args.exact_match("is-task", "false")):
        raise invalid_filter("is-task", args.get("is-task"))
    for value in args.get("health"):
        if value not in HEALTH:
            raise InvalidParameter(f"Unrecognised filter value for health: {value}")
    before = [_id_or_name(engine, v) for v in args.get("before")][-1:]
    since = [_id_or_name(engine, v) for v in args.get("since")][-1:]
    for key in ("publish", "expose"):
        for value in args.get(key):
            _port_range(key, value)
    ancestors = None
    if args.contains("ancestor"):
        ancestors = set()
        for ref in args.get("ancestor"):
            img = engine.images.find(ref)
            if img is not None:
                ancestors |= _descendants(engine, img.id)
    out = []
    before_c = before[0] if before else None
    for c in engine.container_store:             # newest first
        if before_c is not None:
            if c.id == before_c.id:
                before_c = None
            continue
        if since and c.id == since[0].id:
            break
        running = c.state.running
        if not running and not all and limit <= 0:
            continue
        if not (args.match("name", c.name) or args.match("name", c.familiar_name)):
            continue
        if not args.match("id", c.id):
            continue
        if args.contains("is-task") and not args.exact_match("is-task", "false"):
            continue
        if not args.match_kv_list("label", c.config.get("Labels") or {}):
            continue
        if 0 < limit == len(out):
            break
        if exited and not any(code == c.state.exit_code and not running and c.state.started_at
                              for code in exited):
            continue
        if not args.match("status", c.state.status):
            continue
        if not args.exact_match("health", health.status(c)):
            continue
        if args.contains("isolation") and not args.exact_match(
                "isolation", c.host_config.get("Isolation") or "default"):
            continue
        if args.contains("volume") and not _has_volume(engine, c, args.get("volume")):
            continue
        if ancestors is not None and c.image_id not in ancestors:
            continue
        if args.contains("network") and not any(n in args.get("network") for n in _networks(c)):
            continue
        if args.contains("publish") or args.contains("expose"):
            continue                    # no port is published or listed (-p is refused)
        out.append(c)
    return out


def invalid_filter_value(key: str, value: str) -> InvalidParameter:
    """daemon/errors.go invalidFilter (one value, not a list): ``invalid filter 'k=v'``."""
    return InvalidParameter(f"invalid filter '{key}={value}'")


def _id_or_name(engine, value: str):
    try:
        return engine.container_store.get(value)
    except NotFound:
        raise NotFound(f"no such container {value}") from None


def _descendants(engine, image_id: str) -> set:
    """populateImageFilterByParents: the image and every image built on it."""
    out, todo = set(), [image_id]
    while todo:
        iid = todo.pop()
        if iid in out:
            continue
        out.add(iid)
        todo.extend(engine.image_store.children(iid))
    return out


def _has_volume(engine, c, values: list[str]) -> bool:
    by_name, by_dest = set(), set()
    for mp in engine.mount_points(c):
        by_name.add(mp.name or mp.source)
        if mp.destination:
            by_dest.add(mp.destination)
    return any(v in by_dest or v in by_name for v in values)


def _networks(c) -> list[str]:
    mode = c.host_config.get("NetworkMode") or "default"
    return ["bridge" if mode == "default" else mode]


def _port_range(key: str, value: str) -> None:
    """daemon/list.go portOp: ``80``, ``80/tcp``, ``8000-8080/udp``."""
    if ":" in value:
        raise InvalidParameter(f"filter for '{key}' should not contain ':': {value}")
    port = value.partition("/")[0]
    for part in port.split("-", 1):
        if not part.isdigit() or int(part) > 65535:
            raise InvalidParameter(f"error while looking up for {key} {value}: strconv.ParseUint: "
                                   f"parsing {go_quote(part)}: "
                                   + ("value out of range" if part.isdigit() else "invalid syntax"))
