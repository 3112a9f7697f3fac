#!/usr/bin/env bash
# Measures what chat-service adds over calling the model server directly, with the load generator of this module:
#   1. non-streaming chat completions at a fixed rate (default 500 req/s), first straight to a zero-latency
#      vllm-simulator, then through chat-service in front of it: latency p50/p99 of each, the difference is the cost;
#   2. the same for streams (64 tokens each, usage chunk): time to first token of each;
#   3. thousands of concurrent streams (default 2,000) through chat-service to a second simulator that answers slowly
#      (200 ms to the first token, then 20 ms per token), to show no thread pool runs out.
# chat-service runs as in production (its jar, JWT validation, quota admission, usage outbox to Kafka, PostgreSQL),
# started by the platform launcher with auth-service, embedded PostgreSQL and embedded Kafka. Everything shares the
# machine's cores; the first line printed is the load average before the run. Results go to docs/performance.md.
#
#   benchmarks/chat-benchmark.sh                 # build what is missing, run everything
#   RATE=500 STREAM_RATE=200 STREAMS=2000 DURATION=30s WARMUP=30s benchmarks/chat-benchmark.sh
#   JFR=1 benchmarks/chat-benchmark.sh          # also record chat-service with Flight Recorder (<name>.jfr per run)
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-500}
STREAM_RATE=${STREAM_RATE:-200}
STREAMS=${STREAMS:-2000}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
RESULTS=${RESULTS:-benchmarks/target/chat-benchmark}
FAST_PORT=18000
SLOW_PORT=18001
CHAT=http://127.0.0.1:8082
AUTH=http://127.0.0.1:8081
# Production-like JVMs for the measured services, instead of the launcher's small-footprint defaults.
SERVICE_JVM_OPTIONS=${SERVICE_JVM_OPTIONS:-"-XX:+UseParallelGC -Xms512m -Xmx1g"}

