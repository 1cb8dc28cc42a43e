#!/usr/bin/env bash
# Quarry's benchmark, in one command: Quarry, a hand-written Vert.x baseline running Quarry's SQL, and Prisma
# Client 7 (@prisma/adapter-pg behind node:http), on the same data, driven by wrk on loopback.
#
#   src/test/bench/run.sh
#
# Settings (environment):
#   BENCH_USERS=10000 BENCH_POSTS=100000        the data set (posts are spread evenly over the users)
#   BENCH_WARMUP=5s BENCH_DURATION=15s          per scenario and system: a warm-up run, then the measured run
#   BENCH_JIT_WARMUP=10s                        before round 1, every scenario is run this long on every system (and
#                                               the jwt-mode Quarry), so that the JIT has compiled every path before
#                                               anything is measured (0: none)
#   BENCH_CONNECTIONS=32 BENCH_THREADS=2        wrk's concurrency
#   BENCH_ROUNDS=3                              rounds over every scenario and system (the systems' order alternates);
#                                               the report gives each figure's median and its spread over the rounds
#   BENCH_SCENARIOS="find_unique …"             a subset of the scenarios (default: all ten). large_body: 20 users with
#                                               all their posts (about 70 KB); jwt: find_unique as a signed-in caller,
#                                               against a second Quarry in jwt mode (Quarry only: BEGIN + settings +
#                                               read + COMMIT, pipelined), to set beside find_unique in open mode
#   BENCH_SYSTEMS="quarry baseline prisma"      a subset of the systems
#   BENCH_PROFILE=1                             after the rounds, a JFR recording of Quarry and the baseline per
#                                               scenario (BENCH_PROFILE_DURATION=5s each), kept with a summary in
#                                               profiles/ (0: none); BENCH_PROFILE_SAMPLING=max|high: JFR's
#                                               method-profiling setting (max: a stack every 1 ms, high: every 10 ms)
#   BENCH_PRISMA_WORKERS=auto|1|2               node:cluster workers for the Prisma peers; auto tries 1 and 2, keeps the faster
#   BENCH_POOL=20                               database connections per system (Prisma: split over its workers)
#   BENCH_PG=postgresql://postgres@127.0.0.1:5432   the PostgreSQL server (databases bench_quarry, bench_baseline, bench_prisma are recreated)
#   BENCH_DB_PREFIX=bench                       those databases' prefix (on a shared server: one per person running it)
#   BENCH_OUT=src/test/bench/results/<UTC date>     where results.csv, results.md, chart.svg and run.txt go
#   BENCH_PEERS=../shared/bench/peers          the Prisma peers (read only: copied to BENCH_WORK)
#   BENCH_WORK=/tmp/quarry-bench                where the Prisma peers are copied and built
#   BENCH_JAVA_OPTS=-XX:MaxRAM=768m             JVM options for Quarry and the baseline (default: sized as the k8s
#                                               Deployment's memory limit, so the heap is what it would be there)
#   BENCH_APPCDS=0                              start Quarry without a class-data archive (default: a training launch makes one)
#   BENCH_BUILD=1                               rebuild even when target/ is up to date (it is rebuilt when older than the sources);
#                                               0: never rebuild (measure target/ as it is)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
cd "$ROOT"
# shellcheck source=launch.sh
source "$HERE/launch.sh"

