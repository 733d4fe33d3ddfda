// Self-tests of the metadata step's platform-rule checks (docs/quality-gate.md): the Metadata API schema check,
// flexipage templates and regions, custom metadata validation rules on shipped records, report/report type/dashboard
// references, a trigger on an unknown object and the managed-package permission warnings. The fixture project
// test/gate/fixtures/metadata-rules plants one defect per rule beside valid files; each test asserts the module that
// caught it (by its message) at the defect's file and line, and the run as a whole fails with exactly these findings,
// so nothing valid beside them (the LWC targetConfigs, the valid flexipage, the shipped Default record, the valid
// report) is reported.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { assertExactly, assertFailedAt, repoRoot, runSteps, stepFindings } from "./gate-run.mjs";

// Through npm test's own runner, with the step before it: format must pass on the planted files, so only the
// metadata step can be the one that fails (a self-test must prove the check it names).
const run = runSteps("metadata-rules", ["metadata"]);

/** Findings (or warnings) of the run as "path/from/fixture:line: message", default package paths shortened. */
async function lines(kind) {
  const { output } = await run;
  return stepFindings(output).filter((l) =>
    kind === "warning" ? / warning: /.test(l) : !/ warning: /.test(l)
  );
}

/** Every expected [location, text] is reported, nothing else in the same files. */
async function assertReported(expected, files) {
  const actual = (await lines("finding")).filter((l) => files.some((f) => l.startsWith(`${f}:`)));
  assertExactly(actual, expected, `in ${files.join(", ")}`);
}

test("metadata-rules fixture: the metadata step fails with exactly the planted defects", async () => {
  const result = await run;
  assertFailedAt(result); // format passes on the planted files; metadata is the step failing
  assert.match(result.output, /metadata \(.*elements against the API 62\.0 schema.*\): 28 finding\(s\)/);
});

test("triggers: a trigger on an object that exists neither in the project nor on the platform", async () => {
  await assertReported(
    [["triggers/GhostTicketTrigger.trigger:2", "trigger on unknown object Ghost_Ticket__c"]],
    ["triggers/GhostTicketTrigger.trigger", "triggers/GhostTicketTrigger.trigger-meta.xml"]
  );
});

test("schema: once-only element twice, missing required element, bad enum, boolean, xsi:type, root not the suffix's type; a custom metadata date the calendar lacks", async () => {
  await assertReported(
    [
      ["objects/Ticket__c/fields/Summary__c.field-meta.xml:5", '<length>: "2x5" is not an integer (xsd:int)'],
      ["objects/Ticket__c/fields/Summary__c.field-meta.xml:6", '<required>: "no" is not a boolean'],
      [
        "objects/Ticket__c/fields/Summary__c.field-meta.xml:7",
        "<label> appears more than once in <CustomField>"
      ],
      ["objects/Ticket__c/listViews/All.listView-meta.xml:5", '"Everybody" is not a FilterScope'],
      [
        "objects/Ticket__c/compactLayouts/Ticket_Compact.compactLayout-meta.xml:2",
        "a .compactLayout-meta.xml file must hold a <CompactLayout>, not a <ListView>"
      ],
      [
        "objects/Ticket__c/validationRules/Priority_Range.validationRule-meta.xml:2",
        "missing the required element <errorMessage>"
      ],
      [
        "customMetadata/Queue_Setting.Typo.md-meta.xml:18",
        "xsi:type xsd:strin does not fit a Picklist field"
      ],
      [
        "customMetadata/Queue_Setting.Typo.md-meta.xml:19",
        'xsi:type="xsd:strin" on <value> is not an XML Schema simple type'
      ],
      // a Date value no calendar has: the pattern alone (YYYY-MM-DD) let it through
      [
        "customMetadata/Queue_Setting.Typo.md-meta.xml:22",
        'Queue_Setting__mdt.Opens_On__c: "2026-02-30" is not a date (YYYY-MM-DD)'
      ]
    ],
    [
      "objects/Ticket__c/fields/Summary__c.field-meta.xml",
      "objects/Ticket__c/fields/Priority__c.field-meta.xml",
      "objects/Ticket__c/listViews/All.listView-meta.xml",
      "objects/Ticket__c/compactLayouts/Ticket_Compact.compactLayout-meta.xml",
      "objects/Ticket__c/validationRules/Priority_Range.validationRule-meta.xml",
      "customMetadata/Queue_Setting.Typo.md-meta.xml",
      "lwc/ticketCard/ticketCard.js-meta.xml" // targetConfigs is XML in source: not reported
    ]
  );
});

