// The render tests' scenarios: which page (a flexipage of the project, read by pages.mjs), what the platform answers
// (fixtures named after the Apex methods they stand in for), what a person must see, and which screenshot it makes.
// run.mjs runs them; every scenario with a page also gets the layout checks (browser/layout.js).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { flexipagePage } from "./pages.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Every relative time on the pages is measured from this instant (the fixtures are written around it).
export const NOW = "2026-11-24T15:00:00.000Z";
// A laptop screen: Lightning Experience's sidebar is then about 400 px wide, its main region about 830 px.
export const PAGE_WIDTH = 1280;

const fixture = (relative) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "force-app/main", relative), "utf8"));
const PANEL_DATA = "panel/lwc/callPanel/__tests__/data";
const ADMIN_DATA = "admin/lwc";
export const getCalls = fixture(`${PANEL_DATA}/CallPanelController.getCalls.json`);
export const getCallsRoutine = fixture(`${PANEL_DATA}/CallPanelController.getCalls.routine.json`);
const getCallsError = fixture(`${PANEL_DATA}/CallPanelController.getCalls.error.json`);
const getRecord = fixture(`${PANEL_DATA}/getRecord.json`);
export const getCallsConversation = fixture(`${PANEL_DATA}/CallPanelController.getCalls.conversation.json`);
const getHealth = fixture(`${ADMIN_DATA}/callCaptureHealth/__tests__/data/AdminController.getHealth.json`);
const attention = fixture(
  `${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.getCallsNeedingAttention.json`
);
const reprocessed = fixture(`${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.reprocess.json`);
const resolved = fixture(`${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.resolveMatch.json`);
const junkAndTexts = fixture(
  `${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.getCallsNeedingAttention.junkAndTexts.json`
);
const maintenance = fixture(
  `${ADMIN_DATA}/callMaintenance/__tests__/data/AdminController.getMaintenance.json`
);
const testRules = fixture(`${ADMIN_DATA}/callRuleTester/__tests__/data/RuleTesterController.testRules.json`);
const webhookSetup = fixture(
  "webhooks/lwc/callWebhookSetup/__tests__/data/WebhookSetupController.getSetup.json"
);

// What the standard components around the panel show (highlights panel, details tab).
const LEAD = {
  type: "Lead",
  icon: "lead",
  name: "Maria Rivera",
  actions: ["Convert", "Edit", "Delete"],
  highlights: [
    ["Title", "Homeowner"],
    ["Company", "Rivera Family Home"],
    ["Phone", "(415) 555-0142"],
    ["Email", "maria.rivera@example.com"]
  ],
  details: [
    ["Name", "Maria Rivera"],
    ["Lead Owner", "Alex Kim"],
    ["Company", "Rivera Family Home"],
    ["Lead Status", "Open - Not Contacted"],
    ["Phone", "(415) 555-0142"],
    ["Lead Source", "Phone Call - Emergency"],
    ["Email", "maria.rivera@example.com"],
    ["Rating", "Hot"],
    ["Address", "42 Elm Street, Austin, TX 78701"],
    ["Description", "Basement flooding from a burst pipe."]
  ]
};
const CONTACT = {
  type: "Contact",
  icon: "contact",
  name: "Dev Patel",
  actions: ["Edit", "Delete"],
  highlights: [
    ["Title", "Owner"],
    ["Account Name", "Dev Patel"],
    ["Phone", "(650) 555-0199"],
    ["Email", "dev.patel@example.com"]
  ],
  details: [
    ["Name", "Dev Patel"],
    ["Contact Owner", "Alex Kim"],
    ["Account Name", "Dev Patel"],
    ["Phone", "(650) 555-0199"],
    ["Email", "dev.patel@example.com"],
    ["Mailing Address", "9 Bay Road, Oakland, CA 94607"]
  ]
};
// The apps' navigation bars: Sales as a new org has it, and the Call Capture app's tabs (its CustomApplication).
const SALES_TABS = ["Home", "Leads", "Contacts", "Accounts", "Opportunities"];
const CALL_CAPTURE_TABS = ["Calls", "Call Capture Admin", "Dashboards", "Reports"];
const CONTACT_RECORD = { ...getRecord, apiName: "Contact", fields: { Name: { value: "Dev Patel" } } };

