// Type-checked with the generated `enums.ts` of the shipped schema.toml by
// tests/frontend_typescript.rs (`tsc --strict --noEmit`), then compiled and run with node: each
// `@ts-expect-error` line must be an error (tsc fails on an unused one), and every `check`
// must hold at run time.
import { ChannelType, MessageRole, TaskPriority, TaskStatus } from "./enums";

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`failed: ${what}`);
}

// The type is the JSON form: names by default.
const status: TaskStatus = "waiting_approval";
// @ts-expect-error a name the registry does not have
const wrongName: TaskStatus = "waiting";
// @ts-expect-error a number, where the JSON form is the name
const numberForName: TaskStatus = 4;
// @ts-expect-error an alias is read by serde but never written, so it is not in the type
const alias: ChannelType = "teams";

// `serde = "value"` would make it numbers; the shipped registry has none, so the name map
// converts for storage-level code.
const stored: number = TaskStatus.value[status];
check(stored === 4, "value of waiting_approval");
check(TaskStatus.name[4] === "waiting_approval", "name of 4");
check(TaskStatus.name[MessageRole.value.episodic] === undefined, "9 is not a task status");

// Every value in file order, with labels, as a select's options would list them.
const options = TaskPriority.all.map((p) => ({ value: p, label: TaskPriority.description[p] }));
check(options.length === 5 && options[4].value === "critical" && options[4].label === "Critical", "options");
check(TaskStatus.default === "pending", "default");
check(TaskStatus.title === "Task Status" && TaskStatus.key === "task_status", "title and key");
check(ChannelType.all.join() === "web,whatsapp,telegram,msteams,slack,email,sms,voice,instagram,api", "file order");

// Narrowing what an API sent.
const fromApi: unknown = JSON.parse('"running"');
if (TaskStatus.is(fromApi)) {
  const narrowed: TaskStatus = fromApi;
  check(narrowed === "running", "narrowed");
} else {
  throw new Error("running is a task status");
}
check(!TaskStatus.is("teams") && !TaskStatus.is(2) && !TaskStatus.is(null), "is rejects");
// `is` needs no `this`: it can be passed on as it is.
const received: unknown[] = ["running", "teams", 2, "failed"];
const statuses: TaskStatus[] = received.filter(TaskStatus.is);
check(statuses.join() === "running,failed", "filter(is)");

// The maps are read-only.
// @ts-expect-error the constants cannot be changed
TaskStatus.value.pending = 3;
// @ts-expect-error nor can the list of values
TaskStatus.all.push("pending");

// An exhaustive switch: adding a value to the registry makes this a compile error.
function label(p: TaskPriority): string {
  switch (p) {
    case "low":
    case "normal":
      return "routine";
    case "high":
    case "urgent":
    case "critical":
      return "attention";
    default: {
      const never: never = p;
      return never;
    }
  }
}
check(label("urgent") === "attention", "exhaustive switch");
void wrongName;
void numberForName;
void alias;
console.log("shipped.usage.ts: ok");
