-- The columns of table ? in the current database, in order: name, type class, the type as
-- declared, the default (MariaDB writes it as an expression: `0`, `'x'`, `NULL`) and the
-- comment. CAST(... AS BINARY): table names compare exactly, whatever the collation.
SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, COLUMN_DEFAULT, COLUMN_COMMENT
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND CAST(TABLE_NAME AS BINARY) = CAST(? AS BINARY)
ORDER BY ORDINAL_POSITION
