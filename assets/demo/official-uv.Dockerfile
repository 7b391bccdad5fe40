# Guide stage 3, "Official uv" (~500MB, -37%): the builder is the uv image, dependencies are
# installed from the lock file in their own layer before the source is copied (Dependency Layer
# Separation), without dev dependencies, and caches stay in the builder. Still root, and
# without .dockerignore the .env and .git still ride along with the source.
ARG BASE=docktor-demo/base
FROM ${BASE} AS builder
ENV UV_LINK_MODE=copy
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-install-project --no-dev
COPY . .
# demo kit: grows the placeholders of .git, docs, tests and db.sqlite3 to their scaled size
RUN demo-pad expand /app
RUN uv sync --locked --no-dev

FROM ${BASE}
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=builder /app /app
ENV PATH=/app/.venv/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EXPOSE 8000
CMD ["sh", "start.sh"]
