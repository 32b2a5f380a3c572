#!/usr/bin/env bash
# The audit API benchmark (issue 12) in one command: builds the jar and the bench, then runs
# io.switchboard.bench.audit.AuditBenchmark — one staff chat filled to --events events (default 10,000) through the
# hotel REST API, then state as of an instant, transcripts, verify and a history page, each timed.
#   bench/run-audit.sh
#   bench/run-audit.sh --events=2000 --repeats=10
#   bench/run-audit.sh --help
# Environment: MVN_FLAGS adds Maven flags (e.g. -o -Dmaven.repo.local=...); SKIP_BUILD=1 reuses the built jar.
# It needs PostgreSQL (user postgres on 127.0.0.1:5432 by default) and DROPS and recreates the database bench_audit.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    rm -f app/target/*.jar
    mvn -B -q ${MVN_FLAGS:-} -Pbench install -DskipTests
fi
exec mvn -B -q ${MVN_FLAGS:-} -Pbench -pl bench exec:java@audit -Dexec.args="$*"
