#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster (pg_virtualenv, from Debian's
# postgresql-common): ECM_TEST_POSTGRES_URL points at it for the command, and the cluster is
# dropped afterwards. `scripts/with-postgres.sh swift test` runs every test, PostgreSQL's too.
set -euo pipefail
if ! command -v pg_virtualenv >/dev/null 2>&1; then
  echo "with-postgres.sh: pg_virtualenv not found: install Debian's postgresql (apt-get install postgresql)" >&2
  exit 2
fi
# 300 connections: every suite runs at once, each test database with its pool, servers under
# test with theirs, and psql beside them; the default 100 ran out once the suites grew (CI:
# "sorry, too many clients already").
# shellcheck disable=SC2016 # expanded by the inner shell, once pg_virtualenv has set PG*
exec pg_virtualenv -t -v 15 -o max_connections=300 bash -c '
  export ECM_TEST_POSTGRES_URL="postgres://${PGUSER}:${PGPASSWORD}@127.0.0.1:${PGPORT}/${PGDATABASE}"
  exec "$@"' with-postgres "$@"
