// Stand-in for @salesforce/apex/<Class>.<method>: answers from the scenario. Like the real import it is
// a function for imperative calls and carries a wire adapter for @wire; refreshApex re-emits.
import { apexAnswer, recordCall } from "./scenario";

const liveAdapters = new Set();

function respond(name, answer, callback) {
  if (answer.pending) {
    return;
  }
  if (answer.error) {
    callback({ data: undefined, error: answer.error });
  } else {
    callback({ data: answer.data, error: undefined });
  }
}

export function apexMethod(name) {
  const method = (params) => {
    recordCall(name, params);
    const answer = apexAnswer(name);
    // An Apex action can change what a later wire refresh returns (e.g. Mark called back).
    if (answer.then) {
      window.__SCENARIO__.apex = { ...window.__SCENARIO__.apex, ...answer.then };
    }
    if (answer.pending) {
      return new Promise(() => {});
    }
    return answer.error ? Promise.reject(answer.error) : Promise.resolve(answer.data);
  };
  method.adapter = class {
    constructor(callback) {
      this.callback = callback;
    }
    connect() {
      liveAdapters.add(this);
    }
    disconnect() {
      liveAdapters.delete(this);
    }
    update(config) {
      this.config = config;
      recordCall(name, config);
      respond(name, apexAnswer(name), this.callback);
    }
    refresh() {
      respond(name, apexAnswer(name), this.callback);
    }
  };
  return method;
}

/** Wire adapters still connected: none once a scenario's components are gone (main.js checks). */
export function liveAdapterCount() {
  return liveAdapters.size;
}

export function refreshApex() {
  liveAdapters.forEach((adapter) => adapter.refresh());
  return Promise.resolve();
}
