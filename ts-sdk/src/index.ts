// @callcapture/sdk: deliver phone calls to Call Capture in Salesforce exactly once.
export { CallCaptureClient, DEFAULT_BATCH } from "./client.js";
export type {
  ApiUsage,
  BatchOptions,
  CallCaptureClientOptions,
  CaptureManyOptions,
  PartialResults
} from "./client.js";
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
export { findCallIssues } from "./validate.js";
export { fromVapi } from "./adapters/vapi.js";
export { fromRetell } from "./adapters/retell.js";
export { fromTwilio } from "./adapters/twilio.js";
export type { TwilioCallback } from "./adapters/twilio.js";
export type * from "./types.js";
