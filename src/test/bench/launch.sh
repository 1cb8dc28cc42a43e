# Sourced by run.sh and startup.sh: launching the packaged Quarry and timing its first answer.
#
# launch_quarry DATABASE_URL PORT LOG [JVM option...]
#   starts target/quarkus-app/quarkus-run.jar serve (open auth, QUARRY_POOL_SIZE=${POOL:-20}) with $JAVA_OPTS and
#   the options given, and returns once GET /api/users/usr000001 answers 2xx. With BENCH_TOKEN set: jwt auth (the key
#   from the QUARRY_AUTH_* environment), and the probe sends the token. Sets QUARRY_PID, STARTUP_MS (launch to
#   first answer, wall) and STARTUP_CPU_MS (the process's user + system CPU time by then, from /proc).
# stop_quarry: SIGTERM, and waits for the process to end (a class-data archive is written then).
# train_archive DATABASE_URL PORT LOG ARCHIVE: a launch that writes ARCHIVE, the JDK's dynamic AppCDS archive of the
#   classes loaded up to the first answer (-XX:ArchiveClassesAtExit), for later launches to map with
#   -XX:SharedArchiveFile=ARCHIVE. The archive holds only for the same JVM build and the same jars.

launch_quarry() {
  local url=$1 port=$2 log=$3 t0 t1 i ticks mode=open auth=()
  shift 3
  if [ -n "${BENCH_TOKEN:-}" ]; then mode=jwt; auth=(-H "Authorization: Bearer $BENCH_TOKEN"); fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  DATABASE_URL="$url" QUARRY_AUTH_MODE=$mode QUARRY_POOL_SIZE="${POOL:-20}" QUARKUS_HTTP_PORT="$port" \
    java $JAVA_OPTS "$@" -jar target/quarkus-app/quarkus-run.jar serve > "$log" 2>&1 &
  QUARRY_PID=$!
  for ((i = 0; i < 12000; i++)); do
    curl -sf -o /dev/null "${auth[@]}" "http://127.0.0.1:$port/api/users/usr000001" && break
    kill -0 "$QUARRY_PID" 2>/dev/null || { cat "$log"; return 1; }
    sleep 0.01
  done
  curl -sf -o /dev/null "${auth[@]}" "http://127.0.0.1:$port/api/users/usr000001" \
    || { echo "Quarry did not answer GET /api/users/usr000001 with 2xx within 2 minutes:" >&2; tail -20 "$log" >&2; return 1; }
  t1=$(date +%s%N)
  ticks=$(awk '{print $14 + $15}' "/proc/$QUARRY_PID/stat")
  STARTUP_MS=$(( (t1 - t0) / 1000000 ))
  STARTUP_CPU_MS=$(( ticks * 1000 / $(getconf CLK_TCK) ))
}

stop_quarry() {
  kill "$QUARRY_PID" 2>/dev/null || true
  wait "$QUARRY_PID" 2>/dev/null || true
}

train_archive() {
  local archive=$4
  rm -f "$archive"
  launch_quarry "$1" "$2" "$3" -XX:ArchiveClassesAtExit="$archive" || return 1
  stop_quarry
  [ -f "$archive" ] || { echo "no class-data archive written to $archive" >&2; tail -20 "$3" >&2; return 1; }
}
