"""Simulated package managers: their output, their errors, and what they leave on disk."""
import pytest

from dockstore_magic.fs import FillerBlob
from dockstore_magic.shell.sandbox import make_busybox_fs, make_debian_fs, sh


def out(fs, script, **kw):
    r, _ = sh(fs, script, **kw)
    return r.exit_code, r.stdout.decode(), r.stderr.decode()


def du_k(fs, path):
    r, _ = sh(fs, f"du -sk {path}")
    return int(r.stdout.split()[0])


# ---------------------------------------------------------------- apt
def test_apt_install_without_update_cannot_locate():
    fs = make_debian_fs()
    code, o, e = out(fs, "apt-get install -y curl")
    assert code == 100
    assert o == "Reading package lists...\nBuilding dependency tree...\nReading state information...\n"
    assert e == "E: Unable to locate package curl\n"


def test_apt_update_install_and_lists():
    fs = make_debian_fs()
    code, o, e = out(fs, "apt-get update")
    assert code == 0
    assert o.startswith("Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\n")
    assert o.endswith("Reading package lists...\n")
    names = fs.listdir("/var/lib/apt/lists")
    assert "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4" in names
    assert 15_000 < du_k(fs, "/var/lib/apt/lists") < 30_000          # tens of MB
    code, o, e = out(fs, "apt-get install -y --no-install-recommends curl && curl --version")
    assert code == 0
    assert "The following NEW packages will be installed:\n  curl libbrotli1 libcurl4" in o
    assert "0 upgraded, 16 newly installed, 0 to remove and 0 not upgraded.\n" in o
    assert "Setting up curl (7.88.1-10+deb12u8) ...\n" in o
    assert "Recommended packages:\n  ca-certificates" in o
    assert e == "debconf: delaying package configuration, since apt-utils is not installed\n"
    assert fs.stat("/usr/bin/curl").perm == 0o755
    assert fs.isfile("/usr/share/doc/curl/copyright")
    assert "/usr/bin/curl\n" in fs.read_text("/var/lib/dpkg/info/curl.list")
    assert "Package: curl\nStatus: install ok installed" in fs.read_text("/var/lib/dpkg/status")
    # docker-clean: no .deb left behind; the lists stay until removed
    assert [n for n in fs.listdir("/var/cache/apt/archives") if n.endswith(".deb")] == []
    code, o, e = out(fs, "apt-get install -y curl")
    assert "curl is already the newest version (7.88.1-10+deb12u8).\n" in o
    assert out(fs, "apt-get install -y nosuchpkg") == \
        (100, "Reading package lists...\nBuilding dependency tree...\nReading state information...\n",
         "E: Unable to locate package nosuchpkg\n")
    assert out(fs, "rm -rf /var/lib/apt/lists/* && du -sk /var/lib/apt/lists")[1] == \
        "4\t/var/lib/apt/lists\n"


def test_apt_recommends_make_it_bigger_and_prompt_without_y():
    small, big = make_debian_fs(), make_debian_fs()
    out(small, "apt-get update -qq && apt-get install -y -qq --no-install-recommends git")
    out(big, "apt-get update -qq && apt-get install -y -qq git")
    assert du_k(big, "/usr") > du_k(small, "/usr") > 60_000
    fs = make_debian_fs()
    code, o, e = out(fs, "apt-get update -qq; apt-get install curl")
    assert code == 1 and o.endswith("Do you want to continue? [Y/n] Abort.\n")
    assert not fs.exists("/usr/bin/curl")


def test_apt_as_non_root_and_apt_warning():
    fs = make_debian_fs()
    assert out(fs, "apt-get update", uid=1000, gid=1000) == (100, "", (
        "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\n"
        "E: Unable to lock directory /var/lib/apt/lists/\n"))
    code, o, e = out(fs, "apt update -qq")
    assert e.startswith("\nWARNING: apt does not have a stable CLI interface.")


