#!/bin/sh
# Sets each service role's password (roles made by service-roles.sql) from the environment of the
# PostgreSQL container, which docker-compose.yml fills from .env. The official image runs it once,
# when it creates the database. psql quotes each value (:'name'), so no password can become SQL.
set -e
: "${DATABASE_COMMUNITY_PASSWORD:?set DATABASE_COMMUNITY_PASSWORD}"
: "${DATABASE_ASSESSMENTS_PASSWORD:?set DATABASE_ASSESSMENTS_PASSWORD}"
: "${DATABASE_PROVIDER_MATCHING_PASSWORD:?set DATABASE_PROVIDER_MATCHING_PASSWORD}"
: "${DATABASE_EVALUATION_PASSWORD:?set DATABASE_EVALUATION_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v community="$DATABASE_COMMUNITY_PASSWORD" \
  -v assessments="$DATABASE_ASSESSMENTS_PASSWORD" \
  -v provider_matching="$DATABASE_PROVIDER_MATCHING_PASSWORD" \
  -v evaluation="$DATABASE_EVALUATION_PASSWORD" <<'SQL'
ALTER ROLE ccndr_community PASSWORD :'community';
ALTER ROLE ccndr_assessments PASSWORD :'assessments';
ALTER ROLE ccndr_provider_matching PASSWORD :'provider_matching';
ALTER ROLE ccndr_evaluation PASSWORD :'evaluation';
SQL
