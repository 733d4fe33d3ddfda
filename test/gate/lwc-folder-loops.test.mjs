// Self-test of the `lwc-folder-loops` rule (scripts/check/lwc-folder-loops.mjs, step metadata): in
// test/gate/fixtures/lwc-folder-loops, desk/'s card shows office/'s badge (a template tag) and office/'s badge imports
// desk/'s formatter (a JavaScript import), so the two folders use each other: reported once, on the loop's first
// reference, with both references. Beside it, what is allowed is not reported: report/ using desk/ one way, every
// folder using shared/, a component using its own folder's module, and a Jest test using any folder (its import
// would otherwise join report/ to the loop). Every file passes format and the step's other rules.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("metadata: no two folders' components use each other, directly or round a longer loop", async () => {
  assertCaughtBy(await runSteps("lwc-folder-loops", ["metadata"]), [
    [
      "force-app/main/desk/lwc/deskCard/deskCard.html:4",
      "[lwc-folder-loops] folders whose components use each other: force-app/main/desk, force-app/main/office",
      "deskCard → officeBadge (force-app/main/desk/lwc/deskCard/deskCard.html:4)",
      "officeBadge → deskFormat (force-app/main/office/lwc/officeBadge/officeBadge.js:2)"
    ]
  ]);
});
