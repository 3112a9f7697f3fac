#!/usr/bin/env bash
# Measures the platform's chat path side by side with LiteLLM's proxy, in front of the same zero-latency
# vllm-simulator, with this module's load generator: non-streaming POST /v1/chat/completions at fixed open-loop rates,
#   - straight to the simulator (the baseline),
#   - through api-gateway (access token: JWT validation, rate limit) to chat-service (quota admission, usage outbox
#     to Kafka, PostgreSQL) to the simulator, as a user of the platform calls it,
#   - through LiteLLM's proxy (PyPI, LITELLM_VERSION, in a venv under ~/.cache) with a master key, no database, one
#     model entry `openai/vllm-simulator` on the simulator; with one uvicorn worker per core (LITELLM_WORKERS="2": the
#     same two cores as the platform), or once per worker count in LITELLM_WORKERS ("1 2": also LiteLLM's default).
# First each side runs closed loop (CONCURRENCY in flight): the most it answers here and its CPU per request.
# Then, at every rate, the sides run one after the other (direct, platform, LiteLLM...) so that they see the same
# machine; the added latency is each side's p50/p99 minus the direct run's at the same rate. Every side runs at RATES
# (the table's rows) and, while it still holds, at STEP_RATES: a side holds a rate with no failed request and a p99
# of at most P99_BOUND_MS (latency counts from the intended start, so a side that falls behind shows at once). Every
# side runs at every table rate; a side that no longer holds is not run at the STEP_RATES above (each overloaded run
# leaves a backlog the next run waits for, restarting LiteLLM after two minutes). The whole sweep runs ROUNDS times. The table
# and the highest rate each side held are printed at the end of each round (and written to RESULTS/table-r<round>.md);
# the first line printed is the machine and its load average, and each part prints its own. Results go to
# docs/performance.md.
#
#   benchmarks/litellm-benchmark.sh              # build what is missing, install LiteLLM if missing, run everything
#   RATES="200 500 1000" STEP_RATES="50 100 300 750 1500 2000 3000" P99_BOUND_MS=100 ROUNDS=2 CONCURRENCY=32 \
#     DURATION=20s WARMUP=180s WARMUP_RATE=100 LITELLM_WORKERS="2 1" benchmarks/litellm-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RATES=${RATES:-"200 500 1000"}
STEP_RATES=${STEP_RATES-"50 100 300 750 1500 2000 3000"} # STEP_RATES="": the table rates only
P99_BOUND_MS=${P99_BOUND_MS:-100}
ROUNDS=${ROUNDS:-2}
CONCURRENCY=${CONCURRENCY:-32}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-180s}
WARMUP_RATE=${WARMUP_RATE:-100}
RUN_WARMUP=${RUN_WARMUP:-5s}
TIMEOUT=${TIMEOUT:-10s}
LITELLM_WORKERS=${LITELLM_WORKERS:-2}
# The newest release whose [proxy] extra installs from PyPI here (later ones need litellm-proxy or a
# litellm-proxy-extras post-release that the index does not have), and older than the withdrawn 1.107.0.
LITELLM_VERSION=${LITELLM_VERSION:-1.106.12}
LITELLM_VENV=${LITELLM_VENV:-$HOME/.cache/platform-benchmarks/litellm-$LITELLM_VERSION}
LITELLM_PORT=4000 # + the number of workers
RESULTS=${RESULTS:-benchmarks/target/litellm-benchmark}
SIMULATOR_PORT=18000
SIMULATOR=http://127.0.0.1:$SIMULATOR_PORT
GATEWAY=http://127.0.0.1:8080
CHAT=http://127.0.0.1:8082

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
prepare vllm-simulator,benchmarks,auth-service,chat-service,api-gateway,platform-launcher
machine

if [ ! -x "$LITELLM_VENV/bin/litellm" ]; then
  python3 -m venv "$LITELLM_VENV"
  "$LITELLM_VENV/bin/pip" install -q "litellm[proxy]==$LITELLM_VERSION"
fi
echo "LiteLLM $("$LITELLM_VENV/bin/pip" show litellm | sed -n 's/^Version: //p'), $("$LITELLM_VENV/bin/python" -V)"

