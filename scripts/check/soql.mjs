// Inline SOQL field check (docs/quality-gate.md, "What metadata checks"): apex-ls types the Apex around `[SELECT …]`
// but not the names in it, so the names Salesforce's Apex parser (apex-ast.mjs) finds are resolved against the object
// model, silently where it cannot answer (a custom object's platform child relationships, a target outside it).
import { forEachNode } from "./apex-ast.mjs";

/** Subtrees that hold no field of the query itself: binds (Apex), subqueries and TYPEOF, checked apart or not at all. */
const NOT_FIELDS = new Set(
  "ColonExpr SelectExpr$SelectInnerQuery SelectExpr$SelectCaseExpr FromClause".split(" ")
);

/** The names of a dotted field identifier (Maker__r.Owner.Name), outermost first, as parser identifiers. */
const namesOf = (identifier) => (identifier ? [...namesOf(identifier.entity), identifier.field] : []);

/** A query's parts: its object, field references, child subqueries and semi-joins (WHERE Id IN (SELECT …)). */
function partsOf(query) {
  const from = query.from?.exprs?.[0];
  const alias = from?.alias?.value?.toLowerCase();
  const parts = { table: from?.table?.field, refs: [], children: [], semiJoins: [] };
  const aliases = new Set();
  for (const expr of query.select?.exprs ?? []) {
    if (expr.$ === "SelectExpr$SelectInnerQuery") parts.children.push(expr.query);
    if (expr.alias) aliases.add(expr.alias.value.toLowerCase());
  }
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object" || NOT_FIELDS.has(node.$)) return;
    if (node.$ === "WhereExpr$WhereInnerExpr") parts.semiJoins.push(node.inner);
    if (node.$ === "Field") {
      let names = namesOf(node.field);
      if (alias && names.length > 1 && names[0].value.toLowerCase() === alias) names = names.slice(1);
      if (!(names.length === 1 && aliases.has(names[0].value.toLowerCase()))) parts.refs.push(names);
      return;
    }
    for (const [key, value] of Object.entries(node))
      if (key !== "inner" && value && typeof value === "object") visit(value);
  };
  visit(query);
  return parts;
}

/** Checks every inline SOQL query of the parsed Apex (apex-ast.mjs's { file, unit }) against the object model. */
export function checkInlineSoql({ parsed, model }) {
  const findings = [];
  let queries = 0;
  let references = 0;
  for (const { file, unit } of parsed) {
    const flag = (id, message) => findings.push({ file, line: id.line ?? 1, message: `SOQL: ${message}` });
    /** parent: undefined for a query of its own, the parent object for a child subquery (null when unknown). */
    const check = (query, parent) => {
      queries++;
      const { table, refs, children, semiJoins } = partsOf(query);
      if (!table) return;
      let object = table.value;
      if (parent === undefined && !model.exists(object))
        return flag(table, `unknown object ${object} in FROM`);
      if (parent) {
        const child = model.childObject(parent, object);
        if (!child.exists) return flag(table, `${parent} has no child relationship ${object}`);
        object = child.object;
      }
      if (parent === null) object = null;
      for (const names of object ? refs : []) {
        references++;
        const parts = names.map((n) => n.value);
        const miss = model.unresolved(object, parts, true);
        const where = parts.length > 1 ? ` (in ${parts.join(".")})` : "";
        if (miss?.notRelationship)
          flag(names[0], `${miss.object}.${miss.part} is not a relationship${where}`);
        else if (miss) flag(names[0], `${miss.object} has no field ${miss.part}${where}`);
      }
      children.forEach((c) => check(c, object));
      semiJoins.forEach((s) => check(s, undefined));
    };
    forEachNode(unit, (node) => node.$ === "Expr$SoqlExpr" && check(node.query, undefined));
  }
  return { findings, queries, references };
}
