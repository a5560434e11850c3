"""Docker's storage documentation, the rest: tmpfs.md (``--mount type=tmpfs`` and
``--tmpfs``, tmpfs-mode and tmpfs-size), the CLI reference's volume pages (volume create with
the local driver's options: tmpfs, btrfs, nfs, a driver that is not there; volume ls filters
and formats; inspect, rm, prune), docker run's volume examples (``-v $(pwd):$(pwd) -w``,
``--read-only`` with an anonymous volume, ``--volumes-from`` with ``:ro``), system df -v,
and the storage driver pages' looks at the host (docker info, the overlay2 folders, the
container's overlay mount).  Mistakes: a tmpfs with a source or a relative path, bad tmpfs
sizes and modes, a missing or unknown volume option, a bad filter."""
from . import Scenario, build, docker, host
from .s35_docs_storage import _NGINX, NGINX
MOUNTS = "inspect {c} --format '{{{{ json .Mounts }}}}'"

SCENARIO = Scenario(
    "docs_storage2",
    __doc__,
    steps=[
        build(_NGINX, tag=NGINX, how="exit"),
        # ---- tmpfs.md
        docker(f"run -d -it --name @{{T}}-tmptest --mount type=tmpfs,destination=/app {NGINX}",
               how="exit"),
        docker(MOUNTS.format(c="@{T}-tmptest")),
        docker("exec @{T}-tmptest sh -c 'grep \" /app \" /proc/mounts; stat -c \"%a %U\" /app'"),
        docker("stop @{T}-tmptest"),
        docker("rm @{T}-tmptest"),
        docker(f"run -d -it --name @{{T}}-tmptest2 --tmpfs /app {NGINX}", how="exit"),
        docker(MOUNTS.format(c="@{T}-tmptest2")),
        docker("inspect @{T}-tmptest2 --format '{{json .HostConfig.Tmpfs}} {{json .HostConfig.Mounts}}'"),
        docker("exec @{T}-tmptest2 sh -c 'grep \" /app \" /proc/mounts'"),
        docker("rm -f @{T}-tmptest2"),
        docker(f"run -d -it --name @{{T}}-tmptest3 --mount type=tmpfs,destination=/app,tmpfs-mode=1770 "
               f"{NGINX}", how="exit"),
        docker("exec @{T}-tmptest3 sh -c 'ls -ld /app | cut -c1-10; grep \" /app \" /proc/mounts'"),
        docker(MOUNTS.format(c="@{T}-tmptest3")),
        docker("inspect @{T}-tmptest3 --format '{{json .HostConfig.Mounts}}'"),
        docker("rm -f @{T}-tmptest3"),
        docker("run --rm --mount type=tmpfs,destination=/app,tmpfs-size=10m,tmpfs-mode=0700 @{BASE} "
               "sh -c 'grep \" /app \" /proc/mounts; df -k /app | tail -1 | tr -s \" \" | cut -d\" \" -f2'"),
        # docker run reference: --tmpfs with mount options; --read-only with a tmpfs /run
        docker("run --rm --tmpfs /run:rw,noexec,nosuid,size=65536k @{BASE} grep ' /run ' /proc/mounts"),
        docker("run --rm --read-only --mount type=tmpfs,destination=/run @{BASE} "
               "sh -c 'touch /run/ok && echo ok; touch /nope'"),
        # tmpfs mistakes
        docker("run --rm --mount type=tmpfs,source=@{T}-x,destination=/app @{BASE} true"),
        docker("run --rm --tmpfs app @{BASE} true"),
        docker("run --rm --tmpfs / @{BASE} true"),
        docker("run --rm --tmpfs app --mount type=tmpfs,dst=rel @{BASE} true"),
        docker("run --rm --tmpfs app -v @{T}-x:rel @{BASE} true"),
        docker("run --rm --mount type=tmpfs,destination=/app,tmpfs-size=lots @{BASE} true"),
        docker("run --rm --mount type=tmpfs,destination=/app,tmpfs-mode=999 @{BASE} true"),
        docker("run --rm --mount type=tmpfs,destination=/app,readonly @{BASE} "
               "sh -c 'touch /app/x; grep \" /app \" /proc/mounts'"),
        docker("run --rm --tmpfs /app:ro @{BASE} sh -c 'touch /app/x; grep \" /app \" /proc/mounts'"),
        docker("run --rm --tmpfs /app --tmpfs /app @{BASE} true"),
        docker("run --rm --tmpfs /app -v @{T}-dup:/app @{BASE} true"),
        # ---- volume create (the CLI reference)
        docker("volume create @{T}-hello"),
        docker("run -d --name @{T}-world -v @{T}-hello:/world @{BASE} ls /world", how="exit"),
        docker("wait @{T}-world"),
        docker("logs @{T}-world"),
        docker("volume create @{T}-hello"),
        docker("volume create --driver local --opt type=tmpfs --opt device=tmpfs "
               "--opt o=size=100m,uid=1000 @{T}-foo"),
        docker("volume inspect --format '{{json .Options}} {{.Driver}}' @{T}-foo"),
        docker("run --rm -v @{T}-foo:/world @{BASE} sh -c "
               "'stat -c \"%u %g %a\" /world; grep \" /world \" /proc/mounts'"),
        docker("volume create --driver local --opt type=btrfs --opt device=/dev/sda2 @{T}-btr"),
        docker("run --rm -v @{T}-btr:/world @{BASE} true"),
        docker("volume create --driver local --opt type=nfs --opt o=addr=192.168.1.1,rw "
               "--opt device=:/path/to/dir @{T}-nfs"),
        docker("volume inspect --format '{{json .Options}}' @{T}-nfs"),
        docker("volume create --driver @{T}-fake --opt tardis=blue --opt timey=wimey @{T}-fk"),
        docker("volume create --opt type=tmpfs @{T}-bad"),
        docker("volume create --opt tardis=blue @{T}-bad"),
        docker("volume create --driver local --opt o=size=1m @{T}-bad"),
        docker("volume create --name @{T}-byname"),
        docker("volume create @{T}-a @{T}-b", diffs=("cli-srun-typo",)),
        docker("volume create 'my vol'"),
        docker("volume rm @{T}-btr @{T}-nfs @{T}-byname @{T}-foo"),
        # ---- volume ls: filters and format
        docker("volume create @{T}-rosemary", how="exit"),
        docker("volume create @{T}-tyler", how="exit"),
        docker("volume create --label is-timelord=yes @{T}-rose", how="exit"),
        docker("volume create --label is-timelord=no @{T}-daleks", how="exit"),
        docker("run --name @{T}-user -v @{T}-rosemary:/data @{BASE} true", how="exit"),
        docker("volume ls --filter dangling=true", how="rows"),
        docker("volume ls --filter dangling=false", how="rows"),
        docker("volume ls --filter driver=local", how="rows"),
        docker("volume ls --filter label=is-timelord", how="rows"),
        docker("volume ls --filter label=is-timelord=yes", how="rows"),
        docker("volume ls --filter name=@{T}-rose"),
        docker("volume ls --filter name=@{T}-rose --filter label=is-timelord=yes"),
        docker("volume ls --format '{{.Name}}: {{.Driver}}' --filter name=@{T}-r"),
        docker("volume ls --format 'table {{.Name}}\\t{{.Labels}}' --filter label=is-timelord"),
        docker("volume ls --filter dangling=maybe", diffs=("invalid-filter",)),
        docker("volume ls --filter colour=blue", diffs=("invalid-filter",)),
        docker("volume ls --format json --filter name=@{T}-daleks"),
        # ---- volume inspect and rm
        docker("volume inspect --format '{{ .Mountpoint }}' @{T}-rose"),
        docker("volume inspect --format '{{.Name}} {{.Labels}}' @{T}-rose @{T}-daleks"),
        docker("volume inspect @{T}-rose @{T}-nosuch"),
        docker("volume rm @{T}-rosemary"),
        docker("volume rm -f @{T}-rosemary"),
        docker("volume rm @{T}-nosuch @{T}-tyler"),
        docker("volume rm -f @{T}-nosuch"),
        docker("rm -v @{T}-user"),
        docker("volume ls -q --filter name=@{T}-rosemary"),
        # ---- volume prune (limited to this scenario's label: the engine is shared)
        docker("run --name @{T}-anon -v /data --label is-timelord=yes @{BASE} true", how="exit"),
        # (current Docker leaves the named rose; the engine here removes it: gone on both after)
        docker("volume prune -f --filter label=is-timelord=yes", diffs=("volume-prune-named",)),
        docker("volume rm -f @{T}-rose", how=None),
        # --all (API 1.42) is refused by the current CLI against the engine here
        # (differences.ENGINE_UNCOMPARED); current Docker removes the named daleks
        docker("volume prune -a -f --filter label=is-timelord=no", how=None),
        docker("volume rm -f @{T}-daleks", how=None),
        docker("volume ls -q --filter name=@{T}-daleks"),
        docker("rm -v @{T}-anon"),
        # ---- docker run reference: volumes
        docker("run --rm -v @{DIR}:@{DIR} -w @{DIR} -i @{BASE} pwd"),
        docker("run --rm -v @{DIR}/doesnt/exist:/foo -w /foo @{BASE} sh -c 'pwd; ls -A'"),
        docker("run --rm --read-only -v /icanwrite @{BASE} sh -c 'touch /icanwrite/here && echo ok'"),
        docker("run --name @{T}-c1 -v /shared @{BASE} sh -c 'echo one > /shared/f'", how="exit"),
        docker("run --name @{T}-c2 -v @{T}-named:/named @{BASE} true", how="exit"),
        docker("run --name @{T}-c3 --volumes-from @{T}-c1 --volumes-from @{T}-c2:ro @{BASE} "
               "sh -c 'cat /shared/f; touch /named/x'"),
        docker("inspect @{T}-c3 --format '{{range .Mounts}}{{.Destination}} {{.RW}} {{.Mode}}{{println}}{{end}}'",
               how="sorted"),
        docker("inspect @{T}-c3 --format '{{json .HostConfig.VolumesFrom}}'"),
        docker("run --rm --volumes-from @{T}-nosuch @{BASE} true"),
        docker("run --rm --volumes-from @{T}-c1:rx @{BASE} true"),
        docker("rm -v @{T}-c1 @{T}-c2 @{T}-c3"),
        # ---- what students do next: inspect's Mounts by template, docker cp, export, commit
        docker("run -d --name @{T}-db -v @{T}-data:/data -v @{T}-ro:/ro:ro --tmpfs /tmp "
               "@{BASE} sh -c 'echo row > /data/db.txt; sleep 300'", how="exit"),
        docker("inspect -f '{{ (index .Mounts 0).Type }}' @{T}-db"),
        docker("inspect -f '{{range .Mounts}}{{.Name}} {{.Source}} {{.Destination}} {{.Driver}} {{.RW}}{{println}}{{end}}' @{T}-db",
               how="sorted"),
        docker("inspect -f '{{range .HostConfig.Binds}}{{println .}}{{end}}' @{T}-db", how="sorted"),
        docker("inspect -f '{{.HostConfig.VolumesFrom}} {{.Config.Volumes}} {{.Config.Entrypoint}} "
               "{{len .HostConfig.CapAdd}} {{range .HostConfig.Links}}x{{else}}none{{end}}' @{T}-db"),
        docker("container inspect -f '{{ .Config.Volumes }}' @{T}-db"),
        host("sleep 1", how=None),
        docker("cp @{T}-db:/data/db.txt @{DIR}/@{SIDE}-db.txt", how="exit"),
        host("cat @{DIR}/@{SIDE}-db.txt"),
        docker("cp @{DIR}/@{SIDE}-db.txt @{T}-db:/ro/"),
        docker("cp @{DIR}/@{SIDE}-db.txt @{T}-db:/data/copy.txt", how="exit"),
        docker("exec @{T}-db ls /data"),
        docker("stop -t 1 @{T}-db"),
        docker("cp @{DIR}/@{SIDE}-db.txt @{T}-db:/ro/"),
        docker("diff @{T}-db", how="sorted"),
        docker("commit @{T}-db @{T}-snap:1", how="exit"),
        docker("run --rm @{T}-snap:1 sh -c 'ls -A /data /ro /tmp'"),
        docker("image inspect -f '{{json .Config.Volumes}}' @{T}-snap:1"),
        docker("rmi @{T}-snap:1", how="exit"),
        docker("rm -v @{T}-db"),
        docker("volume ls -q --filter name=@{T}-data --filter name=@{T}-ro", how="sorted"),
        docker("volume rm @{T}-data @{T}-ro"),
        # ---- system df -v: this scenario's rows
        docker("volume create @{T}-sized", how="exit"),
        docker("run --name @{T}-w -v @{T}-sized:/d @{BASE} sh -c 'head -c 5000 /dev/zero > /d/f; "
               "echo 12345 > /top'", how="exit"),
        docker("system df -v", how="rows"),
        docker("rm -v @{T}-w"),
        docker("volume rm @{T}-sized @{T}-hello @{T}-named"),
        # ---- storage driver pages: what the host shows
        docker("info --format '{{.Driver}}'"),
        docker("info --format '{{json .DriverStatus}}'", diffs=("overlay2-metacopy-status",)),
        docker("run -d --name @{T}-ov @{BASE} sleep 300", how="exit"),
        host("ls @{mountdir:@{T}-ov}"),
        host("ls @{initdir:@{T}-ov}"),
        host("ls @{layerdir:@{BASE}:0}"),
        host("cat @{layerdir:@{BASE}:0}/link | wc -c; test -e @{layerdir:@{BASE}:0}/lower; echo $?"),
        host("ls /var/lib/docker/overlay2/l/$(cat @{layerdir:@{BASE}:0}/link) | head -3"),
        host("cat @{mountdir:@{T}-ov}/lower | tr ':' '\\n' | wc -l"),
        host("mount | grep -c '@{mountdir:@{T}-ov}/merged'"),
        host("mount | grep '@{mountdir:@{T}-ov}/merged' | sed 's/lowerdir=[^,]*/lowerdir=L/' | cut -d' ' -f1-5"),
        # drivers/_index.md: per-container storage, metadata and logs
        docker("exec @{T}-ov sh -c 'printf hello > /out.txt'", how="exit"),
        docker("ps --size --filter name=@{T}-ov --format \"table {{.Image}}\t{{.Names}}\t{{.Size}}\""),
        # the <id>-json.log sorts among the other names by the ID's first digit: named by
        # what it is (lower case: first letter i, apart from the others in any locale), sorted
        host("ls /var/lib/docker/containers/@{cid:@{T}-ov} | sed 's/^[0-9a-f]\\{64\\}/id/' | sort"),
        host("du -sh /var/lib/docker/containers/@{cid:@{T}-ov} | cut -f1"),
        host("ls @{upper:@{T}-ov}; cat @{upper:@{T}-ov}/out.txt"),
        docker("rm -f @{T}-ov"),
        docker("volume rm -f @{T}-rose @{T}-daleks @{T}-dup @{T}-bad @{T}-x", how=None),
    ],
)
