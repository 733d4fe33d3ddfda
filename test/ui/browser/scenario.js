// The scenario the page renders (window.__SCENARIO__, set by browser/main.js's __SHOW_SCENARIO__ from the JSON run.mjs
// passes for each scenario): which components to mount with which properties, and what each Apex method and LDS
// adapter answers.
export function scenario() {
  return window.__SCENARIO__;
}

/**
 * The answer to an Apex call: { data } or { error }, or { pending: true } to stay loading.
 * @param {string} name Class.method
 * @returns {{data?: unknown, error?: unknown, pending?: boolean}}
 */
export function apexAnswer(name) {
  const answer = scenario().apex[name];
  if (!answer) {
    throw new Error(`The scenario has no answer for Apex ${name}`);
  }
  return answer;
}

/** Records every Apex call so run.mjs can assert what the components sent. */
export function recordCall(name, params) {
  window.__APEX_CALLS__ = [...(window.__APEX_CALLS__ || []), { name, params }];
}
