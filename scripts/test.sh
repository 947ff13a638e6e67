#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on PostgreSQL.
# Outside CI a PostgreSQL that cannot be reached is reported and skipped;
# with CI=true it is a failure. pytest's "no tests collected" (exit 5) is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${FOLKBIB_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/folkbib}

run_suite() {
  local label=$1; shift
  echo "== test suite on $label =="
  env "$@" $BIN/pytest -p no:cacheprovider
  local rc=$?
  if [ $rc -eq 5 ]; then echo "pytest collected no tests on $label: failing"; return 1; fi
  return $rc
}

pg_up() {
  $BIN/python - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
except Exception as exc:
    print(exc); sys.exit(1)
PY
}

status=0
# A file test database, not pytest-django's in-memory one: concurrent writers (the
# circulation concurrency tests' threads) get "database table is locked" from an
# in-memory shared-cache database whatever the busy timeout. One file per run, so
# engineers running the suite side by side in one checkout do not share it.
mkdir -p var
SQLITE_TEST_DB="var/test-$$.sqlite3"
trap 'rm -f "$SQLITE_TEST_DB" "$SQLITE_TEST_DB"-wal "$SQLITE_TEST_DB"-shm' EXIT
run_suite SQLite DATABASE_URL= FOLKBIB_TEST_SQLITE="$SQLITE_TEST_DB" || status=1

if ! pg_up >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "PostgreSQL is down; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  sleep 2
fi
if pg_up; then
  run_suite PostgreSQL DATABASE_URL="$PG_URL" || status=1
elif [ "${CI:-}" = "true" ]; then
  echo "CI: PostgreSQL at $PG_URL is not reachable: failing"
  status=1
else
  echo "PostgreSQL at $PG_URL is not reachable: the PostgreSQL run was skipped (it is required in CI)"
fi
exit $status
