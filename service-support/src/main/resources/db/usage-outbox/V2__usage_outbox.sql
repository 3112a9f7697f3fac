-- Usage events waiting to be published to Kafka (service-support's UsageOutbox and UsageOutboxRelay). Written in the
-- same transaction as what the call produced; deleted once Kafka has acknowledged them.
CREATE TABLE usage_outbox (
    event_id   uuid PRIMARY KEY,
    user_id    uuid        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX usage_outbox_created_idx ON usage_outbox (created_at);
