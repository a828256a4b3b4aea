-- A database role per service, as the Readiness Platform expects in production: a login that is
-- not a superuser and cannot bypass row-level security, allowed to connect and to create its own
-- schema (it then owns its tables and runs its own migrations). Row-level security on every tenant
-- table keeps consortia apart even if a query forgot its filter; it holds only for such roles.
-- docker-compose runs this file when it creates the database. The passwords below are for
-- development: in production, set each from your secret store (ALTER ROLE … PASSWORD …).
CREATE ROLE ccndr_community LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD 'community-development-only';
CREATE ROLE ccndr_assessments LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD 'assessments-development-only';
CREATE ROLE ccndr_provider_matching LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD 'provider-matching-development-only';
CREATE ROLE ccndr_evaluation LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD 'evaluation-development-only';
GRANT CONNECT, CREATE ON DATABASE readiness TO ccndr_community, ccndr_assessments, ccndr_provider_matching, ccndr_evaluation;
