# escape=\
FROM busybox
RUN a \
  b \

  c
ENV X=1
