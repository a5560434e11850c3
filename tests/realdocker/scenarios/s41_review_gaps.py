"""``docker system df -v`` rows built as ``images``, ``ps`` and ``volume ls`` build theirs
(docker/cli formatter/disk_usage.go verboseWrite): an image with two tags is one row showing
its first tag and no digest; a container row carries every ContainerContext field (Mounts,
Networks…) with only the layer's size; a volume row its labels."""
from . import Scenario, build, docker

_APP = """FROM @{BASE}
RUN echo review > /r
"""

SCENARIO = Scenario(
    "review_gaps",
    __doc__,
    steps=[
        build(_APP, tag="@{T}-a:1", how="exit"),
        docker("tag @{T}-a:1 @{T}-a:2", how="exit"),
        docker("volume create --label k=v @{T}-vol", how="exit"),
        docker("run --name @{T}-c1 --network none -v @{T}-vol:/data @{T}-a:1 sh -c 'echo 12345 > /w'",
               how="exit"),
        # one row per image, its first tag; Digest is empty (verboseWrite sets none)
        docker("system df -v --format '{{range .Images}}{{if eq .Repository \"@{T}-a\"}}"
               "[{{.Tag}}] [{{.Digest}}] {{.Containers}} {{.VirtualSize}}\n{{end}}{{end}}'"),
        docker("system df -v | grep -c '@{T}-a '"),
        docker("system df -v --format '{{range .Containers}}{{if eq .Names \"@{T}-c1\"}}"
               "{{.Image}} {{.Command}} [{{.Mounts}}] {{.Networks}} {{.State}} {{.Size}}{{end}}{{end}}'"),
        docker("system df -v --format '{{range .Volumes}}{{if eq .Name \"@{T}-vol\"}}"
               "{{.Labels}} {{.Label \"k\"}} {{.Driver}} {{.Scope}} {{.Mountpoint}} {{.Links}}{{end}}{{end}}'"),
        docker("system df -v --format '{{range .Containers}}{{if eq .Names \"@{T}-c1\"}}{{json .}}{{end}}{{end}}'"),
        docker("rm -v @{T}-c1", how="exit"),
        docker("volume rm @{T}-vol", how="exit"),
        docker("rmi @{T}-a:1 @{T}-a:2", how="exit"),
    ],
)
