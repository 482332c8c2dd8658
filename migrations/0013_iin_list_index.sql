-- The IIN prefix search reads its page from one index. Before, each of the 50 rows of a page
-- was a separate read of the volunteers table (rows lie in registration order, not IIN order):
-- with the file out of the OS page cache (first use after a reboot) that was 50 random disk
-- reads, p99 18.6-22.9 ms at 1,000,000 volunteers against a 5 ms target (BENCHMARKS.md,
-- issue 3). This index holds every column of a list row (search.rs ROW_COLUMNS) and the scope
-- columns the count filters on, in IIN order: a page is a few adjacent leaf pages.
CREATE INDEX volunteers_by_iin_row ON volunteers
    (iin, region_id, district_id, id, surname, given_name, patronymic, birth_date, sex, status,
     eligible, review_flag, created_at);
