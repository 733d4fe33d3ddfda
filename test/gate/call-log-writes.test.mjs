// Self-test of the `call-log-upsert` rule (scripts/check/call-log-writes.mjs, step apex-rules): the call log
// upserted by a statement and by Database.upsert is reported on exactly those lines; inserting new calls,
// updating locked ones and upserting another object beside them is not. Both classes pass format and apex-ls
// (checks.test), which cannot see the defect.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("apex-rules: the Call__c log is never upserted", async () => {
  assertCaughtBy(await runSteps("call-log-upsert", ["apex-rules"]), [
    ["classes/PlantedLogUpsert.cls:6", "[call-log-upsert] Call__c is upserted"],
    ["classes/PlantedLogUpsert.cls:7", "[call-log-upsert] Call__c is upserted"]
  ]);
});
