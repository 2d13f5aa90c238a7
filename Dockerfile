# syntax=docker/dockerfile:1
#
# One image definition for every newswire service; pick one with --target:
#   gateway  WebSocket gateway + dashboard on :8080   (newswire gateway)
#   ingest   HTTP ingest on :8081                      (newswire ingest)
#   demo     the seed story as a live demo wire        (newswire demo)
#   runtime  the bare CLI: `docker run newswire-runtime topics`, `... replay ...`
# docker-compose.yml builds the three services on Apache Kafka.
#
# Stage build: installs everything and packs the `newswire` command with
# `npm pack` (scripts/pack: the CLI with every service bundled into one ESM
# file, the dashboard prebuilt next to it, npm dependencies declared with the
# versions the workspaces pin). The runtime stage installs that tarball
# globally, exactly as a user does, so the image runs plain `node` with the
# package's production dependencies only: no tsx, no TypeScript, no esbuild,
# no dev tools. services/cli/test/package.test.ts runs the same tarball the
# same way, without Docker.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm pack -w newswire --pack-destination /pkg

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    LOG_LEVEL=info \
    KAFKA_BROKERS=kafka:9092
COPY --from=build /pkg/ /tmp/pkg/
# Installed under /usr/local as root: the code is read-only to the service user. The package's bin
# serves the dashboard prebuilt in its dist/.
RUN npm install -g --omit=dev --no-audit --no-fund /tmp/pkg/newswire-*.tgz \
 && rm -rf /tmp/pkg \
 && npm cache clean --force
WORKDIR /home/node
# It runs as `node` (uid 1000), never root.
USER node
# Health: GET HEALTHCHECK_PATH on HEALTHCHECK_PORT (set per target below).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEALTHCHECK_PORT||8080)+(process.env.HEALTHCHECK_PATH||'/healthz')).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["newswire"]
CMD ["--help"]

FROM runtime AS gateway
# Healthy = ready: its Kafka consumer runs and has caught up (so `depends_on: service_healthy` means it delivers).
ENV GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=8080 HEALTHCHECK_PORT=8080 HEALTHCHECK_PATH=/readyz
EXPOSE 8080
CMD ["gateway"]

FROM runtime AS ingest
ENV INGEST_HOST=0.0.0.0 INGEST_PORT=8081 HEALTHCHECK_PORT=8081 HEALTHCHECK_PATH=/healthz
EXPOSE 8081
CMD ["ingest"]

FROM runtime AS demo
# No HTTP port: healthy while the process runs.
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "process.exit(0)"]
CMD ["demo", "--pace", "2400ms"]