/**
 * The packaged record page of an object with the call panel where the page puts it (the sidebar), or moved to
 * another region, as an admin can in Lightning App Builder.
 */
function recordPage(object, panelProps = {}, { region } = {}) {
  const layout = flexipagePage(
    `force-app/main/panel/flexipages/Call_Capture_${object}_Record_Page.flexipage-meta.xml`,
    {
      place: region ? { callPanel: region } : {},
      props: { callPanel: { recordId: getRecord.id, objectApiName: object, ...panelProps } }
    }
  );
  return {
    layout: { ...layout, app: "Sales", tab: `${object}s`, tabs: SALES_TABS },
    recordView: object === "Lead" ? LEAD : CONTACT,
    record: object === "Lead" ? getRecord : CONTACT_RECORD
  };
}

const adminPage = (changes) => ({
  layout: {
    ...flexipagePage("force-app/main/admin/flexipages/Call_Capture_Admin.flexipage-meta.xml", changes),
    app: "Call Capture",
    tab: "Call Capture Admin",
    tabs: CALL_CAPTURE_TABS
  }
});

const calledBack = [{ ...getCalls[0], callbackOwed: false, callbackCompletedAt: NOW }, ...getCalls.slice(1)];
// A missed call with its callback owed, and a voicemail, as they arrive from a phone system.
export const missedWithCallback = [
  {
    ...getCalls[0],
    id: "a01Hn00000CALL60AAA",
    callId: "tw-CA60",
    disposition: "missed",
    answeredBy: "none",
    durationSeconds: 0,
    recordingUrl: null,
    transcript: null,
    summary: "Missed call from a known customer.",
    intelligence: {
      urgency: 3,
      rating: "Warm",
      callbackRequested: false,
      callbackDueAt: "2026-11-24T15:20:00.000Z",
      serviceInterest: null,
      budgetAmount: null,
      timeline: null,
      explanations: [{ kind: "Callback", rule: "Disposition", matched: "missed", source: "default" }]
    },
    ruleDescriptions: {},
    callbackOwed: true,
    // The round-robin's pick for a caller no one owns (business hours set the due time).
    callbackOwnerName: "Alex Kim"
  },
  getCalls[1]
];
// The missed call's caller was texted back a minute after the call.
const textedBack = [
  { ...missedWithCallback[0], textBackStatus: "Sent", textBackAt: "2026-11-24T14:53:40.000Z" },
  ...missedWithCallback.slice(1)
];
export const voicemail = [
  {
    ...getCallsRoutine[0],
    id: "a01Hn00000CALL61AAA",
    callId: "tw-CA61",
    disposition: "voicemail",
    answeredBy: "voicemail",
    durationSeconds: 38,
    transcript:
      "Hi, it's Dev Patel. The furnace is making a banging noise again, no heat upstairs. Please call me back tonight.",
    summary: "Voicemail: furnace banging, no heat upstairs.",
    intelligence: { ...getCallsRoutine[0].intelligence, callbackDueAt: "2026-11-24T15:10:00.000Z" },
    callbackOwed: true,
    turnStartsMs: []
  }
];
const liveArrival = {
  ...getCallsRoutine[0],
  id: "a01Hn00000CALL62AAA",
  callId: "vapi-CALL62",
  startedAt: "2026-11-24T14:59:00.000Z",
  disposition: "answered",
  answeredBy: "ai",
  intelligence: {
    ...getCallsRoutine[0].intelligence,
    urgency: 4,
    rating: "Hot",
    callbackDueAt: "2026-11-24T15:14:00.000Z"
  },
  summary: "No heat upstairs since this morning; wants someone today.",
  callbackOwed: true
};
const RULE_TESTER_TEXT =
  "Hi, we have a burst pipe in the kitchen and water on the floor, please call me back today. Our budget is $8,000-12,000 for the repair.";

