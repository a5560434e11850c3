"""Volumes and bind mounts: a named volume outlives its containers, an empty one is filled
from the image at create, a bind mount hides the image's folder, mount points in
`docker diff`, `volume rm` of a volume in use, `-v` parse errors, `inspect` Mounts."""
from . import Scenario, build, docker, host

VOL = "@{T}-data"

SCENARIO = Scenario(
    "volumes",
    __doc__,
    steps=[
        docker(f"volume create {VOL}"),
        docker(f"volume ls --filter name={VOL}", how="table"),
        docker(f"volume inspect {VOL}"),
        docker(f"run --rm -v {VOL}:/data @{{BASE}} sh -c 'echo kept > /data/f; ls -la /data'", how="ls"),
        host(f"cat /var/lib/docker/volumes/{VOL}/_data/f"),
        host(f"ls -la /var/lib/docker/volumes/{VOL} /var/lib/docker/volumes/{VOL}/_data", how="ls"),
        docker(f"run --rm -v {VOL}:/data @{{BASE}} cat /data/f", label="the data outlived the container"),
        # an empty named volume is filled from the image at create
        docker("run --rm -v @{T}-fresh:/etc @{BASE} ls /etc"),
        host("ls -la /var/lib/docker/volumes/@{T}-fresh/_data", how="ls"),
        docker("run --rm -v @{T}-fresh:/etc @{BASE} cat /etc/motd"),
        # ... but never a non-empty one
        docker(f"run --rm -v {VOL}:/etc @{{BASE}} ls /etc"),
        # a bind mount hides what the image has there
        host("mkdir -p @{DIR}/hostdir && echo from-host > @{DIR}/hostdir/h.txt"),
        docker("run --rm -v @{DIR}/hostdir:/etc @{BASE} ls /etc"),
        host("ls -lA @{DIR}/hostdir", how="ls"),
        docker("run --rm -v @{DIR}/created-by-docker:/x @{BASE} ls -la /x", how="ls"),
        host("ls -ld @{DIR}/created-by-docker | sed 's|/.*/||'", how="ls"),
        # mount points appear in the container's layer
        docker(f"run --name @{{T}}-m -v {VOL}:/data -v @{{DIR}}/hostdir:/opt/h @{{BASE}} true", how="exit"),
        docker("diff @{T}-m", how="sorted"),
        docker("inspect -f '{{json .Mounts}}' @{T}-m", how="mounts"),
        # (the CLI fills Binds from a Go map: their order varies from run to run)
        docker("inspect -f '{{range .HostConfig.Binds}}{{println .}}{{end}}' @{T}-m", how="sorted"),
        # in use, even by a stopped container
        docker(f"volume rm {VOL}"),
        docker("rm @{T}-m"),
        docker(f"volume rm {VOL}"),
        docker(f"volume rm {VOL}", label="volume rm of a missing volume"),
        # anonymous volumes
        docker("run --name @{T}-anon -v /data @{BASE} sh -c 'echo x > /data/x'", how="exit"),
        docker("inspect -f '{{range .Mounts}}{{.Type}} {{.Name}} {{.Source}} {{.Destination}} {{.RW}}{{end}}' @{T}-anon"),
        docker("rm -v @{T}-anon"),
        # an image VOLUME is filled from the image too
        build("FROM @{BASE}\nRUN mkdir /data && echo img > /data/x\nVOLUME /data\n", "@{T}-vimg:1"),
        docker("history --no-trunc @{T}-vimg:1", how="history"),
        docker("run --rm @{T}-vimg:1 cat /data/x"),
        docker("run --name @{T}-v2 @{T}-vimg:1 sh -c 'echo new > /data/y'", how="exit"),
        docker("diff @{T}-v2", how="sorted"),
        docker("inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}} {{.RW}}{{end}}' @{T}-v2"),
        docker("rm -v @{T}-v2"),
        # what -v does with bad input
        docker("run --rm -v @{T}-a:b:c:d @{BASE} true"),
        docker("run --rm -v @{T}-x:rel @{BASE} true"),
        docker("run --rm -v @{T}-x:/d:zz @{BASE} true"),
        docker("run --rm -v @{T}/b:/d @{BASE} true"),
        docker("run --rm -v @{T}-x:/ @{BASE} true"),
        docker("run --rm -v @{T}-x:/d -v @{T}-y:/d @{BASE} true"),
        docker("run --rm --mount type=bind,source=/nonexistent-dsm,target=/x @{BASE} true"),
        docker("volume create x"),
        docker("volume create 'bad name'"),
    ],
)
