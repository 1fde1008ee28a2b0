#!/usr/bin/env bash
# `make loadtest`: the portal as deployed (gunicorn, DEBUG off) on loopback, on a database of its own,
# worked by LOADTEST_USERS people for LOADTEST_SECONDS; then the records are checked against the rules.
# Exits non-zero if any request failed or the records disagree with the rules.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
OUT=var/loadtest
USERS=${LOADTEST_USERS:-50}
SECONDS_=${LOADTEST_SECONDS:-60}
PORT=${LOADTEST_PORT:-8765}
rm -rf "$OUT" && mkdir -p "$OUT"

export DEBUG=false SECRET_KEY="loadtest-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
       TRUSTED_PROXIES=127.0.0.1/32 MEDIA_ROOT="$PWD/$OUT/media" PRIVATE_MEDIA_ROOT="$PWD/$OUT/private" \
       JOB_SCRATCH_ROOT="$PWD/$OUT/jobs" JOB_CACHE_DIR="$PWD/$OUT/jobs-cache" STATIC_ROOT="$PWD/$OUT/static"
# SQLite unless DATABASE_URL names a (throwaway) PostgreSQL database.
if [ -z "${DATABASE_URL:-}" ]; then export SQLITE_PATH="$PWD/$OUT/portal.sqlite3"; fi

echo "== Chuẩn bị dữ liệu thử tải"
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py createcachetable 2>/dev/null || true
$BIN/python manage.py load_units >/dev/null
$BIN/python manage.py load_routing >/dev/null
$BIN/python manage.py collectstatic --noinput -v 0
$BIN/python manage.py prepare_load_test --force --communes "$((USERS * 3 / 5))" --output "$OUT/accounts.json"

echo "== Cổng (gunicorn, 2 tiến trình) và bộ xử lý việc nền"
# Connections kept open longer than a person's pause between clicks, as the proxy in front would keep them.
$BIN/gunicorn config.wsgi --no-control-socket --workers 2 --threads 4 --keep-alive 20 --bind "127.0.0.1:$PORT" --access-logfile /dev/null \
  --error-logfile "$OUT/gunicorn.log" &
web=$!
$BIN/python manage.py jobs_worker >"$OUT/worker.log" 2>&1 &
worker=$!
trap 'kill $web $worker 2>/dev/null; wait $web $worker 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/dang-nhap/" && break; sleep 0.2; done

echo "== $USERS người dùng trong $SECONDS_ giây"
status=0
LOADTEST_ACCOUNTS="$OUT/accounts.json" $BIN/locust -f tests/load/locustfile.py --headless --only-summary \
  -u "$USERS" -r 25 -t "${SECONDS_}s" --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" \
  --exit-code-on-error 1 --loglevel WARNING || status=$?
kill $web $worker 2>/dev/null; wait $web $worker 2>/dev/null || true
trap - EXIT

echo "== Kết quả trên dữ liệu"
$BIN/python manage.py shell -c "
from collections import Counter
from awards.models import Decision, Dossier, NominationList
print('Danh sách đã gửi:', NominationList.objects.filter(status='submitted').count(), '/', NominationList.objects.count())
print('Hồ sơ theo trạng thái:', dict(Counter(Dossier.objects.values_list('status', flat=True))))
print('Quyết định đã ban hành:', Decision.objects.exclude(issued_at=None).count())
"
$BIN/python manage.py check_consistency || status=1
exit $status
