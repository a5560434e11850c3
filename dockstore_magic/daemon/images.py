"""The image service (moby daemon/images): pull from the built-in catalogue, import, tag,
delete with Docker's conflict rules, list, history, inspect, prune."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import archive
from ..builder.from_config import build_from_config
from ..clock import rfc3339
from ..errors import NotFound, Conflict, InvalidParameter, DaemonError
from ..catalogue import digests as cat_digests
from ..fs.blob import BytesBlob
from ..golang.json import marshal
from ..image import Image
from ..reference import Reference, ReferenceError, parse, parse_tagged, looks_like_id

class _Catalogue:
    """Where ``docker pull`` finds images: the built-in catalogue stands in for Docker Hub."""

    @staticmethod
    def _key(ref: Reference) -> str | None:
        if ref.domain != "docker.io" or ref.tag is None:
            return None
        path = ref.path[len("library/"):] if ref.path.startswith("library/") else ref.path
        return f"{path}:{ref.tag}"

    def lookup(self, ref: Reference):
        from .. import catalogue
        key = self._key(ref)
        return catalogue.lookup(key) if key else None

    def known_repository(self, ref: Reference) -> bool:
        from .. import catalogue
        key = self._key(ref)
        return bool(key) and any(n.split(":")[0] == key.split(":")[0] for n in catalogue.names())

    @staticmethod
    def offline(ref: Reference) -> str:
        """What an engine with no network answers for a pull it cannot make (seen on Engine
        20.10 offline: ``Get "https://registry-1.docker.io/v2/": dial tcp: lookup
        registry-1.docker.io on …:53: no such host``; the simulated host has no resolver to
        name), plus one line saying what the built-in catalogue offers instead."""
        from .. import catalogue
        key = _Catalogue._key(ref) or ""
        repo = key.split(":")[0]
        tags = [n.split(":", 1)[1] for n in catalogue.names() if n.split(":")[0] == repo]
        if tags:
            offer = f"{repo}:" + ", ".join(tags)
        else:
            offer = ", ".join(sorted({n.split(":")[0] for n in catalogue.names()}))
        return ('Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: '
                f"no such host\ndockstore-magic: no registry here; the built-in catalogue has "
                f"{offer}")

    @staticmethod
    def blob_digests(entry) -> list[str]:
        """The compressed layer digests the registry lists (shared bases share them)."""
        return [layer.digest for layer in entry.layers]


cat = _Catalogue()


@dataclass
class DeleteRecord:
    untagged: str = ""
    deleted: str = ""


@dataclass
class HistoryRow:
    id: str
    created: float
    created_by: str
    size: int
    comment: str
    tags: list


class ImageService:
    def __init__(self, engine):
        self.engine = engine
        self.store = engine.image_store
        self.refs = engine.refs
        self.layers = engine.layer_store

    # ---------------------------------------------------------------- lookup
    def get(self, ref_or_id: str) -> Image:
        """``GetImage``: a reference first, then an ID prefix; ``No such image: …``."""
        img = self.find(ref_or_id)
        if img is None:
            raise NotFound(f"No such image: {self._display(ref_or_id)}")
        return img

    def find(self, ref_or_id: str) -> Image | None:
        if not ref_or_id:
            return None
        if ref_or_id.startswith("sha256:"):
            hits = self.store.search(ref_or_id)
            return hits[0] if len(hits) == 1 else None
        try:
            ref = parse(ref_or_id)
        except ReferenceError:
            ref = None
        if ref is not None:
            iid = self.refs.get(ref.with_default_tag())
            if iid:
                return self.store.get(iid)
        if looks_like_id(ref_or_id):
            hits = self.store.search(ref_or_id)
            if len(hits) == 1:
                return hits[0]
        return None

    @staticmethod
    def _display(ref_or_id: str) -> str:
        try:
            ref = parse(ref_or_id)
        except ReferenceError:
            return ref_or_id
        if looks_like_id(ref_or_id) and ref.tag is None:
            return ref_or_id
        return ref.with_default_tag().familiar

    def tags_of(self, img: Image) -> list[str]:
        return [r.familiar for r in self.refs.references(img.id) if r.tag]

    def digests_of(self, img: Image) -> list[str]:
        if self.engine.uses_snapshotter:
            # moby daemon/containerd/image_inspect.go collectRepoTagsAndDigests: every name
            # of the image, with the target's digest
            return list(dict.fromkeys(r.familiar if r.digest else f"{r.familiar_name}@{img.id}"
                                      for r in self.refs.references(img.id)))
        return [f"{r.familiar_name}@{r.digest}" for r in self.refs.references(img.id) if r.digest]

    # ---------------------------------------------------------------- pull
    def pull(self, name: str, out) -> Image:
        """Pull from the catalogue, printing what ``docker pull`` prints to ``out``."""
        ref = parse_tagged(name)
        entry = cat.lookup(ref)
        existing = self.refs.get(ref)
        if entry is None:
            if ref.domain != "docker.io":
                raise DaemonError(
                    f'Get "https://{ref.domain}/v2/": dial tcp: lookup {ref.domain.split(":")[0]}: '
                    "no such host")
            raise DaemonError(cat.offline(ref))
        if existing:
            out(f"{ref.tag}: Pulling from {ref.path}\n")
            out(f"Digest: {entry.repo_digest}\n")
            out(f"Status: Image is up to date for {ref.familiar}\n")
            return self.store.get(existing)
        out(f"{ref.tag}: Pulling from {ref.path}\n")
        img = self._materialise(entry)
        adopt = getattr(self.store, "adopt_pull", None)      # the containerd store
        if adopt is not None:
            img = adopt(img, entry)
        for layer_digest in cat.blob_digests(entry):
            out(f"{layer_digest[7:19]}: Pull complete\n")
        out(f"Digest: {entry.repo_digest}\n")
        self.refs.add(ref, img.id)
        self.refs.add(Reference(ref.domain, ref.path, None, entry.repo_digest), img.id)
        out(f"Status: Downloaded newer image for {ref.familiar}\n")
        return img

    def buildkit_pull(self, ref: Reference) -> tuple[Image, list] | None:
        """A base image as BuildKit pulls it for ``FROM``: its layers go to the layer store
        (BuildKit's snapshotter on moby is backed by it) but no image record is made, so
        ``docker image ls`` does not list it and a later ``docker pull`` downloads it
        (moby builder-next ``imagerefchecker``/``containerimage``: the pulled manifest and
        blobs live in BuildKit's content store, not in the distribution metadata).

        Returns the image (detached: not in the image store) and its layers, base first, each
        holding one reference for the build cache; None when the catalogue has no such image."""
        entry = cat.lookup(ref)
        if entry is None:
            return None
        img = self._materialise(entry, store=False)
        for layer in img.layers[:-1]:
            layer.refs += 1            # the top one keeps the reference _materialise took
        return img, img.layers

    def _materialise(self, entry, store: bool = True) -> Image:
        parent = None
        diff_ids = []
        for spec in entry.layers:
            tree = spec.build()
            layer = self.layers.register(tree, parent, digest=cat_digests.recorded(spec),
                                         source=spec)     # the recipe is kept
            if parent is not None:
                self.layers.release(parent)
            parent = layer
            diff_ids.append(layer.diff_id)
        config = {
            "architecture": entry.architecture,
            "config": entry.config,
            "created": entry.created,
            "history": entry.history,
            "os": entry.os,
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
        }
        if not store:
            raw = marshal(dict(sorted(config.items())))
            return Image("sha256:" + hashlib.sha256(raw).hexdigest(), raw, config, parent)
        return self.store.create(config, parent)

    # ---------------------------------------------------------------- import
    def import_tar(self, tar_bytes: bytes, ref: str | None, message: str = "",
                   changes: list[str] | None = None, source: str = "-") -> Image:
        """``docker import``: one layer from a rootfs tarball; diffID = sha256 of the tar."""
        tagged = parse_tagged(ref) if ref else None
        # daemon/images/image_import.go: BuildFromConfig on an empty config, before the tar
        from .containers import container_config
        cfg = container_config(**build_from_config(container_config(Labels=None), changes or []))
        entries = archive.read_tar(tar_bytes)
        tree = archive.tar_to_tree(entries)
        blob = BytesBlob(archive.decompress(tar_bytes))
        layer = self.layers.register(tree, None, tar_blob=blob)
        now = self.engine.clock.now()
        created = rfc3339(now)
        config = {
            "architecture": "amd64",
            "comment": message or f"Imported from {source}",
            "config": cfg,
            "container_config": container_config(Labels=None),
            "created": created,
            "docker_version": self.engine.VERSION,
            "history": [{"created": created, "comment": message or f"Imported from {source}"}],
            "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [layer.diff_id]},
        }
        img = self.store.create(config, layer)
        if tagged:
            self.tag_image(img, tagged)
        return img

    # ---------------------------------------------------------------- tags
    def tag(self, source: str, target: str) -> None:
        img = self.get(source)
        try:
            ref = parse(target)
        except ReferenceError as e:
            raise InvalidParameter(str(e)) from None
        if ref.digest:
            raise InvalidParameter("refusing to create a tag with a digest reference")
        self.tag_image(img, ref.with_default_tag())

    def tag_image(self, img: Image, ref: Reference) -> None:
        self.refs.add(ref, img.id)
        self.store.set_last_updated(img)

    # ---------------------------------------------------------------- delete
    def remove(self, ref_or_id: str, force: bool = False, prune: bool = True) -> list[DeleteRecord]:
        img = self.get(ref_or_id)
        records: list[DeleteRecord] = []
        repo_refs = self.refs.references(img.id)
        using = self.engine.container_store.using_image(img.id)
        removed_repo_ref = False
        h = ref_or_id[7:] if ref_or_id.startswith("sha256:") else ref_or_id
        if not img.hex.startswith(h):
            ref = parse(ref_or_id).with_default_tag()
            # Removing the last reference (a tag plus digests of one repository counts as
            # one) of an image a container uses would leave it dangling: refuse.
            if not force and using and self._single_reference(repo_refs):
                raise Conflict(
                    f'conflict: unable to remove repository reference "{ref_or_id}" (must force) - '
                    f"container {using[0].short_id} is using its referenced image {img.short_id}")
            self.refs.delete(ref)
            records.append(DeleteRecord(untagged=ref.familiar))
            repo_refs = self.refs.references(img.id)
            # a removed tag leaves only digests of that repository: clean them up too
            if repo_refs and all(r.digest for r in repo_refs) and \
                    all(r.name != ref.name for r in repo_refs if not r.digest):
                same = [r for r in repo_refs if r.name == ref.name]
                if len(same) == len(repo_refs):
                    for r in same:
                        self.refs.delete(r)
                        records.append(DeleteRecord(untagged=r.familiar))
                    repo_refs = []
            if repo_refs:
                return records
            removed_repo_ref = True
        else:
            if self._single_reference(repo_refs):
                self._check_conflict(img, hard=True, soft=not force, skip_active=True)
                for r in repo_refs:
                    self.refs.delete(r)
                    records.append(DeleteRecord(untagged=r.familiar))
        self._delete_helper(img, records, force, prune, removed_repo_ref)
        return records

    @staticmethod
    def _single_reference(refs: list[Reference]) -> bool:
        if len(refs) <= 1:
            return len(refs) == 1
        single = None
        canonical = set()
        for r in refs:
            if r.digest:
                canonical.add(r.name)
            elif single is None:
                single = r
            else:
                return False
        if single is None:
            single = refs[0]
        return len(canonical) == 1 and single.name in canonical

    def _check_conflict(self, img: Image, hard: bool, soft: bool, skip_active: bool = False):
        if hard and self.store.children(img.id):
            raise Conflict(f"conflict: unable to delete {img.short_id} (cannot be forced) - "
                           "image has dependent child images")
        users = self.engine.container_store.using_image(img.id)
        running = [c for c in users if c.state.running]
        if hard and running:
            raise Conflict(f"conflict: unable to delete {img.short_id} (cannot be forced) - "
                           f"image is being used by running container {running[0].short_id}")
        if soft and not skip_active and self.refs.references(img.id):
            raise Conflict(f"conflict: unable to delete {img.short_id} (must be forced) - "
                           "image is referenced in multiple repositories")
        stopped = [c for c in users if not c.state.running]
        if soft and stopped:
            raise Conflict(f"conflict: unable to delete {img.short_id} (must be forced) - "
                           f"image is being used by stopped container {stopped[0].short_id}")

    def _delete_helper(self, img: Image, records: list, force: bool, prune: bool, quiet: bool):
        try:
            self._check_conflict(img, hard=True, soft=not force)
        except Conflict:
            users = self.engine.container_store.using_image(img.id)
            # moby daemon/images/image_delete.go imageIsDangling: no reference and no child
            # (untagging a parent of other images leaves it in place, quietly)
            dangling = not self.refs.references(img.id) and not self.store.children(img.id)
            if quiet and (not dangling or users):
                return
            raise
        parent = img.parent
        for r in self.refs.references(img.id):
            self.refs.delete(r)
            records.append(DeleteRecord(untagged=r.familiar))
        removed_layers = self.store.delete(img)
        records.append(DeleteRecord(deleted=img.id))
        for layer in removed_layers:
            # moby daemon/containerd/image_delete.go reports the image alone: its snapshots
            # and blobs go with containerd's garbage collection
            if not self.engine.uses_snapshotter:
                records.append(DeleteRecord(deleted=layer.chain_id))
        if prune and parent:
            pimg = self.store.get(parent)
            if pimg is not None and not self.refs.references(pimg.id) and not self.store.children(pimg.id):
                self._delete_helper(pimg, records, False, True, True)

    # ---------------------------------------------------------------- list & history
    def list(self, all: bool = False) -> list[Image]:
        imgs = sorted(self.store.images.values(), key=lambda i: (i.created, i.id), reverse=True)
        if all:
            return imgs
        return [i for i in imgs if self.refs.references(i.id) or not self.store.children(i.id)]

    #: daemon/images/images.go acceptedImageFilterTags
    LIST_FILTERS = ("before", "dangling", "label", "reference", "since", "until")

    def summaries(self, all: bool = False, filters=None) -> list[tuple[Image, list]]:
        """``GET /images/json`` (moby daemon/images/images.go Images): each image shown, with
        the references shown for it (a ``reference`` filter keeps only those that match,
        reference.FamiliarMatch: Go's path.Match on ``name:tag``, then on the name)."""
        from ..golang.path import match as path_match
        from .filters import Args, timestamp
        args = filters or Args()
        containerd = self.engine.uses_snapshotter
        args.validate(self.LIST_FILTERS + (("label!",) if containerd else ()))
        dangling_only = args.get_bool_or_default("dangling", False)
        before = since = None
        for value in args.get("before"):
            t = self.get(value).created
            before = t if before is None else min(before, t)
        for value in args.get("until"):
            t = timestamp(value, self.engine.clock.peek())
            before = t if before is None else min(before, t)
        for value in args.get("since"):
            t = self.get(value).created
            since = t if since is None else max(since, t)
        out = []
        for img in self.list(all=True):
            children = self.store.children(img.id)
            if dangling_only and children:
                continue
            if before is not None and not img.created < before:
                continue
            if since is not None and not img.created > since:
                continue
            labels = img.container_config.get("Labels") or {}
            if containerd:
                if not _containerd_labels_match(args, labels):
                    continue
            elif args.contains("label") and not args.match_kv_list("label", labels):
                continue
            refs = self.refs.references(img.id)
            if args.contains("reference"):
                try:
                    refs = [r for r in refs if any(
                        path_match(p, r.familiar) or path_match(p, r.familiar_name)
                        for p in args.get("reference"))]
                except ValueError as e:
                    raise InvalidParameter(str(e)) from None
            if not refs:
                if not (all or not children):
                    continue
                if args.contains("dangling") and not dangling_only:
                    continue
                if args.contains("reference"):
                    continue
            elif dangling_only and any(r.tag for r in refs):
                continue
            out.append((img, refs))
        return out

    def history(self, ref_or_id: str) -> list[HistoryRow]:
        img = self.get(ref_or_id)
        rows: list[HistoryRow] = []
        layers = img.layers
        n = 0
        from ..clock import parse_time
        for h in img.history:
            size = 0
            if not h.get("empty_layer"):
                if n >= len(layers):
                    raise DaemonError("too many non-empty layers in History section")
                size = layers[n].size
                n += 1
            rows.insert(0, HistoryRow("<missing>", parse_time(h["created"]) if h.get("created") else 0.0,
                                      h.get("created_by", ""), size, h.get("comment", ""), []))
        cur = img
        for row in rows:
            row.id = cur.id
            row.tags = self.tags_of(cur)
            if not cur.parent:
                break
            nxt = self.store.get(cur.parent)
            if nxt is None:
                break
            cur = nxt
        return rows

    def inspect(self, ref_or_id: str) -> dict:
        img = self.get(ref_or_id)
        c = img.config
        top = img.top
        gd = self.engine.driver.metadata(top.cache_id) if top else {}
        out = {
            "Id": img.id,
            "RepoTags": self.tags_of(img),
            "RepoDigests": self.digests_of(img),
            "Parent": img.parent or "",
            "Comment": c.get("comment", ""),
            "Created": c.get("created", ""),
            "DockerVersion": c.get("docker_version", ""),
            "Author": c.get("author", ""),
            "Config": _inspect_config(c.get("config") or {}),
            "Architecture": c.get("architecture", ""),
            "Os": c.get("os", ""),
            "Size": img.size,
            "GraphDriver": {"Data": gd, "Name": self.engine.driver.name},
            "RootFS": {"Type": "layers", "Layers": [l.diff_id for l in img.layers]},
            "Metadata": {"LastTagTime": self.store.last_updated(img) or "0001-01-01T00:00:00Z"},
        }
        extra = getattr(self.store, "inspect_fields", None)      # the containerd store
        return extra(img, out) if extra else out

    # ---------------------------------------------------------------- prune
    #: daemon/images/image_prune.go imagesAcceptedFilters
    PRUNE_FILTERS = ("dangling", "label", "label!", "until")

    def prune(self, filters=None) -> tuple[list[DeleteRecord], int]:
        """``POST /images/prune`` (moby daemon/images/image_prune.go): dangling images, or
        with ``dangling=false`` (``-a``) every image no container uses; ``until`` and the
        label filters narrow them; the space is the sum of the deleted layers' sizes."""
        from .filters import Args, match_labels, until as prune_until
        args = filters or Args()
        args.validate(self.PRUNE_FILTERS)
        dangling_only = args.get_bool_or_default("dangling", True)
        until = prune_until(args, self.engine.clock.peek())
        sizes = {cid: l.size for cid, l in self.layers.layers.items()}
        used = {c.image_id for c in self.engine.container_store}
        # dangling only: the heads (images no other image is built on); else every image;
        # an untagged image with children is an intermediate one, never pruned itself
        top = [i for i in self.list(all=True)
               if (not dangling_only or not self.store.children(i.id))
               and (self.refs.references(i.id) or not self.store.children(i.id))
               and (until is None or i.created <= until)
               and match_labels(args, i.container_config.get("Labels"))]
        records: list[DeleteRecord] = []
        for img in top:
            if img.id in used or self.store.get(img.id) is None:
                continue
            refs = self.refs.references(img.id)
            try:
                if refs:
                    if not dangling_only or not any(r.tag for r in refs):
                        for r in refs:
                            records += self.remove(r.familiar, force=False, prune=True)
                else:
                    records += self.remove(img.hex, force=False, prune=True)
            except DaemonError:
                continue
        reclaimed = sum(sizes.get(r.deleted, 0) for r in records if r.deleted)
        return records, reclaimed


#: container.Config's ``omitempty`` fields and their zero values: left out of the JSON when
#: unset, yet a template reads them (``{{json .Config.ExposedPorts}}`` is ``null``, not a
#: missing key)
_CONFIG_OMITEMPTY = {"ExposedPorts": None, "Healthcheck": None, "ArgsEscaped": False,
                     "StopSignal": "", "StopTimeout": None, "Shell": None}


def _containerd_labels_match(args, labels: dict) -> bool:
    """moby daemon/containerd/image_list.go setupLabelFilter: each ``label``/``label!`` value
    is a check on the image config's labels: ``k`` exists (``label!``: does not), ``k=v`` has
    the value (``label!``: exists with another value)."""
    for name in ("label", "label!"):
        for item in args.get(name):
            key, eq, value = item.partition("=")
            negate = name == "label!"
            if key.endswith("!"):
                key, negate = key[:-1], not negate
            if not eq:
                if (key in labels) == negate:
                    return False
                continue
            if key not in labels or (labels[key] == value) == negate:
                return False
    return True


def _inspect_config(cfg: dict) -> dict:
    """An image's Config as ``docker image inspect`` shows it: Docker's field order and zero
    values (Labels null), then anything else the config carries."""
    from ..golang.values import GoStruct
    from .containers import container_config, CONFIG_ORDER
    filled = container_config(**{"Labels": None, **_CONFIG_OMITEMPTY, **cfg})
    out = GoStruct("container.Config", omitempty=list(_CONFIG_OMITEMPTY))
    out.update(filled)
    out.update((k, v) for k, v in cfg.items() if k not in CONFIG_ORDER)
    return out
