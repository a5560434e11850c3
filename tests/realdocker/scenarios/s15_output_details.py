"""Output details where the engine and the CLI are exact: JSON that Go marshals from maps
(sorted keys), the conflict errors of `create` (returned as they are, exit 1) against `run`
(reported, exit 125), `docker cp`'s messages and byte counts both ways, each mount type's
`Mode`, `RW` and `Propagation` in `inspect`, and BuildKit's step names after ARG/ENV
substitution."""
from . import Scenario, build, docker, host

SCENARIO = Scenario(
    "output_details",
    __doc__,
    files={"small.txt": "twelve bytes", "dir/a.txt": "a\n", "dir/sub/b.txt": "b" * 3000},
    steps=[
        # ---------------------------------------------------------------- maps in JSON
        docker("create --name @{T}-c --label b=2 --label a=1 --label c=3 --expose 90 --expose 80 "
               "-v /vb -v /va @{BASE} true", how="exit"),
        docker("inspect -f '{{json .Config.Labels}} {{json .Config.ExposedPorts}} {{json .Config.Volumes}}' @{T}-c"),
        docker("volume create --label z=1 --label a=2 -o type=tmpfs -o device=tmpfs -o o=size=1m @{T}-lv"),
        docker("volume inspect -f '{{json .Labels}} {{json .Options}}' @{T}-lv"),
        # ---------------------------------------------------------------- create vs run
        docker("create --name @{T}-c @{BASE} true"),
        docker("run --name @{T}-c @{BASE} true"),
        docker("create --volumes-from @{T}-nosuch @{BASE} true"),
        docker("run --rm --volumes-from @{T}-nosuch @{BASE} true"),
        docker("create -v /x:ro @{BASE} true"),
        docker("run --rm -v /x:ro @{BASE} true"),
        docker("create --mount type=bind,src=@{DIR}/nonexist,dst=/x @{BASE} true"),
        docker("create --mount type=volume,dst=/x,readonly @{BASE} true"),
        docker("create -v bad/name:/x @{BASE} true"),
        # ---------------------------------------------------------------- docker cp
        docker("cp @{CTX}/small.txt @{T}-c:/tmp/", tty=True),
        docker("cp @{CTX}/dir @{T}-c:/tmp/", tty=True),
        docker("cp -q @{CTX}/small.txt @{T}-c:/tmp/q.txt", tty=True),
        # (relative destinations: both clients work in @{DIR}; the same bytes land there)
        docker("cp @{T}-c:/tmp/small.txt small-copy.txt", tty=True),
        docker("cp @{T}-c:/tmp/dir dir-copy", tty=True),
        docker("cp @{T}-c:/etc/passwd .", tty=True),
        docker("cp @{T}-c:/nosuch @{DIR}/@{SIDE}-x"),
        # (a missing container with a destination ending in "/": the CLI answers "no such
        # directory", and the engine here adds racy log lines; not compared)
        docker("cp @{CTX}/small.txt @{T}-nosuch:/tmp/x"),
        docker("cp @{CTX}/nosuch @{T}-c:/tmp/"),
        docker("diff @{T}-c", how="sorted"),
        # ---------------------------------------------------------------- Mode / Propagation
        host("mkdir -p @{DIR}/b", how=None),
        docker("create --name @{T}-m -v @{T}-v1:/v1 -v @{T}-v2:/v2:ro -v @{DIR}/b:/b1 "
               "-v @{DIR}/b:/b2:ro -v @{DIR}/b:/b4:z -v /anon "
               "--mount type=volume,src=@{T}-v3,dst=/v3 --mount type=bind,src=@{DIR}/b,dst=/b3,readonly "
               "--mount type=bind,src=@{DIR}/b,dst=/b5,bind-propagation=rslave "
               "--mount type=tmpfs,dst=/t1 --tmpfs /t2 @{BASE} true", how="exit"),
        docker("inspect -f '{{json .Mounts}}' @{T}-m", how="mounts"),
        docker("inspect -f '{{json .HostConfig.Mounts}}' @{T}-m"),
        # (the CLI collects -v binds from a Go map: in no fixed order)
        docker("inspect -f '{{range .HostConfig.Binds}}{{println .}}{{end}}' @{T}-m", how="sorted"),
        docker("inspect -f '{{json .HostConfig.Tmpfs}}' @{T}-m"),
        docker("create --name @{T}-m2 -v @{T}-v1:/v1 -v @{DIR}/b:/b1:ro -v /anon --tmpfs /t2 @{BASE} true",
               how="exit"),
        docker("create --name @{T}-vf --volumes-from @{T}-m2:ro @{BASE} true", how="exit"),
        docker("inspect -f '{{json .Mounts}}' @{T}-vf", how="mounts"),
        # ---------------------------------------------------------------- BuildKit step names
        build("FROM @{BASE}\nARG V=1\nENV D=/opt/app$V\nWORKDIR $D\nRUN echo $V > f\n"
              "COPY small.txt ${D}/\nRUN echo ${V:-x}-${D} \"q $V\" 'q $V' $UNSET ${UNSET} \\$V\n"
              "LABEL x=$V\n", "@{T}-b:1"),
        docker("history --no-trunc --format '{{.CreatedBy}}' @{T}-b:1"),
    ],
)
