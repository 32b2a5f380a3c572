#!/usr/bin/env bash
# The support Socket.IO fan-out benchmark (issue 9) in one command: installs the Node load script's socket.io-client
# (bench/support, if missing), builds the jar and the bench, then runs io.switchboard.bench.support.SupportBenchmark.
# Arguments go to the benchmark, e.g.
#   bench/run-support.sh                          # room (100 members) and dashboard (200 subscribers), ~2 minutes
#   bench/run-support.sh --quick                  # shorter, ~1 minute
#   bench/run-support.sh --phases=room --room-rate=50 --room-senders=10
#   bench/run-support.sh --help
# Environment: MVN_FLAGS adds Maven flags (e.g. -o -Dmaven.repo.local=...); SKIP_BUILD=1 reuses the built jar.
# It needs PostgreSQL (user postgres on 127.0.0.1:5432 by default), node 18+ and soketi in tools/soketi, and it
# DROPS and recreates the database bench_support.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d bench/support/node_modules/socket.io-client ]]; then
    npm ci --prefix bench/support --no-audit --no-fund
fi
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q ${MVN_FLAGS:-} -Pbench install -DskipTests
fi
exec mvn -B -q ${MVN_FLAGS:-} -Pbench -pl bench exec:java@support -Dexec.args="$*"
