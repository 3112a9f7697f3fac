#!/usr/bin/env bash
# Writes .env from .env.example with every `generate-me` replaced by fresh random bytes (base64 of 32 bytes, what
# AUTH_KEY_ENCRYPTION_KEY needs and strong enough for every other secret). Refuses to overwrite an existing .env.
set -euo pipefail
cd "$(dirname "$0")/.."
[ ! -e .env ] || { echo ".env exists; remove it first to generate new secrets" >&2; exit 1; }
umask 077
while IFS= read -r line; do
  if [[ "$line" == *=generate-me ]]; then
    line="${line%generate-me}$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  fi
  printf '%s\n' "$line"
done < .env.example > .env
echo "wrote .env; the administrator is ADMIN_EMAIL with ADMIN_PASSWORD from it"
