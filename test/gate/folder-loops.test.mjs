// Self-test of the `folder-loops` rule (scripts/check/folder-loops.mjs, step apex-rules): the shared model calling
// back into a capability (two folders depending on each other) and a loop of three folders are each reported once,
// on the loop's first class reference, with every reference that makes the loop; a variable, a string and a comment
// spelled like a class of another folder, and a test class using any folder, are not references. Every file passes
// format and apex-ls (checks.test), which cannot see the defects.
// Loops of classes inside one folder (fixture folder-loops-classes): a loop named with its reason in the project's
// docs/architecture.md ("Class loops that stay") passes; a new loop, a kept loop another class joined, and a loop
// whose row gives no reason are each reported once.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("apex-rules: no two folders depend on each other, directly or round a longer loop", async () => {
  assertCaughtBy(await runSteps("folder-loops", ["apex-rules"]), [
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

test("apex-rules: classes of a folder use each other only in the loops docs/architecture.md keeps, with a reason", async () => {
  assertCaughtBy(await runSteps("folder-loops-classes", ["apex-rules"]), [
    [
      "force-app/main/billing/classes/InvoiceBuilder.cls:6",
      "[folder-loops] classes that use each other: InvoiceBuilder, InvoiceLines",
      "InvoiceBuilder → InvoiceLines (force-app/main/billing/classes/InvoiceBuilder.cls:6)",
      "InvoiceLines → InvoiceBuilder (force-app/main/billing/classes/InvoiceLines.cls:8)"
    ],
    [
      "force-app/main/ledger/classes/LedgerPosting.cls:4",
      "[folder-loops] classes that use each other: LedgerPosting, LedgerTotals",
      "LedgerTotals → LedgerPosting (force-app/main/ledger/classes/LedgerTotals.cls:7)"
    ],
    [
      "force-app/main/sync/classes/SyncFinalizer.cls:4",
      "[folder-loops] classes that use each other: SyncFinalizer, SyncJob, SyncPlanner",
      "SyncPlanner → SyncJob (force-app/main/sync/classes/SyncPlanner.cls:4)"
    ]
  ]);
});
