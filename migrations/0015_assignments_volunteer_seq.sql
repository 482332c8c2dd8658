-- Activation speed (issue 8: a call-out list of 200,000 within 2 s).
--
-- Building a list walks the scope's units through `assignments_active_by_unit` and joins each
-- active assignment to its volunteer. That took three random B-tree searches per row: the
-- assignment's table row (the index held neither the volunteer nor `end_date`), the
-- volunteers' id index (36-character text) and the volunteer's row. Measured with the sqlite3
-- shell on the mobilisation bench database: 0.65-0.75 s of the activation for the join alone.
--
-- Assignments now also name their volunteer by `seq` (the volunteers' INTEGER PRIMARY KEY,
-- stable across VACUUM), and the active-by-unit index holds it, with `end_date` (always NULL
-- there; naming it lets the join's `end_date IS NULL` be answered from the index): the walk
-- reads the index only, then finds each volunteer's row by its rowid.
--
-- The column is filled by the one insert of src/units/assignments.rs; a trigger refuses any
-- insert whose `volunteer_seq` is not its volunteer's, so a writer that forgets it fails
-- loudly instead of leaving a volunteer out of a call-out list. It is part of the history:
-- never rewritten once written.

ALTER TABLE assignments ADD COLUMN volunteer_seq INTEGER;

DROP TRIGGER assignments_history_kept;
UPDATE assignments
SET volunteer_seq = (SELECT v.seq FROM volunteers v WHERE v.id = assignments.volunteer_id);
CREATE TRIGGER assignments_history_kept BEFORE UPDATE ON assignments
WHEN OLD.end_date IS NOT NULL
    OR NEW.volunteer_id IS NOT OLD.volunteer_id OR NEW.unit_id IS NOT OLD.unit_id
    OR NEW.position IS NOT OLD.position OR NEW.start_date IS NOT OLD.start_date
    OR NEW.id IS NOT OLD.id OR NEW.volunteer_seq IS NOT OLD.volunteer_seq
BEGIN
    SELECT RAISE(ABORT, 'assignment history is never rewritten');
END;

CREATE TRIGGER assignments_volunteer_seq_checked BEFORE INSERT ON assignments
WHEN NEW.volunteer_seq IS NULL
    OR NEW.volunteer_seq IS NOT (SELECT v.seq FROM volunteers v WHERE v.id = NEW.volunteer_id)
BEGIN
    SELECT RAISE(ABORT, 'an assignment names its volunteer by id and by seq, and they agree');
END;

-- Same name and leading columns: `members_of` names it (INDEXED BY) and readiness reads it.
DROP INDEX assignments_active_by_unit;
CREATE INDEX assignments_active_by_unit ON assignments
    (unit_id, position, birth_date, qual_missing, qual_expiry, volunteer_seq, end_date)
    WHERE end_date IS NULL;
