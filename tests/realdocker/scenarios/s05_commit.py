"""`docker commit`: the container's layer becomes an image layer (its command as created_by),
committing twice shares it, an unchanged container adds an empty layer, `-m`/`-c`; the local
parent chain shows image IDs in `docker history`."""
from . import Scenario, docker, host

SCENARIO = Scenario(
    "commit",
    __doc__,
    steps=[
        docker("run --name @{T}-c1 @{BASE} sh -c 'echo a > /new.txt; rm /etc/group; echo b >> /etc/motd'"),
        docker("commit @{T}-c1 @{T}-snap:1", how="exit"),
        docker("history --no-trunc @{T}-snap:1", how="history"),
        docker("history @{T}-snap:1", how="table"),
        docker("image inspect -f '{{len .RootFS.Layers}} {{.Size}} {{json .Config.Cmd}} [{{.Comment}}]' @{T}-snap:1"),
        docker("image inspect -f '{{index .RootFS.Layers 1}}' @{T}-snap:1", how=None, capture="layer"),
        docker("commit @{T}-c1 @{T}-snap:2", how="exit"),
        docker("image inspect -f '{{index .RootFS.Layers 1}}' @{T}-snap:2", how="same-as:layer"),
        host("cat /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-snap:1:-1}/size; echo"),
        host("ls /var/lib/docker/image/overlay2/imagedb/metadata/sha256/@{iid:@{T}-snap:1}"),
        host("cat /var/lib/docker/image/overlay2/imagedb/metadata/sha256/@{iid:@{T}-snap:1}/parent; echo"),
        docker("run --rm @{T}-snap:1 sh -c 'cat /new.txt /etc/motd; ls /etc'"),
        docker("images @{T}-snap", how="rows"),
        # an unchanged container: the commit adds no layer
        docker("run --name @{T}-c2 @{BASE} true", how="exit"),
        docker("commit @{T}-c2 @{T}-same:1", how="exit"),
        docker("history --no-trunc @{T}-same:1", how="history"),
        docker("image inspect -f '{{len .RootFS.Layers}} layers' @{T}-same:1"),
        # a message and a changed CMD
        docker("commit -m 'my message' -c 'CMD [\"cat\", \"/new.txt\"]' @{T}-c1 @{T}-snap:3", how="exit"),
        docker("history --no-trunc @{T}-snap:3", how="history"),
        docker("run --rm @{T}-snap:3"),
        docker("image inspect -f '{{.Comment}} {{json .Config.Cmd}}' @{T}-snap:3"),
        # commit of a commit: the parent chain
        docker("run --name @{T}-c3 @{T}-snap:1 sh -c 'echo c > /c.txt'", how="exit"),
        docker("commit @{T}-c3 @{T}-snap:4", how="exit"),
        docker("history @{T}-snap:4", how="table"),
        docker("rmi @{T}-snap:1"),
    ],
)
