-- The reference question of the dossier benchmark (../shared/bench/dossiers.md) for PostgreSQL 15, over the table of
-- schema_pg.sql (timestamp columns, NULL finished_at when unfinished). Run with parallel workers (run.sh sets
-- max_parallel_workers_per_gather = 2). Timeliness as in CONVENTIONS.md: on_time = finished ≤ due, early = finished <
-- due − 1 day (a subset of on_time), late = finished > due. online_full is the count; normalise.py computes the share.
SELECT unit_code AS unit,
       to_char(month_start, 'YYYY-MM') AS month,
       total, finished, on_time, early, late, late_without_apology, supplement_2plus, online_full
FROM (
    SELECT unit_code,
           date_trunc('month', received_at) AS month_start,
           count(*) AS total,
           count(finished_at) AS finished,
           count(*) FILTER (WHERE finished_at <= due_at) AS on_time,
           count(*) FILTER (WHERE finished_at < due_at - interval '1 day') AS early,
           count(*) FILTER (WHERE finished_at > due_at) AS late,
           count(*) FILTER (WHERE finished_at > due_at AND apology_letters = 0) AS late_without_apology,
           count(*) FILTER (WHERE supplement_requests >= 2) AS supplement_2plus,
           count(*) FILTER (WHERE channel = 'online_full') AS online_full
    FROM dossiers
    GROUP BY unit_code, date_trunc('month', received_at)
) AS g
ORDER BY unit, month;
