#!/usr/bin/env bash
# Benchmark (DESIGN §10): a Prometric export of N rows through the real intake path
# (file drop -> import LOADED) against a throwaway PostgreSQL, then the psql baseline on the same
# server: \copy into an unindexed all-text table + one INSERT ... SELECT DISTINCT ON ... ON CONFLICT
# DO NOTHING into a typed table with the pipeline's unique key for sittings.
# Last line: rows=N pipeline_s=... baseline_s=... ratio=... peak_rss_mb=...
set -euo pipefail
ROWS=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/.." && pwd)
WORK=$(mktemp -d /tmp/mic-bench.XXXXXX)
PORT=${BENCH_PG_PORT:-54329}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms128m -Xmx256m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xss512k"}
APP_PID=""
PG_BIN=""

log() { echo "[bench] $*" >&2; }

cleanup() {
  set +e
  [ -f "$WORK/app.log" ] && cp "$WORK/app.log" "${TMPDIR:-/tmp}/mic-bench-app.log"   # kept for a look afterwards
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$PG_BIN" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: run its tools as the postgres user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

find_pg() {
  for d in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  echo "no PostgreSQL server binaries found (apt-get install postgresql)" >&2; exit 1
}

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }

# 1. the jar
JAR=$(ls "$PROJECT"/target/mic-warehouse-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
  log "building the jar"
  (cd "$PROJECT" && mvn -B -q package -DskipTests)
  JAR=$(ls "$PROJECT"/target/mic-warehouse-*.jar | grep -v original | head -1)
fi

# 2. the export
log "generating $ROWS rows"
python3 "$HERE/generate_prometric.py" "$ROWS" "$WORK/prometric-export.csv"

# 3. a throwaway PostgreSQL
PG_BIN=$(find_pg)
mkdir -p "$WORK/pg" "$WORK/sock"
[ "$(id -u)" = 0 ] && chown -R postgres "$WORK/pg" "$WORK/sock" && chmod 755 "$WORK"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/sock/pg.log" -w \
  -o "-p $PORT -k $WORK/sock -c shared_buffers=256MB -c max_wal_size=4GB -c listen_addresses=127.0.0.1" start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
"${PSQL[@]}" -c "create database warehouse" -c "create database baseline"

# 4. the pipeline: start the jar, drop the file, wait for the import to finish
mkdir -p "$WORK/inbox/exams/prometric" "$WORK/app"
log "starting the app"
(cd "$WORK/app" && exec java $JAVA_OPTS -jar "$JAR" \
   --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PORT/warehouse" --spring.datasource.username=postgres \
   --server.port="$HTTP_PORT" --mic.inbox-dir="$WORK/inbox" --mic.archive-dir="$WORK/archive" \
   --mic.intake.min-age=200ms --mic.demo.load-samples=false \
   --mic.partners-dir="$PROJECT/config/partners" --mic.convention-file="$PROJECT/config/convention.yaml" \
   --camel.main.routes-include-pattern="file:$PROJECT/routes/*.camel.yaml" \
   > "$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.5
done
cp "$WORK/prometric-export.csv" "$WORK/inbox/exams/prometric/.export.tmp"
"${PSQL[@]}" -c checkpoint   # each timed phase starts with no dirty pages left by the previous step
log "dropping the export"
T0=$(now)
mv "$WORK/inbox/exams/prometric/.export.tmp" "$WORK/inbox/exams/prometric/export.csv"
# one session polls inside PostgreSQL every 50 ms (a psql process per poll would take CPU from the
# pipeline); a watchdog ends it if the app dies
"${PSQL[@]}" -d warehouse -c "do \$\$ begin
  loop exit when exists (select 1 from ops.import where status <> 'RUNNING'); perform pg_sleep(0.05); end loop;
end \$\$" &
WAITER=$!
( while kill -0 "$WAITER" 2>/dev/null; do kill -0 "$APP_PID" 2>/dev/null || { kill "$WAITER"; exit; }; sleep 1; done ) &
wait "$WAITER" || true
T1=$(now)
STATUS=$("${PSQL[@]}" -d warehouse -Atc "select status from ops.import where status <> 'RUNNING' order by id desc limit 1")
[ -n "$STATUS" ] || { tail -50 "$WORK/app.log" >&2; exit 1; }
PIPELINE=$(secs "$T0" "$T1")
PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
log "pipeline: $STATUS in ${PIPELINE}s; $("${PSQL[@]}" -d warehouse -Atc "select format('read %s, loaded %s, rejected %s, duplicate %s', rows_read, rows_loaded, rows_rejected, rows_duplicate) from ops.import order by id desc limit 1")"
[ "$STATUS" = "LOADED" ] || [ "$STATUS" = "LOADED_WITH_REJECTS" ] || { tail -50 "$WORK/app.log" >&2; exit 1; }
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

# 5. the baseline, on the same server
"${PSQL[@]}" -d baseline <<'SQL'
create table raw_prometric (test_center_id text, registration_id text, candidate_id text, last_name text,
  first_name text, email text, exam_code text, exam_title text, appointment_date text, exam_status text,
  score text, passing_score text, result text);
create table sitting (provider text not null, registration_id text not null, candidate_ref text, email text,
  exam_code text, exam_date date, status text, score int, passing_score int, result text,
  unique (provider, registration_id));
SQL
chmod 644 "$WORK/prometric-export.csv"
"${PSQL[@]}" -c checkpoint
T0=$(now)
"${PSQL[@]}" -d baseline -c "\\copy raw_prometric from '$WORK/prometric-export.csv' with (format csv, header true)"
"${PSQL[@]}" -d baseline -c "
insert into sitting
select distinct on (registration_id) 'prometric', registration_id, candidate_id, email, exam_code,
       to_date(appointment_date, 'MM/DD/YYYY'), exam_status, nullif(score, '')::int,
       nullif(passing_score, '')::int, nullif(result, '')
from raw_prometric
where appointment_date ~ '^(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}\$'
order by registration_id
on conflict do nothing"
T1=$(now)
BASELINE=$(secs "$T0" "$T1")

RATIO=$(echo "$PIPELINE $BASELINE" | awk '{printf "%.2f", $1 / $2}')
echo "rows=$ROWS pipeline_s=$PIPELINE baseline_s=$BASELINE ratio=$RATIO peak_rss_mb=$((PEAK_KB / 1024))"
