// Custom metadata records as a deploy checks them (step `metadata`; docs/quality-gate.md, "Platform rules in
// metadata"): a deploy runs every active validation rule of the type on each record and rolls back on the first that
// fires, so the rules run here (formula.mjs). The formula compiler refuses a picklist misuse (listed there;
// https://help.salesforce.com/s/articleView?id=platform.customize_functions_ispickval.htm).
import path from "node:path";
import { childrenOf, evaluate, fieldsOf, parseFormula } from "./formula.mjs";
import { BUILTIN } from "./metadata-schema.mjs";
import { groupBy, list, str } from "./project.mjs";

const NUMBER_XSI_TYPES = ["xsd:double", "xsd:int", "xsd:long", "xsd:decimal"];
const NUMBER = { pattern: /^-?\d+(\.\d+)?$/, expected: "a number", xsiTypes: NUMBER_XSI_TYPES };
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** The form of a field type's values: the pattern they match, what another value is not, the xsi:types they may carry. */
const FORMS = {
  Checkbox: { pattern: /^(true|false)$/, expected: "true or false", xsiTypes: ["xsd:boolean"] },
  Number: NUMBER,
  Percent: NUMBER,
  Date: { pattern: /^\d{4}-\d{2}-\d{2}$/, expected: "a date (YYYY-MM-DD)", xsiTypes: ["xsd:date"] },
  DateTime: { pattern: DATE_TIME, expected: "a date-time (ISO 8601)", xsiTypes: ["xsd:dateTime"] },
  Email: { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, expected: "an email address" }
};
const TEXT_LIMITS = { Text: 255, TextArea: 255, LongTextArea: 131072, Email: 80, Phone: 40, Url: 255 };

/** Why a custom metadata value (its parsed <value>) does not fit its field, or null when it does. */
function valueProblem(def, raw) {
  const [value, xsiType, type] = [str(raw), raw?.["@_xsi:type"], str(def.type)];
  const { pattern, expected, xsiTypes = ["xsd:string"] } = FORMS[type] ?? {};
  if (xsiType && !xsiTypes.includes(xsiType)) return `xsi:type ${xsiType} does not fit a ${type} field`;
  if (pattern && !pattern.test(value)) return `"${value}" is not ${expected}`;
  // a date the calendar lacks (2026-02-30): the schema check leaves <value> to this module
  const calendar = (type === "Date" || type === "DateTime") && BUILTIN[xsiTypes[0]](value);
  if (calendar) return `"${value}" ${calendar}`;
  if (type === "Number" || type === "Percent") {
    const precision = Number(str(def.precision) || 18);
    const scale = Number(str(def.scale) || 0);
    const [whole, fraction = ""] = value.replace("-", "").split(".");
    if (whole.replace(/^0+(?=\d)/, "").length > precision - scale)
      return `${value} has more than ${precision - scale} digit(s) before the decimal point (Number(${precision},${scale}))`;
    if (fraction.replace(/0+$/, "").length > scale) return `${value} has more than ${scale} decimal place(s)`;
  }
  const values = list(def.valueSet?.valueSetDefinition?.value).map((v) => str(v.fullName));
  if (type === "Picklist" && values.length && !values.includes(value))
    return `"${value}" is not a value of the picklist (${values.join(", ")})`;
  const ownLength = type === "Text" || type === "LongTextArea";
  const max = ownLength ? Number(str(def.length) || TEXT_LIMITS[type]) : TEXT_LIMITS[type];
  return max && value.length > max ? `value is ${value.length} characters, the field allows ${max}` : null;
}

const NUMERIC = new Set(["Number", "Percent", "Currency"]);

const READ_PICKLIST = ["ISPICKVAL", "TEXT", "ISBLANK", "ISNULL"];

/** Picklist fields read directly (not through ISPICKVAL, TEXT or ISBLANK): the compiler refuses them. */
function picklistMisuse(tree, isPicklist, out = [], parent = null) {
  if (tree.kind === "field" && isPicklist(tree.name) && !READ_PICKLIST.includes(parent)) out.push(tree.name);
  if (tree.kind === "call" && tree.name === "ISPICKVAL" && tree.args[1]?.kind !== "string")
    out.push("ISPICKVAL's second argument (it must be a text literal)");
  const next = tree.kind === "call" ? tree.name : null;
  for (const child of childrenOf(tree)) picklistMisuse(child, isPicklist, out, next);
  return out;
}

