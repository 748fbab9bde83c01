#!/usr/bin/env bash
# Start (or stop) the real servers the test-suite needs, on loopback only:
# a throw-away PostgreSQL cluster and a Redis server. Writes their URLs to .test-services.env.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${ACORN_TEST_SERVICES_DIR:-/tmp/acorn-test-services}"
PG_PORT="${ACORN_TEST_PG_PORT:-54329}"
REDIS_PORT="${ACORN_TEST_REDIS_PORT:-63799}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
PGDATA="$BASE/pg"

as_pg() {  # PostgreSQL refuses to run as root: use the postgres system user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  mkdir -p "$BASE"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$BASE" 2>/dev/null || true; chmod 755 "$BASE"; fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      as_pg "$PG_BIN/initdb" -D "$PGDATA" -U acorn --auth=trust -E UTF8 >/dev/null
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$BASE/pg.log" -w \
      -o "-h 127.0.0.1 -p $PG_PORT -k $BASE -F" start >/dev/null
  fi
  as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U acorn -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='acorn_test'" | grep -q 1 ||
    as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U acorn acorn_test
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save "" \
      --appendonly no --logfile "$BASE/redis.log" --dir "$BASE" >/dev/null
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  cat > .test-services.env <<ENV
ACORN_TEST_POSTGRES_URL=postgresql+psycopg://acorn@127.0.0.1:$PG_PORT/acorn_test
ACORN_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
ENV
  echo "test services up: postgres :$PG_PORT, redis :$REDIS_PORT"
}

stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

"${1:-start}"
