// Metadata validation: the references between metadata files that no offline tool checks and that a
// deploy would reject (or, worse, accept and then fail at run time). Builds one model of the project's
// objects, fields, classes, components, tabs and apps, then checks every reference against it.
// Standard objects and fields come from the same SObject model apex-ls uses (standard-sobjects.mjs).
// It also runs, each in its own module: the Metadata API schema check of every deployed *-meta.xml
// (metadata-schema.mjs), flexipage templates and regions (flexipage-templates.mjs), custom metadata
// validation rules on the shipped records (cmdt-validation-rules.mjs), report/report type/dashboard
// references (report-fields.mjs) and summaries (report-summaries.mjs), the sources of conformance vectors (vector-sources.mjs), field permissions
// on fields that take none (field-permissionability.mjs), and prints warnings for permission set grants a
// managed package does not install (packaged-permissions.mjs). Warnings are printed as "file:line: warning: …"
// and do not fail.
// Usage: node scripts/check/metadata.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { formatFinding, lineOf, parseRootArg, readProject, report, walk } from "./project.mjs";
import { checkCmdtValidationRules } from "./cmdt-validation-rules.mjs";
import { otherDeployedFiles } from "./deployed-sources.mjs";
import { displayValueFindings } from "./display-values.mjs";
import { fieldPermissionabilityFindings } from "./field-permissionability.mjs";
import { checkFlexipageTemplates } from "./flexipage-templates.mjs";
import { checkMetadataSchema, loadSchema } from "./metadata-schema.mjs";
import { packagedPermissionWarnings } from "./packaged-permissions.mjs";
import { checkReportFields } from "./report-fields.mjs";
import { checkReportSummaries } from "./report-summaries.mjs";
import { checkInlineSoql } from "./soql.mjs";
import { checkVectorSources } from "./vector-sources.mjs";
import { isStandardObject, standardChildRelationships, standardFields } from "./standard-sobjects.mjs";

/** The permission set that must grant every custom field (admins see everything the package adds). */
export const ADMIN_PERMISSION_SET = "Call_Capture_Admin";

const startedAt = Date.now();
const { root } = parseRootArg();
const { namespace, packageDirs, packagedDirs, sourceApiVersion: apiVersion } = readProject(root);
const findings = [];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });

// metadata deployed by the scripts from outside the package directories (config/demo-settings)
const files = [...packageDirs.flatMap((dir) => walk(dir)), ...otherDeployedFiles(root, packageDirs)];
// companion/ is a package directory without a package: deployed, not packaged
const isPackaged = (file) => packagedDirs.some((dir) => file.startsWith(dir + path.sep));
const texts = new Map();
const text = (file) => {
  if (!texts.has(file)) texts.set(file, fs.readFileSync(file, "utf8"));
  return texts.get(file);
};
/** Reports a finding on the line of the first occurrence of `needle` in the file. */
const flag = (file, needle, message) =>
  findings.push({ file, line: needle ? lineOf(text(file), needle) : 1, message });

const list = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);
const str = (x) => (x == null ? "" : typeof x === "object" ? String(x["#text"] ?? "") : String(x));
const lower = (s) => s.toLowerCase();
/** Source never carries our own namespace, but a reference written with it still resolves in the org. */
const stripNs = (name) =>
  namespace && lower(name).startsWith(`${lower(namespace)}__`) ? name.slice(namespace.length + 2) : name;

// ---------------------------------------------------------------------------------------------------
// 1. Every -meta.xml is well formed; parsed documents are kept for the reference checks.
const docs = new Map();
for (const file of files.filter((f) => f.endsWith("-meta.xml"))) {
  const result = XMLValidator.validate(text(file));
  if (result === true) docs.set(file, parser.parse(text(file)));
  else findings.push({ file, line: result.err.line, message: `malformed XML: ${result.err.msg}` });
}
const doc = (file, rootTag) => docs.get(file)?.[rootTag];

// 1b. Every well-formed metadata file against the Metadata API schema of the project's sourceApiVersion.
const schemaCheck = checkMetadataSchema({ files: [...docs.keys()], text, schema: loadSchema(apiVersion) });
findings.push(...schemaCheck.findings);
const byPattern = (re) => [...docs.keys()].filter((f) => re.test(f.split(path.sep).join("/")));
const baseName = (file, suffix) => path.basename(file).slice(0, -suffix.length);

