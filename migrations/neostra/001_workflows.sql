-- Neostra workflows: integrations' assets, scans over several integrations, users who sign in,
-- the tasks a launch cuts a scan into, and each tenant's progress settings.

ALTER TABLE neostra_integrations ADD COLUMN assets TEXT NOT NULL DEFAULT '[]'; -- JSON array of names

-- integration_id stays the first of integration_ids (PATCH's single integrationId sets both)
ALTER TABLE neostra_scans ADD COLUMN integration_ids TEXT; -- JSON array; NULL = [integration_id]
ALTER TABLE neostra_scans ADD COLUMN scan_type TEXT NOT NULL DEFAULT 'FULL';

CREATE TABLE neostra_users (
  tenant        TEXT NOT NULL, -- the tenant whose fixture brought the user
  id            TEXT NOT NULL,
  email         TEXT NOT NULL COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL, -- scrypt$N$salt$hash: the password itself is never stored
  roles         TEXT NOT NULL DEFAULT '[]', -- JSON
  tenants       TEXT NOT NULL, -- JSON: an array of {id, name, logo}, or "*"
  PRIMARY KEY (tenant, id)
);
CREATE INDEX neostra_users_by_email ON neostra_users (email);

CREATE TABLE neostra_tasks (
  tenant         TEXT NOT NULL,
  id             TEXT NOT NULL,
  scan_id        TEXT NOT NULL,
  run            INTEGER NOT NULL, -- 1 for the scan's first launch, 2 for the next, ...
  integration_id TEXT NOT NULL,
  asset          TEXT NOT NULL,
  status         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  started_at     TEXT,
  finished_at    TEXT,
  outcome        TEXT NOT NULL DEFAULT 'COMPLETED', -- how automatic progress ends it: COMPLETED or FAILED
  due_at         INTEGER, -- clock ms of its next automatic step; NULL when none is pending
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, scan_id) REFERENCES neostra_scans (tenant, id) ON DELETE CASCADE
);
CREATE INDEX neostra_tasks_by_scan ON neostra_tasks (tenant, scan_id, run);
CREATE INDEX neostra_tasks_due ON neostra_tasks (due_at) WHERE due_at IS NOT NULL;

CREATE TABLE neostra_settings (
  tenant TEXT PRIMARY KEY,
  data   TEXT NOT NULL -- JSON, the settings object of GET /__admin/neostra/settings
);

-- how many times the scan was launched, and when last (a launch over integrations without assets has no task)
ALTER TABLE neostra_scans ADD COLUMN runs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE neostra_scans ADD COLUMN last_run_at TEXT;