def test_apt_python_is_externally_managed():
    fs = make_debian_fs()
    assert out(fs, "apt-get update -qq && apt-get install -y -qq python3-pip")[0] == 0
    code, o, e = out(fs, "pip install requests")
    assert code == 1 and e.startswith("error: externally-managed-environment\n")
    assert out(fs, "pip install -q --break-system-packages requests")[0] == 0
    assert fs.isdir("/usr/local/lib/python3.11/dist-packages/requests")


# ---------------------------------------------------------------- apk
def test_apk_add_without_index_fetches_it_first():
    # the official images ship no index: apk fetches it (and keeps it in /var/cache/apk); the
    # "WARNING: opening from cache" lines only appear when that fetch fails
    fs = make_busybox_fs()
    code, o, e = out(fs, "apk add curl")
    assert code == 0 and e == ""
    assert o.startswith("fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/"
                        "APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/"
                        "community/x86_64/APKINDEX.tar.gz\n(1/")
    assert len([n for n in fs.listdir("/var/cache/apk") if n.startswith("APKINDEX.")]) == 2
    code, o, e = out(fs, "apk add nosuchpkg")
    assert (code, e) == (1, "ERROR: unable to select packages:\n  nosuchpkg (no such package):\n"
                            "    required by: world[nosuchpkg]\n")


def test_apk_no_cache_vs_update_cache():
    a, b = make_busybox_fs(), make_busybox_fs()
    code, o, e = out(a, "apk add --no-cache curl")
    assert code == 0
    assert o.startswith("fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\n")
    assert "(10/10) Installing curl (8.11.1-r0)\n" in o
    assert o.endswith("Executing ca-certificates-20241121-r1.trigger\nOK: 13 MiB in 24 packages\n")
    assert a.listdir("/var/cache/apk") == []
    assert out(b, "apk update && apk add curl")[0] == 0
    assert len(b.listdir("/var/cache/apk")) == 2                  # the APKINDEX caches
    assert "P:curl\nV:8.11.1-r0" in a.read_text("/lib/apk/db/installed")
    assert "curl" in a.read_text("/etc/apk/world").split()
    assert out(a, "apk add --no-cache nosuch")[2] == \
        "ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n"


def test_apk_virtual_and_del():
    fs = make_busybox_fs()
    code, o, e = out(fs, "apk add --no-cache --virtual .build-deps make patch && make --version; "
                         "apk del .build-deps && ls /usr/bin/make")
    assert "(3/3) Installing .build-deps (" in o
    assert "(3/3) Purging make (4.4.1-r2)\n" in o or "Purging make (4.4.1-r2)" in o
    assert "ls: /usr/bin/make: No such file or directory\n" in e


# ---------------------------------------------------------------- pip
@pytest.fixture
def py():
    return make_debian_fs(python=True)


def test_pip_install_with_and_without_cache(py):
    code, o, e = out(py, "pip install requests==2.32.3")
    assert code == 0
    assert o.startswith("Collecting requests==2.32.3\n")
    assert "Installing collected packages: charset-normalizer, idna, urllib3, certifi, requests\n" in o
    assert o.endswith("Successfully installed certifi-2024.8.30 charset-normalizer-3.4.0 "
                      "idna-3.10 requests-2.32.3 urllib3-2.2.3\n")
    assert e.startswith("WARNING: Running pip as the 'root' user")
    site = "/usr/local/lib/python3.12/site-packages"
    assert py.isfile(f"{site}/requests/__init__.py")
    assert py.read_text(f"{site}/requests-2.32.3.dist-info/INSTALLER") == "pip\n"
    assert py.isdir("/root/.cache/pip/http-v2")
    assert out(py, "pip install requests")[1] == \
        f"Requirement already satisfied: requests in {site} (2.32.3)\n"
    nc = make_debian_fs(python=True)
    assert out(nc, "pip install --no-cache-dir -q flask")[0] == 0
    assert not nc.exists("/root/.cache/pip")
    assert nc.isfile("/usr/local/bin/flask")


