// Typed access to the package's records through ts-force (an optional peer dependency), with the
// SObject classes generated from the project's metadata (generated/sobjects.ts). For admins' scripts
// and dashboards: recent calls, failed calls, calls needing review.
import { Rest } from "ts-force";
import { checkedOrgUrl } from "../org-url.js";
import { CallRecord } from "./generated/sobjects.js";

export { CallRecord };

/** The columns the list helpers select: what a person needs to see about a call. */
const LIST_FIELDS = [
  "id",
  "name",
  "callId",
  "provider",
  "status",
  "outcome",
  "disposition",
  "startedAt",
  "fromPhone",
  "callerFirstName",
  "callerLastName",
  "urgency",
  "rating",
  "callbackRequested",
  "callbackDue",
  "errorCode",
  "errorMessage",
  "attempts",
  "leadId",
  "contactId",
  "createdDate"
] as const;

/**
 * A SOQL string literal. ts-force quotes condition values without escaping them, so every value that
 * can come from outside (a callId) goes through this formatter: no SOQL injection.
 */
export function soqlString(value: unknown): string {
  return `'${String(value)
    .replace(/[\\'"]/g, (character) => `\\${character}`)
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")}'`;
}

export interface CallRecordsOptions {
  /** The org's My Domain URL, https (see CallCaptureClientOptions.instanceUrl). */
  instanceUrl: string;
  accessToken: string;
  /** Allow http:// for a loopback instance URL: for local tests only. */
  allowHttpLoopback?: boolean;
  /** The Salesforce API version, e.g. '62.0'. */
  apiVersion?: string;
}

/** Reads `Call__c` records as typed `CallRecord` objects. One instance per org session; no global state. */
export class CallRecords {
  readonly rest: Rest;

  constructor(options: CallRecordsOptions) {
    this.rest = new Rest({
      instanceUrl: checkedOrgUrl(options.instanceUrl, "instanceUrl", options.allowHttpLoopback),
      accessToken: options.accessToken,
      version: Number(options.apiVersion ?? "62.0")
    });
    // ts-force's axios follows redirects; a redirect would carry the bearer token to another URL.
    this.rest.request.defaults.maxRedirects = 0;
  }

  /** The most recent calls, newest first. */
  recent(limit = 20): Promise<CallRecord[]> {
    return this.list(undefined, limit);
  }

  /** Calls whose processing failed, newest first: what an admin fixes and reprocesses. */
  failed(limit = 50): Promise<CallRecord[]> {
    return this.list(CallRecord.PICKLIST.status.FAILED, limit);
  }

  /** Calls stored as Needs Review (more than one equally good match), newest first. */
  needsReview(limit = 50): Promise<CallRecord[]> {
    return this.list(CallRecord.PICKLIST.status.NEEDS_REVIEW, limit);
  }

  /** The record of one call by the sender's callId, or undefined. */
  async byCallId(callId: string): Promise<CallRecord | undefined> {
    const [record] = await CallRecord.retrieve(
      (fields) => ({
        select: fields.select([...LIST_FIELDS]),
        where: [{ field: fields.select("callId"), val: callId, formatter: soqlString }],
        limit: 1
      }),
      { restInstance: this.rest }
    );
    return record;
  }

  private list(status: string | undefined, limit: number): Promise<CallRecord[]> {
    return CallRecord.retrieve(
      (fields) => ({
        select: fields.select([...LIST_FIELDS]),
        ...(status
          ? { where: [{ field: fields.select("status"), val: status, formatter: soqlString }] }
          : {}),
        orderBy: { field: fields.select("createdDate"), order: "DESC" },
        limit
      }),
      { restInstance: this.rest }
    );
  }
}
