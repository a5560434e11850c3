FROM busybox
CMD ["echo", "a b", "\u00e9\n"]
CMD ["echo",	"x"] trailing junk
CMD [ "bad" 
ENTRYPOINT []
SHELL ["/bin/sh", "-c"]
RUN ["sh", "-c", "echo $HOME"]
COPY ["a b", "c"]
VOLUME ["/data", "/logs"]
VOLUME /one /two
CMD [1e999]
CMD [NaN]
RUN [
