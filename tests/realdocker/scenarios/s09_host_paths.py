"""/var/lib/docker as the host shows it: the layerdb, the imagedb, the overlay2 layer folders
with their `link`, `lower`, `committed` files and the `l/` symlinks, the container folder."""
from . import Scenario, build, docker, host, known

IMG = "@{T}-app:1"
LAYERDB = "/var/lib/docker/image/overlay2/layerdb/sha256"
IMAGEDB = "/var/lib/docker/image/overlay2/imagedb"

SCENARIO = Scenario(
    "host_paths",
    __doc__,
    files={"hello.txt": "hello\n"},
    steps=[
        build("FROM @{BASE}\nCOPY hello.txt /\nRUN echo x >> /etc/motd\n", IMG),
        host(f"cat {LAYERDB}/@{{chain:{IMG}:0}}/size; echo; cat {LAYERDB}/@{{chain:{IMG}:0}}/diff; echo"),
        host(f"cat {LAYERDB}/@{{chain:{IMG}:1}}/size; echo; cat {LAYERDB}/@{{chain:{IMG}:1}}/parent; echo"),
        host(f"cat {LAYERDB}/@{{chain:{IMG}:-1}}/size; echo"),
        host(f"wc -c < {LAYERDB}/@{{chain:{IMG}:-1}}/cache-id"),
        host(f"ls -lA @{{layerdir:{IMG}:0}}", how="ls"),
        host(f"ls -lA @{{layerdir:{IMG}:-1}}", how="ls"),
        host(f"wc -c < @{{layerdir:{IMG}:-1}}/link"),
        host(f"cat @{{layerdir:{IMG}:-1}}/lower; echo"),
        host(f"readlink /var/lib/docker/overlay2/l/$(cat @{{layerdir:{IMG}:-1}}/link)"),
        host(f"ls -la @{{layerdir:{IMG}:-1}}/diff/etc", how="ls"),
        host(f"ls {IMAGEDB}/metadata/sha256/@{{iid:{IMG}}}"),
        host(f"grep -c '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]*[.][0-9]*Z$' "
             f"{IMAGEDB}/metadata/sha256/@{{iid:{IMG}}}/lastUpdated"),
        host(f"sha256sum {IMAGEDB}/content/sha256/@{{iid:{IMG}}} | cut -c1-64"),
        host(f"cat {IMAGEDB}/content/sha256/@{{iid:{IMG}}}", how="stdout"),
        host(f"grep -o '\"@{{T}}-app:1\":\"sha256:[0-9a-f]*\"' /var/lib/docker/image/overlay2/repositories.json"),
        # a container: its folder, its layers
        docker(f"run --name @{{T}}-c1 {IMG} sh -c 'echo hi > /hi.txt'", how="exit"),
        host(f"ls @{{layerdir:{IMG}:-1}}", label="the image's top layer is committed once a container uses it"),
        host("ls /var/lib/docker/containers/@{cid:@{T}-c1}", how="sorted"),
        host("cat /var/lib/docker/containers/@{cid:@{T}-c1}/hostname"),
        host("cat /var/lib/docker/containers/@{cid:@{T}-c1}/@{cid:@{T}-c1}-json.log | wc -l"),
        host("ls -lA @{mountdir:@{T}-c1}", how="ls"),
        host("cat @{mountdir:@{T}-c1}/lower | tr ':' ' ' | wc -w"),
        host("ls @{mountdir:@{T}-c1}/diff"),
        docker("rm @{T}-c1"),
        host(f"ls @{{layerdir:{IMG}:-1}}", label="committed stays after the container is gone"),
    ],
)
