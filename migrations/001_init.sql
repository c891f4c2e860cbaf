-- Tenants that have been given their copy of the fixture.
CREATE TABLE tenants (
  name       TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);

CREATE TABLE neostra_integrations (
  tenant TEXT NOT NULL,
  id     TEXT NOT NULL,
  name   TEXT NOT NULL,
  type   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (tenant, id)
);

CREATE TABLE neostra_scans (
  tenant         TEXT NOT NULL,
  id             TEXT NOT NULL,
  name           TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  integration_id TEXT NOT NULL,
  schedule       TEXT,
  config         TEXT NOT NULL DEFAULT '{}',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, integration_id) REFERENCES neostra_integrations (tenant, id)
);

CREATE TABLE probely_scan_profiles (
  tenant TEXT NOT NULL,
  id     TEXT NOT NULL,
  data   TEXT NOT NULL, -- the profile as the API returns it, JSON
  PRIMARY KEY (tenant, id)
);

CREATE TABLE probely_targets (
  tenant TEXT NOT NULL,
  id     TEXT NOT NULL,
  data   TEXT NOT NULL, -- the target as the API returns it (without next_scan), JSON
  PRIMARY KEY (tenant, id)
);

CREATE TABLE probely_scheduled_scans (
  tenant                   TEXT NOT NULL,
  id                       TEXT NOT NULL,
  target_id                TEXT NOT NULL,
  date_time                TEXT NOT NULL, -- UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ, so text order is time order
  recurrence               TEXT NOT NULL DEFAULT '',
  timezone                 TEXT NOT NULL DEFAULT 'UTC',
  run_on_day_of_week       INTEGER NOT NULL DEFAULT 0,
  scheduled_day_of_week    INTEGER,
  week_index               TEXT,
  partial_scan             INTEGER NOT NULL DEFAULT 0,
  override_target_settings INTEGER NOT NULL DEFAULT 0,
  incremental              INTEGER NOT NULL DEFAULT 0,
  reduced_scope            INTEGER NOT NULL DEFAULT 0,
  scan_profile             TEXT,
  unlimited                TEXT NOT NULL DEFAULT '',
  blackout_period          TEXT NOT NULL, -- JSON
  changed                  TEXT NOT NULL,
  changed_by               TEXT NOT NULL, -- JSON {id, email, name}
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, target_id) REFERENCES probely_targets (tenant, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant, scan_profile) REFERENCES probely_scan_profiles (tenant, id)
);

CREATE INDEX probely_scheduled_scans_by_target ON probely_scheduled_scans (tenant, target_id, date_time);
