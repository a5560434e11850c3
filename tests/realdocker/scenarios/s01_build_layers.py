"""A BuildKit build: which instructions make layers, their sizes in `docker history`, what the
image holds, and the layer store on the host (layerdb `size`/`diff`, the overlay2 dir)."""
from . import Scenario, build, docker, host

DOCKERFILE = """\
FROM @{BASE}
ENV APP=demo
WORKDIR /opt/app
RUN mkdir -p data && echo v1 > version.txt
COPY hello.txt .
RUN echo changed >> /etc/motd
RUN rm /etc/group
RUN ln -s /etc/passwd /opt/app/pw
RUN chmod 600 /etc/passwd
CMD ["cat", "version.txt"]
"""

SCENARIO = Scenario(
    "build_layers",
    __doc__,
    files={"hello.txt": "hi\n"},
    steps=[
        build(DOCKERFILE, "@{T}-app:1"),
        docker("history --no-trunc @{T}-app:1", how="history"),
        docker("history @{T}-app:1", how="table"),
        docker("image inspect -f '{{len .RootFS.Layers}} layers' @{T}-app:1"),
        docker("image inspect -f '{{.Size}} {{.Config.WorkingDir}} {{json .Config.Env}} {{json .Config.Cmd}}' @{T}-app:1"),
        docker("images @{T}-app", how="table"),
        docker("run --rm @{T}-app:1"),
        docker("run --rm @{T}-app:1 ls -la /opt/app", how="ls"),
        docker("run --rm @{T}-app:1 cat /etc/motd"),
        docker("run --rm @{T}-app:1 ls /etc"),
        docker("run --rm @{T}-app:1 cat /etc/group"),
        # the layer store on the host
        host("cat /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-app:1:-1}/size; echo"),
        host("cat /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-app:1:-1}/diff; echo"),
        host("cat /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-app:1:4}/size; echo"),
        host("cat /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-app:1:3}/size; echo"),
        host("ls /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-app:1:-1}"),
        host("ls /var/lib/docker/image/overlay2/layerdb/sha256/@{chain:@{T}-app:1:0}"),
        host("ls @{layerdir:@{T}-app:1:-1}"),
        host("ls -la @{layerdir:@{T}-app:1:-1}/diff @{layerdir:@{T}-app:1:-1}/diff/etc", how="ls"),
        host("ls -la @{layerdir:@{T}-app:1:5}/diff/etc", how="ls"),
        host("ls -la @{layerdir:@{T}-app:1:2}/diff/opt/app", how="ls"),
        host("cat @{layerdir:@{T}-app:1:2}/lower | tr ':' ' ' | wc -w"),
        host("ls @{layerdir:@{T}-app:1:0}"),
    ],
)