// ---------------------------------------------------------------------------------------------------
// 2. The model: objects (custom + standard extended in source) with their fields, and the other
//    named components references can point at.
const objects = new Map(); // lower name -> { name, defined, fields: Map<lower, {name, def, file}> }
const objectEntry = (name) => {
  if (!objects.has(lower(name))) objects.set(lower(name), { name, defined: false, fields: new Map() });
  return objects.get(lower(name));
};
for (const file of byPattern(/\/objects\/([^/]+)\/\1\.object-meta\.xml$/)) {
  const entry = objectEntry(baseName(file, ".object-meta.xml"));
  entry.defined = true;
  // A custom setting's fields take no field permissions: access is by custom setting definition, and a
  // protected one is for the package's own Apex only.
  entry.customSetting = str(doc(file, "CustomObject")?.customSettingsType) !== "";
}
for (const file of byPattern(/\/objects\/[^/]+\/fields\/[^/]+\.field-meta\.xml$/)) {
  const objectName = path.basename(path.dirname(path.dirname(file)));
  const name = baseName(file, ".field-meta.xml");
  const def = doc(file, "CustomField") ?? {};
  if (def.fullName && str(def.fullName) !== name) {
    flag(file, "<fullName>", `fullName ${str(def.fullName)} does not match the file name ${name}`);
  }
  objectEntry(objectName).fields.set(lower(name), { name, def, file });
}

const CUSTOM_SUFFIX = /__(c|mdt|e|b|x)$/i;
const SYSTEM_FIELDS = {
  c: "Id Name OwnerId Owner CreatedDate CreatedById CreatedBy LastModifiedDate LastModifiedById LastModifiedBy SystemModstamp IsDeleted LastViewedDate LastReferencedDate LastActivityDate RecordTypeId RecordType",
  mdt: "Id DeveloperName MasterLabel Label Language NamespacePrefix QualifiedApiName SystemModstamp",
  e: "ReplayId CreatedDate CreatedById CreatedBy EventUuid"
};

/** True when the object exists in the source or on every org (standard SObject). */
function objectExists(name) {
  const n = stripNs(name);
  if (CUSTOM_SUFFIX.test(n)) return objects.get(lower(n))?.defined === true;
  return isStandardObject(n);
}

/**
 * Resolves Obj.Field (one field name) to { exists, target } where target is the SObject a
 * relationship name (Lead__r, Account) points to.
 */
function resolveField(objectName, fieldName) {
  const obj = stripNs(objectName);
  const field = stripNs(fieldName);
  const custom = objects.get(lower(obj))?.fields;
  if (/__r$/i.test(field)) {
    const lookup = custom?.get(lower(field.replace(/__r$/i, "__c")));
    return { exists: Boolean(lookup), target: lookup ? str(lookup.def.referenceTo) : null };
  }
  if (/__c$/i.test(field)) return { exists: Boolean(custom?.has(lower(field))), target: null };
  const kind = CUSTOM_SUFFIX.exec(obj)?.[1]?.toLowerCase();
  if (kind) {
    const system = (SYSTEM_FIELDS[kind] ?? SYSTEM_FIELDS.c).split(" ");
    const hit = system.find((s) => lower(s) === lower(field));
    const target = { Owner: "User", CreatedBy: "User", LastModifiedBy: "User", RecordType: "RecordType" }[
      hit
    ];
    return { exists: Boolean(hit), target: target ?? null };
  }
  const standard = standardFields(obj);
  return { exists: Boolean(standard?.has(lower(field))), target: standard?.get(lower(field)) ?? null };
}

/** Follows a dotted path (Call__c.Lead__r.Name) and returns the first part that does not exist, or null. */
function missingInPath(objectName, fieldPath) {
  let obj = objectName;
  const parts = fieldPath.split(".");
  for (let i = 0; i < parts.length; i++) {
    const { exists, target } = resolveField(obj, parts[i]);
    if (!exists) return `${obj}.${parts[i]}`;
    if (i < parts.length - 1) {
      if (!target) return `${obj}.${parts[i]} (not a relationship)`;
      obj = target;
    }
  }
  return null;
}

