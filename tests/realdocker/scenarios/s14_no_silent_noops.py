"""No silent no-ops: `--volumes-from` (with `:ro`, anonymous and named volumes, inherited bind
mounts, a missing container, the documentation's backup and restore with `tar`), `--read-only`
(with `--tmpfs`), a read-only bind mount refusing every way of writing (and `docker cp`), a
host path that does not exist mounted on a file of the image (runc's "Are you trying to mount a
directory onto a file" error), `docker export`, and the local volume driver's options.

Host paths (bind sources) are `@{DIR}/…` on both sides: the simulated host is a world of its
own.  Client files (`export -o`, `import`) are on the one real disk both clients share, so they
are named with `@{SIDE}`."""
from . import Scenario, docker, host

RO = "-v @{DIR}/hb:/hb:ro @{BASE}"

SCENARIO = Scenario(
    "no_silent_noops",
    __doc__,
    files={"f.txt": "from the client\n"},
    steps=[
        # ---------------------------------------------------------------- --volumes-from
        host("mkdir -p @{DIR}/hb @{DIR}/src && echo hello > @{DIR}/hb/f.txt && "
             "echo motd > @{DIR}/motd.txt && echo fromhost > @{DIR}/src/h.txt", how=None),
        docker("run --name @{T}-src -v @{T}-vol:/shared -v /data -v @{DIR}/src:/b @{BASE} "
               "sh -c 'echo s > /shared/s.txt; echo d > /data/d'"),
        docker("run --rm --volumes-from @{T}-src @{BASE} cat /shared/s.txt /data/d /b/h.txt"),
        docker("run --name @{T}-vf --volumes-from @{T}-src:ro @{BASE} sh -c 'echo x > /shared/s.txt'"),
        docker("run --rm --volumes-from @{T}-src:ro @{BASE} touch /b/h.txt /data/new"),
        docker("inspect -f '{{json .Mounts}}' @{T}-vf", how="mounts"),
        docker("inspect -f '{{json .HostConfig.VolumesFrom}} {{json .HostConfig.Binds}}' @{T}-vf"),
        docker("run --rm --volumes-from @{T}-nosuch @{BASE} true"),
        docker("run --rm --volumes-from @{T}-src:bogus @{BASE} true"),
        docker("run --rm --volumes-from @{T}-src -v @{T}-other:/shared @{BASE} ls /shared"),
        # the documentation's backup and restore of a volume (a tarball in a host folder)
        docker("run --rm --volumes-from @{T}-src -v @{DIR}/backup:/backup @{BASE} "
               "tar cf /backup/backup.tar /shared"),
        docker("run --rm -v @{T}-restored:/shared -v @{DIR}/backup:/backup @{BASE} "
               "sh -c 'cd / && tar xf /backup/backup.tar && cat /shared/s.txt'"),
        docker("volume ls -q --filter name=@{T}-restored"),
        # ---------------------------------------------------------------- --read-only
        docker("run --rm --read-only @{BASE} touch /x"),
        docker("run --rm --read-only @{BASE} sh -c 'echo x >> /etc/motd'"),
        docker("run --rm --read-only @{BASE} mkdir /newdir"),
        docker("run --rm --read-only --tmpfs /tmp @{BASE} sh -c 'touch /tmp/x && ls /tmp'"),
        docker("run --rm --read-only -v @{T}-vol:/shared @{BASE} sh -c 'echo y > /shared/y && cat /shared/y'"),
        docker("run --rm --read-only @{BASE} sh -c \"grep ' / ' /proc/mounts | cut -d, -f1\""),
        docker("run --rm --read-only -w /newdir @{BASE} pwd"),
        docker("run --rm --read-only @{BASE} sh -c 'echo x > /etc/hosts; touch /dev/shm/x /dev/x && echo ok'"),
        docker("run --rm --read-only --tmpfs /run:size=1m @{BASE} sh -c \"grep ' /run ' /proc/mounts\""),
        docker("create --name @{T}-ro --read-only @{BASE} true", how="exit"),
        docker("inspect -f '{{.HostConfig.ReadonlyRootfs}}' @{T}-ro"),
        docker("cp @{CTX}/f.txt @{T}-ro:/"),
        # ---------------------------------------------------------------- read-only mounts
        docker(f"run --rm {RO} sh -c 'echo x >> /hb/f.txt'"),
        docker(f"run --rm {RO} sh -c 'echo x > /hb/f.txt'"),
        docker(f"run --rm {RO} sh -c ': > /hb/f.txt'"),
        docker(f"run --rm {RO} sh -c 'echo x | tee -a /hb/f.txt'"),
        docker(f"run --rm {RO} touch /hb/f.txt /hb/new"),
        docker(f"run --rm {RO} mkdir /hb/d"),
        docker(f"run --rm {RO} rm /hb/f.txt"),
        docker(f"run --rm {RO} rm -rf /hb"),
        docker(f"run --rm {RO} mv /hb/f.txt /tmp/"),
        docker(f"run --rm {RO} mv /etc/motd /hb/"),
        docker(f"run --rm {RO} mv /hb/f.txt /hb/g.txt"),
        docker(f"run --rm {RO} cp /etc/motd /hb/"),
        docker(f"run --rm {RO} chmod 600 /hb/f.txt"),
        docker(f"run --rm {RO} ln -s x /hb/l"),
        docker("run --rm -v @{DIR}/motd.txt:/etc/motd:ro @{BASE} sh -c 'echo x >> /etc/motd'"),
        docker("create --name @{T}-cp -v @{DIR}/hb:/hb:ro @{BASE} true", how="exit"),
        docker("cp @{CTX}/f.txt @{T}-cp:/hb/"),
        docker("cp @{CTX}/f.txt @{T}-cp:/hb/f.txt"),
        host("cat @{DIR}/hb/f.txt; ls @{DIR}/hb"),
        # ---------------------------------------------------------------- file vs folder
        docker("run --rm -v @{DIR}/missing/file.txt:/etc/motd @{BASE} cat /etc/motd",
               diffs=("oci-task-prefix",)),
        host("ls -ld @{DIR}/missing/file.txt", how="ls"),
        docker("create --name @{T}-ff -v @{DIR}/missing2/f.txt:/etc/motd:ro @{BASE} cat /etc/motd",
               how="exit"),
        docker("start @{T}-ff", diffs=("oci-task-prefix",)),
        docker("inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' @{T}-ff",
               diffs=("oci-task-prefix",)),
        docker("run --rm -v @{DIR}/motd.txt:/etc @{BASE} true", diffs=("oci-task-prefix",)),
        docker("run --rm --mount type=bind,src=@{DIR}/hb,dst=/etc/motd @{BASE} true",
               diffs=("oci-task-prefix",)),
        docker("run --rm -v @{DIR}/motd.txt:/newdir/x @{BASE} cat /newdir/x"),
        docker("create --name @{T}-vfile -v @{T}-vfile:/etc/motd @{BASE} true"),
        # ---------------------------------------------------------------- docker export
        docker("run --name @{T}-ex -v @{T}-exv:/data @{BASE} "
               "sh -c 'echo hi > /root/f; echo v > /data/v; rm /etc/motd; ln /bin/busybox /root/hl'",
               how="exit"),
        docker("export -o @{DIR}/@{SIDE}-ex.tar @{T}-ex"),
        docker("export -o @{DIR}/nosuchdir/x.tar @{T}-ex"),
        docker("export -o @{DIR}/x.tar @{T}-nosuch"),
        docker("import @{DIR}/@{SIDE}-ex.tar @{T}-exi:1", how="exit"),
        docker("image inspect -f '{{.Size}}' @{T}-exi:1"),
        docker("run --rm @{T}-exi:1 sh -c 'ls -A / /root /data; cat /root/f; ls /etc'"),
        # ---------------------------------------------------------------- local volume options
        docker("volume create -o type=tmpfs @{T}-o1"),
        docker("volume create -o device=tmpfs @{T}-o2"),
        docker("volume create -o foo=bar @{T}-o3"),
        docker("volume create -o size=10m @{T}-o4"),
        docker("volume create -o type=tmpfs -o device=tmpfs -o o=size=1m @{T}-tv"),
        docker("volume inspect -f '{{json .Options}}' @{T}-tv"),
        host("cat /var/lib/docker/volumes/@{T}-tv/opts.json"),
        docker("run --name @{T}-tc -v @{T}-tv:/d @{BASE} sh -c 'echo a > /d/a; ls /d'"),
        host("ls -A /var/lib/docker/volumes/@{T}-tv/_data"),
        docker("run --rm -v @{T}-tv:/d @{BASE} ls -A /d"),
        docker("inspect -f '{{json .Mounts}}' @{T}-tc", how="mounts"),
        host("mkdir -p @{DIR}/bd && echo inbd > @{DIR}/bd/x", how=None),
        docker("volume create -o type=none -o o=bind -o device=@{DIR}/bd @{T}-bv"),
        docker("run --rm -v @{T}-bv:/d @{BASE} sh -c 'ls /d; echo y > /d/y'"),
        host("ls @{DIR}/bd; ls -A /var/lib/docker/volumes/@{T}-bv/_data"),
        docker("volume create -o type=none -o o=bind -o device=@{DIR}/nonexist @{T}-bn"),
        docker("run --rm -v @{T}-bn:/d @{BASE} true"),
        docker("run --rm --mount type=volume,src=@{T}-mv,dst=/d,volume-opt=type=tmpfs,"
               "volume-opt=device=tmpfs @{BASE} sh -c \"grep ' /d ' /proc/mounts\""),
        docker("volume inspect -f '{{json .Options}}' @{T}-mv"),
        docker("volume ls --filter name=@{T}-o --filter name=@{T}-tv", how="rows"),
        docker("volume ls --filter bogus=1", diffs=("invalid-filter",)),
    ],
)
