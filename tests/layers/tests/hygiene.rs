//! The sqlx and SeaORM expansions compile where a user's items shadow every name they could
//! use (the same idea as `tests/tests/hygiene.rs`, whose crate builds without these
//! features), deprecated variants and open enums included, without a warning.
#![deny(warnings)]
#![allow(dead_code, non_camel_case_types, unused_macros)]

mod shadowed {
    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct From;
    struct Into;
    struct String;
    struct Vec;
    struct Box;
    struct Arc;
    struct Iterator;
    struct GbEnum;
    struct i16;
    struct i32;
    struct i64;
    struct str;
    struct bool;
    struct usize;
    mod core {}
    mod std {}
    mod alloc {}
    mod gb_enums {}
    mod sqlx {}
    mod sea_orm {}
    mod sea_query {}

    ::gb_enums::registry!("../fixtures/features.toml");

    #[test]
    fn the_expansions_are_sqlx_and_sea_orm_types() {
        fn sqlx_type<T: ::sqlx::Type<::sqlx::Postgres> + ::sqlx::postgres::PgHasArrayType>() {}
        fn sea_orm_type<T: ::sea_orm::ActiveEnum + ::sea_orm::TryGetable>() {}
        sqlx_type::<Level>();
        sqlx_type::<Signal>();
        sea_orm_type::<Level>();
        sea_orm_type::<Signal>();
        ::core::assert_eq!(
            <Level as ::sea_orm::ActiveEnum>::to_value(&Level::Floor),
            -32768
        );
    }
}
