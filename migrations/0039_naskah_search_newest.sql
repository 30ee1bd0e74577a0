-- Why: E-Surat search finds a common word's newest matches by walking the naskah newest first and stopping at a
-- page (search-repo.ts; bench/naskah-search.ts measured the city admin's "rapat" at 345 ms p95 when every match
-- was gathered and sorted). A viewer with a few units walks them unit by unit, a wide scope (the city admin, a
-- head of many units) the whole city, the units as a filter. Both orders end in the id, the tie-break of every
-- list of naskah (many are registered in the same second), so the walk needs no sort; the plain newest-first
-- lists use them too. naskah_unit_created (0026, without the id) is left: the likely-duplicate and agenda
-- queries do not mind.
create index naskah_unit_newest on naskah (unit_id, created_at desc, id desc);
create index naskah_created on naskah (created_at desc, id desc);
