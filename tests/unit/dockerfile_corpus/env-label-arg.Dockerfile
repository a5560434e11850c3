FROM busybox
ENV A=1 B="two words" C=three\ words
ENV OLD form with spaces
ENV D= E=""
LABEL "com.example.key"="v" multi.line="a\
  b"
ARG X Y=1 Z=
ARG
LABEL
