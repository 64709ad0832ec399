// A column of SQL type `Enum<TaskStatus>` accepts `TaskStatus` only; a plain `SmallInt`
// column still accepts any registry enum.
gb_enums::registry!("ui/diesel/schema.toml");

diesel::table! {
    use diesel::sql_types::*;
    use gb_enums::diesel::Enum;
    use super::{TaskPriority, TaskStatus};

    auto_tasks (id) {
        id -> Integer,
        status -> Enum<TaskStatus>,
        priority -> Nullable<Enum<TaskPriority>>,
        legacy -> SmallInt,
    }
}

fn main() {
    use diesel::ExpressionMethods;
    let _ = auto_tasks::status.eq(TaskStatus::Running);
    let _ = auto_tasks::priority.eq(Some(TaskPriority::High));
    let _ = auto_tasks::legacy.eq(TaskPriority::High);

    let _ = auto_tasks::status.eq(TaskPriority::High);
    let _ = auto_tasks::priority.eq(TaskStatus::Running);
    let _ = auto_tasks::status.eq_any([TaskPriority::High]);
    let _ = auto_tasks::status.eq(2i16);
}
