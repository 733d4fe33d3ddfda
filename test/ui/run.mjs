// Real-browser render tests of the Call Capture components: builds them with the open-source LWC compiler,
// lightning-base-components and SLDS, serves them on 127.0.0.1 with fixture data, and drives Debian's Chromium
// through playwright-core. Each scenario shows the components on the Lightning page they are made for (a flexipage
// of the project, scenarios.mjs and pages.mjs), asserts what people see, checks the layout (every region at its
// template's width, each component once and inside its region, nothing sticking out sideways: browser/layout.js),
// runs an axe scan (serious and critical violations fail) and writes screenshots to .tmp/screenshots/ (git-ignored:
// fonts differ per machine, so a test run must not rewrite tracked files), each compared with what the components
// themselves paint. Planted pages prove the layout checks fail, and a planted leftover proves the clearing check does.
// Usage: node test/ui/run.mjs   (npm run test:ui)
//        node test/ui/run.mjs --screenshots docs/screenshots   (npm run screenshots: refresh the docs)
//        UI_ONLY=<scenario> node test/ui/run.mjs   (one scenario)
import fs from "node:fs";
import http from "node:http";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import {
  NOW,
  PAGE_WIDTH,
  PLANTED,
  SCENARIOS,
  getCalls,
  getCallsConversation,
  getCallsRoutine,
  voicemail
} from "./scenarios.mjs";

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
// Chromium's headless shell, the build Playwright itself runs headless tests in (Debian: chromium-headless-shell, the
// same version as chromium): no browser UI to composite per navigation, about 3 CPU-s and 5 s of the step less
// (docs/quality-gate.md, Timings). The full browser where only it is installed.
const CHROMIUM =
  process.env.CHROMIUM_PATH ||
  ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((bin) => fs.existsSync(bin)) ||
  "/usr/bin/chromium";
