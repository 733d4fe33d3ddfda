// Real-browser render tests of the Call Capture components: builds them with the open-source LWC
// compiler, lightning-base-components and SLDS, serves them on 127.0.0.1 with fixture data, drives
// Debian's Chromium through playwright-core, asserts what people see in each state, runs an axe scan
// (serious and critical violations fail) and writes screenshots to .tmp/screenshots/ (git-ignored: fonts
// differ per machine, so a test run must not rewrite tracked files).
// Usage: node test/ui/run.mjs   (npm run test:ui)
//        node test/ui/run.mjs --screenshots docs/screenshots   (npm run screenshots: refresh the docs)
import fs from "node:fs";
import http from "node:http";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { rollup } from "rollup";
import lwc from "@lwc/rollup-plugin";
import replace from "@rollup/plugin-replace";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Builds are cached by the hash of everything that goes into them (.tmp/ is git-ignored); a build is
// written to a private directory and renamed into place, so runs side by side never see half a build.
const BUILD_CACHE = path.join(ROOT, ".tmp/ui-build");
const screenshotsArg = process.argv.indexOf("--screenshots");
const screenshotsTo = screenshotsArg > 0 ? process.argv[screenshotsArg + 1] : ".tmp/screenshots";
// Without a directory, path.resolve would give ROOT and the screenshots would land in the repository's root.
if (!screenshotsTo || screenshotsTo.startsWith("--")) {
  throw new Error("--screenshots needs a directory, e.g. --screenshots docs/screenshots");
}
const SCREENSHOT_DIR = path.resolve(ROOT, screenshotsTo);
const BROWSER_DIR = path.join(ROOT, "test/ui/browser");
const SLDS_ASSETS = path.join(
  path.dirname(require.resolve("@salesforce-ux/design-system/package.json")),
  "assets"
);
const LBC_DIR = path.dirname(require.resolve("lightning-base-components/package.json"));
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CONCURRENCY = Number(process.env.UI_CONCURRENCY || 2);
// Every relative time on the pages is measured from this instant (the fixtures are written around it).
const NOW = "2026-11-24T15:00:00.000Z";

const startedAt = Date.now();
const failures = [];
const timings = {};

// ----------------------------------------------------------------------------------------------
// Build

/** The project's components as c/<name>, wherever their capability folder is. */
function componentModules() {
  const records = [];
  for (const area of fs.readdirSync(path.join(ROOT, "force-app/main"))) {
    const lwcDir = path.join(ROOT, "force-app/main", area, "lwc");
    if (!fs.existsSync(lwcDir)) continue;
    for (const name of fs.readdirSync(lwcDir)) {
      const entry = path.join(lwcDir, name, `${name}.js`);
      if (fs.existsSync(entry)) records.push({ name: `c/${name}`, path: entry });
    }
  }
  return records;
}

/**
 * The icons the project's components name (utility:call, standard:call, …). The base components ship
 * every SLDS icon as a compiled template (thousands, ~40 s to compile); the build includes only these,
 * as the same real templates.
 */
function iconsInUse() {
  const byCategory = new Map();
  for (const { path: entry } of componentModules()) {
    const dir = path.dirname(entry);
    for (const file of fs.readdirSync(dir).filter((name) => /\.(js|html)$/.test(name))) {
      const source = fs.readFileSync(path.join(dir, file), "utf8");
      for (const [, category, name] of source.matchAll(
        /\b(utility|standard|action|custom|doctype):([a-z0-9_]+)/g
      )) {
        if (!byCategory.has(category)) byCategory.set(category, new Set());
        byCategory.get(category).add(name);
      }
    }
  }
  return byCategory;
}

