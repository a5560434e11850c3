"""A multi-stage build: only the last stage's layers make the image; `COPY --from` a named
stage; `--target` builds an earlier stage."""
from . import Scenario, build, docker

DOCKERFILE = """\
FROM @{BASE} AS builder
WORKDIR /src
RUN echo built > artifact.txt && echo junk > junk.txt

FROM @{BASE}
COPY --from=builder /src/artifact.txt /artifact.txt
RUN cat /artifact.txt >> /etc/motd
CMD ["cat", "/artifact.txt"]
"""

SCENARIO = Scenario(
    "multi_stage",
    __doc__,
    steps=[
        build(DOCKERFILE, "@{T}-app:1"),
        docker("history --no-trunc @{T}-app:1", how="history"),
        docker("image inspect -f '{{len .RootFS.Layers}} layers, {{.Size}} bytes' @{T}-app:1"),
        docker("run --rm @{T}-app:1"),
        docker("run --rm @{T}-app:1 ls /"),
        docker("run --rm @{T}-app:1 cat /etc/motd"),
        build(DOCKERFILE, "@{T}-app:1", label="again: all cached"),
        build(DOCKERFILE, "@{T}-builder:1", "--target builder", label="--target builder"),
        docker("history --no-trunc @{T}-builder:1", how="history"),
        docker("run --rm @{T}-builder:1 ls /src"),
        docker("images @{T}-builder", how="table"),
    ],
)