"$JAVA" -jar vllm-simulator/target/vllm-simulator.jar --port "$SIMULATOR_PORT" > "$RESULTS/simulator.log" 2>&1 &
simulator_pid=$!
pids+=("$simulator_pid")
await "$SIMULATOR/health" "the simulator" 30

# LiteLLM: the same model under the same name as chat-service's ("default"); errors-only logging (the gateway writes
# an access line per request, LiteLLM's default writes none); no database, so no spend tracking or virtual keys.
LITELLM_MASTER_KEY="sk-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export LITELLM_MASTER_KEY LITELLM_LOG=ERROR LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_MODE=PRODUCTION
unset DATABASE_URL
cat > "$RESULTS/litellm-config.yaml" <<EOF
model_list:
  - model_name: default
    litellm_params:
      model: openai/vllm-simulator
      api_base: $SIMULATOR/v1
      api_key: none
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
litellm_settings:
  set_verbose: false
  telemetry: false
EOF
declare -A litellm_pid
# With several workers, uvicorn's supervisor kills a worker that does not answer its ping within 5 s: on a loaded
# machine a worker still importing LiteLLM misses it and is restarted over and over, so the ping may take 2 minutes.
start_litellm() { # start_litellm <workers>: starts it in the background; await_litellm waits for it
  "$LITELLM_VENV/bin/litellm" --config "$RESULTS/litellm-config.yaml" --host 127.0.0.1 --port $((LITELLM_PORT + $1)) \
    --num_workers "$1" --timeout_worker_healthcheck 120 >> "$RESULTS/litellm-$1.log" 2>&1 &
  litellm_pid[$1]=$!
  pids+=("$!")
}
await_litellm() { # await_litellm <workers>: importing LiteLLM takes its processes 20 s of CPU
  await "http://127.0.0.1:$((LITELLM_PORT + $1))/health/liveliness" "LiteLLM (see $RESULTS/litellm-$1.log)" 600
}

for workers in $LITELLM_WORKERS; do start_litellm "$workers"; done

start_chat_path "$SIMULATOR"
register_user "$GATEWAY"
for workers in $LITELLM_WORKERS; do await_litellm "$workers"; done


sides=(platform)
declare -A url header measured
url[platform]=$GATEWAY/v1/chat/completions
# Every process of the platform counts in its CPU: the gateway, chat-service, auth-service (the usage ledger), the
# launcher (Kafka runs in its JVM) and PostgreSQL.
measured[platform]="api-gateway=$gateway_pid chat-service=$chat_pid auth-service=$auth_pid launcher=$launcher_pid"
for pid in $(postgres_pids); do measured[platform]+=" postgres=$pid"; done
for workers in $LITELLM_WORKERS; do
  sides+=("litellm-$workers")
  url[litellm-$workers]=http://127.0.0.1:$((LITELLM_PORT + workers))/v1/chat/completions
  header[litellm-$workers]="Authorization: Bearer $LITELLM_MASTER_KEY"
done
litellm_measured() { # litellm_measured <workers>: the uvicorn process, or its worker processes
  local children entry=""
  children=$(pgrep -P "${litellm_pid[$1]}" -f 'multiprocessing.spawn|spawn_main' || true)
  for child in ${children:-${litellm_pid[$1]}}; do entry+="litellm=$child "; done
  echo "$entry"
}
header_of() { if [ "$1" = platform ]; then bearer; else echo "${header[$1]}"; fi; }

sed 's/"vllm-simulator"/"default"/' benchmarks/requests/chat-completion.json > "$RESULTS/chat-body.json"
direct_body=benchmarks/requests/chat-completion.json

