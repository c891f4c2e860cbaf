-- the scan list's default order (createdAt): a page of 20 out of 100,000 scans read from the index,
-- not sorted whole on every request
CREATE INDEX neostra_scans_by_created ON neostra_scans (tenant, created_at);
