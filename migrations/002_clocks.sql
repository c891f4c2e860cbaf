-- Each tenant's clock, when a test has frozen, set or advanced it (no row: real time).
-- real: the clock reads real time plus offset_ms; frozen: it reads frozen_at (ms since the epoch).
CREATE TABLE clocks (
  tenant    TEXT PRIMARY KEY,
  mode      TEXT NOT NULL CHECK (mode IN ('real', 'frozen')),
  frozen_at INTEGER,
  offset_ms INTEGER NOT NULL DEFAULT 0
);
