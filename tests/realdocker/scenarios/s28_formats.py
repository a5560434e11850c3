"""The listing formats students copy from the CLI reference: ``--format json``, ``table``
with chosen columns, ``--no-trunc``, ``-l``/``-n``, ``{{json .}}`` and ``{{.Label "k"}}``,
``volume ls``/``image ls``/``ps`` side by side for this scenario's objects."""
from . import Scenario, build, docker, host

SCENARIO = Scenario(
    "formats",
    __doc__,
    steps=[
        docker("volume create --label team=@{T} @{T}-v1", how="exit"),
        docker("volume ls --filter name=@{T}-v1 --format json"),
        docker("volume ls --filter name=@{T}-v1 --format 'table {{.Name}}\\t{{.Driver}}\\t{{.Scope}}'"),
        docker("volume ls --filter name=@{T}-v1 --format '{{.Label \"team\"}} {{.Mountpoint}}'"),
        docker("volume inspect --format json @{T}-v1", how="exit"),
        docker("run --name @{T}-f1 --label team=@{T} -v @{T}-v1:/data @{BASE} sh -c 'echo 123 > /data/x; echo 4567 > /y'",
               how="exit"),
        docker("ps -a --filter name=@{T}-f1 --format '{{.Names}} {{.Image}} {{.Command}} {{.Mounts}} {{.Label \"team\"}}'"),
        docker("ps -a --filter name=@{T}-f1 --format '{{.Names}} {{.Status}} {{.State}} {{.Size}}' --size"),
        docker("ps -a --no-trunc --filter name=@{T}-f1 --format '{{.Command}}'"),
        docker("ps -a --filter name=@{T}-f1 --format '{{.Names}} {{.Size}}'"),
        # (the real side runs with --network none: Networks is left out)
        docker("ps -a --filter name=@{T}-f1 --format json | sed 's/\"Networks\":\"[a-z]*\",//'"),
        docker("ps -a --filter name=@{T}-f1 --format '{{json .}}' | sed 's/\"Networks\":\"[a-z]*\",//'"),
        docker("image ls @{BASE} --format json"),
        docker("ps -a --filter name=@{T}-f1 --format 'table {{.Names}}\\t{{.Mounts}}'"),
        docker("ps -a --filter label=team=@{T} -q | wc -l"),
        docker("container ls -a --filter volume=@{T}-v1 --format '{{.Names}}'"),
        docker("image ls @{BASE} --format '{{.Repository}} {{.Tag}} {{.Size}} {{.Containers}}'"),
        docker("image ls @{BASE} --format 'table {{.Repository}}\\t{{.Tag}}'"),
        docker("inspect --format '{{json .Config.Labels}} {{.HostConfig.Binds}} {{len .Mounts}}' @{T}-f1"),
        docker("inspect --format '{{json .Mounts}}' @{T}-f1", how="mounts"),
        docker("inspect --type volume --format '{{.Name}} {{.Labels}}' @{T}-v1"),
        docker("inspect --type container --format '{{.Name}}' @{T}-v1"),
        docker("container inspect --size --format '{{.SizeRw}}' @{T}-f1"),
        docker("rm -v @{T}-f1", how="exit"),
        docker("volume rm @{T}-v1", how="exit"),
    ],
)
