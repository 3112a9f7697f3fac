#!/usr/bin/env bash
# The image's HEALTHCHECK: healthy while the service's liveness answers 200. The JRE image has no curl; bash's
# /dev/tcp speaks enough HTTP. The port is the management port when there is one, else the service's own.
set -euo pipefail
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-${DEFAULT_PORT:-8080}}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${HEALTH_PATH:-/actuator/health/liveness}" >&3
IFS= read -r -t 5 status <&3
[[ "$status" == "HTTP/1."?" 200"* ]]
