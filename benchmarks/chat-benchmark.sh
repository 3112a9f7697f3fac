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
#   RATE=500 STREAM_RATE=200 STREAMS=2000 DURATION=30s WARMUP=60s benchmarks/chat-benchmark.sh
#   JFR=1 benchmarks/chat-benchmark.sh          # also record chat-service with Flight Recorder (<name>.jfr per run)
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-500}
STREAM_RATE=${STREAM_RATE:-200}
STREAMS=${STREAMS:-2000}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-60s}
RESULTS=${RESULTS:-benchmarks/target/chat-benchmark}
FAST_PORT=18000
SLOW_PORT=18001
CHAT=http://127.0.0.1:8082
AUTH=http://127.0.0.1:8081

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
prepare vllm-simulator,benchmarks,auth-service,chat-service,platform-launcher
machine

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

register_user "$AUTH"

# The same requests for both targets; only the model's name differs (chat-service's name for it is "default").
direct_body=benchmarks/requests/chat-completion.json
direct_stream=benchmarks/requests/chat-completion-stream-64.json
sed 's/"vllm-simulator"/"default"/' "$direct_body" > "$RESULTS/chat-body.json"
sed 's/"vllm-simulator"/"default"/' "$direct_stream" > "$RESULTS/chat-stream.json"
sed 's/"max_tokens": 64/"max_tokens": 100/; s/"vllm-simulator"/"slow"/' "$direct_stream" > "$RESULTS/slow-stream.json"

MEASURED="chat-service=$chat_pid"

direct="http://127.0.0.1:$FAST_PORT/v1/chat/completions"
through="$CHAT/v1/chat/completions"
# chat-service's JIT needs its warm-up; the direct runs go first and last, to see the machine did not drift.
run direct-non-streaming "$direct" "$direct_body" -H "$(bearer)" --rate "$RATE" --duration "$DURATION" --warmup 10s
run chat-non-streaming "$through" "$RESULTS/chat-body.json" -H "$(bearer)" --rate "$RATE" --duration "$DURATION" \
  --warmup "$WARMUP"
run direct-streaming "$direct" "$direct_stream" -H "$(bearer)" --stream --rate "$STREAM_RATE" --duration "$DURATION" \
  --warmup 10s
run chat-streaming "$through" "$RESULTS/chat-stream.json" -H "$(bearer)" --stream --rate "$STREAM_RATE" \
  --duration "$DURATION" --warmup 10s
run direct-non-streaming-again "$direct" "$direct_body" -H "$(bearer)" --rate "$RATE" --duration "$DURATION" \
  --warmup 5s
run chat-concurrent-streams "$through" "$RESULTS/slow-stream.json" -H "$(bearer)" --stream --concurrency "$STREAMS" \
  --duration "$DURATION" --warmup 10s
echo "chat-service resident memory after the concurrent streams: $(awk '/^VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$chat_pid/status")"

echo
echo "== chat-service's added latency (through chat-service minus direct, same rate)"
compare "non-streaming latency" latencyMs direct-non-streaming chat-non-streaming
compare "streaming time to first token" timeToFirstTokenMs direct-streaming chat-streaming
