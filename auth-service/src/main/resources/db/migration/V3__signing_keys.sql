-- The keys that sign access tokens, shared by every replica. The private key is stored encrypted (AES-256-GCM)
-- with a key-encryption key that only the environment holds.
CREATE TABLE signing_keys (
    kid                    varchar(64) PRIMARY KEY,
    algorithm              varchar(16) NOT NULL,
    public_jwk             text        NOT NULL,
    private_key_ciphertext bytea       NOT NULL,
    created_at             timestamptz NOT NULL,
    retired_at             timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
