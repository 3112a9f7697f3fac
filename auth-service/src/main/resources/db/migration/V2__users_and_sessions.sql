-- Users: email and username are unique whatever their case.
CREATE TABLE users (
    id                  uuid PRIMARY KEY,
    email               varchar(254) NOT NULL,
    username            varchar(32)  NOT NULL,
    password_hash       varchar(255) NOT NULL,
    status              varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    monthly_token_limit bigint       NOT NULL CHECK (monthly_token_limit >= 0),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_created_at_idx ON users (created_at DESC);

CREATE TABLE user_roles (
    user_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    varchar(16) NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role_idx ON user_roles (role);

-- A login starts a family of refresh tokens; each refresh rotates to a new token of the family. Presenting a
-- token that was already rotated revokes the whole family. Tokens are stored only as SHA-256 hashes.
CREATE TABLE refresh_token_families (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason varchar(32)
);
CREATE INDEX refresh_token_families_user_idx ON refresh_token_families (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Failed logins per account (the login as typed, so unknown accounts count too) and per client IP.
CREATE TABLE login_throttle (
    throttle_key      varchar(300) PRIMARY KEY,
    failures          integer      NOT NULL,
    window_started_at timestamptz  NOT NULL,
    locked_until      timestamptz
);