/** Opens the panel's details (facts, recording, conversation, why) as a rep does, with one click. */
const openDetails = async (page) => {
  if ((await page.locator(".details-toggle").getAttribute("aria-expanded")) === "true") return;
  await page.locator(".details-toggle").click();
  await page.locator(".details:not(.slds-hide)").waitFor({ timeout: 3000 });
  // A person moves on after the click: no focus ring left on the toggle in the screenshots.
  await page.locator(".details-toggle").blur();
};

export const SCENARIOS = [
  {
    name: "panel-emergency-lead",
    page: recordPage("Lead", { trustedRecordingHosts: "recordings.example.com" }),
    apex: {
      "CallPanelController.getCalls": { data: getCalls },
      "CallPanelController.markCalledBack": {
        data: null,
        then: { "CallPanelController.getCalls": { data: calledBack } }
      }
    },
    heights: "Emergency, answered by the AI, transcript, 7 findings, 2 earlier calls",
    checkFont: true,
    async expect(page, check) {
      // The five-second read: who, why, how urgent and why, what to do next; the rest folded.
      await check.text(page, ".latest .caller", "Maria Rivera, Rivera Family Home");
      await check.text(
        page,
        ".latest .summary",
        "Basement flooding from a burst pipe; wants a plumber today."
      );
      await check.text(page, ".urgency-badge", "Urgency 5 · Emergency");
      await check.text(page, ".latest .urgency-reason", "Said “flooding”");
      await check.text(page, ".latest .callback-label", "Call back by 7:07 AM (in 7 minutes)");
      await check.text(page, ".latest .ending .label", "Answered by the AI receptionist");
      await check.text(page, ".latest .click-to-dial", "(415) 555-0142");
      await check.count(page, ".details.slds-hide", 1);
      await check.text(page, ".earlier-toggle", "Earlier calls (2)");
      const channels = await page.evaluate(() => window.__EMP_SUBSCRIPTIONS__);
      check.equal(channels, ["/event/Call_Captured__e"], "the panel listens for new calls");
    },
    screenshots: [
      { file: "panel-emergency-lead.png" },
      {
        file: "panel-emergency-details.png",
        async before(page, check) {
          await openDetails(page);
          await check.texts(page, ".details .fact dd", [
            "Hot",
            "Plumbing",
            "$10,000",
            "Immediate",
            "3 min 4 s"
          ]);
          await check.count(page, ".details audio", 1);
          // five findings: the three urgency phrases are one line of the Why list
          await check.count(page, ".details .explanations li", 5);
        }
      }
    ],
    async then(page, check) {
      await openDetails(page);
      await check.texts(page, ".transcript mark", [
        "flooding",
        "burst pipe",
        "emergency",
        "call me back",
        "$10,000"
      ]);
      // Marked by weight and underline as well as tint, in the transcript and in the Why list alike.
      const markStyles = await page.$$eval(".transcript mark, .explanations mark", (marks) => [
        ...new Set(
          marks.map(
            (mark) => `${getComputedStyle(mark).fontWeight} ${getComputedStyle(mark).textDecorationLine}`
          )
        )
      ]);
      check.equal(markStyles, ["700 underline"], "a highlight is never told by colour alone");
      await check.count(page, "audio", 1);
      await check.text(page, ".recording-length", "Recording, 3:04 long.");
      // The media's own metadata: the player knows the length before anyone presses play.
      const duration = await page.$eval("audio", (audio) =>
        audio.readyState >= 1
          ? Math.round(audio.duration)
          : new Promise((resolve) =>
              audio.addEventListener("loadedmetadata", () => resolve(Math.round(audio.duration)), {
                once: true
              })
            )
      );
      check.equal(duration, 184, "the recording's duration is known before it is played");
      await page.locator(".earlier-toggle").click();
      await check.texts(page, ".earlier-call .outcome", [
        "Lead updated",
        "Not on this record yet: the call is kept"
      ]);
      await check.texts(page, ".earlier-call .ending .label", ["Missed", "Left a voicemail"]);
      // Keyboard: the transcript toggle is a real button, so Enter works and the state is announced.
      await page.locator(".transcript-toggle").focus();
      await page.keyboard.press("Enter");
      check.equal(
        await page.locator(".transcript-toggle").getAttribute("aria-expanded"),
        "false",
        "Enter on the transcript toggle collapses it"
      );
      await page.getByRole("button", { name: "Mark called back" }).click();
      // Playwright's locators see into the (synthetic) shadow trees; document.querySelector does not.
      await page.locator(".latest .callback-label", { hasText: "Called back" }).waitFor({ timeout: 3000 });
      await check.text(page, ".latest .callback-label", "Called back just now");
      await check.count(page, ".mark-called-back", 0);
      const updates = await page.evaluate(() => window.__RECORD_UPDATES__);
      check.equal(
        updates,
        [{ recordId: getRecord.id }],
        "Mark called back notifies LDS that the record changed"
      );
      const toasts = await page.evaluate(() => window.__TOASTS__);
      check.equal(toasts?.[0]?.title, "Callback recorded", "Mark called back confirms with a toast");
    }
  },
  {
    name: "panel-main-region",
    page: recordPage("Lead", { trustedRecordingHosts: "recordings.example.com" }, { region: "main" }),
    apex: { "CallPanelController.getCalls": { data: getCalls } },
    heights: "Emergency in the main region",
    async expect(page, check) {
      const region = await page.$eval(
        "c-call-panel",
        (panel) => panel.closest("[data-region]").dataset.region
      );
      check.equal(region, "main", "the panel is in the main region");
      await check.text(page, ".latest .callback-label", "Call back by 7:07 AM (in 7 minutes)");
    },
    screenshots: [{ file: "panel-main-region.png" }]
  },
  {
    name: "panel-routine-recording",
    page: recordPage("Contact", { trustedRecordingHosts: "api.twilio.com" }),
    apex: { "CallPanelController.getCalls": { data: getCallsRoutine } },
    heights: "Routine, answered by a person, recording, long conversation",
    async expect(page, check) {
      await check.text(page, ".urgency-badge", "Urgency 1 · Routine");
      await check.text(page, ".latest .urgency-reason", "Said “no rush”");
      await check.text(page, ".latest .callback-label", "No callback needed");
    },
    async then(page, check) {
      await openDetails(page);
      await check.count(page, "audio[src]", 1);
      await check.text(page, ".recording-link", "Open the recording (api.twilio.com)");
      await check.texts(page, ".transcript mark", ["HVAC", "this month", "no rush"], { distinct: true });
      const speakers = await page.$$eval(".conversation .turn-speaker", (nodes) =>
        nodes.map((node) => node.textContent.trim())
      );
      check.equal(speakers.slice(0, 4), ["Your team", "Caller", "Caller", "Your team"], "who spoke first");
      const scrolls = await page.$eval(
        ".transcript .conversation",
        (node) => node.scrollHeight > node.clientHeight
      );
      check.equal(scrolls, true, "a long conversation scrolls inside its box");
    },
    screenshots: [{ file: "panel-routine-recording.png", region: "sidebar", before: openDetails }]
  },
  {
    name: "panel-conversation",
    page: recordPage("Lead", { trustedRecordingHosts: "recordings.example.com" }),
    apex: { "CallPanelController.getCalls": { data: getCallsConversation } },
    before: openDetails,
    async expect(page, check) {
      await check.text(page, ".transcript-toggle", "Conversation");
      await check.texts(page, ".conversation .turn-speaker", [
        "AI receptionist",
        "Caller",
        "AI receptionist",
        "Caller"
      ]);
      await check.texts(page, ".conversation .turn-time", ["0:00", "0:03", "0:09", "0:14"]);
      await check.texts(page, ".conversation mark", ["flooding", "call me back"]);
      await check.texts(page, ".description", ["Water in the home: an emergency."]);
    },
    screenshots: [{ file: "panel-conversation.png", region: "sidebar" }],
    async then(page, check) {
      // Keyboard path: Tab reaches the turn times, Enter moves the recording there. What is checked is the second the
      // panel asks the player for (recorded as it is set) and that the player got there; never a position read while
      // the recording plays on, which a busy machine reads a second later.
      await page.locator("audio").evaluate(async (audio) => {
        // A seek needs the media's metadata; a person presses Enter after the player shows the length.
        if (audio.readyState < 1) {
          await new Promise((resolve) => audio.addEventListener("loadedmetadata", resolve, { once: true }));
        }
        const position = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, "currentTime");
        window.__SEEKS__ = [];
        Object.defineProperty(audio, "currentTime", {
          configurable: true,
          get: () => position.get.call(audio),
          set: (seconds) => {
            window.__SEEKS__.push(seconds);
            position.set.call(audio, seconds);
          }
        });
        window.__SEEKED__ = new Promise((resolve) =>
          audio.addEventListener("seeked", () => resolve(position.get.call(audio)), { once: true })
        );
      });
      await page.locator(".conversation button.turn-time").nth(2).focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => window.__SEEKS__.length > 0, null, { timeout: 5000 });
      check.equal(
        await page.evaluate(() => window.__SEEKS__),
        [9],
        "Enter on a turn's time moves the recording to it"
      );
      const reached = await page.evaluate(() =>
        Promise.race([
          window.__SEEKED__,
          new Promise((resolve) => setTimeout(() => resolve("no seek"), 10000))
        ])
      );
      check.equal(reached >= 9, true, `the player reached the turn (at ${reached} s)`);
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.getAttribute("aria-label");
      });
      check.equal(focused, "Play the recording from 0:14", "Tab moves to the next turn's time");
    }
  },
  {
    name: "panel-missed-callback",
    page: recordPage("Lead"),
    apex: { "CallPanelController.getCalls": { data: missedWithCallback } },
    heights: "Missed call with a callback owed",
    async expect(page, check) {
      await check.text(page, ".latest .ending .label", "Missed");
      await check.text(page, ".latest .callback-label", "Call back by 7:20 AM (in 20 minutes)");
      await check.text(page, ".latest .callback-owner", "Assigned to Alex Kim");
      await check.count(page, ".latest .click-to-dial", 1);
      await check.count(page, ".latest .mark-called-back", 1);
      await check.count(page, ".transcript-toggle", 0);
      await check.count(page, "mark", 0);
      // Missed, never "0 s": the facts leave the length out, the call's ending says it.
      const facts = await page.$$eval(".details .fact dt", (nodes) => nodes.map((node) => node.textContent));
      check.equal(facts.includes("Duration"), false, "a missed call has no duration fact");
    },
    screenshots: [{ file: "panel-missed-callback.png", region: "sidebar" }]
  },
  {
    name: "panel-text-back",
    page: recordPage("Lead"),
    apex: { "CallPanelController.getCalls": { data: textedBack } },
    heights: "Missed call, texted back, callback owed",
    async expect(page, check) {
      await check.text(page, ".latest .ending .label", "Missed");
      // On the first screen, beside the callback: the caller has already heard from the business.
      const sentence = await page.$eval(".latest .text-back", (node) => node.textContent.trim());
      check.equal(sentence.startsWith("Texted the caller back: "), true, `text-back sentence: ${sentence}`);
      await check.text(page, ".latest .callback-label", "Call back by 7:20 AM (in 20 minutes)");
      await check.count(page, ".details.slds-hide .text-back", 0);
    },
    screenshots: [{ file: "panel-text-back.png", region: "sidebar" }]
  },
  {
    name: "panel-voicemail",
    page: recordPage("Contact", { trustedRecordingHosts: "api.twilio.com" }),
    apex: { "CallPanelController.getCalls": { data: voicemail } },
    heights: "Voicemail with a callback owed",
    async expect(page, check) {
      await check.text(page, ".latest .ending .label", "Left a voicemail");
      await check.text(page, ".latest .callback-label", "Call back by 7:10 AM (in 10 minutes)");
      await check.count(page, ".latest .click-to-dial", 1);
    },
    async then(page, check) {
      await openDetails(page);
      await check.text(page, ".recording-length", "Recording, 0:38 long.");
      await check.text(page, ".transcript-toggle", "Transcript");
    },
    screenshots: [{ file: "panel-voicemail.png", region: "sidebar" }]
  },
  {
    name: "panel-live-arrival",
    page: recordPage("Contact"),
    apex: { "CallPanelController.getCalls": { data: getCallsRoutine } },
    async before(page) {
      await page.evaluate(
        ({ recordId, calls }) => {
          window.__SCENARIO__.apex["CallPanelController.getCalls"] = { data: calls };
          window.__EMP_PUBLISH__("/event/Call_Captured__e", { Contact_Id__c: recordId.slice(0, 15) });
        },
        { recordId: getRecord.id, calls: [liveArrival, ...getCallsRoutine] }
      );
      await page.locator(".latest .urgency-badge", { hasText: "Urgent" }).waitFor({ timeout: 3000 });
    },
    async expect(page, check) {
      await check.text(page, ".urgency-badge", "Urgency 4 · Urgent");
      await check.text(page, ".latest .summary", liveArrival.summary);
      await check.text(page, ".live-message", "A new call just arrived.");
    },
    screenshots: [{ file: "panel-live-arrival.png", region: "sidebar" }]
  },
  {
    name: "panel-empty",
    page: recordPage("Lead"),
    apex: { "CallPanelController.getCalls": { data: [] } },
    async expect(page, check) {
      await check.text(
        page,
        ".empty",
        "No calls with Maria Rivera yet. Calls appear here as soon as the phone system sends them."
      );
    },
    screenshots: [{ file: "panel-empty.png", region: "sidebar" }]
  },
  {
    name: "panel-error",
    page: recordPage("Lead"),
    apex: { "CallPanelController.getCalls": { error: getCallsError } },
    async expect(page, check) {
      await check.text(page, "c-call-error-panel .headline", "The calls could not be loaded.");
      await check.text(page, "c-call-error-panel .messages", getCallsError.body.message);
      await check.count(page, "c-call-error-panel [role=alert]", 1);
    },
    screenshots: [{ file: "panel-error.png", region: "sidebar" }]
  },
  {
    name: "panel-loading",
    page: recordPage("Lead"),
    apex: { "CallPanelController.getCalls": { pending: true } },
    async expect(page, check) {
      await check.count(page, "lightning-spinner", 1);
    }
  },
  {
    name: "admin-page",
    page: adminPage(),
    apex: {
      "AdminController.getHealth": { data: getHealth },
      "AdminController.getCallsNeedingAttention": { data: attention },
      "AdminController.reprocess": {
        data: reprocessed,
        then: { "AdminController.getCallsNeedingAttention": { data: [attention[1]] } }
      },
      "AdminController.resolveMatch": { data: resolved },
      "AdminController.getMaintenance": { data: maintenance },
      "AdminController.startBackfill": {
        data: {
          ...maintenance,
          backfill: { ...maintenance.backfill, running: true, status: "Processing", batchesProcessed: 3 }
        }
      },
      "RuleTesterController.testRules": { data: testRules },
      "WebhookSetupController.getSetup": { data: webhookSetup }
    },
    async expect(page, check) {
      await check.text(page, ".status-label", "Call Capture needs attention");
      await check.text(page, 'tr[data-check="settings"] .value', "Invalid: see the problems below");
      await check.text(page, 'tr[data-check="permissions"] .value', "2 missing");
      await check.text(page, 'tr[data-check="failed"] .value', "3");
      await check.text(page, 'tr[data-check="review"] .value', "2");
      await check.texts(
        page,
        ".problem .message",
        getHealth.problems.map((problem) => problem.message)
      );
      await check.count(page, ".attention-call", 2);
      await check.count(page, ".candidates input[type=radio]", 2);
      await check.count(page, "tr.run", 2);
      await check.texts(page, "tr.run .checked", ["1840", "2302"]);
      await check.texts(page, "tr.run .failed summary", ["Errors"]);
    },
    screenshots: [
      { file: "admin-health.png" },
      { file: "admin-maintenance.png", component: "c-call-maintenance" },
      {
        file: "admin-rule-tester.png",
        region: "region3",
        async before(page, check) {
          await page.getByLabel("Transcript or summary").fill(RULE_TESTER_TEXT);
          await page.getByRole("button", { name: "Test rules" }).click();
          await page.waitForSelector(".result");
          const calls = await page.evaluate(() =>
            window.__APEX_CALLS__.filter((call) => call.name === "RuleTesterController.testRules")
          );
          check.equal(
            calls,
            [{ name: "RuleTesterController.testRules", params: { text: RULE_TESTER_TEXT } }],
            "the tester sends the pasted text"
          );
          await check.text(page, "c-call-rule-tester .urgency-badge", "Urgency 5 · Emergency");
          await check.texts(page, "c-call-rule-tester .fact dd", [
            "Hot",
            "Callback due in 15 minutes",
            "Plumbing",
            "$8,000–$12,000",
            "Immediate"
          ]);
          await check.texts(page, ".tested-text mark", [
            "burst pipe",
            "call me back",
            "today",
            "$8,000-12,000"
          ]);
          await check.count(page, "c-call-rule-tester .explanations li", 5);
        }
      }
    ],
    async then(page, check) {
      await page.getByRole("button", { name: "Reprocess", exact: true }).click();
      await page.waitForSelector(".outcomes");
      await check.text(page, ".outcomes", "nx-2026-1151: processed, records created");
      await check.count(page, ".attention-call", 1);
      await page.locator(".candidates label", { hasText: "Contact: Jordan Lee" }).click();
      await page.getByRole("button", { name: "Resolve match" }).click();
      await page.locator(".outcomes", { hasText: "records updated" }).waitFor({ timeout: 3000 });
      const calls = await page.evaluate(() =>
        window.__APEX_CALLS__.filter((call) => call.name === "AdminController.resolveMatch")
      );
      check.equal(
        calls[0]?.params,
        { callRecordId: attention[1].id, chosenRecordId: attention[1].candidates[1].id },
        "Resolve match sends the chosen candidate"
      );
      await page.getByRole("button", { name: "Start back-fill" }).click();
      await page
        .locator(".backfill-summary", { hasText: "Processing (3 of 12 batches)" })
        .waitFor({ timeout: 3000 });
      await check.count(page, ".start-backfill button[disabled]", 1);
    }
  },
  {
    // Calls the junk filter screened out and texts that did not go out, in the admin's list, not on a rep's page.
    name: "admin-junk-and-texts",
    page: adminPage(),
    apex: {
      "AdminController.getHealth": { data: getHealth },
      "AdminController.getCallsNeedingAttention": { data: junkAndTexts },
      "AdminController.getMaintenance": { data: maintenance },
      "RuleTesterController.testRules": { data: testRules },
      "WebhookSetupController.getSetup": { data: webhookSetup }
    },
    async expect(page, check) {
      await check.texts(page, ".attention-call .status", ["Filtered", "Text not sent"]);
      await check.count(page, ".attention-call .reprocess", 1);
      const label = await page.$eval(".attention-call .reprocess", (button) => button.label);
      check.equal(label, "Process as a real call", "the filtered call's button");
    },
    screenshots: [{ file: "admin-junk-and-texts.png", component: "c-call-attention-list" }]
  },
  {
    // An admin may rearrange the app page in Lightning App Builder: every admin component fits a half-width region.
    name: "admin-half-regions",
    page: adminPage({ place: { callCaptureHealth: "region2", callMaintenance: "region3" } }),
    apex: {
      "AdminController.getHealth": { data: getHealth },
      "AdminController.getCallsNeedingAttention": { data: attention },
      "AdminController.getMaintenance": { data: maintenance },
      "RuleTesterController.testRules": { data: testRules },
      "WebhookSetupController.getSetup": { data: webhookSetup }
    },
    async expect(page, check) {
      const regions = await page.$$eval(".lex-component", (wrappers) =>
        wrappers.map(
          (wrapper) => `${wrapper.dataset.component}:${wrapper.closest("[data-region]").dataset.region}`
        )
      );
      check.equal(
        regions,
        [
          "callCaptureHealth:region2",
          "callAttentionList:region2",
          "callMaintenance:region3",
          "callRuleTester:region3",
          "callWebhookSetup:region3"
        ],
        "the admin components in the two half-width regions"
      );
    }
  }
];

