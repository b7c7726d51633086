-- The reference question of the dossier benchmark (../shared/bench/dossiers.md) for the sqlite3 CLI, over the table
-- `dossiers` that run.sh / check_equal.sh create and fill with `.import` (timestamps as TEXT `YYYY-MM-DD HH:MM:SS`,
-- which compare like the times they denote; an empty finished_at is '' after .import).
-- Per unit and calendar month of received_at. Timeliness as in CONVENTIONS.md: on_time = finished ≤ due, early =
-- finished < due − 1 day (a subset of on_time), late = finished > due. online_full is the count; normalise.py turns it
-- into the share (percent, 3 decimals, half away from zero) identically for every engine.
SELECT unit_code AS unit,
       substr(received_at, 1, 7) AS month,
       count(*) AS total,
       sum(finished_at <> '') AS finished,
       sum(finished_at <> '' AND finished_at <= due_at) AS on_time,
       sum(finished_at <> '' AND finished_at < datetime(due_at, '-1 day')) AS early,
       sum(finished_at <> '' AND finished_at > due_at) AS late,
       sum(finished_at <> '' AND finished_at > due_at AND apology_letters = 0) AS late_without_apology,
       sum(supplement_requests >= 2) AS supplement_2plus,
       sum(channel = 'online_full') AS online_full
FROM dossiers
GROUP BY unit_code, month
ORDER BY unit_code, month;
