// OAuth 2.0 for the integration user: the four ways a sender gets an access token. Each provider
// fetches at most one token at a time however many requests wait for it (the pending promise is
// shared), like jsforce's SessionRefreshDelegate.
import { createSign } from "node:crypto";
import { ApiError, AuthError, NetworkError } from "./errors.js";
import { describeNetworkFailure } from "./network-failure.js";
import { checkedOrgUrl } from "./org-url.js";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** An access token, and the org URL the token endpoint named (`instance_url`, informational). */
export interface AccessToken {
  accessToken: string;
  instanceUrl?: string;
}

/** What the client hands a provider: its transport, its clock, the org URL and the URL policy. */
export interface AuthContext {
  fetch: FetchLike;
  now: () => number;
  /** The org's My Domain URL (the client's `instanceUrl`): where tokens are requested unless `loginUrl` says otherwise. */
  instanceUrl?: string;
  /** Whether http is allowed for a loopback host (tests); otherwise token URLs must be https. */
  allowHttpLoopback?: boolean;
  /** Abandon a token request that has not answered after this many ms. */
  timeoutMs?: number;
}

export interface AuthProvider {
  /** The current token, fetching one (once, shared by all callers) when there is none. */
  token(context: AuthContext): Promise<AccessToken>;
  /** Forget `accessToken` after a 401 so the next token() fetches a new one. False when it cannot. */
  invalidate(accessToken: string): boolean;
}

interface TokenResponse {
  access_token?: string;
  instance_url?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}

/** Which flow asked for the token: the checklist of likely causes differs. */
type Grant = "client_credentials" | "jwt_bearer" | "refresh_token";

const PRODUCTION_LOGIN = "https://login.salesforce.com";
const DEFAULT_TOKEN_TIMEOUT_MS = 60_000;

/**
 * What to check when the token endpoint refuses, most likely first for the error code (RFC 6749 §5.2
 * codes; Salesforce adds its own description, which the error message quotes).
 */
export function tokenChecklist(grant: Grant, errorCode: string | undefined): string[] {
  const myDomain =
    "the URL is the org's My Domain (https://<MyDomain>.my.salesforce.com; a sandbox's is <MyDomain>--<sandbox>.sandbox.my.salesforce.com), not login.salesforce.com";
  const delay =
    "a new or just-changed External Client App or Connected App can take several minutes before it accepts tokens: wait and try again";
  const secret =
    "the consumer key and secret are the app's current ones, copied whole (Settings → OAuth Settings → Consumer Key and Secret)";
  const byGrant: Record<Grant, string> = {
    client_credentials:
      "the app has Enable Client Credentials Flow on, and its policies name a Run As user that is active and has API Enabled",
    jwt_bearer:
      "the app has Enable JWT Bearer Flow on with the certificate of this private key, and the username is pre-authorized for the app (its profile or a permission set in the app's policies)",
    refresh_token:
      "the refresh token is still valid (revoked, expired or rotated away: authorise again and store the new one)"
  };
  const flow = byGrant[grant];
  const first =
    errorCode === "invalid_client" || errorCode === "invalid_client_id"
      ? [secret, flow]
      : errorCode === "invalid_grant" || errorCode === "unsupported_grant_type"
        ? [flow, secret]
        : [myDomain, flow, secret];
  return [...new Set([...first, myDomain, delay])];
}

