// Real-browser render tests of the Call Capture components: builds them with the open-source LWC
// compiler, lightning-base-components and SLDS, serves them on 127.0.0.1 with fixture data, drives
// Debian's Chromium through playwright-core, asserts what people see in each state, runs an axe scan
// (serious and critical violations fail) and writes screenshots to docs/screenshots/.
// Usage: node test/ui/run.mjs   (npm run test:ui)
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
const SCREENSHOT_DIR = path.join(ROOT, "docs/screenshots");
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
    "lightning/platformShowToastEvent": browserFile("toast.js")
  };
  return {
    name: "platform-stand-ins",
    resolveId(source) {
      if (fixed[source]) return fixed[source];
      if (source === "@salesforce/apex" || source.startsWith("@salesforce/apex/")) return `\0${source}`;
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
        modules: [...componentModules(), { npm: "lightning-base-components" }],
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
const getHealth = fixture(`${ADMIN_DATA}/callCaptureHealth/__tests__/data/AdminController.getHealth.json`);
const attention = fixture(
  `${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.getCallsNeedingAttention.json`
);
const reprocessed = fixture(`${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.reprocess.json`);
const resolved = fixture(`${ADMIN_DATA}/callAttentionList/__tests__/data/AdminController.resolveMatch.json`);
const maintenance = fixture(
  `${ADMIN_DATA}/callMaintenance/__tests__/data/AdminController.getMaintenance.json`
);
const testRules = fixture(`${ADMIN_DATA}/callRuleTester/__tests__/data/RuleTesterController.testRules.json`);

const panel = (props = {}) => ({
  tag: "c-call-panel",
  props: { recordId: getRecord.id, objectApiName: "Lead", maxCalls: 5, ...props }
});
const calledBack = [{ ...getCalls[0], callbackOwed: false, callbackCompletedAt: NOW }, ...getCalls.slice(1)];
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
        "pipe",
        "$10,000"
      ]);
      await check.count(page, "audio", 1);
      await check.texts(page, ".earlier-call .outcome", ["Lead updated", "Failed"]);
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
      const scrolls = await page.$eval(
        ".transcript .highlighted-text",
        (node) => node.scrollHeight > node.clientHeight
      );
      check.equal(scrolls, true, "a long transcript scrolls inside its box");
    },
    screenshot: "panel-routine-recording.png"
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
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.__MOUNTED__ === true);
  // Rendering and the fixture answers are synchronous microtasks; wait until base components settle.
  await page.waitForLoadState("networkidle");
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
    // Scenarios are independent pages: run a couple at once to keep the suite short.
    const queue = SCENARIOS.filter((each) => !process.env.UI_ONLY || each.name === process.env.UI_ONLY);
    const worker = async () => {
      for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
        const scenarioStart = Date.now();
        await runScenario(context, baseUrl, scenario);
        const shot = scenario.screenshot ? ` → docs/screenshots/${scenario.screenshot}` : "";
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
