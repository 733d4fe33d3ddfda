// Metadata validation: the references between metadata files that no offline tool checks and that a deploy would
// reject (or accept and then fail at run time); warnings (grants a managed package does not install) do not fail.
// How the project is read and what each module checks: docs/quality-gate.md, "What metadata checks" and "Platform
// rules in metadata".
// Usage: node scripts/check/metadata.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import { parseApex } from "./apex-ast.mjs";
import { buildApexModel } from "./apex-model.mjs";
import {
  fail,
  formatFinding,
  groupBy,
  isTrue,
  lineOf,
  list,
  lower,
  parseRootArg,
  parseXml,
  readProject,
  report,
  str,
  toPosix,
  walk
} from "./project.mjs";
import { checkCustomMetadata } from "./custom-metadata.mjs";
import { checkFlexipageTemplates } from "./flexipage-templates.mjs";
import { checkMetadataSchema, loadSchema, metadataTypeOf } from "./metadata-schema.mjs";
import { checkPermissionSets } from "./permission-sets.mjs";
import { checkReports } from "./reports.mjs";
import { checkLwcFolderLoops } from "./lwc-folder-loops.mjs";
import { checkInlineSoql } from "./soql.mjs";
import { CUSTOM_SUFFIX, ObjectModel } from "./sobject-model.mjs";
import { checkVectorSources } from "./vector-sources.mjs";

const startedAt = Date.now();
const { root } = parseRootArg();
const { namespace, packageDirs, packagedDirs, sourceApiVersion: apiVersion } = readProject(root);
const findings = [];

// What a deploy sends: the package directories, and every other *-meta.xml of the project, which a script deploys
// with --source-dir (config/demo-settings), except test/ (planted fixtures), ts-sdk/ and docs/.
const inPackage = (dir) => packageDirs.some((p) => dir === p || dir.startsWith(p + path.sep));
const notDeployed = (dir) =>
  path.dirname(dir) === root && ["test", "ts-sdk", "docs"].includes(path.basename(dir));
const files = [
  ...packageDirs.flatMap((dir) => walk(dir)),
  ...walk(root, (dir) => inPackage(dir) || notDeployed(dir)).filter((f) => f.endsWith("-meta.xml"))
];
// companion/ is a package directory without a package: deployed, not packaged
const isPackaged = (file) => packagedDirs.some((dir) => file.startsWith(dir + path.sep));
const texts = new Map();
const text = (file) => texts.get(file) ?? texts.set(file, fs.readFileSync(file, "utf8")).get(file);
/** Reports a finding on the line of the first occurrence of `needle` in the file. */
const flag = (file, needle, message) =>
  findings.push({ file, line: needle ? lineOf(text(file), needle) : 1, message });

// 1. Every -meta.xml fits the Metadata API schema (metadata-schema.mjs); the well-formed ones are parsed.
const metaFiles = files.filter((f) => f.endsWith("-meta.xml"));
const schemaCheck = checkMetadataSchema({ files: metaFiles, text, schema: loadSchema(apiVersion) });
findings.push(...schemaCheck.findings);
const docs = new Map(
  metaFiles.filter((f) => !schemaCheck.malformed.has(f)).map((f) => [f, parseXml(text(f))])
);
const nameOf = (file) => path.basename(file).replace(/\.[A-Za-z]+-meta\.xml$/, "");
const byType = groupBy(docs.keys(), metadataTypeOf);
/** The well-formed files of a metadata type as { file, name, def }, def the root element if it is the type's. */
const ofType = (type) =>
  (byType.get(type) ?? []).map((file) => ({ file, name: nameOf(file), def: docs.get(file)[type] }));

// 2. The model: objects and fields (sobject-model.mjs), the Apex, and the components references can name.
const model = new ObjectModel([...docs.keys()], (file) => docs.get(file), namespace);
const apexFiles = files.filter((f) => /\.(cls|trigger)$/.test(f));
const parsedApex = await parseApex(apexFiles).catch((error) => fail(error.message));
const apexModel = buildApexModel(parsedApex, model);

const named = (type) => new Set(ofType(type).map(({ name }) => lower(name)));
const apexClasses = new Set(
  files.filter((f) => f.endsWith(".cls")).map((f) => lower(path.basename(f, ".cls")))
);
const lwcFolders = files.filter((f) => /\/lwc\/[^/]+\/[^/]+$/.test(toPosix(f))).map(path.dirname);
const lwcDirs = new Map(lwcFolders.map((dir) => [lower(path.basename(dir)), dir])); // lower name -> folder
const lwcExists = (name) => lwcDirs.has(lower(name));

