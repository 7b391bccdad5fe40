#!/bin/sh
# Container entry point. Where the real project starts gunicorn with Django, the demo serves
# the same /health/ endpoint on port 8000 with busybox httpd.
set -e
echo "starting jaaybaanbackend on :8000 (settings ${DJANGO_SETTINGS_MODULE:-jaaybaanbackend.settings})"
exec httpd -f -v -p 8000 -h /app/public
