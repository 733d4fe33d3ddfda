// Reports, report types and dashboards as a deploy checks them (docs/reports.md; what is caught and what is not:
// docs/quality-gate.md, "Platform rules in metadata"). Columns name fields as Table$Field on a custom report type,
// Object.Field on an object report type (CustomEntity$Call__c), Table.Field:SUM in summary formulas; upper-case tokens
// (CUST_NAME) are the platform's own columns, not checked. A picklist filter says the label (filters compare labels).
import { list, lower, str } from "./project.mjs";

const SUMMARY_FUNCTIONS = new Set(["SUM", "AVG", "MAX", "MIN", "UNIQUE"]);
const SUMMARY_TOKEN = /([A-Za-z_][\w.]*?(?:\$[\w.]+)?):([A-Za-z]+)/g;

export function checkReports({ model, ofType, flag, valuesOf }) {
  // A lookup traversed in a column is written with its field name (Lead__c.Company): follow it as Lead__r.
  const missingInPath = (object, fieldPath) =>
    model.missingInPath(object, fieldPath.replace(/__c\./gi, "__r."));

  /** What is wrong with a field of a report type table (Call__c, Call__c.Tasks): { table } or { field }, or null. */
  function tableFieldProblem(base, table, field) {
    const [first, ...relationships] = table.split(".");
    if (lower(first) !== lower(base))
      return { table: `table ${table} does not start at the base object ${base}` };
    let object = base;
    for (const relationship of relationships) {
      const child = model.childObject(object, relationship);
      if (!child.exists) return { table: `${object} has no child relationship ${relationship}` };
      if (!child.object) return null; // a platform relationship whose fields are not modelled
      object = child.object;
    }
    const missing = missingInPath(object, field);
    return missing ? { field: missing } : null;
  }

  const types = new Map(); // lower name -> { base, offered: Set of lower "table$field" its sections offer }
  for (const { file, name, def = {} } of ofType("ReportType")) {
    const base = str(def.baseObject);
    const columns = list(def.sections).flatMap((section) => list(section.columns));
    const offered = new Set(columns.map((c) => lower(`${str(c.table)}$${str(c.field)}`)));
    types.set(lower(name), { base, offered });
    if (!model.exists(base)) {
      flag(file, "<baseObject>", `report type ${name}: unknown base object ${base}`);
      continue;
    }
    for (const column of columns) {
      const [table, field] = [str(column.table), str(column.field)];
      const problem = tableFieldProblem(base, table, field);
      if (problem?.table) flag(file, `<table>${table}</table>`, `report type ${name}: ${problem.table}`);
      if (problem?.field)
        flag(file, `<field>${field}</field>`, `report type ${name}: unknown field ${problem.field}`);
    }
  }

  const reports = new Map(); // lower name -> def
  for (const { file, name, def = {} } of ofType("Report")) {
    reports.set(lower(name), def);
    const bad = (needle, problem) => flag(file, needle, `report ${name}: ${problem}`);
    for (const item of list(def.filter?.criteriaItems)) {
      const column = str(item.column);
      const [object, field] = column.includes("$") ? column.split("$") : column.split(".");
      const picklist = field && model.fieldDef(object.split(".")[0], field)?.valueSet?.valueSetDefinition;
      const value = str(item.value);
      for (const written of value.split(",").map((v) => v.trim())) {
        const label = str(list(picklist?.value).find((v) => str(v.fullName) === written)?.label);
        if (label && label !== written) {
          const message = `filter on ${column} writes the API name "${written}": a report filter compares labels; write "${label}"`;
          flag(file, `<value>${value}</value>`, message);
        }
      }
    }
    const reportType = str(def.reportType);
    // a report names a custom report type with __c after its file name (Tickets_With_Leads__c)
    const customType = types.get(lower(reportType).replace(/__c$/, ""));
    const entity = /^CustomEntity\$(.+)$/.exec(reportType)?.[1];
    if (!customType && !entity && /__c$/i.test(reportType)) {
      bad("<reportType>", `unknown report type ${reportType}`);
      continue;
    }
    const columns = [
      ...list(def.columns).map((c) => str(c.field)),
      ...list(def.filter?.criteriaItems).map((c) => str(c.column)),
      ...list(def.groupingsDown).map((g) => str(g.field)),
      ...list(def.groupingsAcross).map((g) => str(g.field))
    ];
    for (const column of columns) {
      if (/^[A-Z0-9_.]+$/.test(column) && !/__[a-z]$/i.test(column)) continue; // platform column token
      let missing = null;
      if (column.includes("$") && customType) {
        const [table, field] = column.split("$");
        const problem = tableFieldProblem(customType.base, table, field);
        missing = problem?.table ?? problem?.field ?? null;
      } else {
        const [object, ...rest] = column.split(".");
        if (entity && lower(object) !== lower(entity) && rest.length)
          missing = `${object} is not the report's object ${entity}`;
        else if (!model.exists(object)) missing = `unknown object ${object}`;
        else if (rest.length) missing = missingInPath(object, rest.join("."));
      }
      if (missing) bad(column, `${column} names an unknown field (${missing})`);
    }
    if (!customType) continue; // the layout of a standard report type is the platform's
    // a custom report type offers only the fields its layout lists
    for (const column of columns.filter((c) => c.includes("$") && /__c$/i.test(c))) {
      if (!customType.offered.has(lower(column)))
        bad(column, `${column} is not in report type ${reportType}'s sections`);
    }
    for (const aggregate of list(def.aggregates)) {
      const formula = str(aggregate.calculatedFormula);
      for (const [, field, fn] of formula.matchAll(SUMMARY_TOKEN)) {
        const dotted = `summary formulas name a field as ${field.replace("$", ".")} (a dot, not $)`;
        if (field.includes("$")) {
          bad(formula, `summary formula ${str(aggregate.developerName)} writes ${field}; ${dotted}`);
          continue;
        }
        if (!SUMMARY_FUNCTIONS.has(fn.toUpperCase()))
          bad(formula, `${fn} is not a summary (SUM, AVG, MAX, MIN, UNIQUE)`);
        const dot = field.lastIndexOf(".");
        if (!customType.offered.has(lower(`${field.slice(0, dot)}$${field.slice(dot + 1)}`)))
          bad(formula, `summary formula names ${field}, which report type ${reportType} does not offer`);
      }
    }
  }

  for (const { file, def = {} } of ofType("Dashboard")) {
    for (const report of valuesOf(def, "report")) {
      if (!reports.has(lower(report.split("/").pop())))
        flag(file, report, `dashboard names unknown report ${report}`);
    }
    const sections = ["leftSection", "middleSection", "rightSection"];
    for (const component of sections.flatMap((section) => list(def[section]?.components))) {
      const reportDef = reports.get(lower(str(component.report).split("/").pop()));
      if (reportDef) checkComponent(file, component, reportDef);
    }
  }

  function checkComponent(file, component, reportDef) {
    const [header, report] = [str(component.header), str(component.report)];
    // A dashboard names one column in many components: the finding points at the component's own header.
    const bad = (fallback, problem) => {
      const needle = header ? `<header>${header}</header>` : fallback;
      flag(file, needle, `dashboard component "${header}": ${problem} of report ${report}`);
    };
    const formulas = new Set(list(reportDef.aggregates).map((a) => str(a.developerName)));
    const summarised = new Map(
      list(reportDef.columns).map((c) => [str(c.field), new Set(list(c.aggregateTypes).map(str))])
    );
    for (const summary of list(component.chartSummary)) {
      const [column, aggregate] = [str(summary.column), str(summary.aggregate)];
      const fits =
        column === "RowCount" ||
        formulas.has(column) ||
        (aggregate !== "" && summarised.get(column)?.has(aggregate));
      if (!fits)
        bad(`<column>${column}</column>`, `${aggregate ? `${aggregate} of ` : ""}${column} is not a summary`);
    }
    const groupings = new Set(list(reportDef.groupingsDown).map((g) => str(g.field)));
    for (const grouping of list(component.groupingColumn).map(str)) {
      if (!groupings.has(grouping))
        bad(`<groupingColumn>${grouping}</groupingColumn>`, `${grouping} is not a grouping`);
    }
  }
}
