// @callcapture/sdk: deliver phone calls to Call Capture in Salesforce exactly once. This file is the
// supported API, and nothing else: test/exports.test.ts fails when a name is added or removed here
// without updating its list (and the README).
export { CallCaptureClient, DEFAULT_WAIT } from "./client.js";
export type { CallCaptureClientOptions, CaptureManyOptions, CaptureOptions, WaitOptions } from "./client.js";
export { DEFAULT_BATCH } from "./delivery.js";
export type { BatchOptions, CallSource, CaptureProgress, DeliveryOptions } from "./delivery.js";
export { DEFAULT_COALESCE, mergeCallUpdates } from "./coalesce.js";
export type { CoalesceOptions } from "./coalesce.js";
export type { ApiUsage, RetryEvent } from "./request.js";
export { DEFAULT_RETRY } from "./retry.js";
export type { RetryOptions } from "./retry.js";
export { MAX_CALLS_PER_REQUEST, MAX_REQUEST_BYTES, MAX_TRANSCRIPT_CHARS } from "./limits.js";
export { auth, accessToken, clientCredentials, jwtBearer, refreshToken } from "./auth.js";
export type { AccessToken, AuthContext, AuthProvider, FetchLike } from "./auth.js";
export { authFromEnvironment, clientFromEnvironment, ENVIRONMENT_VARIABLES } from "./environment.js";
export {
  ApiError,
  AuthError,
  CallCaptureError,
  ConfigurationError,
  NetworkError,
  RateLimitError,
  ValidationError
} from "./errors.js";
export type { NetworkFailureKind, ValidationIssue } from "./errors.js";
export { findCallIssues, prepareCall } from "./validate.js";
export type { PreparedCall } from "./validate.js";
export { fromVapi } from "./adapters/vapi.js";
export { fromRetell } from "./adapters/retell.js";
export { fromTwilio } from "./adapters/twilio.js";
export type { TwilioCallback } from "./adapters/twilio.js";
export { detectProvider } from "./adapters/detect.js";
export { verifyWebhook, WEBHOOK_REPLAY_WINDOW_MS } from "./webhook-signatures.js";
export type {
  VerifyWebhookOptions,
  WebhookRequest,
  WebhookVendor,
  WebhookVerdict
} from "./webhook-signatures.js";
export type { Provider } from "./adapters/detect.js";
export type * from "./types.js";
