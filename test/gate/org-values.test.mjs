// Self-test of the apex-rules step's rules for values that differ from org to org (scripts/check/apex-org-values.mjs):
// profiles found by their translated Name, and Task statuses and priorities written as text. The fixture
// test/gate/fixtures/org-values plants each form beside valid code that reads them from the org; apex-rules is the
// step that fails, on exactly the planted lines.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("org-values fixture: profiles by name and Task statuses as text are refused", async () => {
  assertCaughtBy(await runSteps("org-values", ["apex-rules"]), [
    ["classes/PlantedProfiles_Tests.cls:5", "[profile-by-name] finds a Profile by its Name"],
    ["classes/PlantedProfiles_Tests.cls:7", "[profile-by-name]"],
    ["classes/PlantedTaskValues.cls:5", "[hard-coded-task-status] new Task(Status = …)"],
    [
      "classes/PlantedTaskValues.cls:6",
      "[hard-coded-task-status] a Task Status or Priority is assigned text"
    ],
    [
      "classes/PlantedTaskValues.cls:11",
      "[hard-coded-task-status] a query filters Task Status or Priority by text"
    ],
    ["classes/PlantedTaskValues_Tests.cls:6", "[hard-coded-task-status] an assertion compares"]
  ]);
});
