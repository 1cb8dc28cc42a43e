#!/usr/bin/env bash
# Quarry's benchmark, in one command: Quarry, a hand-written Vert.x baseline running Quarry's SQL, and Prisma
# Client 7 (@prisma/adapter-pg behind node:http), on the same data, driven by wrk on loopback.
#
#   src/test/bench/run.sh
#
# Settings (environment):
#   BENCH_USERS=10000 BENCH_POSTS=100000        the data set (posts are spread evenly over the users)
#   BENCH_WARMUP=5s BENCH_DURATION=15s          per scenario and system: a warm-up run, then the measured run
#   BENCH_CONNECTIONS=32 BENCH_THREADS=2        wrk's concurrency
#   BENCH_SCENARIOS="find_unique …"             a subset of the scenarios (default: all eight)
#   BENCH_SYSTEMS="quarry baseline prisma"      a subset of the systems
#   BENCH_PRISMA_WORKERS=auto|1|2               node:cluster workers for the Prisma peers; auto tries 1 and 2, keeps the faster
#   BENCH_POOL=20                               database connections per system (Prisma: split over its workers)
#   BENCH_PG=postgresql://postgres@127.0.0.1:5432   the PostgreSQL server (databases bench_quarry, bench_baseline, bench_prisma are recreated)
#   BENCH_OUT=src/test/bench/results/<UTC date>     where results.csv, results.md, chart.svg and run.txt go
#   BENCH_PEERS=../shared/bench/peers          the Prisma peers (read only: copied to BENCH_WORK)
#   BENCH_WORK=/tmp/quarry-bench                where the Prisma peers are copied and built
#   BENCH_JAVA_OPTS=-XX:MaxRAM=768m             JVM options for Quarry and the baseline (default: sized as the k8s
#                                               Deployment's memory limit, so the heap is what it would be there)
#   BENCH_APPCDS=0                              start Quarry without a class-data archive (default: a training launch makes one)
#   BENCH_BUILD=1                               rebuild even when target/ is up to date (it is rebuilt when older than the sources)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
cd "$ROOT"
# shellcheck source=launch.sh
source "$HERE/launch.sh"

USERS=${BENCH_USERS:-10000}
POSTS=${BENCH_POSTS:-100000}
WARMUP=${BENCH_WARMUP:-5s}
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
SCENARIOS=${BENCH_SCENARIOS:-find_unique find_many find_many_include nested_select count create update nested_create}
SYSTEMS=${BENCH_SYSTEMS:-quarry baseline prisma}
PRISMA_WORKERS=${BENCH_PRISMA_WORKERS:-auto}
POOL=${BENCH_POOL:-20}
PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
OUT=${BENCH_OUT:-$HERE/results/$(date -u +%Y-%m-%d)}
WORK=${BENCH_WORK:-/tmp/quarry-bench}
JAVA_OPTS=${BENCH_JAVA_OPTS--XX:MaxRAM=768m}
APPCDS=${BENCH_APPCDS:-1}
# the Prisma peers: ../shared/bench/peers beside the clone (or beside the folder of worktrees)
PEERS=${BENCH_PEERS:-}
for p in "$ROOT/../shared/bench/peers" "$ROOT/../../shared/bench/peers"; do [ -z "$PEERS" ] && [ -d "$p/prisma" ] && PEERS=$(cd "$p" && pwd); done
QUARRY_PORT=8181 BASELINE_PORT=8182 PRISMA_PORT=3101 GENERIC_PORT=3102 PROBE_PORT=3103
PER_USER=$(( POSTS / USERS ))

mkdir -p "$OUT" "$WORK"
LOG="$OUT/run.txt"
: > "$LOG"
say() { echo "$*" | tee -a "$LOG"; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # url seconds: until the URL answers 2xx
  local url=$1 limit=$2 i
  for ((i = 0; i < limit * 10; i++)); do curl -sf -o /dev/null "$url" && return 0; sleep 0.1; done
  echo "no answer from $url after ${limit}s" >&2; return 1
}

