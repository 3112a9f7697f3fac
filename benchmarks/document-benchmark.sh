#!/usr/bin/env bash
# Measures document-service's ingestion throughput against the rate embedding-service alone embeds the same chunks
# at. auth-service, embedding-service and document-service run from their jars under the platform launcher on free
# ports, with embedded PostgreSQL and Kafka and Chroma (the `chroma` CLI); embedding-service's vector cache is off,
# so every chunk is computed. Steps:
#   1. a corpus: PDFS PDFs of PAGES full pages and MARKDOWN Markdown files of headed sections (DocumentCorpus,
#      English-like text from a fixed seed: the same files every run, no two chunks alike);
#   2. a warm-up round: the corpus uploaded once (collection `warmup`), so that the JIT has compiled every service's
#      code before anything is measured; its chunks, as document-service cut them, are read from PostgreSQL;
#   3. the embedding-bound rate: those chunk texts sent straight to embedding-service's /v1/embeddings, each
#      document's chunks in batches of BATCH_SIZE with WORKERS batches in flight, as the ingestion workers send them
#      (before and after step 4, the mean of the two compared: the load of a shared machine drifts);
#   4. ingestion: the corpus uploaded again (collection `measured`) as a user with a token from auth-service, until
#      every document is stored: pages/s, chunks/s and documents/s from the first upload's createdAt to the last
#      document's updatedAt, and the share of the workers' time spent waiting on embedding-service
#      (platform.documents.embedding.wait from /actuator/prometheus, over WORKERS x the elapsed time).
# The first line printed is the machine and its load average; results go to docs/performance.md.
#
#   benchmarks/document-benchmark.sh
#   PDFS=24 PAGES=10 MARKDOWN=8 WORKERS=2 BATCH_SIZE=32 benchmarks/document-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PDFS=${PDFS:-12}
PAGES=${PAGES:-6}
MARKDOWN=${MARKDOWN:-4}
WORKERS=${WORKERS:-2}           # document-service's INGESTION_WORKERS
BATCH_SIZE=${BATCH_SIZE:-32}    # document-service's DOCUMENT_EMBEDDING_BATCH_SIZE
TIMEOUT=${TIMEOUT:-1200}        # seconds a round may take before the script gives up
RESULTS=${RESULTS:-benchmarks/target/document-benchmark}
CLIENT=benchmarks/python/document_ingestion.py

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
prepare benchmarks,auth-service,embedding-service,document-service,platform-launcher
machine | tee "$RESULTS/machine.txt"
command -v chroma > /dev/null || { echo "the chroma CLI is missing (pip install chromadb)" >&2; exit 1; }

"$JAVA" -cp benchmarks/target/benchmarks.jar io.llmplatform.benchmarks.DocumentCorpus "$RESULTS/corpus" \
  "$PDFS" "$PAGES" "$MARKDOWN"
files=$(find "$RESULTS/corpus" -type f | wc -l)
echo "== corpus: $PDFS PDFs of $PAGES pages, $MARKDOWN Markdown files ($(du -sh "$RESULTS/corpus" | cut -f1))"

export DEFAULT_MONTHLY_TOKEN_LIMIT=1000000000000 EMBEDDING_CACHE_ENTRIES=0 \
  INGESTION_WORKERS=$WORKERS DOCUMENT_EMBEDDING_BATCH_SIZE=$BATCH_SIZE
"$JAVA" -XX:+UseSerialGC -Xmx384m --enable-native-access=ALL-UNNAMED \
  -jar platform-launcher/target/platform-launcher-exec.jar up \
  --services auth-service,embedding-service,document-service \
  --free-ports --data-dir "$RESULTS/platform" --no-aot-cache --service-jvm-options "$SERVICE_JVM_OPTIONS" \
  > "$RESULTS/platform.log" 2>&1 &
pids+=($!)
AUTH=http://127.0.0.1:$(port_of auth-service)
EMBEDDING=http://127.0.0.1:$(port_of embedding-service)
DOCUMENT=http://127.0.0.1:$(port_of document-service)
POSTGRES_PORT=$(logged '.*Starting embedded PostgreSQL on port \([0-9]*\).*')
grep -q 'Starting Chroma' "$RESULTS/platform.log" || { echo "document-service runs without Chroma" >&2; exit 1; }
document_pid=$(pgrep -f 'document-service.jar' | head -1)
embedding_pid=$(pgrep -f 'embedding-service.jar' | head -1)
register_user "$AUTH"
token() { bearer | cut -d' ' -f3; }

