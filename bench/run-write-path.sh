#!/usr/bin/env bash
# The write-path benchmark (issue 6) in one command: builds the jar and the bench, then runs
# io.switchboard.bench.writepath.WritePathBenchmark. Arguments go to the benchmark, e.g.
#   bench/run-write-path.sh                      # every phase, ~8 minutes
#   bench/run-write-path.sh --quick              # every phase, shortened, ~4 minutes
#   bench/run-write-path.sh --phases=b,g         # one phase (plus the correctness check)
# Environment: MVN_FLAGS adds Maven flags (e.g. -Dmaven.repo.local=...); SKIP_BUILD=1 reuses the built jar.
# It needs PostgreSQL (user postgres on 127.0.0.1:5432 by default) and DROPS and recreates the database bench_pg.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q ${MVN_FLAGS:-} -Pbench install -DskipTests
fi
exec mvn -B -q ${MVN_FLAGS:-} -Pbench -pl bench exec:java@write-path -Dexec.args="$*"
