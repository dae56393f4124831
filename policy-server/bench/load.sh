#!/usr/bin/env bash
# Load test of the decision service on loopback, with the same file through `fuyu evaluate`.
#   policy-server/bench/load.sh [HOUSEHOLDS=1000000] [WRK_SECONDS=20] [CONNECTIONS=16]
# Needs policy-examples/target/fuyu.jar (mvn -B -ntp -q package -DskipTests). Installs Debian's
# wrk when it is missing. Talks to 127.0.0.1 only; every loop is bounded.
set -euo pipefail
HOUSEHOLDS=${1:-1000000}
SECONDS_WRK=${2:-20}
CONNECTIONS=${3:-16}
AS_OF=2024-06-30
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/policy-examples/target/fuyu.jar
WORK=${BENCH_DIR:-$(mktemp -d -t fuyu-load.XXXXXX)}
JAVA_OPTS=${JAVA_OPTS:--Xms2g -Xmx2g}

[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -ntp -q package -DskipTests first / 请先构建" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get install -y wrk)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
mkdir -p "$WORK"
echo "work dir: $WORK; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. the population: households only, one file for the stream and for evaluate
if [ ! -s "$WORK/gen/households.jsonl" ]; then
  java -jar "$JAR" generate --households "$HOUSEHOLDS" --seed 1 --out "$WORK/gen" -q >/dev/null
fi
mkdir -p "$WORK/in"
ln -sf "$WORK/gen/households.jsonl" "$WORK/in/households.jsonl"
echo "households.jsonl: $(wc -l < "$WORK/gen/households.jsonl") lines, $(du -h "$WORK/gen/households.jsonl" | cut -f1)"

# 2. the server on a free loopback port; the first line of stdout is its address
java $JAVA_OPTS -jar "$JAR" serve --port 0 --bind 127.0.0.1 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
URL=
for _ in $(seq 1 120); do
  URL=$(head -n 1 "$WORK/serve.out" 2>/dev/null || true)
  [ -n "$URL" ] && break
  sleep 0.5
done
[ -n "$URL" ] || { echo "the server did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
case "$URL" in http://127.0.0.1:*) ;; *) echo "unexpected address $URL" >&2; exit 1;; esac
echo "server: $URL"

# 3. single-household requests with wrk (the first household of the file; warm-up, then measured)
BODY=$(head -n 1 "$WORK/gen/households.jsonl")
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"asOf":"$AS_OF","households":[' .. [[$BODY]] .. ']}'
LUA
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
  --data-binary "{\"asOf\":\"$AS_OF\",\"households\":[$BODY]}" "$URL/v1/evaluate"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/post.lua" "$URL/v1/evaluate" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_WRK}s" --latency -s "$WORK/post.lua" "$URL/v1/evaluate" | tee "$WORK/wrk.txt"
P50=$(awk '$1=="50%"{print $2}' "$WORK/wrk.txt")
P99=$(awk '$1=="99%"{print $2}' "$WORK/wrk.txt")
RPS=$(awk '/^Requests\/sec/{print $2}' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/{print $NF}' "$WORK/wrk.txt"); NON2XX=${NON2XX:-0}
# and one client at a time: the latency of a request without queueing behind others
wrk -t1 -c1 -d"${SECONDS_WRK}s" --latency -s "$WORK/post.lua" "$URL/v1/evaluate" > "$WORK/wrk1.txt"
P50_1=$(awk '$1=="50%"{print $2}' "$WORK/wrk1.txt")
P99_1=$(awk '$1=="99%"{print $2}' "$WORK/wrk1.txt")
RPS_1=$(awk '/^Requests\/sec/{print $2}' "$WORK/wrk1.txt")

# 4. one streamed batch of every household of the file over one connection
T0=$(date +%s.%N)
curl -sS -f -X POST -H 'Content-Type: application/x-ndjson' -H 'Expect:' \
  --data-binary @"$WORK/gen/households.jsonl" "$URL/v1/evaluate/stream?asOf=$AS_OF" \
  | tail -n 1 > "$WORK/stream-summary.json"
T1=$(date +%s.%N)
grep -q '^{"summary":' "$WORK/stream-summary.json" || { echo "the stream did not end with its summary" >&2; exit 1; }
STREAM_EVALUATED=$(grep -o '"households":{"read":[0-9]*,"evaluated":[0-9]*' "$WORK/stream-summary.json" | grep -o '[0-9]*$')
STREAM_S=$(echo "$T1 - $T0" | bc -l)
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT

# 5. the same file through fuyu evaluate, in a new JVM (start and engine build included)
T0=$(date +%s.%N)
java $JAVA_OPTS -jar "$JAR" evaluate --input "$WORK/in" --out "$WORK/evaluate-out" --as-of "$AS_OF" -q > /dev/null
T1=$(date +%s.%N)
EVAL_S=$(echo "$T1 - $T0" | bc -l)
EVAL_EVALUATED=$(grep -A3 '"households.jsonl"' "$WORK/evaluate-out/summary.json" | grep -o '"evaluated" : [0-9]*' | grep -o '[0-9]*$')
[ "$EVAL_EVALUATED" = "$STREAM_EVALUATED" ] || echo "WARNING: evaluated $EVAL_EVALUATED by evaluate, $STREAM_EVALUATED by the stream" >&2

echo
echo "== Fuyu decision service, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'single household, wrk -t2 -c%s -d%ss: p50 %s, p99 %s, %s req/s (non-2xx: %s)\n' "$CONNECTIONS" "$SECONDS_WRK" "$P50" "$P99" "$RPS" "$NON2XX"
printf 'single household, wrk -t1 -c1 -d%ss:  p50 %s, p99 %s, %s req/s\n' "$SECONDS_WRK" "$P50_1" "$P99_1" "$RPS_1"
printf 'stream, %s households in one request: %.1f s, %.0f households/s\n' "$STREAM_EVALUATED" "$STREAM_S" "$(echo "$STREAM_EVALUATED / $STREAM_S" | bc -l)"
printf 'fuyu evaluate, same file, new JVM:     %.1f s, %.0f households/s\n' "$EVAL_S" "$(echo "$EVAL_EVALUATED / $EVAL_S" | bc -l)"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$WORK"
