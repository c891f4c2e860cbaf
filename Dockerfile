# syntax=docker/dockerfile:1
# scanstub: build with dev dependencies, run with production ones only.
# the newest Node 24 LTS; the base is pinned to it exactly (npm run test:image builds on it)
ARG NODE_VERSION=24.22.3

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# native modules compile against this image's own Node headers, never a prebuilt binary from the net
ENV npm_config_nodedir=/usr/local \
    npm_config_build_from_source=true
COPY package.json package-lock.json ./
# behind a TLS-intercepting proxy, pass its CA bundle as a build secret: mounted for this step only,
# never in a layer (podman/docker build --secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt);
# without the secret the file is absent and Node only warns
RUN --mount=type=secret,id=npm_ca NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# the build starts the server once to make the launcher's code cache: it needs the schema and demo data
COPY migrations ./migrations
COPY fixtures ./fixtures
# the run stage takes node_modules as they are: drop what compiling better-sqlite3 left beside its .node
RUN npm run build && npm prune --omit=dev \
 && cd node_modules/better-sqlite3 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps build/Release/test_extension.node build/Release/sqlite3.a

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
