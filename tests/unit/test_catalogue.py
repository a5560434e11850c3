"""The built-in image catalogue: deterministic layer trees shaped like the real images."""
from __future__ import annotations

import functools
import hashlib
import re
import stat as st

import pytest

from dockstore_magic.catalogue import CatalogueImage, images, lookup, names
from dockstore_magic.fs import Dir, FillerBlob, OverlayFS, TreeFS, tree_size
from dockstore_magic.fs.tree import File, Symlink

# docker images SIZE of the modelled images (see each family module's docstring)
DOCUMENTED = {
    "busybox:1.36.1": 4.26e6, "busybox:latest": 4.42e6, "alpine:3.20": 7.80e6,
    "alpine:3.19": 7.40e6, "debian:bookworm": 117e6, "debian:bookworm-slim": 74.8e6,
    "ubuntu:24.04": 78.1e6, "ubuntu:22.04": 77.9e6, "python:3.12-slim": 124e6,
    "nginx:1.27": 192e6,
}
LAYERS = {"busybox:latest": 1, "alpine:latest": 1, "debian:bookworm": 1,
          "debian:bookworm-slim": 1, "ubuntu:24.04": 1, "ubuntu:22.04": 1,
          "python:3.12-slim": 4, "nginx:latest": 7}
COMMON_COMMANDS = """ls cat cp mv rm mkdir touch chmod chown stat head tail wc grep find du df
env id pwd test [ true false sleep dd truncate fallocate ln readlink sort uniq cut tr sed tee
xargs hostname uname date mktemp md5sum sha256sum tar gzip basename dirname seq whoami nproc
realpath which sh""".split()
# what a slim image really lacks (oraclelinux:9-slim has no findutils, which, util-linux or
# hostname; mysql installs findutils)
ABSENT = {"oraclelinux:9-slim": {"find", "xargs", "which", "fallocate", "hostname"},
          "mysql:9.1.0": {"which", "fallocate", "hostname"}}
DEB_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
ALL = [img.reference for img in images()]


@functools.lru_cache(maxsize=None)
def built(ref: str) -> tuple[Dir, ...]:
    return tuple(layer.build() for layer in lookup(ref).layers)


def merged(ref: str) -> OverlayFS:
    return OverlayFS(None, list(reversed(built(ref))))


def walk(root: Dir) -> list[tuple]:
    out = []

    def rec(node, path):
        entry = [path, node.mode, node.uid, node.gid, node.mtime]
        if isinstance(node, Symlink):
            entry.append(node.target)
        elif isinstance(node, File):
            blob = node.blob
            if isinstance(blob, FillerBlob):
                entry += [blob.size, blob.seed]
            else:
                entry += [blob.size, hashlib.sha256(blob.read()).hexdigest()]
        out.append(tuple(entry))
        if isinstance(node, Dir):
            for name in sorted(node.entries):
                rec(node.entries[name], f"{path}/{name}")
    rec(root, "")
    return out


# ------------------------------------------------------------------------------ registry
def test_lookup_names_and_aliases():
    img = lookup("python:3.12-slim")
    assert isinstance(img, CatalogueImage)
    assert (img.repository, img.tag) == ("python", "3.12-slim")
    assert "3.12-slim-bookworm" in img.aliases and "3.12-slim" not in img.aliases
    assert lookup("library/python:3.12-slim").tag == "3.12-slim"
    assert lookup("docker.io/library/nginx").tag == "latest"
    assert lookup("nginx:1.27").layers[0] is lookup("nginx:latest").layers[0]
    assert lookup("python:2.7") is None and lookup("nosuchimage:latest") is None
    for ref in ("busybox:latest", "busybox:1.36", "busybox:1.36.1", "alpine:latest",
                "alpine:3.20", "alpine:3.19", "debian:latest", "debian:bookworm", "debian:12",
                "debian:bookworm-slim", "ubuntu:latest", "ubuntu:24.04", "ubuntu:noble",
                "ubuntu:22.04", "ubuntu:jammy", "python:3.12-slim", "nginx:latest",
                "nginx:1.27"):
        assert ref in names(), ref
        assert lookup(ref) is not None


