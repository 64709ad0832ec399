//! The shipped enums as gb-enums generates them.
#![allow(missing_docs)]

gb_enums::registry!("../schema.toml");