test("flexipage templates: an unknown template, a region the template lacks, a template on the wrong page type, a region twice; schema: the element removed at API 49", async () => {
  await assertReported(
    [
      [
        "flexipages/Ticket_Home.flexipage-meta.xml:19",
        "template flexipage:appHomeTemplateHeaderFourColumns is not one"
      ],
      ["flexipages/Ticket_Record_Page.flexipage-meta.xml:5", "unknown element <componentInstances>"],
      [
        "flexipages/Ticket_Record_Page.flexipage-meta.xml:17",
        "region rightSidebar is not a region of flexipage:recordHomeTemplateDesktop (header, main, sidebar; evidence: trailheadapps/"
      ],
      ["flexipages/Ticket_Misused.flexipage-meta.xml:4", "region main appears twice"],
      [
        "flexipages/Ticket_Misused.flexipage-meta.xml:17",
        "template flexipage:recordHomeTemplateDesktop is for page type RecordPage, not AppPage"
      ]
    ],
    [
      "flexipages/Ticket_Home.flexipage-meta.xml",
      "flexipages/Ticket_Misused.flexipage-meta.xml",
      "flexipages/Ticket_Record_Page.flexipage-meta.xml",
      "flexipages/Ticket_Admin.flexipage-meta.xml"
    ]
  );
});

test("custom metadata validation rules: shipped and demo records a deploy would reject, a picklist misuse, an unknown field, a function the evaluator lacks", async () => {
  await assertReported(
    [
      [
        "customMetadata/Queue_Setting.Inverted.md-meta.xml:14",
        "validation rule Queue_Setting__mdt.Max_Not_Below_Min rejects record Inverted"
      ],
      [
        "config/demo-settings/customMetadata/Queue_Setting.Demo.md-meta.xml:1",
        "Queue_Setting__mdt.Mode_Required rejects record Demo"
      ],
      [
        "config/demo-settings/customMetadata/Queue_Setting.Demo.md-meta.xml:18",
        "Queue_Setting__mdt.Queue_Code_Format rejects record Demo"
      ],
      [
        "objects/Queue_Setting__mdt/validationRules/Fast_Needs_Short_Max.validationRule-meta.xml:5",
        "picklist misuse (Mode__c)"
      ],
      [
        "objects/Queue_Setting__mdt/validationRules/Ghost_Field_Cap.validationRule-meta.xml:5",
        "Queue_Setting__mdt has no field Ghost_Minutes__c"
      ],
      [
        "objects/Queue_Setting__mdt/validationRules/Mode_Case.validationRule-meta.xml:5",
        "function CASE is not implemented"
      ]
    ],
    [
      "customMetadata/Queue_Setting.Default.md-meta.xml",
      "customMetadata/Queue_Setting.Inverted.md-meta.xml",
      "config/demo-settings/customMetadata/Queue_Setting.Demo.md-meta.xml",
      "objects/Queue_Setting__mdt/validationRules/Max_Not_Below_Min.validationRule-meta.xml",
      "objects/Queue_Setting__mdt/validationRules/Mode_Required.validationRule-meta.xml",
      "objects/Queue_Setting__mdt/validationRules/Queue_Code_Format.validationRule-meta.xml",
      "objects/Queue_Setting__mdt/validationRules/Fast_Needs_Short_Max.validationRule-meta.xml",
      "objects/Queue_Setting__mdt/validationRules/Ghost_Field_Cap.validationRule-meta.xml",
      "objects/Queue_Setting__mdt/validationRules/Mode_Case.validationRule-meta.xml"
    ]
  );
});

