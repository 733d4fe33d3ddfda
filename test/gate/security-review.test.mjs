// Self-tests of the security review's checks in the apex-rules step: the false-positive document against the
// code (security-review.mjs) and the privacy inventory against every field the package writes
// (privacy-inventory.mjs). The fixture builds a package (so the checks apply), is formatted, and plants each
// defect once beside valid code that must not be reported.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const run = runSteps("security-review", ["apex-rules"]);

test("apex-rules: system-mode work without a justified row, stale rows, and fields privacy does not classify", async () => {
  assertCaughtBy(await run, [
    // an update nobody justified; the documented class, query and update beside it are not reported
    [
      "classes/CallLogStore.cls:15",
      "[false-positive-doc] DML update Call__c in CallLogStore.saveUnexplained has no row"
    ],
    [
      "docs/security/false-positives.md:7",
      "`CallLogStore.save` `DML update Call__c` needs its justification"
    ],
    ["docs/security/false-positives.md:8", "`CallLogStore.purge` `DML delete Call__c` matches no code"],
    // a Lead field written in Apex (Description is a listed copy, LastName is kept: not reported)
    ["classes/CallLogStore.cls:21", "[privacy-inventory] lead.company (written by CallLogStore) is not in"],
    // a package field nobody classified, and a purged field whose history would keep the text
    ["objects/Call__c/fields/Secret_Notes__c.field-meta.xml:1", "call__c.secret_notes__c (a package field)"],
    [
      "objects/Call__c/fields/Transcript__c.field-meta.xml:1",
      "PURGED by retention but its history is tracked"
    ],
    // the webhook inbox's raw body, deleted by retention, whose history would keep it
    [
      "objects/Webhook_Event__c/fields/Body_1__c.field-meta.xml:1",
      "webhook_event__c.body_1__c is INBOX_CONTENT by retention but its history is tracked"
    ],
    // a shipped mapping copying the summary into a field the inventory keeps
    ["customMetadata/Field_Mapping.Lead_Title.md-meta.xml:1", "lead.title receives summary, call content"],
    // an inventory entry nothing writes
    ["classes/CallContentInventory.cls:25", "lead.rating is in CallContentInventory but nothing writes it"]
  ]);
});
