#!/usr/bin/env bash
# Benchmark (DESIGN §10): a Prometric export of N rows through the real intake path
# (file drop -> import LOADED) against a throwaway PostgreSQL, then the psql baseline on the same
# server: \copy into an unindexed all-text table + one INSERT ... SELECT DISTINCT ON ... ON CONFLICT
# DO NOTHING into a typed table with the pipeline's unique key for sittings, and its group by year figures.
# Last line (DESIGN §10): rows=N pipeline_s=... baseline_s=... ratio=... peak_rss_mb=... figures_s=...
# kpi_ms=... dashboard_ms=...
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
VIEWER_PW=bench-viewer-$$
KPI_URL="http://127.0.0.1:$HTTP_PORT/api/kpis?phase=2012-2014"
DASHBOARD_URL="http://127.0.0.1:$HTTP_PORT/?phase=2012-2014"

log() { echo "[bench] $*" >&2; }

cleanup() {
  set +e
  [ -f "$WORK/app.log" ] && cp "$WORK/app.log" "${TMPDIR:-/tmp}/mic-bench-app.log"   # kept for a look afterwards
  [ -f "$WORK/sock/pg.log" ] && cp "$WORK/sock/pg.log" "${TMPDIR:-/tmp}/mic-bench-pg.log"
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
# median in milliseconds of N timed GETs of a URL, signed in as the viewer
median_ms() {
  local url=$1 n=$2
  for _ in $(seq 1 "$n"); do
    curl -fs -o /dev/null -u "viewer:$VIEWER_PW" -w '%{time_total}\n' "$url"
  done | sort -n | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.0f", m * 1000 }'
}
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
   --mic.security.viewer-password="$VIEWER_PW" --mic.security.admin-password="bench-admin-$$" \
   --mic.partners-dir="$PROJECT/config/partners" --mic.convention-file="$PROJECT/config/convention.yaml" \
   --camel.main.routes-include-pattern="file:$PROJECT/routes/*.camel.yaml" \
   > "$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.5
done
BEFORE=$(curl -fs -u "viewer:$VIEWER_PW" "$KPI_URL")   # the figures of the empty warehouse (and a first, cold request)
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
log "pipeline: $STATUS in ${PIPELINE}s; $("${PSQL[@]}" -d warehouse -Atc "select format('read %s, loaded %s, rejected %s, duplicate %s', rows_read, rows_loaded, rows_rejected, rows_duplicate) from ops.import order by id desc limit 1")"
[ "$STATUS" = "LOADED" ] || [ "$STATUS" = "LOADED_WITH_REJECTS" ] || { tail -50 "$WORK/app.log" >&2; exit 1; }
# figures_s: from the drop until the API answers with the new figures (they change only when the load commits)
while :; do
  AFTER=$(curl -fs -u "viewer:$VIEWER_PW" "$KPI_URL") || { tail -50 "$WORK/app.log" >&2; exit 1; }
  [ "$AFTER" != "$BEFORE" ] && break
  sleep 0.05
done
T2=$(now)
FIGURES=$(secs "$T0" "$T2")
log "figures: $AFTER"
KPI_MS=$(median_ms "$KPI_URL" 20)
DASHBOARD_MS=$(median_ms "$DASHBOARD_URL" 10)
PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
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
# the baseline's own figures: a group by year over its typed table (DESIGN §8 counting rules)
"${PSQL[@]}" -d baseline -Atc "
with pass as (
  select lower(trim(email)) as person, regexp_replace(exam_code, '^0', '') as exam_code, exam_date
  from sitting where status = 'Delivered' and result = 'Pass'
), first_exam as (select person, exam_code, min(exam_date) as d from pass group by 1, 2),
first_person as (select person, min(d) as d from first_exam group by 1)
select 'exams_passed', extract(year from exam_date)::int, count(*) from pass group by 2
union all select 'certifications_delivered', extract(year from d)::int, count(*) from first_exam group by 2
union all select 'certified_persons', extract(year from d)::int, count(*) from first_person group by 2
order by 1, 2" > "$WORK/baseline-figures.txt"
T1=$(now)
BASELINE=$(secs "$T0" "$T1")

RATIO=$(echo "$PIPELINE $BASELINE" | awk '{printf "%.2f", $1 / $2}')
# the pipeline's figures must be the baseline's (same rules, same rows)
python3 - "$WORK/baseline-figures.txt" "$AFTER" <<'PY' >&2
import json, sys
base = {}
for line in open(sys.argv[1]):
    m, y, v = line.strip().split('|')
    base[(m, int(y))] = int(v)
api = {(r['metric'], r['year']): r['value'] for p in json.loads(sys.argv[2]) for r in p['years']}
diff = [(k, v, base.get(k, 0)) for k, v in sorted(api.items()) if k[0] in ('exams_passed', 'certifications_delivered', 'certified_persons') and v != base.get(k, 0)]
print('[bench] figures equal to the baseline' if not diff else '[bench] FIGURES DIFFER from the baseline: %s' % diff)
PY
echo "rows=$ROWS pipeline_s=$PIPELINE baseline_s=$BASELINE ratio=$RATIO peak_rss_mb=$((PEAK_KB / 1024)) figures_s=$FIGURES kpi_ms=$KPI_MS dashboard_ms=$DASHBOARD_MS"
