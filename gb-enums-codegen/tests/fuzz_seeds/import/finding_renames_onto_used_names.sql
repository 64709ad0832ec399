CREATE TABLE t (a text CHECK (a IN ('x', 'y')), b text CHECK (b IN ('p', 'q')));
ALTER TABLE t RENAME COLUMN a TO c;
ALTER TABLE t RENAME COLUMN c TO b;
ALTER TABLE t ADD CONSTRAINT again CHECK (b IN ('x', 'y'));
CREATE TABLE u (b text CHECK (b IN ('p', 'q')));
ALTER TABLE u RENAME TO t;
