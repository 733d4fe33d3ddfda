// The package's supported API, name by name: what `@callcapture/sdk` exports (values in the ESM and CJS
// builds, and types in its declarations). Adding or removing a name is a decision: update this list and
// the README together. Internals (backoff, jitter, the retry test) are never exported.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const requireFromRoot = createRequire(path.join(sdk, "../package.json"));

const VALUES = [
  "ApiError",
  "AuthError",
  "CallCaptureClient",
  "CallCaptureError",
  "ConfigurationError",
  "DEFAULT_BATCH",
  "DEFAULT_COALESCE",
  "DEFAULT_RETRY",
  "DEFAULT_WAIT",
  "ENVIRONMENT_VARIABLES",
  "MAX_CALLS_PER_REQUEST",
  "MAX_REQUEST_BYTES",
  "MAX_TRANSCRIPT_CHARS",
  "NetworkError",
  "RateLimitError",
  "ValidationError",
  "WEBHOOK_REPLAY_WINDOW_MS",
  "accessToken",
  "auth",
  "authFromEnvironment",
  "clientCredentials",
  "clientFromEnvironment",
  "detectProvider",
  "findCallIssues",
  "fromRetell",
  "fromTwilio",
  "fromVapi",
  "jwtBearer",
  "mergeCallUpdates",
  "prepareCall",
  "refreshToken",
  "verifyWebhook"
];

const TYPES = [
  "AccessToken",
  "ApiErrorEntry",
  "ApiUsage",
  "AuthContext",
  "AuthProvider",
  "BatchOptions",
  "BatchResponse",
  "Budget",
  "Call",
  "CallBatch",
  "CallCaptureClientOptions",
  "CallResult",
  "CallSource",
  "Caller",
  "CallerLookupAnswer",
  "CaptureManyOptions",
  "CaptureOptions",
  "CaptureProgress",
  "CoalesceOptions",
  "DeliveryOptions",
  "Explanation",
  "FetchLike",
  "Health",
  "HealthProblem",
  "Intelligence",
  "Issue",
  "LookupRequest",
  "NetworkFailureKind",
  "PreparedCall",
  "Provider",
  "RetryEvent",
  "RetryOptions",
  "SenderIntelligence",
  "TranscriptSegment",
  "TwilioCallback",
  "ValidationIssue",
  "VerifyWebhookOptions",
  "WaitOptions",
  "WebhookRequest",
  "WebhookVendor",
  "WebhookVerdict"
];

describe("the export surface", () => {
  it("exports exactly the supported values, the same from ESM and CJS", async () => {
    const packageName: string = "@callcapture/sdk";
    const esm = Object.keys((await import(packageName)) as object).sort();
    const cjs = Object.keys(createRequire(import.meta.url)(packageName) as object)
      .filter((name) => name !== "__esModule")
      .sort();
    assert.deepEqual(esm, VALUES);
    assert.deepEqual(cjs, VALUES);
    for (const internal of ["seededRandom", "backoffDelay", "isRetryable", "jwtAssertion", "main"]) {
      assert.ok(!esm.includes(internal), `${internal} is internal`);
    }
  });

  it("declares exactly the supported names, types included", () => {
    const ts = requireFromRoot("typescript") as typeof import("typescript");
    const entry = path.join(sdk, "dist/esm/src/index.d.ts");
    // Only the package's own declarations are needed to list its exports: no standard library, no @types.
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noLib: true,
      types: [],
      skipLibCheck: true,
      noEmit: true
    });
    const checker = program.getTypeChecker();
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const declared = checker
      .getExportsOfModule(symbol)
      .map((exported) => exported.getName())
      .sort();
    assert.deepEqual(declared, [...VALUES, ...TYPES].sort());
  });
});
