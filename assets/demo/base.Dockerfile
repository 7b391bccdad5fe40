# docktor demo: the base image, standing in for python:3.13-slim (built offline from busybox).
# DEMO_UNIT is the size of one guide-MB in bytes; the whole base is 200 units.
FROM scratch
ARG DEMO_UNIT=100000
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY etc/ /etc/
COPY tools/ /usr/local/bin/
COPY share/ /usr/local/share/demo/
RUN mkdir -p /tmp /root /usr/bin /usr/sbin /var/tmp && chmod 1777 /tmp /var/tmp
ENV DEMO_UNIT=${DEMO_UNIT} LANG=C.UTF-8 PYTHON_VERSION=3.13.1 \
    PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
RUN demo-pad fill 200 /usr/local/bin/python3.13 /usr/local/lib/libpython3.13.so.1.0 \
    /usr/local/lib/python3.13/lib-dynload/_stdlib.cpython-313-x86_64-linux-gnu.so
CMD ["/bin/sh"]
