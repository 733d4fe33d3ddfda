// Self-tests of the apex-rules step (scripts/check/apex-rules.mjs) and of apex-ls's blind spot for standard fields: each
// planted defect is formatted and passes apex-ls (which is blind to it; checks.test proves both for every fixture), and
// apex-rules is the step that fails, naming exactly the planted lines; the valid code beside them is not reported.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const runs = {
  apexRules: runSteps("apex-rules", ["apex-rules"]),
  contracts: runSteps("apex-contracts", ["apex-rules"]),
  contractsMissing: runSteps("apex-contracts-missing", ["apex-rules"])
};

test("apex-rules: misspelt fields on standard objects, tests reaching user mode, Datetime asserts, docs naming public Apex", async () => {
  assertCaughtBy(await runs.apexRules, [
    // a misspelt field on a Lead variable, a Contact variable, an Opportunity field token, get() on a Lead
    ["classes/PlantedLeadField.cls:7", "[sobject-field] Lead has no field No_Such_Field__c"],
    ["classes/PlantedContactField.cls:7", "[sobject-field] Contact has no field No_Such_Field__c"],
    ["classes/PlantedOpportunityToken.cls:6", "[sobject-field] Opportunity has no field No_Such_Field__c"],
    [
      "classes/PlantedLeadGet.cls:6",
      "[sobject-field] Lead has no field No_Such_Field__c (in get('No_Such_Field__c'))"
    ],
    // the default user reaches WITH USER_MODE two calls deep, and an `update as user`; the runAs tests beside
    // them are not reported
    [
      "classes/LeadInbox_Tests.cls:12",
      "[test-user-mode-outside-runas] test LeadInbox_Tests.open_leads_are_listed reaches user-mode code"
    ],
    [
      "classes/LeadInbox_Tests.cls:153",
      "[test-user-mode-outside-runas] test LeadInbox_Tests.raise_saves_the_urgency reaches user-mode code",
      "LeadInbox.raise (update as user at line 19)"
    ],
    [
      "classes/LeadInbox_Tests.cls:81",
      "[datetime-millisecond-assert] Assert.areNotEqual compares a Datetime"
    ],
    // a DML count taken before Test.startTest() and subtracted after it; the query count taken after is fine
    [
      "classes/LeadInbox_Tests.cls:139",
      "[limits-across-starttest] dmlBefore was read from Limits before Test.startTest()"
    ],
    // an anonymous Apex block and an inline instruction; the global entry point and a declaration are fine
    ["README.md:5", "[docs-unreachable-apex] tells a subscriber to run LeadBackfill.startAll()"],
    ["README.md:9", "[docs-unreachable-apex] tells a subscriber to run LeadBackfill.scheduleNightly()"],
    // the same in a component's text and strings; the global LeadJobs.start() beside them is fine
    [
      "lwc/backfillHelp/backfillHelp.html:2",
      "[docs-unreachable-apex] tells a subscriber to run LeadBackfill.startAll()"
    ],
    [
      "lwc/backfillHelp/backfillHelp.js:4",
      "[docs-unreachable-apex] tells a subscriber to run LeadBackfill.scheduleNightly()"
    ]
  ]);
});

test("apex-rules: request caps that disagree", async () => {
  assertCaughtBy(await runs.contracts, [
    ["docs/api/openapi.yaml:5", "x-max-request-bytes (docs/api/openapi.yaml) is 3000000, but MAX_BODY_BYTES"],
    // the 413 row disagrees; the heap figure in the sentence before it is not a cap and is left alone
    ["docs/intake.md:7", "states 3,000,000 bytes for the cap, but the endpoint's cap is 750,000 bytes"]
  ]);
});

test("apex-rules: a missing SDK cap and an OpenAPI document without the cap fail", async () => {
  assertCaughtBy(await runs.contractsMissing, [
    ["ts-sdk/src/client.ts:1", "DEFAULT_BATCH.maxBytes must be MAX_REQUEST_BYTES"],
    ["ts-sdk/src/limits.ts:1", "missing: export const MAX_REQUEST_BYTES"],
    ["docs/api/openapi.yaml:1", "missing: x-max-request-bytes: <bytes> at the root of docs/api/openapi.yaml"]
  ]);
});
