"""What a student looks at on the host while a container runs and after it stops: the
container's overlay2 folder (diff, work, merged, link, lower), the short links in l/, the
whiteout a deletion leaves, the mount table while it runs, the container's own folder, and
the sizes du reports, before and after writes and a removal."""
from . import Scenario, build, docker, host

SCENARIO = Scenario(
    "host_inspection",
    __doc__,
    steps=[
        docker("run -d --name @{T}-run @{BASE} sh -c 'rm /etc/group; mkdir -p /new/deep; "
               "echo x > /new/deep/f; dd if=/dev/zero of=/big bs=1k count=300 2>/dev/null; sleep 300'",
               how="exit"),
        host("sleep 1", how=None),
        host("ls @{mountdir:@{T}-run}"),
        host("ls -la @{upper:@{T}-run} | awk '{print $1, $NF}'"),
        host("ls -l @{upper:@{T}-run}/etc | awk '{print $1, $5, $6, $NF}'"),
        host("find @{upper:@{T}-run} -type c | sed 's|.*/diff||'"),
        host("du -sk @{upper:@{T}-run} | cut -f1"),
        host("du -sb @{upper:@{T}-run}/big | cut -f1"),
        host("stat -c '%a %U' @{mountdir:@{T}-run} @{upper:@{T}-run} @{mountdir:@{T}-run}/work"),
        host("cat @{mountdir:@{T}-run}/lower | tr ':' '\\n' | sed 's|/[^/]*$||' | sort -u"),
        host("test -L /var/lib/docker/overlay2/l/$(cat @{mountdir:@{T}-run}/link) && echo link-ok"),
        host("readlink /var/lib/docker/overlay2/l/$(cat @{mountdir:@{T}-run}/link) | sed 's|.*/||'"),
        host("wc -c < @{mountdir:@{T}-run}/link"),
        host("ls @{mountdir:@{T}-run}/merged/new/deep"),
        host("grep -c '@{mountdir:@{T}-run}/merged' /proc/mounts"),
        # the <id>-json.log sorts before or after "checkpoints" by the ID's first digit:
        # named by what it is (lower case: first letter i, apart from the others in any
        # locale), then sorted
        host("ls /var/lib/docker/containers/@{cid:@{T}-run} | sed 's/^[0-9a-f]\\{64\\}-/id-/' | sort"),
        host("stat -c '%a' /var/lib/docker/containers/@{cid:@{T}-run} /var/lib/docker/containers/@{cid:@{T}-run}/hostname "
             "/var/lib/docker/containers/@{cid:@{T}-run}/config.v2.json"),
        docker("exec @{T}-run sh -c 'rm /big'", how="exit"),
        host("ls -la @{upper:@{T}-run} | awk '{print $1, $NF}' | grep big"),
        docker("stop -t 1 @{T}-run", how="exit"),
        host("ls @{mountdir:@{T}-run}"),
        host("grep -c '@{mountdir:@{T}-run}/merged' /proc/mounts"),
        host("ls @{mountdir:@{T}-run}/merged | wc -l"),
        host("ls @{upper:@{T}-run}"),
        docker("start @{T}-run", how="exit"),
        host("sleep 1", how=None),
        host("ls @{mountdir:@{T}-run}/merged/new"),
        docker("rm -f @{T}-run", how="exit"),
        host("ls /var/lib/docker/containers | grep -c @{cid:@{T}-run} || true"),
    ],
)
