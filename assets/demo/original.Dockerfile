# Guide stage 1, "Original" (~800MB, baseline): one stage that keeps everything it touched.
# Runs as root, ships gcc/make/headers, dev dependencies, .env and .git (no .dockerignore),
# copies the source before installing dependencies (any code change reinstalls them), leaves
# the apt lists and the pip cache in its layers, and has no HEALTHCHECK.
ARG BASE=docktor-demo/base
FROM ${BASE}
ENV VIRTUAL_ENV=/app/.venv PATH=/app/.venv/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /app
COPY . .
# demo kit: grows the placeholders of .git, docs, tests and db.sqlite3 to their scaled size
RUN demo-pad expand /app
RUN apt-get update && apt-get install -y gcc make libpq-dev
RUN pip install -r requirements-dev.txt
EXPOSE 8000
CMD ["sh", "start.sh"]
