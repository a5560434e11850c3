"""Mount options: `--mount` syntax, read-only mounts, tmpfs, `volume-nocopy`; what each shows
in `docker diff` and `inspect`."""
from . import Scenario, docker, host, known

SCENARIO = Scenario(
    "mount_options",
    __doc__,
    steps=[
        docker("run --rm --mount type=volume,source=@{T}-v1,target=/etc @{BASE} ls /etc"),
        docker("run --rm --mount type=volume,source=@{T}-v2,target=/etc,volume-nocopy @{BASE} ls /etc"),
        docker("run --rm -v @{T}-v3:/etc:nocopy @{BASE} ls /etc"),
        host("ls /var/lib/docker/volumes/@{T}-v2/_data /var/lib/docker/volumes/@{T}-v3/_data"),
        docker("run --rm -v @{T}-v1:/data:ro @{BASE} sh -c 'echo x > /data/new'"),
        docker("run --rm --mount type=volume,source=@{T}-v1,target=/data,readonly @{BASE} touch /data/y"),
        docker("run --name @{T}-t --tmpfs /scratch @{BASE} sh -c 'echo t > /scratch/f; ls /scratch'"),
        docker("diff @{T}-t", how="sorted"),
        docker("inspect -f '{{json .Mounts}}' @{T}-t"),
        docker("inspect -f '{{json .HostConfig.Tmpfs}}' @{T}-t"),
        docker("run --name @{T}-m --mount type=volume,source=@{T}-v1,target=/data,readonly "
               "-v @{T}-v4:/srv @{BASE} true", how="exit"),
        docker("inspect -f '{{json .Mounts}}' @{T}-m", how="mounts"),
        docker("inspect -f '{{json .HostConfig.Mounts}} {{json .HostConfig.Binds}}' @{T}-m"),
        docker("diff @{T}-m", how="sorted"),
        docker("ps -a -s --filter name=@{T}-m --format '{{.Names}} {{.Size}}'"),
        docker("ps -a --filter name=@{T}-m --format '{{.LocalVolumes}}'"),
        docker("create --name @{T}-one -v @{T}-v4:/srv @{BASE} true", how="exit"),
        docker("ps -a --filter name=@{T}-one --format '{{.Mounts}}'"),
        docker("ps -a --filter name=@{T}-one --no-trunc --format '{{.Mounts}}'"),
        docker("volume ls --filter name=@{T}", how="rows"),
        docker("run --rm --mount type=tmpfs,target=/x,tmpfs-size=1m @{BASE} df -h /x",
               how="exit"),
        docker("run --rm --mount type=bogus,target=/x @{BASE} true"),
        docker("run --rm --mount source=@{T}-v1 @{BASE} true"),
    ],
)
