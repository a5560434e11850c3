"""The modes a student's first `ls -la` shows (lesson 1): the data root's own folders
(containers/ drwx--x---, network/ drwxr-x---, buildkit/ drwx--x--x, volumes/ drwx-----x, the
rest drwx------), and a container's folder: hostconfig.json -rw-r--r-- beside config.v2.json
-rw-------, and mounts/ drwx--x---, empty with the default private IPC mode (the simulator
once showed containers/, network/ and buildkit/ as drwx------, hostconfig.json as 0600, and a
mounts/ of mode 1777 holding a shm/ folder)."""
from . import Scenario, docker, host

FOLDERS = " ".join(f"/var/lib/docker/{d}" for d in (
    "", "containers", "image", "network", "network/files", "overlay2", "plugins", "runtimes",
    "swarm", "tmp", "buildkit", "volumes"))
CDIR = "/var/lib/docker/containers/@{cid:@{T}-visitor}"

SCENARIO = Scenario(
    "data_root_modes",
    __doc__,
    steps=[
        host(f"stat -c '%a %U %G %n' {FOLDERS}"),
        docker("run --name @{T}-visitor @{BASE} sh -c 'echo I was here > /visitor.txt'", how="exit"),
        docker("inspect -f '{{.HostConfig.IpcMode}} [{{.HostConfig.ShmSize}}]' @{T}-visitor"),
        host(f"cd {CDIR} && stat -c '%a %n' checkpoints config.v2.json hostconfig.json hostname "
             "hosts mounts resolv.conf resolv.conf.hash *-json.log | sed 's/^\\([0-9]*\\) [0-9a-f]*-json.log/\\1 ID-json.log/'"),
        host(f"ls -A {CDIR}/mounts | wc -l"),
        docker("rm @{T}-visitor", how="exit"),
    ],
)