jars=(vllm-simulator/target/vllm-simulator.jar benchmarks/target/benchmarks.jar auth-service/target/auth-service.jar
  chat-service/target/chat-service.jar platform-launcher/target/platform-launcher-exec.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then
    JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q install -DskipTests \
      -pl vllm-simulator,benchmarks,auth-service,chat-service,platform-launcher -am
    break
  fi
done
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

echo "== machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
     "$("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

await() { # await <url> <what> <seconds>
  for _ in $(seq $(( $3 * 10 ))); do
    curl -sf "$1" > /dev/null && return 0
    sleep 0.1
  done
  echo "$2 did not become ready; see $RESULTS" >&2
  exit 1
}

"$JAVA" -jar vllm-simulator/target/vllm-simulator.jar --port "$FAST_PORT" > "$RESULTS/simulator-fast.log" 2>&1 &
pids+=($!)
"$JAVA" -jar vllm-simulator/target/vllm-simulator.jar --port "$SLOW_PORT" --ttft-ms 200 --itl-ms 20 \
  --max-num-seqs 8192 --max-waiting-requests 8192 > "$RESULTS/simulator-slow.log" 2>&1 &
pids+=($!)
await "http://127.0.0.1:$FAST_PORT/health" "the simulator" 30
await "http://127.0.0.1:$SLOW_PORT/health" "the slow simulator" 30

# chat-service serves two models: "default" on the fast simulator, "slow" on the slow one. The list is given whole
# in the environment (a list from the environment replaces the one in application.yml).
export DEFAULT_MONTHLY_TOKEN_LIMIT=1000000000000
export PLATFORM_CHAT_MODELS_0_NAME=default PLATFORM_CHAT_MODELS_0_BASE_URL="http://127.0.0.1:$FAST_PORT" \
  PLATFORM_CHAT_MODELS_0_UPSTREAM_NAME=vllm-simulator
export PLATFORM_CHAT_MODELS_1_NAME=slow PLATFORM_CHAT_MODELS_1_BASE_URL="http://127.0.0.1:$SLOW_PORT" \
  PLATFORM_CHAT_MODELS_1_UPSTREAM_NAME=vllm-simulator
"$JAVA" -XX:+UseSerialGC -Xmx384m --enable-native-access=ALL-UNNAMED \
  -jar platform-launcher/target/platform-launcher-exec.jar up --services auth-service,chat-service \
  --data-dir "$RESULTS/platform" --no-aot-cache --vllm-base-url "http://127.0.0.1:$FAST_PORT" \
  --vllm-model vllm-simulator --service-jvm-options "$SERVICE_JVM_OPTIONS" > "$RESULTS/platform.log" 2>&1 &
pids+=($!)
await "$CHAT/actuator/health/readiness" "chat-service (see $RESULTS/platform.log)" 300
chat_pid=$(pgrep -f 'chat-service.jar' | head -1)

email="bench-$(date +%s)@example.com"
curl -sf "$AUTH/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\": \"$email\", \"username\": \"bench$(date +%s)\", \"password\": \"benchmark-password-1\"}" > /dev/null
token() {
  curl -sf "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"login\": \"$email\", \"password\": \"benchmark-password-1\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# The same requests for both targets; only the model's name differs (chat-service's name for it is "default").
direct_body=benchmarks/requests/chat-completion.json
direct_stream=benchmarks/requests/chat-completion-stream-64.json
sed 's/"vllm-simulator"/"default"/' "$direct_body" > "$RESULTS/chat-body.json"
sed 's/"vllm-simulator"/"default"/' "$direct_stream" > "$RESULTS/chat-stream.json"
sed 's/"max_tokens": 64/"max_tokens": 100/; s/"vllm-simulator"/"slow"/' "$direct_stream" > "$RESULTS/slow-stream.json"

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

warmup_of() { # the value of --warmup among the generator flags, in seconds
  local previous=""
  for flag in "$@"; do
    [ "$previous" = "--warmup" ] && { echo "${flag%s}"; return; }
    previous=$flag
  done
  echo 5
}

# run <name> <url> <body> <generator flags...>: chat-service's CPU time is read when the generator's warm-up ends and
# again when it finishes, the window the generator measures (give or take its own half-second start).
run() {
  local name=$1 url=$2 body=$3; shift 3
  echo
  echo "== $name"
  [ -z "${JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$chat_pid" JFR.start name="$name" settings=profile \
    filename="$PWD/$RESULTS/$name.jfr" > /dev/null
  "$JAVA" -jar benchmarks/target/benchmarks.jar --url "$url" --body-file "$body" \
    --header "Authorization: Bearer $(token)" --json "$RESULTS/$name.json" "$@" > "$RESULTS/$name.txt" &
  local generator=$! before
  sleep "$(awk -v w="$(warmup_of "$@")" 'BEGIN {print w + 0.5}')"
  before=$(cpu_seconds "$chat_pid")
  wait "$generator" || echo "the load generator exited with $?" >&2
  local cpu
  cpu=$(awk -v a="$before" -v b="$(cpu_seconds "$chat_pid")" 'BEGIN {printf "%.1f", b - a}')
  [ -z "${JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$chat_pid" JFR.stop name="$name" > /dev/null
  cat "$RESULTS/$name.txt"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); cpu=float(sys.argv[2]);
print("chat-service %.1f s CPU in the measured part, %.0f us per request; %s threads; load average %s"
      % (cpu, cpu * 1e6 / max(1, r["requests"]), sys.argv[3], sys.argv[4]))' \
    "$RESULTS/$name.json" "$cpu" "$(awk '/^Threads/ {print $2}' "/proc/$chat_pid/status")" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}

direct="http://127.0.0.1:$FAST_PORT/v1/chat/completions"
through="$CHAT/v1/chat/completions"
# chat-service's JIT needs its warm-up; the direct runs go first and last, to see the machine did not drift.
run direct-non-streaming "$direct" "$direct_body" --rate "$RATE" --duration "$DURATION" --warmup 10s
run chat-non-streaming "$through" "$RESULTS/chat-body.json" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP"
run direct-streaming "$direct" "$direct_stream" --stream --rate "$STREAM_RATE" --duration "$DURATION" --warmup 10s
run chat-streaming "$through" "$RESULTS/chat-stream.json" --stream --rate "$STREAM_RATE" --duration "$DURATION" \
  --warmup 10s
run direct-non-streaming-again "$direct" "$direct_body" --rate "$RATE" --duration "$DURATION" --warmup 5s
run chat-concurrent-streams "$through" "$RESULTS/slow-stream.json" --stream --concurrency "$STREAMS" \
  --duration "$DURATION" --warmup 10s
echo "chat-service resident memory after the concurrent streams: $(awk '/^VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$chat_pid/status")"

python3 - "$RESULTS" <<'PY'
import json, os, sys
results = sys.argv[1]
def load(name):
    with open(os.path.join(results, name + ".json")) as f:
        return json.load(f)
print("\n== chat-service's added latency (through chat-service minus direct, same rate)")
for label, direct, through, metric in [
        ("non-streaming latency", "direct-non-streaming", "chat-non-streaming", "latencyMs"),
        ("streaming time to first token", "direct-streaming", "chat-streaming", "timeToFirstTokenMs")]:
    d, t = load(direct), load(through)
    dm, tm = d[metric], t[metric]
    print(f"{label}: p50 {tm['p50'] - dm['p50']:+.2f} ms (direct {dm['p50']:.2f}, through {tm['p50']:.2f}), "
          f"p99 {tm['p99'] - dm['p99']:+.2f} ms (direct {dm['p99']:.2f}, through {tm['p99']:.2f}); "
          f"failed direct {d['failed']}, through {t['failed']}")
PY
