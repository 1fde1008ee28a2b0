#!/usr/bin/env bash
# `make scale-demo`: the portal scaled out on this machine's loopback, then checked end to end.
#
# Starts a local S3 server (moto), two gunicorn app servers on two ports sharing one PostgreSQL database
# (its own, made afresh and migrated here) and one Redis database number (cache, sessions, rate limits,
# job queue), and two RQ workers; then runs deploy/scale_check.py: a list sent on app A is decided on
# app B, its papers are printed by a worker into the bucket and downloaded through app B. Everything it
# started is stopped when it ends, however it ends; it can be run again at once.
#
# PostgreSQL and Redis must be running (SCALE_PG_URL, default postgres://postgres@127.0.0.1:5432;
# SCALE_REDIS, default redis://127.0.0.1:6379; SCALE_REDIS_DB, default 11, is emptied before and after).
# SCALE_KEEP=1 keeps the database and the logs in var/scale-demo for a look afterwards. A template database
# (thidua_scale_demo_tpl_…: the migrated schema and the unit tree) stays between runs to make them fast.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
OUT=var/scale-demo
PG=${SCALE_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=${SCALE_DB:-thidua_scale_demo}
REDIS=${SCALE_REDIS:-redis://127.0.0.1:6379}
REDIS_DB=${SCALE_REDIS_DB:-11}
PORT_A=${SCALE_PORT_A:-8781}
PORT_B=${SCALE_PORT_B:-8782}
PORT_S3=${SCALE_PORT_S3:-8783}
began=$(date +%s)
say() { echo "== [$(( $(date +%s) - began )) s] $*"; }

pids=()
stop_all() {
  status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${SCALE_KEEP:-}" != 1 ]; then
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    $BIN/python -c "import redis; redis.Redis.from_url('$REDIS/$REDIS_DB').flushdb()" 2>/dev/null || true
  fi
  say "Đã dừng mọi tiến trình đã khởi động ($(( $(date +%s) - began )) giây)"
  exit $status
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() {  # url, name of its log: until it answers, at most 30 s
  for _ in $(seq 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "$2 did not start; its log:"; cat "$OUT/logs/$2.log"; return 1
}

rm -rf "$OUT/logs" "$OUT/media" "$OUT/private" "$OUT/jobs-"*
mkdir -p "$OUT/logs"
export DEBUG=false SECRET_KEY="scale-demo-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false TRUSTED_PROXIES=127.0.0.1/32 \
       DATABASE_URL="$PG/$DB" REDIS_URL="$REDIS/$REDIS_DB" SESSION_STORE=cache \
       TASKS_BACKEND=rq JOBS_QUEUE=scale-demo \
       STORAGE_BACKEND=s3 S3_BUCKET=thidua-scale-demo S3_ENDPOINT_URL="http://127.0.0.1:$PORT_S3" S3_REGION=us-east-1 \
       AWS_ACCESS_KEY_ID=scale-demo AWS_SECRET_ACCESS_KEY=scale-demo \
       MEDIA_ROOT="$PWD/$OUT/media" PRIVATE_MEDIA_ROOT="$PWD/$OUT/private" STATIC_ROOT="$PWD/$OUT/static" \
       PUBLIC_BASE_URL="http://127.0.0.1:$PORT_A" CERTIFICATE_INLINE_MAX=1 LOG_LEVEL=WARNING

say "S3 (moto, cổng $PORT_S3), cơ sở dữ liệu $DB, Redis số $REDIS_DB"
$BIN/moto_server -H 127.0.0.1 -p "$PORT_S3" >"$OUT/logs/s3.log" 2>&1 &
pids+=($!)
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
$BIN/python -c "import redis; redis.Redis.from_url('$REDIS/$REDIS_DB').flushdb()"
wait_for "http://127.0.0.1:$PORT_S3/" s3
$BIN/python -c "import boto3; boto3.client('s3', endpoint_url='http://127.0.0.1:$PORT_S3').create_bucket(Bucket='thidua-scale-demo')"

say "Dữ liệu: migrate, đơn vị hành chính, tài khoản và danh sách thử"
# Migrating and loading the unit tree take a minute or two on PostgreSQL: done once into a template database
# named after the migrations and the loaders' data, which every run copies (SCALE_FRESH=1 makes it anew).
stamp=$(cat $(ls ./*/migrations/*.py units/data/* units/management/commands/load_units.py \
  awards/management/commands/load_routing.py | sort) | sha1sum | cut -c1-10)
TEMPLATE="${DB}_tpl_$stamp"
has_template=$(psql "$PG/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$TEMPLATE'")
if [ "${SCALE_FRESH:-}" = 1 ] || [ -z "$has_template" ]; then
  for old in $(psql "$PG/postgres" -Atc "SELECT datname FROM pg_database WHERE datname LIKE '${DB}_tpl_%'"); do
    psql "$PG/postgres" -qc "DROP DATABASE \"$old\" WITH (FORCE)" >/dev/null
  done
  psql "$PG/postgres" -qc "CREATE DATABASE $TEMPLATE" >/dev/null
  DATABASE_URL="$PG/$TEMPLATE" $BIN/python manage.py migrate --noinput -v 0
  DATABASE_URL="$PG/$TEMPLATE" $BIN/python manage.py load_units >/dev/null
  DATABASE_URL="$PG/$TEMPLATE" $BIN/python manage.py load_routing >/dev/null
fi
psql "$PG/postgres" -qc "CREATE DATABASE $DB TEMPLATE $TEMPLATE" >/dev/null
$BIN/python manage.py migrate --noinput -v 0
# Collecting (and compressing) the static files takes a minute on a busy machine: skipped while they are unchanged.
static_stamp=$( (find static -type f | sort | xargs sha1sum; $BIN/pip show bootstrap-wrapper 2>/dev/null | grep Version) \
  | sha1sum | cut -c1-16)
if [ "$(cat "$OUT/static/.stamp" 2>/dev/null)" != "$static_stamp" ]; then
  $BIN/python manage.py collectstatic --noinput -v 0
  echo "$static_stamp" >"$OUT/static/.stamp"
fi
$BIN/python manage.py prepare_load_test --force --communes 1 --output "$OUT/accounts.json"

say "Hai máy chủ ứng dụng (gunicorn, cổng $PORT_A và $PORT_B) và hai bộ xử lý RQ"
for port in "$PORT_A" "$PORT_B"; do
  # Without --no-control-socket both masters would claim the one default control socket in the home folder.
  $BIN/gunicorn config.wsgi --workers 2 --threads 2 --bind "127.0.0.1:$port" --access-logfile /dev/null \
    --no-control-socket --graceful-timeout 10 \
    --error-logfile "$OUT/logs/app-$port.log" >>"$OUT/logs/app-$port.log" 2>&1 &
  pids+=($!)
done
for n in 1 2; do
  # Each worker its own scratch folder, as on two machines: only the bucket and Redis are shared.
  JOB_SCRATCH_ROOT="$PWD/$OUT/jobs-$n" $BIN/python manage.py rqworker --job-class django_tasks_rq.Job \
    --name "scale-demo-$n-$$" scale-demo >"$OUT/logs/worker-$n.log" 2>&1 &
  pids+=($!)
done
wait_for "http://127.0.0.1:$PORT_A/dang-nhap/" "app-$PORT_A"
wait_for "http://127.0.0.1:$PORT_B/dang-nhap/" "app-$PORT_B"

say "Kiểm tra"
$BIN/python deploy/scale_check.py "$OUT/accounts.json" "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"
for n in 1 2; do
  echo "   bộ xử lý $n: $(grep -c 'Successfully completed' "$OUT/logs/worker-$n.log" || true) việc xong"
done
if [ -e "$OUT/media" ] || [ -e "$OUT/private" ]; then
  echo "FAILED: a stored file reached the local disk instead of the bucket"; exit 1
fi
echo "   không tệp nào ghi vào đĩa cục bộ: mọi tệp lưu trong bucket"
