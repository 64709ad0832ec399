# The `sqlite3` shell, through which sql_apply_sqlite runs the SQLite output (the shell reads
# its input line by line, unlike the library), and the `mariadb` client, through which
# sql_apply_mysql runs the MySQL output.
need_debs sqlite3 mariadb-client
