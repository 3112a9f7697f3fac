-- The usage ledger: one append-only row per model call, recorded once per event id. Partitioned by month on the
-- time of the call; LedgerPartitions creates the coming months' partitions ahead of time, and the default
-- partition only catches events far outside them.
CREATE TABLE usage_ledger (
    event_id              uuid         NOT NULL,
    occurred_at           timestamptz  NOT NULL,
    recorded_at           timestamptz  NOT NULL DEFAULT now(),
    service               varchar(64)  NOT NULL,
    request_id            varchar(128),
    user_id               uuid         NOT NULL,
    api_key_id            uuid,
    model                 varchar(200) NOT NULL,
    prompt_tokens         integer      NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens     integer      NOT NULL CHECK (completion_tokens >= 0),
    latency_ms            bigint       NOT NULL,
    time_to_first_token_ms bigint,
    status                varchar(16)  NOT NULL,
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX usage_ledger_user_time_idx ON usage_ledger (user_id, occurred_at);
CREATE INDEX usage_ledger_api_key_time_idx ON usage_ledger (api_key_id, occurred_at) WHERE api_key_id IS NOT NULL;
CREATE TABLE usage_ledger_default PARTITION OF usage_ledger DEFAULT;

-- Daily rollups serve every usage query. api_key_id is the nil UUID for calls made with a user's own token.
CREATE TABLE usage_daily (
    day               date         NOT NULL,
    user_id           uuid         NOT NULL,
    model             varchar(200) NOT NULL,
    api_key_id        uuid         NOT NULL,
    requests          bigint       NOT NULL,
    prompt_tokens     bigint       NOT NULL,
    completion_tokens bigint       NOT NULL,
    PRIMARY KEY (user_id, day, model, api_key_id)
);
CREATE INDEX usage_daily_day_idx ON usage_daily (day);
