"""docker save / docker load without a Docker Engine: the tarball's format (Docker 25+'s OCI
layout plus manifest.json and repositories), its determinism, round trips through a second
engine, the 20.10 layout, and the error texts."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile

import pytest

from dockstore_magic.cli.main import DockerCLI
from dockstore_magic.daemon import Engine
from dockstore_magic.daemon import transfer
from dockstore_magic.layer import chain_id

CLOCK = "2026-01-01T09:00:00Z"


def _cli(tmp_path, seed=7):
    e = Engine(seed=seed, clock=CLOCK)
    return DockerCLI(e, cwd=e.host.share(str(tmp_path)))   # tmp_path: the notebook's folder


def _ok(cli, *argv):
    r = cli.run(list(argv))
    assert r.exit_code == 0, (argv, r.stdout, r.stderr)
    return r


@pytest.fixture
def cli(tmp_path):
    c = _cli(tmp_path)
    _ok(c, "pull", "busybox")
    _ok(c, "run", "--name", "c1", "busybox", "sh", "-c",
        "rm /etc/group; echo appended >> /etc/passwd; mkdir -p /opt/d && echo new > /opt/d/f; "
        "rm -rf /home && mkdir /home")
    _ok(c, "commit", "-m", "a snapshot", "c1", "app:1")
    return c


def _members(path):
    with tarfile.open(path) as tf:
        return {m.name: (m, tf.extractfile(m).read() if m.isfile() else None) for m in tf}


def _inspect(cli, ref):
    return json.loads(_ok(cli, "image", "inspect", ref).stdout)[0]


# ------------------------------------------------------------------------------- the format
def test_save_writes_the_oci_layout_with_manifest_json(cli, tmp_path):
    r = _ok(cli, "save", "-o", "app.tar", "app:1")
    assert (r.stdout, r.stderr) == ("", "")
    m = _members(tmp_path / "app.tar")
    img = _inspect(cli, "app:1")
    diff_ids = img["RootFS"]["Layers"]
    cfg_hex = img["Id"].split(":")[1]

    names = list(m)
    assert names[:2] == ["blobs", "blobs/sha256"]
    assert names[-4:] == ["index.json", "manifest.json", "oci-layout", "repositories"]
    assert names == sorted(names)
    blobs = {n.split("/")[-1]: data for n, (ti, data) in m.items() if n.startswith("blobs/sha256/")}
    # every blob is named by its sha256: layers (by diffID), the config, the OCI manifest,
    # and one legacy v1 JSON per layer
    for hexname, data in blobs.items():
        assert hashlib.sha256(data).hexdigest() == hexname
    assert len(blobs) == 2 * len(diff_ids) + 2
    cfg_raw = blobs[cfg_hex]
    assert hashlib.sha256(cfg_raw).hexdigest() == cfg_hex

    manifest = json.loads(m["manifest.json"][1])
    assert m["manifest.json"][1].endswith(b"]\n")             # json.Encoder: a newline
    assert manifest == [{
        "Config": f"blobs/sha256/{cfg_hex}",
        "RepoTags": ["app:1"],
        "Layers": [f"blobs/sha256/{d.split(':')[1]}" for d in diff_ids],
        "LayerSources": {d: {"mediaType": "application/vnd.oci.image.layer.v1.tar",
                             "size": len(blobs[d.split(':')[1]]), "digest": d}
                         for d in diff_ids},
    }]
    assert m["oci-layout"][1] == b'{"imageLayoutVersion": "1.0.0"}'
    assert m["repositories"][1] == b'{"app":{"1":"%s"}}\n' % diff_ids[-1].split(":")[1].encode()

    index = json.loads(m["index.json"][1])
    assert not m["index.json"][1].endswith(b"\n")
    (desc,) = index["manifests"]
    assert index["schemaVersion"] == 2
    assert index["mediaType"] == "application/vnd.oci.image.index.v1+json"
    assert desc["annotations"] == {"io.containerd.image.name": "docker.io/library/app:1",
                                   "org.opencontainers.image.ref.name": "1"}
    oci = json.loads(blobs[desc["digest"].split(":")[1]])
    assert desc["size"] == len(blobs[desc["digest"].split(":")[1]])
    assert oci["config"] == {"mediaType": "application/vnd.oci.image.config.v1+json",
                             "digest": img["Id"], "size": len(cfg_raw)}
    assert [l["digest"] for l in oci["layers"]] == diff_ids
    assert list(oci) == ["schemaVersion", "mediaType", "config", "layers"]


def test_outer_tar_headers_are_what_moby_writes(cli, tmp_path):
    _ok(cli, "save", "-o", "app.tar", "app:1")
    from dockstore_magic.clock import parse_time
    created = int(parse_time(_inspect(cli, "app:1")["Created"]))
    raw = (tmp_path / "app.tar").read_bytes()
    assert raw.endswith(bytes(1024)) and len(raw) % 512 == 0
    with tarfile.open(tmp_path / "app.tar") as tf:
        for ti in tf:
            assert (ti.uid, ti.gid, ti.uname, ti.gname) == (0, 0, "root", "root")
            assert ti.mode & 0o7777 == (0o755 if ti.isdir() else 0o644)
            if ti.name in ("index.json", "manifest.json", "oci-layout", "repositories", "blobs/sha256"):
                assert ti.mtime == 0, ti.name
            elif ti.name == "blobs" or ti.isfile():
                assert ti.mtime in (0, created), ti.name
    # the type bits are in the mode field, as moby's archive package writes them
    assert raw[100:108] == b"0040755\x00"


def test_layer_tars_carry_the_whiteouts(cli, tmp_path):
    _ok(cli, "save", "-o", "app.tar", "app:1")
    m = _members(tmp_path / "app.tar")
    manifest = json.loads(m["manifest.json"][1])[0]
    top = m[manifest["Layers"][-1]][1]
    with tarfile.open(fileobj=io.BytesIO(top)) as tf:
        names = tf.getnames()
        wh = tf.getmember("etc/.wh.group")
    assert "etc/.wh.group" in names and wh.size == 0 and wh.mode == 0o600
    assert "home/.wh..wh..opq" in names                        # rm -rf + mkdir: opaque
    assert "opt/d/f" in names and "etc/passwd" in names


def test_save_is_deterministic(tmp_path):
    outs = []
    for n in range(2):
        c = _cli(tmp_path, seed=3)
        _ok(c, "pull", "busybox")
        _ok(c, "run", "--name", "c1", "busybox", "sh", "-c", "echo x > /x")
        _ok(c, "commit", "c1", "app:1")
        _ok(c, "save", "-o", f"out{n}.tar", "app:1")
        outs.append((tmp_path / f"out{n}.tar").read_bytes())
    assert outs[0] == outs[1]


def test_v1_ids_are_computed_as_moby_does():
    """Checked against `docker save` on Engine 20.10 (whose layout names folders by them): a
    non-top layer's v1 JSON is {"created": epoch} plus the chain's layer_id and parent."""
    diff_ids = ["sha256:63f681e84010c080d37bb0a3ee8a75830d6b892c5c09c8f454aacf8c81c8f7f5",
                "sha256:b3f2369afbeb46fc13259d1a345ecb91d3ec33d255daf5e29a4e597c3f40e906",
                "sha256:af226d2d15511824da7fa3b713847fba2fb5bc27ee8e62f96ed07248951105a6"]
    expected = ["1ec8739b4f577de33cbcbc5f3ffc608bcd1beed553bddd51c2917f94bcf88be7",
                "f6f5f44479ef9e38b6a4d89342c1aebc90e78ee058d4b202087ff5ad0c0772a4",
                "e74f3b5ba0ad5ab001f21a1b4201c474e587b530b755ab65dd0436ecd2580d7f"]
    parent, chain = "", None
    for d, want in zip(diff_ids, expected):
        chain = chain_id(chain, d)
        vid = transfer.v1_id({"created": transfer.EPOCH_V1}, chain, parent)
        assert vid == "sha256:" + want
        parent = vid
    # and the JSON written for it, byte for byte
    v1 = {"id": expected[1], "parent": expected[0], "created": transfer.EPOCH_V1, "os": "linux"}
    assert transfer.marshal(transfer._v1_ordered(v1)) == (
        b'{"id":"f6f5f44479ef9e38b6a4d89342c1aebc90e78ee058d4b202087ff5ad0c0772a4","parent":'
        b'"1ec8739b4f577de33cbcbc5f3ffc608bcd1beed553bddd51c2917f94bcf88be7","created":'
        b'"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"",'
        b'"AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,'
        b'"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,'
        b'"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}')


# ------------------------------------------------------------------------------- round trips
def test_round_trip_into_a_fresh_engine(cli, tmp_path):
    _ok(cli, "save", "-o", "app.tar", "app:1")
    other = _cli(tmp_path, seed=99)
    r = _ok(other, "load", "-i", "app.tar")
    assert (r.stdout, r.stderr) == ("Loaded image: app:1\n", "")
    a, b = _inspect(cli, "app:1"), _inspect(other, "app:1")
    assert (b["Id"], b["RootFS"], b["Size"], b["Config"]) == (a["Id"], a["RootFS"], a["Size"], a["Config"])
    # history: the same rows (a loaded image has no local parent: <missing> below the top)
    hist = lambda c: [l.split("   ")[-1] for l in _ok(c, "history", "--no-trunc", "--format",
                                                     "{{.CreatedBy}}|{{.Size}}|{{.Comment}}",
                                                     "app:1").stdout.splitlines()]
    assert hist(other) == hist(cli)
    ids = _ok(other, "history", "-q", "app:1").stdout.split()
    assert ids[0] == a["Id"].split(":")[1][:12] and set(ids[1:]) == {"<missing>"}
    # the files, whiteouts applied
    check = "cat /etc/passwd /opt/d/f; ls -a /home; test -e /etc/group || echo gone"
    assert _ok(other, "run", "--rm", "app:1", "sh", "-c", check).stdout == \
        _ok(cli, "run", "--rm", "app:1", "sh", "-c", check).stdout
    assert "gone\n" in _ok(other, "run", "--rm", "app:1", "sh", "-c", check).stdout
    # the layerdb of the new engine: diffIDs and sizes as the first one has them
    top = chain_id(None, a["RootFS"]["Layers"][0])
    for d in a["RootFS"]["Layers"][1:]:
        top = chain_id(top, d)
    path = f"/var/lib/docker/image/overlay2/layerdb/sha256/{top.split(':')[1]}"
    for f in ("diff", "size"):
        assert other.host(f"cat {path}/{f}").stdout == \
            cli.host(f"cat {path}/{f}").stdout
    # a layer loaded with a descriptor in LayerSources keeps it (layerdb descriptor.json)
    desc = json.loads(other.host(f"cat {path}/descriptor.json").stdout)
    assert desc["digest"] == a["RootFS"]["Layers"][-1] and desc["mediaType"].endswith("layer.v1.tar")
    # and saving it again gives the same bytes
    _ok(other, "save", "-o", "again.tar", "app:1")
    assert (tmp_path / "again.tar").read_bytes() == (tmp_path / "app.tar").read_bytes()


def test_load_twice_and_over_an_existing_tag(cli, tmp_path):
    _ok(cli, "save", "-o", "app.tar", "app:1")
    assert _ok(cli, "load", "-i", "app.tar").stdout == "Loaded image: app:1\n"
    old = _inspect(cli, "app:1")["Id"]
    _ok(cli, "tag", "busybox", "app:1")          # the tag now names another image
    r = _ok(cli, "load", "-q", "-i", "app.tar")
    busy = _inspect(cli, "busybox")["Id"]
    assert r.stdout == (f"The image app:1 already exists, renaming the old one with ID {busy} "
                        "to empty string\nLoaded image: app:1\n")
    assert _inspect(cli, "app:1")["Id"] == old


def test_save_by_id_and_by_repository(cli, tmp_path):
    _ok(cli, "tag", "app:1", "app:2")
    _ok(cli, "tag", "busybox", "app:3")
    iid = _inspect(cli, "app:1")["Id"]
    # by ID: no tags
    _ok(cli, "save", "-o", "byid.tar", iid[7:19])
    m = _members(tmp_path / "byid.tar")
    assert json.loads(m["manifest.json"][1])[0]["RepoTags"] is None
    assert "repositories" not in m
    assert "annotations" not in json.loads(m["index.json"][1])["manifests"][0]
    other = _cli(tmp_path, seed=5)
    assert _ok(other, "load", "-i", "byid.tar").stdout == f"Loaded image ID: {iid}\n"
    assert _ok(other, "images", "-q").stdout.strip() == iid[7:19]
    # by repository name: every tag of it
    _ok(cli, "save", "-o", "repo.tar", "app")
    m = _members(tmp_path / "repo.tar")
    items = json.loads(m["manifest.json"][1])
    assert sorted(t for i in items for t in i["RepoTags"]) == ["app:1", "app:2", "app:3"]
    assert json.loads(m["repositories"][1])["app"].keys() == {"1", "2", "3"}
    assert len(json.loads(m["index.json"][1])["manifests"]) == 3
    r = _ok(_cli(tmp_path, seed=6), "load", "-i", "repo.tar")
    assert sorted(r.stdout.splitlines()) == ["Loaded image: app:1", "Loaded image: app:2",
                                             "Loaded image: app:3"]


def test_load_reads_the_docker_20_10_layout_and_gzip(cli, tmp_path):
    """`<v1-id>/{VERSION,json,layer.tar}` + `<config-hex>.json` (what Engine 20.10 writes)."""
    _ok(cli, "save", "-o", "app.tar", "app:1")
    m = _members(tmp_path / "app.tar")
    item = json.loads(m["manifest.json"][1])[0]
    legacy = io.BytesIO()
    with tarfile.open(fileobj=legacy, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        def add(name, data):
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
        cfg_hex = item["Config"].split("/")[-1]
        add(f"{cfg_hex}.json", m[item["Config"]][1])
        layers = []
        for i, path in enumerate(item["Layers"]):
            d = f"{i:064x}"
            add(f"{d}/VERSION", b"1.0")
            add(f"{d}/json", b"{}")
            add(f"{d}/layer.tar", m[path][1])
            layers.append(f"{d}/layer.tar")
        add("manifest.json", json.dumps([{"Config": f"{cfg_hex}.json", "RepoTags": ["old:1"],
                                          "Layers": layers}]).encode())
        add("repositories", b'{"old":{"1":"x"}}\n')
    (tmp_path / "legacy.tar.gz").write_bytes(gzip.compress(legacy.getvalue()))
    other = _cli(tmp_path, seed=11)
    assert _ok(other, "load", "-i", "legacy.tar.gz").stdout == "Loaded image: old:1\n"
    assert _inspect(other, "old:1")["Id"] == _inspect(cli, "app:1")["Id"]


# ------------------------------------------------------------------------------- errors
@pytest.mark.parametrize("argv, out, err", [
    (["save", "app:1"], "", "cowardly refusing to save to a terminal. Use the -o flag or redirect\n"),
    (["save", "-o", "x.tar", "nosuch"], "", "Error response from daemon: No such image: nosuch\n"),
    (["save", "-o", "x.tar", "nosuch:1"], "", "Error response from daemon: reference does not exist\n"),
    (["save", "-o", "x.tar", "0123456789ab"], "", "Error response from daemon: No such image: 0123456789ab\n"),
    (["save", "-o", "x.tar", "Bad"], "",
     "Error response from daemon: invalid reference format: repository name (library/Bad) must be lowercase\n"),
    (["save", "-o", "no/dir/x.tar", "app:1"], "",
     "failed to save image: invalid output path: stat no/dir: no such file or directory\n"),   # CLI 28
    (["load"], "", "requested load from stdin, but stdin is empty\n"),
    (["load", "-i", "nosuch.tar"], "", "open nosuch.tar: no such file or directory\n"),
])
def test_cli_errors(cli, tmp_path, argv, out, err):
    r = cli.run(argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, out, err)
    assert not (tmp_path / "x.tar").exists()


def test_load_errors(cli, tmp_path):
    (tmp_path / "hello.txt").write_text("hello\n")
    r = cli.run(["load", "-i", "hello.txt"])
    assert (r.exit_code, r.stderr) == (1, "Error processing tar file(exit status 1): unexpected EOF\n")

    def tarball(name, files):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tf:
            for n, data in files.items():
                ti = tarfile.TarInfo(n)
                ti.size = len(data)
                tf.addfile(ti, io.BytesIO(data))
        (tmp_path / name).write_bytes(buf.getvalue())

    tarball("nomanifest.tar", {"repositories": b"{}"})
    r = cli.run(["load", "-i", "nomanifest.tar"])
    assert r.exit_code == 1
    assert r.stderr.startswith("open /var/lib/docker/tmp/docker-import-")
    assert r.stderr.endswith("/manifest.json: no such file or directory\n")

    _ok(cli, "save", "-o", "app.tar", "app:1")
    m = _members(tmp_path / "app.tar")
    item = json.loads(m["manifest.json"][1])[0]
    files = {n: d for n, (ti, d) in m.items() if d is not None}
    # one layer too few
    bad = dict(files)
    bad["manifest.json"] = json.dumps([dict(item, Layers=item["Layers"][:-1])]).encode()
    tarball("short.tar", bad)
    other = _cli(tmp_path, seed=12)
    n = len(item["Layers"])
    assert other.run(["load", "-i", "short.tar"]).stderr == \
        f"invalid manifest, layers length mismatch: expected {n - 1}, got {n}\n"
    # a layer that is not the one the config names
    bad = dict(files)
    bad[item["Layers"][-1]] = files[item["Layers"][0]]
    tarball("swapped.tar", bad)
    r = other.run(["load", "-i", "swapped.tar"])
    want = item["Layers"][-1].split("/")[-1]
    got = item["Layers"][0].split("/")[-1]
    assert r.stderr == (f'invalid diffID for layer {n - 1}: expected "sha256:{want}", '
                        f'got "sha256:{got}"\n')
    assert other.run(["images", "-q"]).stdout == ""