// Tabs showing scenarios at once. One: a second tab loads and styles the page and the bundle again in a renderer of its
// own, about 1.3 CPU-s more for the step (docs/quality-gate.md, Timings); `npm test` runs other steps beside this one.
const CONCURRENCY = Number(process.env.UI_CONCURRENCY || 1);
const AXE = require.resolve("axe-core/axe.min.js");

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
  // The build's tools only when it runs: loading them costs about 0.7 CPU-s that a cached build does not need.
  const [{ rollup }, { default: lwc }, { default: replace }, { nodeResolve }] = await Promise.all([
    import("rollup"),
    import("@lwc/rollup-plugin"),
    import("@rollup/plugin-replace"),
    import("@rollup/plugin-node-resolve")
  ]);
  fs.mkdirSync(BUILD_CACHE, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(BUILD_CACHE, "building-"));
  const bundle = await rollup({
    input: path.join(BROWSER_DIR, "main.js"),
    plugins: [
      platformStandIns(),
      replace({
        preventAssignment: true,
        // The build writes no source maps; the plugin would make one for every module it changes.
        sourceMap: false,
        values: { "process.env.NODE_ENV": JSON.stringify("production"), "import.meta.env.SSR": "false" }
      }),
      lwc({
        modules: [
          ...componentModules(),
          // Base components the open-source build does not ship, as stand-ins that render what they do.
          { name: "lightning/clickToDial", path: path.join(BROWSER_DIR, "clickToDial/clickToDial.js") },
          { npm: "lightning-base-components" }
        ],
        enableDynamicComponents: true,
        // The LWC runtime (engine, synthetic shadow) is plain JavaScript: the component compiler gives back the same
        // program (compared with comments dropped), so rollup reads it as it is.
        exclude: ["**/node_modules/lwc/**"]
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
      /* Lightning Experience's type: Salesforce Sans where Salesforce serves it, else the fallbacks SLDS names for it,
         Arial, sans-serif (SLDS design token FONT_FAMILY). Debian's Arial is Liberation Sans (fonts-liberation2), which
         has Arial's metrics, so text takes the room it takes in an org. */
      :root {
        --slds-g-font-family-base: "Salesforce Sans", Arial, sans-serif;
        --slds-g-font-family: var(--slds-g-font-family-base);
      }
      html { font-family: "Salesforce Sans", Arial, sans-serif; background: #f3f3f3; }
      body { margin: 0; }
      .lex-global-header { display: flex; align-items: center; gap: 1rem; height: 3rem; padding: 0 1rem;
        background: #fff; border-bottom: 1px solid #e5e5e5; }
      .lex-logo { font-weight: 700; color: #0176d3; }
      .lex-search { flex: 0 1 28rem; margin: 0 auto; padding: 0.25rem 0.75rem; border: 1px solid #c9c9c9;
        border-radius: 0.25rem; color: #5c5c5c; }
      .lex-nav { display: flex; align-items: center; height: 2.5rem; padding: 0 1rem; background: #fff;
        border-bottom: 3px solid #0176d3; }
      .lex-app-name { font-size: 1.125rem; padding-right: 1.5rem; }
      .lex-tab { padding: 0.5rem 0.75rem; }
      .lex-tab_active { font-weight: 700; box-shadow: inset 0 -3px 0 #0176d3; }
      .lex-page { padding: 0.75rem; }
      .lex-row { display: grid; gap: 0.75rem; margin-bottom: 0.75rem; align-items: start; }
      .lex-region { display: flex; flex-direction: column; gap: 0.75rem; }
      .slds-page-header_record-home { background: #fff; border-radius: 0.25rem; }
      /* Components as Lightning mounts them, each in its own block of its region. */
      .lex-component > * { display: block; }
      #root { display: grid; gap: 1rem; align-items: start; }
      #root.lex-root { display: block; }
    </style>
  </head>
  <body>
    <main>
      <h1 class="slds-assistive-text">Call Capture components</h1>
      <div id="root"></div>
    </main>
    <!-- axe before the bundle: part of the document every scenario starts from (browser/main.js). From the server,
         not inline, so its compiled code is cached. -->
    <script src="/axe.min.js"></script>
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

/**
 * Serves the page the scenarios are shown in, and the bundle, SLDS and axe as cacheable files.
 * @param {string} buildDir the build
 */
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
    } else if (url.pathname === "/axe.min.js") {
      send(AXE);
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
    fail,
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

// Pages open this tall at the page width, set once for the whole context: nothing is ever resized, and every
// capture lies inside the window (a capture beyond it is what painted the health card twice in admin-health.png).
const VIEWPORT = { width: PAGE_WIDTH, height: 2400 };
// A capture differs from what a component paints when more than this share of its pixels differ.
const REPAINT_TOLERANCE = 0.02;
// The first screen of the panel (everything folded) must stay short enough to read at a glance, at any width.
const COLLAPSED_PANEL_MAX_PX = 360;

const heights = [];

/** The part of the page a screenshot shows: the whole page, a region of it, or one component. */
async function screenshotClip(page, shot) {
  return page.evaluate(
    ({ region, component, viewport }) => {
      const margin = 12;
      const box = (element) => {
        const rect = element.getBoundingClientRect();
        const x = Math.max(0, Math.floor(rect.left - margin));
        const y = Math.max(0, Math.floor(rect.top - margin));
        return {
          x,
          y,
          width: Math.min(viewport.width, Math.ceil(rect.right + margin)) - x,
          height: Math.min(viewport.height, Math.ceil(rect.bottom + margin)) - y
        };
      };
      if (region) return box(document.querySelector(`[data-region="${region}"]`));
      if (component) return box(document.querySelector(component));
      const bottom = Math.ceil(document.querySelector("main").getBoundingClientRect().bottom);
      return { x: 0, y: 0, width: viewport.width, height: Math.min(viewport.height, bottom) };
    },
    { region: shot.region, component: shot.component, viewport: VIEWPORT }
  );
}

/**
 * Decodes PNGs in the browser and counts, per component box, the share of pixels where the page capture differs
 * from the component's own capture. A capture that painted part of the page twice differs in the boxes it covers.
 * With `plantedOffset`, the capture is first painted again that far to the right, in a canvas (no PNG round trip): the
 * planted repaint the admin page proves the check with.
 * @returns {Promise<{name:string, share:number}[]>}
 */
async function repaintedBoxes(comparePage, capture, clip, parts, plantedOffset = 0) {
  return comparePage.evaluate(
    async ({ capture, clip, parts, tolerance, plantedOffset }) => {
      const decode = async (base64) =>
        createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const pixels = (bitmap, x = 0, y = 0, width = bitmap.width, height = bitmap.height) => {
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext("2d");
        context.drawImage(bitmap, -x, -y);
        return context.getImageData(0, 0, width, height).data;
      };
      // the planted repaint: everything right of plantedOffset replaced by the capture's left part again
      const repainted = (bitmap) => {
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d");
        context.drawImage(bitmap, 0, 0);
        const width = bitmap.width - plantedOffset;
        context.drawImage(bitmap, 0, 0, width, bitmap.height, plantedOffset, 0, width, bitmap.height);
        return canvas;
      };
      const captured = await decode(capture);
      const page = plantedOffset ? repainted(captured) : captured;
      const results = [];
      for (const part of parts) {
        const own = await decode(part.png);
        const b = pixels(own);
        // Boxes sit at fractional positions; the element capture is rounded on its own, so allow a pixel either way
        // (the nearest placement first; the others only when it does not match).
        let best = 1;
        const offsets = [
          [0, 0],
          [-1, 0],
          [1, 0],
          [0, -1],
          [0, 1],
          [-1, -1],
          [1, 1],
          [-1, 1],
          [1, -1]
        ];
        for (const [dx, dy] of offsets) {
          const x = Math.round(part.x - clip.x) + dx;
          const y = Math.round(part.y - clip.y) + dy;
          const a = pixels(page, x, y, own.width, own.height);
          let differing = 0;
          for (let i = 0; i < a.length; i += 4) {
            if (
              Math.abs(a[i] - b[i]) > 32 ||
              Math.abs(a[i + 1] - b[i + 1]) > 32 ||
              Math.abs(a[i + 2] - b[i + 2]) > 32
            ) {
              differing++;
            }
          }
          best = Math.min(best, differing / (own.width * own.height));
          if (best <= tolerance) break;
        }
        results.push({ name: part.name, share: best });
      }
      return results;
    },
    { capture: capture.toString("base64"), clip, parts, tolerance: REPAINT_TOLERANCE, plantedOffset }
  );
}

/**
 * Takes the scenario's screenshot and checks it shows each of our components as the component paints itself
 * (element captures). The admin page also proves the check: a planted repaint (the page painted again 900 px to the
 * right, as admin-health.png once was) must be caught.
 */
async function screenshot(page, scenario, shot, comparePage, check) {
  if (shot.before) await shot.before(page, check);
  // What a person sees once the page is still: a transition the last step started (a button's border after a click)
  // has ended. Without this the capture caught it wherever it happened to be, and a page capture and a component's own
  // capture could show it at different points.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== "running" || animation.effect.getComputedTiming().endTime === Infinity
      )
  );
  const clip = await screenshotClip(page, shot);
  const capture = await page.screenshot({ path: path.join(SCREENSHOT_DIR, shot.file), clip });
  const boxes = (await page.evaluate(() => window.__COMPONENT_BOXES__())).filter(
    (box) =>
      box.x >= clip.x &&
      box.y >= clip.y &&
      box.x + box.width <= clip.x + clip.width + 1 &&
      box.y + box.height <= clip.y + clip.height + 1
  );
  const parts = [];
  for (const box of boxes) {
    parts.push({
      ...box,
      png: (await page.locator(`[data-box="${box.index}"]`).screenshot()).toString("base64")
    });
  }
  for (const { name, share } of await repaintedBoxes(comparePage, capture, clip, parts)) {
    if (share > REPAINT_TOLERANCE) {
      check.fail(
        `${shot.file}: ${Math.round(share * 100)}% of ${name} in the screenshot is not what ${name} paints`
      );
    }
  }
  if (shot.file === "admin-health.png") {
    const repainted = await repaintedBoxes(comparePage, capture, clip, parts, 900);
    check.equal(
      repainted.filter(({ share }) => share > REPAINT_TOLERANCE).length > 0,
      true,
      "a capture that paints the page again 900 px to the right is caught (planted)"
    );
  }
  return shot.file;
}

/** The panel's height folded and with its details open, for docs/ui.md (and a bound on the folded one). */
async function measureHeights(page, scenario, check) {
  const panel = page.locator("c-call-panel");
  const height = async () => Math.round((await panel.boundingBox()).height);
  const where = await page.$eval("c-call-panel", (host) => {
    const region = host.closest("[data-region]");
    return { region: region.dataset.region, width: Math.round(region.getBoundingClientRect().width) };
  });
  const toggle = page.locator(".details-toggle");
  if ((await toggle.getAttribute("aria-expanded")) === "true") await toggle.click();
  const collapsed = await height();
  await toggle.click();
  await page.locator(".details:not(.slds-hide)").waitFor({ timeout: 3000 });
  const expanded = await height();
  await toggle.click();
  heights.push({ scenario: scenario.heights, ...where, collapsed, expanded });
  if (collapsed > COLLAPSED_PANEL_MAX_PX) {
    check.fail(
      `the folded panel is ${collapsed} px tall in the ${where.region}; it must fit in ${COLLAPSED_PANEL_MAX_PX} px`
    );
  }
}

/** The font the browser really draws the panel's text with: Salesforce Sans or its fallback Arial (Liberation Sans). */
async function checkFont(page, check) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: ".caller-name" });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  const used = fonts.map((font) => font.familyName);
  if (!used.every((family) => ["Salesforce Sans", "Arial", "Liberation Sans"].includes(family))) {
    check.fail(
      `the panel's text is drawn in ${used.join(", ")}, not Salesforce Sans or its fallback Arial: install Liberation Sans (apt-get install fonts-liberation2)`
    );
  }
  await cdp.detach();
}

/**
 * Waits until the page has loaded what it asked for (the bundle's chunks, icon templates, fonts) and asked
 * for nothing more for a moment. Like Playwright's "networkidle", but recordings do not count: a media
 * element keeps its connection open while it buffers, which held "networkidle" back for 16 s per page.
 */
function trackRequests(page, listen) {
  const pending = new Set();
  let lastChange = Date.now();
  const counts = (request) => request.resourceType() !== "media";
  const done = (request) => {
    pending.delete(request);
    lastChange = Date.now();
  };
  listen("request", (request) => {
    if (counts(request)) {
      pending.add(request);
      lastChange = Date.now();
    }
  });
  listen("requestfinished", done);
  listen("requestfailed", done);
  return async (quietMs = 300, timeoutMs = 15000) => {
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0 || Date.now() - lastChange < quietMs) {
      if (Date.now() > deadline)
        throw new Error(`requests still pending: ${[...pending].map((r) => r.url())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

/**
 * A browser tab that shows one scenario after another in one document: the page, SLDS, the bundle and axe are loaded,
 * parsed and styled once, and each scenario's components are mounted into it (browser/main.js), the previous
 * scenario's taken away first (a navigation per scenario loaded and styled all of it again: docs/quality-gate.md,
 * Timings).
 * Recording hosts are not reachable from here: they are answered with silence of the call's length, so the player
 * shows the real duration from the media's metadata and seeking works. The tab intercepts only https requests
 * (DevTools Fetch domain): a Playwright route intercepts every request and turns the browser's cache off.
 */
async function scenarioTab(context, baseUrl) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  cdp.on("Fetch.requestPaused", ({ requestId, request }) => {
    const wav = silentWav(recordingSeconds(request.url));
    // Media elements read in byte ranges; answer them as a real host does, or the player cannot seek.
    const rangeHeader = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "range");
    const range = /bytes=(\d+)-(\d*)/.exec(rangeHeader?.[1] || "");
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), wav.length - 1) : wav.length - 1;
    const body = wav.subarray(start, end + 1);
    const headers = {
      "content-type": "audio/wav",
      "content-length": String(body.length),
      "accept-ranges": "bytes",
      ...(range ? { "content-range": `bytes ${start}-${end}/${wav.length}` } : {})
    };
    cdp
      .send("Fetch.fulfillRequest", {
        requestId,
        responseCode: range ? 206 : 200,
        responseHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
        body: body.toString("base64")
      })
      // The page may have moved on (the request is then gone).
      .catch(() => {});
  });
  await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "https://*", requestStage: "Request" }] });
  // What the page logs while it loads fails the run, as what it logs while a scenario is shown does.
  const pageErrors = [];
  const onError = (error) => pageErrors.push(error.message);
  const onConsole = (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  };
  page.on("pageerror", onError);
  page.on("console", onConsole);
  await page.goto(baseUrl);
  try {
    await page.waitForFunction(() => typeof window.__SHOW_SCENARIO__ === "function");
  } catch (error) {
    throw new Error(`the page did not load: ${pageErrors.join("; ") || error.message}`);
  } finally {
    page.off("pageerror", onError);
    page.off("console", onConsole);
  }
  for (const error of pageErrors) failures.push(`loading the page: browser error: ${error}`);
  return page;
}

/**
 * Shows the scenario in the tab (its page, record and Apex answers as JSON); `close` takes it away again (a failure
 * if it left anything behind: browser/main.js), forgets the page's events and moves the mouse off the components (to
 * the page's top-left corner, on the global header), so the next scenario starts with nothing hovered.
 */
async function openScenario(page, scenario) {
  const listeners = [];
  const listen = (event, handler) => {
    page.on(event, handler);
    listeners.push([event, handler]);
  };
  const close = async () => {
    try {
      await page.evaluate(() => window.__CLEAR_SCENARIO__());
    } catch (error) {
      failures.push(`${scenario.name}: ${error.message.split("\n")[0]}`);
    }
    for (const [event, handler] of listeners) page.off(event, handler);
    await page.mouse.move(0, 0);
  };
  const pageErrors = [];
  listen("pageerror", (error) => pageErrors.push(error.message));
  listen("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  const quiet = trackRequests(page, listen);
  const json = JSON.stringify({ ...scenario.page, apex: scenario.apex });
  try {
    await page.evaluate((scenarioJson) => window.__SHOW_SCENARIO__(scenarioJson), json);
  } catch (error) {
    // A page that does not mount says why, with the errors it logged.
    throw new Error(
      `${scenario.name}: the page did not mount: ${[error.message.split("\n")[0], ...pageErrors].join("; ")}`
    );
  }
  // Rendering and the fixture answers are synchronous microtasks; wait until base components settle.
  await quiet();
  return { pageErrors, close };
}

async function runScenario(page, scenario, comparePage) {
  const { pageErrors, close } = await openScenario(page, scenario);
  const check = checksFor(scenario.name);
  const shots = [];
  try {
    if (scenario.before) await scenario.before(page, check);
    await scenario.expect(page, check);
    for (const finding of await page.evaluate(() => window.__LAYOUT_FINDINGS__()))
      check.fail(`layout: ${finding}`);
    await axeScan(page, scenario.name);
    if (scenario.checkFont) await checkFont(page, check);
    // Each screenshot in its turn: one may first bring the page to the state it shows (its `before`).
    for (const each of scenario.screenshots ?? []) {
      shots.push(await screenshot(page, scenario, each, comparePage, check));
    }
    if (scenario.heights) await measureHeights(page, scenario, check);
    if (scenario.then) await scenario.then(page, check);
  } catch (error) {
    failures.push(`${scenario.name}: ${error.message.split("\n")[0]}`);
  } finally {
    for (const error of pageErrors) failures.push(`${scenario.name}: browser error: ${error}`);
    await close();
  }
  return shots;
}

/** A page with a planted layout defect: the layout checks must report it (each expected finding, at least). */
async function runPlanted(page, planted) {
  const { close } = await openScenario(page, planted);
  try {
    const findings = await page.evaluate(() => window.__LAYOUT_FINDINGS__());
    for (const expected of planted.expectFindings) {
      if (!findings.some((finding) => expected.test(finding))) {
        failures.push(
          `${planted.name}: the layout checks did not report ${expected} (they reported: ${findings.join("; ") || "nothing"})`
        );
      }
    }
  } finally {
    await close();
  }
}

/**
 * The check that each scenario starts from a clean document proves it can fail: in a tab whose scenarios are done,
 * markup left in the page and a global that cannot be deleted must be reported when the scenario is taken away.
 */
async function plantedLeftovers(page) {
  const reported = await page.evaluate(() => {
    document.querySelector("main").append(document.createElement("aside"));
    Object.defineProperty(window, "__PLANTED_LEFTOVER__", { value: true, configurable: false });
    try {
      window.__CLEAR_SCENARIO__();
      return "nothing";
    } catch (error) {
      return error.message;
    }
  });
  const missed = ["the global __PLANTED_LEFTOVER__", "markup in the body"].filter(
    (expected) => !reported.includes(expected)
  );
  for (const expected of missed) {
    failures.push(
      `planted-scenario-leftovers: taking a scenario away did not report ${expected} (it reported: ${reported})`
    );
  }
  if (!missed.length) console.log("  planted-scenario-leftovers: planted defect caught");
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
    // One context, so the bundle is fetched once (HTTP cache); all pages of the same size, given once here.
    const context = await browser.newContext({
      viewport: VIEWPORT,
      deviceScaleFactor: 1,
      locale: "en-US",
      timezoneId: "America/Los_Angeles",
      reducedMotion: "reduce"
    });
    await context.clock.setFixedTime(new Date(NOW));
    const comparePage = await context.newPage();
    // Scenarios are independent: with UI_CONCURRENCY above 1 they share out over that many tabs.
    const only = (each) => !process.env.UI_ONLY || each.name === process.env.UI_ONLY;
    const queue = [...SCENARIOS.filter(only), ...PLANTED.filter(only)];
    let lastTab;
    const worker = async () => {
      let page;
      for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
        page ??= await scenarioTab(context, baseUrl);
        lastTab = page;
        const scenarioStart = Date.now();
        if (scenario.expectFindings) {
          await runPlanted(page, scenario);
          lines.set(
            scenario.name,
            `  ${scenario.name} (${Date.now() - scenarioStart} ms): planted defect caught`
          );
          continue;
        }
        const shots = await runScenario(page, scenario, comparePage);
        const to = shots.map((file) => ` → ${path.relative(ROOT, path.join(SCREENSHOT_DIR, file))}`).join("");
        lines.set(scenario.name, `  ${scenario.name} (${Date.now() - scenarioStart} ms)${to}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    [...SCENARIOS, ...PLANTED]
      .filter((each) => lines.has(each.name))
      .forEach((each) => console.log(lines.get(each.name)));
    if (lastTab) await plantedLeftovers(lastTab);
    if (heights.length) {
      console.log("  panel heights (px), folded / with the details open:");
      const order = (row) => SCENARIOS.findIndex((each) => each.heights === row.scenario);
      for (const row of heights.sort((a, b) => order(a) - order(b))) {
        console.log(
          `    ${row.scenario}, ${row.region} ${row.width} px wide: ${row.collapsed} / ${row.expanded}`
        );
      }
    }
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