function iconLibrary(category, names) {
  const capitalised = category[0].toUpperCase() + category.slice(1);
  const dir = path.join(
    LBC_DIR,
    "src/lightning",
    `iconSvgTemplates${capitalised}`,
    "buildTemplates",
    category
  );
  const available = [...names].filter((name) => fs.existsSync(path.join(dir, `${name}.html`)));
  // An icon name SLDS does not have renders as nothing in the org too.
  for (const name of [...names].filter((each) => !available.includes(each))) {
    failures.push(`icon ${category}:${name} is named in a component but does not exist in SLDS`);
  }
  const imports = available.map(
    (name, index) => `import icon${index} from ${JSON.stringify(path.join(dir, `${name}.html`))};`
  );
  const entries = available.map((name, index) => `  ${JSON.stringify(`${category}_${name}`)}: icon${index}`);
  return `${imports.join("\n")}\nexport default {\n${entries.join(",\n")}\n};`;
}

/** Stand-ins for what only the Salesforce platform provides: Apex, LDS, toasts and scoped imports. */
function platformStandIns() {
  const icons = iconsInUse();
  const browserFile = (name) => path.join(BROWSER_DIR, name);
  const fixed = {
    lwc: path.join(ROOT, "node_modules/lwc/engine-dom.js"),
    // Lightning Experience renders components in synthetic shadow, which is what lets the global SLDS
    // stylesheet style them; the import is side effects only, so tell rollup to keep it.
    "@lwc/synthetic-shadow": {
      id: path.join(ROOT, "node_modules/lwc/node_modules/@lwc/synthetic-shadow/dist/index.js"),
      moduleSideEffects: true
    },
    "lightning/uiRecordApi": browserFile("uiRecordApi.js"),
    "lightning/platformShowToastEvent": browserFile("toast.js"),
    "lightning/empApi": browserFile("empApi.js")
  };
  return {
    name: "platform-stand-ins",
    resolveId(source) {
      if (fixed[source]) return fixed[source];
      if (source === "@salesforce/apex" || source.startsWith("@salesforce/apex/")) return `\0${source}`;
      if (source.startsWith("@salesforce/schema/")) return `\0${source}`;
      const iconTemplates = source.match(/^lightning\/iconSvgTemplates([A-Z][a-z]+)(Rtl)?$/);
      if (iconTemplates) return `\0icons:${iconTemplates[1].toLowerCase()}`;
      // Scoped imports the base components ship stand-ins for (@salesforce/i18n/locale, …).
      const scoped = source.match(/^@salesforce\/([^/]+)\/(.+)$/);
      if (scoped) {
        const file = path.join(LBC_DIR, "scopedImports", `@salesforce-${scoped[1]}-${scoped[2]}.js`);
        if (fs.existsSync(file)) return file;
      }
      return null;
    },
    load(id) {
      if (id.startsWith("\0icons:")) {
        const category = id.slice("\0icons:".length);
        return iconLibrary(category, icons.get(category) || new Set());
      }
      if (id.startsWith("\0@salesforce/schema/")) {
        // As in an org without a namespace: { objectApiName } or { objectApiName, fieldApiName }.
        const [objectApiName, fieldApiName] = id.slice("\0@salesforce/schema/".length).split(".");
        return `export default ${JSON.stringify(fieldApiName ? { objectApiName, fieldApiName } : { objectApiName })};`;
      }
      if (id === "\0@salesforce/apex") {
        return `export { refreshApex } from ${JSON.stringify(browserFile("apex.js"))};`;
      }
      if (id.startsWith("\0@salesforce/apex/")) {
        const name = id.slice("\0@salesforce/apex/".length);
        return `import { apexMethod } from ${JSON.stringify(browserFile("apex.js"))};\nexport default apexMethod(${JSON.stringify(name)});`;
      }
      return null;
    }
  };
}

