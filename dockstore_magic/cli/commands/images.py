"""docker images/history/tag/rmi/pull/import/image prune/image inspect."""
from __future__ import annotations

from ...clock import rfc3339
from ...reference import ReferenceError, parse as parse_ref
from ...fs import FSError
from ..localfs import read_local, go_error
from ..errors import CLIError
from ..table import format_table, truncate_id, ellipsis
from ..units import human_size_precision, human_duration, human_size
from ..templates import IMAGE_HEADERS, HISTORY_HEADERS
from ...daemon.filters import Args
from .common import opt, format_output, confirmed, each, prune_filters
from ..formatter import image_context


def _image_entries(refs) -> list[tuple[str, str, str]]:
    """(repository, tag, digest) of each row ``docker images`` shows for an image: one per
    tag (with the digest of the same name), one per digest of an untagged name, or one
    ``<none>`` row."""
    tagged = [r for r in refs if r.tag]
    digested = {r.familiar_name: r.digest for r in refs if r.digest}
    entries = [(r.familiar_name, r.tag, digested.get(r.familiar_name, "<none>")) for r in tagged]
    entries += [(name, "<none>", d) for name, d in digested.items()
                if not any(r.familiar_name == name for r in tagged)]
    return entries or [("<none>", "<none>", "<none>")]


def cmd_images(cli, opts, args):
    eng = cli.engine
    # docker/cli image/list.go: the REPOSITORY[:TAG] argument is one more reference filter
    filters = Args.parse(opt(opts, "filter", []))
    if args:
        filters.add("reference", args[0])
    summaries = eng.images.summaries(all=opt(opts, "all", False), filters=filters)
    imgs = [img for img, _ in summaries]
    trunc = not opt(opts, "no-trunc", False)
    # the list API counts no containers and no shared sizes (-1: "N/A")
    now = eng.clock.peek()
    rows = [image_context(img, repo, tag, dg, trunc=trunc, now=now)
            for img, refs in summaries for repo, tag, dg in _image_entries(refs)]
    if opt(opts, "quiet", False):
        # docker/cli formatter/image.go imageFormat: one line per repository:tag, as the
        # table has (an image with three tags prints its ID three times)
        for r in rows:
            cli.out(r["ID"] + "\n")
        return 0, imgs
    fmt = opt(opts, "format", "")
    if fmt:
        format_output(cli, fmt, rows, IMAGE_HEADERS, "*formatter.imageContext")
        return 0, imgs
    digests = opt(opts, "digests", False)
    headers = ["REPOSITORY", "TAG"] + (["DIGEST"] if digests else []) + ["IMAGE ID", "CREATED", "SIZE"]
    cli.out(format_table(headers, [[r["Repository"], r["Tag"]] + ([r["Digest"]] if digests else [])
                                   + [r["ID"], r["CreatedSince"], r["Size"]] for r in rows]))
    return 0, imgs


def cmd_history(cli, opts, args):
    eng = cli.engine
    rows = eng.images.history(args[0])
    now = eng.clock.peek()
    human = opt(opts, "human", True)
    trunc = not opt(opts, "no-trunc", False)
    if opt(opts, "quiet", False):
        for r in rows:
            cli.out((truncate_id(r.id) if trunc and r.id != "<missing>" else r.id) + "\n")
        return 0, rows
    data = []
    for r in rows:
        created_by = r.created_by.replace("\t", " ")
        data.append({
            "ID": r.id if r.id == "<missing>" or not trunc else truncate_id(r.id),
            "CreatedSince": (human_duration(now - r.created) + " ago") if human else rfc3339(r.created, nanos=False),
            "CreatedAt": rfc3339(r.created, nanos=False),
            "CreatedBy": ellipsis(created_by, 45) if trunc else created_by,
            "Size": human_size_precision(r.size, 3) if human else str(r.size),
            "Comment": r.comment,
        })
    fmt = opt(opts, "format", "")
    if fmt:
        format_output(cli, fmt, data, HISTORY_HEADERS, "*image.historyContext")
        return 0, rows
    # docker/cli image/formatter_history.go: -H=false is nonHumanHistoryTableFormat, whose
    # column is {{.CreatedAt}} ("CREATED AT")
    cli.out(format_table(["IMAGE", "CREATED" if human else "CREATED AT", "CREATED BY", "SIZE", "COMMENT"],
                         [[d["ID"], d["CreatedSince"], d["CreatedBy"], d["Size"], d["Comment"]] for d in data]))
    return 0, rows


