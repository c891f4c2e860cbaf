# syntax=docker/dockerfile:1
# scanstub: build with dev dependencies, run with production ones only.
ARG NODE_VERSION=24.11.1

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# the build starts the server once to make the launcher's code cache: it needs the schema and demo data
COPY migrations ./migrations
COPY fixtures ./fixtures
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim AS run
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DATABASE=/data/scanstub.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
COPY fixtures ./fixtures
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# no curl in the image: Node's own fetch against /health
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "dist/src/healthcheck.js"]
STOPSIGNAL SIGTERM
# scanstub handles SIGTERM itself (finishes in-flight requests, closes the database, exits 0);
# run with --init (compose: init: true) so a zombie-reaping init is PID 1.
CMD ["node", "dist/scanstub.js", "serve"]
