// Rule `privacy-inventory` of the apex-rules step (what it reports: docs/quality-gate.md, "Apex rules"). The fields
// written come from three sources, so a new one cannot escape retention unnoticed: the production Apex, the package's
// field metadata (which also covers fields written dynamically, such as phone keys) and the shipped field mappings
// (FieldMappingApplier writes their targets). CallContentInventory (privacy/) names the fields by token in PURGED,
// SNIPPETS, INBOX_CONTENT, COPIES, MAPPED_COPIES and KEPT. Custom metadata types and share objects are out of scope.
import path from "node:path";
import { idOf, nodeLine } from "./apex-ast.mjs";
import { pathType, walkBodies } from "./apex-model.mjs";
import { readProject, str } from "./project.mjs";
import { customMetadataRecords } from "./sobject-model.mjs";

const RULE = "privacy-inventory";
const CATEGORIES = ["PURGED", "SNIPPETS", "INBOX_CONTENT", "COPIES", "MAPPED_COPIES", "KEPT"];
/** Content categories: the text is cleared, redacted or deleted, so its history must not be kept elsewhere. */
const CLEARED = new Set(["PURGED", "SNIPPETS", "INBOX_CONTENT"]);
const inScope = (object) => object && !/__(mdt|share)$/.test(object) && !object.endsWith("share");

/** "object.field" (lower case, namespace stripped) of a two-part token such as Call__c.Summary__c, or null. */
function tokenKey(model, expr) {
  const names = expr?.$ === "Expr$VariableExpr" && !expr.dottedExpr ? expr.names : null;
  if (names?.length !== 2) return null;
  const object = model.sobjectNamed(names[0].value);
  return object ? `${object}.${model.objects.stripNs(names[1].value).toLowerCase()}` : null;
}

/** The inventory's entries, "object.field" → { category, line }; a field listed twice is reported to `at`. */
function readInventory(cls, model, at) {
  const entries = new Map();
  for (const [name, field] of cls.fields) {
    const category = name.toUpperCase(); // Apex names are case-insensitive
    if (!CATEGORIES.includes(category)) continue;
    const creator = field.value?.creator;
    const tokens = creator?.pairs ? creator.pairs.map((p) => p.key) : (creator?.values ?? []);
    for (const token of tokens) {
      const key = tokenKey(model, token);
      if (!key) continue;
      if (entries.has(key))
        at(cls.file, nodeLine(token), `${key} is listed twice; a field has one privacy treatment`);
      else entries.set(key, { category, line: nodeLine(token) });
    }
  }
  return entries;
}

/** Fields written by the production Apex: "object.field" → first { file, line, how }. */
function writtenByApex(model) {
  const written = new Map();
  const add = (object, fieldId, ctx) => {
    const field = model.objects.stripNs(fieldId.value ?? "").toLowerCase();
    if (!inScope(object) || field === "id") return;
    const key = `${object}.${field}`;
    const how = `written by ${ctx.cls?.display ?? ctx.trigger.name}`;
    if (!written.has(key)) written.set(key, { file: ctx.file, line: fieldId.line ?? 1, how });
  };
  walkBodies(model, (node, ctx) => {
    if (ctx.cls?.isTest) return;
    if (node.$ === "Expr$AssignmentExpr" && node.left?.$ === "Expr$VariableExpr") {
      const names = node.left.names ?? [];
      if (names.length === 0 || (names.length === 1 && !node.left.dottedExpr)) return;
      const receiver = pathType(model, node.left.dottedExpr, names.slice(0, -1), ctx);
      const object = receiver && model.sobjectNamed(receiver.name);
      if (object) add(object, names.at(-1), ctx);
    } else if (node.$ === "Expr$NewExpr" && node.creator?.$ === "NewObject$NewKeyValue") {
      const object = model.sobjectNamed((node.creator.type?.names ?? []).map(idOf).join("."));
      if (object) for (const pair of node.creator.keyValues) add(object, pair.name, ctx);
    }
  });
  return written;
}

/** The package's own fields in metadata (formula fields are never written): "object.field" → { file, def }. */
function packageFields(model) {
  const fields = new Map();
  for (const obj of model.objects.objects.values()) {
    const object = model.objects.stripNs(obj.name).toLowerCase();
    if (!inScope(object)) continue;
    for (const field of obj.fields.values())
      if (field.def.formula === undefined && str(field.def.type) !== "Summary")
        fields.set(`${object}.${field.name.toLowerCase()}`, field);
  }
  return fields;
}

export function check({ model, root, packageDirs }) {
  if (!readProject(root).buildsPackage) return [];
  const cls = model.classes.get("callcontentinventory");
  const missing = "missing: the privacy inventory class CallContentInventory";
  if (!cls) return [{ file: path.join(root, "sfdx-project.json"), line: 1, rule: RULE, message: missing }];
  const findings = [];
  const at = (file, line, message) => findings.push({ file, line, rule: RULE, message });
  const inventory = readInventory(cls, model, at);
  const written = writtenByApex(model);
  const fields = packageFields(model);
  const mappings = customMetadataRecords(packageDirs, "Field_Mapping")
    .filter(({ values }) => values.Target_Object__c && values.Target_Field__c)
    .map(({ file, values }) => {
      const key = `${values.Target_Object__c}.${values.Target_Field__c}`.toLowerCase();
      return { file, source: values.Source_Path__c, key };
    });
  for (const [key, { file }] of fields)
    if (!written.has(key)) written.set(key, { file, line: 1, how: "a package field" });
  for (const { key, file } of mappings)
    if (!written.has(key)) written.set(key, { file, line: 1, how: "a shipped field mapping's target" });
  for (const [key, site] of written) {
    const message = `${key} (${site.how}) is not in CallContentInventory: purge it, redact it, list it as a copy, or keep it with a reason`;
    if (!inventory.has(key)) at(site.file, site.line, message);
  }
  for (const [key, { category, line }] of inventory) {
    if (!written.has(key)) at(cls.file, line, `${key} is in CallContentInventory but nothing writes it`);
    const tracked = `${key} is ${category} by retention but its history is tracked, which keeps the text`;
    if (CLEARED.has(category) && str(fields.get(key)?.def.trackHistory) === "true")
      at(fields.get(key).file, 1, tracked);
  }
  // the payload paths the inventory counts as content (CONTENT_PATHS keys)
  const contentPairs = cls.fields.get("content_paths")?.value?.creator?.pairs ?? [];
  const content = new Set(contentPairs.map((p) => p.key?.literal).filter(Boolean));
  for (const m of mappings) {
    const category = inventory.get(m.key)?.category;
    const copied = `${m.key} receives ${m.source}, call content, but CallContentInventory lists it as ${category}`;
    if (content.has(m.source) && category && !["COPIES", "MAPPED_COPIES"].includes(category))
      at(m.file, 1, copied);
  }
  return findings;
}
