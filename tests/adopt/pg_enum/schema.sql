-- The "before" of tests/tests/adopt_from_pg_enum.rs: a forum's PostgreSQL enum types, as
-- diesel-derive-enum maps them (`#[derive(DbEnum)] #[ExistingTypePath = "..."]`).

CREATE TYPE listing_type_enum AS ENUM ('All', 'Local', 'Subscribed', 'ModeratorView');

CREATE TYPE post_listing_mode_enum AS ENUM ('List', 'Card', 'SmallCard');

CREATE TABLE local_user (
    id integer PRIMARY KEY,
    default_listing_type listing_type_enum NOT NULL DEFAULT 'Local',
    post_listing_mode post_listing_mode_enum NOT NULL DEFAULT 'List'
);
