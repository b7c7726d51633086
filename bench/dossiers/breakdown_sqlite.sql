-- The ad-hoc breakdown of the dossier benchmark (issue 5 §8): field × procedure over the dossiers of one district,
-- the same measures as reference_sqlite.sql. run.sh and check_equal.sh define the district as a temporary table
-- `district(unit_code)` before reading this file.
SELECT field_code AS field,
       procedure_code AS procedure,
       count(*) AS total,
       sum(finished_at <> '') AS finished,
       sum(finished_at <> '' AND finished_at <= due_at) AS on_time,
       sum(finished_at <> '' AND finished_at < datetime(due_at, '-1 day')) AS early,
       sum(finished_at <> '' AND finished_at > due_at) AS late,
       sum(finished_at <> '' AND finished_at > due_at AND apology_letters = 0) AS late_without_apology,
       sum(supplement_requests >= 2) AS supplement_2plus,
       sum(channel = 'online_full') AS online_full
FROM dossiers
WHERE unit_code IN (SELECT unit_code FROM district)
GROUP BY field_code, procedure_code
ORDER BY field_code, procedure_code;
