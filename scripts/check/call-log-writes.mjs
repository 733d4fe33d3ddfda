// `call-log-upsert` (step apex-rules; why and what it catches: docs/quality-gate.md, "Apex rules", and
// docs/intake.md, "The pipeline"): the Call__c log is never upserted. Intake inserts new calls (the unique index
// refuses a row another request inserted) and updates the rows it locked.
import { nodeLine } from "./apex-ast.mjs";
import { dmlOf, recordsObject, walkBodies } from "./apex-model.mjs";

const CALL_LOG = "call__c";
const UPSERTED =
  "Call__c is upserted: a request whose lock saw no row would overwrite another request's new call as if it were its own. Insert new calls and update the rows you locked (docs/intake.md)";

export function check({ model }) {
  const findings = [];
  walkBodies(model, (node, ctx) => {
    const dml = dmlOf(node);
    if (dml?.operation !== "upsert" || recordsObject(model, dml.records, ctx) !== CALL_LOG) return;
    findings.push({ file: ctx.file, line: nodeLine(node), rule: "call-log-upsert", message: UPSERTED });
  });
  return findings;
}
