//! One interface over the three implementations, so that every benchmark runs the same
//! code on the same inputs for each; every method forwards to the implementation's own
//! conversion and is `#[inline]`, so the wrapper itself costs nothing.

use core::fmt::{Debug, Display};

/// The operations measured, as each implementation provides them.
pub trait Ops:
    Copy + Debug + Display + serde::Serialize + serde::de::DeserializeOwned + 'static
{
    /// The registry key, to pair the type with its inputs.
    const KEY: &'static str;
    /// What a failed `from_value` returns.
    type ValueErr: Debug;
    /// What a failed `from_name` returns.
    type NameErr: Debug;
    /// The variant stored as `value`.
    fn from_value(value: i16) -> Result<Self, Self::ValueErr>;
    /// The variant named or aliased `name`.
    fn from_name(name: &str) -> Result<Self, Self::NameErr>;
    /// The registry name.
    fn name(self) -> &'static str;
}

/// Calls `$callback!(Type key, ...)` with the 12 shipped enums in registry order.
#[macro_export]
macro_rules! shipped_enums {
    ($callback:ident ! ($($args:tt)*)) => {
        $callback! {
            $($args)*
            ChannelType channel_type, MessageRole message_role, MessageType message_type,
            LlmProvider llm_provider, TaskStatus task_status, TaskPriority task_priority,
            ExecutionMode execution_mode, RiskLevel risk_level, ApprovalStatus approval_status,
            IntentType intent_type, MemoryType memory_type, SyncStatus sync_status
        }
    };
}

macro_rules! impl_gb {
    ($($ty:ident $key:ident),*) => {$(
        impl Ops for crate::gb::$ty {
            const KEY: &'static str = stringify!($key);
            type ValueErr = gb_enums::UnknownValue<Self>;
            type NameErr = gb_enums::UnknownName<Self>;
            #[inline]
            fn from_value(value: i16) -> Result<Self, Self::ValueErr> {
                crate::gb::$ty::from_value(value)
            }
            #[inline]
            fn from_name(name: &str) -> Result<Self, Self::NameErr> {
                name.parse()
            }
            #[inline]
            fn name(self) -> &'static str {
                crate::gb::$ty::name(self)
            }
        }
    )*};
}

macro_rules! impl_hand {
    ($($ty:ident $key:ident),*) => {$(
        impl Ops for crate::hand::$ty {
            const KEY: &'static str = stringify!($key);
            type ValueErr = crate::hand::UnknownValue;
            type NameErr = crate::hand::UnknownName;
            #[inline]
            fn from_value(value: i16) -> Result<Self, Self::ValueErr> {
                crate::hand::$ty::from_i16(value)
            }
            #[inline]
            fn from_name(name: &str) -> Result<Self, Self::NameErr> {
                name.parse()
            }
            #[inline]
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    )*};
}

macro_rules! impl_stack {
    ($($ty:ident $key:ident),*) => {$(
        impl Ops for crate::stack::$ty {
            const KEY: &'static str = stringify!($key);
            type ValueErr = num_enum::TryFromPrimitiveError<crate::stack::$ty>;
            type NameErr = strum::ParseError;
            #[inline]
            fn from_value(value: i16) -> Result<Self, Self::ValueErr> {
                <crate::stack::$ty as num_enum::TryFromPrimitive>::try_from_primitive(value)
            }
            #[inline]
            fn from_name(name: &str) -> Result<Self, Self::NameErr> {
                name.parse()
            }
            #[inline]
            fn name(self) -> &'static str {
                self.into()
            }
        }
    )*};
}

shipped_enums!(impl_gb!());
shipped_enums!(impl_hand!());
shipped_enums!(impl_stack!());

macro_rules! records {
    ($($ty:ident $key:ident),*) => {
        /// A record with one field of each shipped enum, for the serde_json round trip.
        pub trait Record: serde::Serialize + serde::de::DeserializeOwned + PartialEq + Debug {
            /// The record whose fields are these values, in registry order.
            fn from_values(values: &[i16; 12]) -> Self;
        }
        records!(@one Gb gb $($ty $key),*);
        records!(@one Hand hand $($ty $key),*);
        records!(@one Stack stack $($ty $key),*);
    };
    (@one $name:ident $m:ident $($ty:ident $key:ident),*) => {
        /// A record of this implementation's enums.
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[allow(missing_docs)]
        pub struct $name {
            $(pub $key: crate::$m::$ty,)*
        }

        impl Record for $name {
            fn from_values(values: &[i16; 12]) -> Self {
                let mut values = values.iter();
                $name {
                    $($key: Ops::from_value(*values.next().unwrap_or(&0)).expect("a registry value"),)*
                }
            }
        }
    };
}

shipped_enums!(records!());
