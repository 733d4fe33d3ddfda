// `trigger-bypass` (step apex-rules; its findings: docs/quality-gate.md, "Apex rules"): every record trigger of the
// package can be switched off by an admin for a data load (docs/admin.md, "Switching the triggers off for a data
// load"). TriggerBypass is the one decision; a new trigger that never asks it could not be switched off, and one on
// an object TriggerBypass does not know would throw on every save of that object.
import { idOf, nodeLine } from "./apex-ast.mjs";
import { staticCall, walkBodies } from "./apex-model.mjs";
import { customMetadataFiles } from "./sobject-model.mjs";

const RULE = "trigger-bypass";
const DECIDER = "triggerbypass";
const ASK = `${DECIDER}#isbypassed`;
const EXEMPT = /__(e|changeevent)$/;

/** "class#method" of a static call such as PhoneKeyMaintainer.onSave(…), or null. */
const callKey = (node) => {
  const name = staticCall(node);
  return name?.includes(".") ? name.replace(/\.(?=[^.]*$)/, "#") : null;
};

export function check({ model, packageDirs }) {
  const decider = model.classes.get(DECIDER);
  if (!decider) return [];
  const asking = new Set(); // "class#method" bodies that ask, and "trigger:<name>" triggers that ask themselves
  const calls = new Map(); // trigger name -> "class#method" it calls
  walkBodies(model, (node, ctx) => {
    const key = callKey(node);
    if (!key) return;
    if (ctx.trigger) {
      if (key === ASK) asking.add(`trigger:${ctx.trigger.name}`);
      else calls.set(ctx.trigger.name, [...(calls.get(ctx.trigger.name) ?? []), key]);
    } else if (key === ASK && ctx.method) asking.add(`${ctx.cls.qualified}#${ctx.method.name}`);
  });
  // RECORD_NAMES entries: `<Object>.SObjectType => '<Record>'` (or Schema.<Object>.SObjectType)
  const recordNames = new Map();
  for (const { key, value } of decider.fields.get("record_names")?.value?.creator?.pairs ?? []) {
    const [object, token] = (key?.names ?? []).map(idOf).slice(-2);
    if (token === "sobjecttype" && typeof value?.literal === "string")
      recordNames.set(object, { record: value.literal, line: nodeLine(key) });
  }
  const findings = [];
  const finding = (file, line, message) => findings.push({ file, line, rule: RULE, message });
  for (const trigger of model.triggers.filter((t) => !EXEMPT.test(t.object))) {
    const entries = calls.get(trigger.name) ?? [];
    const asks =
      asking.has(`trigger:${trigger.name}`) || (entries.length && entries.every((e) => asking.has(e)));
    const never = `trigger ${trigger.display} never asks TriggerBypass.isBypassed, so an admin cannot switch it off for a data load: return first from its entry method when TriggerBypass.isBypassed(<object>.SObjectType) (docs/admin.md)`;
    if (!asks) finding(trigger.file, trigger.line, never);
    const unknown = `${trigger.target} has no entry in TriggerBypass.RECORD_NAMES, so TriggerBypass.isBypassed throws on its saves: add it, and ship its Trigger_Bypass record`;
    if (!recordNames.has(trigger.object)) finding(trigger.file, trigger.line, unknown);
  }
  const shipped = new Set(customMetadataFiles(packageDirs, "Trigger_Bypass").map(({ name }) => name));
  for (const { record, line } of recordNames.values()) {
    const message = `${record} has no custom metadata record Trigger_Bypass.${record}, so admins have no switch for it: ship one`;
    if (!shipped.has(record)) finding(decider.file, line, message);
  }
  return findings;
}
