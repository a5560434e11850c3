FROM busybox
RUN <<EOF
never ends
