"""``docker save`` and ``docker load`` (moby ``image/tarexport``, graphdriver image store).

:func:`save` writes the tarball current Docker (Engine 25 to 28) writes: an OCI image layout
(``oci-layout``, ``index.json``, ``blobs/sha256/…``) that also carries Docker's own
``manifest.json`` and the legacy ``repositories`` file.  ``blobs/sha256`` holds, per image,

* every layer as an uncompressed tar named by its diffID (the bytes the layer store gives
  back: an imported or loaded layer's original tar, a built layer's tar in moby's format,
  whiteouts as ``.wh.`` files),
* the image config, byte for byte (its sha256 is the image ID),
* an OCI manifest (``config`` + ``layers`` descriptors) which ``index.json`` points to, one
  entry per tag with the ``io.containerd.image.name`` / ``org.opencontainers.image.ref.name``
  annotations,
* one legacy "v1" image JSON per layer (``{"id":…,"parent":…,"created":…}``), which nothing
  references any more but moby still writes.

``manifest.json`` lists ``Config``, ``RepoTags``, ``Layers`` (paths inside the tarball) and
``LayerSources`` (the layer descriptors).  The outer tar is what moby's archive package writes
for that folder: sorted names, directories first, mode bits with file type bits, whole-second
mtimes (the image's creation time for its blobs, the epoch for the layout files), root/root,
two zero blocks at the end.  Docker 20.10 wrote the older layout (``<v1-id>/{VERSION,json,
layer.tar}`` and ``<config-hex>.json``); :func:`load` reads both, since both have the
``manifest.json`` that names the files.

:func:`load` registers each layer whose chainID is missing (its diffID is the sha256 of the
uncompressed layer tar, which must match the config's ``rootfs.diff_ids``), keeps the original
tar so a re-save reproduces it, stores the config bytes unchanged (same image ID), tags the
image and reports ``Loaded image: name:tag`` (or ``Loaded image ID: sha256:…`` when the tarball
has no tags)."""
from __future__ import annotations

import hashlib
import io
import json
import lzma
import os
import posixpath
import stat as _st
import tarfile
import tempfile
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Iterator

from .. import archive
from ..clock import parse_time
from ..errors import DaemonError, NotFound, InvalidParameter
from ..fs.blob import BytesBlob
from ..image import Image
from ..golang.json import marshal
from ..layer import Layer, chain_id
from ..reference import ANCHORED_ID, Reference, ReferenceError, parse
from ..golang.strconv import go_quote

MEDIA_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MEDIA_INDEX = "application/vnd.oci.image.index.v1+json"
MEDIA_CONFIG = "application/vnd.oci.image.config.v1+json"
MEDIA_LAYER = "application/vnd.oci.image.layer.v1.tar"
OCI_LAYOUT = b'{"imageLayoutVersion": "1.0.0"}'
ANNOTATION_NAME = "io.containerd.image.name"
ANNOTATION_REF = "org.opencontainers.image.ref.name"
EPOCH_V1 = "1970-01-01T00:00:00Z"

#: api/types/container.Config in its JSON field order; the value says whether the field is
#: ``omitempty`` (left out when zero) and what its zero value marshals to.
_CONFIG_FIELDS: list[tuple[str, bool, object]] = [
    ("Hostname", False, ""), ("Domainname", False, ""), ("User", False, ""),
    ("AttachStdin", False, False), ("AttachStdout", False, False), ("AttachStderr", False, False),
    ("ExposedPorts", True, None), ("Tty", False, False), ("OpenStdin", False, False),
    ("StdinOnce", False, False), ("Env", False, None), ("Cmd", False, None),
    ("Healthcheck", True, None), ("ArgsEscaped", True, False), ("Image", False, ""),
    ("Volumes", False, None), ("WorkingDir", False, ""), ("Entrypoint", False, None),
    ("NetworkDisabled", True, False), ("MacAddress", True, ""), ("OnBuild", False, None),
    ("Labels", False, None), ("StopSignal", True, ""), ("StopTimeout", True, None),
    ("Shell", True, None),
]


class LoadError(Exception):
    """A ``docker load`` failure: the daemon sends it in the JSON stream, so the client prints
    the message as it is (no ``Error response from daemon:`` prefix) and exits 1."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ------------------------------------------------------------------------------- JSON helpers
def go_encode(obj) -> bytes:
    """Go's ``json.NewEncoder(f).Encode``: ``json.Marshal`` plus a newline."""
    return marshal(obj) + b"\n"


