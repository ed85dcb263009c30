#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster on 127.0.0.1, its URL in
# NIGEHBAN_TEST_PG (postgres://nigehban@127.0.0.1:PORT/postgres), then stops and deletes it.
#
#   scripts/with-postgres.sh cargo test
#
# Where PostgreSQL is not installed or cannot start, it says so and runs the command without
# it (the collector's tests then cover SQLite only and print that PostgreSQL was skipped).
# An NIGEHBAN_TEST_PG already set is used as it is. The exit status is the command's.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

if [[ -n "${NIGEHBAN_TEST_PG:-}" ]]; then
    exec "$@"
fi

PG_BIN="${NIGEHBAN_PG_BIN:-}"
if [[ -z "$PG_BIN" ]]; then
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/initdb" ]] && PG_BIN="$dir"
    done
fi

skip() {
    echo "with-postgres: $1; running without PostgreSQL (its tests will be skipped)" >&2
    shift
    exec "$@"
}

if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    echo "with-postgres: PostgreSQL is not installed (apt-get install postgresql); running without it (its tests will be skipped)" >&2
    exec "$@"
fi

# initdb and pg_ctl refuse to run as root: run them as the postgres user when we are root.
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root and there is no postgres user; running without PostgreSQL (its tests will be skipped)" >&2
        exec "$@"
    fi
    as_pg=(runuser -u postgres --)
fi

DIR="$(mktemp -d /tmp/nigehban-pg.XXXXXX)"
if [[ ${#as_pg[@]} -gt 0 ]]; then
    chown postgres: "$DIR"
fi
LOG="$DIR/server.log"

# A free port: ask the kernel for one, then hand it to PostgreSQL.
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))"

cleanup() {
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

if ! "${as_pg[@]}" "$PG_BIN/initdb" -D "$DIR/data" -A trust -U nigehban -E UTF8 >"$DIR/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2
    tail -5 "$DIR/initdb.log" >&2 || true
    cleanup
    trap - EXIT
    skip "PostgreSQL could not be initialised" "$@"
fi
if ! "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$LOG" \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" \
    -w -t 30 start >/dev/null; then
    echo "with-postgres: PostgreSQL did not start:" >&2
    tail -5 "$LOG" >&2 || true
    cleanup
    trap - EXIT
    skip "PostgreSQL could not start" "$@"
fi

export NIGEHBAN_TEST_PG="postgres://nigehban@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (NIGEHBAN_TEST_PG=$NIGEHBAN_TEST_PG)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
