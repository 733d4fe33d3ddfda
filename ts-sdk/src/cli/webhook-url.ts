// `callcap webhook-url --vendor retell|vapi|twilio [--site-url <https://…>]`: the URL a vendor's webhooks
// go to when they reach the org straight through a Salesforce Site (docs/direct-webhooks.md), the settings
// to make in the vendor's console, and where the signing secret goes in the admin app. Offline: nothing
// is sent anywhere.
import type { Output } from "./output.js";
import { didYouMean, UsageError } from "./usage.js";

export const VENDORS = ["retell", "vapi", "twilio"] as const;
export type Vendor = (typeof VENDORS)[number];
const VENDOR_NAMES: Record<Vendor, string> = { retell: "Retell", vapi: "Vapi", twilio: "Twilio" };

/** Hosts that are an org's own domains, never a Site's: a vendor cannot reach the webhook class there. */
const NOT_A_SITE = [".my.salesforce.com", ".lightning.force.com", ".my.salesforce-setup.com"];
const PLACEHOLDER_SITE = "https://<your Site's domain>[/<its path>]";
const ADMIN_CARD = "Call Capture app → Call Capture Admin → Webhooks";

export interface WebhookSetup {
  vendor: Vendor;
  /** The webhook URL; with a placeholder for the Site when no --site-url was given. */
  url: string;
  /** Whether `url` is the exact URL (a Site URL was given). */
  exact: boolean;
  /** What to set in the vendor's console. */
  vendorSettings: string[];
  /** Where the signing secret comes from and where it goes. */
  secret: string[];
}

/** The vendor named by --vendor, or a usage error with the closest name. */
export function vendorOption(value: string | undefined): Vendor {
  if (value === undefined) throw new UsageError(`webhook-url needs --vendor ${VENDORS.join("|")}`);
  const vendor = value.trim().toLowerCase();
  if ((VENDORS as readonly string[]).includes(vendor)) return vendor as Vendor;
  throw new UsageError(`unknown vendor ${value}${didYouMean(vendor, VENDORS)} (use ${VENDORS.join(", ")})`);
}

/** The package namespace in the URL: --namespace, else CALLCAP_NAMESPACE, else callcap; none or '' unmanaged. */
export function namespaceOption(value: string | undefined): string {
  const namespace = (value ?? "callcap").trim();
  if (namespace === "" || namespace.toLowerCase() === "none") return "";
  if (!/^[A-Za-z][A-Za-z0-9_]{0,14}$/.test(namespace))
    throw new UsageError(
      `--namespace ${value}: a namespace is a letter and up to 14 letters, digits or underscores (callcap), or none when deployed unmanaged`
    );
  return namespace;
}

/**
 * The Site's own URL (https://acme.my.salesforce-sites.com or https://acme.my.salesforce-sites.com/calls),
 * checked: https, no query string or fragment (Twilio signs the exact URL it calls), not already the
 * webhook URL, and not the org's My Domain (the guest user, and so a vendor, can only reach a Site).
 */