test("reports: unknown report column, filter, report type field and table, a report on a missing report type, and a dashboard naming a missing report", async () => {
  await assertReported(
    [
      [
        "reports/Ticket_Reports/Stale_Tickets.report-meta.xml:7",
        "Ticket__c.Age_Days__c names an unknown field"
      ],
      [
        "reports/Ticket_Reports/Stale_Tickets.report-meta.xml:18",
        "Ticket__c.Status__c names an unknown field"
      ],
      ["reportTypes/Tickets_With_Leads.reportType-meta.xml:21", "unknown field Ticket__c.Severity__c"],
      [
        "reportTypes/Tickets_With_Leads.reportType-meta.xml:27",
        "Ticket__c has no child relationship Comments__r"
      ],
      [
        "reports/Ticket_Reports/Ghost_Tickets.report-meta.xml:20",
        "report Ghost_Tickets: unknown report type Ghost_Tickets__c"
      ],
      [
        "dashboards/Ticket_Dashboards/Ticket_Overview.dashboard-meta.xml:17",
        "dashboard names unknown report Ticket_Reports/Closed_Tickets"
      ]
    ],
    [
      "reports/Ticket_Reports/Stale_Tickets.report-meta.xml",
      "reports/Ticket_Reports/Open_Tickets.report-meta.xml",
      "reports/Ticket_Reports/Ghost_Tickets.report-meta.xml",
      "reportTypes/Tickets_With_Leads.reportType-meta.xml",
      "dashboards/Ticket_Dashboards/Ticket_Overview.dashboard-meta.xml",
      "reports/Ticket_Reports.reportFolder-meta.xml",
      "dashboards/Ticket_Dashboards.dashboardFolder-meta.xml"
    ]
  );
});

test("managed-package permissions: standard grants are warnings naming what the companion set covers", async () => {
  const warnings = await lines("warning");
  const expected = [
    [
      "permissionsets/Call_Capture_Admin.permissionset-meta.xml:32",
      "standard-object permission Lead (allowRead, allowEdit)",
      "granted by companion Ticket_Companion"
    ],
    [
      "permissionsets/Call_Capture_Admin.permissionset-meta.xml:46",
      "user permission ConvertLeads",
      "not granted by any companion"
    ],
    [
      "permissionsets/Call_Capture_Admin.permissionset-meta.xml:21",
      "standard-field permission Lead.Phone",
      "not granted by any companion"
    ]
  ];
  assertExactly(
    warnings,
    expected.map(([location, ...texts]) => [`${location}: warning`, ...texts]),
    "in the warnings (custom objects and fields install)"
  );
  // warnings never fail: the permission set files have no findings
  const findings = await lines("finding");
  assert.ok(!findings.some((l) => l.includes("permissionset-meta.xml")), findings.join("\n"));
});

test("admin grants: a custom object field the admin set does not grant is reported; a custom setting's fields are not", async () => {
  await assertReported(
    [
      [
        "objects/Ticket__c/fields/Resolution__c.field-meta.xml:1",
        "Ticket__c.Resolution__c is not granted (readable) by permission set Call_Capture_Admin"
      ]
    ],
    [
      "objects/Ticket__c/fields/Resolution__c.field-meta.xml",
      "objects/Ticket_Secret__c/fields/Api_Key__c.field-meta.xml"
    ]
  );
});

test("the vendored schema names its source commit and how to refresh it", () => {
  const schema = JSON.parse(
    fs.readFileSync(path.join(repoRoot, "scripts/check/schema/metadata-62.0.json"), "utf8")
  );
  assert.equal(schema.source.repository, "https://github.com/forcedotcom/wsdl");
  assert.equal(schema.source.path, "resources/metadata.wsdl");
  assert.equal(schema.source.commit, "813c5dea7ebdebfe349a14fd41ac639708ab0fa5");
  assert.equal(schema.source.apiVersion, "62.0");
  assert.match(schema.source.refresh, /build-metadata-schema\.mjs --wsdl-repo/);
  assert.ok(
    schema.types.FlexiPageRegion.el.itemInstances && !schema.types.FlexiPageRegion.el.componentInstances
  );
});

