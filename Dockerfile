# syntax=docker/dockerfile:1
# ASTROWORLD Auth as one container: the standalone Next.js server (output: "standalone"), run
# as an unprivileged user, with the migrations it applies at start-up (several replicas may
# start at once: they queue on an advisory lock). Configuration comes from the environment
# at run time, never from the image: docs/deploy.md.
#
#   docker build -t astroworld-auth .
#   docker run -p 3000:3000 --env-file production.env astroworld-auth

ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, dev tools included: the build needs TypeScript and Next's compiler.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall patches the postgres driver (scripts/patch-postgres.mjs).
COPY scripts/patch-postgres.mjs scripts/
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ is optional in Next.js: make sure it exists, so the runtime stage can copy it.
RUN mkdir -p public && npm run build

# Only what the server runs: server.js with the node_modules it was traced to use (no dev
# dependencies, no npm install), db/migrations, and the browser assets.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# The code stays root-owned and read-only to the server; only .data (PGlite, when no
# DATABASE_URL is set: a single instance with a volume there) is the app user's.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
