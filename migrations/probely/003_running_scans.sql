-- The scan of a target still going (at most one): the scheduler asks at every occurrence and the
-- lifecycle at every step. The index by target alone made that a walk over every scan the target ever
-- had (8% of a day's advance over 1,000 hourly schedules, --cpu-prof; issue 23).
CREATE INDEX probely_scans_running ON probely_scans (tenant, target_id)
  WHERE status NOT IN ('completed', 'completed_with_errors', 'failed', 'canceled');
