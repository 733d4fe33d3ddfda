// Self-test of the `trigger-bypass` rule (scripts/check/trigger-bypass.mjs, step apex-rules): a trigger whose entry
// never asks TriggerBypass, a trigger on an object TriggerBypass does not know, and an object it knows without a
// switch record are reported on exactly those lines; a trigger whose entry asks first and a platform-event trigger
// are not. Every file passes format and apex-ls (checks.test), which cannot see them.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("apex-rules: every record trigger can be switched off for a data load", async () => {
  assertCaughtBy(await runSteps("trigger-bypass", ["apex-rules"]), [
    ["classes/TriggerBypass.cls:9", "[trigger-bypass] Opportunity has no custom metadata record"],
    ["triggers/CaseTrigger.trigger:1", "[trigger-bypass] Case has no entry in TriggerBypass.RECORD_NAMES"],
    ["triggers/ContactKeysTrigger.trigger:1", "[trigger-bypass] trigger ContactKeysTrigger never asks"]
  ]);
});
