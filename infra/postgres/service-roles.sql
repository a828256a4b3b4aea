-- A database role per service, as the Readiness Platform expects in production: a login that is
-- not a superuser and cannot bypass row-level security, allowed to connect and to create its own
-- schema (it then owns its tables and runs its own migrations). Row-level security on every tenant
-- table keeps consortia apart even if a query forgot its filter; it holds only for such roles.
-- docker-compose runs this file when it creates the database, then service-passwords.sh, which
-- sets each role's password from its .env. Elsewhere, set each from your secret store
-- (ALTER ROLE … PASSWORD …): until then a role has no password and cannot sign in.
CREATE ROLE ccndr_community LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE ccndr_assessments LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE ccndr_provider_matching LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE ROLE ccndr_evaluation LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT CONNECT, CREATE ON DATABASE readiness TO ccndr_community, ccndr_assessments, ccndr_provider_matching, ccndr_evaluation;
