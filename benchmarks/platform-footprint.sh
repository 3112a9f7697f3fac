#!/usr/bin/env bash
# Measures `./platform up` as a newcomer meets it: how long the build's last step takes (training each service's JDK
# AOT cache), time to ready on the first start after the build and on the next one, and the memory of the whole
# platform (the launcher with its embedded Kafka and simulator, embedded PostgreSQL, every service) once it is ready
# and after 100 chat completions. Uses the default ports and a throw-away data directory. Results go to docs/performance.md.
#
#   benchmarks/platform-footprint.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-benchmarks/target/platform-footprint}
GATEWAY=http://localhost:8080
rm -rf "$DATA"
mkdir -p "$DATA"

echo "== machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"

platform_pid=""
stop() {
  [ -n "$platform_pid" ] || return 0
  kill -TERM "$platform_pid" 2>/dev/null || true
  wait "$platform_pid" 2>/dev/null || true
  platform_pid=""
}
trap stop EXIT

# start <log>: starts the platform and waits for its ready message; sets ready_in to the time it reports.
start() {
  ./platform up --data-dir "$DATA/data" > "$DATA/$1" 2>&1 &
  platform_pid=$!
  for _ in $(seq 900); do
    if grep -q "The LLM platform is ready" "$DATA/$1"; then
      ready_in=$(sed -n 's/.*The LLM platform is ready (\([0-9.]*\) s).*/\1/p' "$DATA/$1")
      return 0
    fi
    kill -0 "$platform_pid" 2>/dev/null || { cat "$DATA/$1" >&2; exit 1; }
    sleep 0.5
  done
  echo "not ready after 450 s" >&2
  exit 1
}

# memory: resident (RSS) and proportional (PSS: shared pages split between the processes sharing them) memory of the
# launcher (with its embedded Kafka and simulator), every service and embedded PostgreSQL's processes, in MiB.
memory() {
  local postgres pids
  postgres=$(pgrep -f "postgres -D $PWD/$DATA/data/postgres" | head -1 || true)
  pids=$( { echo "$platform_pid"; ps -o pid= --ppid "$platform_pid"
            [ -z "$postgres" ] || { echo "$postgres"; ps -o pid= --ppid "$postgres"; }; } | sort -u)
  for pid in $pids; do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    awk -v cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -o '[a-z-]*-service\|api-gateway\|platform-launcher\|postgres' | head -1)" \
      '/^Rss:/ {rss = $2} /^Pss:/ {pss = $2} END {printf "%s %.0f %.0f\n", cmd, rss / 1024, pss / 1024}' \
      "/proc/$pid/smaps_rollup"
  done > "$DATA/memory.txt"
  awk '{n[$1]++; rss[$1] += $2; pss[$1] += $3}
       END {for (k in n) printf "  %-24s %2d process(es)  RSS %6.0f MiB  PSS %6.0f MiB\n", k, n[k], rss[k], pss[k]}' \
    "$DATA/memory.txt" | sort
  awk '{rss += $2; pss += $3} END {printf "  total PSS %.0f MiB (%.2f GiB); RSS summed %.0f MiB (counts shared pages twice)\n", pss, pss / 1024, rss}' \
    "$DATA/memory.txt"
}

echo "== the build's last step: training the services' AOT caches (forgotten first, as after a fresh build)"
rm -rf ./*/target/platform-app
prepare_started=$(date +%s%N)
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -XX:+UseSerialGC -Xmx384m \
  --enable-native-access=ALL-UNNAMED -jar platform-launcher/target/platform-launcher-exec.jar prepare \
  > "$DATA/prepare.log" 2>&1
echo "trained in $(( ($(date +%s%N) - prepare_started) / 1000000 )) ms"
echo "== first start after the build"
start first-start.log
echo "ready in $ready_in s"
stop
echo "== second start"
start second-start.log
echo "ready in $ready_in s"
echo "== memory when ready"
memory

token=$(curl -sf "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"login\": \"$(sed -n 's/^ADMIN_EMAIL=//p' "$DATA/data/secrets.properties")\", \"password\": \"$(sed -n 's/^ADMIN_PASSWORD=//p' "$DATA/data/secrets.properties")\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
for _ in $(seq 100); do  # under the default chat rate limit of 120 per minute
  curl -sf "$GATEWAY/v1/chat/completions" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"model": "default", "max_tokens": 16, "messages": [{"role": "user", "content": "Hello!"}]}' > /dev/null
done
echo "== memory after 100 chat completions through the gateway"
memory
stop
