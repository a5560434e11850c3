# syntax=docker/dockerfile:1
# escape=`

FROM busybox AS base
RUN echo one `
    two `
    three
RUN echo keep \\ \
RUN echo `` literal
COPY . `
  /app
