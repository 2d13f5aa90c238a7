# syntax=docker/dockerfile:1
#
# One image definition for every newswire service; pick one with --target:
#   gateway  WebSocket gateway + dashboard on :8080   (newswire gateway)
#   ingest   HTTP ingest on :8081                      (newswire ingest)
#   demo     the seed story as a live demo wire        (newswire demo)
#   runtime  the bare CLI: `docker run newswire-runtime topics`, `... replay ...`
# docker-compose.yml builds the three services on Apache Kafka.
#
# Stage build: installs everything, bundles the dashboard (esbuild) into
# dist/dashboard and the CLI with all services into one ESM file, so the
# runtime stage runs plain `node` with production dependencies only: no tsx,
# no TypeScript, no esbuild, no dev tools.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
# dist/dashboard (the dashboard, bundled) and dist/newswire.mjs (the CLI with every service, our
# TypeScript bundled, npm dependencies external): see services/cli/src/image/bundle.ts.
RUN node --import tsx services/cli/src/image/bundle.ts dist

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/services services-src
# Only the workspaces' package.json files are needed for npm to resolve the tree.
RUN for d in services-src/*/; do mkdir -p "services/$(basename "$d")" && cp "$d/package.json" "services/$(basename "$d")/"; done \
 && rm -rf services-src \
 && npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    LOG_LEVEL=info \
    KAFKA_BROKERS=kafka:9092 \
    DASHBOARD_DIST_DIR=/app/dist/dashboard
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/package.json ./package.json
# Code is root-owned and read-only to the service user; it runs as `node` (uid 1000), never root.
USER node
# Health: GET HEALTHCHECK_PATH on HEALTHCHECK_PORT (set per target below).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEALTHCHECK_PORT||8080)+(process.env.HEALTHCHECK_PATH||'/healthz')).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "/app/dist/newswire.mjs"]
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