# settle <side>: after a run a side may still be answering the requests the generator gave up on; the next run waits
# until one request is answered within a second (LiteLLM is restarted if that takes over two minutes).
settle() {
  local side=$1
  for _ in $(seq 120); do
    curl -sf -m 1 -o /dev/null "${url[$side]}" -H "$(header_of "$side")" -H 'Content-Type: application/json' \
      -d @"$RESULTS/chat-body.json" && return 0
    sleep 1
  done
  [ "$side" != platform ] || { echo "the platform did not recover after its run" >&2; exit 1; }
  local workers=${side#litellm-}
  echo "LiteLLM with $workers workers did not recover in two minutes: restarted"
  kill "${litellm_pid[$workers]}"; wait "${litellm_pid[$workers]}" 2>/dev/null || true
  start_litellm "$workers"
  await_litellm "$workers"
}

# measure <name> <side or direct> <rate> <warm-up> <duration>
measure() {
  local name=$1 side=$2 rate=$3
  if [ "$side" = direct ]; then
    MEASURED="simulator=$simulator_pid"
    run "$name" "$SIMULATOR/v1/chat/completions" "$direct_body" -H "$(bearer)" --rate "$rate" --warmup "$4" \
      --duration "$5" --timeout "$TIMEOUT"
    return
  fi
  if [ "$side" = platform ]; then MEASURED="${measured[platform]} simulator=$simulator_pid"
  else MEASURED="$(litellm_measured "${side#litellm-}")simulator=$simulator_pid"; fi
  run "$name" "${url[$side]}" "$RESULTS/chat-body.json" -H "$(header_of "$side")" --rate "$rate" --warmup "$4" \
    --duration "$5" --timeout "$TIMEOUT"
  settle "$side"
}

# verdict <run name>: "holds" (no failed request, the p99 within the bound) or "misses".
verdict() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); lat=r.get("latencyMs") or {}
print("holds" if r["failed"] == 0 and lat.get("p99", 1e18) <= float(sys.argv[2]) else "misses")' \
    "$RESULTS/$1.json" "$P99_BOUND_MS"
}

# The JIT compiles the platform's path under load (about a minute on two cores); LiteLLM imports and caches lazily on
# its first requests. Neither warm-up is measured.
measure platform-warmup platform "$WARMUP_RATE" "$WARMUP" 5s
for workers in $LITELLM_WORKERS; do measure "litellm-$workers-warmup" "litellm-$workers" 20 10s 5s; done

# Closed loop, CONCURRENCY requests in flight: the most each side answers on these cores, and its CPU per request,
# which the machine's other load changes much less than latency.
for side in "${sides[@]}"; do
  if [ "$side" = platform ]; then MEASURED="${measured[platform]} simulator=$simulator_pid"
  else MEASURED="$(litellm_measured "${side#litellm-}")simulator=$simulator_pid"; fi
  run "$side-closed" "${url[$side]}" "$RESULTS/chat-body.json" -H "$(header_of "$side")" \
    --concurrency "$CONCURRENCY" --warmup "$RUN_WARMUP" --duration "$DURATION" --timeout "$TIMEOUT"
  settle "$side"
done

all_rates=$(printf '%s\n' $RATES $STEP_RATES | sort -n -u)
for round in $(seq "$ROUNDS"); do
  declare -A state=()
  for side in "${sides[@]}"; do state[$side]=holds; done
  for rate in $all_rates; do
    in_table=0
    for table_rate in $RATES; do [ "$rate" = "$table_rate" ] && in_table=1; done
    todo=()
    for side in "${sides[@]}"; do
      if [ "${state[$side]}" = holds ] || [ "$in_table" = 1 ]; then todo+=("$side"); fi
    done
    [ ${#todo[@]} -gt 0 ] || continue
    measure "direct-$rate-r$round" direct "$rate" "$RUN_WARMUP" "$DURATION"
    for side in "${todo[@]}"; do
      measure "$side-$rate-r$round" "$side" "$rate" "$RUN_WARMUP" "$DURATION"
      [ "${state[$side]}" = holds ] && state[$side]=$(verdict "$side-$rate-r$round")
    done
  done
  echo
  echo "== round $round: added over the direct simulator at the same rate (p99 bound $P99_BOUND_MS ms)"
  python3 benchmarks/python/overhead_table.py "$RESULTS" "r$round" "$P99_BOUND_MS" "$RATES" "${sides[@]}" \
    | tee "$RESULTS/table-r$round.md"
done
