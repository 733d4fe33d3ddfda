// The org and login URLs the SDK sends tokens and secrets to: https only, so a token or client secret
// never travels in clear. Plain http is accepted for a loopback host (127.0.0.1, ::1, localhost) only
// when the client is told so explicitly (`allowHttpLoopback`), which is what local tests need.
import { ConfigurationError } from "./errors.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * `value` checked and without trailing slashes, or a ConfigurationError that names the option (`what`)
 * and what to use instead.
 */
export function checkedOrgUrl(value: unknown, what: string, allowHttpLoopback = false): string {
  const example = "https://<MyDomain>.my.salesforce.com";
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(`${what} is required: the org's My Domain URL, ${example}`, {
      errorCode: "INVALID_URL"
    });
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${what} "${value}" is not a URL: use the org's My Domain URL, ${example}`, {
      errorCode: "INVALID_URL"
    });
  }
  const loopbackHttp = url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) && allowHttpLoopback;
  if (url.protocol !== "https:" && !loopbackHttp) {
    throw new ConfigurationError(
      `${what} "${value}" is not https: tokens and secrets are sent only over https (${example})`,
      { errorCode: "INSECURE_URL" }
    );
  }
  return value.replace(/\/+$/, "");
}
