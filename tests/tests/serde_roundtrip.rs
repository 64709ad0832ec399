//! serde through serde_json: every variant and alias of the shipped registry round-trips by
//! name, `serde = "value"` enums by number, open enums keep unknown numbers, and every
//! rejected input is an error that names the enum and the input.

use std::path::Path;

use gb_enums::GbEnum;
use gb_enums_codegen::{EnumDef, Registry};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The shipped registry, generated.
mod shipped {
    gb_enums::registry!("../schema.toml");
}

/// Open and `serde = "value"` enums, generated.
mod jobs {
    gb_enums::registry!("registries/open.toml");
}

/// The same entries written by hand and checked by the derive.
mod derived {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "../schema.toml")]
    pub enum ChannelType {
        Web,
        Whatsapp,
        Telegram,
        Msteams,
        Slack,
        Email,
        Sms,
        Voice,
        Instagram,
        Api,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "registries/open.toml")]
    pub enum JobState {
        Queued,
        Running,
        Done,
        #[gb_enum(other)]
        Unknown(i16),
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "registries/open.toml")]
    pub enum JobKind {
        Legacy,
        Batch,
        Stream,
    }
}

use jobs::{JobFlag, JobKind, JobState};
use shipped::*;

fn load(relative: &str) -> Registry {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = gb_enums_codegen::load_file(&base.join(relative), base);
    assert!(
        loaded.diagnostics.0.is_empty(),
        "{relative}: {:?}",
        loaded.diagnostics
    );
    loaded.registry.expect("the registry parses")
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serializes")
}

fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// Every variant of `def` serializes as its name and reads back from its name and each alias;
/// returns how many inputs were checked.
fn check_by_name<E>(def: &EnumDef) -> usize
where
    E: GbEnum + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned,
{
    assert_eq!(E::KEY, def.key.value);
    assert_eq!(E::ALL.len(), def.variants.len(), "{}", E::KEY);
    let mut checked = 0;
    for (e, v) in E::ALL.iter().zip(&def.variants) {
        assert_eq!(e.value(), v.value.value, "{} is in registry order", E::KEY);
        let json = to_json(e);
        assert_eq!(json, format!("\"{}\"", v.name.value));
        assert_eq!(from_json::<E>(&json), Ok(*e));
        checked += 1;
        for alias in &v.aliases {
            let json = to_json(&alias.value);
            assert_eq!(from_json::<E>(&json), Ok(*e), "alias {json} of {}", E::KEY);
            checked += 1;
        }
        // A closed enum stored by name does not take numbers: they would be ambiguous
        // with a `serde = "value"` field and are most likely a bug in the writer.
        let number = e.value().to_string();
        let err = from_json::<E>(&number).unwrap_err();
        assert_eq!(
            err,
            format!(
                "invalid type: integer `{number}`, expected a {} name at line 1 column {}",
                E::KEY,
                number.len()
            )
        );
    }
    checked
}

#[test]
fn every_variant_and_alias_of_the_shipped_registry_round_trips_by_name() {
    let registry = load("../schema.toml");
    let mut checked = 0;
    for def in &registry.enums {
        checked += match def.key.value.as_str() {
            "channel_type" => check_by_name::<ChannelType>(def),
            "message_role" => check_by_name::<MessageRole>(def),
            "message_type" => check_by_name::<MessageType>(def),
            "llm_provider" => check_by_name::<LlmProvider>(def),
            "task_status" => check_by_name::<TaskStatus>(def),
            "task_priority" => check_by_name::<TaskPriority>(def),
            "execution_mode" => check_by_name::<ExecutionMode>(def),
            "risk_level" => check_by_name::<RiskLevel>(def),
            "approval_status" => check_by_name::<ApprovalStatus>(def),
            "intent_type" => check_by_name::<IntentType>(def),
            "memory_type" => check_by_name::<MemoryType>(def),
            "sync_status" => check_by_name::<SyncStatus>(def),
            other => panic!("enum {other} of schema.toml is not covered by this test"),
        };
    }
    let variants: usize = registry.enums.iter().map(|d| d.variants.len()).sum();
    let aliases: usize = registry
        .enums
        .iter()
        .flat_map(|d| &d.variants)
        .map(|v| v.aliases.len())
        .sum();
    assert_eq!(registry.enums.len(), 12);
    assert!(
        aliases >= 3,
        "the shipped registry has the aliases teams, whats_app and APP_CREATE"
    );
    assert_eq!(checked, variants + aliases);
}

