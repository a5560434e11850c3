"""Who owns what a container writes: --user against a fresh volume (root's folder), a
volume first mounted over an image folder that a user owns (the copy keeps the owner), a
bind-mounted host folder, files a non-root user writes as seen on the host, umask, and
--read-only with a user."""
from . import Scenario, build, docker, host

_OWNED = """FROM @{BASE}
RUN mkdir -p /data /home/app && echo seed > /data/seed && chown -R 1000:1000 /data && chmod 750 /data
USER 1000
"""

SCENARIO = Scenario(
    "users_permissions",
    __doc__,
    steps=[
        docker("run --rm --user 1000 -v @{T}-fresh:/data @{BASE} sh -c 'id; touch /data/x'"),
        host("stat -c '%a %u:%g' /var/lib/docker/volumes/@{T}-fresh/_data"),
        docker("run --rm --user 1000:1000 -v @{T}-fresh:/data @{BASE} sh -c 'ls -ld /data | cut -c1-30'"),
        build(_OWNED, tag="@{T}-owned:1", how="exit"),
        docker("run --rm -v @{T}-owned:/data @{T}-owned:1 sh -c 'id -u; ls -ln /data | tail -1 | cut -c1-40; "
               "echo mine > /data/mine; stat -c \"%a %u:%g\" /data /data/mine'"),
        host("stat -c '%a %u:%g' /var/lib/docker/volumes/@{T}-owned/_data /var/lib/docker/volumes/@{T}-owned/_data/mine"),
        docker("run --rm --user 0 -v @{T}-owned:/data @{T}-owned:1 sh -c 'umask; echo r > /data/root; stat -c \"%a %u\" /data/root'"),
        docker("run --rm --user 1234 -v @{T}-owned:/data @{T}-owned:1 sh -c 'cat /data/seed; echo x > /data/y'"),
        host("mkdir -p @{DIR}/@{SIDE}-hostdir && chmod 755 @{DIR}/@{SIDE}-hostdir", how="exit"),
        docker("run --rm --user 1000 -v @{DIR}/@{SIDE}-hostdir:/h @{BASE} sh -c 'touch /h/f'"),
        docker("run --rm -v @{DIR}/@{SIDE}-hostdir:/h @{BASE} sh -c 'umask 027; mkdir /h/d; touch /h/d/f; chown 1000:50 /h/d/f'"),
        host("stat -c '%a %u:%g' @{DIR}/@{SIDE}-hostdir/d @{DIR}/@{SIDE}-hostdir/d/f"),
        docker("run --rm --user 1000 --read-only @{BASE} sh -c 'touch /tmp/x'"),
        docker("run --rm --user 1000 --tmpfs /tmp @{BASE} sh -c 'touch /tmp/x && stat -c \"%a %u\" /tmp /tmp/x'"),
        docker("run --rm --user nobody @{BASE} sh -c 'id; echo $HOME'"),
        docker("run --rm --user nosuchuser @{BASE} true"),
        docker("run --rm -w /home/app -u 1000 @{T}-owned:1 sh -c 'pwd; touch here'"),
        docker("volume rm @{T}-fresh @{T}-owned", how="exit"),
        docker("rmi @{T}-owned:1", how="exit"),
    ],
)