def test_lookup_returns_independent_records():
    a, b = lookup("nginx:latest"), lookup("nginx:latest")
    a.config["Env"].append("X=1")
    a.history.pop()
    assert "X=1" not in b.config["Env"] and len(b.history) == len(lookup("nginx").history)


@pytest.mark.parametrize("ref", ALL)
def test_metadata_shape(ref):
    img = lookup(ref)
    assert img.architecture == "amd64" and img.os == "linux"
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", img.repo_digest)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", img.created)
    assert any(e.startswith("PATH=") for e in img.config["Env"])
    assert img.config.get("Cmd")
    nonempty = [h for h in img.history if not h.get("empty_layer")]
    assert len(nonempty) == len(img.layers)
    assert [h["created_by"] for h in nonempty] == [layer.created_by for layer in img.layers]
    assert all(set(h) <= {"created", "created_by", "comment", "empty_layer"} for h in img.history)


@pytest.mark.parametrize("ref,count", sorted(LAYERS.items()))
def test_layer_counts(ref, count):
    assert len(lookup(ref).layers) == count


# ------------------------------------------------------------------------------ trees
@pytest.mark.parametrize("ref", ALL)
def test_builds_are_deterministic_and_sized(ref):
    img = lookup(ref)
    nodes = 0
    for layer, tree in zip(img.layers, built(ref)):
        again = layer.build()
        assert again is not tree
        assert walk(again) == walk(tree)
        assert tree_size(tree) == layer.size_hint
        nodes += len(walk(tree))
    assert nodes < 5000


@pytest.mark.parametrize("ref,size", sorted(DOCUMENTED.items()))
def test_total_size_matches_docker_images(ref, size):
    img = lookup(ref)
    assert img.size == sum(layer.size_hint for layer in img.layers)
    assert abs(img.size - size) / size < 0.05


def test_shared_debian_base_is_identical():
    py, ng, slim = lookup("python:3.12-slim"), lookup("nginx:latest"), lookup("debian:bookworm-slim")
    assert py.layers[0].key == ng.layers[0].key == slim.layers[0].key
    assert walk(py.layers[0].build()) == walk(ng.layers[0].build()) == walk(built("debian:bookworm-slim")[0])
    assert py.history[0]["created_by"] == ng.history[0]["created_by"] \
        == "# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'"


def test_full_and_slim_debian_share_binaries():
    full, slim = TreeFS(built("debian:bookworm")[0]), TreeFS(built("debian:bookworm-slim")[0])
    for path in ("/usr/bin/ls", "/usr/bin/bash", "/usr/bin/perl",
                 "/usr/lib/x86_64-linux-gnu/libc.so.6"):
        assert full.read_blob(path) == slim.read_blob(path)
    assert slim.exists("/etc/dpkg/dpkg.cfg.d/docker") and not full.exists("/etc/dpkg/dpkg.cfg.d/docker")
    assert full.isdir("/usr/share/man/man1") and not slim.exists("/usr/share/man")
    assert slim.isfile("/usr/share/doc/bash/copyright")


@pytest.mark.parametrize("ref", ALL)
def test_sh_and_commands_present(ref):
    fs = merged(ref)
    sh = fs.stat("/bin/sh")
    assert sh.is_file and sh.perm & 0o111
    path = DEB_PATH + (["/usr/local/bin"] if ref.startswith("python") else [])
    for cmd in COMMON_COMMANDS:
        if cmd in ABSENT.get(ref, ()):
            assert not any(fs.exists(f"{d}/{cmd}") for d in path), f"{ref}: {cmd} present"
            continue
        hits = [d for d in path if fs.isfile(f"{d}/{cmd}")]
        assert hits, f"{ref}: {cmd} missing"
        assert fs.stat(f"{hits[0]}/{cmd}").perm & 0o111, f"{ref}: {cmd} not executable"


