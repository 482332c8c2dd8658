-- Placeholder (branch bulkperf only): 0011 belongs to the mobperf branch
-- (0011_callout_integer_keys.sql), not on main when bulkperf began; build.rs requires the
-- numbers without gaps. Delete this file when merging bulkperf after mobperf.
SELECT 1;
