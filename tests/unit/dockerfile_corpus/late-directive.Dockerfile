#directive=ignored
# escape=`
FROM busybox
RUN echo no continuation `
RUN next
