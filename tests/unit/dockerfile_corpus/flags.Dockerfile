FROM busybox
RUN --mount=type=cache,target=/var/cache --network=none echo hi
RUN --mount "type=bind,source=a b" echo
COPY --from=base --chown=1:1 --chmod=0755 /a /b
ADD --checksum=sha256:abc -- --not-a-flag /x
RUN --x=é y
RUN -- echo dash
RUN --flag
