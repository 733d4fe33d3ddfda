// Rules of the `apex-rules` step for values that differ from org to org, which Apex must look up instead of
// spelling out: `profile-by-name` (Profile names are translated for a user in another language, and some, such as
// "Minimum Access - Salesforce", do not exist in older orgs) and `hard-coded-task-status` (admins rename,
// translate and remove Task Status and Priority values; TaskPicklists reads them by what they mean). What each
// catches and does not: docs/quality-gate.md, "Apex rules".
import { idOf, nodeLine } from "./apex-ast.mjs";
import { bareName, pathType, stringLiteral, walkBodies } from "./apex-model.mjs";

const TASK_VALUE_FIELDS = new Set(["status", "priority"]);
const PROFILE_BY_NAME = [
  /\bFROM\s+Profile\b[^\]]*?\bWHERE\b[^\]]*?(?<![.\w])Name\s*(=|!=|<>|\bIN\b|\bLIKE\b)/i,
  /\bProfile\.Name\s*(=|!=|<>|\bIN\b|\bLIKE\b)/i
];
const TASK_FILTER =
  /\bFROM\s+Task\b[^\]]*?\bWHERE\b[^\]]*?(?<![.\w])(Status|Priority)\s*(=|!=|<>|\bIN\b)\s*\(?\s*'/i;

const PROFILE_MESSAGE =
  "finds a Profile by its Name, which is translated for users in other languages and differs between orgs: find it by UserType, licence and permissions (TestDataFactory)";
const taskMessage = (what) =>
  `${what}: Task statuses and priorities are the org's own values (renamed, translated, removed); read them from TaskStatus/TaskPriority by IsClosed, IsDefault, IsHighPriority (TaskPicklists)`;

export function check({ model }) {
  const findings = new Map();
  const flag = (file, line, rule, message) =>
    findings.set(`${file}:${line}:${rule}`, { file, line, rule, message });
  walkBodies(model, (node, ctx) => {
    const line = () => nodeLine(node); // only where a rule reports: it reads the whole subtree
    const taskValue = (at, what) => flag(ctx.file, at, "hard-coded-task-status", taskMessage(what));
    const queryText = node.$ === "Expr$SoqlExpr" ? node.rawQuery : stringLiteral(node);
    if (queryText && PROFILE_BY_NAME.some((re) => re.test(queryText)))
      flag(ctx.file, line(), "profile-by-name", PROFILE_MESSAGE);
    if (node.$ === "Expr$SoqlExpr" && TASK_FILTER.test(node.rawQuery))
      taskValue(line(), "a query filters Task Status or Priority by text");
    const newTask = node.$ === "NewObject$NewKeyValue" && idOf(node.type?.names?.at(-1)) === "task";
    for (const pair of newTask ? (node.keyValues ?? []) : [])
      if (TASK_VALUE_FIELDS.has(idOf(pair.name)) && textValue(pair.value, ctx) !== null)
        taskValue(pair.name.line ?? line(), `new Task(${pair.name.value} = …)`);
    const assigned = node.$ === "Expr$AssignmentExpr" && isTaskValueField(model, node.left, ctx);
    if (assigned && textValue(node.right, ctx) !== null)
      taskValue(line(), "a Task Status or Priority is assigned text");
    // an assertion's compared values: (expected, actual); a third argument is the message
    const compared = node.$ === "Expr$MethodCallExpr" ? (node.inputParameters ?? []).slice(0, 2) : [];
    const comparesText = compared.some((a) => stringLiteral(a) !== null);
    if (comparesText && compared.some((a) => isTaskValueField(model, a, ctx)) && isAssertion(node))
      taskValue(line(), "an assertion compares a Task Status or Priority with text");
  });
  return [...findings.values()];
}

/** True for `x.Status` / `x.Priority` where x is typed Task (through variables, members, casts, elements). */
function isTaskValueField(model, expr, ctx) {
  if (expr?.$ !== "Expr$VariableExpr" || !expr.names?.length) return false;
  const last = expr.names.at(-1);
  let hit = null;
  pathType(model, expr.dottedExpr, expr.names, ctx, (sobject, nameId) => {
    if (nameId === last) hit = sobject;
  });
  return hit === "task" && TASK_VALUE_FIELDS.has(idOf(last));
}

/** The text an expression stands for: a string literal, or a class constant initialised with one; else null. */
function textValue(expr, ctx) {
  if (expr?.$ === "Expr$LiteralExpr") return stringLiteral(expr);
  const name = bareName(expr);
  if (!name || (ctx.lookup?.(name) !== undefined && !ctx.cls?.fields.has(name))) return null; // a local variable
  return stringLiteral(ctx.cls?.fields.get(name)?.value);
}

/** Assert.areEqual(…), System.assertEquals(…) and their relatives. */
function isAssertion(node) {
  const ids = (node.names ?? []).map(idOf);
  return ids[0] === "assert" || (ids[0] === "system" && /^assert/.test(ids[1] ?? ""));
}
