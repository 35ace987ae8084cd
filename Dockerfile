# syntax=docker/dockerfile:1
# Riposte: one image, three roles, each a script in scripts/container/ (docs/deploy.md):
#   sh scripts/container/migrate.sh   apply migrations (one replica at a time), first admin; exits
#   sh scripts/container/web.sh       the Next.js standalone server on $PORT (default command)
#   sh scripts/container/worker.sh    runs, polls, schedules, maintenance
# Build: docker build -t riposte .   Run: docker-compose.yml, or Kubernetes (docs/deploy.md).
ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1. deps: every dependency from the lockfile (the build needs the dev ones) -------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall runs `prisma generate` → server/db/generated
RUN npm ci --no-audit --no-fund

# --- 2. build: the standalone server (.next/standalone) and its browser assets (.next/static)
FROM deps AS build
COPY . .
RUN npx next build

# --- 3. prod-deps: runtime dependencies only, for the worker and migrate roles --------------
# (tsx, bullmq, the Prisma CLI with its WebAssembly engines; no install scripts needed: the
# Prisma client is generated in stage 1 and copied below.) Next.js itself (~300 MB) is dropped:
# the web role has its own traced copy in /app/web, and server/, worker/, core/ never import it.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/next node_modules/@next

# --- 4. runtime ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PORT=3000 \
    RIPOSTE_LISTEN_HOST=0.0.0.0 \
    RIPOSTE_WEB_DIR=/app/web \
    RIPOSTE_DEMO=off

# Worker and migrate: the TypeScript sources tsx runs, production node_modules, the Prisma
# client generated at build time. Owned by root and read-only to the app user.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY core ./core
COPY server ./server
COPY worker ./worker
COPY scripts/container ./scripts/container
COPY --from=build /app/server/db/generated ./server/db/generated

# Web: the standalone server (its own traced node_modules) plus the static assets next build
# leaves outside it. Only Next's cache directory is writable.
COPY --from=build /app/.next/standalone ./web
COPY --from=build /app/.next/static ./web/.next/static
RUN mkdir -p web/.next/cache && chown node:node web/.next/cache

# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
CMD ["sh", "scripts/container/web.sh"]