@pytest.mark.parametrize("ref", ["debian:bookworm", "debian:bookworm-slim", "ubuntu:24.04",
                                 "ubuntu:22.04", "python:3.12-slim", "nginx:latest"])
def test_debian_family_layout(ref):
    fs = merged(ref)
    for link, target in (("/bin", "usr/bin"), ("/lib", "usr/lib"), ("/sbin", "usr/sbin"),
                         ("/lib64", "usr/lib64")):
        assert fs.readlink(link) == target
    assert fs.realpath("/bin/sh") == "/usr/bin/dash"
    assert fs.stat("/usr/bin/ls").size > 100_000
    for cmd in ("bash", "dash", "apt", "apt-get", "dpkg"):
        assert fs.isfile(f"/usr/bin/{cmd}")
    assert fs.stat("/root").perm == 0o700 and fs.stat("/tmp").perm == 0o1777
    shadow = fs.stat("/etc/shadow")
    assert shadow.perm == 0o640 and shadow.gid == 42
    passwd = fs.read_text("/etc/passwd")
    assert passwd.startswith("root:x:0:0:root:/root:/bin/bash\n") and "_apt:x:" in passwd
    status = fs.read_text("/var/lib/dpkg/status")
    assert "Package: coreutils\nEssential: yes\nStatus: install ok installed" in status
    listed = fs.read_text("/var/lib/dpkg/info/coreutils.list")
    assert "/usr/bin/ls\n" in listed


def test_debian_texts():
    fs = merged("debian:bookworm")
    assert 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"' in fs.read_text("/etc/os-release")
    assert fs.read_text("/etc/debian_version") == "12.8\n"
    assert "Suites: bookworm bookworm-updates" in fs.read_text("/etc/apt/sources.list.d/debian.sources")
    names_ = [line.split(":")[0] for line in fs.read_text("/etc/passwd").splitlines()]
    assert names_ == ["root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news",
                      "uucp", "proxy", "www-data", "backup", "list", "irc", "_apt", "nobody"]
    assert fs.stat("/usr/bin/ls").size == 151344 and fs.stat("/usr/bin/bash").size == 1265648


def test_ubuntu_texts():
    noble, jammy = merged("ubuntu:24.04"), merged("ubuntu:22.04")
    assert 'PRETTY_NAME="Ubuntu 24.04.1 LTS"' in noble.read_text("/etc/os-release")
    assert 'PRETTY_NAME="Ubuntu 22.04.5 LTS"' in jammy.read_text("/etc/os-release")
    assert "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash" in noble.read_text("/etc/passwd")
    assert "ubuntu:" not in jammy.read_text("/etc/passwd")
    assert [h["created_by"] for h in lookup("ubuntu:24.04").history][:4] == [
        "/bin/sh -c #(nop)  ARG RELEASE", "/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH",
        "/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu",
        "/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04"]


def test_busybox_applets_are_hard_links():
    root = built("busybox:1.36.1")[0]
    fs = TreeFS(root)
    bb = fs.lstat("/bin/busybox")
    assert bb.nlink > 390
    for applet in ("ls", "sh", "cat", "["):
        assert fs.lstat(f"/bin/{applet}").ino == bb.ino
    assert fs.readlink("/lib64") == "lib"
    assert fs.read_text("/etc/passwd").startswith("root:x:0:0:root:/root:/bin/sh\n")
    assert tree_size(root) < bb.size * 5       # the 400 names count once


def test_alpine_layout():
    fs = merged("alpine:latest")
    assert fs.readlink("/bin/ls") == "/bin/busybox"
    assert fs.read_text("/etc/alpine-release") == "3.20.3\n"
    assert 'PRETTY_NAME="Alpine Linux v3.20"' in fs.read_text("/etc/os-release")
    assert "v3.20/main" in fs.read_text("/etc/apk/repositories")
    installed = fs.read_text("/lib/apk/db/installed")
    assert "P:musl\nV:1.2.5-r0\n" in installed and "P:busybox\nV:1.36.1-r29\n" in installed
    assert fs.isfile("/lib/ld-musl-x86_64.so.1")


