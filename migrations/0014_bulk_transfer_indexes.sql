-- Unit bulk transfer speed (issue 4: 10,000 rows within 2 s at 1,000,000 volunteers).
--
-- `assignments_by_unit (unit_id, end_date)` (migration 0010) served one query, a unit's
-- history, which reads every row of the unit. Its `end_date` column cost every move three
-- entry writes (the new row's entry; the ended row's entry deleted and inserted again under
-- its end date), and SQLite 3.40's planner took it over `assignments_active_by_unit` for every
-- "active members of a unit" query, with or without ANALYZE statistics (EXPLAIN QUERY PLAN).
--
-- Replaced by an index of ended rows only: ending an assignment adds one entry, starting one
-- adds none, and since its condition excludes active rows, no query for a unit's active members
-- can choose it. The history reads active rows from `assignments_active_by_unit` and ended
-- ones from here (src/units/history.rs).
DROP INDEX assignments_by_unit;
CREATE INDEX assignments_ended_by_unit ON assignments (unit_id) WHERE end_date IS NOT NULL;
