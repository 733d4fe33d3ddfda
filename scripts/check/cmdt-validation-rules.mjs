// Custom metadata validation rules against the records we ship: a deploy runs every active validation rule
// of a custom metadata type on each record it deploys and rolls back on the first one that fires. This runs
// the rules (formula.mjs implements the subset they use) on the records of the package and of every other
// deployed folder (config/demo-settings), and reports each record a rule would reject, at the record's
// value of the rule's error field. A rule the evaluator cannot read, a field the formula names that the
// type lacks, a picklist used outside ISPICKVAL/TEXT/ISBLANK, or an ISPICKVAL whose value is not a text
// literal (both refused by the formula compiler:
// https://help.salesforce.com/s/articleView?id=platform.customize_functions_ispickval.htm) is reported on
// the rule's file.
import { evaluate, fieldsOf, parseFormula } from "./formula.mjs";

/** Fields every custom metadata record has besides its custom fields. */
const SYSTEM_FIELDS = ["DeveloperName", "MasterLabel", "Label", "QualifiedApiName", "NamespacePrefix"];
const NUMERIC = new Set(["Number", "Percent", "Currency"]);

/** Picklist fields read directly (not through ISPICKVAL, TEXT or ISBLANK): the compiler refuses them. */
function picklistMisuse(tree, isPicklist, out = [], parent = null) {
  if (
    tree.kind === "field" &&
    isPicklist(tree.name) &&
    !["ISPICKVAL", "TEXT", "ISBLANK", "ISNULL"].includes(parent)
  )
    out.push(tree.name);
  if (tree.kind === "call" && tree.name === "ISPICKVAL" && tree.args[1]?.kind !== "string")
    out.push("ISPICKVAL's second argument (it must be a text literal)");
  const next = tree.kind === "call" ? tree.name : null;
  for (const child of [tree.left, tree.right, tree.arg, ...(tree.args ?? [])]) {
    if (child) picklistMisuse(child, isPicklist, out, next);
  }
  return out;
}

/**
 * @param {{
 *   types: Map<string, {name: string, fields: Map<string, {name: string, def: object}>}>,
 *   rules: {file: string, object: string, def: object}[],
 *   records: {file: string, typeName: string, recordName: string, record: object}[],
 *   flag: (file: string, needle: string|null, message: string) => void,
 *   list: (x: unknown) => unknown[], str: (x: unknown) => string, stripNs: (name: string) => string
 * }} input types keyed by lower-case type name (Capture_Setting__mdt)
 * @returns {{ evaluations: number }} how many rule runs on records (for the summary line)
 */
export function checkCmdtValidationRules({ types, rules, records, flag, list, str, stripNs }) {
  const compiled = new Map(); // lower type name -> [{ name, tree, message, displayField }]
  for (const { file, object, def } of rules) {
    if (!/__mdt$/i.test(object) || str(def.active) === "false") continue;
    const type = types.get(object.toLowerCase());
    if (!type) continue;
    const name = str(def.fullName) || file.replace(/^.*\/|\.validationRule-meta\.xml$/g, "");
    let tree;
    try {
      tree = parseFormula(str(def.errorConditionFormula));
    } catch (error) {
      flag(file, "<errorConditionFormula>", `${object}.${name}: ${error.message}`);
      continue;
    }
    const fieldOf = (f) => type.fields.get(stripNs(f).toLowerCase());
    const unknown = [...fieldsOf(tree)].filter(
      (f) => !fieldOf(f) && !SYSTEM_FIELDS.some((s) => s.toLowerCase() === f.toLowerCase())
    );
    if (unknown.length) {
      flag(
        file,
        "<errorConditionFormula>",
        `${object}.${name}: ${object} has no field ${unknown.join(", ")}`
      );
      continue;
    }
    const misuse = picklistMisuse(tree, (f) => str(fieldOf(f)?.def.type) === "Picklist");
    if (misuse.length) {
      flag(
        file,
        "<errorConditionFormula>",
        `${object}.${name}: picklist misuse (${misuse.join(", ")}); use ISPICKVAL(field, "Value") or TEXT(field)`
      );
      continue;
    }
    if (!compiled.has(object.toLowerCase())) compiled.set(object.toLowerCase(), []);
    compiled.get(object.toLowerCase()).push({
      name,
      tree,
      message: str(def.errorMessage),
      displayField: str(def.errorDisplayField)
    });
  }

  let evaluations = 0;
  for (const { file, typeName, recordName, record } of records) {
    const type = types.get(typeName.toLowerCase());
    const typeRules = compiled.get(typeName.toLowerCase());
    if (!type || !typeRules) continue;
    const given = new Map();
    for (const entry of list(record.values)) {
      const raw = entry.value;
      const nil = raw && typeof raw === "object" && raw["@_xsi:nil"] === "true";
      given.set(stripNs(str(entry.field)).toLowerCase(), nil ? null : str(raw));
    }
    const value = (fieldName) => {
      const key = stripNs(fieldName).toLowerCase();
      if (key === "developername" || key === "qualifiedapiname") return recordName;
      if (key === "masterlabel" || key === "label") return str(record.label);
      if (key === "namespaceprefix") return "";
      const def = type.fields.get(key)?.def;
      const fieldType = str(def?.type);
      const raw = given.has(key) ? given.get(key) : null;
      if (fieldType === "Checkbox") return (raw ?? str(def.defaultValue)) === "true";
      if (NUMERIC.has(fieldType)) return raw === null || raw === "" ? null : Number(raw);
      return raw ?? "";
    };
    for (const rule of typeRules) {
      evaluations++;
      let fires;
      try {
        fires = evaluate(rule.tree, value);
      } catch (error) {
        // e.g. a REGEX pattern JavaScript cannot compile (Java-only syntax): say so, never pass silently
        flag(
          file,
          null,
          `validation rule ${typeName}.${rule.name} cannot be evaluated offline: ${error.message}`
        );
        continue;
      }
      if (fires !== true) continue;
      const needle = rule.displayField ? `<field>${rule.displayField}</field>` : null;
      flag(
        file,
        needle,
        `validation rule ${typeName}.${rule.name} rejects record ${recordName}: ${rule.message}`
      );
    }
  }
  return { evaluations };
}
