# One image for every platform service; SERVICE picks which one runs.
FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY libs/ libs/
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY tsconfig.base.json tsconfig.json ./
COPY services/ services/
ARG SERVICE
ENV SERVICE=${SERVICE} SWC_NODE_PROJECT=/app/tsconfig.json
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node -r @swc-node/register services/${SERVICE}/src/main.ts"]
