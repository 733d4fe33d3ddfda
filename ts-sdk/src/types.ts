// The wire types of the REST API, generated from docs/api/openapi.yaml (src/generated/openapi.ts) so
// they cannot drift from the contract: `npm run generate` rewrites them, a test proves it is a no-op.
import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** One phone call as the sender knows it; only `callId` and one of `from` / `caller.email` are required. */
export type Call = Schemas["Call"];
export type Caller = Schemas["Caller"];
export type TranscriptSegment = Schemas["TranscriptSegment"];
export type SenderIntelligence = Schemas["SenderIntelligence"];
export type Budget = Schemas["Budget"];
export type CallBatch = Schemas["CallBatch"];
/** What one call became: status, outcome, every record id, the intelligence, warnings and errors. */
export type CallResult = Schemas["CallResult"];
export type BatchResponse = Schemas["BatchResponse"];
export type Intelligence = Schemas["Intelligence"];
export type Explanation = Schemas["Explanation"];
export type Issue = Schemas["Issue"];
/** One entry of an error body (`[{errorCode, message, field}]`) or of `CallResult.errors`. */
export type ApiErrorEntry = Schemas["Error"];
export type Health = Schemas["Health"];
/** The body of `POST /lookup`: the caller's number from the call's metadata. */
export type LookupRequest = Schemas["LookupRequest"];
/**
 * Who is calling, as `POST /lookup` answers: every member present, null when unknown; never an email, an
 * address, a phone number or a transcript.
 */
export type CallerLookupAnswer = Schemas["CallerLookupAnswer"];
export type HealthProblem = Schemas["HealthProblem"];
