// Self-test of the metadata step's rules for org-facing metadata: no permission set (packaged or companion) may grant
// a field that takes no field permission (the Task call-center fields, required fields, components of a compound
// address: field-permissionability.mjs), a layout places the audit dates through their users (metadata.mjs) and a
// report filter on a picklist writes labels (reports.mjs). The fixture test/gate/fixtures/field-permissions plants them beside
// valid files (the compound fields, CreatedById, a filter by label); the run fails at metadata with exactly these.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const PLANTED = "companion/permissionsets/Planted_Companion.permissionset-meta.xml";

test("field-permissions fixture: metadata refuses field permissions on fields that take none", async () => {
  const result = await runSteps("field-permissions", ["metadata"]);
  assertCaughtBy(result, [
    [`${PLANTED}:6`, "Contact.MailingStreet is a component of the compound field Contact.MailingAddress"],
    [`${PLANTED}:11`, "Lead.City is a component of the compound field Lead.Address"],
    [`${PLANTED}:21`, "Lead.StateCode is a component of the compound field Lead.Address"],
    [`${PLANTED}:26`, "Opportunity.StageName takes no field permission", "required"],
    [
      `${PLANTED}:31`,
      "Task.CallDisposition takes no field permission",
      "Not subject to field-level security"
    ],
    [`${PLANTED}:36`, "Task.CallObject takes no field permission"],
    // what records and reports show: the audit dates come with their users; picklist filters compare labels
    ["layouts/Ticket__c-Ticket_Layout.layout-meta.xml:15", "CreatedDate is shown with CreatedById"],
    [
      "reports/Ticket_Reports/Open_Tickets_By_Value.report-meta.xml:12",
      'writes the API name "open": a report filter compares labels; write "Open"'
    ]
  ]);
});
