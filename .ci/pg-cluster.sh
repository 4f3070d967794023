#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the tests: `pg-cluster.sh start <dir> <port>` prints the URL; `stop <dir>`.
# Debian's server refuses to run as root, so it runs as the `postgres` user, on loopback only, trust auth.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi; }
case "$1" in
  start)
    dir=$2 port=$3
    mkdir -p "$dir" && chown postgres "$dir" 2>/dev/null || true
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null || true
    rm -rf "$2"
    ;;
esac
