-- Conversations belong to one user; every query filters by owner.
CREATE TABLE conversations (
    id            uuid PRIMARY KEY,
    user_id       uuid         NOT NULL,
    title         varchar(200) NOT NULL,
    model         varchar(200) NOT NULL,
    preset_id     uuid,
    system_prompt text,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);
CREATE INDEX conversations_user_updated_idx ON conversations (user_id, updated_at DESC, id);

-- The history a user reads back: every message, in order.
CREATE TABLE conversation_messages (
    id                uuid PRIMARY KEY,
    conversation_id   uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position          integer     NOT NULL,
    role              varchar(16) NOT NULL CHECK (role IN ('user', 'assistant')),
    content           text        NOT NULL,
    model             varchar(200),
    prompt_tokens     integer,
    completion_tokens integer,
    created_at        timestamptz NOT NULL,
    UNIQUE (conversation_id, position)
);

-- LangChain4j's chat memory: the window of messages that goes back to the model, as its own JSON.
CREATE TABLE chat_memory (
    conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    messages        text NOT NULL
);

-- Named system prompts with default parameters: a user's own, or global (no owner).
CREATE TABLE presets (
    id            uuid PRIMARY KEY,
    owner_id      uuid,
    name          varchar(100)  NOT NULL,
    system_prompt text          NOT NULL,
    model         varchar(200),
    temperature   double precision,
    max_tokens    integer,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL
);
CREATE UNIQUE INDEX presets_owner_name_key
    ON presets (coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