round() { # round <collection>: uploads the corpus there and waits until all of it is stored; prints the JSON
  python3 "$CLIENT" upload "$DOCUMENT/api/v1/documents" "$(token)" "$1" "$RESULTS/corpus" > /dev/null
  python3 "$CLIENT" await "$DOCUMENT/api/v1/documents" "$(token)" "$1" "$files" "$TIMEOUT"
}

echo
echo "== warm-up: the corpus ingested once"
round warmup | tee "$RESULTS/warmup.json"
python3 -c 'import json,sys; n = json.load(open(sys.argv[1]))["failed"]; n and print(f"WARNING: {n} documents failed")' \
  "$RESULTS/warmup.json" >&2
PGPASSWORD='' psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d document -Atq -c \
  "select json_agg(texts order by name) from (select document_name name, json_agg(text order by chunk_index) texts
     from chunks where collection = 'warmup' group by document_id, document_name) per_document" > "$RESULTS/chunks.json"

embedding_bound() { # embedding_bound <name>: the warm-up's chunks straight to /v1/embeddings; prints the JSON
  echo
  echo "== embedding-bound ($1): the same chunks straight to /v1/embeddings, $BATCH_SIZE per call, $WORKERS in flight"
  local before
  before=$(cpu_seconds "$embedding_pid")
  python3 "$CLIENT" embed "$EMBEDDING/v1/embeddings" "$(token)" "$RESULTS/chunks.json" "$BATCH_SIZE" "$WORKERS" \
    | tee "$RESULTS/embedding-bound-$1.json"
  echo "embedding-service: $(awk -v a="$before" -v b="$(cpu_seconds "$embedding_pid")" 'BEGIN {print b - a}') s CPU"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
# Measured before and after the ingestion, on a machine whose load may change in between: the mean is compared.
embedding_bound before

echo
echo "== ingestion: the corpus uploaded and stored, $WORKERS workers"
read -r wait_before _ < <(python3 "$CLIENT" wait "$DOCUMENT/actuator/prometheus")
cpu_document=$(cpu_seconds "$document_pid") cpu_embedding=$(cpu_seconds "$embedding_pid")
round measured | tee "$RESULTS/ingestion.json"
read -r wait_after _ < <(python3 "$CLIENT" wait "$DOCUMENT/actuator/prometheus")
awk -v a="$cpu_document" -v b="$(cpu_seconds "$document_pid")" -v c="$cpu_embedding" \
  -v d="$(cpu_seconds "$embedding_pid")" 'BEGIN {printf "CPU: document-service %.1f s, embedding-service %.1f s\n", b - a, d - c}' \
  | tee "$RESULTS/ingestion-cpu.txt"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
embedding_bound after

echo
echo "== document-service ingestion against the embedding-bound rate"
python3 - "$RESULTS" "$wait_before" "$wait_after" "$WORKERS" <<'PY' | tee "$RESULTS/summary.txt"
import json, os, sys
results, wait_before, wait_after, workers = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
ingestion = json.load(open(os.path.join(results, "ingestion.json")))
runs = [json.load(open(os.path.join(results, f"embedding-bound-{when}.json"))) for when in ("before", "after")]
bound = {"chunks": runs[0]["chunks"], "seconds": sum(r["seconds"] for r in runs) / 2}
bound["chunksPerSecond"] = bound["chunks"] / bound["seconds"]
seconds = ingestion["seconds"]
chunks_per_second = ingestion["chunks"] / seconds
waited = wait_after - wait_before
ratio = chunks_per_second / bound["chunksPerSecond"]
print(f"{ingestion['documents']} documents ({ingestion['failed']} failed), {ingestion['pages']} PDF pages, "
      f"{ingestion['chunks']} chunks in {seconds:.1f} s: {ingestion['pages'] / seconds:.2f} pages/s, "
      f"{chunks_per_second:.1f} chunks/s, {ingestion['documents'] / seconds:.2f} documents/s")
print(f"embedding-bound: {bound['chunks']} chunks in {bound['seconds']:.1f} s (mean of before and after): "
      f"{bound['chunksPerSecond']:.1f} chunks/s (before {runs[0]['chunksPerSecond']:.1f}, "
      f"after {runs[1]['chunksPerSecond']:.1f}; batch p50 {runs[0]['batchP50'] * 1000:.0f} / "
      f"{runs[1]['batchP50'] * 1000:.0f} ms)")
print(f"ingestion / embedding-bound: {ratio:.0%} (target >= 80%: {'met' if ratio >= 0.8 else 'NOT met'})")
print(f"waiting on embeddings: {waited:.1f} s of {workers} workers x {seconds:.1f} s = "
      f"{waited / (workers * seconds):.0%} of the workers' time")
PY
