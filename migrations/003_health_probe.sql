-- One row that /health rewrites (at most once a second) to prove the database still takes a write.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL
);
