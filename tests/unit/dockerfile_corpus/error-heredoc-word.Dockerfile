FROM busybox
RUN <<${X:-a b}
x
