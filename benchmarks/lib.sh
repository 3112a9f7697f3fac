# Shared by the benchmark scripts: source it after setting RESULTS and, for run(), MEASURED ("name=pid ...").
# Processes the script starts go in pids; they are stopped when it exits.

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
# The measured services' JVMs: G1 with a fixed heap, as a latency-sensitive service runs (ParallelGC paused
# chat-service for up to 300 ms on two shared cores), instead of the launcher's small-footprint defaults.
SERVICE_JVM_OPTIONS=${SERVICE_JVM_OPTIONS:-"-XX:+UseG1GC -Xms1g -Xmx1g"}

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

# prepare <module,...>: builds those modules' jars when one of them is missing, then empties RESULTS.
prepare() {
  local module jar
  for module in ${1//,/ }; do
    jar=$module/target/$module.jar
    [ "$module" = platform-launcher ] && jar=$module/target/$module-exec.jar
    if [ ! -f "$jar" ]; then
      JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q package -DskipTests -pl "$1" -am
      break
    fi
  done
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
}

machine() {
  echo "== machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
       "$("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# logged <sed pattern with one group>: that group in the first line of $RESULTS/platform.log (the launcher's output)
# that matches, once there is one (within 300 s).
logged() {
  for _ in $(seq 3000); do
    local found
    found=$(sed -n "s/$1/\1/p" "$RESULTS/platform.log" | head -1)
    [ -n "$found" ] && { echo "$found"; return 0; }
    sleep 0.1
  done
  echo "no '$1' in $RESULTS/platform.log" >&2
  exit 1
}

port_of() { logged ".*$1 is ready on port \([0-9]*\).*"; } # port_of <service>: the port the launcher started it on

await() { # await <url> <what> <seconds>
  for _ in $(seq $(( $3 * 10 ))); do
    curl -sf "$1" > /dev/null && return 0
    sleep 0.1
  done
  echo "$2 did not become ready; see $RESULTS" >&2
  exit 1
}

# start_chat_path <simulator url>: auth-service and chat-service as in production (their jars, PostgreSQL, Kafka) under
# the platform launcher, chat-service's model "default" on that simulator, then the gateway jar in front of them (on
# GATEWAY, routing to CHAT) with its models route on the simulator too. The limits are raised far above any load: the
# buckets and the quota are still checked on every request. Sets chat_pid, gateway_pid, auth_pid and launcher_pid (the
# launcher runs Kafka in its JVM).
start_chat_path() {
  export DEFAULT_MONTHLY_TOKEN_LIMIT=1000000000000
  "$JAVA" -XX:+UseSerialGC -Xmx384m --enable-native-access=ALL-UNNAMED \
    -jar platform-launcher/target/platform-launcher-exec.jar up --services auth-service,chat-service \
    --data-dir "$RESULTS/platform" --no-aot-cache --vllm-base-url "$1" --vllm-model vllm-simulator \
    --service-jvm-options "$SERVICE_JVM_OPTIONS" > "$RESULTS/platform.log" 2>&1 &
  launcher_pid=$!
  pids+=("$launcher_pid")
  await "$CHAT/actuator/health/readiness" "chat-service (see $RESULTS/platform.log)" 300
  chat_pid=$(pgrep -f 'chat-service.jar' | head -1)
  auth_pid=$(pgrep -f 'auth-service.jar' | head -1)
  # shellcheck disable=SC2086
  env AUTH_SERVICE_URL=http://localhost:8081 CHAT_SERVICE_URL="$CHAT" MODEL_MANAGER_SERVICE_URL="$1" \
    GATEWAY_CLIENT_SECRET="$(sed -n 's/^GATEWAY_CLIENT_SECRET=//p' "$RESULTS/platform/secrets.properties")" \
    RATE_LIMIT_DEFAULT_PER_MINUTE=100000000 RATE_LIMIT_CHAT_PER_MINUTE=100000000 RATE_LIMIT_LOGIN_PER_MINUTE=1000 \
    "$JAVA" $SERVICE_JVM_OPTIONS -jar api-gateway/target/api-gateway.jar > "$RESULTS/gateway.log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  await "$GATEWAY/actuator/health/readiness" "api-gateway (see $RESULTS/gateway.log)" 120
}

# register_user <base url>: registers a user there (auth-service, or the gateway in front of it) for bearer().
register_user() {
  user_base_url=$1
  user_email="bench-$(date +%s)@example.com"
  curl -sf "$user_base_url/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\": \"$user_email\", \"username\": \"bench$(date +%s)\", \"password\": \"benchmark-password-1\"}" \
    > /dev/null
}

# bearer: an Authorization header with a fresh access token of the registered user (tokens live 15 minutes).
bearer() {
  echo "Authorization: Bearer $(curl -sf "$user_base_url/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"login\": \"$user_email\", \"password\": \"benchmark-password-1\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
}

# postgres_pids: the PostgreSQL server's processes (the postmaster, its workers and the pooled connections' backends).
postgres_pids() { pgrep -f "postgres.*$RESULTS/platform/postgres" | while read -r pid; do echo "$pid"; pgrep -P "$pid"; done; }

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

warmup_of() { # the value of --warmup among the generator flags, in seconds
  local previous=""
  for flag in "$@"; do
    [ "$previous" = "--warmup" ] && { echo "${flag%s}"; return; }
    previous=$flag
  done
  echo 5
}

# run <name> <url> <body file or -> <generator flags...>: runs the load generator and prints its report, then the CPU
# time each process in MEASURED spent in the measured window (read when the generator's warm-up ends and when it
# finishes, give or take its own half-second start). With JFR=1 the first measured process is also recorded.
run() {
  local name=$1 url=$2 body=$3; shift 3
  local body_flags=()
  [ "$body" = "-" ] || body_flags=(--body-file "$body")
  local first_pid=${MEASURED%% *}; first_pid=${first_pid#*=}
  echo
  echo "== $name (load average before it $(cut -d' ' -f1-3 /proc/loadavg | tee "$RESULTS/$name.load"))"
  [ -z "${JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$first_pid" JFR.start name="$name" settings=profile \
    filename="$PWD/$RESULTS/$name.jfr" > /dev/null
  "$JAVA" -jar benchmarks/target/benchmarks.jar --url "$url" "${body_flags[@]}" \
    --json "$RESULTS/$name.json" "$@" > "$RESULTS/$name.txt" &
  local generator=$! before=() entry
  sleep "$(awk -v w="$(warmup_of "$@")" 'BEGIN {print w + 0.5}')"
  for entry in $MEASURED; do before+=("$(cpu_seconds "${entry#*=}")"); done
  wait "$generator" || echo "the load generator exited with $?" >&2
  [ -z "${JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$first_pid" JFR.stop name="$name" > /dev/null
  cat "$RESULTS/$name.txt"
  local i=0 requests
  requests=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$RESULTS/$name.json")
  for entry in $MEASURED; do
    awk -v who="${entry%%=*}" -v a="${before[$i]}" -v b="$(cpu_seconds "${entry#*=}")" -v n="$requests" \
      'BEGIN {printf "%s: %.1f s CPU in the measured part, %.0f us per request\n", who, b - a, (b - a) * 1e6 / (n > 0 ? n : 1)}' \
      | tee -a "$RESULTS/$name.cpu"
    i=$((i + 1))
  done
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# compare <label> <metric> <direct run> <through run>: the percentiles one adds over the other.
compare() {
  python3 - "$RESULTS" "$@" <<'PY'
import json, os, sys
results, label, metric, direct, through = sys.argv[1:6]
def load(name):
    with open(os.path.join(results, name + ".json")) as f:
        return json.load(f)
d, t = load(direct), load(through)
dm, tm = d[metric], t[metric]
print(f"{label}: p50 {tm['p50'] - dm['p50']:+.2f} ms (direct {dm['p50']:.2f}, through {tm['p50']:.2f}), "
      f"p99 {tm['p99'] - dm['p99']:+.2f} ms (direct {dm['p99']:.2f}, through {tm['p99']:.2f}); "
      f"failed direct {d['failed']}, through {t['failed']}")
PY
}