/** A provider that fetches tokens from `{loginUrl}/services/oauth2/token` with a grant's form fields. */
class TokenEndpointProvider implements AuthProvider {
  private current: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly grant: Grant,
    private readonly loginUrl: string | undefined,
    private readonly grantFor: (context: AuthContext, loginUrl: string) => Record<string, string>,
    private readonly onTokenResponse: (response: TokenResponse) => Promise<void> = async () => {}
  ) {}

  token(context: AuthContext): Promise<AccessToken> {
    if (this.current) return Promise.resolve(this.current);
    this.pending ??= this.fetchToken(context).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(accessToken: string): boolean {
    if (this.current?.accessToken === accessToken) this.current = undefined;
    return true;
  }

  private async fetchToken(context: AuthContext): Promise<AccessToken> {
    // No fallback to login.salesforce.com: the client credentials flow works only on the org's My Domain,
    // and a sandbox's tokens come from its own. The token URL is the one given, or the org's.
    const loginUrl = checkedOrgUrl(
      this.loginUrl ?? context.instanceUrl,
      this.loginUrl ? "loginUrl" : "instanceUrl",
      context.allowHttpLoopback
    );
    const refused = (reason: string, details: { status?: number; errorCode: string }) =>
      new AuthError(`The token request to ${loginUrl} was refused: ${reason}`, {
        ...details,
        checklist: tokenChecklist(this.grant, details.errorCode)
      });
    let response: Response;
    try {
      response = await context.fetch(`${loginUrl}/services/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams(this.grantFor(context, loginUrl)).toString(),
        // A redirect would resend the client secret or assertion to another host: never followed.
        redirect: "manual",
        signal: AbortSignal.timeout(context.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS)
      });
    } catch (error) {
      const failure = describeNetworkFailure(error, new URL(loginUrl).host);
      throw new NetworkError(`Token request to ${loginUrl} failed: ${failure.detail}`, {
        kind: failure.kind,
        retryable: failure.retryable,
        cause: error
      });
    }
    const text = await response.text();
    let body: TokenResponse = {};
    try {
      body = JSON.parse(text) as TokenResponse;
    } catch {
      // A non-JSON body (an HTML error page from a proxy, or a host that is not an org) is reported by status.
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("Location");
      throw refused(
        `the token endpoint redirected to ${location ?? "another URL"} (HTTP ${response.status}); the request was not repeated there, so no secret left for another host. ${loginUrl} is probably not the org's My Domain URL`,
        { status: response.status, errorCode: "REDIRECTED" }
      );
    }
    if (response.status >= 500) {
      throw new ApiError(`Token endpoint ${loginUrl} answered ${response.status}`, {
        status: response.status,
        errorCode: "TEMPORARY_FAILURE"
      });
    }
    if (!response.ok || !body.access_token) {
      const errorCode = body.error ?? "invalid_token_response";
      throw refused(
        `${body.error ?? `HTTP ${response.status}`}${body.error_description ? ` (${body.error_description})` : ""}`,
        { status: response.status, errorCode }
      );
    }
    await this.onTokenResponse(body);
    this.current = {
      accessToken: body.access_token,
      ...(body.instance_url ? { instanceUrl: body.instance_url } : {})
    };
    return this.current;
  }
}

/** Client credentials flow (server-to-server, runs as the app's "Run As" integration user). */
export function clientCredentials(options: {
  clientId: string;
  clientSecret: string;
  loginUrl?: string;
}): AuthProvider {
  return new TokenEndpointProvider("client_credentials", options.loginUrl, () => ({
    grant_type: "client_credentials",
    client_id: options.clientId,
    client_secret: options.clientSecret
  }));
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The signed RS256 assertion of the JWT bearer flow (valid for 3 minutes, Salesforce's maximum). */
export function jwtAssertion(
  claims: { clientId: string; username: string; audience: string },
  privateKey: string,
  nowMs: number
): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: claims.clientId,
      sub: claims.username,
      aud: claims.audience,
      exp: Math.floor(nowMs / 1000) + 180
    })
  );
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** The `aud` Salesforce expects: the production or sandbox login host, whatever URL the token is posted to. */
function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  return host === "test.salesforce.com" || host.includes(".sandbox.")
    ? "https://test.salesforce.com"
    : PRODUCTION_LOGIN;
}

/** JWT bearer flow: a certificate on the app, a pre-authorised integration user, no secret on the wire. */
export function jwtBearer(options: {
  clientId: string;
  username: string;
  privateKey: string;
  loginUrl?: string;
  audience?: string;
}): AuthProvider {
  return new TokenEndpointProvider("jwt_bearer", options.loginUrl, (context, loginUrl) => ({
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion: jwtAssertion(
      {
        clientId: options.clientId,
        username: options.username,
        audience: options.audience ?? jwtAudience(loginUrl)
      },
      options.privateKey,
      context.now()
    )
  }));
}

/**
 * Refresh token flow. With refresh token rotation on, every response carries a new refresh token and
 * the old one stops working: it is handed to `onRotate` (persist it!) before the access token is used.
 */
export function refreshToken(options: {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  loginUrl?: string;
  onRotate?: (newRefreshToken: string) => void | Promise<void>;
}): AuthProvider {
  let current = options.refreshToken;
  return new TokenEndpointProvider(
    "refresh_token",
    options.loginUrl,
    () => ({
      grant_type: "refresh_token",
      client_id: options.clientId,
      ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
      refresh_token: current
    }),
    async (response) => {
      if (response.refresh_token && response.refresh_token !== current) {
        await options.onRotate?.(response.refresh_token);
        current = response.refresh_token;
      }
    }
  );
}

/** A token obtained elsewhere (e.g. `sf org display`). It cannot be refreshed: a 401 is an AuthError. */
export function accessToken(token: string): AuthProvider {
  const value: AccessToken = { accessToken: token };
  return {
    token: () => Promise.resolve(value),
    invalidate: () => false
  };
}

export const auth = { clientCredentials, jwtBearer, refreshToken, accessToken };
