// The endpoint's limits, in one place. The Apex endpoint and docs/api/openapi.yaml state the same numbers
// (a gate check compares them), so the SDK never builds a request the org refuses as too large.

/**
 * The request byte cap of `POST /calls`: a request at the cap fits Apex's 6 MB synchronous heap with room
 * to spare (the body, its string, the parsed tree, the stored rows and the records).
 */
export const MAX_REQUEST_BYTES = 750_000;

/** Calls per request the endpoint accepts. */
export const MAX_CALLS_PER_REQUEST = 200;

/** Characters of transcript the org stores (Call__c.Transcript__c, Long Text 131,072). */
export const MAX_TRANSCRIPT_CHARS = 131_072;