def _sorted_map(d: dict | None):
    """A Go map marshals with its keys sorted."""
    if d is None:
        return None
    return {k: d[k] for k in sorted(d)}


def container_config_struct(cfg: dict | None) -> dict:
    """A config re-marshalled through Go's ``container.Config`` struct: every field in order,
    ``omitempty`` ones only when set (what the v1 image JSON of ``docker save`` holds)."""
    cfg = cfg or {}
    out: dict = {}
    for name, omitempty, zero in _CONFIG_FIELDS:
        v = cfg.get(name, zero)
        if omitempty and (v is None or v == zero or v == {} or v == []):
            continue
        if name in ("ExposedPorts", "Volumes", "Labels") and isinstance(v, dict):
            v = _sorted_map(v)
        out[name] = v
    return out


def v1_image(config: dict) -> dict:
    """``image.V1Image`` read from an image config: the fields it has, in struct order (the
    ``id`` and ``parent`` are filled in by the caller)."""
    v: dict = {}
    for key in ("id", "parent", "comment"):
        if config.get(key):
            v[key] = config[key]
    v["created"] = config.get("created") or "0001-01-01T00:00:00Z"
    if config.get("container"):
        v["container"] = config["container"]
    v["container_config"] = config.get("container_config") or {}
    for key in ("docker_version", "author"):
        if config.get(key):
            v[key] = config[key]
    if config.get("config") is not None:
        v["config"] = config["config"]
    for key in ("architecture", "variant", "os"):
        if config.get(key):
            v[key] = config[key]
    return v


def _v1_ordered(v: dict) -> dict:
    """The V1Image JSON field order, with both container configs as full structs."""
    out: dict = {}
    for key in ("id", "parent", "comment", "created", "container", "container_config",
                "docker_version", "author", "config", "architecture", "variant", "os"):
        if key not in v and key != "container_config":
            continue
        if key == "container_config":
            out[key] = container_config_struct(v.get(key))
        elif key == "config":
            out[key] = container_config_struct(v[key])
        else:
            out[key] = v[key]
    return out


def v1_id(v1: dict, layer_chain_id: str, parent: str) -> str:
    """moby ``image/v1.CreateID``: the sha256 of the v1 JSON without ``id``, re-marshalled
    through a map (keys sorted) with ``layer_id`` and (when there is one) ``parent``."""
    body = dict(v1)
    body.pop("id", None)
    raw = json.loads(marshal(_v1_ordered(body)))
    raw["layer_id"] = layer_chain_id
    if parent:
        raw["parent"] = parent
    data = marshal({k: raw[k] for k in sorted(raw)})
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _descriptor(media_type: str, digest: str, size: int, annotations: dict | None = None) -> dict:
    """An OCI descriptor (``mediaType, digest, size[, annotations]``)."""
    d = {"mediaType": media_type, "digest": digest, "size": size}
    if annotations:
        d["annotations"] = _sorted_map(annotations)
    return d


def _distribution_descriptor(media_type: str, digest: str, size: int) -> dict:
    """docker/distribution's Descriptor (``mediaType, size, digest``), as in LayerSources."""
    return {"mediaType": media_type, "size": size, "digest": digest}


# ------------------------------------------------------------------------------- resolving names
@dataclass
class _Saved:
    image: Image
    refs: list[Reference] = field(default_factory=list)   # NamedTagged, in the order added


def _references_by_name(engine, name: str) -> list[tuple[Reference, str]]:
    """refstore ``ReferencesByName``: every tag and digest of a repository, sorted."""
    out = []
    for key, iid in engine.refs.refs.items():
        bare = key.split("@", 1)[0] if "@" in key else key.rsplit(":", 1)[0]
        if bare == name:
            out.append((key, iid))
    out.sort()
    result = []
    for key, iid in out:
        ref = _ref_from_key(key)
        result.append((ref, iid))
    return result


def _ref_from_key(key: str) -> Reference:
    if "@" in key:
        name, dig = key.split("@", 1)
        digest = dig
        tag = None
    else:
        name, tag = key.rsplit(":", 1)
        digest = None
    domain, path = name.split("/", 1)
    return Reference(domain, path, tag, digest)


def _search(engine, term: str) -> Image:
    """image store ``Search``: a unique ID prefix, else ``No such image: <term>``."""
    h = term[7:] if term.startswith("sha256:") else term
    hits = engine.image_store.search(h) if h and all(c in "0123456789abcdef" for c in h) else []
    if len(hits) != 1:
        raise NotFound(f"No such image: {term}")
    return hits[0]


