#!/usr/bin/env bash
# The direct-chat benchmark (issue 7) in one command: builds the jar and the bench, recreates the database, then runs
# io.switchboard.bench.directchat.DirectChatBenchmark. Arguments go to the benchmark, e.g.
#   bench/run-direct-chat.sh                          # every phase, ~4 minutes
#   bench/run-direct-chat.sh --quick                  # shorter runs, idle steps 1,000 and 2,000 only
#   bench/run-direct-chat.sh --phases=cross           # one phase; --help lists the options
# Environment: MVN_FLAGS adds Maven flags (e.g. -o -Dmaven.repo.local=...); SKIP_BUILD=1 reuses the built jar;
# PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432, postgres) and BENCH_DATABASE (default bench_direct).
# It needs PostgreSQL and, for the cross-node phase, Redis at 127.0.0.1:6379 (--redis-url= to change).
# It DROPS and recreates the database bench_direct.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
database="${BENCH_DATABASE:-bench_direct}"

# Up to 10,000 client sockets live in the benchmark's JVM and as many server sockets in the server's (which
# inherits this limit): one file descriptor each.
hard="$(ulimit -Hn)"
if [[ "$hard" == unlimited ]]; then
    ulimit -n 65536 2>/dev/null || true
else
    ulimit -n "$hard" 2>/dev/null || true
fi
if [[ "$(ulimit -n)" != unlimited ]] && (( $(ulimit -n) < 11000 )); then
    echo "warning: only $(ulimit -n) open files allowed; the idle phase's 10,000 sockets need more" >&2
fi

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q ${MVN_FLAGS:-} -Pbench install -DskipTests
fi
psql -q -v ON_ERROR_STOP=1 -d postgres \
    -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" \
    -c "CREATE DATABASE ${database}"
exec mvn -B -q ${MVN_FLAGS:-} -Pbench -pl bench exec:java@direct-chat \
    -Dexec.args="--database=${database} --pg-host=${PGHOST} --pg-port=${PGPORT} --pg-user=${PGUSER} $*"
