#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new: one database per service (nothing reads another service's tables).
set -euo pipefail
for database in ${SERVICE_DATABASES:?}; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE \"$database\" OWNER \"$POSTGRES_USER\""
done
