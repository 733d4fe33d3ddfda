// Reports on a custom report type use only what the report type offers, and summaries name what the report has.
// A deploy refuses (report-fields.mjs checks that the names exist at all; this checks they fit together):
//  - a report column, filter or grouping naming a custom field (Table$Field__c) that is not in its custom report
//    type's sections: a custom report type offers only the fields its layout lists;
//  - a summary formula (<aggregates><calculatedFormula>) naming a field as Table$Field: summary formulas write
//    Table.Field:SUM (a dot where columns write $), naming a field the report type does not offer, or a summary
//    other than SUM, AVG, MAX, MIN, UNIQUE;
//  - a dashboard component whose chartSummary names neither RowCount, a summary formula of its report
//    (FORMULA1…), nor a column of its report summarised that way (<aggregateTypes>), or whose groupingColumn is not
//    a grouping of its report.
// Cannot check: reports on standard report types (their layouts are the platform's); standard fields of a custom
// report type (Name, CreatedDate…), whose availability outside the layout is not documented; whether a summary suits
// the field's type (Median of a text field); the chart settings inside a report.

const SUMMARY_FUNCTIONS = new Set(["SUM", "AVG", "MAX", "MIN", "UNIQUE"]);
const SUMMARY_TOKEN = /([A-Za-z_][\w.]*?(?:\$[\w.]+)?):([A-Za-z]+)/g;

/**
 * @param {{
 *   reportTypes: {name: string, def: object}[], reports: {file: string, name: string, def: object}[],
 *   dashboards: {file: string, def: object}[],
 *   flag: (file: string, needle: string, message: string) => void,
 *   list: (x: unknown) => unknown[], str: (x: unknown) => string
 * }} input
 */
export function checkReportSummaries({ reportTypes, reports, dashboards, flag, list, str }) {
  const lower = (s) => s.toLowerCase();
  // report type name (lower) → Set of "table$field" (lower) its sections offer
  const offered = new Map();
  for (const { name, def } of reportTypes) {
    const fields = new Set();
    for (const section of list(def.sections)) {
      for (const column of list(section.columns))
        fields.add(lower(`${str(column.table)}$${str(column.field)}`));
    }
    offered.set(lower(name), fields);
  }

  const reportsByName = new Map();
  for (const { file, name, def } of reports) {
    const fields = offered.get(lower(str(def.reportType)).replace(/__c$/, ""));
    reportsByName.set(lower(name), def);
    if (!fields) continue; // a standard report type, or one report-fields.mjs already reports as unknown
    const named = [
      ...list(def.columns).map((c) => str(c.field)),
      ...list(def.filter?.criteriaItems).map((c) => str(c.column)),
      ...list(def.groupingsDown).map((g) => str(g.field)),
      ...list(def.groupingsAcross).map((g) => str(g.field))
    ].filter((column) => column.includes("$") && /__c$/i.test(column));
    for (const column of named) {
      if (!fields.has(lower(column)))
        flag(
          file,
          column,
          `report ${name}: ${column} is not in report type ${str(def.reportType)}'s sections`
        );
    }
    for (const aggregate of list(def.aggregates)) {
      const formula = str(aggregate.calculatedFormula);
      for (const [, field, fn] of formula.matchAll(SUMMARY_TOKEN)) {
        if (field.includes("$")) {
          flag(
            file,
            formula,
            `report ${name}: summary formula ${str(aggregate.developerName)} writes ${field}; summary formulas name a field as ${field.replace("$", ".")} (a dot, not $)`
          );
          continue;
        }
        if (!SUMMARY_FUNCTIONS.has(fn.toUpperCase()))
          flag(file, formula, `report ${name}: ${fn} is not a summary (SUM, AVG, MAX, MIN, UNIQUE)`);
        const dot = field.lastIndexOf(".");
        const asColumn = lower(`${field.slice(0, dot)}$${field.slice(dot + 1)}`);
        if (!fields.has(asColumn))
          flag(
            file,
            formula,
            `report ${name}: summary formula names ${field}, which report type ${str(def.reportType)} does not offer`
          );
      }
    }
  }

  for (const { file, def } of dashboards) {
    for (const section of ["leftSection", "middleSection", "rightSection"]) {
      for (const component of list(def[section]?.components)) {
        const reportDef = reportsByName.get(lower(str(component.report).split("/").pop()));
        if (!reportDef) continue; // report-fields.mjs reports a missing report
        checkComponent(file, component, reportDef);
      }
    }
  }

  function checkComponent(file, component, reportDef) {
    // A dashboard names one column in many components: the finding points at the component's own header.
    const at = (fallback) => (str(component.header) ? `<header>${str(component.header)}</header>` : fallback);
    const formulas = new Set(list(reportDef.aggregates).map((a) => str(a.developerName)));
    const summarised = new Map(
      list(reportDef.columns).map((c) => [str(c.field), new Set(list(c.aggregateTypes).map(str))])
    );
    for (const summary of list(component.chartSummary)) {
      const column = str(summary.column);
      const aggregate = str(summary.aggregate);
      const fits =
        column === "RowCount" ||
        formulas.has(column) ||
        (aggregate !== "" && summarised.get(column)?.has(aggregate));
      if (!fits)
        flag(
          file,
          at(`<column>${column}</column>`),
          `dashboard component "${str(component.header)}": ${aggregate ? `${aggregate} of ` : ""}${column} is not a summary of report ${str(component.report)}`
        );
    }
    const groupings = new Set(list(reportDef.groupingsDown).map((g) => str(g.field)));
    for (const grouping of list(component.groupingColumn).map(str)) {
      if (!groupings.has(grouping))
        flag(
          file,
          at(`<groupingColumn>${grouping}</groupingColumn>`),
          `dashboard component "${str(component.header)}": ${grouping} is not a grouping of report ${str(component.report)}`
        );
    }
  }
}
