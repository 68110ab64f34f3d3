# syntax=docker/dockerfile:1
# Node 24 is the active LTS (Node 20 reached end of life in April 2026).
# Build stage: full dependencies, compile TypeScript (with the swagger plugin).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY src ./src
# dist/bundle/ is npm start's; the container runs the module tree (tracing can hook it).
RUN node scripts/build.mjs && rm -rf dist/bundle

# Runtime stage: production dependencies only, non-root.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The preload starts OpenTelemetry before the app loads when OTEL_TRACES_EXPORTER is set; otherwise it does nothing.
CMD ["node", "--import", "./dist/telemetry/preload.js", "dist/main.js"]
