"""How many students a JupyterHub node holds: a load test of the lessons through a real hub.

    pip install jupyterhub notebook psutil && pip install -e .
    npm install configurable-http-proxy           # puts configurable-http-proxy in node_modules/.bin
    python benchmarks/hub_sizing.py --steps 1,2,4 --out docs/hub-sizing.json

Starts JupyterHub (PyPI) on loopback with configurable-http-proxy (npm), the local process
spawner (``SimpleLocalProcessSpawner``: each student's server is a process of this user) and the
dummy authenticator.  For N = each step, N simulated students are created through the hub's REST
API, each starts a server, opens a kernel and runs every lesson notebook cell by cell over the
kernel's websocket (``/user/<name>/api/kernels/<id>/channels``, through the proxy), all N at once.
Measured: the time to start a server, each lesson's time (the solo time is N = 1), the memory
(RSS) of each student's server and of its kernel after the lessons.  It stops after the step where
the lessons take more than twice their solo time, or when less than ``--min-free`` GB is left.

Not part of the test suite (it takes minutes and most of the machine); loopback only.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[1-6]-*.ipynb"))

CONFIG = """
import os
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {port} + 2
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{port1}"
c.ConfigurableHTTPProxy.pid_file = "{workdir}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{home}/{{username}}"
c.Spawner.cmd = ["{python}", "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0
c.ConfigurableHTTPProxy.command = ["{chp}"]
c.JupyterHub.services = [{{"name": "loadtest", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "loadtest", "services": ["loadtest"],
                             "scopes": ["admin:users", "admin:servers", "access:servers",
                                        "read:users", "servers"]}}]
c.JupyterHub.db_url = "sqlite:///{workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{workdir}/cookie_secret"
c.JupyterHub.pid_file = "{workdir}/hub.pid"
c.JupyterHub.cleanup_servers = True
"""


def code_cells(nb: Path) -> list[str]:
    cells = json.loads(nb.read_text())["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "code"]


class Hub:
    def __init__(self, port: int, chp: str, workdir: Path):
        self.port, self.workdir = port, workdir
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{port}"
        cfg = workdir / "jupyterhub_config.py"
        home = workdir / "home"
        home.mkdir(parents=True, exist_ok=True)
        cfg.write_text(CONFIG.format(port=port, port1=port + 1, home=home, python=sys.executable, chp=chp,
                                     token=self.token, workdir=workdir))
        self.log = open(workdir / "hub.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(cfg)],
                                     cwd=workdir, stdout=self.log, stderr=subprocess.STDOUT)
        self.http = AsyncHTTPClient(force_instance=True, defaults={"request_timeout": 600,
                                                                           "connect_timeout": 300})

    async def api(self, method: str, path: str, body=None):
        req = HTTPRequest(f"{self.base}/hub/api{path}", method=method,
                          headers={"Authorization": f"token {self.token}"},
                          body=None if body is None and method == "GET" else json.dumps(body or {}),
                          allow_nonstandard_methods=True)
        resp = await self.http.fetch(req, raise_error=False)
        try:
            return resp.code, (json.loads(resp.body) if resp.body else None)
        except ValueError:                    # the proxy's error page while the hub starts
            return resp.code, None

    async def wait_up(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                code, _ = await self.api("GET", "/")
                if code == 200:
                    return
            except OSError:
                pass
            await asyncio.sleep(0.5)
        raise RuntimeError("the hub did not start; see " + str(self.workdir / "hub.log"))

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        pid = self.workdir / "proxy.pid"          # the proxy outlives a hub that did not finish
        if pid.exists() and psutil.pid_exists(int(pid.read_text())):
            psutil.Process(int(pid.read_text())).terminate()


async def start_server(hub: Hub, name: str) -> float:
    t0 = time.time()
    await hub.api("POST", f"/users/{name}")
    await hub.api("POST", f"/users/{name}/server")
    while True:
        _, user = await hub.api("GET", f"/users/{name}")
        server = (user or {}).get("servers", {}).get("")
        if server and server.get("ready"):
            return time.time() - t0
        if time.time() - t0 > 180:
            raise RuntimeError(f"{name}'s server did not start")
        await asyncio.sleep(0.25)


async def run_lessons(hub: Hub, name: str, notebooks: list[Path]) -> dict:
    """One kernel per lesson (as a student opening each notebook), every code cell in turn."""
    auth = {"Authorization": f"token {hub.token}"}
    times, errors = {}, 0
    for nb in notebooks:
        resp = await hub.http.fetch(HTTPRequest(f"{hub.base}/user/{name}/api/kernels", method="POST",
                                                headers=auth, body="{}"))
        kid = json.loads(resp.body)["id"]
        ws = await websocket_connect(HTTPRequest(
            f"ws://127.0.0.1:{hub.port}/user/{name}/api/kernels/{kid}/channels", headers=auth,
            connect_timeout=300, request_timeout=300),
            max_message_size=256 * 1024 * 1024)
        t0 = time.time()
        session = uuid.uuid4().hex
        for code in code_cells(nb):
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": name,
                           "session": session, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": False}}))
            while True:
                raw = await ws.read_message()
                if raw is None:
                    raise RuntimeError(f"{name}: the kernel's websocket closed")
                if isinstance(raw, bytes):
                    continue
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "execute_reply":
                    errors += msg["content"]["status"] != "ok"
                    break
        times[nb.name] = time.time() - t0
        ws.close()
        if nb is notebooks[-1]:
            times["_rss"] = memory(name)
        await hub.http.fetch(HTTPRequest(f"{hub.base}/user/{name}/api/kernels/{kid}",
                                         method="DELETE", headers=auth))
    times["_errors"] = errors
    return times


def memory(name: str) -> dict:
    """RSS (MB) of the student's single-user server and of its kernels."""
    server = kernel = 0.0
    for p in psutil.process_iter(["cmdline", "environ", "memory_info"]):
        try:
            cmd = " ".join(p.info["cmdline"] or [])
            env = p.info["environ"] or {}
        except (psutil.AccessDenied, psutil.NoSuchProcess):
            continue
        if env.get("JUPYTERHUB_USER") != name:
            continue
        rss = p.info["memory_info"].rss / 2**20
        if "ipykernel" in cmd:
            kernel += rss
        elif "singleuser" in cmd:
            server += rss
    return {"server_mb": round(server), "kernel_mb": round(kernel)}


async def step(hub: Hub, n: int, k: int, notebooks: list[Path]) -> dict:
    names = [f"s{k}-{i}" for i in range(n)]
    starts = await asyncio.gather(*(start_server(hub, nm) for nm in names))
    results = await asyncio.gather(*(run_lessons(hub, nm, notebooks) for nm in names))
    for nm in names:
        await hub.api("DELETE", f"/users/{nm}/server")
    lesson_times = {nb.name: [r[nb.name] for r in results] for nb in notebooks}
    return {
        "n": n,
        "start_s": [round(s, 1) for s in starts],
        "lessons_s": {k_: round(statistics.mean(v), 1) for k_, v in lesson_times.items()},
        "total_s": round(statistics.mean(sum(r[nb.name] for nb in notebooks) for r in results), 1),
        "memory": [r["_rss"] for r in results],
        "cell_errors": [r["_errors"] for r in results],
        "available_gb": round(psutil.virtual_memory().available / 2**30, 1),
    }


async def main_async(args) -> list[dict]:
    chp = shutil.which("configurable-http-proxy") or str(Path("node_modules/.bin/configurable-http-proxy").resolve())
    if not os.path.exists(chp):
        raise SystemExit("configurable-http-proxy not found: npm install configurable-http-proxy")
    notebooks = [nb for nb in NOTEBOOKS if not args.lessons or nb.name[:2] in args.lessons.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="hub-sizing-"))
    hub = Hub(args.port, chp, workdir)
    steps = []
    try:
        await hub.wait_up()
        solo = None
        for k, n in enumerate(int(x) for x in args.steps.split(",")):
            res = await step(hub, n, k, notebooks)
            solo = solo or res["total_s"]
            res["slowdown"] = round(res["total_s"] / solo, 2)
            steps.append(res)
            print(json.dumps(res), flush=True)
            if res["slowdown"] > 2 or res["available_gb"] < args.min_free:
                break
    finally:
        hub.stop()
    return steps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", default="1,2,4", help="students at once, step by step")
    ap.add_argument("--lessons", default="", help="lesson numbers, e.g. 03,04 (default: all)")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--min-free", type=float, default=2.0, help="stop below this many GB free")
    ap.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    args = ap.parse_args()
    steps = asyncio.run(main_async(args))
    if args.out:
        args.out.write_text(json.dumps({"cpus": os.cpu_count(),
                                        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                                        "steps": steps}, indent=1))


if __name__ == "__main__":
    main()
