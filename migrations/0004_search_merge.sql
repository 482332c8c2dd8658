-- Saves never pay for merging the name indexes' segments.
--
-- FTS5's automatic merge does its work inside the saving transaction: every 64 leaf pages
-- written it merges 64 x (number of levels) pages. With a volunteer's entry written to two
-- indexes, every 64th registration at 1,000,000 volunteers took 25-40 ms instead of 1 ms
-- (measured: 1,000 back-to-back registrations without the background checkpointer, max 35.6 ms
-- every 64th save before, max 2.5 ms after). With automerge off, a save only writes its own
-- small segment; FTS5's crisis merge (16 segments on one level) still bounds the number of
-- segments a search reads.

INSERT INTO volunteer_search (volunteer_search, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_10 (volunteer_search_kz_10, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_11 (volunteer_search_kz_11, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_15 (volunteer_search_kz_15, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_19 (volunteer_search_kz_19, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_23 (volunteer_search_kz_23, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_27 (volunteer_search_kz_27, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_31 (volunteer_search_kz_31, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_33 (volunteer_search_kz_33, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_35 (volunteer_search_kz_35, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_39 (volunteer_search_kz_39, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_43 (volunteer_search_kz_43, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_47 (volunteer_search_kz_47, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_55 (volunteer_search_kz_55, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_59 (volunteer_search_kz_59, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_61 (volunteer_search_kz_61, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_62 (volunteer_search_kz_62, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_63 (volunteer_search_kz_63, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_71 (volunteer_search_kz_71, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_75 (volunteer_search_kz_75, rank) VALUES ('automerge', 0);
INSERT INTO volunteer_search_kz_79 (volunteer_search_kz_79, rank) VALUES ('automerge', 0);
