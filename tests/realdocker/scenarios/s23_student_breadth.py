"""What students type beyond the lessons' path: listings with filters and formats, sizes with
``--size``, labels and label filters, read-only and read-only-root writes, tmpfs sizes, volume
names that are paths, a named volume over an image folder (copied) and with ``nocopy``,
conflicts (a running container, an image in use, a volume in use), prunes limited by a label,
rename, wait and logs, commit and history, and ``docker cp`` errors."""
from . import Scenario, build, docker, host

_APP = """FROM @{BASE}
LABEL course=@{T}
RUN mkdir -p /data && echo seed > /data/seed.txt
VOLUME /data
"""

SCENARIO = Scenario(
    "student_breadth",
    __doc__,
    steps=[
        # labels, label filters, formats
        docker("volume create --label course=@{T} --label level=1 @{T}-lv"),
        docker("volume inspect -f '{{json .Labels}} {{.Driver}}' @{T}-lv"),
        docker("volume ls --filter label=course=@{T}"),
        docker("volume ls -q --filter label=course=@{T} --filter label=level=2"),
        # {{.Labels}} joins a Go map: in no fixed order once there are two (one label here)
        docker("volume ls --format '{{.Name}} {{.Driver}} {{.Label \"course\"}} {{.Label \"level\"}}' "
               "--filter name=@{T}-lv"),
        docker("volume create --label course=@{T} @{T}-one"),
        docker("volume ls --format '{{.Name}} {{.Labels}}' --filter name=@{T}-one"),
        docker("volume create @{T}-lv"),
        docker("volume rm @{T}-nosuch"),
        docker("volume inspect @{T}-nosuch"),
        # writes through a read-only volume, a read-only root, tmpfs
        docker("run --rm -v @{T}-lv:/data @{BASE} sh -c 'echo a > /data/a; ls /data'"),
        docker("run --rm -v @{T}-lv:/data:ro @{BASE} sh -c 'echo b > /data/b'"),
        docker("run --rm --mount type=volume,src=@{T}-lv,dst=/d,readonly @{BASE} touch /d/x"),
        docker("run --rm --read-only @{BASE} touch /x"),
        docker("run --rm --read-only --tmpfs /tmp @{BASE} sh -c 'touch /tmp/x && echo ok'"),
        docker("run --rm --read-only -v @{T}-lv:/data @{BASE} sh -c 'echo c > /data/c && cat /data/c'"),
        docker("run --rm --tmpfs /t:size=64k @{BASE} sh -c 'df -k /t | tail -1 | tr -s \" \" | cut -d\" \" -f2'"),
        # a tmpfs with size= fills up: short writes, each program's own words
        docker("run --rm --tmpfs /t:size=64k @{BASE} sh -c 'dd if=/dev/zero of=/t/f bs=1k count=100; "
               "echo rc=$?; ls -l /t/f | cut -c1-42; df -k /t; echo x > /t/g; echo rc=$?; "
               "head -c 5000 /dev/zero > /t/h; echo rc=$?; cp /t/f /t/f2; echo rc=$?; "
               "dd if=/dev/zero of=/t/z bs=3000 count=1; echo rc=$?; ls /t; touch /t/e; mkdir /t/d; echo rc=$?'"),
        docker("run --rm --tmpfs /t:size=8k @{BASE} sh -c 'head -c 8192 /dev/zero > /t/a; cat /t/a > /t/b; "
               "echo rc=$?; printf %s abc > /t/c; echo rc=$?; seq 1 10 > /t/d; echo rc=$?; "
               "echo hi >> /t/a; echo rc=$?; ls -l /t | cut -c1-42'"),
        docker("run --rm --mount type=tmpfs,dst=/t,tmpfs-size=4096 @{BASE} sh -c "
               "'echo 1 > /t/a; echo 2 > /t/b; echo rc=$?; df /t'"),
        docker("volume create --driver local --opt type=tmpfs --opt device=tmpfs --opt o=size=8k @{T}-tv"),
        docker("run --rm -v @{T}-tv:/t @{BASE} sh -c 'dd if=/dev/zero of=/t/f bs=4k count=3; df -k /t'"),
        docker("volume rm @{T}-tv"),
        docker("run --rm -w /data -v @{T}-lv:/data @{BASE} pwd"),
        # names that are no names
        docker("run --rm -v relative/path:/x @{BASE} true"),
        docker("run --rm -v @{T}-lv:relative @{BASE} true"),
        docker("run --rm --mount type=volume,src=@{T}-lv @{BASE} true"),
        docker("run --rm --mount type=bind,dst=/x @{BASE} true"),
        # a new volume over an image folder is filled from it; nocopy leaves it empty
        docker("run --rm -v @{T}-etc:/etc @{BASE} sh -c 'ls /etc | head -3'"),
        docker("run --rm -v @{T}-etc2:/etc:nocopy @{BASE} ls -A /etc"),
        docker("run --rm --mount type=volume,src=@{T}-etc3,dst=/etc,volume-nocopy @{BASE} ls -A /etc"),
        docker("run --rm -v @{T}-etc:/etc @{BASE} sh -c 'ls /etc | wc -l'"),
        docker("volume rm @{T}-etc @{T}-etc2 @{T}-etc3"),
        # an image's VOLUME: an anonymous volume per container, seeded from the image
        build(_APP, tag="@{T}-app:1", how="exit"),
        docker("run --name @{T}-a1 @{T}-app:1 cat /data/seed.txt"),
        docker("inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}} {{.RW}} {{.Driver}}{{end}}' @{T}-a1"),
        docker("image inspect -f '{{json .Config.Volumes}} {{json .Config.Labels}}' @{T}-app:1"),
        docker("rmi @{T}-app:1"),
        docker("rm -v @{T}-a1"),
        # conflicts
        docker("run -d --name @{T}-busy -v @{T}-lv:/data @{BASE} sleep 300", how="exit"),
        docker("volume rm @{T}-lv"),
        docker("rm @{T}-busy", diffs=("rm-running-container",), how="exit"),
        docker("run --name @{T}-busy @{BASE} true"),
        docker("exec @{T}-busy sh -c 'echo x >> /etc/hosts; echo y > /new.txt'", how="exit"),
        docker("diff @{T}-busy", how="sorted"),
        docker("inspect --size -f '{{.SizeRw}}' @{T}-busy"),
        docker("ps -a --size --filter name=@{T}-busy --format '{{.Names}} {{.Size}}'", how="rows"),
        docker("ps -a --filter name=@{T}-busy --filter status=running --format '{{.Names}} {{.Status}}'",
               how="rows"),
        docker("rename @{T}-busy @{T}-renamed"),
        docker("inspect -f '{{.Name}}' @{T}-renamed"),
        docker("stop -t 1 @{T}-renamed"),
        docker("wait @{T}-renamed"),
        docker("ps -a --filter name=@{T}-renamed --filter exited=137 --format '{{.Names}}'", how="rows"),
        docker("commit @{T}-renamed @{T}-snap:1", how="exit"),
        docker("history --format '{{.CreatedBy}} {{.Size}}' @{T}-snap:1 | head -2"),
        docker("run --rm @{T}-snap:1 cat /new.txt"),
        docker("rmi @{T}-snap:1", how="exit"),
        docker("rm -v @{T}-renamed"),
        # docker cp's errors
        docker("run --name @{T}-cp @{BASE} sh -c 'echo hi > /hello.txt'", how="exit"),
        docker("cp @{T}-cp:/nosuch @{DIR}/"),
        docker("cp @{T}-cp:/hello.txt @{DIR}/nosuchdir/deeper/"),
        docker("cp @{T}-cp:/hello.txt @{DIR}/@{SIDE}-hello.txt", tty=True, how="exit"),
        host("cat @{DIR}/@{SIDE}-hello.txt"),
        docker("cp @{DIR}/@{SIDE}-hello.txt @{T}-cp:/nosuchdir/x.txt"),
        docker("cp @{DIR}/@{SIDE}-hello.txt @{T}-cp:/hello.txt/x.txt"),
        # -v with one field: an anonymous volume at that (relative) path
        docker("run --name @{T}-rel -v @{T}-lv @{BASE} sh -c 'ls -d /@{T}-lv'"),
        docker("inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}}{{end}}' @{T}-rel"),
        docker("diff @{T}-rel"),
        docker("rm -v @{T}-rel"),
        docker("logs @{T}-cp"),
        # prunes limited to this scenario's label
        docker("run --label course=@{T} --name @{T}-p1 @{BASE} true", how="exit"),
        docker("run --label course=@{T} --name @{T}-p2 @{BASE} sh -c 'echo 12345 > /f'", how="exit"),
        docker("container prune -f --filter label=course=@{T}", how="sorted"),
        docker("ps -a -q --filter name=@{T}-p"),
        # current Docker prunes anonymous volumes only (the engine here prunes the named one too)
        docker("volume prune -f --filter label=course=@{T}", diffs=("volume-prune-named",)),
        docker("volume rm @{T}-lv", how=None),
        docker("rm -v @{T}-cp"),
    ],
)