def _resolve(engine, names: Iterable[str]) -> list[_Saved]:
    """tarexport ``parseNames``: which images (and tags) ``docker save NAMES`` writes."""
    found: dict[str, _Saved] = {}

    def add(img: Image, ref: Reference | None):
        entry = found.setdefault(img.id, _Saved(img))
        if ref is not None and ref.digest is None:
            tagged = ref.with_default_tag()
            if all(str(r.name + ":" + r.tag) != tagged.name + ":" + tagged.tag for r in entry.refs):
                entry.refs.append(tagged)

    for name in names:
        hexpart = name[7:] if name.startswith("sha256:") else name
        if ANCHORED_ID.match(hexpart) and (name.startswith("sha256:") or name == hexpart):
            img = engine.image_store.get("sha256:" + hexpart)
            if img is None:
                raise DaemonError(
                    f"failed to get digest sha256:{hexpart}: open /var/lib/docker/image/"
                    f"{engine.driver.name}/imagedb/content/sha256/{hexpart}: no such file or directory")
            add(img, None)
            continue
        try:
            ref = parse(name)
        except ReferenceError as e:
            raise InvalidParameter(str(e)) from None
        if ref.familiar_name == "sha256":
            add(_search(engine, name), None)
            continue
        if ref.tag is None and ref.digest is None:
            assocs = _references_by_name(engine, ref.name)
            for r, iid in assocs:
                img = engine.image_store.get(iid)
                if img is not None:
                    add(img, r)
            if not assocs:
                add(_search(engine, name), None)
            continue
        iid = engine.refs.get(ref)
        if iid is None or engine.image_store.get(iid) is None:
            raise NotFound("reference does not exist")
        add(engine.image_store.get(iid), ref)
    return list(found.values())


# ------------------------------------------------------------------------------- the outer tar
@dataclass
class _Entry:
    """One file or folder of the folder that moby tars up."""
    path: str
    mtime: float
    data: bytes | None = None          # a small file
    spool: BinaryIO | None = None      # a big one (a layer tar), with its size
    size: int = 0
    is_dir: bool = False


