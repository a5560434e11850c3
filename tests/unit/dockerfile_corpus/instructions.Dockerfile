FROM busybox
HEALTHCHECK --interval=5s --timeout=3s CMD wget -q localhost || exit 1
HEALTHCHECK CMD ["true"]
HEALTHCHECK NONE
HEALTHCHECK
ONBUILD ADD . /app
ONBUILD ONBUILD RUN x
ONBUILD
MAINTAINER Someone <a@b.c>
STOPSIGNAL SIGTERM
USER 1000:1000
WORKDIR   /spaced path  
EXPOSE 80/tcp 53/udp
from busybox as lower
RuN echo mixed case
NOTANINSTRUCTION with args