# --- tools and build ------------------------------------------------------------------------------
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
stale() { [ -n "$(find pom.xml src/main src/test/java/dev/quarry/bench -newer "$1" -type f 2>/dev/null | head -n 1)" ]; }
if [ -n "${BENCH_BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/test-classes/dev/quarry/bench/BaselineServer.class ] \
    || stale target/quarkus-app/quarkus-run.jar || stale target/test-classes/dev/quarry/bench/BaselineServer.class; then
  say "building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package > "$WORK/build.log" 2>&1 || { tail -50 "$WORK/build.log"; exit 1; }
fi
if [ ! -f target/bench-classpath.txt ] || [ pom.xml -nt target/bench-classpath.txt ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt > "$WORK/classpath.log" 2>&1
fi
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

say "Quarry benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ): $USERS users, $POSTS posts; wrk $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up + $DURATION per run"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB; $(java -version 2>&1 | head -1); node $(node --version); $(psql --version)"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- databases: same schema, same rows ------------------------------------------------------------
db() { psql "$PG/postgres" -qX -v ON_ERROR_STOP=1 "$@"; }
seed() {
  local t0=$(date +%s%N)
  psql "$PG/$1" -qX -v users="$USERS" -v posts_per_user="$PER_USER" -f "$HERE/seed.sql" > /dev/null
  local counts
  counts=$(psql "$PG/$1" -AtX -F' ' -c 'SELECT (SELECT count(*) FROM "User"), (SELECT count(*) FROM "Post")')
  say "seeded $1: ${counts% *} users, ${counts#* } posts in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
for name in bench_quarry bench_baseline bench_prisma; do
  db -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" 2>/dev/null
done
for name in bench_quarry bench_baseline; do
  DATABASE_URL="$PG/$name" java -jar target/quarkus-app/quarkus-run.jar migrate deploy > "$WORK/migrate-$name.log" 2>&1 \
    || { cat "$WORK/migrate-$name.log"; exit 1; }
  seed "$name"
done

# --- systems --------------------------------------------------------------------------------------
has() { [[ " $SYSTEMS " == *" $1 "* ]]; }

# A first launch (timed: the cold start-up) writes the JDK's class-data archive of everything loaded up to the first
# answer; Quarry is then launched again with it, as a Deployment would with an archive made by a training run of its
# image (README "Deployment"). BENCH_APPCDS=0: one launch, no archive.
start_quarry() {
  local archive="$WORK/quarry.jsa" cold=""
  if [ "$APPCDS" != 0 ]; then
    train_archive "$PG/bench_quarry" $QUARRY_PORT "$WORK/quarry-train.log" "$archive" || exit 1
    cold="; without the archive: $STARTUP_MS ms, CPU $STARTUP_CPU_MS ms"
    launch_quarry "$PG/bench_quarry" $QUARRY_PORT "$WORK/quarry.log" -XX:SharedArchiveFile="$archive" || exit 1
  else
    launch_quarry "$PG/bench_quarry" $QUARRY_PORT "$WORK/quarry.log" || exit 1
  fi
  PIDS+=("$QUARRY_PID")
  say "quarry: pid $QUARRY_PID, first answer $STARTUP_MS ms after launch, CPU $STARTUP_CPU_MS ms ($(grep -o 'started in [0-9.]*s' "$WORK/quarry.log" | head -1))$cold"
}

start_baseline() {
  java $JAVA_OPTS -cp "$CP" dev.quarry.bench.BaselineServer "$PG/bench_baseline" $BASELINE_PORT > "$WORK/baseline.log" 2>&1 &
  BASELINE_PID=$!
  PIDS+=("$BASELINE_PID")
  for ((i = 0; i < 1800; i++)); do grep -q listening "$WORK/baseline.log" && break; kill -0 "$BASELINE_PID" 2>/dev/null || break; sleep 0.1; done
  grep -q listening "$WORK/baseline.log" || { echo "the baseline did not start:"; cat "$WORK/baseline.log"; exit 1; }
  say "baseline: pid $BASELINE_PID, $(grep listening "$WORK/baseline.log")"
}

# The Prisma peers run from a copy (they write node_modules and their build there); the blog peer is the one
# documented in its README; count has no route there, so it goes to the generic peer, on the same database.
start_prisma() {
  local workers=$1
  rm -rf "$WORK/peers" && mkdir -p "$WORK/peers"
  (cd "$PEERS" && tar cf - --exclude=node_modules --exclude=dist --exclude=generated --exclude=.work prisma prisma-generic) | (cd "$WORK/peers" && tar xf -)
  chmod -R u+w "$WORK/peers"
  (cd "$WORK/peers/prisma" && exec env DATABASE_URL="$PG/bench_prisma" PORT=$PRISMA_PORT SKIP_SEED=1 WORKERS=1 PG_POOL_MAX=$POOL \
    ./run.sh > "$WORK/prisma.log" 2>&1) &
  PRISMA_PID=$!
  PIDS+=("$PRISMA_PID")
  for ((i = 0; i < 1800; i++)); do grep -q listening "$WORK/prisma.log" && break; kill -0 "$PRISMA_PID" 2>/dev/null || break; sleep 0.1; done
  grep -q listening "$WORK/prisma.log" || { tail -30 "$WORK/prisma.log"; exit 1; }
  seed bench_prisma
  (cd "$WORK/peers/prisma-generic" && exec env SCHEMA="$WORK/peers/prisma/prisma/schema.prisma" DATABASE_URL="$PG/bench_prisma" PORT=$GENERIC_PORT \
    WORKERS=1 PG_POOL_MAX=$POOL ./run.sh > "$WORK/prisma-generic.log" 2>&1) &
  GENERIC_PID=$!
  PIDS+=("$GENERIC_PID")
  wait_for "http://127.0.0.1:$GENERIC_PORT/health" 180 || { tail -30 "$WORK/prisma-generic.log"; exit 1; }
  if [ "$workers" = auto ]; then
    # the same server, cluster of 2, beside the single process: a short find_many_include on each
    (cd "$WORK/peers/prisma" && exec env DATABASE_URL="$PG/bench_prisma" PORT=$PROBE_PORT WORKERS=2 PG_POOL_MAX=$((POOL / 2)) \
      node server.mjs > "$WORK/prisma-probe.log" 2>&1) &
    local probe=$!
    wait_for "http://127.0.0.1:$PROBE_PORT/users/usr000001" 30
    local one two
    one=$(drive prisma find_many_include $PRISMA_PORT 5s | cut -d' ' -f1)
    two=$(drive prisma find_many_include $PROBE_PORT 5s | cut -d' ' -f1)
    kill "$probe"; wait "$probe" 2>/dev/null || true
    workers=$(awk -v a="$one" -v b="$two" 'BEGIN { print (b > a) ? 2 : 1 }')
    say "prisma: find_many_include for 5 s: $one req/s with 1 process, $two req/s with WORKERS=2: using $workers"
  fi
  PRISMA_WORKERS_USED=$workers
  if [ "$workers" != 1 ]; then
    kill "$PRISMA_PID" "$GENERIC_PID"; wait "$PRISMA_PID" "$GENERIC_PID" 2>/dev/null || true
    (cd "$WORK/peers/prisma" && exec env DATABASE_URL="$PG/bench_prisma" PORT=$PRISMA_PORT WORKERS=$workers PG_POOL_MAX=$((POOL / workers)) \
      node server.mjs > "$WORK/prisma.log" 2>&1) &
    PRISMA_PID=$!
    (cd "$WORK/peers/prisma-generic" && exec env SCHEMA="$WORK/peers/prisma/prisma/schema.prisma" DATABASE_URL="$PG/bench_prisma" PORT=$GENERIC_PORT \
      WORKERS=$workers PG_POOL_MAX=$((POOL / workers)) ./run.sh > "$WORK/prisma-generic.log" 2>&1) &
    GENERIC_PID=$!
    PIDS+=("$PRISMA_PID" "$GENERIC_PID")
    wait_for "http://127.0.0.1:$PRISMA_PORT/users/usr000001" 30
    wait_for "http://127.0.0.1:$GENERIC_PORT/health" 60
  fi
  say "prisma: blog peer pid $PRISMA_PID (port $PRISMA_PORT), generic peer pid $GENERIC_PID (port $GENERIC_PORT, count), WORKERS=$workers, PG_POOL_MAX=$((POOL / workers)) each"
}

# drive SYSTEM SCENARIO PORT DURATION → "req/s p50_us p99_us errors requests"
drive() {
  local system=$1 scenario=$2 port=$3 duration=$4 script_system=$1
  [ "$system" = baseline ] && script_system=quarry
  SCENARIO=$scenario SYSTEM=$script_system USERS=$USERS TAG="$system$(date +%s%N)" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$HERE/scenario.lua" "http://127.0.0.1:$port" > "$WORK/wrk.out" 2>&1 || true
  cat "$WORK/wrk.out" >> "$WORK/wrk-all.log"
  grep '^RESULT' "$WORK/wrk.out" | tail -1 | cut -d' ' -f2- || echo "0 0 0 1 0"
}

port_of() { case $1 in quarry) echo $QUARRY_PORT ;; baseline) echo $BASELINE_PORT ;; prisma) [ "$2" = count ] && echo $GENERIC_PORT || echo $PRISMA_PORT ;; esac; }

