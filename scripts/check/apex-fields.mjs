// Rule `sobject-field`; what it sees and does not: docs/quality-gate.md, "Apex rules". apex-ls checks our own
// objects, but once a standard object is extended in source (objects/Lead/fields/…) it accepts any field read or
// written through a variable or a field token of that object, and it never reads get/put names.
import { typeOf } from "./apex-ast.mjs";
import { callOf, pathType, stringLiteral, walkBodies } from "./apex-model.mjs";

const NAME_METHODS = new Set(["get", "put", "isset", "getsobject", "putsobject", "getsobjects"]);

export function check({ model }) {
  const findings = new Map();
  const flag = (file, sobject, nameId, how) => {
    const field = nameId.value ?? String(nameId);
    const f = model.field(sobject, field);
    if (!f.known || f.exists) return;
    const line = nameId.line ?? 1;
    const message = `${displayName(sobject)} has no field ${field}${how}`;
    findings.set(`${file}:${line}:${message}`, { file, line, rule: "sobject-field", message });
  };
  walkBodies(model, (node, ctx) => {
    const { file } = ctx;
    const onField = (sobject, nameId) => model.isStandard(sobject) && flag(file, sobject, nameId, "");
    if (node.$ === "Expr$VariableExpr") {
      pathType(model, node.dottedExpr, node.names, ctx, onField);
    } else if (node.$ === "Expr$MethodCallExpr") {
      const names = node.names ?? [];
      const { name: method, own, receiver } = callOf(model, node, ctx, onField);
      if (own) return;
      const sobject = receiver && model.sobjectNamed(receiver.name);
      const arg = node.inputParameters?.[0];
      const literal = stringLiteral(arg);
      if (sobject && model.isStandard(sobject) && NAME_METHODS.has(method) && literal !== null) {
        const nameId = { value: literal, line: arg.line ?? names[0].line };
        flag(file, sobject, nameId, ` (in ${names.at(-1).value}('${literal}'))`);
      }
    } else if (node.$ === "NewObject$NewKeyValue") {
      const sobject = model.sobjectNamed(typeOf(node.type)?.name);
      if (!sobject || !model.isStandard(sobject)) return;
      for (const pair of node.keyValues ?? [])
        flag(file, sobject, pair.name, ` (in new ${displayName(sobject)}(…))`);
    }
  });
  return [...findings.values()];
}

/** Lower-case model names back to how people write them (Lead, Contact) for messages. */
const displayName = (sobject) => sobject.replace(/(^|_)([a-z])/g, (m, sep, c) => sep + c.toUpperCase());
