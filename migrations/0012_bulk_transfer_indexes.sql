-- Unit bulk transfer speed (issue 4: 10,000 rows within 2 s at 1,000,000 volunteers).
--
-- `assignments_by_unit` (migration 0010) serves one query: a unit's history, which reads every
-- row of the unit, ended or not (`INDEXED BY` in src/units/history.rs). Its second column,
-- `end_date`, made every ended assignment move its entry (one delete, one insert in another
-- leaf) and let the planner take it, instead of the partial `assignments_active_by_unit`, for
-- a unit's active members (a tie in the estimates, decided by index size), so the member list
-- changed plans with the statistics. Keyed by the unit alone, ending an assignment leaves it
-- untouched and the active-member queries have one best index.
DROP INDEX assignments_by_unit;
CREATE INDEX assignments_by_unit ON assignments (unit_id);
