"""Volume filters, on the daemon's side (moby volume/service/by.go, convert.go filtersToBy
and withPrune, service.go List and Prune).

``docker volume ls``: ``dangling``, ``name`` (regular expressions), ``driver``, ``label``.
``docker volume prune``: ``label``, ``label!`` and ``all``; without ``all=true`` (the CLI
sends it for ``--all``) only anonymous volumes are candidates (API ≥ 1.42; before that, as
on the Docker 20.10 engine of these machines, every unused volume was).  A prune never
takes a volume a container uses, one of another driver, or one with mount options (moby:
"there would be no space reclaimed").  Values of one key are alternatives (any may match),
different keys must all match; labels must all match."""
from __future__ import annotations

from ..errors import InvalidParameter
from .filters import Args, match_labels

#: volume/service/service.go acceptedListFilters, acceptedPruneFilters
LIST_FILTERS = ("dangling", "driver", "label", "name")
PRUNE_FILTERS = ("label", "label!", "all")
#: volume/service/service.go AnonymousLabel: set on a volume created without a name
ANON_LABEL = "com.docker.volume.anonymous"


def filter_volumes(volumes: list, args: Args, accepted=LIST_FILTERS) -> list:
    """filtersToBy: the volumes that pass ``args``."""
    args.validate(accepted)
    out = list(volumes)
    if args.contains("driver"):
        out = [v for v in out if v.driver in args.get("driver")]
    if args.contains("name"):
        out = [v for v in out if args.match("name", v.name)]
    out = [v for v in out if match_labels(args, v.labels)]
    if args.contains("dangling"):
        dangling = args.get_bool_or_default("dangling", False)
        out = [v for v in out if bool(v.refs) != dangling]
    return out


def prune_candidates(volumes: list, args: Args) -> list:
    """service.go Prune: withPrune, then local, unreferenced, option-less volumes that pass."""
    args = Args(args.fields)
    _with_prune(args)
    return [v for v in filter_volumes(volumes, args, PRUNE_FILTERS)
            if v.driver == "local" and not v.refs and not v.options]


def _with_prune(args: Args) -> None:
    """convert.go withPrune: ``all`` (one boolean) or, by default, anonymous volumes only."""
    values = args.get("all")
    if len(values) > 1:
        raise InvalidParameter(f"invalid filter 'all=[{' '.join(values)}]': only one value is expected")
    if len(values) == 1:
        from ..golang.strconv import parse_bool
        try:
            if parse_bool(values[0]):
                return
        except ValueError as e:
            raise InvalidParameter(f"invalid filter 'all': {e}") from None
    args.add("label", ANON_LABEL)