// The health card as it was before its cells could wrap (SLDS table cells never wrap): too wide for half a page.
const OLD_HEALTH_CELLS = "tr[data-check] th, tr[data-check] td { white-space: nowrap !important; }";
const oldAdminPage = ({ autoColumns }) => ({
  layout: {
    ...flexipagePage("force-app/main/admin/flexipages/Call_Capture_Admin.flexipage-meta.xml", {
      place: { callCaptureHealth: "region2", callMaintenance: "region3" }
    }),
    app: "Call Capture",
    tab: "Call Capture Admin",
    tabs: CALL_CAPTURE_TABS,
    autoColumns
  },
  plantedStyle: OLD_HEALTH_CELLS
});
const adminAnswers = {
  "AdminController.getHealth": { data: getHealth },
  "AdminController.getCallsNeedingAttention": { data: attention },
  "AdminController.getMaintenance": { data: maintenance },
  "RuleTesterController.testRules": { data: testRules },
  "WebhookSetupController.getSetup": { data: webhookSetup }
};

/**
 * Pages with planted layout defects: the layout checks must report each. Both are the old admin render: the health
 * card whose cells never wrapped, beside the calls needing attention. In columns that grow with their content (how the
 * render test used to lay components out) it squeezed the attention list into a sliver; in the template's equal
 * halves it sticks out of its region.
 */