class _Folder:
    """The temporary folder ``docker-export-*`` that the save session fills."""

    def __init__(self):
        self.entries: dict[str, _Entry] = {}

    def mkdir(self, path: str, mtime: float) -> None:
        parts = path.split("/")
        for i in range(1, len(parts) + 1):
            p = "/".join(parts[:i])
            if p not in self.entries:
                self.entries[p] = _Entry(p, mtime, is_dir=True)

    def chtimes(self, path: str, mtime: float) -> None:
        self.entries[path].mtime = mtime

    def write(self, path: str, data: bytes, mtime: float) -> None:
        self.entries[path] = _Entry(path, mtime, data=data, size=len(data))

    def write_spool(self, path: str, spool: BinaryIO, size: int, mtime: float) -> None:
        self.entries[path] = _Entry(path, mtime, spool=spool, size=size)

    def exists(self, path: str) -> bool:
        return path in self.entries

    def tar(self) -> Iterator[bytes]:
        """``archive.Tar(dir, Uncompressed)``: filepath.Walk order, Go tar headers."""
        def key(p: str):
            return tuple(part.encode() for part in p.split("/"))
        for path in sorted(self.entries, key=key):
            e = self.entries[path]
            mtime = int(e.mtime // 1)
            if e.is_dir:
                yield archive.go_tar_header(path + "/", _st.S_IFDIR | 0o755, 0, 0, 0, mtime,
                                            tarfile.DIRTYPE, "", "root", "root")
                continue
            yield archive.go_tar_header(path, _st.S_IFREG | 0o644, 0, 0, e.size, mtime,
                                        tarfile.REGTYPE, "", "root", "root")
            if e.data is not None:
                yield e.data
            else:
                e.spool.seek(0)
                while True:
                    chunk = e.spool.read(1 << 20)
                    if not chunk:
                        break
                    yield chunk
            if e.size % 512:
                yield bytes(512 - e.size % 512)
        yield bytes(1024)

    def close(self) -> None:
        for e in self.entries.values():
            if e.spool is not None:
                e.spool.close()


def _created(config: dict) -> float:
    c = config.get("created")
    try:
        return parse_time(c) if c else 0.0
    except ValueError:
        return 0.0


# ------------------------------------------------------------------------------- save
def save(engine, refs: list[str], out_file) -> list[Image]:
    """Write ``docker save REFS`` to ``out_file`` (a path or a binary file object); returns the
    images written.  Errors are :class:`~dockstore_magic.errors.DaemonError` worded like
    dockerd's (``No such image: x``, ``reference does not exist``)."""
    saved = _resolve(engine, refs)
    folder = _Folder()
    try:
        _fill(engine, saved, folder)
        if isinstance(out_file, (str, os.PathLike)):
            with open(out_file, "wb") as f:
                for chunk in folder.tar():
                    f.write(chunk)
        else:
            for chunk in folder.tar():
                out_file.write(chunk)
    finally:
        folder.close()
    return [s.image for s in saved]


def _fill(engine, saved: list[_Saved], folder: _Folder) -> None:
    layers_store = engine.layer_store
    saved_layers: dict[str, dict] = {}          # diffID → distribution descriptor
    saved_configs: set[str] = set()              # v1 IDs
    manifest: list[dict] = []
    repos_legacy: dict[str, dict[str, str]] = {}
    index_manifests: list[dict] = []

    for entry in saved:
        img = entry.image
        config = img.config
        diff_ids = list((config.get("rootfs") or {}).get("diff_ids") or [])
        if not diff_ids:
            raise DaemonError("empty export - not implemented")
        ts = _created(config)
        chain = {l.chain_id: l for l in img.layers}
        parent_v1 = ""
        sources: dict[str, dict] = {}
        cur_chain = None
        for i, diff_id in enumerate(diff_ids):
            cur_chain = chain_id(cur_chain, diff_id)
            top = i == len(diff_ids) - 1
            v1 = v1_image(config) if top else {"created": EPOCH_V1}
            vid = v1_id(v1, cur_chain, parent_v1)
            v1 = dict(v1)
            v1["id"] = vid.split(":", 1)[1]
            if parent_v1:
                v1["parent"] = parent_v1.split(":", 1)[1]
            if config.get("os"):
                v1["os"] = config["os"]
            if vid not in saved_configs:
                data = marshal(_v1_ordered(v1))
                h = hashlib.sha256(data).hexdigest()
                folder.mkdir("blobs/sha256", ts)
                folder.write(f"blobs/sha256/{h}", data, ts)
                saved_configs.add(vid)
            layer = chain.get(cur_chain) or layers_store.get(cur_chain)
            if layer is None:
                raise DaemonError(f"layer does not exist: {cur_chain}")
            if diff_id not in saved_layers:
                spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)
                h = hashlib.sha256()
                size = 0
                for chunk in layers_store.tar_chunks(layer):
                    spool.write(chunk)
                    h.update(chunk)
                    size += len(chunk)
                digest = "sha256:" + h.hexdigest()
                folder.mkdir("blobs/sha256", ts)
                folder.write_spool(f"blobs/sha256/{digest.split(':', 1)[1]}", spool, size, ts)
                folder.chtimes("blobs", ts)
                saved_layers[diff_id] = _distribution_descriptor(MEDIA_LAYER, digest, size)
            sources[diff_id] = saved_layers[diff_id]
            parent_v1 = vid
        # the config, byte for byte
        folder.mkdir("blobs/sha256", ts)
        folder.chtimes("blobs/sha256", ts)
        folder.chtimes("blobs", ts)
        config_id = getattr(img, "config_id", img.id)     # the containerd store: ID ≠ config
        folder.write(f"blobs/sha256/{config_id[7:]}", img.raw, ts)
        # the OCI manifest
        oci = {"schemaVersion": 2, "mediaType": MEDIA_MANIFEST,
               "config": _descriptor(MEDIA_CONFIG, config_id, len(img.raw)),
               "layers": [_descriptor(MEDIA_LAYER, sources[d]["digest"], sources[d]["size"])
                          for d in diff_ids]}
        data = marshal(oci)
        mdigest = "sha256:" + hashlib.sha256(data).hexdigest()
        folder.mkdir("blobs/sha256", 0)
        folder.chtimes("blobs/sha256", 0)
        folder.write(f"blobs/sha256/{mdigest.split(':', 1)[1]}", data, 0)
        repo_tags = []
        for ref in entry.refs:
            repos_legacy.setdefault(ref.familiar_name, {})[ref.tag] = diff_ids[-1].split(":", 1)[1]
            repo_tags.append(ref.familiar)
            index_manifests.append(_descriptor(MEDIA_MANIFEST, mdigest, len(data),
                                               {ANNOTATION_NAME: f"{ref.name}:{ref.tag}",
                                                ANNOTATION_REF: ref.tag}))
        if not index_manifests:
            index_manifests.append(_descriptor(MEDIA_MANIFEST, mdigest, len(data)))
        item = {"Config": f"blobs/sha256/{config_id[7:]}", "RepoTags": repo_tags or None,
                "Layers": [f"blobs/sha256/{d.split(':', 1)[1]}" for d in diff_ids]}
        item["_parent"] = img.parent or ""
        item["LayerSources"] = _sorted_map(sources)
        manifest.append(item)

    # Parent only when the parent image is in the same tarball (validatedParentLinks)
    ids = {s.image.id for s in saved}
    for item in manifest:
        parent = item.pop("_parent")
        sources = item.pop("LayerSources")
        if parent and parent in ids and parent != item["Config"]:
            item["Parent"] = parent
        item["LayerSources"] = sources
    if repos_legacy:
        folder.write("repositories",
                     go_encode({k: _sorted_map(v) for k, v in sorted(repos_legacy.items())}), 0)
    folder.write("manifest.json", go_encode(manifest), 0)
    folder.write("oci-layout", OCI_LAYOUT, 0)
    folder.write("index.json", marshal({"schemaVersion": 2, "mediaType": MEDIA_INDEX,
                                           "manifests": index_manifests}), 0)


