"""Docker's storage documentation (docker/docs content/manuals/engine/storage/), the examples a
busybox image can run: volumes (create, inspect, --mount and -v, read-only, the backup and
restore with --volumes-from and tar, anonymous volumes removed with --rm), bind mounts (a
missing source, a mount that hides the entrypoint's interpreter: the page's broken-container),
tmpfs (tmpfs-mode), and the per-container writes of the storage drivers page.  The whole pages,
with the catalogue's images, run in tests/docs/."""
from . import Scenario, build, docker, host

_ENTRY = """FROM @{BASE}
RUN printf '#!/bin/sh\\necho started\\n' > /entry.sh && chmod +x /entry.sh
ENTRYPOINT ["/entry.sh"]
"""

SCENARIO = Scenario(
    "storage_docs",
    __doc__,
    steps=[
        # volumes.md: create and manage volumes; start a container with a volume
        docker("volume create @{T}-my-vol"),
        docker("volume inspect -f '{{.Driver}} {{.Mountpoint}} {{.Scope}} {{json .Labels}} "
               "{{json .Options}}' @{T}-my-vol"),
        docker("run -d --name @{T}-devtest --mount source=@{T}-myvol2,target=/app @{BASE} sleep 300",
               how="exit"),
        docker("inspect -f '{{json .Mounts}}' @{T}-devtest", how="mounts"),
        docker("run -d --name @{T}-ro -v @{T}-myvol2:/app:ro @{BASE} sleep 300", how="exit"),
        docker("inspect -f '{{json .Mounts}}' @{T}-ro", how="mounts"),
        docker("exec @{T}-ro touch /app/x"),
        docker("rm -f @{T}-devtest @{T}-ro"),
        docker("volume rm @{T}-my-vol @{T}-myvol2"),
        # volumes.md: back up, restore (busybox tar reads `--strip 1` as getopt_long does)
        docker("run -v /dbdata --name @{T}-dbstore @{BASE} sh -c 'echo kept > /dbdata/f'", how="exit"),
        docker("run --rm --volumes-from @{T}-dbstore -v @{DIR}:/backup @{BASE} "
               "tar cvf /backup/@{SIDE}-backup.tar /dbdata"),
        docker("run -v /dbdata --name @{T}-dbstore2 @{BASE} true", how="exit"),
        docker("run --rm --volumes-from @{T}-dbstore2 -v @{DIR}:/backup @{BASE} "
               "sh -c 'cd /dbdata && tar xvf /backup/@{SIDE}-backup.tar --strip 1 && cat f'"),
        docker("run --rm --volumes-from @{T}-dbstore2 -v @{DIR}:/backup @{BASE} "
               "tar xf /backup/@{SIDE}-backup.tar nope"),
        docker("rm -v @{T}-dbstore @{T}-dbstore2"),
        # volumes.md: remove anonymous volumes (--rm removes /foo's, not the named one)
        docker("run --rm -d --name @{T}-top -v /foo -v @{T}-awesome:/bar @{BASE} top", how="exit"),
        docker("inspect -f '{{range .Mounts}}{{if eq .Destination \"/foo\"}}{{.Name}}{{end}}{{end}}' "
               "@{T}-top", how=None, capture="anon"),
        docker("stop -t 1 @{T}-top"),
        # (the engine removes a --rm container, and its anonymous volumes, after stop returns)
        host("sleep 1", how=None),
        docker("volume inspect -f '{{.Name}}' @{captured:anon}", how="exit"),
        docker("volume ls -q --filter name=@{T}-awesome"),
        docker("volume rm @{T}-awesome"),
        # bind-mounts.md: --mount does not create a missing source
        docker("run --mount type=bind,src=/dev/noexist,dst=/mnt/foo @{BASE}"),
        # bind-mounts.md: mounting over the folder of the entrypoint's interpreter
        build(_ENTRY, tag="@{T}-entry:1", how="exit"),
        host("mkdir -p @{DIR}/@{SIDE}-empty", how="exit"),
        docker("run -d --name @{T}-broken -v @{DIR}/@{SIDE}-empty:/bin @{T}-entry:1", how="exit"),
        host("sleep 1", how=None),
        docker("inspect -f '{{.State.Status}} {{.State.ExitCode}}' @{T}-broken"),
        docker("logs @{T}-broken"),
        docker("rm @{T}-broken"),
        # tmpfs.md: tmpfs-mode
        docker("run --rm --mount type=tmpfs,destination=/app,tmpfs-mode=1770 @{BASE} stat -c %a /app"),
        docker("run -d --name @{T}-tmp --mount type=tmpfs,destination=/app @{BASE} sleep 300", how="exit"),
        docker("inspect @{T}-tmp --format '{{ json .Mounts }}'"),
        docker("rm -f @{T}-tmp"),
        # drivers/_index.md: writes are per container
        docker("run -dit --name @{T}-c1 @{BASE} sh", how="exit"),
        docker("run -dit --name @{T}-c2 @{BASE} sh", how="exit"),
        docker("exec @{T}-c1 sh -c 'printf hello > /out.txt'", how="exit"),
        docker("ps --size --filter name=@{T}-c --format '{{.Names}} {{.Size}}'", how="rows"),
        docker("rm -f @{T}-c1 @{T}-c2"),
    ],
)