# peak resident memory of a process and its children (a node cluster), MB
peak_rss() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do
    total=$(( total + $(awk '/VmHWM/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
  done
  echo $(( total / 1024 ))
}

has quarry && start_quarry
has baseline && start_baseline
has prisma && start_prisma "$PRISMA_WORKERS"

# --- scenarios ------------------------------------------------------------------------------------
: > "$WORK/wrk-all.log"
CSV="$OUT/results.csv"
echo "scenario,system,rps,p50_ms,p99_ms,errors,requests" > "$CSV"
for scenario in $SCENARIOS; do
  for system in $SYSTEMS; do
    port=$(port_of "$system" "$scenario")
    drive "$system" "$scenario" "$port" "$WARMUP" > /dev/null
    read -r rps p50 p99 errors requests < <(drive "$system" "$scenario" "$port" "$DURATION")
    awk -v s="$scenario" -v y="$system" -v r="$rps" -v a="$p50" -v b="$p99" -v e="$errors" -v n="$requests" \
      'BEGIN { printf "%s,%s,%s,%.2f,%.2f,%s,%s\n", s, y, r, a / 1000, b / 1000, e, n }' | tee -a "$CSV" >> "$LOG"
  done
done

say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
has quarry && say "quarry: peak RSS $(peak_rss "$QUARRY_PID") MB (VmHWM), start-up to first answer $STARTUP_MS ms"
has baseline && say "baseline: peak RSS $(peak_rss "$BASELINE_PID") MB"
has prisma && say "prisma: peak RSS $(peak_rss "$PRISMA_PID") MB (blog peer, all its processes), $(peak_rss "$GENERIC_PID") MB (generic peer)"
{
  echo "quarry_startup_ms=${STARTUP_MS:-}"
  echo "quarry_startup_cpu_ms=${STARTUP_CPU_MS:-}"
  echo "quarry_peak_rss_mb=$(has quarry && peak_rss "$QUARRY_PID")"
  echo "prisma_workers=${PRISMA_WORKERS_USED:-}"
} > "$OUT/facts.txt"
python3 "$HERE/report.py" "$OUT" | tee -a "$LOG"