// 3. Apex classes and triggers have their -meta.xml (and the other way round); triggers name objects.
const APEX_KINDS = { cls: "class", trigger: "trigger" };
for (const file of files) {
  const [, extension, meta] = /\.(cls|trigger)(-meta\.xml)?$/.exec(file) ?? [];
  const [kind, name] = [APEX_KINDS[extension], path.basename(file)];
  if (kind && !meta && !fs.existsSync(`${file}-meta.xml`))
    flag(file, null, `${kind} ${path.basename(file, `.${extension}`)} has no ${name}-meta.xml`);
  if (meta && !fs.existsSync(file.slice(0, -meta.length)))
    flag(file, null, `${name} has no ${kind} source beside it`);
}
for (const { file, target } of apexModel.triggers)
  if (!model.exists(target)) flag(file, target, `trigger on unknown object ${target}`);

// 4. Field definitions: their file names them; lookups point at existing objects.
for (const obj of model.objects.values()) {
  for (const field of obj.fields.values()) {
    const fullName = str(field.def.fullName);
    if (fullName && fullName !== field.name)
      flag(field.file, "<fullName>", `fullName ${fullName} does not match the file name ${field.name}`);
    const referenceTo = str(field.def.referenceTo);
    if (referenceTo && !model.exists(referenceTo))
      flag(field.file, "<referenceTo>", `${obj.name}.${field.name} refers to unknown object ${referenceTo}`);
  }
  if (CUSTOM_SUFFIX.test(obj.name) && !obj.defined) {
    const first = obj.fields.values().next().value;
    if (first) flag(first.file, null, `fields of ${obj.name} exist but ${obj.name}.object-meta.xml does not`);
  }
}

// 5. The rules of their own modules, which read the project through one context.
/** Every value of a key anywhere in a parsed document (an array's entries are keyed "0", "1"…: never a key). */
const valuesOf = (node, key) =>
  node && typeof node === "object"
    ? Object.entries(node).flatMap(([k, v]) => (k === key ? list(v).map(str) : valuesOf(v, key)))
    : [];
const warnings = []; // printed, never failing
const warn = (file, needle, message) => warnings.push({ file, line: lineOf(text(file), needle), message });
const ctx = { model, ofType, flag, warn, isPackaged, named, namespace, valuesOf };
ctx.apexClassExists = (name) => apexClasses.has(lower(name));
const cmdtRules = checkCustomMetadata(ctx);
checkPermissionSets(ctx);

// 6. Lightning Web Components: meta files, @salesforce/schema and @salesforce/apex imports, child components.
for (const [name, dir] of lwcDirs) {
  const base = path.basename(dir);
  if (fs.existsSync(path.join(dir, `${base}.js-meta.xml`)) || /__tests__|__mocks__/.test(dir)) continue;
  const main = [`${base}.js`, `${base}.ts`].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (main) findings.push({ file: main, line: 1, message: `component ${name} has no ${base}.js-meta.xml` });
}
const inComponent = (posix) => /\/lwc\//.test(posix) && !/\/(__tests__|__mocks__)\//.test(posix);
const lwcFiles = files.filter((f) => inComponent(toPosix(f)));
/** What is wrong with an LWC import of a field or an Apex method: an unknown object, field or method; or null. */
function importProblem(spec) {
  const schema = /^@salesforce\/schema\/(.+)$/.exec(spec);
  if (schema) {
    const [obj, ...fieldPath] = schema[1].split(".");
    if (!model.exists(obj)) return `unknown object ${obj}`;
    const missing = fieldPath.length && model.missingInPath(obj, fieldPath.join("."));
    return missing ? `unknown field ${missing}` : null;
  }
  const apex = /^@salesforce\/apex\/(.+)$/.exec(spec);
  if (apex) {
    const parts = apex[1].split(".");
    if (parts.length === 3 && lower(parts[0]) === lower(namespace)) parts.shift();
    const [cls, method] = parts;
    const owner = apexModel.classes.get(lower(cls ?? ""));
    if (!owner || !method) return `unknown Apex class ${cls}`;
    const declared = owner.methods.filter((m) => m.name === lower(method) && !m.isConstructor);
    const enabled = declared.find((m) => m.annotations.has("auraenabled"));
    if (!declared.length) return `${cls} has no method ${method}`;
    if (!enabled) return `${cls}.${method} is not @AuraEnabled`;
    return enabled.kinds.has("static") ? null : `${cls}.${method} is not static`;
  }
  return null;
}
const componentUses = []; // { file, line, name }: every `c/name` import and <c-name> tag, for lwc-folder-loops
for (const file of lwcFiles.filter((f) => /\.(js|ts)$/.test(f))) {
  for (const m of text(file).matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2];
    const child = /^c\/(\w+)$/.exec(spec)?.[1];
    const problem = child ? !lwcExists(child) && `no component ${child}` : importProblem(spec);
    if (problem) flag(file, spec, `${spec}: ${problem}`);
    if (child) componentUses.push({ file, line: lineOf(text(file), m[0], m.index), name: child });
  }
}
for (const file of lwcFiles.filter((f) => f.endsWith(".html"))) {
  for (const m of text(file).matchAll(/<c-([a-z0-9-]+)/g)) {
    const name = m[1].replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
    if (!lwcExists(name)) flag(file, m[0], `<c-${m[1]}>: no component ${name}`);
    componentUses.push({ file, line: lineOf(text(file), m[0], m.index), name });
  }
}
findings.push(...checkLwcFolderLoops({ uses: componentUses, root, lwcDirs }));