export function siteUrlOption(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(
      `--site-url ${value} is not a URL: give the Site's URL, e.g. https://acme.my.salesforce-sites.com/calls`
    );
  }
  if (url.protocol !== "https:")
    throw new UsageError(
      `--site-url must be https:// (it is ${url.protocol}//): a Site serves the webhooks over https, and a vendor's signed request must not travel in clear`
    );
  if (url.search || url.hash || value.includes("?") || value.includes("#"))
    throw new UsageError(
      "--site-url must have no query string or fragment: Twilio signs the exact URL it calls, and the org checks the signature against the URL without one"
    );
  if (url.username || url.password) throw new UsageError("--site-url must not carry a user name or password");
  if (/\/services\//i.test(url.pathname))
    throw new UsageError(
      "--site-url is the Site's own URL (e.g. https://acme.my.salesforce-sites.com/calls), not a webhook URL: callcap adds /services/apexrest/…"
    );
  const host = url.hostname.toLowerCase();
  if (NOT_A_SITE.some((domain) => host.endsWith(domain)))
    throw new UsageError(
      `--site-url ${url.origin} is the org's own domain, not a Site's: vendors cannot reach the webhook class there. Use the Site's URL (Setup → Sites, or the ${ADMIN_CARD} card), usually https://<my domain>.my.salesforce-sites.com[/<path>]`
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The URL, the vendor's settings and the secret's way into the admin app. */
export function webhookSetup(vendor: Vendor, siteUrl: string | undefined, namespace: string): WebhookSetup {
  const url = `${siteUrl ?? PLACEHOLDER_SITE}/services/apexrest/${namespace ? `${namespace}/` : ""}v1/webhooks/${vendor}`;
  const paste = `${ADMIN_CARD} → ${VENDOR_NAMES[vendor]} → New secret: paste it, then Save as secret 1 (secret 2 is for rotation)`;
  const settings: Record<Vendor, Pick<WebhookSetup, "vendorSettings" | "secret">> = {
    retell: {
      vendorSettings: [
        "The agent's Agent Level Webhook URL (or the account's Webhooks tab): this URL, with the events call_ended and call_analyzed; turn the others off (they are answered 200 and not used).",
        "Caller lookup before the agent speaks (call_inbound): the phone number's Inbound Webhook URL: this URL.",
        "Caller lookup during the call (a custom function): this URL, method POST, args_at_root off, so the call's metadata (the caller's number) comes with the request."
      ],
      secret: [
        "Retell signs every webhook with your API key: the key with the webhook badge (Retell dashboard → API Keys).",
        paste
      ]
    },
    vapi: {
      vendorSettings: [
        "The Server URL of the assistant, the phone number or the organization: this URL.",
        "Server messages: end-of-call-report; for caller lookup also assistant-request (a phone number with no assistant and this Server URL; set the Assistant ID on the Webhooks card) and tool-calls (a function tool named lookup_caller whose server URL is this URL).",
        "Authentication: a Custom Credential of type Bearer Token with Header Name X-Vapi-Secret and Include Bearer Prefix off, or an HMAC credential with its defaults (x-signature, x-timestamp, payload {timestamp}.{body}, hex, SHA-256).",
        "Never a Bearer token in the Authorization header: Salesforce reads that header itself, as an OAuth session, before any Apex runs, and refuses the request."
      ],
      secret: ["The credential's token (X-Vapi-Secret) or its HMAC secret key.", paste]
    },
    twilio: {
      vendorSettings: [
        "The phone number's (or the TwiML App's) Call status changes URL: this URL, HTTP POST.",
        "Where you record or transcribe: recordingStatusCallback and transcribeCallback: this URL.",
        "Exactly this URL, with no query string: Twilio signs the URL it calls, and the org checks that signature."
      ],
      secret: [
        "Your primary Auth Token (Twilio signs with it), or the shared key of a Webhooks Rule.",
        paste,
        `On the same card, "The exact URL set in Twilio" (Twilio signs it): ${siteUrl ? "this URL" : "the URL you set in Twilio"}, then Save.`
      ]
    }
  };
  return { vendor, url, exact: siteUrl !== undefined, ...settings[vendor] };
}

/** Prints the setup; resolves with the exit code. */
export function webhookUrlCommand(setup: WebhookSetup, json: boolean, io: Output): number {
  if (json) {
    io.out(JSON.stringify(setup, null, 2));
    return 0;
  }
  const name = VENDOR_NAMES[setup.vendor];
  io.out(`${name} webhook URL:`);
  io.out(`  ${setup.url}`);
  io.out("");
  io.out(`In ${name}:`);
  for (const line of setup.vendorSettings) io.out(`  - ${line}`);
  io.out("");
  io.out("Signing secret:");
  for (const line of setup.secret) io.out(`  - ${line}`);
  if (!setup.exact)
    io.err(
      `note: pass --site-url <the Site's https URL> for the exact URL (Setup → Sites, or the ${ADMIN_CARD} card, which lists each Site's URL)`
    );
  io.err("note: the whole setup, from creating the Site to a first call: docs/direct-webhooks.md");
  return 0;
}
