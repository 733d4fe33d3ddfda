// Reports, report types and dashboards name fields and reports that exist (docs/reports.md). A deploy rejects a
// report whose column or filter names a field its report type lacks, a report type whose section names a field its
// table lacks, and a dashboard whose component names a report that is not there.
// Field names in report metadata (Metadata API Report and ReportType):
//  - report type sections: <table> is the base object or Base.Relationship__r…, <field> a field path on it;
//  - reports on a custom report type: Table$Field (Call__c$Disposition__c, Call__c.Lead__r$Company);
//  - reports on a standard/custom-object report type (CustomEntity$Call__c, LeadList): Object.Field;
//  - upper-case tokens (CUST_NAME, CREATED_DATE, LEAD.COMPANY…) are the platform's own columns: not checked.

import { list, lower, str } from "./project.mjs";

/** The fields a report names in its columns, filters and groupings. */
export const reportColumns = (def) => [
  ...list(def.columns).map((c) => str(c.field)),
  ...list(def.filter?.criteriaItems).map((c) => str(c.column)),
  ...list(def.groupingsDown).map((g) => str(g.field)),
  ...list(def.groupingsAcross).map((g) => str(g.field))
];
/** The key of the custom report type a report names: its file name without the __c a report adds. */
export const reportTypeKey = (def) => lower(str(def.reportType)).replace(/__c$/, "");

/** @param {object} ctx the metadata step's context (metadata.mjs) */
export function checkReportFields({ model, ofType, flag, valuesOf }) {
  const objectExists = (name) => model.exists(name);
  const missingInPath = (object, fieldPath) => model.missingInPath(object, fieldPath);
  // A lookup traversed in a column is written with its field name (Lead__c.Company): follow it as Lead__r.
  const asPath = (fieldPath) => fieldPath.replace(/__c\./gi, "__r.");

  /** The object behind a report type table (Call__c, Call__c.Tasks), or undefined when unknown. */
  function tableObject(base, table) {
    const [first, ...relationships] = table.split(".");
    if (lower(first) !== lower(base))
      return { error: `table ${table} does not start at the base object ${base}` };
    let object = base;
    for (const relationship of relationships) {
      const child = model.childObject(object, relationship);
      if (!child.exists) return { error: `${object} has no child relationship ${relationship}` };
      if (!child.object) return { object: null }; // a platform relationship whose fields are not modelled
      object = child.object;
    }
    return { object };
  }

  const typesByName = new Map();
  for (const { file, name, def = {} } of ofType("ReportType")) {
    const base = str(def.baseObject);
    typesByName.set(lower(name), base);
    if (!objectExists(base)) {
      flag(file, "<baseObject>", `report type ${name}: unknown base object ${base}`);
      continue;
    }
    for (const section of list(def.sections)) {
      for (const column of list(section.columns)) {
        const table = str(column.table);
        const field = str(column.field);
        const resolved = tableObject(base, table);
        if (resolved.error) flag(file, `<table>${table}</table>`, `report type ${name}: ${resolved.error}`);
        else if (resolved.object) {
          const missing = missingInPath(resolved.object, asPath(field));
          if (missing) flag(file, `<field>${field}</field>`, `report type ${name}: unknown field ${missing}`);
        }
      }
    }
  }

  const reportNames = new Set();
  for (const { file, name, def = {} } of ofType("Report")) {
    reportNames.add(lower(name));
    const reportType = str(def.reportType);
    const customType = typesByName.get(reportTypeKey(def));
    const entity = /^CustomEntity\$(.+)$/.exec(reportType)?.[1];
    if (!customType && !entity && /__c$/i.test(reportType)) {
      flag(file, "<reportType>", `report ${name}: unknown report type ${reportType}`);
      continue;
    }
    for (const column of reportColumns(def)) {
      if (/^[A-Z0-9_.]+$/.test(column) && !/__[a-z]$/i.test(column)) continue; // platform column token
      let missing = null;
      if (column.includes("$") && customType) {
        const [table, field] = column.split("$");
        const resolved = tableObject(customType, table);
        if (resolved.error) missing = resolved.error;
        else if (resolved.object) missing = missingInPath(resolved.object, asPath(field));
      } else {
        const [object, ...rest] = column.split(".");
        if (entity && lower(object) !== lower(entity) && rest.length)
          missing = `${object} is not the report's object ${entity}`;
        else if (!objectExists(object)) missing = `unknown object ${object}`;
        else if (rest.length) missing = missingInPath(object, asPath(rest.join(".")));
      }
      if (missing) flag(file, column, `report ${name}: ${column} names an unknown field (${missing})`);
    }
  }

  for (const { file, def = {} } of ofType("Dashboard")) {
    for (const report of valuesOf(def, "report")) {
      const name = report.split("/").pop();
      if (!reportNames.has(lower(name))) flag(file, report, `dashboard names unknown report ${report}`);
    }
  }
}
