"""Run a scenario on the real engine and on the simulator (through its IPython magics), step
by step, and compare what each step printed.  Every compared step is an :class:`Observation`,
kept in :data:`OBSERVATIONS` for the end-of-run summary."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from realdocker.differences import apply as apply_differences

from . import Scenario, Step, compare_value

DOCKER_ROOT = "/var/lib/docker"


@dataclass
class Observation:
    scenario: str
    index: int
    title: str
    real: str
    sim: str
    xfail: str | None = None

    @property
    def agrees(self) -> bool:
        return self.real == self.sim

    def report(self) -> str:
        import difflib
        diff = "\n".join(difflib.unified_diff(self.real.splitlines(), self.sim.splitlines(),
                                              "real engine", "simulator", lineterm="", n=2))
        return f"[{self.scenario} #{self.index}] {self.title}\n{diff}"


#: every observation of this test run, in order
OBSERVATIONS: list[Observation] = []


def _chain_ids(diff_ids: list[str]) -> list[str]:
    import hashlib
    out, cur = [], None
    for d in diff_ids:
        cur = d if cur is None else "sha256:" + hashlib.sha256(f"{cur} {d}".encode()).hexdigest()
        out.append(cur)
    return out


_PLACEHOLDER = re.compile(r"@\{(\w+):([^{}]+)\}")


class _Side:
    """What both sides offer: run a step, look up an ID or a path for a placeholder."""
    name = ""

    def inspect(self, template: str, ref: str, image: bool = False) -> str:
        raise NotImplementedError

    def read_host(self, path: str) -> str:
        raise NotImplementedError

    def resolve(self, text: str) -> str:
        def one(m):
            fn, arg = m.group(1), m.group(2)
            if fn == "cid":
                return self.inspect("{{.Id}}", arg)
            if fn == "iid":
                return self.inspect("{{.Id}}", arg, image=True).split(":")[-1]
            if fn == "upper":
                return self.inspect("{{.GraphDriver.Data.UpperDir}}", arg)
            if fn == "mountdir":
                return os.path.dirname(self.inspect("{{.GraphDriver.Data.UpperDir}}", arg))
            if fn == "initdir":
                return os.path.dirname(self.inspect("{{.GraphDriver.Data.UpperDir}}", arg)) + "-init"
            if fn in ("chain", "cacheid", "layerdir"):
                img, _, n = arg.rpartition(":")
                diffs = json.loads(self.inspect("{{json .RootFS.Layers}}", img, image=True) or "[]")
                chain = _chain_ids(diffs)[int(n)].split(":")[1]
                if fn == "chain":
                    return chain
                cache = self.read_host(f"{DOCKER_ROOT}/image/overlay2/layerdb/sha256/{chain}/cache-id")
                return cache if fn == "cacheid" else f"{DOCKER_ROOT}/overlay2/{cache}"
            raise ValueError(f"unknown placeholder @{{{fn}:…}}")
        # innermost first, until none is left
        for _ in range(5):
            new = _PLACEHOLDER.sub(one, text)
            if new == text:
                break
            text = new
        return text


class RealSide(_Side):
    name = "real"

    def __init__(self, rd, workdir: Path):
        self.rd, self.workdir = rd, workdir

    def inspect(self, template, ref, image=False):
        args = ["image", "inspect"] if image else ["inspect"]
        r = self.rd.raw(*args, "-f", template, ref)
        return r.stdout.strip()

    def read_host(self, path):
        try:
            return Path(path).read_text().strip()
        except OSError:
            return ""

    def docker(self, line: str, tty: bool = False):
        if tty:
            # a pseudo-terminal (util-linux script), as a notebook is for the simulator
            from support.realdocker import _cli_for
            args = shlex.split(line)
            cmd = shlex.join([_cli_for(args) or self.rd.docker, *args])
            p = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, text=True,
                               timeout=120)
            return p.returncode, p.stdout.replace("\r\n", "\n"), ""
        r = self.rd.run(*shlex.split(line), check=False)
        return r.exit_code, r.stdout, r.stderr

    def build(self, dockerfile: str, tag: str, args: str, ctx: Path):
        (ctx / "Dockerfile").write_text(dockerfile)
        r = self.rd.build(None, context=ctx, tag=tag or None, check=False,
                          extra_args=shlex.split(args))
        return r.exit_code, r.stdout, r.stderr

    def host(self, script: str):
        # a root shell on the Docker host; C collation, as the simulated host's tools sort
        env = dict(os.environ, LC_ALL="C")
        p = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=120, env=env)
        return p.returncode, p.stdout, p.stderr


class SimSide(_Side):
    """The simulator as a notebook drives it: ``%docker``, ``%%dockerfile``, ``%host``."""
    name = "sim"

    def __init__(self):
        from IPython.core.interactiveshell import InteractiveShell
        self.shell = InteractiveShell.instance()
        if "docker" not in self.shell.magics_manager.magics["line"]:
            self.shell.run_line_magic("load_ext", "dockstore_magic")
        magics = self.shell.magics_manager.registry.get("DockerMagics")
        self._raise_on_error = getattr(magics, "raise_on_error", True)
        # carry on after a failing command, as a notebook with this setting does
        self.shell.run_line_magic("config", "DockerMagics.raise_on_error = False")
        self.shell.run_line_magic("dockstore", "reset --seed 42 --clock 2026-01-01T09:00:00Z")

    def close(self):
        """Leave the shared IPython shell as it was found."""
        self.shell.run_line_magic("config", f"DockerMagics.raise_on_error = {self._raise_on_error}")

    def _call(self, kind: str, line: str, cell: str | None = None):
        from IPython.utils.capture import capture_output
        with capture_output(display=False) as cap:
            if cell is None:
                res = self.shell.run_line_magic(kind, line)
            else:
                res = self.shell.run_cell_magic(kind, line, cell)
        # what the magic printed is what the notebook shows; it must be what it returned
        assert (cap.stdout, cap.stderr) == (res.stdout, res.stderr), (kind, line)
        return res.exit_code, cap.stdout, cap.stderr

    def inspect(self, template, ref, image=False):
        from dockstore_magic import session
        args = ["image", "inspect"] if image else ["inspect"]
        return session.docker(args + ["-f", template, ref]).stdout.strip()

    def read_host(self, path):
        from dockstore_magic import session
        return session.host(f"cat {shlex.quote(path)}").stdout.strip()

    def docker(self, line: str, tty: bool = False):
        code, out, err = self._call("docker", line)
        return (code, out + err, "") if tty else (code, out, err)

    def build(self, dockerfile: str, tag: str, args: str, ctx: Path):
        line = " ".join(x for x in ((f"-t {tag}" if tag else ""), args, str(ctx)) if x)
        return self._call("dockerfile", line, dockerfile)

    def host(self, script: str):
        if "\n" in script.strip():
            return self._call("host", "", script)
        return self._call("host", script)


def substitute(text: str, names: dict) -> str:
    for k, v in names.items():
        text = text.replace("@{" + k + "}", v)
    return text


def base_tarball(busybox_tar: Path, dest: Path) -> Path:
    """The busybox rootfs tarball plus one file, ``/var/dsm-run`` (17 bytes: a random hex
    string), so that the base layer is new to the engine: BuildKit's cache (which outlives
    test sessions and keys on the base's content) then starts cold for every scenario.  Both
    sides import these same bytes."""
    import io
    import secrets
    import shutil
    import tarfile
    shutil.copyfile(busybox_tar, dest)
    data = (secrets.token_hex(8) + "\n").encode()
    with tarfile.open(dest, "a", format=tarfile.USTAR_FORMAT) as tf:
        ti = tarfile.TarInfo("var/dsm-run")
        ti.size, ti.mode, ti.mtime = len(data), 0o644, 1704067200
        ti.uname = ti.gname = "root"
        tf.addfile(ti, io.BytesIO(data))
    return dest


def run_scenario(sc: Scenario, real_docker, busybox_tar: Path, workdir: Path) -> list[Observation]:
    """Both sides, step by step; returns the observations (also added to OBSERVATIONS)."""
    short = re.sub(r"[^a-z0-9]", "", sc.name.lower())[:10]
    token = f"dsm-{short}-{os.getpid() % 1000:03d}{time.time_ns() % 10**6:06d}"
    busybox_tar = base_tarball(busybox_tar, workdir / "base.tar")
    ctx = workdir / "ctx"
    ctx.mkdir(parents=True, exist_ok=True)
    for rel, val in sc.files.items():
        p = ctx / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(val)
    names = {"T": token, "BASE": f"{token}-base:1", "CTX": str(ctx), "DIR": str(workdir)}
    real, sim = RealSide(real_docker, workdir), SimSide()
    observations: list[Observation] = []
    captured: dict[str, dict[str, str]] = {"real": {}, "sim": {}}
    old_cwd = os.getcwd()
    os.chdir(workdir)

    def tidy(text: str) -> str:
        return text.replace(token, "@{T}").replace(str(workdir), "@{DIR}")
    try:
        # both sides start from the same bytes: the base tarball, imported under a tag of
        # this scenario
        for side in (real, sim):
            code, out, err = side.docker(f"import {busybox_tar} {names['BASE']}")
            assert code == 0, (side.name, out, err)
        for i, step in enumerate(sc.steps, 1):
            text = substitute(step.text, names)
            if step.kind == "write":
                p = ctx / text
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(substitute(step.data, names))
                continue
            if step.kind == "touch":
                t = time.time() + 60 * i
                os.utime(ctx / text, (t, t))
                continue
            results = {}
            for side in (real, sim):
                resolved = re.sub(r"@\{captured:(\w+)\}",
                                  lambda m: captured[side.name].get(m.group(1), ""), text)
                resolved = side.resolve(resolved.replace("@{SIDE}", side.name))
                if step.kind == "docker":
                    res = side.docker(resolved, tty=step.tty)
                elif step.kind == "build":
                    res = side.build(resolved, substitute(step.tag, names),
                                     substitute(step.args, names), ctx)
                elif step.kind == "host":
                    res = side.host(resolved)
                else:
                    raise ValueError(step.kind)
                results[side.name] = res
            for side_name, (code, out, err) in results.items():
                if step.capture:
                    captured[side_name][step.capture] = out.strip()
            if step.how is None:
                continue
            values = {}
            for side_name, (code, out, err) in results.items():
                if side_name == "real" and step.diffs:
                    out = apply_differences(out, *step.diffs)
                    err = apply_differences(err, *step.diffs)
                if step.how.startswith("same-as:"):
                    key = step.how.split(":", 1)[1]
                    values[side_name] = (f"exit {code}, same as {key}: "
                                         f"{captured[side_name].get(key) == out.strip()}")
                else:
                    values[side_name] = compare_value(step.how, code, out, err, token)
            obs = Observation(sc.name, i, tidy(substitute(step.title(), names)),
                              tidy(values["real"]), tidy(values["sim"]), step.xfail)
            observations.append(obs)
    finally:
        os.chdir(old_cwd)
        sim.close()
    OBSERVATIONS.extend(observations)
    return observations