def test_pip_requirements_unknown_and_errors(py):
    py.mkdir("/app")
    py.write("/app/requirements.txt", "flask==3.0.0\n# comment\nmy-private-lib>=1.0\n")
    code, o, e = out(py, "cd /app && pip install -r requirements.txt --root-user-action=ignore")
    assert code == 0 and e.startswith("\n[notice]")
    assert "my_private_lib" in o or "my-private-lib" in o
    assert out(py, "pip install 'bad name'")[2] == "ERROR: Invalid requirement: 'bad name'\n"
    assert out(py, "pip install -r /nope.txt")[2] == \
        "ERROR: Could not open requirements file: [Errno 2] No such file or directory: '/nope.txt'\n"
    assert out(py, "pip uninstall -y flask && pip list | grep -ci '^flask '")[1].endswith("0\n")


def test_pip_pin_of_a_version_the_index_lacks(py):
    site = "/usr/local/lib/python3.12/site-packages"
    code, o, e = out(py, "pip install 'Flask == 9.9'")
    head = "ERROR: Could not find a version that satisfies the requirement Flask==9.9 (from versions: "
    assert (code, o) == (1, "") and e.startswith(head)
    versions = e[len(head):e.index(")\n")].split(", ")
    assert versions[:3] == ["0.1", "0.2", "0.3"] and versions[-1] == "3.1.0"
    assert "2.0.0rc1" in versions and "3.1.1" not in versions      # the index of late 2024
    assert e.endswith(")\nERROR: No matching distribution found for Flask==9.9\n")
    assert not py.exists(f"{site}/flask")                            # nothing installed
    # a pin that names an existing version another way (PEP 440: zeros, a prefix) is found
    assert out(py, "pip install -q --root-user-action=ignore requests==2.31 'flask==3.0.*'")[0] == 0
    py.mkdir("/app")
    py.write("/app/requirements.txt", "requests==2.32.4\n")
    code, o, e = out(py, "cd /app && pip install -r requirements.txt")
    assert code == 1 and e.endswith("ERROR: No matching distribution found for requests==2.32.4\n")
    # "pip install requirements.txt" (the -r forgotten): pip's own hint
    code, o, e = out(py, "cd /app && pip install requirements.txt")
    assert code == 1 and o.startswith('HINT: You are attempting to install a package literally '
                                      'named "requirements.txt"')
    assert e == ("ERROR: Could not find a version that satisfies the requirement requirements.txt "
                 "(from versions: none)\nERROR: No matching distribution found for requirements.txt\n")


# ---------------------------------------------------------------- npm
def test_npm_install_express():
    fs = make_debian_fs()
    fs.write("/usr/local/bin/node", FillerBlob(90_000_000, "node"), mode=0o755)
    fs.write("/usr/local/bin/npm", "#!/usr/bin/env node\n", mode=0o755)
    code, o, e = out(fs, "mkdir /app && cd /app && npm install express")
    assert code == 0
    assert o.startswith("\nadded 63 packages, and audited 64 packages in 3s\n")
    assert o.endswith("found 0 vulnerabilities\n")
    assert fs.isfile("/app/node_modules/express/package.json")
    assert '"express": "^4.21.1"' in fs.read_text("/app/package.json")
    assert fs.isfile("/app/package-lock.json")
    assert fs.isdir("/root/.npm/_cacache")
    assert out(fs, "cd /app && rm -rf node_modules && npm ci")[0] == 0
    assert out(fs, "mkdir /b && cd /b && npm ci")[0] == 1


def test_package_managers_need_their_binaries():
    assert out(make_busybox_fs(), "apt-get update") == \
        (127, "", "/bin/sh: apt-get: not found\n")
    assert out(make_debian_fs(), "apk add curl") == (127, "", "/bin/sh: 1: apk: not found\n")
    assert out(make_debian_fs(), "pip install x") == (127, "", "/bin/sh: 1: pip: not found\n")
