// Self-test of the metadata step's report summary rules (scripts/check/reports.mjs): a report on a custom
// report type shows only what the report type offers, a summary formula names Table.Field with a dot and a real
// summary, and a dashboard component charts a summary its report has, grouped by one of its groupings. The fixture
// test/gate/fixtures/report-summaries plants each beside a valid report and valid components; the run fails at metadata
// with exactly these.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const REPORT = "reports/Ticket_Reports/Planted_Summaries.report-meta.xml";
const DASHBOARD = "dashboards/Ticket_Dashboards/Ticket_Speed.dashboard-meta.xml";

test("report-summaries fixture: metadata refuses reports and dashboard components that do not fit together", async () => {
  const result = await runSteps("report-summaries", ["metadata"]);
  assertCaughtBy(result, [
    [`${REPORT}:4`, "summary formula FORMULA1 writes Ticket__c$Minutes__c", "a dot, not $"],
    [`${REPORT}:13`, "TOTAL is not a summary"],
    [
      `${REPORT}:22`,
      "summary formula names Ticket__c.Points__c, which report type Tickets__c does not offer"
    ],
    [`${REPORT}:35`, "Ticket__c$Points__c is not in report type Tickets__c's sections"],
    [`${DASHBOARD}:64`, '"Longest by team": Maximum of Ticket__c$Minutes__c is not a summary'],
    [`${DASHBOARD}:78`, '"By ticket": Ticket__c$Name is not a grouping'],
    [`${DASHBOARD}:91`, '"Missing formula": FORMULA9 is not a summary']
  ]);
});