export const PLANTED = [
  {
    name: "planted-old-admin-page",
    page: oldAdminPage({ autoColumns: true }),
    apex: adminAnswers,
    expectFindings: [/region region2 is \d+ px wide where its template gives it \d+ px/]
  },
  {
    name: "planted-old-health-in-half-region",
    page: oldAdminPage({ autoColumns: false }),
    apex: adminAnswers,
    expectFindings: [/region region2 scrolls sideways/]
  },
  {
    // What admin-health.png showed: the health card twice on one page.
    name: "planted-health-card-twice",
    page: (() => {
      const { layout } = adminPage();
      const health = layout.rows[0][0].components.find((component) => component.name === "callCaptureHealth");
      layout.rows[1][1].components.unshift(health);
      return { layout };
    })(),
    apex: adminAnswers,
    expectFindings: [/the card "Call Capture health" is on the page 2 times/]
  },
  {
    // A line of the panel that may not wrap runs out of the sidebar.
    name: "planted-panel-line-too-wide",
    page: { ...recordPage("Lead"), plantedStyle: ".latest .summary { white-space: nowrap; }" },
    apex: {
      "CallPanelController.getCalls": {
        data: [{ ...getCalls[0], summary: `${getCalls[0].summary} ${getCalls[0].transcript}` }]
      }
    },
    expectFindings: [/c-call-panel: p\.summary\S* sticks out of the component by \d+ px/]
  }
];
