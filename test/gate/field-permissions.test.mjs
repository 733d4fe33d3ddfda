// Self-test of the metadata step's field-permissionability rule: no permission set (packaged or companion) may
// grant a field that takes no field permission (the Task call-center fields, required fields, components of a
// compound address). The fixture test/gate/fixtures/field-permissions plants them in a companion permission set
// beside a valid one that grants the compound fields instead; the run fails at metadata with exactly these.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const PLANTED = "companion/permissionsets/Planted_Companion.permissionset-meta.xml";

test("field-permissions fixture: metadata refuses field permissions on fields that take none", async () => {
  const result = await runSteps("field-permissions", ["format", "metadata"]);
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
    [`${PLANTED}:36`, "Task.CallObject takes no field permission"]
  ]);
});