#[test]
fn derived_enums_serialize_like_generated_ones() {
    let registry = load("../schema.toml");
    let def = registry
        .enums
        .iter()
        .find(|d| d.key.value == "channel_type")
        .unwrap();
    check_by_name::<derived::ChannelType>(def);
    assert_eq!(
        from_json::<derived::ChannelType>(r#""teams""#),
        Ok(derived::ChannelType::Msteams)
    );

    assert_eq!(to_json(&derived::JobKind::Stream), "300");
    assert_eq!(
        from_json::<derived::JobKind>(r#""LEGACY""#),
        Ok(derived::JobKind::Legacy)
    );
    assert_eq!(to_json(&derived::JobState::Unknown(42)), "42");
    assert_eq!(
        from_json::<derived::JobState>("42"),
        Ok(derived::JobState::Unknown(42))
    );
    assert_eq!(
        from_json::<derived::JobState>(r#""finished""#),
        Ok(derived::JobState::Done)
    );
}

const CHANNEL_NAMES: &str = "`web`, `whatsapp`, `telegram`, `msteams`, `slack`, `email`, `sms`, `voice`, `instagram`, `api`";
const INTENT_NAMES: &str =
    "`unknown`, `app_create`, `todo`, `monitor`, `action`, `schedule`, `goal`, `tool`, `query`";

#[test]
fn unknown_names_are_errors_naming_the_enum_and_the_input() {
    assert_eq!(
        from_json::<ChannelType>(r#""fax""#),
        Err(format!(
            "unknown channel_type name `fax`, expected one of {CHANNEL_NAMES} at line 1 column 5"
        ))
    );
    // Case matters: only the listed spellings are accepted.
    assert_eq!(
        from_json::<IntentType>(r#""App_Create""#),
        Err(format!(
            "unknown intent_type name `App_Create`, expected one of {INTENT_NAMES} at line 1 column 12"
        ))
    );
    assert_eq!(
        from_json::<IntentType>(r#""APP_CREATE""#),
        Ok(IntentType::AppCreate)
    );
    assert_eq!(
        from_json::<TaskStatus>(r#"{"status": "running"}"#),
        Err("invalid type: map, expected a task_status name at line 1 column 0".to_owned())
    );
    assert_eq!(
        from_json::<TaskStatus>("null").unwrap_err(),
        "invalid type: null, expected a task_status name at line 1 column 4"
    );
}

#[test]
fn value_mode_serializes_numbers_and_reads_numbers_names_and_aliases() {
    for (kind, number) in [
        (JobKind::Legacy, -1),
        (JobKind::Batch, 1),
        (JobKind::Stream, 300),
    ] {
        assert_eq!(to_json(&kind), number.to_string());
        assert_eq!(from_json::<JobKind>(&number.to_string()), Ok(kind));
        assert_eq!(
            from_json::<JobKind>(&format!("\"{}\"", kind.name())),
            Ok(kind)
        );
    }
    assert_eq!(from_json::<JobKind>(r#""LEGACY""#), Ok(JobKind::Legacy));
    assert_eq!(
        from_json::<Vec<JobKind>>("[300, -1]"),
        Ok(vec![JobKind::Stream, JobKind::Legacy])
    );
}

#[test]
fn value_mode_rejects_unknown_and_out_of_range_numbers_naming_them() {
    assert_eq!(
        from_json::<JobKind>("2"),
        Err("unknown job_kind value 2 at line 1 column 1".to_owned())
    );
    assert_eq!(
        from_json::<JobKind>("-7"),
        Err("unknown job_kind value -7 at line 1 column 2".to_owned())
    );
    assert_eq!(
        from_json::<JobKind>("70000"),
        Err("unknown job_kind value 70000 at line 1 column 5".to_owned())
    );
    assert_eq!(
        from_json::<JobKind>("18446744073709551615"),
        Err("unknown job_kind value 9223372036854775807 at line 1 column 20".to_owned())
    );
    assert_eq!(
        from_json::<JobKind>(r#""streaming""#),
        Err("unknown job_kind name `streaming`, expected one of `legacy`, `batch`, `stream` at line 1 column 11".to_owned())
    );
    assert_eq!(
        from_json::<JobKind>("1.5"),
        Err("invalid type: floating point `1.5`, expected a job_kind name or value at line 1 column 3".to_owned())
    );
}

#[test]
fn open_enums_keep_unknown_numbers_across_a_round_trip() {
    // Name mode: known values by name, unknown ones as their number.
    assert_eq!(to_json(&JobState::Running), r#""running""#);
    assert_eq!(to_json(&JobState::Unknown(9)), "9");
    assert_eq!(from_json::<JobState>("9"), Ok(JobState::Unknown(9)));
    assert_eq!(from_json::<JobState>("-300"), Ok(JobState::Unknown(-300)));
    // A number written by a build that did not know it yet reads as the variant.
    assert_eq!(from_json::<JobState>("2"), Ok(JobState::Done));
    assert_eq!(from_json::<JobState>(r#""finished""#), Ok(JobState::Done));
    // The Display form of the catch-all reads back too.
    assert_eq!(
        from_json::<JobState>(r#""unknown(9)""#),
        Ok(JobState::Unknown(9))
    );
    let all = [
        JobState::Queued,
        JobState::Unknown(7),
        JobState::Done,
        JobState::Unknown(i16::MIN),
    ];
    let json = to_json(&all);
    assert_eq!(json, r#"["queued",7,"done",-32768]"#);
    assert_eq!(from_json::<Vec<JobState>>(&json), Ok(all.to_vec()));

    // Names are still checked, and numbers must fit the stored SMALLINT.
    assert_eq!(
        from_json::<JobState>(r#""paused""#),
        Err("unknown job_state name `paused`, expected one of `queued`, `running`, `done` at line 1 column 8".to_owned())
    );
    assert_eq!(
        from_json::<JobState>("40000"),
        Err("unknown job_state value 40000 at line 1 column 5".to_owned())
    );

    // Value mode.
    assert_eq!(to_json(&JobFlag::Urgent), "1");
    assert_eq!(to_json(&JobFlag::Unknown(12)), "12");
    assert_eq!(from_json::<JobFlag>("12"), Ok(JobFlag::Unknown(12)));
    assert_eq!(from_json::<JobFlag>(r#""plain""#), Ok(JobFlag::Plain));
}

#[test]
fn the_with_attribute_picks_the_form_per_field() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Row {
        status: TaskStatus,
        #[serde(with = "gb_enums::serde::value")]
        priority: TaskPriority,
        #[serde(with = "gb_enums::serde::name")]
        kind: JobKind,
    }
    let row = Row {
        status: TaskStatus::Paused,
        priority: TaskPriority::Critical,
        kind: JobKind::Stream,
    };
    let json = to_json(&row);
    assert_eq!(json, r#"{"status":"paused","priority":4,"kind":"stream"}"#);
    assert_eq!(from_json::<Row>(&json), Ok(row));
    assert_eq!(
        from_json::<Row>(r#"{"status":"paused","priority":9,"kind":"stream"}"#),
        Err("unknown task_priority value 9 at line 1 column 31".to_owned())
    );
}
