-- What each vLLM pool serves (or is switching to), and the switches of its model.
create table model_pool (
    name                       text primary key,
    profile_id                 text,
    model                      text,
    served_model_name          text,
    previous_served_model_name text,
    max_model_len              integer,
    base_url                   text        not null,
    task                       text        not null,
    state                      text        not null,
    switch_job_id              uuid,
    reason                     text,
    updated_at                 timestamptz not null
);

create table switch_job (
    id                         uuid primary key,
    pool                       text        not null,
    profile_id                 text        not null,
    served_model_name          text        not null,
    state                      text        not null,
    reason                     text,
    rolled_back                boolean     not null default false,
    previous_profile_id        text,
    previous_model             text,
    previous_served_model_name text,
    previous_max_model_len     integer,
    previous_base_url          text,
    -- What the driver needs to put the previous model back (its Deployment spec, container command...).
    driver_snapshot            text,
    requested_by               uuid,
    -- The replica running the job, and when it last said so: a job whose heartbeat is stale is taken over.
    owner                      text,
    heartbeat_at               timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null,
    finished_at                timestamptz,
    constraint switch_job_state check (state in ('PENDING', 'STOPPING', 'LOADING', 'WARMING', 'READY', 'FAILED'))
);

-- One switch per pool at a time, whichever replica accepted it.
create unique index switch_job_one_active_per_pool on switch_job (pool)
    where state in ('PENDING', 'STOPPING', 'LOADING', 'WARMING');
create index switch_job_by_pool on switch_job (pool, created_at desc);
