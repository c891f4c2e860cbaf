-- The last finding id each tenant handed out: ids are never handed out twice, even after the findings with the
-- highest ids went with their target (DELETE /targets/:id/), as a real database's sequence does. No row: none yet.
CREATE TABLE probely_finding_ids (
  tenant TEXT PRIMARY KEY,
  last   INTEGER NOT NULL
);
