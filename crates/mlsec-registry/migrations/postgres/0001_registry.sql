-- The mlsec registry schema (PostgreSQL). Never edit after release: add a new
-- numbered file, with the same number in migrations/sqlite.
-- Every artifact or execution is a node in one id space, so lineage edges and
-- evidence refer to one table. Timestamps are RFC 3339 UTC text.

CREATE TABLE principals (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'writer', 'reader')),
    created_at TEXT NOT NULL
);

CREATE TABLE groups_ (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE group_members (
    group_id BIGINT NOT NULL REFERENCES groups_(id),
    principal_id BIGINT NOT NULL REFERENCES principals(id),
    PRIMARY KEY (group_id, principal_id)
);

CREATE TABLE tokens (
    id BIGSERIAL PRIMARY KEY,
    principal_id BIGINT NOT NULL REFERENCES principals(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE projects (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    owner TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE nodes (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    digest TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX nodes_digest ON nodes (digest);
CREATE INDEX nodes_kind_name ON nodes (kind, name);

CREATE TABLE datasets (
    id BIGINT PRIMARY KEY REFERENCES nodes(id),
    project_id BIGINT REFERENCES projects(id),
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    owner TEXT,
    licence TEXT,
    classification TEXT
);

CREATE TABLE dataset_versions (
    id BIGINT PRIMARY KEY REFERENCES nodes(id),
    dataset_id BIGINT NOT NULL REFERENCES datasets(id),
    version TEXT NOT NULL,
    digest TEXT,
    size BIGINT,
    schema_json TEXT,
    origin_uri TEXT,
    UNIQUE (dataset_id, version)
);

CREATE TABLE models (
    id BIGINT PRIMARY KEY REFERENCES nodes(id),
    project_id BIGINT REFERENCES projects(id),
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    owner TEXT,
    licence TEXT
);

CREATE TABLE model_versions (
    id BIGINT PRIMARY KEY REFERENCES nodes(id),
    model_id BIGINT NOT NULL REFERENCES models(id),
    version TEXT NOT NULL,
    digest TEXT,
    format TEXT,
    size BIGINT,
    uri TEXT,
    UNIQUE (model_id, version)
);

CREATE TABLE runs (
    id BIGINT PRIMARY KEY REFERENCES nodes(id),
    project_id BIGINT REFERENCES projects(id),
    name TEXT NOT NULL,
    external_id TEXT UNIQUE,
    code_commit TEXT,
    command TEXT,
    parameters_json TEXT,
    environment_json TEXT,
    status TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT
);

CREATE TABLE deployments (
    id BIGINT PRIMARY KEY REFERENCES nodes(id),
    model_version_id BIGINT NOT NULL REFERENCES model_versions(id),
    environment TEXT NOT NULL,
    endpoint TEXT,
    status TEXT NOT NULL
);

CREATE TABLE edges (
    src BIGINT NOT NULL REFERENCES nodes(id),
    dst BIGINT NOT NULL REFERENCES nodes(id),
    kind TEXT NOT NULL CHECK (kind IN ('input_to', 'produced', 'derived_from', 'deployed_as')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (src, dst, kind)
);
CREATE INDEX edges_dst ON edges (dst, src);

CREATE TABLE evidence (
    id BIGSERIAL PRIMARY KEY,
    node_id BIGINT NOT NULL REFERENCES nodes(id),
    kind TEXT NOT NULL,
    subject_digest TEXT,
    media_type TEXT NOT NULL,
    body TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX evidence_node ON evidence (node_id);

CREATE TABLE openlineage_events (
    id BIGSERIAL PRIMARY KEY,
    run_id TEXT,
    event_type TEXT,
    event_time TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