const named = (re, suffix) => new Set(byPattern(re).map((f) => lower(baseName(f, suffix))));
const apexClassFiles = new Map(
  files.filter((f) => f.endsWith(".cls")).map((f) => [lower(path.basename(f, ".cls")), f])
);
const tabs = named(/\/tabs\/[^/]+\.tab-meta\.xml$/, ".tab-meta.xml");
const apps = named(/\/applications\/[^/]+\.app-meta\.xml$/, ".app-meta.xml");
const pages = named(/\/pages\/[^/]+\.page-meta\.xml$/, ".page-meta.xml");
const flexipages = named(/\/flexipages\/[^/]+\.flexipage-meta\.xml$/, ".flexipage-meta.xml");
const customPermissions = named(
  /\/customPermissions\/[^/]+\.customPermission-meta\.xml$/,
  ".customPermission-meta.xml"
);
const lwcDirs = new Map(); // lower name -> folder
for (const file of files.filter((f) => /\/lwc\/[^/]+\/[^/]+$/.test(f.split(path.sep).join("/")))) {
  const dir = path.dirname(file);
  lwcDirs.set(lower(path.basename(dir)), dir);
}
const lwcExists = (name) => lwcDirs.has(lower(name));

// ---------------------------------------------------------------------------------------------------
// 3. Apex classes and triggers have their -meta.xml (and the other way round); triggers name objects.
for (const [ext, kind] of [
  [".cls", "class"],
  [".trigger", "trigger"]
]) {
  for (const file of files.filter((f) => f.endsWith(ext))) {
    if (!fs.existsSync(`${file}-meta.xml`)) {
      flag(file, null, `${kind} ${path.basename(file, ext)} has no ${path.basename(file)}-meta.xml`);
    }
  }
  for (const file of files.filter((f) => f.endsWith(`${ext}-meta.xml`))) {
    if (!fs.existsSync(file.slice(0, -"-meta.xml".length))) {
      flag(file, null, `${path.basename(file)} has no ${kind} source beside it`);
    }
  }
}
for (const file of files.filter((f) => f.endsWith(".trigger"))) {
  const on = /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(text(file));
  if (on && !objectExists(on[1])) flag(file, on[1], `trigger on unknown object ${on[1]}`);
}

// 4. Field definitions: lookups point at existing objects.
for (const obj of objects.values()) {
  for (const field of obj.fields.values()) {
    const referenceTo = str(field.def.referenceTo);
    if (referenceTo && !objectExists(referenceTo)) {
      flag(field.file, "<referenceTo>", `${obj.name}.${field.name} refers to unknown object ${referenceTo}`);
    }
  }
  if (CUSTOM_SUFFIX.test(obj.name) && !obj.defined) {
    const first = obj.fields.values().next().value;
    if (first) flag(first.file, null, `fields of ${obj.name} exist but ${obj.name}.object-meta.xml does not`);
  }
}

// ---------------------------------------------------------------------------------------------------
// 5. Custom metadata records: existing type, existing fields, values of the field's type.
const XSD_TYPES = {
  Checkbox: ["xsd:boolean"],
  Number: ["xsd:double", "xsd:int", "xsd:long", "xsd:decimal"],
  Percent: ["xsd:double", "xsd:int", "xsd:long", "xsd:decimal"],
  Date: ["xsd:date"],
  DateTime: ["xsd:dateTime"]
};
const TEXT_LIMITS = { Text: 255, TextArea: 255, LongTextArea: 131072, Email: 80, Phone: 40, Url: 255 };

/** Why a custom metadata value does not fit its field, or null when it does. */
function valueProblem(def, value, xsdType) {
  const type = str(def.type);
  const allowed = XSD_TYPES[type] ?? ["xsd:string"];
  if (xsdType && !allowed.includes(xsdType)) return `xsi:type ${xsdType} does not fit a ${type} field`;
  switch (type) {
    case "Checkbox":
      return /^(true|false)$/.test(value) ? null : `"${value}" is not true or false`;
    case "Number":
    case "Percent": {
      if (!/^-?\d+(\.\d+)?$/.test(value)) return `"${value}" is not a number`;
      const precision = Number(str(def.precision) || 18);
      const scale = Number(str(def.scale) || 0);
      const [whole, fraction = ""] = value.replace("-", "").split(".");
      if (whole.replace(/^0+(?=\d)/, "").length > precision - scale) {
        return `${value} has more than ${precision - scale} digit(s) before the decimal point (Number(${precision},${scale}))`;
      }
      if (fraction.replace(/0+$/, "").length > scale)
        return `${value} has more than ${scale} decimal place(s)`;
      return null;
    }
    case "Picklist": {
      const values = list(def.valueSet?.valueSetDefinition?.value).map((v) => str(v.fullName));
      return values.length && !values.includes(value)
        ? `"${value}" is not a value of the picklist (${values.join(", ")})`
        : null;
    }
    case "Date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : `"${value}" is not a date (YYYY-MM-DD)`;
    case "DateTime":
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)
        ? null
        : `"${value}" is not a date-time (ISO 8601)`;
    case "Email":
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return `"${value}" is not an email address`;
      break;
    default:
  }
  const max =
    type === "Text" || type === "LongTextArea"
      ? Number(str(def.length) || TEXT_LIMITS[type])
      : TEXT_LIMITS[type];
  if (max && value.length > max) return `value is ${value.length} characters, the field allows ${max}`;
  return null;
}