/** The hash of the build's inputs: components (not their tests), the browser code, this file, the lockfile. */
function buildKey() {
  const hash = crypto.createHash("sha256");
  const add = (file) => hash.update(file).update(fs.readFileSync(file));
  const walk = (dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name !== "__tests__")
      .sort((a, b) => a.name.localeCompare(b.name))
      .forEach((entry) =>
        entry.isDirectory() ? walk(path.join(dir, entry.name)) : add(path.join(dir, entry.name))
      );
  componentModules().forEach((module) => walk(path.dirname(module.path)));
  walk(BROWSER_DIR);
  add(fileURLToPath(import.meta.url));
  add(path.join(ROOT, "package-lock.json"));
  return hash.digest("hex").slice(0, 16);
}

/** Builds the page's bundle unless the same inputs were built before; returns its directory. */
async function build() {
  const dir = path.join(BUILD_CACHE, buildKey());
  if (fs.existsSync(path.join(dir, "main.js"))) {
    return { dir, cached: true };
  }
  fs.mkdirSync(BUILD_CACHE, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(BUILD_CACHE, "building-"));
  const bundle = await rollup({
    input: path.join(BROWSER_DIR, "main.js"),
    plugins: [
      platformStandIns(),
      replace({
        preventAssignment: true,
        values: { "process.env.NODE_ENV": JSON.stringify("production"), "import.meta.env.SSR": "false" }
      }),
      lwc({
        modules: [
          ...componentModules(),
          // Base components the open-source build does not ship, as stand-ins that render what they do.
          { name: "lightning/clickToDial", path: path.join(BROWSER_DIR, "clickToDial/clickToDial.js") },
          { npm: "lightning-base-components" }
        ],
        enableDynamicComponents: true
      }),
      nodeResolve()
    ],
    onwarn(warning, warn) {
      if (["CIRCULAR_DEPENDENCY", "THIS_IS_UNDEFINED"].includes(warning.code)) return;
      // The base components' own templates trip a few compiler warnings (duplicate slots); not ours.
      if (String(warning.id || warning.loc?.file || "").includes("lightning-base-components")) return;
      warn(warning);
    }
  });
  // Icon templates are dynamic imports, so the output is a directory of chunks.
  await bundle.write({ dir: scratch, format: "esm" });
  await bundle.close();
  try {
    fs.renameSync(scratch, dir);
  } catch {
    // Another run finished the same build first: use theirs.
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  // Keep only this build: earlier ones were for sources that have since changed.
  for (const name of fs.readdirSync(BUILD_CACHE)) {
    if (name !== path.basename(dir) && !name.startsWith("building-")) {
      fs.rmSync(path.join(BUILD_CACHE, name), { recursive: true, force: true });
    }
  }
  return { dir, cached: false };
}

// ----------------------------------------------------------------------------------------------
// Serve

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Call Capture components</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css" />
    <style>
      html, body { background: #f3f3f3; }
      body { margin: 0; padding: 1rem; }
      #root { display: grid; gap: 1rem; align-items: start; }
    </style>
  </head>
  <body>
    <main>
      <h1 class="slds-assistive-text">Call Capture components</h1>
      <div id="root"></div>
    </main>
    <script type="module" src="/build/main.js"></script>
  </body>
</html>`;

const TYPES = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".svg": "image/svg+xml",
  ".png": "image/png"
};

function serve(buildDir) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const send = (file) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        response.writeHead(404).end();
        return;
      }
      // Cacheable: every scenario page reuses the bundle, the stylesheet and the fonts.
      response.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "max-age=3600"
      });
      fs.createReadStream(file).pipe(response);
    };
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    } else if (url.pathname.startsWith("/build/")) {
      send(path.join(buildDir, path.normalize(url.pathname.slice("/build/".length))));
    } else if (url.pathname.startsWith("/assets/")) {
      send(path.join(SLDS_ASSETS, path.normalize(url.pathname.slice("/assets/".length))));
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ----------------------------------------------------------------------------------------------
// Scenarios: what is on the page, what the platform answers, and what must be seen.

const fixture = (relative) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "force-app/main", relative), "utf8"));
const PANEL_DATA = "panel/lwc/callPanel/__tests__/data";
const ADMIN_DATA = "admin/lwc";
const getCalls = fixture(`${PANEL_DATA}/CallPanelController.getCalls.json`);
const getCallsRoutine = fixture(`${PANEL_DATA}/CallPanelController.getCalls.routine.json`);
const getCallsError = fixture(`${PANEL_DATA}/CallPanelController.getCalls.error.json`);
const getRecord = fixture(`${PANEL_DATA}/getRecord.json`);
const getCallsConversation = fixture(`${PANEL_DATA}/CallPanelController.getCalls.conversation.json`);
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

const panel = (props = {}) => ({
  tag: "c-call-panel",
  props: { recordId: getRecord.id, objectApiName: "Lead", maxCalls: 5, ...props }
});
const calledBack = [{ ...getCalls[0], callbackOwed: false, callbackCompletedAt: NOW }, ...getCalls.slice(1)];
// A missed call with its callback owed, and a voicemail, as they arrive from a phone system.
const missedWithCallback = [
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
    urgency: 3,
    rating: "Warm",
    callbackRequested: false,
    callbackOwed: true,
    callbackDue: "2026-11-24T15:20:00.000Z",
    serviceInterest: null,
    budgetAmount: null,
    timeline: null,
    explanations: [{ kind: "Callback", rule: "Disposition", matched: "missed", source: "default" }]
  },
  getCalls[1]
];
// The missed call's caller was texted back a minute after the call (textback/).
const textedBack = [
  { ...missedWithCallback[0], textBackStatus: "Sent", textBackAt: "2026-11-24T14:53:40.000Z" },
  ...missedWithCallback.slice(1)
];
const voicemail = [
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
    callbackOwed: true,
    callbackDue: "2026-11-24T15:10:00.000Z",
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
  urgency: 4,
  rating: "Hot",
  summary: "No heat upstairs since this morning; wants someone today.",
  callbackOwed: true,
  callbackDue: "2026-11-24T15:14:00.000Z"
};
const RULE_TESTER_TEXT =
  "Hi, we have a burst pipe in the kitchen and water on the floor, please call me back today. Our budget is $8,000-12,000 for the repair.";

const SCENARIOS = [
  {
    name: "panel-emergency-lead",
    width: 480,
    page: {
      components: [panel({ trustedRecordingHosts: "recordings.example.com" })],
      record: getRecord,
      apex: {
        "CallPanelController.getCalls": { data: getCalls },
        "CallPanelController.markCalledBack": {
          data: null,
          then: { "CallPanelController.getCalls": { data: calledBack } }
        }
      }
    },
    async expect(page, check) {
      await check.text(page, ".urgency-badge", "Urgency 5 · Emergency");
      await check.text(page, ".latest .callback-label", "Callback due in 7 minutes");
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
      await check.text(page, ".latest .ending .label", "Answered by the AI receptionist");
      await check.text(page, ".latest .click-to-dial", "(415) 555-0142");
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
      await check.texts(page, ".earlier-call .outcome", [
        "Lead updated",
        "Not saved to the record yet: an admin will reprocess it"
      ]);
      await check.texts(page, ".earlier-call .ending .label", ["Missed", "Left a voicemail"]);
      const channels = await page.evaluate(() => window.__EMP_SUBSCRIPTIONS__);
      check.equal(channels, ["/event/Call_Captured__e"], "the panel listens for new calls");
    },
    screenshot: "panel-emergency-lead.png",
    async then(page, check) {
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
    name: "panel-routine-recording",
    width: 480,
    page: {
      components: [panel({ objectApiName: "Contact", trustedRecordingHosts: "api.twilio.com" })],
      record: { ...getRecord, apiName: "Contact", fields: { Name: { value: "Dev Patel" } } },
      apex: { "CallPanelController.getCalls": { data: getCallsRoutine } }
    },
    async expect(page, check) {
      await check.text(page, ".urgency-badge", "Urgency 1 · Routine");
      await check.text(page, ".latest .callback-label", "No callback requested");
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
    screenshot: "panel-routine-recording.png"
  },
  {
    name: "panel-conversation",
    width: 480,
    page: {
      components: [panel({ trustedRecordingHosts: "recordings.example.com" })],
      record: getRecord,
      apex: { "CallPanelController.getCalls": { data: getCallsConversation } }
    },
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
    screenshot: "panel-conversation.png",
    async then(page, check) {
      // Keyboard path: Tab reaches the turn times, Enter moves the recording there.
      await page.locator(".conversation button.turn-time").nth(2).focus();
      await page.keyboard.press("Enter");
      // The player moves once the media is ready; give it a moment, as a person would.
      const position = await page.locator("audio").evaluate(
        (audio) =>
          new Promise((resolve) => {
            const settle = () => resolve(Math.round(audio.currentTime));
            if (audio.currentTime >= 9) settle();
            audio.addEventListener("seeked", settle, { once: true });
            setTimeout(settle, 3000);
          })
      );
      check.equal(position, 9, "Enter on a turn's time moves the recording to it");
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
    width: 480,
    page: {
      components: [panel()],
      record: getRecord,
      apex: { "CallPanelController.getCalls": { data: missedWithCallback } }
    },
    async expect(page, check) {
      await check.text(page, ".latest .ending .label", "Missed");
      await check.text(page, ".latest .callback-label", "Callback due in 20 minutes");
      await check.count(page, ".latest .click-to-dial", 1);
      await check.count(page, ".latest .mark-called-back", 1);
      await check.count(page, ".transcript-toggle", 0);
      await check.count(page, "mark", 0);
    },
    screenshot: "panel-missed-callback.png"
  },
  {
    name: "panel-text-back",
    width: 480,
    page: {
      components: [panel()],
      record: getRecord,
      apex: { "CallPanelController.getCalls": { data: textedBack } }
    },
    async expect(page, check) {
      await check.text(page, ".latest .ending .label", "Missed");
      const sentence = await page.$eval(".text-back", (node) => node.textContent.trim());
      check.equal(sentence.startsWith("Texted the caller back: "), true, `text-back sentence: ${sentence}`);
      await check.text(page, ".latest .callback-label", "Callback due in 20 minutes");
    },
    screenshot: "panel-text-back.png"
  },
  {
    name: "admin-junk-and-texts",
    width: 720,
    page: {
      components: [{ tag: "c-call-attention-list" }],
      apex: { "AdminController.getCallsNeedingAttention": { data: junkAndTexts } }
    },
    async expect(page, check) {
      await check.texts(page, ".attention-call .status", ["Filtered", "Text not sent"]);
      await check.count(page, ".attention-call .reprocess", 1);
      const label = await page.$eval(".attention-call .reprocess", (button) => button.label);
      check.equal(label, "Process as a real call", "the filtered call's button");
    },
    screenshot: "admin-junk-and-texts.png"
  },
  {
    name: "panel-voicemail",
    width: 480,
    page: {
      components: [panel({ objectApiName: "Contact", trustedRecordingHosts: "api.twilio.com" })],
      record: { ...getRecord, apiName: "Contact", fields: { Name: { value: "Dev Patel" } } },
      apex: { "CallPanelController.getCalls": { data: voicemail } }
    },
    async expect(page, check) {
      await check.text(page, ".latest .ending .label", "Left a voicemail");
      await check.text(page, ".recording-length", "Recording, 0:38 long.");
      await check.text(page, ".transcript-toggle", "Transcript");
      await check.count(page, ".latest .click-to-dial", 1);
    },
    screenshot: "panel-voicemail.png"
  },
  {
    name: "panel-live-arrival",
    width: 480,
    page: {
      components: [panel({ objectApiName: "Contact" })],
      record: { ...getRecord, apiName: "Contact", fields: { Name: { value: "Dev Patel" } } },
      apex: { "CallPanelController.getCalls": { data: getCallsRoutine } }
    },
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
    screenshot: "panel-live-arrival.png"
  },
  {
    name: "panel-empty",
    width: 480,
    page: {
      components: [panel()],
      record: getRecord,
      apex: { "CallPanelController.getCalls": { data: [] } }
    },
    async expect(page, check) {
      await check.text(
        page,
        ".empty",
        "No calls with Maria Rivera yet. Calls appear here as soon as the phone system sends them."
      );
    },
    screenshot: "panel-empty.png"
  },
  {
    name: "panel-error",
    width: 480,
    page: {
      components: [panel()],
      record: getRecord,
      apex: { "CallPanelController.getCalls": { error: getCallsError } }
    },
    async expect(page, check) {
      await check.text(page, "c-call-error-panel .headline", "The calls could not be loaded.");
      await check.text(page, "c-call-error-panel .messages", getCallsError.body.message);
      await check.count(page, "c-call-error-panel [role=alert]", 1);
    },
    screenshot: "panel-error.png"
  },
  {
    name: "panel-loading",
    width: 480,
    page: {
      components: [panel()],
      record: getRecord,
      apex: { "CallPanelController.getCalls": { pending: true } }
    },
    async expect(page, check) {
      await check.count(page, "lightning-spinner", 1);
    }
  },
  {
    name: "admin-health",
    width: 1280,
    page: {
      columns: "1fr 1fr",
      components: [{ tag: "c-call-capture-health" }, { tag: "c-call-attention-list" }],
      apex: {
        "AdminController.getHealth": { data: getHealth },
        "AdminController.getCallsNeedingAttention": { data: attention },
        "AdminController.reprocess": {
          data: reprocessed,
          then: { "AdminController.getCallsNeedingAttention": { data: [attention[1]] } }
        },
        "AdminController.resolveMatch": { data: resolved }
      }
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
    },
    screenshot: "admin-health.png",
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
    }
  },
  {
    name: "admin-rule-tester",
    width: 900,
    page: {
      components: [{ tag: "c-call-rule-tester" }],
      apex: { "RuleTesterController.testRules": { data: testRules } }
    },
    async before(page) {
      await page.getByLabel("Transcript or summary").fill(RULE_TESTER_TEXT);
      await page.getByRole("button", { name: "Test rules" }).click();
      await page.waitForSelector(".result");
    },
    async expect(page, check) {
      const calls = await page.evaluate(() => window.__APEX_CALLS__);
      check.equal(
        calls,
        [{ name: "RuleTesterController.testRules", params: { text: RULE_TESTER_TEXT } }],
        "the tester sends the pasted text"
      );
      await check.text(page, ".urgency-badge", "Urgency 5 · Emergency");
      await check.texts(page, ".fact dd", [
        "Hot",
        "Callback due in 15 minutes",
        "Plumbing",
        "$8,000–$12,000",
        "Immediate"
      ]);
      await check.texts(page, ".tested-text mark", ["burst pipe", "call me back", "today", "$8,000-12,000"]);
      await check.count(page, ".explanations li", 5);
    },
    screenshot: "admin-rule-tester.png"
  },
  {
    name: "admin-maintenance",
    width: 900,
    page: {
      components: [{ tag: "c-call-maintenance" }],
      apex: {
        "AdminController.getMaintenance": { data: maintenance },
        "AdminController.startBackfill": {
          data: {
            ...maintenance,
            backfill: { ...maintenance.backfill, running: true, status: "Processing", batchesProcessed: 3 }
          }
        }
      }
    },
    async expect(page, check) {
      await check.count(page, "tr.run", 2);
      await check.texts(page, "tr.run .checked", ["1840", "2302"]);
      await check.texts(page, "tr.run .failed summary", ["Errors"]);
    },
    screenshot: "admin-maintenance.png",
    async then(page, check) {
      await page.getByRole("button", { name: "Start back-fill" }).click();
      await page
        .locator(".backfill-summary", { hasText: "Processing (3 of 12 batches)" })
        .waitFor({ timeout: 3000 });
      await check.count(page, ".start-backfill button[disabled]", 1);
    }
  }
];

// ----------------------------------------------------------------------------------------------
// Checks

function checksFor(scenarioName) {
  const fail = (message) => failures.push(`${scenarioName}: ${message}`);
  const clean = (text) => text.replace(/\s+/g, " ").trim();
  const equal = (actual, expected, message) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      fail(`${message}\n    expected ${JSON.stringify(expected)}\n    received ${JSON.stringify(actual)}`);
    }
  };
  return {
    equal,
    async text(page, selector, expected) {
      const found = await page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent));
      equal(found.map(clean), [expected], `text of ${selector}`);
    },
    async texts(page, selector, expected, { distinct = false } = {}) {
      const found = (await page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent))).map(
        clean
      );
      equal(distinct ? [...new Set(found)] : found, expected, `texts of ${selector}`);
    },
    async count(page, selector, expected) {
      equal(await page.$$eval(selector, (nodes) => nodes.length), expected, `number of ${selector}`);
    }
  };
}

async function axeScan(page, scenarioName) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 3)
    }));
  });
  for (const violation of violations) {
    const line = `axe ${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.join(", ")}`;
    if (["serious", "critical"].includes(violation.impact)) failures.push(`${scenarioName}: ${line}`);
    else console.log(`  note ${scenarioName}: ${line}`);
  }
}

// Pages open this tall, so every scenario fits without resizing; screenshots are cut to the content.
const VIEWPORT_HEIGHT = 2400;
const MIN_SCREENSHOT_HEIGHT = 900;

/**
 * A screenshot of the scenario alone, cut to its content (at least 900 px, as the screenshots always were).
 * Not fullPage: a page taller than the viewport is captured by resizing it, and Chromium then sometimes
 * painted the top of the page again below the first screen (a second "Calls" card in
 * panel-emergency-lead.png). The viewport is tall enough from the start, so nothing is resized.
 */
async function screenshot(page, scenario) {
  const contentHeight = await page.evaluate(() => {
    const padding = parseFloat(getComputedStyle(document.body).paddingBottom);
    return Math.ceil(document.querySelector("main").getBoundingClientRect().bottom + padding);
  });
  const height = Math.min(Math.max(contentHeight, MIN_SCREENSHOT_HEIGHT), VIEWPORT_HEIGHT);
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, scenario.screenshot),
    clip: { x: 0, y: 0, width: scenario.width, height }
  });
}

/**
 * Waits until the page has loaded what it asked for (the bundle's chunks, icon templates, fonts) and asked
 * for nothing more for a moment. Like Playwright's "networkidle", but recordings do not count: a media
 * element keeps its connection open while it buffers, which held "networkidle" back for 16 s per page.
 */
function trackRequests(page) {
  const pending = new Set();
  let lastChange = Date.now();
  const counts = (request) => request.resourceType() !== "media";
  const done = (request) => {
    pending.delete(request);
    lastChange = Date.now();
  };
  page.on("request", (request) => {
    if (counts(request)) {
      pending.add(request);
      lastChange = Date.now();
    }
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return async (quietMs = 300, timeoutMs = 15000) => {
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0 || Date.now() - lastChange < quietMs) {
      if (Date.now() > deadline)
        throw new Error(`requests still pending: ${[...pending].map((r) => r.url())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

async function runScenario(context, baseUrl, scenario) {
  const page = await context.newPage();
  await page.setViewportSize({ width: scenario.width, height: VIEWPORT_HEIGHT });
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  await page.addInitScript((scenarioPage) => {
    window.__SCENARIO__ = scenarioPage;
  }, scenario.page);
  const quiet = trackRequests(page);
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.__MOUNTED__ === true);
  // Rendering and the fixture answers are synchronous microtasks; wait until base components settle.
  await quiet();
  const check = checksFor(scenario.name);
  try {
    if (scenario.before) await scenario.before(page, check);
    await scenario.expect(page, check);
    await axeScan(page, scenario.name);
    if (scenario.screenshot) await screenshot(page, scenario);
    if (scenario.then) await scenario.then(page, check);
  } catch (error) {
    failures.push(`${scenario.name}: ${error.message.split("\n")[0]}`);
  } finally {
    for (const error of pageErrors) failures.push(`${scenario.name}: browser error: ${error}`);
    await page.close();
  }
}

/** The length of the fixture call whose recording a URL is, else 60 s. */
function recordingSeconds(url) {
  const calls = [...getCalls, ...getCallsRoutine, ...getCallsConversation, ...voicemail];
  return calls.find((call) => call.recordingUrl === url)?.durationSeconds || 60;
}

/** A WAV file of silence: 8 kHz, 8-bit mono PCM. */
function silentWav(seconds) {
  const rate = 8000;
  const samples = rate * seconds;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples, 128)]);
}

