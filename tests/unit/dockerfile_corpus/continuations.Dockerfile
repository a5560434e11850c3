FROM busybox
RUN echo a \
# a comment inside a continuation
    && echo b \

    && echo c
  # indented comment
RUN echo \\
RUN echo done
