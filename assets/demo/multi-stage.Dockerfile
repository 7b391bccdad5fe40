# Guide stage 2, "Multi-stage" (~600MB, -25%): the compiler stays in the builder stage.
# Still root, still dev dependencies, .env and .git (COPY . . without .dockerignore), and the
# runtime stage leaves its apt lists behind.
ARG BASE=docktor-demo/base
FROM ${BASE} AS builder
ENV VIRTUAL_ENV=/app/.venv
WORKDIR /app
COPY . .
# demo kit: grows the placeholders of .git, docs, tests and db.sqlite3 to their scaled size
RUN demo-pad expand /app
RUN apt-get update && apt-get install -y gcc make libpq-dev
RUN pip install -r requirements-dev.txt

FROM ${BASE}
RUN apt-get update && apt-get install -y libpq5
WORKDIR /app
COPY --from=builder /app /app
ENV VIRTUAL_ENV=/app/.venv PATH=/app/.venv/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EXPOSE 8000
CMD ["sh", "start.sh"]
