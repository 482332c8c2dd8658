-- Soft-preference weights per region (issue 7: "editable per region, versioned like the
-- limits"). A version naming a region applies there and takes precedence over the national
-- versions; rows without a region (all rows before this migration) stay national, the fallback
-- of every region that has no version of its own in force.
ALTER TABLE roster_weights ADD COLUMN region_id TEXT REFERENCES regions (id);
CREATE INDEX roster_weights_by_region ON roster_weights (region_id, effective_date);
