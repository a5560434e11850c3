"""``docker system df -v`` for this scenario's objects: the image rows (shared and unique
size, containers), container rows (size, local volumes), volume rows (links, size), and
``--format`` on it; ``image inspect``'s GraphDriver for an image and a container."""
from . import Scenario, build, docker, host

_APP = """FROM @{BASE}
RUN dd if=/dev/zero of=/blob bs=1k count=200 2>/dev/null
"""

SCENARIO = Scenario(
    "disk_usage",
    __doc__,
    steps=[
        build(_APP, tag="@{T}-app:1", how="exit"),
        docker("run --name @{T}-u1 -v @{T}-dv:/data @{T}-app:1 sh -c 'head -c 3000 /dev/zero > /data/z; echo hi > /w'",
               how="exit"),
        docker("run --name @{T}-u2 @{T}-app:1 true", how="exit"),
        docker("volume create @{T}-unused", how="exit"),
        docker("system df -v", how="rows"),
        docker("system df -v --format '{{range .Volumes}}{{if eq .Name \"@{T}-dv\"}}{{.Name}} {{.Links}} {{.Size}}{{end}}{{end}}'"),
        docker("system df -v --format '{{range .Containers}}{{if eq .Names \"@{T}-u1\"}}{{.Names}} {{.Size}} {{.LocalVolumes}}{{end}}{{end}}'"),
        docker("system df -v --format '{{range .Images}}{{if eq .Repository \"@{T}-app\"}}{{.Tag}} {{.Size}} {{.SharedSize}} {{.UniqueSize}} {{.Containers}}{{end}}{{end}}'"),
        docker("system df --format '{{.Type}}'"),
        docker("system df --format 'table {{.Type}}\\t{{.TotalCount}}' | head -1"),
        docker("system df --format json | sed 's/\\(\"[A-Za-z]*\":\\)\"[^\"]*\"/\\1\"x\"/g' | sort -u"),
        docker("system df -v --format json | head -c 10"),
        docker("system df -v --format '{{len .Volumes}}' | grep -c .", how="exit"),
        docker("image inspect -f '{{.GraphDriver.Name}} {{len (split .GraphDriver.Data.LowerDir \":\")}}' @{T}-app:1"),
        docker("inspect -f '{{.GraphDriver.Name}} {{len (split .GraphDriver.Data.LowerDir \":\")}}' @{T}-u1"),
        docker("image inspect -f '{{json .RootFS}}' @{T}-app:1 | tr ',' '\\n' | wc -l"),
        docker("rm -v @{T}-u1 @{T}-u2", how="exit"),
        docker("volume rm @{T}-dv @{T}-unused", how="exit"),
        docker("rmi @{T}-app:1", how="exit"),
    ],
)
