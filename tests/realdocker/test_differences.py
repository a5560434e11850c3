"""Every entry of ``differences.py`` is still observed on the engine here: a difference that
the engine no longer shows (an upgraded engine, a fixed wording) is stale and fails, so the
list stays the list of what really differs.  One cheap probe per entry (a few share one
command); each must match the entry's ``engine`` pattern, and applying the entry must change
the text (for the header that current Docker adds, the engine must not print it yet)."""
from __future__ import annotations

import os
import re
import subprocess
import time

import pytest

from realdocker.differences import DIFFERENCES

pytestmark = pytest.mark.requires_docker


class Probes:
    """Runs each probe command once, on demand."""

    def __init__(self, real, busybox_tar, tmp):
        self.real, self.tar, self.tmp = real, busybox_tar, tmp
        self.token = f"dsm-diffs-{os.getpid() % 1000}{time.time_ns() % 10**6}"
        self.cache: dict[str, str] = {}
        self._base = None

    @property
    def base(self) -> str:
        if self._base is None:
            self._base = f"{self.token}-base:1"
            self.real.run("import", str(self.tar), self._base)
        return self._base

    def _once(self, key, fn) -> str:
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def build(self, dockerfile: str) -> str:
        def go():
            ctx = self.tmp / f"ctx{len(self.cache)}"
            r = self.real.build(dockerfile.replace("BASE", self.base) if "BASE" in dockerfile
                                else dockerfile, context=ctx, check=False)
            return r.stderr
        return self._once("build:" + dockerfile, go)

    def parse_error(self) -> str:
        return self.build(f"FROM scratch\n# {self.token}\nFOO bar\n")

    def docker_err(self, *args) -> str:
        return self._once(" ".join(args), lambda: self.real.run(*args, check=False).stderr)

    def running(self) -> str:
        name = f"{self.token}-run"
        self._once("running", lambda: self.real.run("run", "-d", "--name", name, self.base,
                                                    "sleep", "300").stdout)
        return name

    def prune_named_volume(self) -> str:
        name = f"{self.token}-vol"
        self.real.run("volume", "create", "--label", f"{self.token}=1", name)
        return self._once("volume prune", lambda: self.real.run(
            "volume", "prune", "-f", "--filter", f"label={self.token}=1").stdout)

    def onbuild(self) -> str:
        def go():
            parent = f"{self.token}-onbuild:1"
            self.real.build(f"FROM {self.base}\nONBUILD RUN echo triggered\n", tag=parent,
                            context=self.tmp / "onbuild-parent")
            return self.real.build(f"FROM {parent}\n", context=self.tmp / "onbuild-child",
                                   check=False).stderr
        return self._once("onbuild", go)

    def save_listing(self) -> str:
        def go():
            path = self.tmp / "saved.tar"
            self.real.run("save", "-o", str(path), self.base)
            return subprocess.run(["tar", "tf", str(path)], capture_output=True, text=True).stdout
        return self._once("save", go)


PROBES = {
    "buildkit-vertex-digests": lambda p: p.parse_error(),
    "buildx-header": lambda p: p.parse_error(),
    "build-parse-error": lambda p: p.parse_error(),
    "build-frontend-prefix": lambda p: p.parse_error(),
    "build-run-failure": lambda p: p.build(f"FROM BASE\nRUN echo {p.token} && exit 3\n"),
    "build-copy-missing": lambda p: p.build(f"FROM BASE\n# {p.token}\nCOPY missing.txt /\n"),
    "build-frontend-marshal": lambda p: p.build(f"FROM BASE\n# {p.token}\nRUN []\n"),
    "build-expansion-wrap": lambda p: p.build(f"FROM BASE\n# {p.token}\nENV A=${{Y:?no}}\n"),
    "build-onbuild-prefix": lambda p: p.onbuild(),
    "build-run-groups": lambda p: p.build(f"FROM BASE\nUSER daemon\nRUN id; echo {p.token}\n"),
    "build-run-mount-error": lambda p: p.build(f"FROM BASE\n# {p.token}\nRUN --mount=type=cache,path=/c true\n"),
    "build-target-missing": lambda p: p.real.build(f"FROM scratch AS a\n# {p.token}\nCOPY x /\n",
                                                   context=p.tmp / "target", check=False,
                                                   extra_args=["--target", "nosuch"]).stderr,
    "build-unknown-instruction-suggest": lambda p: p.build(f"FROM scratch\n# {p.token}\nRUNN x\n"),
    "build-run-user": lambda p: p.build(f"FROM BASE\n# {p.token}\nUSER nosuch\nRUN id\n"),
    "rm-running-container": lambda p: p.docker_err("rm", p.running()),
    "restart-policy-unknown": lambda p: p.docker_err("create", "--restart", "bogus", p.base, "true"),
    "restart-policy-count": lambda p: p.docker_err("create", "--restart", "always:3", p.base, "true"),
    "restart-policy-negative": lambda p: p.docker_err("create", "--restart", "on-failure:-1", p.base,
                                                      "true"),
    "save-legacy-layout": lambda p: p.save_listing(),
    "nat-port-errors": lambda p: p.docker_err("import", "--change", "EXPOSE 80/xyz", str(p.tar)),
    "healthcheck-retries": lambda p: p.docker_err("import", "--change",
                                                  "HEALTHCHECK --retries=-1 CMD x", str(p.tar)),
    "volume-prune-named": lambda p: p.prune_named_volume(),
    "invalid-filter": lambda p: p.docker_err("volume", "ls", "--filter", "bogus=1"),
    # a host folder mounted on a file of the image: runc refuses it
    "oci-task-prefix": lambda p: p.docker_err("run", "--rm", "--network", "none", "-v", f"{p.tmp}:/etc/motd",
                                              p.base, "true"),
    "cli-srun-typo": lambda p: p.docker_err("volume", "create", f"{p.token}-a", f"{p.token}-b"),
    "overlay2-metacopy-status": lambda p: p._once(
        "driver status", lambda: p.real.run("info", "--format", "{{json .DriverStatus}}").stdout),
    # a command the image does not have
    "runc-init-error": lambda p: p.docker_err("run", "--rm", "--network", "none", p.base,
                                              f"{p.token}-nosuch"),
}

#: text that current Docker prints and the engine here must not (yet)
ABSENT = {"buildx-header": '#0 building with "default" instance'}


@pytest.fixture(scope="module")
def probes(real_docker, busybox_tar, tmp_path_factory):
    p = Probes(real_docker, busybox_tar, tmp_path_factory.mktemp("diffs"))
    yield p
    real_docker.run("rm", "-f", f"{p.token}-run", check=False)
    real_docker.run("volume", "rm", "-f", f"{p.token}-vol", check=False)


def test_every_difference_has_a_probe():
    assert set(PROBES) == set(DIFFERENCES)


@pytest.mark.parametrize("diff_id", sorted(DIFFERENCES))
def test_difference_is_still_observed(diff_id, probes):
    d = DIFFERENCES[diff_id]
    text = PROBES[diff_id](probes)
    assert re.search(d.engine, text, flags=re.M), \
        f"stale difference {diff_id!r}: the engine no longer prints /{d.engine}/:\n{text}"
    assert d.apply(text) != text
    if diff_id in ABSENT:
        assert ABSENT[diff_id] not in text, f"stale difference {diff_id!r}: the engine prints it"
