"""``docker system df -v`` rows built as ``images``, ``ps`` and ``volume ls`` build theirs
(docker/cli formatter/disk_usage.go verboseWrite): an image with two tags is one row showing
its first tag and no digest; a container row carries every ContainerContext field (Mounts,
Networks…) with only the layer's size; a volume row its labels.  ``-v --format raw`` prints
each object's raw format under a ``type:`` line, ``-v --format json`` one object of the four
lists with no newline after it."""
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
        # -v --format raw: each object's raw format under a "type:" line (NewDiskUsageFormat)
        docker("system df -v --format raw | grep -B1 -A5 '^repository: @{T}-a$'"),
        docker("system df -v --format raw | grep -B8 -A3 '^names: @{T}-c1$'"),
        docker("system df -v --format raw | grep -B1 -A2 '^name: @{T}-vol$'"),
        docker("system df -v --format raw | grep '^type: ' | sort -u"),
        docker("system df -v --format raw | grep -c '^build_cache_id: .*[^ ]$'", how="exit"),
        # -v --format json: one JSON object of the four lists, with no newline after it
        docker("system df -v --format json | tr '{' '\\n' | grep '@{T}-'"),
        docker("system df -v --format json | tail -c 3"),
        docker("rm -v @{T}-c1", how="exit"),
        docker("volume rm @{T}-vol", how="exit"),
        docker("rmi @{T}-a:1 @{T}-a:2", how="exit"),
    ],
)
