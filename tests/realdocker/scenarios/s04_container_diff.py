"""A container's read-write layer: `docker diff` after writes, appends, deletes, renames,
chmod, new folders and symlinks; the copy-ups and whiteouts in its UpperDir on the host; the
`-init` layer; `ps -s` sizes; what a restart sees."""
from . import Scenario, docker, host

CHANGES = ("echo a > /new.txt; echo b >> /etc/motd; rm /etc/group; mkdir -p /d/e; "
           "touch /d/e/f; chmod 600 /etc/passwd; mv /etc/shadow /etc/shadow2; "
           "ln -s /etc/passwd /lnk; rm -r /home; rm -rf /tmp && mkdir /tmp; true")
C1 = "@{T}-c1"

SCENARIO = Scenario(
    "container_diff",
    __doc__,
    steps=[
        docker(f"run --name {C1} @{{BASE}} sh -c '{CHANGES}'"),
        docker(f"diff {C1}", how="sorted"),
        docker(f"ps -a -s --filter name={C1}", how="table"),
        docker(f"inspect -f '{{{{.State.Status}}}} {{{{.State.ExitCode}}}} {{{{.SizeRw}}}}' --size {C1}"),
        # on the host: the container's layer (UpperDir) holds only what changed
        host(f"ls -la @{{upper:{C1}}}", how="ls"),
        host(f"ls -la @{{upper:{C1}}}/etc", how="ls"),
        host(f"ls -la @{{upper:{C1}}}/tmp @{{upper:{C1}}}/d/e", how="ls"),
        host(f"cat @{{upper:{C1}}}/etc/motd @{{upper:{C1}}}/new.txt"),
        host(f"ls @{{mountdir:{C1}}}"),
        host(f"cat @{{mountdir:{C1}}}/lower | tr ':' ' ' | wc -w"),
        host(f"ls -la @{{initdir:{C1}}}/diff @{{initdir:{C1}}}/diff/etc", how="ls"),
        host(f"ls @{{initdir:{C1}}}"),
        host(f"ls /var/lib/docker/image/overlay2/layerdb/mounts/@{{cid:{C1}}}"),
        host(f"cat /var/lib/docker/image/overlay2/layerdb/mounts/@{{cid:{C1}}}/init-id; echo"),
        host(f"cat /var/lib/docker/image/overlay2/layerdb/mounts/@{{cid:{C1}}}/parent; echo"),
        # a restart runs the command again on top of its own layer
        docker(f"start -a {C1}"),
        docker(f"diff {C1}", how="sorted"),
        # a container that never ran: nothing changed, nothing to show
        docker("create --name @{T}-c2 @{BASE} true", how="exit"),
        docker("diff @{T}-c2"),
        docker("ps -a -s --filter name=@{T}-c2", how="table"),
        # exec into a running container writes to the same layer
        docker("run -d --name @{T}-c3 @{BASE} sleep 300", how="exit"),
        docker("exec @{T}-c3 sh -c 'echo x > /etc/x; rm /etc/motd'"),
        docker("diff @{T}-c3", how="sorted"),
        docker("ps -s --filter name=@{T}-c3", how="table"),
        host("ls @{mountdir:@{T}-c3}"),
        docker("exec @{T}-c3 ls /etc"),
        docker("rm -f @{T}-c3"),
        # (CLI 28 then prints `Successfully copied 1.02kB to …`; 20.10 prints nothing)
        docker(f"cp {C1}:/etc/motd @{{DIR}}/@{{SIDE}}-motd.txt", how="exit"),
        docker(f"cp {C1}:/nosuch @{{DIR}}/@{{SIDE}}-x"),
    ],
)
