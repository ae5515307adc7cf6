# The Oversight Ledger API. Two stages: build (compilers, dev dependencies, tsc) and run
# (production dependencies and the compiled JavaScript only, as a non-root user).
#   docker build -t oversight-ledger .
#   docker run -p 3000:3000 -v oversight-data:/data -e JWT_SECRET=... \
#     -v $PWD/ledger-signing-key.pem:/run/secrets/ledger-signing-key:ro \
#     -e LEDGER_SIGNING_KEY_FILE=/run/secrets/ledger-signing-key oversight-ledger
# EVENT_STORE=eventstoredb and EVENTSTORE_CONNECTION_STRING select EventStoreDB (docker-compose.yml).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# `npm install` with the committed lockfile installs exactly what it locks (STACK.md: `npm ci`
# refuses this lockfile because of other platforms' optional binaries).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's `node` user (uid 1000) owns only the data directory; the code stays read-only to it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs, without npm (signals reach node directly: SIGTERM stops it gracefully).
CMD ["node", "dist/apps/api/src/main.js"]
