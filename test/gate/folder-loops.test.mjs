// Self-test of the `folder-loops` rule (scripts/check/folder-loops.mjs, step apex-rules): the shared model calling
// back into a capability (two folders depending on each other) and a loop of three folders are each reported once,
// on the loop's first class reference, with every reference that makes the loop; a variable, a string and a comment
// spelled like a class of another folder, and a test class using any folder, are not references. Every file passes
// format and apex-ls, which cannot see the defects.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("apex-rules: no two folders depend on each other, directly or round a longer loop", async () => {
  assertCaughtBy(await runSteps("folder-loops", ["format", "apex-ls", "apex-rules"]), [
    [
      "force-app/main/alerts/classes/AlertSender.cls:7",
      "[folder-loops] folders that depend on each other: force-app/main/alerts, force-app/main/notify, force-app/main/tasks",
      "AlertSender → TaskQueue (force-app/main/alerts/classes/AlertSender.cls:7)",
      "Notifier → AlertSender (force-app/main/notify/classes/Notifier.cls:4)",
      "TaskQueue → Notifier (force-app/main/tasks/classes/TaskQueue.cls:4)"
    ],
    [
      "force-app/main/core/classes/CallItem.cls:6",
      "[folder-loops] folders that depend on each other: force-app/main/core, force-app/main/leads",
      "CallItem → LeadNames (force-app/main/core/classes/CallItem.cls:6)",
      "LeadNames → CallItem (force-app/main/leads/classes/LeadNames.cls:7)"
    ]
  ]);
});