# ------------------------------------------------------------------------------- load
def _decompress(data: bytes) -> bytes:
    try:
        return archive.decompress(data)
    except archive.TarFormatError as e:
        raise LoadError(str(e)) from None


def _untar(data: bytes, engine) -> dict[str, bytes]:
    """chrootarchive.Untar into ``docker-import-*``: the files of the tarball by path."""
    try:
        src = io.BytesIO(_decompress(data))
    except (OSError, EOFError, lzma.LZMAError) as e:
        raise LoadError(f"Error processing tar file(exit status 1): {e}") from None
    files: dict[str, bytes] = {}
    dirs: set[str] = set()
    try:
        with tarfile.open(fileobj=src, mode="r:") as tf:
            for ti in tf:
                name = posixpath.normpath(ti.name.lstrip("/"))
                if name in (".", "") or name.startswith("../"):
                    continue
                if ti.isdir():
                    dirs.add(name)
                elif ti.isreg():
                    f = tf.extractfile(ti)
                    files[name] = f.read() if f else b""
                elif ti.issym():
                    files.setdefault("\0symlink:" + name, ti.linkname.encode())
                elif ti.islnk():
                    target = posixpath.normpath(ti.linkname.lstrip("/"))
                    if target in files:
                        files[name] = files[target]
    except tarfile.ReadError as e:
        msg = "unexpected EOF" if len(data) < 1024 or "empty" in str(e) or "truncated" in str(e) \
            else "archive/tar: invalid tar header"
        raise LoadError(f"Error processing tar file(exit status 1): {msg}") from None
    except (tarfile.TarError, EOFError):
        raise LoadError("Error processing tar file(exit status 1): unexpected EOF") from None
    return files


def _tmpdir(engine) -> str:
    """The name of the daemon's ``docker-import-NNN`` folder (os.MkdirTemp: a random number)."""
    n = int(engine.ids.hex64()[:8], 16) % 10**10
    return f"/var/lib/docker/tmp/docker-import-{n}"


