import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AppError } from "../errors.js";

/**
 * Where webhooks may go. Portico runs next to private services (its database, cloud
 * metadata at 169.254.169.254), so by default an endpoint must be `https://` on a public
 * address: checked when the endpoint is saved and again on every delivery, against the
 * addresses its host resolves to at connection time (a DNS answer that changed since, or
 * one that points inside, is refused without connecting).
 */
export interface WebhookTargetPolicy {
  /** Also `http://` and loopback / private / link-local hosts: local development and tests. */
  allowInsecure: boolean;
}

export const STRICT_WEBHOOK_TARGETS: WebhookTargetPolicy = { allowInsecure: false };

/** URL column length. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

// Two lists: Node matches IPv4 addresses against IPv6 rules as IPv4-mapped, so one list
// holding ::ffff:0:0/96 would refuse every IPv4 address.
const reservedV4 = new BlockList();
const reservedV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  reservedV4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["::ffff:0:0", 96], // IPv4-mapped: would reach any IPv4 address
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo…)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: embeds an IPv4 address
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local
  ["ff00::", 8], // multicast
] as const) {
  reservedV6.addSubnet(network, prefix, "ipv6");
}

/** True for loopback, private, link-local, multicast and other non-public addresses (and non-addresses). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? reservedV4.check(address, "ipv4") : reservedV6.check(address, "ipv6");
}

/** The URL's host without IPv6 brackets or a trailing dot. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

function isLocalName(host: string): boolean {
  const name = host.toLowerCase();
  return name === "localhost" || name.endsWith(".localhost");
}

/** Why `url` is not a target under `policy`, or null when it is (before DNS). */
export function webhookTargetProblem(url: URL, policy: WebhookTargetPolicy): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "only http(s) URLs are delivered to";
  if (policy.allowInsecure) return null;
  if (url.protocol !== "https:") return "the URL must use https";
  const host = hostOf(url);
  if (isLocalName(host) || (isIP(host) !== 0 && isNonPublicAddress(host))) {
    return `${host} is a loopback, private or reserved address`;
  }
  return null;
}

/**
 * An endpoint URL as stored: absolute, http(s), no credentials, at most 2048 characters,
 * and allowed by `policy`; BAD_REQUEST with reason WEBHOOK_URL_INVALID or
 * WEBHOOK_URL_NOT_ALLOWED otherwise.
 */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidUrl("not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidUrl("not an http(s) URL");
  // Credentials in a URL end up in logs and API answers; receivers verify the signature instead.
  if (url.username || url.password) throw invalidUrl("credentials are not allowed in the URL");
  url.hash = "";
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) throw invalidUrl("longer than 2048 characters");
  const problem = webhookTargetProblem(url, policy);
  if (problem) {
    throw new AppError("BAD_REQUEST", "WEBHOOK_URL_NOT_ALLOWED", `Webhook URL refused: ${problem}.`, {
      details: { problem },
    });
  }
  return url.href;
}

function invalidUrl(problem: string): AppError {
  return new AppError("BAD_REQUEST", "WEBHOOK_URL_INVALID", `Invalid webhook URL: ${problem}.`, {
    details: { problem },
  });
}

/**
 * net.connect's `lookup` that refuses hosts resolving to a non-public address (any of
 * them), so the check and the connection use the same DNS answer.
 */
export const publicAddressLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((entry) => isNonPublicAddress(entry.address));
    if (refused) {
      const denied = new Error(
        `${hostname} resolves to ${refused.address}, a loopback, private or reserved address`,
      );
      return callback(Object.assign(denied, { code: "WEBHOOK_TARGET_NOT_PUBLIC" }), "", 0);
    }
    const [first] = addresses;
    if (!first)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    if (options.all) return callback(null, addresses);
    return callback(null, first.address, first.family);
  });
};
