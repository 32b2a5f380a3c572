#!/usr/bin/env bash
# The read-model rebuild benchmark (issue 12, "Rebuild") in one command: builds the jar and the bench, then runs
# io.switchboard.bench.replay.ReplayBenchmark. Arguments go to the benchmark, e.g.
#   bench/run-replay.sh                              # fill bench_replay with 100,000 events, time a rebuild
#   bench/run-replay.sh --reuse --phases=rebuild     # time a rebuild of the events already stored
#   bench/run-replay.sh --reuse --phases=cold --jar=/tmp/old.jar --cold-seconds=60   # any build, e.g. the old code
# Environment: MVN_FLAGS adds Maven flags (e.g. -Dmaven.repo.local=...); SKIP_BUILD=1 reuses the built jar.
# It needs PostgreSQL (user postgres on 127.0.0.1:5432 by default) and DROPS and recreates the database
# bench_replay unless --reuse finds enough events in it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q ${MVN_FLAGS:-} -Pbench install -DskipTests
fi
exec mvn -B -q ${MVN_FLAGS:-} -Pbench -pl bench exec:java@replay -Dexec.args="$*"
