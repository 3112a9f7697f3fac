#!/usr/bin/env bash
# Measures vllm-simulator on this machine with the load generator of this module:
#   1. non-streaming chat completions per second, open loop at a fixed rate (default 5000 req/s);
#   2. the most non-streaming requests per second 64 closed-loop clients get;
#   3. streamed tokens per second, 32 closed-loop streams of 2000 tokens each.
# The simulator runs with zero latency, as the jar's defaults. Client and server share the machine's cores.
# Prints each report, with the CPU seconds generator and simulator each used during the measured part (after the
# warm-up), so that one can check the generator is not the bottleneck. Results go to docs/performance.md by hand.
#
#   benchmarks/simulator-benchmark.sh                    # build if needed, run everything
#   RATE=6000 DURATION=30s WARMUP=30s benchmarks/simulator-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-5000}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}  # seconds, with an s
PORT=${PORT:-18000}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
SIMULATOR_JAR=vllm-simulator/target/vllm-simulator.jar
GENERATOR_JAR=benchmarks/target/benchmarks.jar
RESULTS=${RESULTS:-benchmarks/target/simulator-benchmark}
URL="http://127.0.0.1:$PORT/v1/chat/completions"

if [ ! -f "$SIMULATOR_JAR" ] || [ ! -f "$GENERATOR_JAR" ]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q package -pl vllm-simulator,benchmarks -DskipTests
fi
mkdir -p "$RESULTS"

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

echo "== machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
     "$("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

"$JAVA" -jar "$SIMULATOR_JAR" --port "$PORT" > "$RESULTS/simulator.log" 2>&1 &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break
  kill -0 "$simulator" 2>/dev/null || { echo "the simulator did not start:" >&2; cat "$RESULTS/simulator.log" >&2; exit 1; }
  sleep 0.1
done

# run <name> <warm-up> <generator flags...>: the simulator's CPU is read when the generator's warm-up ends and again
# when it finishes, the window the generator measures (give or take its own half-second start).
run() {
  local name=$1 warmup=$2; shift 2
  echo
  echo "== $name"
  "$JAVA" -jar "$GENERATOR_JAR" --url "$URL" --json "$RESULTS/$name.json" --warmup "$warmup" "$@" \
    > "$RESULTS/$name.txt" &
  local generator=$! before status=0
  sleep "$(awk -v w="${warmup%s}" 'BEGIN {print w + 0.5}')"
  before=$(cpu_seconds "$simulator")
  wait "$generator" || status=$?
  cat "$RESULTS/$name.txt"
  [ "$status" -eq 0 ] || echo "the load generator exited with $status" >&2
  echo "simulator   $(awk -v a="$before" -v b="$(cpu_seconds "$simulator")" 'BEGIN {printf "%.1f", b - a}') s CPU in the measured part"
  echo "machine     load average $(cut -d' ' -f1-3 /proc/loadavg) (the benchmark itself keeps about 2 busy)"
}

run non-streaming-open-loop "$WARMUP" --body-file benchmarks/requests/chat-completion.json \
  --rate "$RATE" --duration "$DURATION"
run non-streaming-closed-loop 10s --body-file benchmarks/requests/chat-completion.json \
  --concurrency 64 --duration "$DURATION"
run streaming-closed-loop 10s --body-file benchmarks/requests/chat-completion-stream.json --stream \
  --concurrency 32 --duration "$DURATION"
