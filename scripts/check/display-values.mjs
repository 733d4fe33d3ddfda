// Rules of the `metadata` step for what a record page and a report show (what they catch and cannot:
// docs/quality-gate.md, "Platform rules in metadata"):
// - the platform shows CreatedDate and LastModifiedDate with their user ("Created By" is CreatedById with
//   CreatedDate beside it), so a layout names CreatedById and LastModifiedById only, as Salesforce's own layouts do;
// - a report compares a picklist filter with labels, as the report builder writes them. Where API name and label
//   differ only in case either is found if the comparison ignores case; the label is what works in both readings,
//   so the label is what the filter must say (docs/reports.md).

const OWN_ITEM_DATES = new Map([
  ["createddate", "CreatedById"],
  ["lastmodifieddate", "LastModifiedById"]
]);

import { list, str } from "./project.mjs";

/** @param {object} ctx the metadata step's context (metadata.mjs) */
export function checkDisplayValues({ model, ofType, flag, layoutItems }) {
  const picklistValues = (object, field) => {
    const values = list(model.fieldDef(object, field)?.valueSet?.valueSetDefinition?.value);
    return values.length ? values.map((v) => ({ fullName: str(v.fullName), label: str(v.label) })) : null;
  };
  for (const { file, def: layout } of ofType("Layout")) {
    for (const field of layoutItems(layout).map((item) => str(item.field))) {
      const instead = OWN_ITEM_DATES.get(field.toLowerCase());
      if (instead) {
        flag(
          file,
          `<field>${field}</field>`,
          `${field} is shown with ${instead} ("Created By"/"Last Modified By" and the date): place ${instead} only`
        );
      }
    }
  }
  for (const { file, def } of ofType("Report")) {
    for (const item of list(def?.filter?.criteriaItems)) {
      const column = str(item.column);
      const [object, field] = column.includes("$") ? column.split("$") : column.split(".");
      const values = field ? picklistValues(object.split(".")[0], field) : null;
      if (!values) continue;
      for (const written of str(item.value)
        .split(",")
        .map((v) => v.trim())) {
        const entry = values.find((v) => v.fullName === written);
        if (entry && entry.label && entry.label !== written) {
          flag(
            file,
            `<value>${str(item.value)}</value>`,
            `filter on ${column} writes the API name "${written}": a report filter compares labels; write "${entry.label}"`
          );
        }
      }
    }
  }
}
