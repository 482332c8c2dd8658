-- Days a volunteer has declared they cannot serve (leave, illness, civilian work, other).
-- Guard rosters never put a volunteer on such a day; a mobilisation call-out lists them apart
-- with the reason instead of silently dropping them. Dates are local (UTC+5) and inclusive.

CREATE TABLE volunteer_unavailability (
    id            TEXT PRIMARY KEY,                 -- UUID v7
    volunteer_id  TEXT NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    from_date     TEXT NOT NULL,                    -- yyyy-mm-dd, first day unavailable
    to_date       TEXT NOT NULL,                    -- yyyy-mm-dd, last day unavailable
    kind          TEXT NOT NULL CHECK (kind IN ('leave', 'illness', 'work', 'other')),
    note          TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,                    -- username of the actor who declared it
    CHECK (to_date >= from_date)
) STRICT;
CREATE INDEX volunteer_unavailability_by_volunteer
    ON volunteer_unavailability (volunteer_id, from_date);
CREATE INDEX volunteer_unavailability_by_date
    ON volunteer_unavailability (from_date, to_date);