USERS=${BENCH_USERS:-10000}
POSTS=${BENCH_POSTS:-100000}
WARMUP=${BENCH_WARMUP:-5s}
JIT_WARMUP=${BENCH_JIT_WARMUP:-10s}
DURATION=${BENCH_DURATION:-15s}
ROUNDS=${BENCH_ROUNDS:-3}
PROFILE=${BENCH_PROFILE:-1}
PROFILE_DURATION=${BENCH_PROFILE_DURATION:-5s}
PROFILE_SAMPLING=${BENCH_PROFILE_SAMPLING:-max}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
SCENARIOS=${BENCH_SCENARIOS:-find_unique find_many find_many_include large_body nested_select count jwt create update nested_create}
SYSTEMS=${BENCH_SYSTEMS:-quarry baseline prisma}
PRISMA_WORKERS=${BENCH_PRISMA_WORKERS:-auto}
POOL=${BENCH_POOL:-20}
PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
DB_PREFIX=${BENCH_DB_PREFIX:-bench}
OUT=${BENCH_OUT:-$HERE/results/$(date -u +%Y-%m-%d)}
WORK=${BENCH_WORK:-/tmp/quarry-bench}
JAVA_OPTS=${BENCH_JAVA_OPTS--XX:MaxRAM=768m}
APPCDS=${BENCH_APPCDS:-1}
# deep reactive stacks: JFR keeps 64 frames by default, too few to see the HTTP layer below Quarry's code
[ "$PROFILE" != 0 ] && JAVA_OPTS="$JAVA_OPTS -XX:FlightRecorderOptions:stackdepth=256"
# the Prisma peers: ../shared/bench/peers beside the clone (or beside the folder of worktrees)
PEERS=${BENCH_PEERS:-}
for p in "$ROOT/../shared/bench/peers" "$ROOT/../../shared/bench/peers"; do [ -z "$PEERS" ] && [ -d "$p/prisma" ] && PEERS=$(cd "$p" && pwd); done
QUARRY_PORT=8181 BASELINE_PORT=8182 JWT_PORT=8183 PRISMA_PORT=3101 GENERIC_PORT=3102 PROBE_PORT=3103
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
if [ "${BENCH_BUILD:-}" = 0 ]; then
  say "not building (BENCH_BUILD=0): measuring target/ as it is"
elif [ -n "${BENCH_BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/test-classes/dev/quarry/bench/BaselineServer.class ] \
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
for name in ${DB_PREFIX}_quarry ${DB_PREFIX}_baseline ${DB_PREFIX}_prisma; do
  db -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" 2>/dev/null
done
for name in ${DB_PREFIX}_quarry ${DB_PREFIX}_baseline; do
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
    train_archive "$PG/${DB_PREFIX}_quarry" $QUARRY_PORT "$WORK/quarry-train.log" "$archive" || exit 1
    cold="; without the archive: $STARTUP_MS ms, CPU $STARTUP_CPU_MS ms"
    launch_quarry "$PG/${DB_PREFIX}_quarry" $QUARRY_PORT "$WORK/quarry.log" -XX:SharedArchiveFile="$archive" || exit 1
  else
    launch_quarry "$PG/${DB_PREFIX}_quarry" $QUARRY_PORT "$WORK/quarry.log" || exit 1
  fi
  PIDS+=("$QUARRY_PID")
  say "quarry: pid $QUARRY_PID, first answer $STARTUP_MS ms after launch, CPU $STARTUP_CPU_MS ms ($(grep -o 'started in [0-9.]*s' "$WORK/quarry.log" | head -1))$cold"
}

