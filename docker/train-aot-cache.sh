#!/usr/bin/env bash
# Trains the JDK AOT cache of the Spring Boot application in $1 (app.jar) at image build time, as the launcher's
# `platform prepare` does: one start with -XX:AOTCacheOutput that exits once the application context is refreshed.
# No database, broker or model server exists while an image builds, so this start is told not to reach any: no
# Flyway, no Hibernate schema check or JDBC metadata, no Kafka topic creation, and a throw-away key for auth-service.
# Connection pools, consumers and schedulers start after the refresh, so they never run here.
set -euo pipefail
cd "${1:?usage: train-aot-cache.sh APP_DIRECTORY}"
if [ ! -d lib ] || ! ls lib/spring-boot-*.jar >/dev/null 2>&1; then
  echo "not a Spring Boot application: no AOT cache" >&2
  exit 0
fi
AUTH_KEY_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" java -XX:AOTCacheOutput=app.aot \
    -Dspring.context.exit=onRefresh \
    -Dserver.port=0 \
    -Dspring.flyway.enabled=false \
    -Dspring.jpa.hibernate.ddl-auto=none \
    -Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
    -Dspring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
    -Dspring.kafka.admin.auto-create=false \
    -jar app.jar
test -s app.aot