for (const file of byPattern(/\/customMetadata\/[^/]+\.md-meta\.xml$/)) {
  const record = doc(file, "CustomMetadata");
  if (!record) continue;
  const [typeName, recordName] = baseName(file, ".md-meta.xml").split(/\.(.*)/s);
  const type = objects.get(lower(`${stripNs(typeName)}__mdt`));
  if (!type?.defined) {
    flag(file, null, `custom metadata type ${typeName}__mdt does not exist`);
    continue;
  }
  if (!/^[A-Za-z](?!.*__)\w{0,39}$/.test(recordName) || recordName.endsWith("_")) {
    flag(file, null, `record name ${recordName} is not a valid DeveloperName`);
  }
  if (!str(record.label)) flag(file, null, "record has no <label>");
  const given = new Set();
  for (const entry of list(record.values)) {
    const fieldName = stripNs(str(entry.field));
    given.add(lower(fieldName));
    const field = type.fields.get(lower(fieldName));
    const needle = `<field>${str(entry.field)}</field>`;
    if (!field) {
      flag(file, needle, `${type.name} has no field ${fieldName}`);
      continue;
    }
    const raw = entry.value;
    if (raw && typeof raw === "object" && raw["@_xsi:nil"] === "true") continue;
    const problem = valueProblem(
      field.def,
      str(raw),
      raw && typeof raw === "object" ? raw["@_xsi:type"] : undefined
    );
    if (problem) flag(file, needle, `${type.name}.${fieldName}: ${problem}`);
  }
  for (const field of type.fields.values()) {
    if (str(field.def.required) === "true" && !given.has(lower(field.name))) {
      flag(file, null, `required field ${type.name}.${field.name} has no value`);
    }
  }
}

// 5b. Active validation rules of each custom metadata type, run on the records a deploy sends.
const cmdtRules = checkCmdtValidationRules({
  types: new Map([...objects].filter(([, o]) => o.defined && /__mdt$/i.test(o.name))),
  rules: byPattern(/\/objects\/[^/]+__mdt\/validationRules\/[^/]+\.validationRule-meta\.xml$/).map(
    (file) => ({
      file,
      object: path.basename(path.dirname(path.dirname(file))),
      def: doc(file, "ValidationRule") ?? {}
    })
  ),
  records: byPattern(/\/customMetadata\/[^/]+\.md-meta\.xml$/)
    .filter((file) => doc(file, "CustomMetadata"))
    .map((file) => {
      const [typeName, recordName] = baseName(file, ".md-meta.xml").split(/\.(.*)/s);
      return { file, typeName: `${stripNs(typeName)}__mdt`, recordName, record: doc(file, "CustomMetadata") };
    }),
  flag,
  list,
  str,
  stripNs
});