// 7. Fields named by list views, layouts, compact layouts and record pages exist; pages name real components.
const objectOfChild = (file) => path.basename(path.dirname(path.dirname(file)));
const checkField = (file, obj, field, needle) => {
  if (!model.field(obj, field).exists) flag(file, needle, `${obj} has no field ${field}`);
};
// List view columns use API names for custom fields and upper-case tokens (NAME, CREATED_DATE) for standard ones.
for (const { file, def } of ofType("ListView")) {
  for (const column of [...list(def?.columns), ...list(def?.filters).map((f) => f.field)].map(str)) {
    if (/^[A-Z0-9_.]+$/.test(column) && !/__c$/i.test(column)) continue; // standard column token
    checkField(file, objectOfChild(file), column.slice(column.lastIndexOf(".") + 1), column);
  }
}
for (const { file, def } of ofType("CompactLayout")) {
  for (const field of list(def?.fields).map(str))
    checkField(file, objectOfChild(file), field, `<fields>${field}</fields>`);
}
// The platform shows CreatedDate and LastModifiedDate with their user ("Created By" is CreatedById with CreatedDate
// beside it), so a layout names CreatedById and LastModifiedById only, as Salesforce's own layouts do.
const SHOWN_WITH_USER = new Map(
  Object.entries({ createddate: "CreatedById", lastmodifieddate: "LastModifiedById" })
);
for (const { file, name, def } of ofType("Layout")) {
  const obj = name.split("-")[0];
  const known = model.exists(obj);
  if (!known) flag(file, null, `layout for unknown object ${obj}`);
  const columns = list(def?.layoutSections).flatMap((section) => list(section.layoutColumns));
  for (const field of columns.flatMap((c) => list(c.layoutItems)).map((item) => str(item.field))) {
    const instead = SHOWN_WITH_USER.get(field.toLowerCase());
    if (instead) {
      const message = `${field} is shown with ${instead} ("Created By"/"Last Modified By" and the date): place ${instead} only`;
      flag(file, `<field>${field}</field>`, message);
    }
    if (known && field) checkField(file, obj, field, `<field>${field}</field>`);
  }
}
for (const { file, def: page } of ofType("FlexiPage")) {
  const sobject = str(page?.sobjectType);
  if (sobject && !model.exists(sobject))
    flag(file, "<sobjectType>", `record page for unknown object ${sobject}`);
  for (const component of valuesOf(page, "componentName")) {
    const [ns, name] = component.includes(":") ? component.split(":") : ["c", component];
    if ((ns === "c" || lower(ns) === lower(namespace)) && !lwcExists(name))
      flag(file, component, `component ${component} does not exist in lwc/`);
  }
  const fieldItems = sobject && model.exists(sobject) ? valuesOf(page, "fieldItem") : [];
  for (const item of fieldItems) checkField(file, sobject, item.replace(/^Record\./, ""), item);
}

checkFlexipageTemplates(ctx);
checkReports(ctx);

// Tabs and apps point at things that exist.
for (const { file, name, def: tab } of ofType("CustomTab")) {
  if (isTrue(tab?.customObject) && !model.exists(name))
    flag(file, "<customObject>", `tab for unknown object ${name}`);
  if (tab?.flexiPage && !named("FlexiPage").has(lower(str(tab.flexiPage))))
    flag(file, "<flexiPage>", `tab names unknown flexipage ${str(tab.flexiPage)}`);
  if (tab?.lwcComponent && !lwcExists(str(tab.lwcComponent)))
    flag(file, "<lwcComponent>", `tab names unknown component ${str(tab.lwcComponent)}`);
}
for (const { file, def } of ofType("CustomApplication")) {
  for (const tab of list(def?.tabs).map(str)) {
    if (!tab.startsWith("standard-") && !named("CustomTab").has(lower(model.stripNs(tab))))
      flag(file, `<tabs>${tab}</tabs>`, `app names unknown tab ${tab}`);
  }
}

// 8. Inline SOQL in Apex names existing objects, fields, relationship paths and child relationships.
const soql = checkInlineSoql({ parsed: parsedApex, model });
findings.push(...soql.findings);

// Conformance vectors (JSON static resources with `cases`): every sourced case names its own source.
const vectors = checkVectorSources({ files, text, root });
findings.push(...vectors.findings);

findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
for (const w of warnings) console.log(formatFinding({ ...w, message: `warning: ${w.message}` }));
const summary =
  `${docs.size} metadata files, ${schemaCheck.elements} elements against the API ${apiVersion} schema, ` +
  `${cmdtRules.evaluations} validation rule runs on custom metadata records, ` +
  `${soql.queries} inline SOQL queries, ${soql.references} field references, ` +
  `${vectors.cases} conformance vectors in ${vectors.vectorFiles} file(s), ${warnings.length} warning(s)`;
report(`metadata (${summary})`, root, findings, startedAt);