async function main() {
  const lines = new Map();
  let at = Date.now();
  // UI_ONLY=<name> runs one scenario.
  const { dir: buildDir, cached } = await build();
  timings.build = `${Date.now() - at} ms${cached ? " (cached)" : ""}`;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const server = await serve(buildDir);
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  at = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none"
    ]
  });
  try {
    // One context, so the bundle is fetched and compiled once (HTTP and code cache); a page per scenario.
    const context = await browser.newContext({
      deviceScaleFactor: 1,
      locale: "en-US",
      timezoneId: "America/Los_Angeles",
      reducedMotion: "reduce"
    });
    await context.clock.setFixedTime(new Date(NOW));
    // Recording hosts are not reachable from here: answer them with silence of the call's length, so the
    // player shows the real duration from the media's metadata and seeking works.
    await context.route(/^https:\/\//, (route) => {
      const wav = silentWav(recordingSeconds(route.request().url()));
      // Media elements read in byte ranges; answer them as a real host does, or the player cannot seek.
      const range = /bytes=(\d+)-(\d*)/.exec(route.request().headers().range || "");
      const start = range ? Number(range[1]) : 0;
      const end = range && range[2] ? Math.min(Number(range[2]), wav.length - 1) : wav.length - 1;
      return route.fulfill({
        status: range ? 206 : 200,
        contentType: "audio/wav",
        headers: {
          "accept-ranges": "bytes",
          ...(range ? { "content-range": `bytes ${start}-${end}/${wav.length}` } : {})
        },
        body: wav.subarray(start, end + 1)
      });
    });
    // Scenarios are independent pages: run a couple at once to keep the suite short.
    const queue = SCENARIOS.filter((each) => !process.env.UI_ONLY || each.name === process.env.UI_ONLY);
    const worker = async () => {
      for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
        const scenarioStart = Date.now();
        await runScenario(context, baseUrl, scenario);
        const shot = scenario.screenshot
          ? ` → ${path.relative(ROOT, path.join(SCREENSHOT_DIR, scenario.screenshot))}`
          : "";
        lines.set(scenario.name, `  ${scenario.name} (${Date.now() - scenarioStart} ms)${shot}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    SCENARIOS.filter((each) => lines.has(each.name)).forEach((each) => console.log(lines.get(each.name)));
  } finally {
    await browser.close();
    server.close();
  }
  timings.browser = Date.now() - at;
  const summary = `ui: ${lines.size} scenarios, build ${timings.build}, browser ${timings.browser} ms, total ${Date.now() - startedAt} ms`;
  if (failures.length) {
    console.error(`${failures.join("\n")}\n${summary}: ${failures.length} failure(s)`);
    process.exit(1);
  }
  console.log(`${summary}: ok`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