def cmd_tag(cli, opts, args):
    eng = cli.engine
    try:
        parse_ref(args[1])
    except ReferenceError as e:
        raise CLIError(f"Error parsing reference: \"{args[1]}\" is not a valid repository/tag: {e}")
    eng.images.tag(args[0], args[1])
    return 0


def cmd_rmi(cli, opts, args):
    def report(ref, records):
        for r in records:
            cli.out(f"Untagged: {r.untagged}\n" if r.untagged else f"Deleted: {r.deleted}\n")

    return each(cli, args, lambda ref: cli.engine.images.remove(
        ref, force=opt(opts, "force", False), prune=not opt(opts, "no-prune", False)),
        report=report)


def cmd_pull(cli, opts, args):
    name = args[0]
    try:
        ref = parse_ref(name)
    except ReferenceError as e:
        raise CLIError(str(e))
    quiet = opt(opts, "quiet", False)
    if ref.tag is None and ref.digest is None and not quiet:
        cli.out("Using default tag: latest\n")
    img = cli.engine.images.pull(name, (lambda s: None) if quiet else cli.out)
    r = ref.with_default_tag()
    cli.out(f"{r.name}:{r.tag}\n")
    return 0, img


def cmd_import(cli, opts, args):
    src = args[0]
    if src == "-":
        raise CLIError("dockstore-magic: importing from standard input is not simulated; give a file", 125)
    if "://" in src:
        raise CLIError(f'Error response from daemon: Get "{src}": dial tcp: lookup '
                       f'{src.split("://", 1)[1].split("/")[0]}: no such host')
    try:
        data = read_local(cli, src)
    except FSError as e:
        raise CLIError(f"open {src}: {go_error(e)}")
    if len(args) > 1:
        # docker/client image_import.go ImageImport: the reference is checked by the client,
        # after the CLI opened the file (reference.ParseNormalizedNamed)
        try:
            parse_ref(args[1])
        except ReferenceError as e:
            raise CLIError(str(e)) from None
    from ...archive import TarFormatError
    try:
        img = cli.engine.images.import_tar(data, args[1] if len(args) > 1 else None,
                                           message=opt(opts, "message", ""),
                                           changes=list(opt(opts, "change", [])))
    except TarFormatError:
        raise CLIError("Error response from daemon: archive/tar: invalid tar header")
    except ReferenceError as e:
        raise CLIError(f"Error response from daemon: {e}")
    cli.out(img.id + "\n")
    return 0, img


def cmd_image_prune(cli, opts, args):
    warn = ("WARNING! This will remove all images without at least one container associated to them."
            if opt(opts, "all", False) else "WARNING! This will remove all dangling images.")
    if not confirmed(cli, opts, "image prune", warn):
        return 1
    # docker/cli image/prune.go: the CLI adds dangling=<not --all> to the filters
    records, space = cli.engine.images.prune(
        prune_filters(opts, dangling="false" if opt(opts, "all", False) else "true"))
    if records:
        cli.out("Deleted Images:\n")
        for r in records:
            cli.out(f"untagged: {r.untagged}\n" if r.untagged else f"deleted: {r.deleted}\n")
        cli.out("\n")
    cli.out(f"Total reclaimed space: {human_size(space)}\n")
    return 0
