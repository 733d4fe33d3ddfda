/**
 * The admin's maintenance card: the phone-key back-fill (start it, follow its Apex job, see what each run
 * checked, corrected and failed to save), the callback stamp repair after a data load with the Task trigger
 * switched off, and the nightly retention purge (when it runs, move or turn it off; the retention days come from
 * the Call Capture settings). Subscriber admins cannot run the package's Apex by
 * hand, so this card is how they reach both jobs.
 */
import { LightningElement } from "lwc";
import getMaintenance from "@salesforce/apex/AdminController.getMaintenance";
import startBackfill from "@salesforce/apex/AdminController.startBackfill";
import startCallbackStampRepair from "@salesforce/apex/AdminController.startCallbackStampRepair";
import scheduleRetention from "@salesforce/apex/AdminController.scheduleRetention";
import stopRetention from "@salesforce/apex/AdminController.stopRetention";
import { absoluteTime } from "c/callFormat";
import { loadCard, runCardAction } from "c/callAdminCardData";

const DEFAULT_HOUR = "3";

function hourLabel(hour) {
  return `${String(hour).padStart(2, "0")}:00`;
}

// A native select (SLDS styled): lightning-combobox needs attachInternals, which synthetic shadow lacks.
const HOUR_OPTIONS = Array.from({ length: 24 }, (_, hour) => ({
  label: hourLabel(hour),
  value: String(hour)
}));

export default class CallMaintenance extends LightningElement {
  status;
  error;
  actionError;
  busy = false;
  chosenHour;
  stampsStarted = false;

  connectedCallback() {
    this.load();
  }

  load() {
    return loadCard(this, getMaintenance);
  }

  show(status) {
    this.status = status;
    const hour = status.retention && status.retention.hourOfDay;
    this.chosenHour = hour === null || hour === undefined ? DEFAULT_HOUR : String(hour);
  }

  run(action) {
    return runCardAction(this, action);
  }

  handleRefresh() {
    this.load();
  }

  handleStartBackfill() {
    return this.run(() => startBackfill());
  }

  handleStampCallbacks() {
    return this.run(async () => {
      const status = await startCallbackStampRepair();
      this.stampsStarted = true;
      return status;
    });
  }

  handleHourChange(event) {
    this.chosenHour = event.target.value;
  }

  handleSaveSchedule() {
    return this.run(() => scheduleRetention({ hourOfDay: Number(this.chosenHour) }));
  }

  handleStopRetention() {
    return this.run(() => stopRetention());
  }

  get isLoading() {
    return !this.status && !this.error;
  }

  get hourOptions() {
    return HOUR_OPTIONS.map((option) => ({ ...option, selected: option.value === this.chosenHour }));
  }

  get backfill() {
    return this.status.backfill || {};
  }

  get retention() {
    return this.status.retention || {};
  }

  get backfillRunning() {
    return this.backfill.running === true;
  }

  get startDisabled() {
    return this.busy || this.backfillRunning;
  }

  get backfillSummary() {
    const job = this.backfill;
    if (!job.jobId) {
      return "Never run: existing Leads and Contacts cannot be matched to callers until it has.";
    }
    if (job.running) {
      const progress = job.totalBatches ? ` (${job.batchesProcessed} of ${job.totalBatches} batches)` : "";
      return `${job.status}${progress}, started ${absoluteTime(job.startedAt)}`;
    }
    const errors = job.batchErrors ? `, ${job.batchErrors} batches failed` : "";
    return `${job.status} ${absoluteTime(job.completedAt || job.startedAt)}${errors}`;
  }

  get retentionDaysText() {
    const days = this.retention.retentionDays;
    return days > 0
      ? `Transcripts, recordings, payloads and quoted snippets are removed from calls older than ${days} days.`
      : "Retention Days is 0 in the Call Capture settings: calls keep their content forever.";
  }

  get scheduleSummary() {
    const retention = this.retention;
    if (!retention.scheduled) {
      return "Off: nothing is purged.";
    }
    const at =
      retention.hourOfDay === null || retention.hourOfDay === undefined
        ? ""
        : ` at ${hourLabel(retention.hourOfDay)}`;
    return `Nightly${at}; next run ${absoluteTime(retention.nextRunAt)}`;
  }

  get stopDisabled() {
    return this.busy || !this.retention.scheduled;
  }

  get runs() {
    return (this.status.recentRuns || []).map((run, index) => ({
      key: `r${index}`,
      job: run.job,
      objectName: run.objectName,
      checked: run.checked,
      changed: run.changed,
      failed: run.failed,
      errors: run.errors,
      hasErrors: Boolean(run.errors),
      finishedAt: absoluteTime(run.finishedAt),
      rowClass: run.failed ? "run slds-text-color_error" : "run"
    }));
  }

  get hasRuns() {
    return this.runs.length > 0;
  }
}
