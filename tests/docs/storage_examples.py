"""Every runnable example of Docker's storage documentation (docker/docs,
``content/manuals/engine/storage/``: ``volumes.md``, ``bind-mounts.md``, ``tmpfs.md``,
``drivers/_index.md``, ``drivers/select-storage-driver.md``, ``drivers/overlayfs-driver.md``,
``drivers/vfs-driver.md``, ``containerd.md``, ``image-mounts.md``; ``_index.md`` has no
commands), as data: each :class:`Example` is a sequence of shell lines typed on the
Docker host (``%host``; ``docker …`` lines go through the engine's CLI), run in a fresh
simulated engine whose notebook folder is the test's temporary folder, the shell standing in
that folder (so ``$(pwd)`` is the notebook folder, as in a terminal).

A :class:`Step` states what the documentation shows, or what the real engine answers where the
documentation's output is outdated (each such case says why).  ``{nb}`` in an expected text is
the notebook folder.  The documentation's placeholders (``<volume-name>``) and user images
(``app1:latest``) are replaced by catalogue images doing the same thing; each such change is
said in the example's ``note``.

:data:`NOT_SIMULATED` lists the examples that need Swarm, a remote plugin or file server, or
another storage backend: each must be refused with one honest line (the README's "Not
simulated" lists the same, with the reasons).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    line: str                          # shell line(s) on the Docker host
    rc: int | None = 0                 # expected exit status (None: not checked)
    out: tuple[str, ...] = ()          # substrings of stdout
    err: tuple[str, ...] = ()          # substrings of stderr
    no_out: tuple[str, ...] = ()       # substrings stdout must not have


def run(line: str, rc: int | None = 0, out=(), err=(), no_out=()) -> Step:
    as_tuple = (lambda v: (v,) if isinstance(v, str) else tuple(v))
    return Step(line, rc, as_tuple(out), as_tuple(err), as_tuple(no_out))


@dataclass(frozen=True)
class Example:
    page: str                          # the page under content/manuals/engine/storage/
    name: str
    steps: tuple[Step, ...]
    note: str = ""


def ex(page: str, name: str, *steps: Step, note: str = "") -> Example:
    return Example(page, name, tuple(steps), note)


MOUNTS = "docker inspect {c} --format '{{{{json .Mounts}}}}'"


def mounts(c: str, *out: str, rc: int = 0) -> Step:
    return run(MOUNTS.format(c=c), rc, out)


# ------------------------------------------------------------------------------ volumes.md
VOLUMES = [
    ex("volumes.md", "create-list-inspect-remove",
       run("docker volume create my-vol", out="my-vol\n"),
       run("docker volume ls", out="local     my-vol"),
       run("docker volume inspect my-vol",
           out=('"Driver": "local"', '"Mountpoint": "/var/lib/docker/volumes/my-vol/_data"',
                '"Name": "my-vol"', '"Scope": "local"')),
       run("ls -d /var/lib/docker/volumes/my-vol/_data", out="/var/lib/docker/volumes/my-vol/_data"),
       run("docker volume rm my-vol", out="my-vol\n"),
       run("test -e /var/lib/docker/volumes/my-vol", rc=1)),
    *[ex("volumes.md", f"start-container-with-volume{suffix}",
         run(f"docker run -d \\\n  --name devtest \\\n  {flag} \\\n  nginx:latest"),
         mounts("devtest", '"Type":"volume","Name":"myvol2","Source":"/var/lib/docker/volumes/myvol2/_data",'
                '"Destination":"/app","Driver":"local"', '"RW":true,"Propagation":""'),
         run("docker container stop devtest", out="devtest\n"),
         run("docker container rm devtest", out="devtest\n"),
         run("docker volume rm myvol2", out="myvol2\n"))
      for suffix, flag in (("", "--mount source=myvol2,target=/app"), ("-v", "-v myvol2:/app"))],
    *[ex("volumes.md", f"populate-volume{suffix}",
         run(f"docker run -d \\\n  --name=nginxtest \\\n  {flag} \\\n  nginx:latest"),
         # the container's /usr/share/nginx/html was copied into the new, empty volume
         run("ls /var/lib/docker/volumes/nginx-vol/_data", out=("50x.html", "index.html")),
         run("docker container stop nginxtest", out="nginxtest\n"),
         run("docker container rm nginxtest", out="nginxtest\n"),
         run("docker volume rm nginx-vol", out="nginx-vol\n"))
      for suffix, flag in (("", "--mount source=nginx-vol,destination=/usr/share/nginx/html"),
                           ("-v", "-v nginx-vol:/usr/share/nginx/html"))],
    *[ex("volumes.md", f"read-only-volume{suffix}",
         run(f"docker run -d \\\n  --name=nginxtest \\\n  {flag} \\\n  nginx:latest"),
         mounts("nginxtest", '"Type":"volume","Name":"nginx-vol","Source":"/var/lib/docker/volumes/'
                'nginx-vol/_data","Destination":"/usr/share/nginx/html","Driver":"local"',
                '"RW":false'),
         run("docker exec nginxtest touch /usr/share/nginx/html/new", rc=1,
             err="Read-only file system"),
         run("docker container stop nginxtest", out="nginxtest\n"),
         run("docker container rm nginxtest", out="nginxtest\n"),
         run("docker volume rm nginx-vol", out="nginx-vol\n"))
      for suffix, flag in (("", "--mount source=nginx-vol,destination=/usr/share/nginx/html,readonly"),
                           ("-v", "-v nginx-vol:/usr/share/nginx/html:ro"))],
    ex("volumes.md", "syntax-examples",
       run("docker run -v myvolume:/data:ro busybox ls -ld /data", out="/data"),
       # moby volume/mounts: the subpath must be relative ("/foo" is refused)
       run("docker run --mount type=volume,src=myvolume,dst=/data,ro,volume-subpath=/foo busybox",
           rc=125, err="invalid mount config for type \"volume\": subpath must be a relative path "
                       "within the volume"),
       note="the syntax lines name no image: busybox added"),
    ex("volumes.md", "mount-a-volume-subdirectory",
       run("docker volume create logs", out="logs\n"),
       run("docker run --rm \\\n  --mount src=logs,dst=/logs \\\n  alpine mkdir -p /logs/app1 /logs/app2"),
       run("docker run -d \\\n  --name=app1 \\\n  --mount src=logs,dst=/var/log/app1,volume-subpath=app1 \\\n"
           "  alpine sh -c 'echo one >> /var/log/app1/app.log; sleep infinity'"),
       run("docker run -d \\\n  --name=app2 \\\n  --mount src=logs,dst=/var/log/app2,volume-subpath=app2 \\\n"
           "  alpine sh -c 'echo two >> /var/log/app2/app.log; sleep infinity'"),
       run("cat /var/lib/docker/volumes/logs/_data/app1/app.log /var/lib/docker/volumes/logs/_data/app2/app.log",
           out="one\ntwo\n"),
       run("docker exec app1 ls /var/log/app1", out="app.log\n", no_out="app1"),
       run("docker run --rm --mount src=logs,dst=/x,volume-subpath=app3 alpine true", rc=None,
           err="/var/lib/docker/volumes/logs/_data/app3: no such file or directory"),
       note="app1:latest and app2:latest are the reader's images: alpine writing one log line each"),
    ex("volumes.md", "block-storage-device",
       run("fallocate -l 1G disk.raw"),
       run("mkfs.ext4 disk.raw", out="Creating filesystem with 262144 4k blocks"),
       run("losetup -f --show disk.raw | tee loopdev", out="/dev/loop"),
       run("docker run --rm \\\n"
           "  --mount=\"type=volume,dst=/external-drive,volume-driver=local,volume-opt=device=$(cat loopdev),"
           "volume-opt=type=ext4\" \\\n  ubuntu bash -c 'echo kept > /external-drive/f; ls /external-drive'",
           out="f\n"),
       run("losetup -d $(cat loopdev)"),
       note="the loop device is the one losetup printed (/dev/loop5 in the documentation), kept "
            "in a file between the steps"),
    ex("volumes.md", "back-up-and-restore-a-volume",
       run("docker run -v /dbdata --name dbstore ubuntu /bin/bash"),
       run("docker run --rm --volumes-from dbstore ubuntu bash -c 'echo kept > /dbdata/f'"),
       run("docker run --rm --volumes-from dbstore -v $(pwd):/backup ubuntu tar cvf /backup/backup.tar /dbdata",
           out="dbdata/\ndbdata/f\n", err="tar: Removing leading `/' from member names"),
       run("tar tf {nb}/backup.tar", out="dbdata/f"),          # a real file of the notebook folder
       run("docker run -v /dbdata --name dbstore2 ubuntu /bin/bash"),
       run("docker run --rm --volumes-from dbstore2 -v $(pwd):/backup ubuntu bash -c "
           "\"cd /dbdata && tar xvf /backup/backup.tar --strip 1\"", out="dbdata/f"),
       run("docker run --rm --volumes-from dbstore2 ubuntu cat /dbdata/f", out="kept\n"),
       note="a file is written into the volume first, so that the restore has something to show"),
    ex("volumes.md", "remove-anonymous-volumes",
       run("docker run --rm -d --name top1 -v /foo -v awesome:/bar busybox top"),
       run("docker volume ls -q | wc -l", out="2\n"),
       run("docker stop top1", out="top1\n"),
       run("docker volume ls -q", out="awesome\n"),
       run("docker volume ls -q | wc -l", out="1\n"),
       note="run detached (-d, which the page says works too): `top` in the foreground never ends"),
    ex("volumes.md", "remove-all-volumes",
       run("docker volume create keep && docker run -v /anon --name c1 busybox true"),
       run("docker rm c1 && docker volume prune -f", out="Total reclaimed space"),
       # Engine 23 and later prune only anonymous volumes (-a for all)
       run("docker volume ls -q", out="keep\n"),
       note="-f: a notebook cannot answer the confirmation prompt"),
]

# -------------------------------------------------------------------------- bind-mounts.md
BIND = [
    ex("bind-mounts.md", "mount-source-must-exist",
       run("docker run --mount type=bind,src=/dev/noexist,dst=/mnt/foo alpine", rc=125,
           err='docker: Error response from daemon: invalid mount config for type "bind": bind '
               'source path does not exist: /dev/noexist')),
    *[ex("bind-mounts.md", f"start-container-with-bind-mount{suffix}",
         run("mkdir -p target" if suffix == "" else "true"),
         run(f"docker run -d \\\n  -it \\\n  --name devtest \\\n  {flag} \\\n  nginx:latest"),
         run("test -d {nb}/target"),            # -v made the missing folder on the host
         mounts("devtest", '{"Type":"bind","Source":"{nb}/target","Destination":"/app","Mode":"",'
                '"RW":true,"Propagation":"rprivate"}'),
         run("docker exec devtest sh -c 'echo from-container > /app/f' && cat {nb}/target/f",
             out="from-container\n"),
         run("docker container rm -fv devtest", out="devtest\n"))
      for suffix, flag in (("", '--mount type=bind,source="$(pwd)"/target,target=/app'),
                           ("-v", '-v "$(pwd)"/target:/app'))],
    *[ex("bind-mounts.md", f"mount-into-a-non-empty-directory{suffix}",
         run(f"docker run -d \\\n  -it \\\n  --name broken-container \\\n  {flag} \\\n  nginx:latest"),
         # the documentation's error is runc 1.0-rc's; current runc starts the container, whose
         # entrypoint script's /bin/sh (/usr/bin/sh) is hidden by the mount (seen on the engine
         # here with a busybox image: tests/realdocker/scenarios/s22_storage_docs.py)
         run("docker ps -a --format '{{.Names}} {{.Status}}'", out="broken-container Exited (1)"),
         run("docker logs broken-container", err="exec /docker-entrypoint.sh: no such file or directory"),
         run("docker container rm broken-container", out="broken-container\n"))
      for suffix, flag in (("", "--mount type=bind,source=/tmp,target=/usr"), ("-v", "-v /tmp:/usr"))],
    *[ex("bind-mounts.md", f"read-only-bind-mount{suffix}",
         run("mkdir -p target"),
         run(f"docker run -d \\\n  -it \\\n  --name devtest \\\n  {flag} \\\n  nginx:latest"),
         mounts("devtest", '{"Type":"bind","Source":"{nb}/target","Destination":"/app",'
                f'"Mode":"{mode}","RW":false,"Propagation":"rprivate"}}'),
         run("docker exec devtest touch /app/x", rc=1, err="Read-only file system"),
         run("docker container rm -fv devtest", out="devtest\n"))
      for suffix, flag, mode in (("", '--mount type=bind,source="$(pwd)"/target,target=/app,readonly', ""),
                                 ("-v", '-v "$(pwd)"/target:/app:ro', "ro"))],
    *[ex("bind-mounts.md", f"bind-propagation{suffix}",
         run("mkdir -p target"),
         run(f"docker run -d \\\n  -it \\\n  --name devtest \\\n  {flags} \\\n  nginx:latest"),
         run("docker exec devtest mkdir /app/foo && docker exec devtest ls /app2", out="foo\n"),
         mounts("devtest", '"Destination":"/app2"', '"RW":false,"Propagation":"rslave"'),
         run("docker container rm -fv devtest", out="devtest\n"))
      for suffix, flags in (
          ("", '--mount type=bind,source="$(pwd)"/target,target=/app \\\n'
               '  --mount type=bind,source="$(pwd)"/target,target=/app2,readonly,bind-propagation=rslave'),
          ("-v", '-v "$(pwd)"/target:/app \\\n  -v "$(pwd)"/target:/app2:ro,rslave'))],
    ex("bind-mounts.md", "selinux-label",
       run("docker run -d \\\n  -it \\\n  --name devtest \\\n  -v \"$(pwd)\"/target:/app:z \\\n  nginx:latest"),
       mounts("devtest", '"Mode":"z","RW":true'),
       run("docker container rm -fv devtest", out="devtest\n")),
    ex("bind-mounts.md", "syntax-examples",
       run("touch here.txt && docker run --rm --mount type=bind,src=.,dst=/project,ro,bind-propagation=rshared "
           "busybox ls /project", out="here.txt\n"),
       run("docker run --rm -v .:/project:ro,rshared busybox touch /project/x", rc=1,
           err="Read-only file system"),
       note="the syntax lines name no image: busybox added"),
]

# -------------------------------------------------------------------------------- tmpfs.md
TMPFS = [
    ex("tmpfs.md", "tmpfs-mount",
       run("docker run -d \\\n  -it \\\n  --name tmptest \\\n  --mount type=tmpfs,destination=/app \\\n  nginx:latest"),
       run("docker inspect tmptest --format '{{ json .Mounts }}'",
           out='[{"Type":"tmpfs","Source":"","Destination":"/app","Mode":"","RW":true,"Propagation":""}]\n'),
       run("docker exec tmptest sh -c 'echo t > /app/f' && docker diff tmptest", out="A /app\n", no_out="/app/f"),
       run("docker stop tmptest", out="tmptest\n"),
       run("docker rm tmptest", out="tmptest\n")),
    ex("tmpfs.md", "tmpfs-flag",
       run("docker run -d \\\n  -it \\\n  --name tmptest \\\n  --tmpfs /app \\\n  nginx:latest"),
       # --tmpfs is HostConfig.Tmpfs, not a mount point: the real engine lists no Mounts for it
       # (the page shows the --mount tab's output for both; s12_mount_options agrees with the engine)
       run("docker inspect tmptest --format '{{ json .Mounts }}'", out="[]\n"),
       run("docker inspect tmptest --format '{{ json .HostConfig.Tmpfs }}'", out='{"/app":""}\n'),
       run("docker stop tmptest", out="tmptest\n"),
       run("docker rm tmptest", out="tmptest\n")),
    ex("tmpfs.md", "tmpfs-options",
       run("docker run -d \\\n  -it \\\n  --name tmptest \\\n  --mount type=tmpfs,destination=/app,tmpfs-mode=1770 \\\n"
           "  nginx:latest"),
       run("docker exec tmptest stat -c %a /app", out="1770\n"),
       run("docker rm -f tmptest", out="tmptest\n")),
]

# ------------------------------------------------------------------------- drivers/_index.md
_COW = "mkdir -p cow-test && cd cow-test && "
DRIVERS = [
    ex("drivers/_index.md", "pull-and-layer-folders",
       run("docker pull ubuntu:22.04", out=("22.04: Pulling from library/ubuntu",
                                            "Status: Downloaded newer image for ubuntu:22.04",
                                            "docker.io/library/ubuntu:22.04\n")),
       run("ls /var/lib/docker/overlay2", out="\nl\n")),
    ex("drivers/_index.md", "sharing-promotes-smaller-images",
       run(_COW + "printf '#!/usr/bin/env bash\\necho \"Hello world\"\\n' > hello.sh && "
           "printf '# syntax=docker/dockerfile:1\\nFROM alpine\\nRUN apk add --no-cache bash\\n' > Dockerfile.base && "
           "printf '# syntax=docker/dockerfile:1\\nFROM acme/my-base-image:1.0\\nCOPY . /app\\n"
           "RUN chmod +x /app/hello.sh\\nCMD /app/hello.sh\\n' > Dockerfile"),
       run(_COW + "docker build -t acme/my-base-image:1.0 -f Dockerfile.base .",
           err=("[2/2] RUN apk add --no-cache bash", "naming to docker.io/acme/my-base-image:1.0")),
       run(_COW + "docker build -t acme/my-final-image:1.0 -f Dockerfile .",
           err=("[2/3] COPY . /app", "[3/3] RUN chmod +x /app/hello.sh",
                "naming to docker.io/acme/my-final-image:1.0")),
       run("docker image ls", out=("acme/my-final-image   1.0", "acme/my-base-image    1.0")),
       run("docker image history acme/my-base-image:1.0",
           out=("RUN /bin/sh -c apk add --no-cache bash # bui…", "buildkit.dockerfile.v0")),
       run("docker image history  acme/my-final-image:1.0",
           out=('CMD ["/bin/sh" "-c" "/app/hello.sh"]', "RUN /bin/sh -c chmod +x /app/hello.sh # buil…",
                "COPY . /app # buildkit", "RUN /bin/sh -c apk add --no-cache bash # bui…")),
       # the final image's first two layers are the base image's
       run("a=$(docker image inspect --format \"{{json .RootFS.Layers}}\" acme/my-base-image:1.0 | tr -d '[]'); "
           "docker image inspect --format \"{{json .RootFS.Layers}}\" acme/my-final-image:1.0 | "
           "grep -qF \"[$a,\" && echo shared", out="shared\n"),
       run("docker image inspect --format \"{{json .RootFS.Layers}}\" acme/my-final-image:1.0 | tr ',' '\\n' | wc -l",
           out="4\n"),
       # copying makes containers efficient
       run("docker run -dit --name my_container_1 acme/my-final-image:1.0 bash \\\n"
           "  && docker run -dit --name my_container_2 acme/my-final-image:1.0 bash \\\n"
           "  && docker run -dit --name my_container_3 acme/my-final-image:1.0 bash \\\n"
           "  && docker run -dit --name my_container_4 acme/my-final-image:1.0 bash \\\n"
           "  && docker run -dit --name my_container_5 acme/my-final-image:1.0 bash"),
       run('docker ps --size --format "table {{.ID}}\\t{{.Image}}\\t{{.Names}}\\t{{.Size}}"',
           out=("CONTAINER ID   IMAGE                     NAMES            SIZE",
                "acme/my-final-image:1.0   my_container_5   0B (virtual ",
                "acme/my-final-image:1.0   my_container_1   0B (virtual ")),
       run("sudo du -sh /var/lib/docker/containers/*", out="/var/lib/docker/containers/"),
       run("for i in {1..3}; do docker exec my_container_$i sh -c 'printf hello > /out.txt'; done"),
       run('docker ps --size --format "table {{.ID}}\\t{{.Image}}\\t{{.Names}}\\t{{.Size}}"',
           out=("my_container_5   0B (virtual ", "my_container_3   5B (virtual ",
                "my_container_1   5B (virtual ")),
       note="the page's steps 1-4 (a folder, hello.sh, two Dockerfiles) written with printf"),
]

# -------------------------------------------------------------- drivers/overlayfs-driver.md
OVERLAY = [
    ex("drivers/overlayfs-driver.md", "configure-overlay2",
       run("sudo systemctl stop docker", err="Stopping docker.service, but it can still be activated by"),
       run("cp -au /var/lib/docker /var/lib/docker.bk && test -d /var/lib/docker.bk/overlay2"),
       run("mkdir -p /etc/docker && printf '{\\n  \"storage-driver\": \"overlay2\"\\n}\\n' > /etc/docker/daemon.json"),
       run("sudo systemctl start docker"),
       run("docker info", out=(" Storage Driver: overlay2\n", "  Backing Filesystem: extfs\n",
                               "  Supports d_type: true\n", "  Native Overlay Diff: true\n"))),
    ex("drivers/overlayfs-driver.md", "image-and-container-layers-on-disk",
       run("docker pull ubuntu", out="Status: Downloaded newer image for ubuntu:latest"),
       run("ls -l /var/lib/docker/overlay2", out=("drwx------ 2 root root", " l\n")),
       run("ls -l /var/lib/docker/overlay2/l", out=("lrwxrwxrwx 1 root root 72 ", "/diff\n")),
       run("d=$(docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' ubuntu); ls ${d%/diff}/; "
           "cat ${d%/diff}/link | wc -c; ls $d", out=("diff\nlink\n", "26\n", "bin\nboot\n")),
       run("docker run -d --name c1 ubuntu sleep infinity"),
       run("d=$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' c1); ls ${d%/diff}; cat ${d%/diff}/lower",
           out=("diff\nlink\nlower\nmerged\nwork\n", "l/")),
       run("mount | grep overlay", out=("overlay on /var/lib/docker/overlay2/", "/merged type overlay (rw,relatime,lowerdir=",
                                        "upperdir=", "workdir="))),
]

# ---------------------------------------------------------- drivers/select-storage-driver.md
SELECT = [
    ex("drivers/select-storage-driver.md", "check-your-current-storage-driver",
       run("docker info", out=(" Containers: 0\n", " Images: 0\n", " Storage Driver: overlay2\n",
                               "  Backing Filesystem: extfs\n"))),
]

# ------------------------------------------------------------------ drivers/vfs-driver.md
VFS = [
    ex("drivers/vfs-driver.md", "configure-vfs",
       run("sudo systemctl stop docker", rc=None),
       run("mkdir -p /etc/docker && printf '{\\n  \"storage-driver\": \"vfs\"\\n}\\n' > /etc/docker/daemon.json"),
       run("sudo systemctl start docker"),
       run("docker info", out=" Storage Driver: vfs\n"),
       run("docker pull ubuntu", out=("Using default tag: latest", "Status: Downloaded newer image for ubuntu:latest")),
       run("ls -l /var/lib/docker/vfs/dir/", out=("total ", "drwxr-xr-x ")),
       run("du -sh /var/lib/docker/vfs/dir/*", out="M\t/var/lib/docker/vfs/dir/")),
]

# -------------------------------------------------------------------------- containerd.md
CONTAINERD = [
    ex("containerd.md", "enable-containerd-image-store",
       run("mkdir -p /etc/docker"),
       run("printf '{\\n  \"features\": {\\n    \"containerd-snapshotter\": true\\n  }\\n}\\n' > "
           "/etc/docker/daemon.json && sudo systemctl restart docker"),
       run("docker info -f '{{.Driver}}'", out="overlayfs\n"),
       run("docker pull busybox", out="Status: Downloaded newer image for busybox:latest"),
       run("ls /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots", out="1\n")),
    ex("containerd.md", "disk-space",
       run("docker system df", out="TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE"),
       run("docker image prune -f", out="Total reclaimed space")),
]

EXAMPLES: list[Example] = VOLUMES + BIND + TMPFS + DRIVERS + SELECT + OVERLAY + VFS + CONTAINERD


# ---------------------------------------------------------------------------- not simulated
@dataclass(frozen=True)
class Refused:
    page: str
    name: str
    setup: tuple[str, ...]             # lines run first (must succeed)
    line: str                          # the documentation's line
    answer: str                        # the one honest line (a substring of the output)
    reason: str                        # why (the README says the same)
    rc: int = 1
    where: str = "err"                 # "err", or "status": daemon.json options refused at start
    creates: tuple[str, ...] = ()      # volumes the engine makes before the refusal (as moby does)


def refused(page, name, line, answer, reason, setup=(), rc=1, where="err", creates=()) -> Refused:
    return Refused(page, name, tuple(setup), line, answer, reason, rc, where, tuple(creates))


_SWARM = "Swarm services need a swarm of nodes; the simulator is one engine"
_PLUGIN = "volume plugins are programs from a registry, reached over the network"
_SERVER = "an NFS or CIFS volume mounts a file server over the network; there is none here"

NOT_SIMULATED: list[Refused] = [
    refused("volumes.md", "service-create", "docker service create -d \\\n  --replicas=4 \\\n"
            "  --name devtest-service \\\n  --mount source=myvol2,target=/app \\\n  nginx:latest",
            "docker: 'service' is not simulated by dockstore-magic", _SWARM),
    refused("volumes.md", "service-ps", "docker service ps devtest-service",
            "docker: 'service' is not simulated by dockstore-magic", _SWARM),
    refused("volumes.md", "service-rm", "docker service rm devtest-service",
            "docker: 'service' is not simulated by dockstore-magic", _SWARM),
    refused("volumes.md", "nfs-service", "docker service create -d \\\n  --name nfs-service \\\n"
            "  --mount 'type=volume,source=nfsvolume,target=/app,volume-driver=local,volume-opt=type=nfs,"
            "volume-opt=device=:/var/docker-nfs,volume-opt=o=addr=10.0.0.10' \\\n  nginx:latest",
            "docker: 'service' is not simulated by dockstore-magic", _SWARM),
    refused("volumes.md", "plugin-install",
            "docker plugin install --grant-all-permissions rclone/docker-volume-rclone --aliases rclone",
            "docker: 'plugin' is not simulated by dockstore-magic", _PLUGIN),
    # without the plugin, the engine's own answer (moby pkg/plugins: plugin not found)
    refused("volumes.md", "volume-create-with-driver",
            "docker volume create \\\n  -d rclone \\\n  --name rclonevolume \\\n  -o type=sftp \\\n"
            "  -o path=remote \\\n  -o sftp-host=1.2.3.4 \\\n  -o sftp-user=user",
            'error looking up volume plugin rclone: plugin "rclone" not found', _PLUGIN),
    refused("volumes.md", "run-with-volume-driver",
            "docker run -d \\\n  --name rclone-container \\\n  --mount type=volume,volume-driver=rclone,"
            "src=rclonevolume,target=/app,volume-opt=type=sftp,volume-opt=path=remote \\\n  nginx:latest",
            "dockstore-magic: --mount volume-driver=rclone is not simulated", _PLUGIN, rc=125),
    refused("volumes.md", "cifs-volume",
            "docker run --rm -v cifs-volume:/x busybox ls /x",
            "dockstore-magic: mounting a local volume of type 'cifs' from //uxxxxx.your-server.de/backup "
            "(a network file server) is not simulated", _SERVER, rc=125,
            setup=("docker volume create \\\n\t--driver local \\\n\t--opt type=cifs \\\n"
                   "\t--opt device=//uxxxxx.your-server.de/backup \\\n"
                   "\t--opt o=addr=uxxxxx.your-server.de,username=uxxxxxxx,password=*****,"
                   "file_mode=0777,dir_mode=0777 \\\n\t--name cifs-volume",)),
    refused("volumes.md", "nfs-volume",
            "docker run --rm --mount 'type=volume,source=nfsvolume,target=/app,volume-driver=local,"
            "volume-opt=type=nfs,volume-opt=device=:/var/docker-nfs,\"volume-opt=o=addr=10.0.0.10,rw,"
            "nfsvers=4,async\"' busybox true",
            "dockstore-magic: mounting a local volume of type 'nfs' from :/var/docker-nfs (a network file "
            "server) is not simulated", _SERVER, rc=125,
            creates=("nfsvolume",)),     # create makes the volume; starting mounts it
    refused("image-mounts.md", "image-mount",
            "docker pull busybox:musl; docker run -d \\\n  -it \\\n  --name imgtest \\\n"
            "  --mount type=image,source=busybox:musl,destination=/dbg \\\n  alpine:latest",
            "dockstore-magic: image mounts (--mount type=image) are not simulated",
            "image mounts are not simulated (on either image store)",
            rc=125),
    refused("volumes.md", "compose",
            "docker compose up",
            "docker: 'compose' is not simulated by dockstore-magic",
            "Compose is a separate program (a CLI plugin) the simulator does not include"),
    refused("drivers/vfs-driver.md", "vfs-size-quota",
            "printf '{\"storage-driver\": \"vfs\", \"storage-opts\": [\"size=256M\"]}' > /etc/docker/daemon.json"
            " && systemctl restart docker",
            'dockstore-magic: daemon.json "storage-opts" is not simulated',
            "quotas of the vfs driver need a backing filesystem with project quotas (xfs)",
            setup=("mkdir -p /etc/docker",), where="status"),
    refused("containerd.md", "systemctl-edit", "sudo systemctl edit docker.service",
            "dockstore-magic: systemctl edit is not simulated",
            "drop-in unit files (the migration threshold variable) belong to the containerd image store"),
]
