#!/usr/bin/env bash
# Measures what api-gateway adds in front of a service, with the load generator of this module:
#   1. GET /v1/models at a fixed rate (default 1,000 req/s) straight to a zero-latency vllm-simulator, then through
#      the gateway routed to that simulator, with an access token and with an API key: the difference is the cost of
#      the gateway's whole path (token or key check, rate limit, routing, headers, access log, metrics, tracing);
#   2. the highest rate the gateway sustains: 64 requests in flight, through the gateway and direct (this run comes
#      first, and also warms the gateway up);
#   3. non-streaming chat completions at a fixed rate (default 500 req/s) straight to chat-service and through the
#      gateway: what a user of the platform sees.
# auth-service and chat-service run as in production (their jars, PostgreSQL, Kafka) under the platform launcher; the
# gateway jar is started here, so that its models route can point at the simulator. Everything shares the machine's
# cores; the first line printed is the load average before the run. Results go to docs/performance.md.
#
#   benchmarks/gateway-benchmark.sh                 # build what is missing, run everything
#   RATE=1000 CHAT_RATE=500 CONCURRENCY=64 DURATION=30s WARMUP=30s benchmarks/gateway-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-1000}
CHAT_RATE=${CHAT_RATE:-500}
CONCURRENCY=${CONCURRENCY:-64}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}
RESULTS=${RESULTS:-benchmarks/target/gateway-benchmark}
SIMULATOR_PORT=18000
SIMULATOR=http://127.0.0.1:$SIMULATOR_PORT
GATEWAY=http://127.0.0.1:8080
CHAT=http://127.0.0.1:8082

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
prepare vllm-simulator,benchmarks,auth-service,chat-service,api-gateway,platform-launcher
machine

"$JAVA" -jar vllm-simulator/target/vllm-simulator.jar --port "$SIMULATOR_PORT" > "$RESULTS/simulator.log" 2>&1 &
simulator_pid=$!
pids+=("$simulator_pid")
await "$SIMULATOR/health" "the simulator" 30

start_chat_path "$SIMULATOR"

register_user "$GATEWAY"
api_key=$(curl -sf "$GATEWAY/api/v1/auth/api-keys" -H "$(bearer)" -H 'Content-Type: application/json' \
  -d '{"name": "benchmark"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')

sed 's/"vllm-simulator"/"default"/' benchmarks/requests/chat-completion.json > "$RESULTS/chat-body.json"

MEASURED="api-gateway=$gateway_pid simulator=$simulator_pid"
# The saturated run goes first: its warm-up (WARMUP) and its 30 s at full speed also compile the gateway's whole path,
# which a fixed rate on two cores takes minutes to do. The direct runs go first and last, to see the machine did not
# drift.
run direct-models "$SIMULATOR/v1/models" - --method GET -H "$(bearer)" --rate "$RATE" --duration "$DURATION" \
  --warmup 10s
run gateway-models-saturated "$GATEWAY/v1/models" - --method GET -H "$(bearer)" --concurrency "$CONCURRENCY" \
  --duration "$DURATION" --warmup "$WARMUP"
run gateway-models-token "$GATEWAY/v1/models" - --method GET -H "$(bearer)" --rate "$RATE" --duration "$DURATION" \
  --warmup 10s
run gateway-models-api-key "$GATEWAY/v1/models" - --method GET -H "Authorization: Bearer $api_key" --rate "$RATE" \
  --duration "$DURATION" --warmup 10s
run direct-models-again "$SIMULATOR/v1/models" - --method GET -H "$(bearer)" --rate "$RATE" --duration "$DURATION" \
  --warmup 5s
run direct-models-saturated "$SIMULATOR/v1/models" - --method GET -H "$(bearer)" --concurrency "$CONCURRENCY" \
  --duration "$DURATION" --warmup 5s

MEASURED="api-gateway=$gateway_pid chat-service=$chat_pid simulator=$simulator_pid"
# chat-service is still cold here: the first run's warm-up is as long as the gateway's was.
run direct-chat "$CHAT/v1/chat/completions" "$RESULTS/chat-body.json" -H "$(bearer)" --rate "$CHAT_RATE" \
  --duration "$DURATION" --warmup "$WARMUP"
run gateway-chat "$GATEWAY/v1/chat/completions" "$RESULTS/chat-body.json" -H "$(bearer)" --rate "$CHAT_RATE" \
  --duration "$DURATION" --warmup 20s
echo "api-gateway resident memory: $(awk '/^VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$gateway_pid/status")"

echo
echo "== api-gateway's added latency (through the gateway minus direct, same rate)"
compare "GET /v1/models, access token" latencyMs direct-models gateway-models-token
compare "GET /v1/models, API key" latencyMs direct-models gateway-models-api-key
compare "chat completion (direct = chat-service)" latencyMs direct-chat gateway-chat
