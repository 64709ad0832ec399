//! `gb-enums audit`: the registry compared with a live database, read-only.
