// The one set of environment variable names a sender configures the SDK with; the CLI reads the same
// ones (through this module) and the READMEs name them. Nothing here is read unless a caller asks.
import { readFileSync } from "node:fs";
import { accessToken, clientCredentials, jwtBearer, type AuthProvider } from "./auth.js";
import { CallCaptureClient, type CallCaptureClientOptions } from "./client.js";
import { ConfigurationError } from "./errors.js";

/** The variables, by what they hold. */
export const ENVIRONMENT_VARIABLES = {
  /** The org's My Domain URL (https). Required. */
  instanceUrl: "CALLCAP_INSTANCE_URL",
  /** A token obtained elsewhere (e.g. `sf org display`); cannot be renewed. */
  accessToken: "CALLCAP_ACCESS_TOKEN",
  /** The External Client App's consumer key (client credentials and JWT bearer flows). */
  clientId: "CALLCAP_CLIENT_ID",
  /** Its consumer secret (client credentials flow). */
  clientSecret: "CALLCAP_CLIENT_SECRET",
  /** The integration user's username (JWT bearer flow). */
  username: "CALLCAP_USERNAME",
  /** The PEM file of the private key whose certificate is on the app (JWT bearer flow). */
  privateKeyFile: "CALLCAP_PRIVATE_KEY_FILE",
  /** Where tokens are requested, when not the instance URL. */
  loginUrl: "CALLCAP_LOGIN_URL",
  /** The package namespace; '' when deployed unmanaged. Default callcap. */
  namespace: "CALLCAP_NAMESPACE",
  /** `1` allows http:// for a loopback org stand-in (local tests only). */
  allowHttpLoopback: "CALLCAP_ALLOW_HTTP_LOOPBACK"
} as const;

type Environment = Record<string, string | undefined>;

const names = ENVIRONMENT_VARIABLES;

/**
 * The auth flow the variables describe, first that applies: an access token; client credentials; JWT
 * bearer. A ConfigurationError names the variables to set when none applies.
 */
export function authFromEnvironment(env: Environment): AuthProvider {
  const loginUrl = env[names.loginUrl] || undefined;
  if (env[names.accessToken]) return accessToken(env[names.accessToken]!);
  const clientId = env[names.clientId];
  if (clientId && env[names.clientSecret]) {
    return clientCredentials({
      clientId,
      clientSecret: env[names.clientSecret]!,
      ...(loginUrl ? { loginUrl } : {})
    });
  }
  if (clientId && env[names.username] && env[names.privateKeyFile]) {
    let privateKey: string;
    try {
      privateKey = readFileSync(env[names.privateKeyFile]!, "utf8");
    } catch (error) {
      throw new ConfigurationError(
        `${names.privateKeyFile}=${env[names.privateKeyFile]} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
      );
    }
    return jwtBearer({
      clientId,
      username: env[names.username]!,
      privateKey,
      ...(loginUrl ? { loginUrl } : {})
    });
  }
  throw new ConfigurationError(
    `No org credentials: set ${names.instanceUrl} and one of ${names.accessToken}; ${names.clientId} + ${names.clientSecret}; or ${names.clientId} + ${names.username} + ${names.privateKeyFile}`
  );
}

/**
 * A client configured from environment variables (ENVIRONMENT_VARIABLES; `process.env` by default), with
 * `overrides` for what the environment does not hold (onRetry, batch, …).
 */
export function clientFromEnvironment(
  env: Environment = process.env,
  overrides: Partial<CallCaptureClientOptions> = {}
): CallCaptureClient {
  const instanceUrl = env[names.instanceUrl];
  if (!instanceUrl && !overrides.instanceUrl) {
    throw new ConfigurationError(
      `${names.instanceUrl} is required: the org's My Domain URL, https://<MyDomain>.my.salesforce.com`,
      { errorCode: "INVALID_URL" }
    );
  }
  return new CallCaptureClient({
    instanceUrl: instanceUrl!,
    namespace: env[names.namespace] ?? "callcap",
    allowHttpLoopback: env[names.allowHttpLoopback] === "1",
    ...overrides,
    auth: overrides.auth ?? authFromEnvironment(env)
  });
}
