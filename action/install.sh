#!/usr/bin/env bash
# Step 1 of action.yml: install scanstub's dependencies in the action's own folder; npm ci runs
# `prepare`, which builds dist/. Skipped when that folder is already built (a cached action folder).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# the maintained Node lines (package.json engines); older ones still run it, npm warns
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' \
  || echo "::warning::scanstub supports Node.js 22 and later (actions/setup-node with node-version: 24); this is $(node --version)"
if [ -f "$root/dist/scanstub.js" ] && [ -d "$root/node_modules/fastify" ]; then
  echo "scanstub: already installed and built in $root"
  exit 0
fi
cd "$root"
npm ci --no-audit --no-fund
