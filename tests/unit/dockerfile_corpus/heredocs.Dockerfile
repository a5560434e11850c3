FROM busybox
RUN <<EOF
echo one
echo two
EOF
RUN <<-EOT sh
	echo tabbed
	EOT
COPY <<a.txt <<"b.txt" /dest/
alpha $HOME
a.txt
beta
b.txt
RUN 3<<IN cat <&3
fd three
IN
RUN <<${X:-y}
line
${X:-y}
RUN ["<<NOT"]
ONBUILD RUN <<EOF
onbuild body
EOF
RUN echo <<"E\\F" x
body
E\F
