-- Probely workflows: scans and their lifecycle, findings, per-tenant settings, where each schedule stands.

CREATE TABLE probely_scans (
  tenant        TEXT NOT NULL,
  id            TEXT NOT NULL,
  target_id     TEXT NOT NULL,
  status        TEXT NOT NULL,
  scan_profile  TEXT NOT NULL,
  created       TEXT NOT NULL, -- stored form, YYYY-MM-DDTHH:MM:SS.ffffffZ, on the tenant's clock
  started       TEXT,
  completed     TEXT,
  changed       TEXT NOT NULL,
  changed_by    TEXT NOT NULL, -- JSON {id, email, name}
  due_at        INTEGER,       -- clock time (ms) of the next lifecycle step; null once final
  run_left_ms   INTEGER NOT NULL, -- running time still to go (kept while paused)
  outcome       TEXT,          -- the final status chosen for this scan (finishScan); null: the settings decide
  lows          INTEGER NOT NULL DEFAULT 0,
  mediums       INTEGER NOT NULL DEFAULT 0,
  highs         INTEGER NOT NULL DEFAULT 0,
  options       TEXT NOT NULL, -- JSON: the scan's own flags (incremental, reduced_scope, user_data, ...)
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, target_id) REFERENCES probely_targets (tenant, id) ON DELETE CASCADE
);
CREATE INDEX probely_scans_by_target ON probely_scans (tenant, target_id);
CREATE INDEX probely_scans_pending ON probely_scans (tenant, due_at) WHERE due_at IS NOT NULL;

-- What a completed scan of a target finds (from the fixture), in order.
CREATE TABLE probely_finding_templates (
  tenant    TEXT NOT NULL,
  target_id TEXT NOT NULL,
  position  INTEGER NOT NULL,
  data      TEXT NOT NULL, -- JSON, the template as the fixture gives it
  PRIMARY KEY (tenant, target_id, position),
  FOREIGN KEY (tenant, target_id) REFERENCES probely_targets (tenant, id) ON DELETE CASCADE
);

-- Findings: one per template and target, found again by later scans (their ids appended to `scans`).
CREATE TABLE probely_findings (
  tenant      TEXT NOT NULL,
  id          INTEGER NOT NULL,
  target_id   TEXT NOT NULL,
  template    INTEGER NOT NULL,
  severity    INTEGER NOT NULL,
  state       TEXT NOT NULL,
  scans       TEXT NOT NULL, -- JSON array of scan ids, oldest first
  first_found TEXT NOT NULL,
  last_found  TEXT NOT NULL,
  changed     TEXT NOT NULL,
  PRIMARY KEY (tenant, id),
  UNIQUE (tenant, target_id, template),
  FOREIGN KEY (tenant, target_id) REFERENCES probely_targets (tenant, id) ON DELETE CASCADE
);

-- Durations and outcomes per tenant (JSON); no row: the defaults.
CREATE TABLE probely_settings (
  tenant TEXT PRIMARY KEY,
  data   TEXT NOT NULL
);

-- Where each scheduled scan stands: occurrences are counted from `anchor` (the date_time the client wrote);
-- `seen` is the date_time last written by the scheduler (a different one means the client moved it);
-- `next_at` the occurrence it fires at next, null once a one-off has fired or passed.
CREATE TABLE probely_schedule_state (
  tenant      TEXT NOT NULL,
  schedule_id TEXT NOT NULL,
  anchor      TEXT NOT NULL,
  seen        TEXT NOT NULL,
  next_at     TEXT,
  PRIMARY KEY (tenant, schedule_id),
  FOREIGN KEY (tenant, schedule_id) REFERENCES probely_scheduled_scans (tenant, id) ON DELETE CASCADE
);
