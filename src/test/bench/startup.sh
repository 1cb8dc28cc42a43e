#!/usr/bin/env bash
# Quarry's start-up, measured alone: launches of the packaged service against an existing PostgreSQL, timed from
# launch to the first answer of GET /api/users/usr000001 (as run.sh times it), without and with a class-data archive
# made by a training launch. Prints one line per launch and the medians.
#
#   src/test/bench/startup.sh
#
# Settings (environment):
#   STARTUP_RUNS=7                             launches per variant (alternating, so that both see the same load)
#   BENCH_PG=postgresql://postgres@127.0.0.1:5432   the PostgreSQL server (database bench_startup is recreated)
#   BENCH_JAVA_OPTS=-XX:MaxRAM=768m            JVM options (as run.sh)
#   BENCH_WORK=/tmp/quarry-bench               where the logs and the archive go
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
cd "$ROOT"
# shellcheck source=launch.sh
source "$HERE/launch.sh"

RUNS=${STARTUP_RUNS:-7}
PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
JAVA_OPTS=${BENCH_JAVA_OPTS--XX:MaxRAM=768m}
WORK=${BENCH_WORK:-/tmp/quarry-bench}
PORT=8183
URL="$PG/bench_startup"
ARCHIVE="$WORK/quarry-startup.jsa"
mkdir -p "$WORK"
trap 'stop_quarry 2>/dev/null || true' EXIT

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -DskipTests package
psql "$PG/postgres" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS bench_startup WITH (FORCE)" -c "CREATE DATABASE bench_startup" 2>/dev/null
DATABASE_URL="$URL" java -jar target/quarkus-app/quarkus-run.jar migrate deploy > "$WORK/migrate-startup.log" 2>&1 \
  || { cat "$WORK/migrate-startup.log"; exit 1; }
psql "$URL" -qX -v users=1000 -v posts_per_user=10 -f "$HERE/seed.sql" > /dev/null

echo "$(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS, $RUNS launches per variant"
train_archive "$URL" $PORT "$WORK/quarry-startup-train.log" "$ARCHIVE"
echo "archive: $ARCHIVE, $(( $(stat -c %s "$ARCHIVE") / 1048576 )) MB"

declare -A WALL CPU
for ((r = 1; r <= RUNS; r++)); do
  for variant in plain archive; do
    extra=()
    [ "$variant" = archive ] && extra=(-XX:SharedArchiveFile="$ARCHIVE")
    launch_quarry "$URL" $PORT "$WORK/quarry-startup.log" "${extra[@]}"
    echo "$variant: first answer $STARTUP_MS ms, CPU $STARTUP_CPU_MS ms ($(grep -o 'started in [0-9.]*s' "$WORK/quarry-startup.log" | head -1); load $(cut -d' ' -f1 /proc/loadavg))"
    stop_quarry
    WALL[$variant]+="$STARTUP_MS "
    CPU[$variant]+="$STARTUP_CPU_MS "
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for variant in plain archive; do
  echo "median $variant: first answer $(echo "${WALL[$variant]}" | median) ms, CPU $(echo "${CPU[$variant]}" | median) ms"
done