start_baseline() {
  java $JAVA_OPTS -cp "$CP" dev.quarry.bench.BaselineServer "$PG/${DB_PREFIX}_baseline" $BASELINE_PORT > "$WORK/baseline.log" 2>&1 &
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
  (cd "$WORK/peers/prisma" && exec env DATABASE_URL="$PG/${DB_PREFIX}_prisma" PORT=$PRISMA_PORT SKIP_SEED=1 WORKERS=1 PG_POOL_MAX=$POOL \
    ./run.sh > "$WORK/prisma.log" 2>&1) &
  PRISMA_PID=$!
  PIDS+=("$PRISMA_PID")
  for ((i = 0; i < 1800; i++)); do grep -q listening "$WORK/prisma.log" && break; kill -0 "$PRISMA_PID" 2>/dev/null || break; sleep 0.1; done
  grep -q listening "$WORK/prisma.log" || { tail -30 "$WORK/prisma.log"; exit 1; }
  seed ${DB_PREFIX}_prisma
  (cd "$WORK/peers/prisma-generic" && exec env SCHEMA="$WORK/peers/prisma/prisma/schema.prisma" DATABASE_URL="$PG/${DB_PREFIX}_prisma" PORT=$GENERIC_PORT \
    WORKERS=1 PG_POOL_MAX=$POOL ./run.sh > "$WORK/prisma-generic.log" 2>&1) &
  GENERIC_PID=$!
  PIDS+=("$GENERIC_PID")
  wait_for "http://127.0.0.1:$GENERIC_PORT/health" 180 || { tail -30 "$WORK/prisma-generic.log"; exit 1; }
  if [ "$workers" = auto ]; then
    # the same server, cluster of 2, beside the single process: a short find_many_include on each
    (cd "$WORK/peers/prisma" && exec env DATABASE_URL="$PG/${DB_PREFIX}_prisma" PORT=$PROBE_PORT WORKERS=2 PG_POOL_MAX=$((POOL / 2)) \
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
    (cd "$WORK/peers/prisma" && exec env DATABASE_URL="$PG/${DB_PREFIX}_prisma" PORT=$PRISMA_PORT WORKERS=$workers PG_POOL_MAX=$((POOL / workers)) \
      node server.mjs > "$WORK/prisma.log" 2>&1) &
    PRISMA_PID=$!
    (cd "$WORK/peers/prisma-generic" && exec env SCHEMA="$WORK/peers/prisma/prisma/schema.prisma" DATABASE_URL="$PG/${DB_PREFIX}_prisma" PORT=$GENERIC_PORT \
      WORKERS=$workers PG_POOL_MAX=$((POOL / workers)) ./run.sh > "$WORK/prisma-generic.log" 2>&1) &
    GENERIC_PID=$!
    PIDS+=("$PRISMA_PID" "$GENERIC_PID")
    wait_for "http://127.0.0.1:$PRISMA_PORT/users/usr000001" 30
    wait_for "http://127.0.0.1:$GENERIC_PORT/health" 60
  fi
  say "prisma: blog peer pid $PRISMA_PID (port $PRISMA_PORT), generic peer pid $GENERIC_PID (port $GENERIC_PORT, count), WORKERS=$workers, PG_POOL_MAX=$((POOL / workers)) each"
}

# A second Quarry in jwt mode on the same database, for the jwt scenario: an RSA key made here, a token signed with it
# naming bench_reader, a role that may read every table (made if missing; PostgreSQL's roles are the cluster's).
start_quarry_jwt() {
  local b64url='openssl base64 -A | tr "+/" "-_" | tr -d "="' header payload signature
  openssl genrsa -out "$WORK/jwt.key" 2048 2>/dev/null
  openssl rsa -in "$WORK/jwt.key" -pubout -out "$WORK/jwt.pub" 2>/dev/null
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | sh -c "$b64url")
  payload=$(printf '{"sub":"bench","role":"bench_reader","iat":%d,"exp":%d}' "$(date +%s)" $(( $(date +%s) + 7 * 86400 )) | sh -c "$b64url")
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/jwt.key" -binary | sh -c "$b64url")
  JWT_TOKEN="$header.$payload.$signature"
  psql "$PG/${DB_PREFIX}_quarry" -qX -v ON_ERROR_STOP=1 \
    -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_reader') THEN CREATE ROLE bench_reader NOLOGIN; END IF; END \$\$" \
    -c "GRANT USAGE ON SCHEMA public TO bench_reader" -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO bench_reader"
  local archive=()
  [ "$APPCDS" != 0 ] && archive=(-XX:SharedArchiveFile="$WORK/quarry.jsa")
  BENCH_TOKEN=$JWT_TOKEN QUARRY_AUTH_PUBLIC_KEY_LOCATION="$WORK/jwt.pub" QUARRY_AUTH_ALGORITHMS=RS256 \
    launch_quarry "$PG/${DB_PREFIX}_quarry" $JWT_PORT "$WORK/quarry-jwt.log" "${archive[@]}" || exit 1
  JWT_PID=$QUARRY_PID
  PIDS+=("$JWT_PID")
  QUARRY_PID=$OPEN_PID
  say "quarry (jwt mode): pid $JWT_PID, port $JWT_PORT, token for role bench_reader"
}

# drive SYSTEM SCENARIO PORT DURATION → "req/s p50_us p99_us errors requests" (errors: non-2xx/3xx answers, socket
# errors and timeouts, as wrk counts them)
drive() {
  local system=$1 scenario=$2 port=$3 duration=$4 script_system=$1
  [ "$system" = baseline ] && script_system=quarry
  SCENARIO=$scenario SYSTEM=$script_system USERS=$USERS TAG="$system$(date +%s%N)" TOKEN=${JWT_TOKEN:-} \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$HERE/scenario.lua" "http://127.0.0.1:$port" > "$WORK/wrk.out" 2>&1 || true
  cat "$WORK/wrk.out" >> "$WORK/wrk-all.log"
  grep '^RESULT' "$WORK/wrk.out" | tail -1 | cut -d' ' -f2- || echo "0 0 0 1 0"
}

