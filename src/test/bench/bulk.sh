#!/usr/bin/env bash
# Quarry's large-data benchmark, in one command: export and import of BULK_ROWS posts, Quarry against Prisma Client 7
# (the generic peer, @prisma/adapter-pg behind node:http), on the same rows, in one run.
#
#   src/test/bench/bulk.sh
#
# Export (the whole table, ordered by id): Quarry NDJSON and CSV (streamed from a server-side cursor), Quarry JSON
# (one answer) and Prisma's findMany: rows/s, time to first byte, and the server's resident memory before and at its
# peak (VmRSS sampled every 50 ms). Import (into the emptied table): Quarry's POST /api/posts/bulk with the exported
# NDJSON and CSV files, and Prisma's createMany in batches of BULK_BATCH rows, one after the other.
#
# Settings (environment):
#   BULK_ROWS=1000000                  posts (BULK_ROWS/50 users with 50 posts each; the rows of seed.sql)
#   BULK_BATCH=5000                    rows per createMany call
#   BULK_JAVA_OPTS=-XX:MaxRAM=768m     Quarry's JVM for the streams and imports (sized as the k8s Deployment's limit)
#   BULK_JSON_JAVA_OPTS=-Xmx4g         Quarry's JVM for the JSON answer, which holds the whole answer (a launch of its own)
#   BULK_NODE_OPTIONS=--max-old-space-size=8192   the Prisma peer's Node.js, whose findMany holds every row
#   BULK_PG=postgresql://postgres@127.0.0.1:5432  databases bench_bulk_quarry and bench_bulk_prisma are recreated
#   BULK_OUT=src/test/bench/results/<UTC date>-bulk   where results.md and run.txt go
#   BULK_PEERS=../shared/bench/peers   the Prisma peers (read only: copied to BULK_WORK)
#   BULK_WORK=/tmp/quarry-bulk         the peer's copy and build, the exported files, logs
# Ports 8191 (Quarry) and 8192 (Prisma), apart from run.sh's.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
cd "$ROOT"
# shellcheck source=launch.sh
source "$HERE/launch.sh"