// ---------------------------------------------------------------------------------------------------
// 6. Permission sets: every name exists; field grants the platform refuses; object access dependencies.
const fieldDef = (qualified) => {
  const [obj, field] = qualified.split(".");
  return objects.get(lower(stripNs(obj)))?.fields.get(lower(stripNs(field ?? "")));
};
const isTrue = (x) => str(x) === "true";
const grants = new Map(); // permission set name -> Set of lower 'obj.field' readable
const permissionSetFiles = byPattern(/\/permissionsets\/[^/]+\.permissionset-meta\.xml$/);
for (const file of permissionSetFiles) {
  const ps = doc(file, "PermissionSet");
  if (!ps) continue;
  const name = baseName(file, ".permissionset-meta.xml");
  const granted = new Set();
  grants.set(name, granted);
  for (const op of list(ps.objectPermissions)) {
    const obj = str(op.object);
    if (!objectExists(obj))
      flag(file, `<object>${obj}</object>`, `object permission for unknown object ${obj}`);
    const needs = [
      ["allowCreate", "allowRead"],
      ["allowEdit", "allowRead"],
      ["allowDelete", "allowEdit"],
      ["viewAllRecords", "allowRead"],
      ["modifyAllRecords", "allowDelete"],
      ["modifyAllRecords", "viewAllRecords"]
    ];
    for (const [permission, required] of needs) {
      if (isTrue(op[permission]) && !isTrue(op[required])) {
        flag(file, `<object>${obj}</object>`, `${obj}: ${permission} requires ${required}`);
      }
    }
  }
  for (const fp of list(ps.fieldPermissions)) {
    const qualified = str(fp.field);
    const needle = `<field>${qualified}</field>`;
    const [obj, field] = qualified.split(".");
    if (!field || !objectExists(obj) || !resolveField(obj, field).exists) {
      flag(file, needle, `field permission for unknown field ${qualified}`);
      continue;
    }
    if (isTrue(fp.editable) && !isTrue(fp.readable))
      flag(file, needle, `${qualified}: editable requires readable`);
    const def = fieldDef(qualified)?.def;
    if (def) {
      if (isTrue(def.required) || str(def.type) === "MasterDetail") {
        flag(
          file,
          needle,
          `${qualified} is required or master-detail: permission sets cannot list it (deploy error)`
        );
      }
      const readOnly = def.formula || ["AutoNumber", "Summary"].includes(str(def.type));
      if (readOnly && isTrue(fp.editable))
        flag(file, needle, `${qualified} is read-only (formula/auto number/roll-up): editable must be false`);
    }
    if (isTrue(fp.readable)) granted.add(lower(`${stripNs(obj)}.${stripNs(field)}`));
  }
  const refs = [
    [
      "classAccesses",
      "apexClass",
      // source names classes without the namespace; "callcap.Class" would still resolve in the org
      (n) => apexClassFiles.has(lower(namespace ? n.replace(new RegExp(`^${namespace}\\.`, "i"), "") : n)),
      "Apex class"
    ],
    ["pageAccesses", "apexPage", (n) => pages.has(lower(n)), "Visualforce page"],
    ["tabSettings", "tab", (n) => n.startsWith("standard-") || tabs.has(lower(stripNs(n))), "tab"],
    [
      "applicationVisibilities",
      "application",
      (n) => n.startsWith("standard__") || apps.has(lower(n)),
      "app"
    ],
    [
      "customMetadataTypeAccesses",
      "name",
      (n) => /__mdt$/i.test(n) && objectExists(n),
      "custom metadata type"
    ],
    ["customPermissions", "name", (n) => customPermissions.has(lower(n)), "custom permission"]
  ];
  for (const [section, key, exists, what] of refs) {
    for (const entry of list(ps[section])) {
      const ref = str(entry[key]);
      if (!exists(ref)) flag(file, `<${key}>${ref}</${key}>`, `${section}: unknown ${what} ${ref}`);
    }
  }
}

// Grants a managed package does not install: warnings, so the install docs and companion set stay true.
const permissionSets = permissionSetFiles
  .filter((file) => doc(file, "PermissionSet"))
  .map((file) => ({ file, name: baseName(file, ".permissionset-meta.xml"), ps: doc(file, "PermissionSet") }));
// No field permission on a field that takes none (not subject to field-level security, required, or a
// component of a compound address field): a deploy refuses it (field-permissionability.mjs).
for (const { file, needle, message } of fieldPermissionabilityFindings({ permissionSets, list, str })) {
  flag(file, needle, message);
}
const warnings = packagedPermissionWarnings({
  packaged: permissionSets.filter(({ file }) => isPackaged(file)),
  companions: permissionSets.filter(({ file }) => !isPackaged(file)),
  list,
  str
}).map(({ file, needle, message }) => ({ file, line: lineOf(text(file), needle), message }));

