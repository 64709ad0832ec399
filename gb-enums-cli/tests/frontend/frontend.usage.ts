// Type-checked with the generated `enums.ts` of tests/fixtures/frontend.toml by
// tests/frontend_typescript.rs (`tsc --strict --noEmit`), then compiled and run with node: each
// `@ts-expect-error` line must be an error (tsc fails on an unused one), and every `check`
// must hold at run time.
import { Keyword, Number as NumberKind, Object as ObjectKind, Record } from "./enums";

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`failed: ${what}`);
}

// Names that are keywords are plain string literals.
const k: Keyword = "delete";
// @ts-expect-error not a name of the enum
const notAKeyword: Keyword = "var";
check(Keyword.value[k] === 1 && Keyword.value.constructor === 4, "keyword values");
check(Keyword.description.class === 'A "class" */ not the end', "quotes and */ read back");
check(Keyword.description.function === "line one\nline two\u2028three", "line separators read back");
check(Keyword.description.infinity === "bell\u0007 and \u001b escape", "control characters read back");
check(Keyword.title === "Keywords \"quoted\" */ and 'single'", "title");
check(Keyword.deprecated.undefined === "*/ use `class` */" && Keyword.deprecated.class === undefined, "deprecated");
check(Keyword.default === "class", "default");

// `serde = "value"`: the type is the numbers, negative ones included.
const r: Record = -32768;
// @ts-expect-error a number the registry does not have
const wrongNumber: Record = 1;
// @ts-expect-error a name, where the JSON form is the number
const nameForNumber: Record = "minus";
check(Record.all.join() === "-32768,-1,0,32767", "numbers in file order");
check(Record.name[r] === "minimum" && Record.name[-1] === "minus", "negative keys");
check(Record.description[32767] === "The largest SMALLINT" && Record.deprecated[32767] === "use zero", "keyed by number");
check(Record.default === -1, "default number");
check(Record.is(0) && !Record.is(1) && !Record.is("zero"), "is");

// Open, as numbers: any number is one; known ones still have names.
const n: NumberKind = 12345;
// @ts-expect-error a name, where the JSON form is the number
const nameForOpenNumber: NumberKind = "one";
check(NumberKind.name[2] === "two" && NumberKind.name[n] === undefined, "open names");
check(NumberKind.is(12345) && !NumberKind.is(40000) && !NumberKind.is(1.5) && !NumberKind.is("one"), "open is");

// Open, as names: a known name, or the number of a value the registry does not know.
const o1: ObjectKind = "to_string";
const o2: ObjectKind = 77;
// @ts-expect-error an unknown name is not a value, even of an open enum
const unknownName: ObjectKind = "toString";
check(ObjectKind.value.prototype === -5, "object value");
check(ObjectKind.description[o1] === "Not toString" && ObjectKind.description[o2] === undefined, "open labels");
check(ObjectKind.is("prototype") && ObjectKind.is(-7) && !ObjectKind.is("toString") && !ObjectKind.is("__proto__"), "open name is");

// The shadowing of `Record`, `Number` and `Object` stays inside the generated module: the
// global ones are untouched here.
const plain: globalThis.Record<string, number> = { a: 1 };
check(globalThis.Number.isInteger(plain.a) && globalThis.Object.keys(plain).length === 1, "globals");
void notAKeyword;
void wrongNumber;
void nameForNumber;
void nameForOpenNumber;
void unknownName;
console.log("frontend.usage.ts: ok");
