"""`docker save` and `docker load`: what they print, and errors."""
from . import Scenario, build, docker, host, known

SCENARIO = Scenario(
    "save_load",
    __doc__,
    files={"hello.txt": "hi\n"},
    steps=[
        build("FROM @{BASE}\nRUN rm /etc/group && echo more >> /etc/motd\nCOPY hello.txt /\n", "@{T}-app:1"),
        docker("image inspect -f '{{.Id}}' @{T}-app:1", how=None, capture="id"),
        docker("save -o @{DIR}/@{SIDE}-app.tar @{T}-app:1"),
        docker("rmi @{T}-app:1", how="exit"),
        docker("load -i @{DIR}/@{SIDE}-app.tar"),
        docker("image inspect -f '{{.Id}}' @{T}-app:1", how="same-as:id"),
        # a loaded image is tagged by the load itself (refstore AddTag): no lastUpdated yet
        host("ls /var/lib/docker/image/overlay2/imagedb/metadata/sha256/@{iid:@{T}-app:1}"),
        docker("history --no-trunc @{T}-app:1", how="history"),
        docker("run --rm @{T}-app:1 sh -c 'cat /hello.txt /etc/motd; ls /etc'"),
        docker("load -i @{DIR}/@{SIDE}-app.tar", label="load again: nothing new"),
        docker("load -q -i @{DIR}/@{SIDE}-app.tar"),
        docker("tag @{T}-app:1 @{T}-app:2", how="exit"),
        host("ls /var/lib/docker/image/overlay2/imagedb/metadata/sha256/@{iid:@{T}-app:1}",
             label="docker tag writes lastUpdated"),
        docker("save -o @{DIR}/@{SIDE}-both.tar @{T}-app", how="exit"),
        docker("rmi @{T}-app:1 @{T}-app:2", how="exit"),
        docker("load -i @{DIR}/@{SIDE}-both.tar", how="sorted"),
        docker("save -o @{DIR}/x.tar @{T}-nosuch"),
        docker("save -o @{DIR}/x.tar @{T}-nosuch:1"),
        docker("save -o @{DIR}/no/such/dir/x.tar @{T}-app:1"),
        docker("load -i @{DIR}/nosuch.tar"),
        docker("load -i nosuch.tar", label="load of a missing file (a relative path)"),
    ],
)