// Every custom field a user could be given is granted by the admin permission set.
const grantable = [];
for (const obj of objects.values()) {
  if (/__(mdt|e|b|x)$/i.test(obj.name) || obj.customSetting) continue; // access to these is not by field permission
  for (const field of obj.fields.values()) {
    if (!/__c$/i.test(field.name) || isTrue(field.def.required) || str(field.def.type) === "MasterDetail")
      continue;
    grantable.push({
      key: lower(`${obj.name}.${field.name}`),
      label: `${obj.name}.${field.name}`,
      file: field.file
    });
  }
}
if (grantable.length) {
  const admin = grants.get(ADMIN_PERMISSION_SET);
  if (!admin) {
    flag(
      grantable[0].file,
      null,
      `missing: permission set ${ADMIN_PERMISSION_SET} (it must grant every custom field)`
    );
  } else {
    for (const f of grantable) {
      if (!admin.has(f.key))
        flag(f.file, null, `${f.label} is not granted (readable) by permission set ${ADMIN_PERMISSION_SET}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// 7. Lightning Web Components: meta files, @salesforce/schema and @salesforce/apex imports, child components.
const apexSources = new Map();
/** The annotations and modifiers written before `method(` in the class, or null when there is no such method. */
function methodDeclaration(classFile, method) {
  if (!apexSources.has(classFile)) {
    apexSources.set(
      classFile,
      text(classFile)
        .replace(/\/\*[\s\S]*?\*\//g, " ")
        .replace(/\/\/.*$/gm, " ")
    );
  }
  const source = apexSources.get(classFile);
  const re = new RegExp(`([;{}])([^;{}]*?)\\b${method}\\s*\\(`, "gi");
  for (const m of source.matchAll(re)) {
    const head = m[2];
    // a declaration has a return type before the name; a call does not start at a statement boundary with modifiers
    if (/\b(public|global|private|protected|static)\b/i.test(head)) return head;
  }
  return null;
}

for (const [name, dir] of lwcDirs) {
  const base = path.basename(dir);
  const jsMeta = path.join(dir, `${base}.js-meta.xml`);
  if (!fs.existsSync(jsMeta) && !/__tests__|__mocks__/.test(dir)) {
    const main = [path.join(dir, `${base}.js`), path.join(dir, `${base}.ts`)].find((f) => fs.existsSync(f));
    if (main) findings.push({ file: main, line: 1, message: `component ${name} has no ${base}.js-meta.xml` });
  }
}
const lwcFiles = files.filter(
  (f) =>
    /\/lwc\//.test(f.split(path.sep).join("/")) &&
    !/\/(__tests__|__mocks__)\//.test(f.split(path.sep).join("/"))
);
for (const file of lwcFiles.filter((f) => /\.(js|ts)$/.test(f))) {
  const source = text(file);
  for (const m of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2];
    const at = lineOf(source, spec);
    const schema = /^@salesforce\/schema\/(.+)$/.exec(spec);
    if (schema) {
      const [obj, ...fieldPath] = schema[1].split(".");
      if (!objectExists(obj)) findings.push({ file, line: at, message: `${spec}: unknown object ${obj}` });
      else if (fieldPath.length) {
        const missing = missingInPath(obj, fieldPath.join("."));
        if (missing) findings.push({ file, line: at, message: `${spec}: unknown field ${missing}` });
      }
      continue;
    }
    const apex = /^@salesforce\/apex\/(.+)$/.exec(spec);
    if (apex) {
      const parts = apex[1].split(".");
      if (parts.length === 3 && lower(parts[0]) === lower(namespace)) parts.shift();
      const [cls, method] = parts;
      const classFile = apexClassFiles.get(lower(cls ?? ""));
      if (!classFile || !method) {
        findings.push({ file, line: at, message: `${spec}: unknown Apex class ${cls}` });
        continue;
      }
      const head = methodDeclaration(classFile, method);
      if (head === null)
        findings.push({ file, line: at, message: `${spec}: ${cls} has no method ${method}` });
      else if (!/@AuraEnabled\b/i.test(head))
        findings.push({ file, line: at, message: `${spec}: ${cls}.${method} is not @AuraEnabled` });
      else if (!/\bstatic\b/i.test(head))
        findings.push({ file, line: at, message: `${spec}: ${cls}.${method} is not static` });
      continue;
    }
    const child = /^c\/(\w+)$/.exec(spec);
    if (child && !lwcExists(child[1]))
      findings.push({ file, line: at, message: `${spec}: no component ${child[1]}` });
  }
}
const kebabToCamel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
for (const file of lwcFiles.filter((f) => f.endsWith(".html"))) {
  for (const m of text(file).matchAll(/<c-([a-z0-9-]+)/g)) {
    if (!lwcExists(kebabToCamel(m[1]))) flag(file, m[0], `<c-${m[1]}>: no component ${kebabToCamel(m[1])}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// 8. Fields named by list views, layouts, compact layouts and record pages exist; pages name real components.
/** List view columns use API names for custom fields and upper-case tokens (NAME, CREATED_DATE) for standard ones. */
function checkListViewField(file, obj, column) {
  if (/^[A-Z0-9_.]+$/.test(column) && !/__c$/i.test(column)) return; // standard column token
  const field = column.includes(".") ? column.slice(column.lastIndexOf(".") + 1) : column;
  if (!resolveField(obj, field).exists) flag(file, column, `${obj} has no field ${field}`);
}
for (const file of byPattern(/\/objects\/[^/]+\/listViews\/[^/]+\.listView-meta\.xml$/)) {
  const obj = path.basename(path.dirname(path.dirname(file)));
  const lv = doc(file, "ListView");
  for (const column of list(lv?.columns)) checkListViewField(file, obj, str(column));
  for (const filter of list(lv?.filters)) checkListViewField(file, obj, str(filter.field));
}
for (const file of byPattern(/\/objects\/[^/]+\/compactLayouts\/[^/]+\.compactLayout-meta\.xml$/)) {
  const obj = path.basename(path.dirname(path.dirname(file)));
  for (const field of list(doc(file, "CompactLayout")?.fields)) {
    if (!resolveField(obj, str(field)).exists)
      flag(file, `<fields>${str(field)}</fields>`, `${obj} has no field ${str(field)}`);
  }
}
for (const file of byPattern(/\/layouts\/[^/]+\.layout-meta\.xml$/)) {
  const obj = baseName(file, ".layout-meta.xml").split("-")[0];
  if (!objectExists(obj)) {
    flag(file, null, `layout for unknown object ${obj}`);
    continue;
  }
  for (const section of list(doc(file, "Layout")?.layoutSections)) {
    for (const column of list(section.layoutColumns)) {
      for (const item of list(column.layoutItems)) {
        const field = str(item.field);
        if (field && !resolveField(obj, field).exists)
          flag(file, `<field>${field}</field>`, `${obj} has no field ${field}`);
      }
    }
  }
}
/** Every value of a key anywhere in a parsed document. */
function valuesOf(node, key, out = []) {
  if (Array.isArray(node)) node.forEach((n) => valuesOf(n, key, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) list(v).forEach((x) => out.push(str(x)));
      else valuesOf(v, key, out);
    }
  }
  return out;
}
for (const file of byPattern(/\/flexipages\/[^/]+\.flexipage-meta\.xml$/)) {
  const page = doc(file, "FlexiPage");
  const sobject = str(page?.sobjectType);
  if (sobject && !objectExists(sobject))
    flag(file, "<sobjectType>", `record page for unknown object ${sobject}`);
  for (const component of valuesOf(page, "componentName")) {
    const [ns, name] = component.includes(":") ? component.split(":") : ["c", component];
    if ((ns === "c" || lower(ns) === lower(namespace)) && !lwcExists(name)) {
      flag(file, component, `component ${component} does not exist in lwc/`);
    }
  }
  for (const item of valuesOf(page, "fieldItem")) {
    const field = item.replace(/^Record\./, "");
    if (sobject && objectExists(sobject) && !resolveField(sobject, field).exists)
      flag(file, item, `${sobject} has no field ${field}`);
  }
}

checkFlexipageTemplates({
  pages: byPattern(/\/flexipages\/[^/]+\.flexipage-meta\.xml$/)
    .filter((file) => doc(file, "FlexiPage"))
    .map((file) => ({ file, page: doc(file, "FlexiPage") })),
  flag,
  list,
  str
});

// Reports, report types and dashboards name fields and reports that exist.
checkReportFields({
  reportTypes: byPattern(/\/reportTypes\/[^/]+\.reportType-meta\.xml$/).map((file) => ({
    file,
    name: baseName(file, ".reportType-meta.xml"),
    def: doc(file, "ReportType") ?? {}
  })),
  reports: byPattern(/\/reports\/.+\.report-meta\.xml$/).map((file) => ({
    file,
    name: baseName(file, ".report-meta.xml"),
    def: doc(file, "Report") ?? {}
  })),
  dashboards: byPattern(/\/dashboards\/.+\.dashboard-meta\.xml$/).map((file) => ({
    file,
    def: doc(file, "Dashboard") ?? {}
  })),
  objectExists,
  missingInPath,
  childObject,
  flag,
  list,
  str,
  valuesOf
});

// Reports use only what their custom report type offers; summary formulas and dashboard summaries fit their report.
checkReportSummaries({
  reportTypes: byPattern(/\/reportTypes\/[^/]+\.reportType-meta\.xml$/).map((file) => ({
    name: baseName(file, ".reportType-meta.xml"),
    def: doc(file, "ReportType") ?? {}
  })),
  reports: byPattern(/\/reports\/.+\.report-meta\.xml$/).map((file) => ({
    file,
    name: baseName(file, ".report-meta.xml"),
    def: doc(file, "Report") ?? {}
  })),
  dashboards: byPattern(/\/dashboards\/.+\.dashboard-meta\.xml$/).map((file) => ({
    file,
    def: doc(file, "Dashboard") ?? {}
  })),
  flag,
  list,
  str
});

// Layouts place the audit dates through their users; report filters on picklists write labels (display-values.mjs).
const picklistValues = (object, field) => {
  const def = objects.get(lower(stripNs(object)))?.fields.get(lower(stripNs(field)))?.def;
  const values = list(def?.valueSet?.valueSetDefinition?.value);
  return values.length ? values.map((v) => ({ fullName: str(v.fullName), label: str(v.label) })) : null;
};
for (const { file, needle, message } of displayValueFindings({
  layouts: byPattern(/\/layouts\/[^/]+\.layout-meta\.xml$/).map((file) => ({
    file,
    layout: doc(file, "Layout")
  })),
  reports: byPattern(/\/reports\/.+\.report-meta\.xml$/).map((file) => ({ file, def: doc(file, "Report") })),
  picklistValues,
  list,
  str
})) {
  flag(file, needle, message);
}

// Tabs and apps point at things that exist.
for (const file of byPattern(/\/tabs\/[^/]+\.tab-meta\.xml$/)) {
  const tab = doc(file, "CustomTab");
  const name = baseName(file, ".tab-meta.xml");
  if (isTrue(tab?.customObject) && !objectExists(name))
    flag(file, "<customObject>", `tab for unknown object ${name}`);
  if (tab?.flexiPage && !flexipages.has(lower(str(tab.flexiPage))))
    flag(file, "<flexiPage>", `tab names unknown flexipage ${str(tab.flexiPage)}`);
  if (tab?.lwcComponent && !lwcExists(str(tab.lwcComponent)))
    flag(file, "<lwcComponent>", `tab names unknown component ${str(tab.lwcComponent)}`);
}
for (const file of byPattern(/\/applications\/[^/]+\.app-meta\.xml$/)) {
  for (const tab of list(doc(file, "CustomApplication")?.tabs).map(str)) {
    if (!tab.startsWith("standard-") && !tabs.has(lower(stripNs(tab))))
      flag(file, `<tabs>${tab}</tabs>`, `app names unknown tab ${tab}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// 9. Inline SOQL in Apex names existing objects, fields, relationship paths and child relationships.
/**
 * The child object behind a child relationship name in a subquery (FROM Calls__r, FROM Contacts).
 * Our own lookups name theirs by <relationshipName>; a standard object's come from the SObject model.
 * A custom object's platform child relationships (Tasks, Histories, Shares…) are in neither: they are
 * accepted with object null, and the subquery's fields are then not checked.
 */
function childObject(parent, relationship) {
  const rel = lower(stripNs(relationship));
  const parentName = lower(stripNs(parent));
  for (const obj of objects.values()) {
    for (const field of obj.fields.values()) {
      const name = str(field.def.relationshipName);
      if (name && lower(`${name}__r`) === rel && lower(stripNs(str(field.def.referenceTo))) === parentName) {
        return { exists: true, object: obj.name };
      }
    }
  }
  if (rel.endsWith("__r")) return { exists: false, object: null };
  if (CUSTOM_SUFFIX.test(parentName)) return { exists: true, object: null };
  const child = standardChildRelationships(parentName)?.get(rel);
  return { exists: Boolean(child), object: child ?? null };
}
const soql = checkInlineSoql({
  files: files.filter((f) => f.endsWith(".cls") || f.endsWith(".trigger")),
  text,
  objectExists,
  resolveField,
  childObject
});
findings.push(...soql.findings);

// Conformance vectors (JSON static resources with `cases`): every sourced case names its own source.
const vectors = checkVectorSources({ files, text, root });
findings.push(...vectors.findings);

findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
for (const w of warnings) console.log(formatFinding(root, { ...w, message: `warning: ${w.message}` }));
report(
  `metadata (${docs.size} metadata files, ${schemaCheck.elements} elements against the API ${apiVersion} schema, ` +
    `${cmdtRules.evaluations} validation rule runs on custom metadata records, ` +
    `${soql.queries} inline SOQL queries, ${soql.references} field references, ` +
    `${vectors.cases} conformance vectors in ${vectors.vectorFiles} file(s), ${warnings.length} warning(s))`,
  root,
  findings,
  startedAt
);