def test_python_image():
    img = lookup("python:3.12-slim")
    assert img.config["Cmd"] == ["python3"]
    assert "PYTHON_VERSION=3.12.8" in img.config["Env"] and "LANG=C.UTF-8" in img.config["Env"]
    assert img.config["Env"][0] == \
        "PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert img.layers[3].size_hint == 36
    links = TreeFS(built("python:3.12-slim")[3])
    assert sorted(links.listdir("/usr/local/bin")) == ["idle", "pip", "pydoc", "python",
                                                       "python-config"]
    fs = merged("python:3.12-slim")
    assert fs.realpath("/usr/local/bin/python") == "/usr/local/bin/python3.12"
    for cmd in ("python3", "pip", "pip3", "pydoc3", "python3.12"):
        assert fs.stat(f"/usr/local/bin/{cmd}").perm & 0o111
    assert fs.read_text("/usr/local/bin/pip3").startswith("#!/usr/local/bin/python3.12\n")
    assert fs.isfile("/usr/local/lib/libpython3.12.so.1.0")
    assert fs.isdir("/usr/local/lib/python3.12/site-packages/pip")
    assert fs.isfile("/etc/ssl/certs/ca-certificates.crt")
    status = fs.read_text("/var/lib/dpkg/status")
    assert "Package: tzdata\n" in status and "Package: libsqlite3-0\n" in status
    assert "Package: coreutils\n" in status


def test_nginx_image():
    img = lookup("nginx:latest")
    cfg = img.config
    assert cfg["Entrypoint"] == ["/docker-entrypoint.sh"]
    assert cfg["Cmd"] == ["nginx", "-g", "daemon off;"]
    assert cfg["ExposedPorts"] == {"80/tcp": {}} and cfg["StopSignal"] == "SIGQUIT"
    assert "NGINX_VERSION=1.27.3" in cfg["Env"]
    assert [layer.size_hint for layer in img.layers[2:]] == [1616, 2123, 389, 3018, 4613]
    fs = merged("nginx:latest")
    assert "<title>Welcome to nginx!</title>" in fs.read_text("/usr/share/nginx/html/index.html")
    assert fs.read_text("/etc/nginx/nginx.conf").startswith("\nuser  nginx;\n")
    assert "nginx:x:101:101:nginx user:/nonexistent:/bin/false" in fs.read_text("/etc/passwd")
    assert fs.readlink("/var/log/nginx/access.log") == "/dev/stdout"
    assert fs.stat("/usr/sbin/nginx").perm & 0o111
    ep = fs.stat("/docker-entrypoint.sh")
    assert st.S_IMODE(ep.mode) == 0o775
    assert sorted(fs.listdir("/docker-entrypoint.d")) == [
        "10-listen-on-ipv6-by-default.sh", "15-local-resolvers.envsh",
        "20-envsubst-on-templates.sh", "30-tune-worker-processes.sh"]
    # the ipv6 script checks default.conf against dpkg's recorded md5: it must match
    conf = fs.read_bytes("/etc/nginx/conf.d/default.conf")
    assert f"/etc/nginx/conf.d/default.conf {hashlib.md5(conf).hexdigest()}" in \
        fs.read_text("/var/lib/dpkg/status")


def test_layer_blob_digests():
    py, ng = lookup("python:3.12-slim"), lookup("nginx:latest")
    assert py.layers[0].digest == ng.layers[0].digest == \
        "sha256:fd674058ff8f8cfa7fb8a20c006fc0128541cbbad7f7f7f28df570d08f9e4d92"
    every = [layer for img in images() for layer in img.layers]
    assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", layer.digest) for layer in every)
    assert all(0 < layer.compressed_size for layer in every)
    by_digest = {}
    for layer in every:
        assert by_digest.setdefault(layer.digest, layer.key) == layer.key
