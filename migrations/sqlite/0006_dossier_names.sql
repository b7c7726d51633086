-- Issue 5: names for people of the dossier dictionaries' codes (a field "dat-dai" is "Đất đai", a procedure
-- "1.001234" its title), filled by the demo and by imports whose file has name columns. NULL: show the code.
ALTER TABLE dossier_departments ADD COLUMN name TEXT;
ALTER TABLE dossier_procedures ADD COLUMN name TEXT;
ALTER TABLE dossier_fields ADD COLUMN name TEXT;