port_of() {
  case $1 in
    quarry) [ "$2" = jwt ] && echo $JWT_PORT || echo $QUARRY_PORT ;;
    baseline) echo $BASELINE_PORT ;;
    prisma) [ "$2" = count ] && echo $GENERIC_PORT || echo $PRISMA_PORT ;;
  esac
}
# the jwt scenario measures Quarry's own jwt mode: the baseline and the Prisma peer have none
runs() { [ "$2" != jwt ] || [ "$1" = quarry ]; }
pid_of() { case $1 in quarry) [ "$2" = jwt ] && echo "$JWT_PID" || echo "$QUARRY_PID" ;; baseline) echo "$BASELINE_PID" ;; prisma) [ "$2" = count ] && echo "$GENERIC_PID" || echo "$PRISMA_PID" ;; esac; }
db_of() { case $1 in quarry) echo ${DB_PREFIX}_quarry ;; baseline) echo ${DB_PREFIX}_baseline ;; prisma) echo ${DB_PREFIX}_prisma ;; esac; }

# CPU time (clock ticks, user + system) of a process and its descendants, and of the PostgreSQL backends serving a
# database: "pid ticks" lines, so that a run's CPU is the difference of two snapshots (backends that connected during
# the run count from zero). A JVM's JIT compiler threads are left out: compiling is start-up's cost, not a request's,
# and on a loaded machine the JIT can still be compiling long after the warm-up, which would be charged to requests.
descendants() { local p; echo "$1"; for p in $(pgrep -P "$1" 2>/dev/null); do descendants "$p"; done; }
ticks_of() {
  local p
  for p in "$@"; do
    [ -d "/proc/$p/task" ] || continue
    # a thread's name (field 2) may hold spaces: the fields counted from the closing parenthesis
    cat /proc/"$p"/task/*/stat 2>/dev/null | awk -v p="$p" '{
        name = substr($0, index($0, "(") + 1); name = substr(name, 1, index(name, ")") - 1)
        if (name ~ /^C[12] CompilerThre/) next
        n = split(substr($0, index($0, ") ") + 2), f, " "); ticks += f[12] + f[13]
      } END { print p, ticks + 0 }'
  done
  return 0
}
backends() { psql "$PG/postgres" -AtX -c "SELECT pid FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()"; }
cpu_snapshot() { ticks_of $(descendants "$1") > "$WORK/cpu-service.$3"; ticks_of $(backends "$2") > "$WORK/cpu-pg.$3"; }
cpu_used_us() { # KIND (service|pg) → µs of CPU between the snapshots .0 and .1
  awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next } { used += $2 - before[$1] } END { printf "%d", used * 1e6 / hz }' \
    "$WORK/cpu-$1.0" "$WORK/cpu-$1.1"
}

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

# --- scenarios: rounds over every scenario, each system in turn (its order alternates from round to round) ------
has quarry && [[ " $SCENARIOS " == *" jwt "* ]] && { OPEN_PID=$QUARRY_PID; start_quarry_jwt; }
: > "$WORK/wrk-all.log"
CSV="$OUT/results.csv"
echo "round,scenario,system,rps,p50_ms,p99_ms,errors,requests,service_cpu_us,pg_cpu_us" > "$CSV"
FAILED=0
read -r -a ORDER <<< "$SYSTEMS"
# JIT warm-up: a run's own warm-up is too short for a JVM's first scenarios (C2 compiles the shared HTTP and SQL paths
# while they run), so each scenario runs once on each system first, unmeasured.
if [ "$JIT_WARMUP" != 0 ]; then
  for scenario in $SCENARIOS; do
    for system in "${ORDER[@]}"; do
      runs "$system" "$scenario" && drive "$system" "$scenario" "$(port_of "$system" "$scenario")" "$JIT_WARMUP" > /dev/null
    done
  done
  say "JIT warm-up: every scenario $JIT_WARMUP on every system; load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
for ((round = 1; round <= ROUNDS; round++)); do
  for scenario in $SCENARIOS; do
    for system in "${ORDER[@]}"; do
      runs "$system" "$scenario" || continue
      port=$(port_of "$system" "$scenario")
      drive "$system" "$scenario" "$port" "$WARMUP" > /dev/null
      cpu_snapshot "$(pid_of "$system" "$scenario")" "$(db_of "$system")" 0
      read -r rps p50 p99 errors requests < <(drive "$system" "$scenario" "$port" "$DURATION")
      cpu_snapshot "$(pid_of "$system" "$scenario")" "$(db_of "$system")" 1
      service_us=$(cpu_used_us service) pg_us=$(cpu_used_us pg)
      awk -v r="$round" -v s="$scenario" -v y="$system" -v q="$rps" -v a="$p50" -v b="$p99" -v e="$errors" -v n="$requests" -v c="$service_us" -v g="$pg_us" \
        'BEGIN { printf "%s,%s,%s,%s,%.2f,%.2f,%s,%s,%.1f,%.1f\n", r, s, y, q, a / 1000, b / 1000, e, n, n ? c / n : 0, n ? g / n : 0 }' | tee -a "$CSV" >> "$LOG"
      if [ "$errors" != 0 ] || [ "$requests" = 0 ]; then
        FAILED=1
        say "ERROR: $system $scenario (round $round): $errors errors (non-2xx answers, socket errors, timeouts) in $requests requests; the wrk output:"
        sed 's/^/  /' "$WORK/wrk.out" | tee -a "$LOG"
        SCENARIO=$scenario SYSTEM=$([ "$system" = baseline ] && echo quarry || echo "$system") USERS=$USERS TAG="debug$(date +%s%N)" TOKEN=${JWT_TOKEN:-} BENCH_DEBUG=1 \
          wrk -t1 -c1 -d1s -s "$HERE/scenario.lua" "http://127.0.0.1:$port" 2>&1 >/dev/null | head -3 | sed 's/^/  /' | tee -a "$LOG"
      fi
    done
  done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

# --- profiles: a JFR recording per scenario of each JVM under the same load, and where its CPU time goes ----------
if [ "$PROFILE" != 0 ]; then
  mkdir -p "$OUT/profiles"
  for scenario in $SCENARIOS; do
    for system in quarry baseline; do
      has "$system" && runs "$system" "$scenario" || continue
      pid=$(pid_of "$system" "$scenario") port=$(port_of "$system" "$scenario") jfr="$OUT/profiles/$system-$scenario.jfr"
      jcmd "$pid" JFR.start name=bench settings=profile method-profiling="$PROFILE_SAMPLING" filename="$jfr" > /dev/null
      drive "$system" "$scenario" "$port" "$PROFILE_DURATION" > /dev/null
      jcmd "$pid" JFR.stop name=bench > /dev/null
      python3 "$HERE/profile.py" "$jfr" > "$OUT/profiles/$system-$scenario.txt"
    done
  done
  say "profiles: $OUT/profiles (JFR recordings, $PROFILE_DURATION per scenario; each .txt is profile.py's summary)"
fi

say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
has quarry && say "quarry: peak RSS $(peak_rss "$QUARRY_PID") MB (VmHWM), start-up to first answer $STARTUP_MS ms"
[ -n "${JWT_PID:-}" ] && say "quarry (jwt mode): peak RSS $(peak_rss "$JWT_PID") MB"
has baseline && say "baseline: peak RSS $(peak_rss "$BASELINE_PID") MB"
has prisma && say "prisma: peak RSS $(peak_rss "$PRISMA_PID") MB (blog peer, all its processes), $(peak_rss "$GENERIC_PID") MB (generic peer)"
{
  echo "quarry_startup_ms=${STARTUP_MS:-}"
  echo "quarry_startup_cpu_ms=${STARTUP_CPU_MS:-}"
  echo "quarry_peak_rss_mb=$(has quarry && peak_rss "$QUARRY_PID")"
  echo "prisma_workers=${PRISMA_WORKERS_USED:-}"
} > "$OUT/facts.txt"
python3 "$HERE/report.py" "$OUT" | tee -a "$LOG"
[ "$FAILED" = 0 ] || { say "ERROR: some runs had errors or no answers (above): their figures are not comparable"; exit 1; }
