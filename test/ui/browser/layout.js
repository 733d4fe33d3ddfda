// The layout of a rendered page, checked in the browser (run.mjs calls window.__LAYOUT_FINDINGS__()): every region has
// the width its template gives it; each of our components renders once, inside its region; nothing in a component
// sticks out of it sideways, and neither the regions nor the page scroll sideways. Returns findings as sentences.

const TOLERANCE_PX = 1;

const rectOf = (element) => element.getBoundingClientRect();
const px = (value) => `${Math.round(value)} px`;

/** Whether an element between `node` and `host` clips what overflows it horizontally (a scroll box, a truncation). */
function clippedWithin(node, host) {
  for (let element = node.parentElement; element && element !== host; element = element.parentElement) {
    const overflow = getComputedStyle(element).overflowX;
    if (overflow !== "visible") return true;
  }
  return false;
}

/** Every element inside a component, through the shadow roots of the components it holds. */
function deepElements(host) {
  const found = [];
  const visit = (root) => {
    for (const element of root.querySelectorAll("*")) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return found;
}

/** Elements that take up space, inside a component host. */
function laidOut(host) {
  return deepElements(host).filter((element) => {
    const rect = rectOf(element);
    return (rect.width > 0 || rect.height > 0) && getComputedStyle(element).visibility !== "hidden";
  });
}

export function layoutFindings() {
  const findings = [];
  // 1. Regions at the widths their template gives them (a column must not grow with what is in it).
  for (const row of document.querySelectorAll(".lex-row")) {
    const regions = [...row.children];
    const shares = regions.reduce((sum, region) => sum + Number(region.dataset.share), 0);
    const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
    const inner = row.clientWidth - gap * (regions.length - 1);
    for (const region of regions) {
      const expected = (inner * Number(region.dataset.share)) / shares;
      const actual = rectOf(region).width;
      if (Math.abs(actual - expected) > TOLERANCE_PX) {
        findings.push(
          `region ${region.dataset.region} is ${px(actual)} wide where its template gives it ${px(expected)}`
        );
      }
      if (region.scrollWidth > region.clientWidth + TOLERANCE_PX) {
        findings.push(
          `region ${region.dataset.region} scrolls sideways: ${px(region.scrollWidth)} of content in ${px(region.clientWidth)}`
        );
      }
    }
  }
  // 2. Each of our components once, inside its region, with nothing sticking out of it.
  const titles = new Map();
  for (const wrapper of document.querySelectorAll(".lex-component")) {
    const host = wrapper.firstElementChild;
    if (!host || !host.tagName.startsWith("C-")) continue;
    const name = host.tagName.toLowerCase();
    const region = wrapper.closest("[data-region]");
    const hostRect = rectOf(host);
    const regionRect = rectOf(region);
    if (hostRect.width === 0 || hostRect.height === 0) {
      findings.push(`${name} in ${region.dataset.region} renders nothing`);
      continue;
    }
    if (hostRect.left < regionRect.left - TOLERANCE_PX || hostRect.right > regionRect.right + TOLERANCE_PX) {
      findings.push(
        `${name} (${px(hostRect.left)}–${px(hostRect.right)}) is not inside its region ${region.dataset.region} (${px(regionRect.left)}–${px(regionRect.right)})`
      );
    }
    // The innermost element that sticks out names the culprit (its containers stick out with it).
    let culprit;
    for (const element of laidOut(host)) {
      const rect = rectOf(element);
      // Text that may not wrap overflows its box without widening it: its scroll width says how far it runs.
      const right = Math.max(rect.right, rect.left + element.scrollWidth);
      const beyond = Math.max(hostRect.left - rect.left, right - hostRect.right);
      if (beyond > TOLERANCE_PX && !clippedWithin(element, host)) culprit = { element, beyond };
    }
    if (culprit) {
      const { element, beyond } = culprit;
      const classes =
        typeof element.className === "string" ? element.className.trim().split(/\s+/).filter(Boolean) : [];
      const what = [element.tagName.toLowerCase(), ...classes].join(".");
      findings.push(`${name}: ${what} sticks out of the component by ${px(beyond)}`);
    }
    for (const title of deepElements(host).filter((element) => element.matches(".slds-card__header-title"))) {
      const text = title.textContent.trim();
      titles.set(text, (titles.get(text) ?? 0) + 1);
    }
  }
  for (const [title, count] of titles) {
    if (count > 1) findings.push(`the card "${title}" is on the page ${count} times`);
  }
  // 3. The page itself never scrolls sideways.
  const page = document.scrollingElement;
  if (page.scrollWidth > window.innerWidth + TOLERANCE_PX) {
    findings.push(
      `the page scrolls sideways: ${px(page.scrollWidth)} wide in a ${px(window.innerWidth)} window`
    );
  }
  return findings;
}

/** Where each of our page components is, for the screenshot comparison (run.mjs). */
export function componentBoxes() {
  return [...document.querySelectorAll(".lex-component > *")]
    .filter((host) => host.tagName.startsWith("C-"))
    .map((host, index) => {
      host.setAttribute("data-box", String(index));
      const rect = rectOf(host);
      return {
        index,
        name: host.tagName.toLowerCase(),
        x: rect.x,
        y: rect.y,
        width: rect.width,
        height: rect.height
      };
    });
}
