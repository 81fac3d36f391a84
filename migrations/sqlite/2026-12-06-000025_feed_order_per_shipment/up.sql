-- Nothing on SQLite: one writer, so insertion order is commit order (see the PostgreSQL twin).
SELECT 1;