ROWS=${BULK_ROWS:-1000000}
BATCH=${BULK_BATCH:-5000}
STREAM_JAVA_OPTS=${BULK_JAVA_OPTS--XX:MaxRAM=768m}
JSON_JAVA_OPTS=${BULK_JSON_JAVA_OPTS--Xmx4g}
NODE_MEMORY=${BULK_NODE_OPTIONS---max-old-space-size=8192}
PG=${BULK_PG:-postgresql://postgres@127.0.0.1:5432}
OUT=${BULK_OUT:-$HERE/results/$(date -u +%Y-%m-%d)-bulk}
WORK=${BULK_WORK:-/tmp/quarry-bulk}
PEERS=${BULK_PEERS:-}
for p in "$ROOT/../shared/bench/peers" "$ROOT/../../shared/bench/peers"; do [ -z "$PEERS" ] && [ -d "$p/prisma-generic" ] && PEERS=$(cd "$p" && pwd); done
QUARRY_PORT=8191 PRISMA_PORT=8192
USERS=$(( (ROWS + 49) / 50 ))
QUARRY=http://127.0.0.1:$QUARRY_PORT PRISMA=http://127.0.0.1:$PRISMA_PORT

mkdir -p "$OUT" "$WORK"
LOG="$OUT/run.txt"
: > "$LOG"
say() { echo "$*" | tee -a "$LOG"; }
fail() { say "FAILED: $*"; exit 1; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# --- build --------------------------------------------------------------------------------------------
if [ -n "${BENCH_BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ] \
    || [ -n "$(find pom.xml src/main -newer target/quarkus-app/quarkus-run.jar -type f 2>/dev/null | head -n 1)" ]; then
  say "building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package > "$WORK/build.log" 2>&1 || { tail -50 "$WORK/build.log"; exit 1; }
fi

say "Quarry bulk benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ): $ROWS posts ($USERS users); createMany batches of $BATCH"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB; $(java -version 2>&1 | head -1); node $(node --version); $(psql --version)"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- databases: the same rows on both sides -------------------------------------------------------------
db() { psql "$PG/$1" -qX -v ON_ERROR_STOP=1 -c "$2"; }
count_posts() { psql "$PG/$1" -AtX -c 'SELECT count(*) FROM "Post"'; }
seed() {
  local t0
  t0=$(date +%s%N)
  psql "$PG/$1" -qX -v users="$USERS" -v posts_per_user=50 -f "$HERE/seed.sql" > /dev/null
  db "$1" "DELETE FROM \"Post\" WHERE \"id\" IN (SELECT \"id\" FROM \"Post\" ORDER BY \"id\" DESC LIMIT $(( USERS * 50 - ROWS )))"
  say "seeded $1: $(count_posts "$1") posts in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
for name in bench_bulk_quarry bench_bulk_prisma; do
  db postgres "DROP DATABASE IF EXISTS $name WITH (FORCE)" 2>/dev/null
  db postgres "CREATE DATABASE $name"
done
DATABASE_URL="$PG/bench_bulk_quarry" java -jar target/quarkus-app/quarkus-run.jar migrate deploy > "$WORK/migrate.log" 2>&1 \
  || { cat "$WORK/migrate.log"; exit 1; }
seed bench_bulk_quarry

# --- Prisma: the generic peer on the blog peer's schema, its tables made by Prisma's own schema engine ---
# copied over the previous run's copy: its node_modules and its build (.work, keyed by the schema) are kept
mkdir -p "$WORK/peers"
(cd "$PEERS" && tar cf - --exclude=node_modules --exclude=dist --exclude=generated --exclude=.work prisma/prisma prisma-generic) | (cd "$WORK/peers" && tar xf -)
chmod -R u+w "$WORK/peers"
(cd "$WORK/peers/prisma-generic" && exec env SCHEMA="$WORK/peers/prisma/prisma/schema.prisma" DATABASE_URL="$PG/bench_bulk_prisma" PORT=$PRISMA_PORT \
  APPLY_SCHEMA=1 WORKERS=1 PG_POOL_MAX=10 NODE_OPTIONS="$NODE_MEMORY" ./run.sh > "$WORK/prisma.log" 2>&1) &
PRISMA_PID=$!
PIDS+=("$PRISMA_PID")
for ((i = 0; i < 3000; i++)); do curl -sf -o /dev/null "$PRISMA/health" && break; kill -0 "$PRISMA_PID" 2>/dev/null || break; sleep 0.1; done
curl -sf -o /dev/null "$PRISMA/health" || { tail -30 "$WORK/prisma.log"; fail "the Prisma peer did not start"; }
seed bench_bulk_prisma
say "prisma: generic peer pid $PRISMA_PID ($(grep -o 'prisma [0-9.]*' "$PEERS/prisma-generic/README.md" | head -1), @prisma/adapter-pg), NODE_OPTIONS=$NODE_MEMORY"

# --- measuring ----------------------------------------------------------------------------------------
rss_mb() { awk '/VmRSS/{print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
# start_peak PID: samples the process's VmRSS every 50 ms until stop_peak, which prints the highest in MB
start_peak() {
  local pid=$1
  echo 0 > "$WORK/peak"
  (max=0; while kill -0 "$pid" 2>/dev/null; do r=$(rss_mb "$pid"); ((r > max)) && { max=$r; echo "$max" > "$WORK/peak"; }; sleep 0.05; done) &
  SAMPLER=$!
}
stop_peak() { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; cat "$WORK/peak"; }

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
# record KIND SYSTEM ROWS SECONDS TTFB_MS RSS_BEFORE_MB RSS_PEAK_MB BYTES
record() {
  local rate
  rate=$(awk -v n="$3" -v s="$4" 'BEGIN { printf "%d", n / s }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$rate" "$5" "$6" "$7" "$8" >> "$RESULTS"
  say "$1 $2: $3 rows in $4 s = $rate rows/s${5:+; first byte after $5 ms}; RSS $6 MB before, peak $7 MB"
}

# export SYSTEM PID FILE ROWS_OF_FILE curl-arguments...: one download of the whole table into FILE
export_run() {
  local system=$1 pid=$2 file=$3 rows_of=$4 before code ttfb total size rows
  shift 4
  before=$(rss_mb "$pid")
  start_peak "$pid"
  read -r code ttfb total size < <(curl -s -o "$file" -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}\n' "$@")
  local peak
  peak=$(stop_peak)
  [ "$code" = 200 ] || { head -c 1000 "$file" | tee -a "$LOG"; echo; fail "$system answered $code"; }
  rows=$($rows_of "$file")
  [ "$rows" = "$ROWS" ] || fail "$system sent $rows rows, not $ROWS"
  record export "$system" "$rows" "$total" "$(awk -v t="$ttfb" 'BEGIN { printf "%d", t * 1000 }')" "$before" "$peak" "$size"
}
ndjson_rows() { wc -l < "$1" | tr -d ' '; }
csv_rows() { echo $(( $(wc -l < "$1") - 1 )); } # seed.sql's titles and bodies hold no line breaks
json_rows() { { grep -oE '"id" ?: ?"' "$1" || true; } | wc -l | tr -d ' '; } # Quarry writes "id" : "…", Prisma "id":"…"

# import SYSTEM PID DATABASE command...: the command prints "<count> <seconds>"
import_run() {
  local system=$1 pid=$2 database=$3 before count seconds peak
  shift 3
  db "$database" 'TRUNCATE "Post"'
  before=$(rss_mb "$pid")
  start_peak "$pid"
  read -r count seconds < <("$@")
  peak=$(stop_peak)
  [ "$count" = "$ROWS" ] && [ "$(count_posts "$database")" = "$ROWS" ] || fail "$system imported $count rows ($(count_posts "$database") in the table), not $ROWS"
  record import "$system" "$count" "$seconds" "" "$before" "$peak" 0
}
quarry_import() { # FILE CONTENT-TYPE → "<count> <seconds>"
  local code total
  read -r code total < <(curl -s -o "$WORK/import-answer.json" -w '%{http_code} %{time_total}\n' -X POST -T "$1" -H "Content-Type: $2" "$QUARRY/api/posts/bulk")
  [ "$code" = 201 ] || { cat "$WORK/import-answer.json" >&2; echo "0 1"; return; }
  echo "$(grep -o '[0-9]*' "$WORK/import-answer.json" | head -1) $total"
}
prisma_import() {
  local count ms
  read -r count ms < <(node "$HERE/bulk-prisma-import.mjs" "$WORK/posts.ndjson" "$PRISMA/rpc/post/createMany" "$BATCH")
  echo "$count $(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
}

# --- Quarry: streams and imports, in the Deployment's memory --------------------------------------------
JAVA_OPTS=$STREAM_JAVA_OPTS
launch_quarry "$PG/bench_bulk_quarry" $QUARRY_PORT "$WORK/quarry.log" || fail "Quarry did not start"
PIDS+=("$QUARRY_PID")
say "quarry: pid $QUARRY_PID, JVM options: $JAVA_OPTS"
curl -s -o /dev/null -H 'Accept: application/x-ndjson' "$QUARRY/api/posts?take=1000&orderBy=id" # one short stream: its classes are loaded
export_run "quarry ndjson" "$QUARRY_PID" "$WORK/posts.ndjson" ndjson_rows -H 'Accept: application/x-ndjson' "$QUARRY/api/posts?orderBy=id"
export_run "quarry csv" "$QUARRY_PID" "$WORK/posts.csv" csv_rows -H 'Accept: text/csv' "$QUARRY/api/posts?orderBy=id"
import_run "quarry ndjson" "$QUARRY_PID" bench_bulk_quarry quarry_import "$WORK/posts.ndjson" application/x-ndjson
import_run "quarry csv" "$QUARRY_PID" bench_bulk_quarry quarry_import "$WORK/posts.csv" text/csv
stop_quarry

# --- Quarry: the JSON answer, which needs the whole answer in memory and no row limit ---------------------
JAVA_OPTS=$JSON_JAVA_OPTS
QUARRY_MAX_ROWS=$((ROWS * 2)) QUARRY_MAX_RESPONSE_BYTES=2G QUARRY_STATEMENT_TIMEOUT=0 \
  launch_quarry "$PG/bench_bulk_quarry" $QUARRY_PORT "$WORK/quarry-json.log" || fail "Quarry did not start"
PIDS+=("$QUARRY_PID")
say "quarry (JSON): pid $QUARRY_PID, JVM options: $JAVA_OPTS, max-rows $((ROWS * 2)), max-response-bytes 2G, no statement timeout"
export_run "quarry json" "$QUARRY_PID" "$WORK/quarry.json" json_rows "$QUARRY/api/posts?orderBy=id"
stop_quarry

# --- Prisma: findMany of every row, then createMany in batches ----------------------------------------
NODE_PID=$(pgrep -P "$PRISMA_PID" -x node || echo "$PRISMA_PID") # run.sh execs node; a wrapper would be its parent
export_run "prisma findMany" "$NODE_PID" "$WORK/prisma.json" json_rows -X POST -H 'Content-Type: application/json' \
  -d '{"orderBy":{"id":"asc"}}' "$PRISMA/rpc/post/findMany"
import_run "prisma createMany" "$NODE_PID" bench_bulk_prisma prisma_import

say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- report -------------------------------------------------------------------------------------------
rate_of() { awk -F'\t' -v k="$1" -v s="$2" '$1 == k && $2 == s { print $5 }' "$RESULTS"; }
{
  echo "# Bulk benchmark, $(date -u +%Y-%m-%d)"
  echo
  echo "$ROWS posts (id, title, 30-word body, published, authorId, createdAt), Quarry against Prisma Client 7 on the same"
  echo "rows, in one run of \`src/test/bench/bulk.sh\`. Machine and log: run.txt."
  echo
  echo "## Export: the whole table, ordered by id"
  echo
  echo "| system | rows/s | vs Prisma | seconds | first byte (ms) | RSS before (MB) | RSS peak (MB) | size (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  prisma_export=$(rate_of export "prisma findMany")
  awk -F'\t' -v p="$prisma_export" '$1 == "export" { printf "| %s | %d | %.1f× | %.2f | %s | %s | %s | %d |\n", $2, $5, $5 / p, $4, $6, $7, $8, $9 / 1048576 }' "$RESULTS"
  echo
  echo "## Import: into the emptied table, one transaction (Quarry) or createMany calls of $BATCH rows (Prisma)"
  echo
  echo "| system | rows/s | vs Prisma | seconds | RSS before (MB) | RSS peak (MB) |"
  echo "|---|---:|---:|---:|---:|---:|"
  prisma_import_rate=$(rate_of import "prisma createMany")
  awk -F'\t' -v p="$prisma_import_rate" '$1 == "import" { printf "| %s | %d | %.1f× | %.2f | %s | %s |\n", $2, $5, $5 / p, $4, $7, $8 }' "$RESULTS"
  echo
  echo "## Goals"
  echo
  ndjson=$(rate_of export "quarry ndjson")
  awk -v r="$ndjson" 'BEGIN { printf "- export ≥ 300,000 rows/s (Quarry NDJSON): %d rows/s, %s\n", r, r >= 300000 ? "met" : "not met" }'
  awk -F'\t' '$1 == "export" && $2 == "quarry ndjson" { printf "- flat memory (Quarry NDJSON): RSS %d MB before, %d MB at the peak (+%d MB)\n", $7, $8, $8 - $7 }' "$RESULTS"
  for format in ndjson csv; do
    awk -v q="$(rate_of import "quarry $format")" -v p="$prisma_import_rate" -v f="$format" \
      'BEGIN { printf "- import ≥ 10× Prisma (Quarry %s): %.1f×, %s\n", f, q / p, q >= 10 * p ? "met" : "not met" }'
  done
} > "$OUT/results.md"
cat "$OUT/results.md" | tee -a "$LOG"
