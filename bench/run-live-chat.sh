#!/usr/bin/env bash
# The live-chat benchmark (issue 8) in one command: builds the jar and the bench, installs socket.io-client 4.x into
# bench/livechat, raises the open-files limit, then runs io.switchboard.bench.livechat.LiveChatBenchmark.
# Arguments go to the benchmark, e.g.
#   bench/run-live-chat.sh                          # claim latency, fan-out to 500 staff, heap per 1,000 sockets
#   bench/run-live-chat.sh --quick                  # shorter (100 claims, 5 fan-out rounds, heap up to 2,000 sockets)
#   bench/run-live-chat.sh --phases=heap --idle-max=4000   # one phase, fewer sockets
#   bench/run-live-chat.sh --help
# Environment: MVN_FLAGS adds Maven flags (e.g. "-o -Dmaven.repo.local=..."); SKIP_BUILD=1 reuses the built jar.
# It needs PostgreSQL (user postgres on 127.0.0.1:5432 by default), node and npm, and DROPS and recreates the
# database bench_livechat (--database=...).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q ${MVN_FLAGS:-} -Pbench install -DskipTests
fi
if [[ ! -d bench/livechat/node_modules/socket.io-client ]]; then
    npm ci --prefix bench/livechat --no-audit --no-fund
fi
# a socket is a file descriptor on both sides: the server and load.js inherit this limit
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)"
exec mvn -B -q ${MVN_FLAGS:-} -Pbench -pl bench exec:java@live-chat -Dexec.args="$*"
