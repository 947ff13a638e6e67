#!/usr/bin/env bash
# Follows docs/deploy.md on this machine, as far as a machine without systemd as its
# init allows: the units in deploy/ are rendered with this checkout's paths and
# checked with systemd-analyze, logrotate and nginx check their files, and the
# processes the units describe are started from their own ExecStart lines with the
# recipe's environment file, against a fresh PostgreSQL database.
#
#   scripts/deploy-check.sh            (PostgreSQL at FOLKBIB_TEST_PG_URL's server)
#
# Only addresses on this machine are used. Exit status 0 when every step passed.
# A missing checker (systemd-analyze, logrotate, nginx) is reported and its step
# skipped: the recipe's machines have them, a container may not.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
PG_SERVER=${FOLKBIB_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/folkbib}
PG_SERVER=${PG_SERVER%/*}
DB_NAME=folkbib_deploycheck_$$
WORK=$(mktemp -d /tmp/folkbib-deploy-check.XXXXXX)
PIDS=()

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
missing() { say "SKIPPED: $1 is not installed"; }
free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -q "$PG_SERVER/postgres" -c "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

WEB_PORT=$(free_port)
SIP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
mkdir -p "$WORK/units" "$WORK/var" "$WORK/etc"

say "1. the recipe's files: a secret key, a TLS certificate, the environment file"
"$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$WORK/etc/secret_key"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -keyout "$WORK/etc/key.pem" -out "$WORK/etc/cert.pem" 2>/dev/null
cat "$WORK/etc/cert.pem" "$WORK/etc/key.pem" >"$WORK/etc/sip2.pem"
# The example as an operator fills it in; here only the names change to this machine.
sed -e "s#^SECRET_KEY_FILE=.*#SECRET_KEY_FILE=$WORK/etc/secret_key#" \
  -e "s#^ALLOWED_HOSTS=.*#&,127.0.0.1#" \
  -e "s#^DATABASE_URL=.*#DATABASE_URL=$PG_SERVER/$DB_NAME#" \
  -e "s#^FOLKBIB_VAR_DIR=.*#FOLKBIB_VAR_DIR=$WORK/var#" \
  -e "s#^PROMETHEUS_MULTIPROC_DIR=.*#PROMETHEUS_MULTIPROC_DIR=$WORK/var/prometheus#" \
  -e "s#^WEB_CONCURRENCY=.*#WEB_CONCURRENCY=2#" -e "s#^FOLKBIB_BIND=.*#FOLKBIB_BIND=127.0.0.1:$WEB_PORT#" \
  -e "s#^FOLKBIB_THREADS=.*#FOLKBIB_THREADS=2#" \
  -e "s#^EMAIL_HOST=.*#EMAIL_HOST=mail.invalid#" \
  deploy/folkbib.env.example >"$WORK/etc/folkbib.env"

say "2. systemd units (rendered for this checkout)"
for unit in deploy/systemd/*; do
  sed -e "s#/opt/folkbib#$ROOT#g" -e "s#/etc/folkbib/folkbib.env#$WORK/etc/folkbib.env#g" \
    -e "s#/etc/folkbib/sip2.pem#$WORK/etc/sip2.pem#g" -e "s#/var/lib/folkbib#$WORK/var#g" \
    -e "s#127.0.0.1:8000#127.0.0.1:$WEB_PORT#g" -e "s#--host 0.0.0.0 --port 6001#--host 127.0.0.1 --port $SIP_PORT#g" \
    "$unit" >"$WORK/units/$(basename "$unit")"
done
if command -v systemd-analyze >/dev/null; then
  out=$(systemd-analyze verify "$WORK"/units/*.service "$WORK"/units/*.timer 2>&1) || fail "systemd-analyze verify: $out"
  if grep -Ei "unknown|invalid|failed" <<<"$out"; then fail "systemd-analyze verify: $out"; fi
  say "systemd-analyze verify: ok"
else
  missing systemd-analyze
fi

say "3. logrotate and journald"
if command -v logrotate >/dev/null; then
  logrotate -d -s "$WORK/logrotate.state" deploy/logrotate/folkbib >"$WORK/logrotate.out" 2>&1 \
    || fail "logrotate: $(cat "$WORK/logrotate.out")"
  if grep -Ei "error" "$WORK/logrotate.out"; then fail "logrotate reported errors"; fi
  say "logrotate -d: ok"
else
  missing logrotate
fi
grep -q '^\[Journal\]' deploy/journald/folkbib.conf || fail "journald drop-in has no [Journal]"

say "4. PostgreSQL: a fresh database, migrated, and the deployment checks"
psql -q "$PG_SERVER/postgres" -c "CREATE DATABASE $DB_NAME" >/dev/null
set -a
# shellcheck disable=SC1091
. "$WORK/etc/folkbib.env"
set +a
"$BIN/folkbib" migrate --no-input -v 0
"$BIN/folkbib" check-deploy || fail "folkbib check-deploy"

exec_start() { sed -n 's/^ExecStart=//p' "$WORK/units/$1"; }

say "5. the web and SIP2 units' commands"
(cd "$WORK/var" && exec $(exec_start folkbib-web.service)) >"$WORK/web.log" 2>&1 &
PIDS+=($!)
(cd "$WORK/var" && exec $(exec_start folkbib-sip2.service)) >"$WORK/sip2.log" 2>&1 &
PIDS+=($!)
up=""
for _ in $(seq 1 450); do  # 90 s: a loaded machine starts gunicorn slowly
  if curl -fsS -H "X-Forwarded-Proto: https" "http://127.0.0.1:$WEB_PORT/healthz" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.2
done
[ -n "$up" ] || fail "the web unit's command did not answer: $(cat "$WORK/web.log")"
curl -fsS -H "X-Forwarded-Proto: https" "http://127.0.0.1:$WEB_PORT/readyz" >/dev/null \
  || fail "/readyz: $(curl -sS -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$WEB_PORT/readyz")"
say "web: /healthz and /readyz answer"
"$BIN/python" - "$SIP_PORT" <<'PY' || fail "SIP2 over TLS: $(cat "$WORK/sip2.log")"
import socket, ssl, sys, time
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE  # the check's own self-signed certificate
for _ in range(100):
    try:
        raw = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
        break
    except OSError:
        time.sleep(0.2)
with context.wrap_socket(raw) as tls:
    tls.sendall(b"9900302.00\r")  # SC status; before a login this server asks for one (96)
    answer = tls.recv(4096)
assert answer[:2] in (b"96", b"98") and answer.endswith(b"\r"), answer
print("== sip2: a SIP2 message answered over TLS:", answer[:2].decode())
PY

say "6. the jobs unit's command (what the timer starts)"
(cd "$WORK/var" && $(exec_start folkbib-jobs.service)) || fail "run-jobs"

say "7. nginx in front"
if command -v nginx >/dev/null; then
  mkdir -p "$WORK/nginx/cache"
  sed -e "s#server 10.0.0.11:8000.*#server 127.0.0.1:$WEB_PORT;#" -e "/server 10.0.0.12:8000/d" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS_PORT ssl http2;#" -e "/listen \[::\]/d" \
    -e "s#listen 80;#listen 127.0.0.1:$(free_port);#" \
    -e "s#/etc/letsencrypt/live/bibliotek.example.se/fullchain.pem#$WORK/etc/cert.pem#" \
    -e "s#/etc/letsencrypt/live/bibliotek.example.se/privkey.pem#$WORK/etc/key.pem#" \
    -e "s#/var/log/nginx/#$WORK/nginx/#" -e "s#/var/cache/nginx/#$WORK/nginx/cache/#" \
    -e "s#server_name bibliotek.example.se;#server_name 127.0.0.1;#" \
    deploy/nginx/folkbib.conf >"$WORK/nginx/site.conf"
  cat >"$WORK/nginx/nginx.conf" <<EOF
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events {}
http {
  access_log $WORK/nginx/access.log;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  include $WORK/nginx/site.conf;
}
EOF
  nginx -t -q -c "$WORK/nginx/nginx.conf" || fail "nginx -t"
  nginx -c "$WORK/nginx/nginx.conf" -g "daemon off; user root;" &
  PIDS+=($!)
  sleep 1
  curl -fsSk "https://127.0.0.1:$HTTPS_PORT/healthz" >/dev/null || fail "healthz through nginx"
  css=$(curl -fsSk "https://127.0.0.1:$HTTPS_PORT/" | grep -o '/static/css/portal\.[0-9a-f]*\.css' | head -1)
  [ -n "$css" ] || fail "the portal through nginx links no hashed stylesheet"
  curl -fsSk -o /dev/null "https://127.0.0.1:$HTTPS_PORT$css"
  headers=$(curl -fsSk -D - -o /dev/null "https://127.0.0.1:$HTTPS_PORT$css")
  grep -qi '^cache-control:.*immutable' <<<"$headers" || fail "static files not cached for long: $headers"
  grep -qi '^x-cache-status: HIT' <<<"$headers" || fail "nginx did not keep the static file: $headers"
  [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/metrics")" = 404 ] \
    || fail "/metrics is open through nginx"
  say "nginx: TLS, proxying, static cache and closed /metrics: ok"
else
  missing nginx
fi

say "deploy-check: every step passed"
