"""Docker's storage pages as students copy them into ``%docker`` cells (docker/docs
content/manuals/engine/storage/volumes.md and bind-mounts.md): every ``docker`` example of the
two pages with a local image in place of ``nginx:latest`` (``@{T}-nginx``: busybox with the
nginx HTML folder and ``CMD sleep``) and the scenario's folder for ``"$(pwd)"``, then the
mistakes students make with them: a typo in a ``--mount`` key, ``readonly`` where ``-v`` takes
``ro``, a relative or missing bind source (``--mount`` refuses it, ``-v`` creates the folder),
``$(pwd)`` without a shell, a volume in use on ``volume rm``."""
from . import Scenario, build, docker, host

_NGINX = """FROM @{BASE}
RUN mkdir -p /usr/share/nginx/html && echo welcome > /usr/share/nginx/html/index.html
CMD ["sleep", "300"]
"""

NGINX = "@{T}-nginx:latest"

SCENARIO = Scenario(
    "docs_storage",
    __doc__,
    steps=[
        build(_NGINX, tag=NGINX, how="exit"),
        # ---- volumes.md: create and manage volumes
        docker("volume create @{T}-my-vol"),
        docker("volume ls --filter name=@{T}-my-vol"),
        docker("volume inspect @{T}-my-vol"),
        docker("volume rm @{T}-my-vol"),
        # start a container with a volume (--mount, then -v)
        docker(f"run -d --name @{{T}}-devtest --mount source=@{{T}}-myvol2,target=/app {NGINX}",
               how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container stop @{T}-devtest"),
        docker("container rm @{T}-devtest"),
        docker("volume rm @{T}-myvol2"),
        docker(f"run -d --name @{{T}}-devtest -v @{{T}}-myvol2:/app {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        # (the page's warning: both examples at once)
        docker(f"run -d --name @{{T}}-devtest --mount source=@{{T}}-myvol2,target=/app {NGINX}"),
        # a volume in use
        docker("volume rm @{T}-myvol2"),
        docker("volume rm -f @{T}-myvol2"),
        docker("container rm -f @{T}-devtest"),
        docker("volume rm @{T}-myvol2"),
        # populate a volume using a container
        docker(f"run -d --name=@{{T}}-nginxtest --mount source=@{{T}}-nginx-vol,"
               f"destination=/usr/share/nginx/html {NGINX}", how="exit"),
        host("ls -l /var/lib/docker/volumes/@{T}-nginx-vol/_data", how="ls"),
        docker("container stop -t 1 @{T}-nginxtest"),
        docker("container rm @{T}-nginxtest"),
        # use a read-only volume
        docker(f"run -d --name=@{{T}}-nginxtest --mount source=@{{T}}-nginx-vol,"
               f"destination=/usr/share/nginx/html,readonly {NGINX}", how="exit"),
        docker("inspect @{T}-nginxtest --format '{{json .Mounts}}'", how="mounts"),
        docker("exec @{T}-nginxtest touch /usr/share/nginx/html/new.html"),
        docker("container rm -f @{T}-nginxtest"),
        docker(f"run -d --name=@{{T}}-nginxtest -v @{{T}}-nginx-vol:/usr/share/nginx/html:ro {NGINX}",
               how="exit"),
        docker("inspect @{T}-nginxtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container rm -f @{T}-nginxtest"),
        # the Syntax section's example, ro and volume-subpath=/foo: not compared (API 1.45's
        # VolumeOptions.Subpath is ignored by the 20.10 engine, which mounts the whole volume;
        # current Docker refuses the absolute /foo: differences.ENGINE_UNCOMPARED)
        docker("run --rm --mount type=volume,src=@{T}-nginx-vol,dst=/data,ro,volume-subpath=/foo "
               "@{BASE} ls /data", how=None),
        docker("volume rm @{T}-nginx-vol"),
        # readonly is --mount's word; -v takes ro
        docker("run --rm -v @{T}-ro:/data:readonly @{BASE} true"),
        docker("run --rm --mount type=volume,src=@{T}-ro,dst=/data,readonly=true @{BASE} "
               "sh -c 'touch /data/x; echo rc=$?'"),
        docker("run --rm --mount type=volume,src=@{T}-ro,dst=/data,readonly=maybe @{BASE} true"),
        docker("run --rm --mount type=volume,src=@{T}-ro,dst=/data,ro=0 @{BASE} "
               "sh -c 'touch /data/x && echo written'"),
        docker("volume rm @{T}-ro"),
        # typos in --mount keys and types
        docker("run --rm --mount type=volume,source=@{T}-t,taget=/app @{BASE} true"),
        docker("run --rm --mount type=volumes,source=@{T}-t,target=/app @{BASE} true"),
        docker("run --rm --mount type=volume,source=@{T}-t,target=/app,nocopy @{BASE} true"),
        docker("run --rm --mount type=volume,source=@{T}-t,target=app @{BASE} true"),
        docker("run --rm --mount type=volume,source=@{T}-t,target=/app,bind-propagation=rslave "
               "@{BASE} true"),
        docker("run --rm --mount type=volume,source=@{T}-t,target=/app,tmpfs-size=1m @{BASE} true"),
        docker("volume ls -q --filter name=@{T}-t"),
        # ---- bind-mounts.md
        docker("run --mount type=bind,src=/dev/noexist,dst=/mnt/foo @{BASE}"),
        # start a container with a bind mount: "$(pwd)"/target does not exist yet
        docker(f"run -d -it --name @{{T}}-devtest --mount type=bind,source=@{{DIR}}/target,"
               f"target=/app {NGINX}"),
        host("mkdir -p @{DIR}/target && echo artifact > @{DIR}/target/app.jar", how="exit"),
        docker(f"run -d -it --name @{{T}}-devtest --mount type=bind,source=@{{DIR}}/target,"
               f"target=/app {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("exec @{T}-devtest cat /app/app.jar"),
        docker("container rm -fv @{T}-devtest"),
        docker(f"run -d -it --name @{{T}}-devtest -v @{{DIR}}/target:/app {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container rm -fv @{T}-devtest"),
        # -v creates a missing host folder (as root); --mount refused it above
        docker("run --rm -v @{DIR}/@{SIDE}-made/deep:/app @{BASE} ls -A /app"),
        host("ls -ld @{DIR}/@{SIDE}-made/deep | cut -c1-10,15-24"),
        # $(pwd) with no shell to expand it: a volume name with a slash
        docker(f"run --rm -v $(pwd)/target:/app {NGINX} true"),
        docker(f"run --rm --mount type=bind,source=\"$(pwd)\"/target,target=/app {NGINX} true"),
        # a relative source: -v ./x and --mount src=. are the current folder (the CLI makes
        # them absolute); -v NAME is a volume even where a folder NAME is
        docker(f"run --rm -v ./target:/app {NGINX} cat /app/app.jar"),
        docker("run --rm --mount type=bind,src=target,dst=/app @{BASE} cat /app/app.jar"),
        docker("run --rm --mount type=bind,src=nosuch,dst=/app @{BASE} true"),
        host("mkdir -p @{DIR}/@{T}-target", how="exit"),
        docker("run --name @{T}-rel -v @{T}-target:/app @{BASE} ls -A /app"),
        docker("inspect @{T}-rel --format '{{range .Mounts}}{{.Type}} {{.Name}}{{end}}'"),
        docker("rm -v @{T}-rel"),
        docker("volume rm @{T}-target"),
        # the page's Options examples: `.` with ro and rshared.  A shared or slave propagation
        # needs the host folder's mount to be shared: it is on the simulated host (systemd
        # makes / shared), not on the reference host (/ private: "path … is mounted on / but
        # it is not a shared mount"; differences.ENGINE_UNCOMPARED), so what is compared is
        # the container as created
        docker("create --name @{T}-proj --mount type=bind,src=.,dst=/project,ro,bind-propagation=rshared "
               "@{BASE} ls /project/target", how="exit"),
        docker("inspect @{T}-proj --format '{{json .Mounts}}'", how="mounts"),
        docker("rm @{T}-proj"),
        docker("create --name @{T}-proj -v .:/project:ro,rshared @{BASE} ls /project/target",
               how="exit"),
        docker("inspect @{T}-proj --format '{{json .Mounts}} {{json .HostConfig.Binds}}'"),
        docker("rm @{T}-proj"),
        docker("run --rm -v .:/project:ro,rprivate @{BASE} ls /project/target"),
        # mount into a non-empty directory: the image's command is hidden
        host("mkdir -p @{DIR}/empty", how="exit"),
        docker(f"run -d -it --name @{{T}}-broken-container --mount type=bind,source=@{{DIR}}/empty,"
               f"target=/bin {NGINX}", diffs=("oci-task-prefix", "runc-init-error")),
        docker("inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' "
               "@{T}-broken-container", diffs=("oci-task-prefix", "runc-init-error")),
        docker("container rm @{T}-broken-container"),
        # use a read-only bind mount
        docker(f"run -d -it --name @{{T}}-devtest --mount type=bind,source=@{{DIR}}/target,"
               f"target=/app,readonly {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("exec @{T}-devtest sh -c 'echo x > /app/app.jar'"),
        docker("container rm -fv @{T}-devtest"),
        docker(f"run -d -it --name @{{T}}-devtest -v @{{DIR}}/target:/app:ro {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container rm -fv @{T}-devtest"),
        # configure bind propagation: the same folder twice, the second ro,rslave
        # (created, not run: rslave needs a shared or slave host mount, as rshared above)
        docker(f"create -it --name @{{T}}-devtest --mount type=bind,source=@{{DIR}}/target,target=/app "
               f"--mount type=bind,source=@{{DIR}}/target,target=/app2,readonly,bind-propagation=rslave "
               f"{NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container rm -fv @{T}-devtest"),
        docker(f"create -it --name @{{T}}-devtest -v @{{DIR}}/target:/app "
               f"-v @{{DIR}}/target:/app2:ro,rslave {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container rm -fv @{T}-devtest"),
        docker("run --rm -v @{DIR}/target:/app:ro,rslave,shared @{BASE} true"),
        docker("run --rm --mount type=bind,src=@{DIR}/target,dst=/app,bind-propagation=sideways "
               "@{BASE} true"),
        # the SELinux label (no SELinux here: accepted, shown as the mode)
        docker(f"run -d -it --name @{{T}}-devtest -v @{{DIR}}/target:/app:z {NGINX}", how="exit"),
        docker("inspect @{T}-devtest --format '{{json .Mounts}}'", how="mounts"),
        docker("container rm -fv @{T}-devtest"),
        # a bind source that is a file; a file over a folder
        docker("run --rm -v @{DIR}/target/app.jar:/etc/app.jar:ro @{BASE} cat /etc/app.jar"),
        docker("run --rm -v @{DIR}/target/app.jar:/etc @{BASE} true", diffs=("oci-task-prefix",)),
        host("rm -rf @{DIR}/target/foo", how=None),
        # mixing one type's options with another's
        docker("run --rm --mount type=bind,src=@{DIR}/target,dst=/app,volume-nocopy @{BASE} true"),
        docker("run --rm --mount type=tmpfs,dst=/app,bind-propagation=rslave @{BASE} true"),
        docker("run --rm --mount type=bind,src=@{DIR}/target,dst=/app,tmpfs-mode=700 @{BASE} true"),
        docker("run --rm -v @{DIR}/target:/app:nocopy @{BASE} ls /app"),
        docker("run --rm -v @{T}-m:/app:rw,ro @{BASE} true"),
        docker("run --rm -v @{T}-m:/app:rshared @{BASE} true"),
        docker("run --rm -v @{T}-m:/app:Z @{BASE} true"),
        docker("run --rm -v @{T}-m:/app:ro:z @{BASE} true"),
        docker("run --rm -v @{DIR}/target:/app:rw:extra @{BASE} true"),
        docker("run --rm -v :/app @{BASE} true"),
        docker("run --rm -v @{T}-m: @{BASE} true"),
        docker("run --rm -v @{T}-m:/ @{BASE} true"),
        docker("run --rm --mount type=volume,src=@{T}-m,dst=/,ro @{BASE} true"),
        docker("run --rm --mount type=bind,src=@{DIR}/target,dst=/app,src=/tmp @{BASE} true"),
        docker("run --rm --mount type=bind,src=@{DIR}/target,dst=/app,readonly=yes @{BASE} true"),
        docker("run --rm --mount 'type=bind,src=@{DIR}/target,dst=/app,\"readonly\"' @{BASE} true"),
        docker("run --rm --mount type=volume,dst=/app,ro @{BASE} true"),
        docker("volume ls -q --filter name=@{T}-m"),
        # the block-device and driver examples of volumes.md (no /dev/loop5, no rclone here)
        docker("run --rm --mount='type=volume,dst=/external-drive,volume-driver=local,"
               "volume-opt=device=/dev/loop5,volume-opt=type=ext4' @{BASE} true"),
        docker("run --rm --mount type=volume,src=@{T}-tv,dst=/app,volume-driver=local,"
               "volume-opt=type=tmpfs,volume-opt=device=tmpfs,\"volume-opt=o=size=1m,uid=42\" "
               "@{BASE} sh -c 'stat -c %u /app; grep \" /app \" /proc/mounts'"),
        docker("volume inspect -f '{{json .Options}}' @{T}-tv"),
        docker("run --rm --mount type=volume,src=@{T}-tv,dst=/app,volume-opt=type=none @{BASE} true"),
        docker("volume rm @{T}-tv"),
        # a volume that is a host folder (the local driver's o=bind)
        host("mkdir -p @{DIR}/@{SIDE}-bindvol", how="exit"),
        docker("volume create --driver local --opt type=none --opt o=bind "
               "--opt device=@{DIR}/@{SIDE}-bindvol @{T}-bv", how="exit"),
        docker("run --rm -v @{T}-bv:/data @{BASE} sh -c 'echo via-volume > /data/f; ls -A /data'"),
        host("cat @{DIR}/@{SIDE}-bindvol/f"),
        docker("volume create --driver local --opt type=none --opt o=bind "
               "--opt device=@{DIR}/nosuch-dev @{T}-bv2", how="exit"),
        docker("run --rm -v @{T}-bv2:/data @{BASE} true"),
        docker("volume rm @{T}-bv @{T}-bv2"),
    ],
)
