#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL 15 on 127.0.0.1:5432 with a role that may create databases,
# then prints the URL the tests read from LANTERNE_TEST_POSTGRES. Run as root; idempotent.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
fi
pg_ctlcluster 15 main start >&2 2>/dev/null || pg_ctlcluster 15 main status >/dev/null
for _ in $(seq 1 30); do
    su postgres -c "psql -qAtc 'SELECT 1'" >/dev/null 2>&1 && break
    sleep 1
done
# The store suites run many tests at once, each on its own database with its own pool: PostgreSQL's default of 100
# connections is not enough (53300 "remaining connection slots are reserved").
if [ "$(su postgres -c "psql -qAtc 'SHOW max_connections'")" -lt 400 ]; then
    su postgres -c "psql -qAtc 'ALTER SYSTEM SET max_connections = 400'" >&2
    pg_ctlcluster 15 main restart >&2
    for _ in $(seq 1 30); do
        su postgres -c "psql -qAtc 'SELECT 1'" >/dev/null 2>&1 && break
        sleep 1
    done
fi
password=lanterne-test
su postgres -c "psql -qAt" >&2 <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lanterne') THEN
        CREATE ROLE lanterne LOGIN CREATEDB PASSWORD '$password';
    END IF;
END \$\$;
SQL
if ! su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = 'lanterne'\"" | grep -q 1; then
    su postgres -c "createdb -O lanterne lanterne" >&2
fi
echo "postgres://lanterne:$password@127.0.0.1:5432/lanterne?sslmode=disable"