/** The active validation rules of each custom metadata type: lower type name -> [{ label, tree, needle, message }]. */
function compileRules({ model, ofType, flag }) {
  const rules = [];
  for (const { file, def = {} } of ofType("ValidationRule")) {
    const object = path.basename(path.dirname(path.dirname(file)));
    if (!/__mdt$/i.test(object) || str(def.active) === "false") continue;
    const type = model.objects.get(object.toLowerCase());
    if (!type?.defined) continue;
    const name = str(def.fullName) || file.replace(/^.*\/|\.validationRule-meta\.xml$/g, "");
    const label = `validation rule ${type.name}.${name}`;
    const needle = def.errorDisplayField ? `<field>${str(def.errorDisplayField)}</field>` : null; // of a rejection
    /** A rule the deploy refuses (or the evaluator cannot read) is reported at its formula and not run. */
    const refuse = (problem) => flag(file, "<errorConditionFormula>", `${object}.${name}: ${problem}`);
    let tree;
    try {
      tree = parseFormula(str(def.errorConditionFormula));
    } catch (error) {
      refuse(error.message);
      continue;
    }
    const fieldOf = (f) => type.fields.get(model.stripNs(f).toLowerCase());
    // the type's own fields and those every custom metadata record has (the shared model's, sobject-model.mjs)
    const unknown = [...fieldsOf(tree)].filter((f) => !model.field(object, f).exists);
    const misuse = picklistMisuse(tree, (f) => str(fieldOf(f)?.def.type) === "Picklist");
    if (unknown.length) refuse(`${object} has no field ${unknown.join(", ")}`);
    else if (misuse.length)
      refuse(`picklist misuse (${misuse.join(", ")}); use ISPICKVAL(field, "Value") or TEXT(field)`);
    else rules.push({ type: object.toLowerCase(), label, tree, needle, message: str(def.errorMessage) });
  }
  return groupBy(rules, (rule) => rule.type);
}

/** Checks every custom metadata record a deploy sends; evaluations: how many rule runs (for the summary line). */
export function checkCustomMetadata(ctx) {
  const { model, ofType, flag } = ctx;
  const compiled = compileRules(ctx);
  let evaluations = 0;
  for (const { file, name, def: record } of ofType("CustomMetadata")) {
    if (!record) continue;
    const [typeName, recordName] = name.split(/\.(.*)/s);
    const type = model.objects.get(`${model.stripNs(typeName)}__mdt`.toLowerCase());
    if (!type?.defined) {
      flag(file, null, `custom metadata type ${typeName}__mdt does not exist`);
      continue;
    }
    if (!/^[A-Za-z](?!.*__)\w{0,39}$/.test(recordName) || recordName.endsWith("_"))
      flag(file, null, `record name ${recordName} is not a valid DeveloperName`);
    if (!str(record.label)) flag(file, null, "record has no <label>");
    const given = new Map(); // lower field name -> text, or null for xsi:nil
    for (const entry of list(record.values)) {
      const fieldName = model.stripNs(str(entry.field));
      const nil = entry.value?.["@_xsi:nil"] === "true";
      given.set(fieldName.toLowerCase(), nil ? null : str(entry.value));
      const field = type.fields.get(fieldName.toLowerCase());
      const needle = `<field>${str(entry.field)}</field>`;
      if (!field) flag(file, needle, `${type.name} has no field ${fieldName}`);
      const problem = field && !nil && valueProblem(field.def, entry.value);
      if (problem) flag(file, needle, `${type.name}.${fieldName}: ${problem}`);
    }
    for (const field of type.fields.values()) {
      if (str(field.def.required) === "true" && !given.has(field.name.toLowerCase()))
        flag(file, null, `required field ${type.name}.${field.name} has no value`);
    }
    const value = (fieldName) => {
      const key = model.stripNs(fieldName).toLowerCase();
      if (key === "developername" || key === "qualifiedapiname") return recordName;
      if (key === "masterlabel" || key === "label") return str(record.label);
      if (key === "namespaceprefix") return "";
      const def = type.fields.get(key)?.def;
      const fieldType = str(def?.type);
      const raw = given.get(key) ?? null;
      if (fieldType === "Checkbox") return (raw ?? str(def.defaultValue)) === "true";
      if (NUMERIC.has(fieldType)) return raw === null || raw === "" ? null : Number(raw);
      return raw ?? "";
    };
    for (const rule of compiled.get(type.name.toLowerCase()) ?? []) {
      evaluations++;
      let fires;
      try {
        fires = evaluate(rule.tree, value);
      } catch (error) {
        // e.g. a REGEX pattern JavaScript cannot compile (Java-only syntax): say so, never pass silently
        flag(file, null, `${rule.label} cannot be evaluated offline: ${error.message}`);
        continue;
      }
      if (fires === true)
        flag(file, rule.needle, `${rule.label} rejects record ${recordName}: ${rule.message}`);
    }
  }
  return { evaluations };
}
