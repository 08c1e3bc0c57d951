import { BlockList, isIPv6 } from "node:net";

/**
 * Every request carries a credential (the token, the App's JWT, an installation token) and
 * every write a sealed value, so the API root must use TLS. Plain http is let through only to a
 * loopback address, where the emulator listens and nothing crosses a network.
 */

/** 127.0.0.0/8 and ::1 (node's BlockList also matches IPv4-mapped IPv6, e.g. ::ffff:127.0.0.1). */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

const WHAT_TO_DO =
  "set it to GitHub's API root over https (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server); " +
  "plain http is accepted only for a loopback address (localhost, 127.0.0.0/8, [::1]), such as the emulator's";

/**
 * `raw` as the clients' `baseUrl` (trailing slashes dropped), or an error naming `setting`
 * (`github:baseUrl`, GITHUB_BASE_URL or GITHUB_API_URL). The error never quotes more of the
 * value than its scheme and host: a token pasted into the wrong setting must not be shown.
 * Parsed as WHATWG URL, as fetch parses it, so `http://127.0.0.1.example.com` and
 * `http://127.0.0.1@example.com` are the hosts they really are.
 */
export function checkedApiRoot(raw: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${setting} is not a URL: ${WHAT_TO_DO}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new Error(`${setting} holds a user name or password (user:password@host), which would be sent with every request: remove them, and give the token as github:token or GITHUB_TOKEN`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new Error(`${setting} is ${url.protocol}//${url.host}, plain http: the token and every sealed value would cross the network unencrypted; ${WHAT_TO_DO}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`${setting} is a ${url.protocol} URL: ${WHAT_TO_DO}`);
  }
  return raw.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  if (hostname === "localhost") return true;
  // An IPv6 literal's brackets: no other host name can hold one.
  const address = hostname.replace(/[[\]]/g, "");
  // A name other than localhost is no address: BlockList answers false.
  return LOOPBACK.check(address, isIPv6(address) ? "ipv6" : "ipv4");
}
