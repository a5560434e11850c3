"""Sizes: `docker ps -a -s` (SizeRw and the virtual size), `docker system df -v` (an image's
size, shared and unique size, containers per image; a container's layer; a volume's size),
and `docker images`."""
from . import Scenario, build, docker

DOCKERFILE = """\
FROM @{BASE}
RUN head -c 100000 /dev/zero > /big
RUN echo twelve bytes > /small
"""

SCENARIO = Scenario(
    "sizes_df",
    __doc__,
    steps=[
        build(DOCKERFILE, "@{T}-img:1"),
        build(DOCKERFILE.replace("twelve bytes", "other bytes!"), "@{T}-img:2"),
        docker("history @{T}-img:2", how="table"),
        docker("images @{T}-img", how="rows"),
        docker("run --name @{T}-a @{T}-img:1 sh -c 'echo 123456789 > /ten.txt'", how="exit"),
        docker("run --name @{T}-b @{T}-img:1 sh -c 'cat /big >> /small'", how="exit"),
        docker("create --name @{T}-c @{T}-img:2 true", how="exit"),
        docker("run -d --name @{T}-d -v @{T}-vol:/data @{BASE} sh -c 'head -c 5000 /dev/zero > /data/z; sleep 300'",
               how="exit"),
        docker("exec @{T}-d sh -c 'test -s /data/z && echo ready'"),
        docker("ps -a -s --filter name=@{T}", how="table"),
        docker("ps -a -s --filter name=@{T} --format '{{.Names}} {{.Size}}'", how="sorted"),
        docker("system df -v", how="rows"),
        docker("inspect -f '{{.SizeRw}} {{.SizeRootFs}}' --size @{T}-b"),
        docker("rm -f @{T}-d", how="exit"),
        docker("system df -v", how="rows", label="system df -v after removing the running container"),
    ],
)
