"""More of what students type: image listings (-a, -q, --digests, filters, formats), removal
of an image a stopped container uses (rmi -f), restart and start of a container that writes
(the writes add up in its layer), logs options, exec in a stopped container, builds with
--no-cache, --target, -f and --build-arg, and bind volumes (local driver, o=bind)."""
from . import Scenario, build, docker, host

_TWO = """FROM @{BASE} AS base
ARG WHO=nobody
RUN echo "hello $WHO" > /greeting
FROM base AS final
RUN cat /greeting > /copy
"""

SCENARIO = Scenario(
    "student_breadth2",
    __doc__,
    files={"alt.Dockerfile": "FROM @{BASE}\nRUN echo alt > /alt\n"},
    steps=[
        build(_TWO, tag="@{T}-two:1", args="--build-arg WHO=student", how="exit"),
        docker("run --rm @{T}-two:1 cat /greeting /copy"),
        build(_TWO, tag="@{T}-base:1", args="--target base", how="exit"),
        docker("run --rm @{T}-base:1 sh -c 'cat /greeting; ls /copy'"),
        build(_TWO, tag="@{T}-two:2", args="--no-cache --build-arg WHO=again"),
        docker("history --format '{{.CreatedBy}}' @{T}-two:2 | head -3"),
        docker("images --filter reference=@{T}-two --format '{{.Repository}}:{{.Tag}}'", how="sorted"),
        docker("images -q @{T}-two:1 | wc -l"),
        docker("image ls --filter reference='@{T}-*:1' --format '{{.Repository}} {{.Tag}}'", how="sorted"),
        docker("images --digests --format '{{.Repository}} {{.Digest}}' @{T}-two"),
        docker("tag @{T}-two:1 @{T}-alias:latest"),
        docker("rmi @{T}-alias"),
        docker("run --name @{T}-user @{T}-two:1 true", how="exit"),
        docker("rmi @{T}-two:1", how="exit"),
        docker("images -q @{T}-two:1 | wc -l"),
        docker("image inspect -f '{{len .RepoTags}}' @{T}-two:2"),
        docker("rm @{T}-user"),
        # a container that writes each time it starts
        docker("run --name @{T}-log -v @{T}-logs:/logs @{BASE} sh -c 'date +x >> /logs/l; echo run >> /trace; wc -l < /trace'"),
        docker("start -a @{T}-log"),
        docker("restart -t 0 @{T}-log", how="exit"),
        docker("start -a @{T}-log"),
        docker("logs @{T}-log"),
        docker("logs --tail 1 @{T}-log"),
        docker("diff @{T}-log", how="sorted"),
        docker("run --rm -v @{T}-logs:/logs @{BASE} wc -l /logs/l"),
        docker("exec @{T}-log ls"),
        docker("rm -v @{T}-log"),
        docker("volume rm @{T}-logs"),
        # a build with -f naming another Dockerfile in the context
        host("true", how=None),
        # a local volume that binds a host folder
        host("mkdir -p @{DIR}/@{SIDE}-bindvol && echo on-host > @{DIR}/@{SIDE}-bindvol/f", how="exit"),
        docker("volume create --driver local --opt type=none --opt o=bind --opt device=@{DIR}/@{SIDE}-bindvol @{T}-bv",
               how="exit"),
        docker("run --rm -v @{T}-bv:/data @{BASE} sh -c 'cat /data/f; echo from-container > /data/g'"),
        host("cat @{DIR}/@{SIDE}-bindvol/g"),
        docker("volume inspect -f '{{.Options.type}} {{.Options.o}}' @{T}-bv"),
        docker("volume rm @{T}-bv"),
        host("ls @{DIR}/@{SIDE}-bindvol"),
        docker("volume create --driver local --opt type=none --opt o=bind --opt device=/nonexistent-@{T} @{T}-bad",
               how="exit"),
        docker("run --rm -v @{T}-bad:/data @{BASE} true"),
        docker("volume rm @{T}-bad"),
        docker("rmi @{T}-two:2 @{T}-base:1", how="exit"),
    ],
)