def load(engine, in_file, out: Callable[[str], None] | None = None) -> list[str]:
    """``docker load -i FILE``: ``in_file`` is a path, bytes or a binary file object.  Prints
    what dockerd streams back (``Loaded image: app:1``) through ``out``; returns the tags
    loaded, or the image IDs when the tarball names none.  Errors: :class:`LoadError`."""
    out = out or (lambda s: None)
    if isinstance(in_file, (bytes, bytearray)):
        data = bytes(in_file)
    elif isinstance(in_file, (str, os.PathLike)):
        with open(in_file, "rb") as f:
            data = f.read()
    else:
        data = in_file.read()
    tmp = _tmpdir(engine)
    files = _untar(data, engine)

    def read(path: str) -> bytes:
        p = posixpath.normpath(path.lstrip("/"))
        if p not in files:
            raise LoadError(f"open {tmp}/{p}: no such file or directory")
        return files[p]

    try:
        manifest = json.loads(read("manifest.json"))
    except json.JSONDecodeError as e:
        raise LoadError(f"invalid character in manifest.json: {e.msg}") from None
    if manifest is None:
        raise LoadError("invalid manifest, manifest cannot be null (but can be [])")

    from ..reference import parse as parse_ref
    image_ids_str = ""
    ref_count = 0
    loaded: list[str] = []
    loaded_ids: list[str] = []
    parent_links: list[tuple[str, str]] = []
    for m in manifest:
        raw = read(m.get("Config") or "")
        try:
            config = json.loads(raw)
        except json.JSONDecodeError as e:
            raise LoadError(f"invalid character in image config: {e.msg}") from None
        if (config.get("os") or "linux") != "linux":
            raise LoadError(f"cannot load {config.get('os')} image on linux")
        diff_ids = list((config.get("rootfs") or {}).get("diff_ids") or [])
        layers = list(m.get("Layers") or [])
        if len(layers) != len(diff_ids):
            raise LoadError(f"invalid manifest, layers length mismatch: expected "
                            f"{len(layers)}, got {len(diff_ids)}")
        sources = m.get("LayerSources") or {}
        parent: Layer | None = None
        for i, diff_id in enumerate(diff_ids):
            cid = chain_id(parent.chain_id if parent else None, diff_id)
            layer = engine.layer_store.get(cid)
            if layer is not None:
                engine.layer_store.retain(layer)
            else:
                tar_bytes = _decompress(read(layers[i]))
                actual = "sha256:" + hashlib.sha256(tar_bytes).hexdigest()
                if actual != diff_id:
                    if parent is not None:
                        engine.layer_store.release(parent)
                    raise LoadError(f"invalid diffID for layer {i}: expected {go_quote(diff_id)}, "
                                    f"got {go_quote(actual)}")
                try:
                    tree = archive.tar_to_tree(archive.read_tar(tar_bytes))
                except archive.TarFormatError as e:
                    if parent is not None:
                        engine.layer_store.release(parent)
                    raise LoadError(f"Error processing tar file(exit status 1): {e}") from None
                layer = engine.layer_store.register(tree, parent, tar_blob=BytesBlob(tar_bytes))
                src = sources.get(diff_id)
                if src and src.get("digest"):
                    _write_descriptor(engine, layer, src)
            if parent is not None:
                engine.layer_store.release(parent)
            parent = layer
        img = engine.image_store.create(config, parent, raw=raw)
        image_ids_str += f"Loaded image ID: {img.id}\n"
        loaded_ids.append(img.id)
        ref_count = 0
        for tag in m.get("RepoTags") or []:
            try:
                ref = parse_ref(tag)
            except ReferenceError as e:
                raise LoadError(str(e)) from None
            if ref.tag is None or ref.digest is not None:
                raise LoadError(f"invalid tag {go_quote(tag)}")
            prev = engine.refs.get(ref)
            if prev is not None and prev != img.id:
                out(f"The image {ref.familiar} already exists, renaming the old one with ID "
                    f"{prev} to empty string\n")
            engine.refs.add(ref, img.id)
            out(f"Loaded image: {ref.familiar}\n")
            loaded.append(ref.familiar)
            ref_count += 1
        parent_links.append((img.id, m.get("Parent") or ""))
    ids = {i for i, _ in parent_links}
    for iid, pid in parent_links:
        if pid and pid in ids and pid != iid:
            _set_parent(engine, iid, pid)
    if ref_count == 0:
        out(image_ids_str)
        return loaded_ids if not loaded else loaded
    return loaded


def _write_descriptor(engine, layer: Layer, src: dict) -> None:
    """layerdb ``descriptor.json``: the layer's distribution descriptor (RegisterWithDescriptor)."""
    d = f"{engine.layer_store.root}/sha256/{layer.chain_id.split(':', 1)[1]}"
    t = engine.host.tree
    if t.exists(d):
        desc = {k: src[k] for k in ("mediaType", "size", "digest", "urls", "annotations", "platform")
                if src.get(k)}
        t.write(f"{d}/descriptor.json", marshal(desc))


def _set_parent(engine, iid: str, pid: str) -> None:
    img = engine.image_store.get(iid)
    parent = engine.image_store.get(pid)
    if img is None or parent is None:
        return
    if len(img.history) - len(parent.history) != 1 and (img.history or parent.history):
        raise LoadError(f"image {pid} is not a valid parent for {iid}")
    img.parent = pid
    t = engine.host.tree
    if engine.uses_snapshotter:            # no imagedb: the parent is an image label there
        return
    md = f"{engine.image_store.root}/metadata/sha256/{img.hex}"
    t.mkdir(md, mode=0o700, exist_ok=True)
    t.write(f"{md}/parent", pid.encode(), mode=0o600)
