// OAuth 2.0 for the integration user: the four ways a sender gets an access token. Each provider
// fetches at most one token at a time however many requests wait for it (the pending promise is
// shared), like jsforce's SessionRefreshDelegate.
import { createSign } from "node:crypto";
import { AuthError, NetworkError } from "./errors.js";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** An access token and the org URL it belongs to (token endpoints return `instance_url`). */
export interface AccessToken {
  accessToken: string;
  instanceUrl?: string;
}

/** What the client hands a provider: its transport, its clock and the org URL it was given. */
export interface AuthContext {
  fetch: FetchLike;
  now: () => number;
  instanceUrl?: string;
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

const LOGIN_URL = "https://login.salesforce.com";
const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** A provider that fetches tokens from `{loginUrl}/services/oauth2/token` with a grant's form fields. */
class TokenEndpointProvider implements AuthProvider {
  private current: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly loginUrlFor: (context: AuthContext) => string,
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
    const loginUrl = trimSlash(this.loginUrlFor(context));
    let response: Response;
    try {
      response = await context.fetch(`${loginUrl}/services/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams(this.grantFor(context, loginUrl)).toString()
      });
    } catch (error) {
      throw new NetworkError(`Token request to ${loginUrl} failed: ${(error as Error).message}`, {
        cause: error
      });
    }
    const text = await response.text();
    let body: TokenResponse = {};
    try {
      body = JSON.parse(text) as TokenResponse;
    } catch {
      // A non-JSON body (an HTML error page from a proxy) is reported below by status.
    }
    if (response.status >= 500) {
      throw new NetworkError(`Token endpoint ${loginUrl} answered ${response.status}`, {
        status: response.status
      });
    }
    if (!response.ok || !body.access_token) {
      throw new AuthError(
        `Token request failed: ${body.error ?? response.status}${body.error_description ? ` (${body.error_description})` : ""}`,
        {
          status: response.status,
          errorCode: body.error ?? "invalid_token_response"
        }
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
  return new TokenEndpointProvider(
    // The flow only works against the org's My Domain, so the client's instanceUrl is the right default.
    (context) => options.loginUrl ?? context.instanceUrl ?? LOGIN_URL,
    () => ({
      grant_type: "client_credentials",
      client_id: options.clientId,
      client_secret: options.clientSecret
    })
  );
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
    : LOGIN_URL;
}

/** JWT bearer flow: a certificate on the app, a pre-authorised integration user, no secret on the wire. */
export function jwtBearer(options: {
  clientId: string;
  username: string;
  privateKey: string;
  loginUrl?: string;
  audience?: string;
}): AuthProvider {
  return new TokenEndpointProvider(
    () => options.loginUrl ?? LOGIN_URL,
    (context, loginUrl) => ({
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
    })
  );
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
    () => options.loginUrl ?? LOGIN_URL,
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
export function accessToken(token: string, instanceUrl?: string): AuthProvider {
  const value: AccessToken = { accessToken: token, ...(instanceUrl ? { instanceUrl } : {}) };
  return {
    token: () => Promise.resolve(value),
    invalidate: () => false
  };
}

export const auth = { clientCredentials, jwtBearer, refreshToken, accessToken };
