-- The keyword half of the chunk index, and the source of truth for what a search may return: a vector hit counts
-- only when its chunk is here (for its owner). document_id is a plain uuid, with no foreign key: ingestion's tables
-- are its own, and deleting a document deletes its chunks through ChunkIndex.delete.
create table chunks (
    id            uuid primary key,
    owner_id      uuid    not null,
    document_id   uuid    not null,
    -- One replace writes one generation; the previous one is deleted in the same transaction.
    generation    uuid    not null,
    document_name text    not null,
    collection    text,
    chunk_index   integer not null,
    page          integer,
    heading       text,
    text          text    not null,
    tokens        integer not null,
    created_at    timestamptz not null default now(),
    search_vector tsvector generated always as (
        setweight(to_tsvector('english', coalesce(heading, '')), 'A') || to_tsvector('english', text)) stored
);

create index chunks_search on chunks using gin (search_vector);
create index chunks_owner_document on chunks (owner_id, document_id);
