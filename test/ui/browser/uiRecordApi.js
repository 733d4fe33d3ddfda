// Stand-in for lightning/uiRecordApi: getRecord answers the scenario's record; the rest is what the
// call panel uses.
import { scenario } from "./scenario";

export class getRecord {
  constructor(callback) {
    this.callback = callback;
  }
  connect() {}
  disconnect() {}
  update() {
    const record = scenario().record;
    this.callback(record ? { data: record, error: undefined } : { data: undefined, error: undefined });
  }
}

export function getFieldValue(record, field) {
  const fieldName = String(field).split(".").slice(1).join(".");
  return record?.fields?.[fieldName]?.value;
}

export function notifyRecordUpdateAvailable(recordIds) {
  window.__RECORD_UPDATES__ = [...(window.__RECORD_UPDATES__ || []), ...recordIds];
  return Promise.resolve();
}
