-- The reference question of the dossier benchmark (../shared/bench/dossiers.md) for DuckDB, over `dossiers`: a view
-- on read_csv of the file ("straight from the CSV") or the table loaded from it (duckdb/peer.mjs). Timestamps are
-- TIMESTAMP, an empty finished_at is NULL. Timeliness as in CONVENTIONS.md: on_time = finished ≤ due, early =
-- finished < due − 1 day (a subset of on_time), late = finished > due. online_full is the count; normalise.py
-- computes the share.
SELECT unit_code AS unit,
       strftime(month_start, '%Y-%m') AS month,
       total, finished, on_time, early, late, late_without_apology, supplement_2plus, online_full
FROM (
    SELECT unit_code,
           date_trunc('month', received_at) AS month_start,
           count(*) AS total,
           count(finished_at) AS finished,
           count(*) FILTER (WHERE finished_at <= due_at) AS on_time,
           count(*) FILTER (WHERE finished_at < due_at - INTERVAL 1 DAY) AS early,
           count(*) FILTER (WHERE finished_at > due_at) AS late,
           count(*) FILTER (WHERE finished_at > due_at AND apology_letters = 0) AS late_without_apology,
           count(*) FILTER (WHERE supplement_requests >= 2) AS supplement_2plus,
           count(*) FILTER (WHERE channel = 'online_full') AS online_full
    FROM dossiers
    GROUP BY unit_code, date_trunc('month', received_at)
) AS g
ORDER BY unit, month
