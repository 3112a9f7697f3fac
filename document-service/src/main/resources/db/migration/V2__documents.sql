-- Documents, their collections and their ingestion jobs (issue 13, ingestion half). Chunks and vectors are the
-- index's (the even-numbered migrations).

create table collections (
    id         uuid primary key,
    owner_id   uuid         not null,
    name       varchar(100) not null,
    created_at timestamptz  not null,
    constraint collections_owner_name unique (owner_id, name)
);

create table documents (
    id              uuid primary key,
    owner_id        uuid          not null,
    -- The API key the upload came with, so the embedding usage of its ingestion is reported by key too.
    api_key_id      uuid,
    collection_id   uuid          not null references collections (id),
    name            varchar(255)  not null,
    format          varchar(16)   not null,
    media_type      varchar(100)  not null,
    size_bytes      bigint        not null,
    metadata        jsonb         not null default '{}',
    status          varchar(16)   not null,
    failure_reason  varchar(1000),
    pages           integer,
    chunks          integer,
    embedded_chunks integer       not null default 0,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    -- Set while a delete removes the document's chunks and file: it is gone for its owner from then on.
    deleted_at      timestamptz
);

create index documents_owner_listing on documents (owner_id, created_at desc, id) where deleted_at is null;
create index documents_collection on documents (collection_id);

-- One job per document. PENDING jobs are claimed by workers with FOR UPDATE SKIP LOCKED; a claim holds a lease
-- (lease_token, lease_until) that a crashed worker's job loses when it runs out.
create table ingestion_jobs (
    document_id uuid primary key references documents (id) on delete cascade,
    state       varchar(16)   not null,
    attempts    integer       not null default 0,
    run_after   timestamptz   not null,
    lease_token uuid,
    lease_until timestamptz,
    last_error  varchar(1000),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    constraint ingestion_jobs_state check (state in ('PENDING', 'DONE', 'FAILED', 'CANCELLED'))
);

create index ingestion_jobs_ready on ingestion_jobs (run_after) where state = 'PENDING';
