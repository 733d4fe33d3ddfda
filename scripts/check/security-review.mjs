// Rule `false-positive-doc` (step apex-rules; what counts: docs/quality-gate.md, "Apex rules"): a security
// reviewer's scanners report every `without sharing` class and every system-mode query, DML statement and
// EventBus.publish, so each one the package ships needs a row with its justification in
// docs/security/false-positives.md. `node scripts/check/security-review.mjs [--root dir]` prints the rows it needs.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { idOf, nodeLine } from "./apex-ast.mjs";
import { dmlOf, readApexModel, recordsObject, staticCall, walkBodies } from "./apex-model.mjs";
import { groupBy, parseRootArg, readProject } from "./project.mjs";
import { standardObjectName } from "./standard-sobjects.mjs";

const FALSE_POSITIVE_DOC = "docs/security/false-positives.md";
const RULE = "false-positive-doc";
const OPERATION = /^(without sharing|SOQL |DML |EventBus\.publish )/;
const DATABASE_QUERY = /^database\.(query|getquerylocator|countquery)(withbinds)?$/;

/** The AccessLevel a Database method is called with: "user", "system", or null when none is passed. */
function accessLevelArg(args) {
  const level = (args ?? [])
    .map((arg) => (arg?.names ?? []).map(idOf))
    .find((n) => n[0] === "accesslevel" && n.length === 2);
  return level ? (level[1] === "user_mode" ? "user" : "system") : null;
}

/** The SObject type an expression holds (a record, a list of them, or a list literal), lower case, or null. */
function sobjectOf(model, expr, ctx) {
  const literal = expr?.$ === "Expr$NewExpr" ? expr.creator?.types?.[0] : null;
  if (!literal) return recordsObject(model, expr, ctx);
  return model.sobjectNamed((literal.names ?? []).map(idOf).join(".")) || null;
}

/** An object's name as its metadata or the platform spells it (Call_Captured__e, FieldPermissions), from lower case. */
const spelled = (model, lower) =>
  lower ? (model.objects.objects.get(lower)?.name ?? standardObjectName(lower) ?? lower) : "SObject";

/** The without-sharing classes and system-mode operations of production Apex: { where, operation, file, line }. */
function systemModeOperations(model) {
  const found = [...model.classes.values()]
    .filter((cls) => !cls.isTest && cls.kind === "ClassDecl" && cls.kinds.has("withoutsharing"))
    .map((cls) => ({
      where: cls.display,
      operation: "without sharing",
      file: cls.file,
      line: nodeLine(cls.decl.name)
    }));
  walkBodies(model, (node, ctx) => {
    if (ctx.cls?.isTest) return;
    const where = ctx.cls ? `${ctx.cls.display}.${ctx.method?.display ?? "(initializer)"}` : ctx.trigger.name;
    const add = (operation, at) => found.push({ where, operation, file: ctx.file, line: nodeLine(at) });
    const dml = dmlOf(node);
    if (node.$ === "Expr$SoqlExpr") {
      const modes = (node.query?.withIdentifiers ?? []).map((w) => idOf(w.identifier));
      if (!modes.includes("user_mode") && !modes.includes("security_enforced")) {
        const table = node.query?.from?.exprs?.[0]?.table?.field;
        add(`SOQL ${table ? spelled(model, model.objects.stripNs(idOf(table))) : "(unknown)"}`, node);
      }
    } else if (dml) {
      const mode = dml.call ? accessLevelArg(node.inputParameters) : idOf(node.runAsMode);
      if (mode !== "user")
        add(`DML ${dml.operation} ${spelled(model, sobjectOf(model, dml.records, ctx))}`, node);
    } else if (staticCall(node) === "database.convertlead") {
      if (accessLevelArg(node.inputParameters) !== "user") add("DML convertLead Lead", node);
    } else if (staticCall(node) === "eventbus.publish") {
      add(`EventBus.publish ${spelled(model, sobjectOf(model, node.inputParameters?.[0], ctx))}`, node);
    } else if (DATABASE_QUERY.test(staticCall(node)) && accessLevelArg(node.inputParameters) !== "user") {
      if (node.inputParameters?.[0]?.$ !== "Expr$SoqlExpr") add("SOQL (dynamic)", node);
    }
  });
  return found;
}

/** Occurrences grouped into the document's rows: one per (where, operation), with how many and the first line. */
function expectedRows(model) {
  const rows = groupBy(systemModeOperations(model), rowKey);
  return [...rows.values()].map(([op, ...more]) => ({
    ...op,
    operation: more.length ? `${op.operation} ×${more.length + 1}` : op.operation
  }));
}

const rowKey = (r) => `${r.where}\u0000${r.operation}`;

/**
 * Findings: a system-mode operation without a row (at the code), a row matching no code (at the document) and a
 * row without a justification of at least a few words. The document's rows: `| \`where\` | \`operation\` | why |`
 * (only rows naming an operation: the Code Analyzer table below them names rules and files).
 */
export function check({ model, root }) {
  if (!readProject(root).buildsPackage) return [];
  const docFile = path.join(root, FALSE_POSITIVE_DOC);
  const expected = expectedRows(model);
  const at = (file, line, message) => ({ file, line, rule: RULE, message });
  if (!fs.existsSync(docFile))
    return [at(docFile, 1, `missing: the package has ${expected.length} system-mode operations to justify`)];
  const documented = fs
    .readFileSync(docFile, "utf8")
    .split("\n")
    .map((line, i) => [line.match(/^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$/), i + 1])
    .filter(([cells]) => cells && OPERATION.test(cells[2]))
    .map(([cells, line]) => ({ where: cells[1], operation: cells[2], justification: cells[3].trim(), line }));
  const documentedKeys = new Set(documented.map(rowKey));
  const expectedKeys = new Set(expected.map(rowKey));
  const noRow = (row) =>
    `${row.operation} in ${row.where} has no row in ${FALSE_POSITIVE_DOC}: add | \`${row.where}\` | \`${row.operation}\` | why a reviewer can accept it |`;
  const undocumented = expected.filter((row) => !documentedKeys.has(rowKey(row)));
  const findings = undocumented.map((row) => at(row.file, row.line, noRow(row)));
  for (const row of documented) {
    const named = `row \`${row.where}\` \`${row.operation}\``;
    if (!expectedKeys.has(rowKey(row)))
      findings.push(at(docFile, row.line, `${named} matches no code: remove or correct it`));
    else if (row.justification.split(/\s+/).filter(Boolean).length < 5)
      findings.push(at(docFile, row.line, `${named} needs its justification`));
  }
  return findings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { root } = parseRootArg();
  const { namespace, packagedDirs } = readProject(root);
  const { model } = await readApexModel(packagedDirs, namespace);
  for (const row of expectedRows(model).sort((a, b) => a.where.localeCompare(b.where)))
    console.log(`| \`${row.where}\` | \`${row.operation}\` | ${path.relative(root, row.file)}:${row.line} |`);
}
