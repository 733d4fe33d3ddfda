// @callcapture/sdk: deliver phone calls to Call Capture in Salesforce exactly once.
export { CallCaptureClient, DEFAULT_BATCH } from "./client.js";
export type {
  ApiUsage,
  BatchOptions,
  CallCaptureClientOptions,
  CallSource,
  CaptureManyOptions,
  CaptureProgress,
  RetryEvent
} from "./client.js";
export { MAX_CALLS_PER_REQUEST, MAX_REQUEST_BYTES, MAX_TRANSCRIPT_CHARS } from "./limits.js";
export { auth, accessToken, clientCredentials, jwtAssertion, jwtBearer, refreshToken } from "./auth.js";
export type { AccessToken, AuthContext, AuthProvider, FetchLike } from "./auth.js";
export {
  ApiError,
  AuthError,
  CallCaptureError,
  NetworkError,
  RateLimitError,
  ValidationError
} from "./errors.js";
export type { ValidationIssue } from "./errors.js";
export { backoffDelay, DEFAULT_RETRY, isRetryable, seededRandom } from "./retry.js";
export type { RetryOptions } from "./retry.js";
export { findCallIssues, prepareCall } from "./validate.js";
export type { PreparedCall } from "./validate.js";
export { fromVapi } from "./adapters/vapi.js";
export { fromRetell } from "./adapters/retell.js";
export { fromTwilio } from "./adapters/twilio.js";
export type { TwilioCallback } from "./adapters/twilio.js";
export type * from "./types.js";