test("formula evaluator: precedence, text escapes, blanks and unsupported functions", async () => {
  const { evaluate, parseFormula } = await import("../../scripts/check/formula.mjs");
  const record = { Count__c: null, Name__c: "", Code__c: "EU-001", Kind__c: "Budget" };
  const value = (formula) => evaluate(parseFormula(formula), (field) => record[field]);
  assert.equal(value("1 + 2 * 3 = 7"), true, "* binds tighter than +, + tighter than =");
  assert.equal(value('"a" & "b" = "ab" && NOT(FALSE)'), true, "& concatenates; && and NOT");
  assert.equal(
    value('REGEX(Code__c, "[A-Z]{2}-\\\\d{3}")'),
    true,
    "\\\\ in a formula string is one backslash"
  );
  assert.equal(value('REGEX(Code__c, "[A-Z]{2}")'), false, "REGEX matches the whole text");
  assert.equal(value("Count__c < 0"), false, "a comparison with a blank number is false");
  assert.equal(value("ISBLANK(Count__c) && ISBLANK(Name__c)"), true, "blank number and blank text");
  assert.equal(value('ISPICKVAL(Kind__c, "Budget")'), true);
  assert.throws(() => parseFormula("CASE(Kind__c, 1, 2)"), /function CASE is not implemented/);
});

test("schema: dates and date-times are checked on the calendar, not only by shape", async () => {
  const { checkMetadataSchema, loadSchema } = await import("../../scripts/check/metadata-schema.mjs");
  const source = `<?xml version="1.0" encoding="UTF-8" ?>
<DataCalcInsightTemplate xmlns="http://soap.sforce.com/2006/04/metadata">
  <scheduleEndDate>2026-02-30</scheduleEndDate>
  <scheduleStartDateTime>2026-01-31T25:00:00Z</scheduleStartDateTime>
</DataCalcInsightTemplate>`;
  const { findings } = checkMetadataSchema({
    files: ["Insight.dataCalcInsightTemplate-meta.xml"],
    text: () => source,
    schema: loadSchema("62.0")
  });
  const messages = findings.map((f) => `${f.line}: ${f.message}`);
  assert.ok(
    messages.includes('3: <scheduleEndDate>: "2026-02-30" is not a date (YYYY-MM-DD)'),
    messages.join("\n")
  );
  assert.ok(
    messages.some((m) =>
      m.startsWith('4: <scheduleStartDateTime>: "2026-01-31T25:00:00Z" is not a date-time')
    ),
    messages.join("\n")
  );
});

test("schema: an unknown root type, a missing xmlns, children in a text element, text in a complex one, xsi:type and xsi:nil where not allowed", async () => {
  const { checkMetadataSchema, loadSchema } = await import("../../scripts/check/metadata-schema.mjs");
  const sources = {
    "Widget.gadget-meta.xml": `<?xml version="1.0" encoding="UTF-8" ?>
<Gadget xmlns="http://soap.sforce.com/2006/04/metadata">
  <name>x</name>
</Gadget>`,
    "Size__c.field-meta.xml": `<?xml version="1.0" encoding="UTF-8" ?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <fullName>Size__c</fullName>
  <label>Size<b>big</b></label>
  <length xsi:type="xsd:int">5</length>
  <required xsi:nil="true" />
  <valueSet>loose text</valueSet>
  <type>Text</type>
</CustomField>`,
    "Mine.listView-meta.xml": `<?xml version="1.0" encoding="UTF-8" ?>
<ListView>
  <fullName>Mine</fullName>
  <filterScope>Mine</filterScope>
  <label>Mine</label>
</ListView>`
  };
  const { findings } = checkMetadataSchema({
    files: Object.keys(sources),
    text: (file) => sources[file],
    schema: loadSchema("62.0")
  });
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line}: ${f.message}`),
    [
      "Widget.gadget-meta.xml:2: unknown metadata type <Gadget> (not in the Metadata API 62.0 schema)",
      "Size__c.field-meta.xml:4: <label> holds a xsd:string value, not child elements (found <b>)",
      'Size__c.field-meta.xml:5: <length> is a xsd:int: xsi:type="xsd:int" is not allowed here',
      "Size__c.field-meta.xml:6: <required> cannot be xsi:nil (CustomField.required is not nillable)",
      'Size__c.field-meta.xml:7: <valueSet> is a ValueSet: it holds child elements, not the text "loose text"',
      'Mine.listView-meta.xml:2: <ListView> must declare xmlns="http://soap.sforce.com/2006/04/metadata"'
    ]
  );
});
