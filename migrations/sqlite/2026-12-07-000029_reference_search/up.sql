-- PostgreSQL gets a trigram index for the search by part of a reference; SQLite, the
-- zero-setup default for small fleets, scans (it has no such index).
SELECT 1;
