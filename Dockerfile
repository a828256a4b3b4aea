# syntax=docker/dockerfile:1
# The image of one platform service: docker build --build-arg SERVICE=community -t readiness-platform/community .
# (SERVICE: community, assessments, provider-matching, evaluation or portal). Every service is built
# by this one file, so that they all run the same way; each image holds only its own service's code.

FROM node:20.20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/ libs/
# Production dependencies only (no embedded PostgreSQL, test or lint tooling); no install scripts:
# the native TypeScript loader arrives as a platform package.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20.20-bookworm-slim
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<service>" >&2; exit 1)
WORKDIR /app
ENV NODE_ENV=production SERVICE=${SERVICE} SWC_NODE_PROJECT=/app/tsconfig.json
# Outside a container a service listens on 127.0.0.1 unless told otherwise; inside one that would
# reach nobody, so the image listens on the container's network, and what is published decides the rest.
ENV HOST=0.0.0.0
# Owned by root, read-only for the user the service runs as.
COPY --from=dependencies /app/node_modules node_modules
COPY package.json tsconfig.base.json tsconfig.json ./
COPY libs/ libs/
COPY services/${SERVICE}/ services/${SERVICE}/
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# exec: the service is PID 1's only child and gets SIGTERM directly (graceful drain).
# A migrations job runs the same image with `--migrate-only` appended.
ENTRYPOINT ["sh", "-c", "exec node -r @swc-node/register services/${SERVICE}/src/main.ts \"$@\"", "--"]
