# motcua: one image for the api, the worker and the one-shot tools (npm run migrate / seed:demo).
# docker-compose.yml runs it three ways; on its own:
#   docker build -t motcua .
#   docker run --rm -e DATABASE_URL=... -e REDIS_URL=... -e JWT_SECRET=... motcua          (api)
#   docker run --rm ... motcua node dist/apps/worker/main.js                               (worker)
#   docker run --rm ... motcua npm run migrate                                              (migrations)

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency, dev ones included (the build needs them, and so do
# `npm run migrate` / `npm run seed:demo`, which run TypeScript through @swc-node/register).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: webpack bundles of both apps into dist/apps/{api,worker}/main.js.
FROM deps AS build
COPY . .
RUN npm run build \
  && test -f dist/apps/api/main.js \
  && test -f dist/apps/worker/main.js

# ---- runtime: the bundles, the full node_modules (the bundles keep packages external), and
# the TypeScript sources the command-line tools run (apps/cli, libs/ with its migrations,
# tsconfig paths, .swcrc).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json .swcrc ./
COPY libs ./libs
COPY apps/cli ./apps/cli
COPY --from=build /app/dist ./dist
# The image's own unprivileged user; nothing under /app is written at run time.
USER node
EXPOSE 3000 3001
CMD ["node", "dist/apps/api/main.js"]
