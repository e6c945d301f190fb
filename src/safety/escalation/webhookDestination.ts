import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where a signed alert may be POSTed. An alert webhook is a URL a programme types in, so without a check
 * it is a way to make the service send requests into its own network (cloud metadata, admin ports). A
 * destination is checked when it is stored (its URL) and again when a delivery connects (what its name
 * resolves to now), because DNS can change between the two.
 */
export interface DestinationPolicy {
  /** Production: https only. */
  requireHttps: boolean;
  /** Outside production the service's own machine is allowed (local mode, tests). */
  allowLoopback: boolean;
  /** A clinic that hosts its receiver on its own network (SAFETY_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
}

/** The policy for an environment: production refuses http and loopback; private ranges only when allowed. */
export function destinationPolicy(env: 'development' | 'test' | 'production', allowPrivate = false): DestinationPolicy {
  return { requireHttps: env === 'production', allowLoopback: env !== 'production', allowPrivate };
}

/** Used where nothing was configured: what development allows. */
export const DEVELOPMENT_POLICY: DestinationPolicy = destinationPolicy('development');

type AddressClass = 'loopback' | 'private' | 'unspecified' | 'link-local' | 'shared (CGNAT)' | 'multicast' | 'reserved' | 'IPv4-compatible IPv6';

function blockList(ranges: Array<[string, number]>): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

/**
 * The ranges no alert goes to, by what they are. `BlockList` also matches an IPv4-mapped IPv6 address
 * (::ffff:127.0.0.1) against the IPv4 ranges, so the mapped forms need no entry of their own.
 */
const CLASSES: Array<[AddressClass, BlockList]> = [
  ['unspecified', blockList([['0.0.0.0', 8], ['::', 128]])],
  ['loopback', blockList([['127.0.0.0', 8], ['::1', 128]])],
  ['link-local', blockList([['169.254.0.0', 16], ['fe80::', 10]])],
  ['private', blockList([['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['fc00::', 7]])],
  ['shared (CGNAT)', blockList([['100.64.0.0', 10]])],
  ['multicast', blockList([['224.0.0.0', 4], ['ff00::', 8]])],
  ['reserved', blockList([['240.0.0.0', 4]])],
  // ::a.b.c.d, deprecated and never a real receiver; it would otherwise smuggle any IPv4 address past the list.
  ['IPv4-compatible IPv6', blockList([['::', 96]])],
];

function classify(address: string): AddressClass | undefined {
  const family = isIP(address);
  if (family === 0) return undefined;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  return CLASSES.find(([, list]) => list.check(address, type))?.[0];
}

/** Why an IP address is refused under the policy, or undefined when it is allowed. Pure. */
export function addressProblem(address: string, policy: DestinationPolicy): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0];
  if (isIP(bare) === 0) return 'is not an IP address';
  const kind = classify(bare);
  if (!kind) return undefined;
  if (kind === 'loopback' && policy.allowLoopback) return undefined;
  if (kind === 'private' && policy.allowPrivate) return undefined;
  return `points to a ${kind} address, which alerts are never sent to${kind === 'private' ? ' (set SAFETY_WEBHOOK_ALLOW_PRIVATE=true for a receiver on your own network)' : ''}`;
}

/**
 * Why a webhook URL is refused, or undefined. The WHATWG URL parser has already turned the other ways of
 * writing an IPv4 address ("2130706433", "0x7f000001", "127.1", "0177.0.0.1") into dotted form, so a
 * literal address is checked as what it is. A host name is checked again when a delivery connects.
 */
export function webhookUrlProblem(raw: string, policy: DestinationPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be a URL';
  }
  if (policy.requireHttps ? url.protocol !== 'https:' : url.protocol !== 'https:' && url.protocol !== 'http:') {
    return policy.requireHttps ? 'must be an https:// URL' : 'must be an http(s) URL';
  }
  if (url.username || url.password) return 'must not contain a user name or password (the alert is signed; put no credentials in the URL)';
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(host)) return addressProblem(host, policy);
  if (host === 'localhost' || host.endsWith('.localhost')) return policy.allowLoopback ? undefined : addressProblem('127.0.0.1', policy);
  return undefined;
}

/** Thrown when a destination is refused: a permanent failure (retrying cannot help). */
export class RefusedDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedDestinationError';
  }
}

/** Resolves a host name to every address it has (a port, so tests answer without DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request`: resolves the name, refuses the connection unless EVERY address is allowed
 * (a name with one good and one internal address could be steered to the internal one), and hands the
 * checked addresses to the socket, which then connects to exactly what was checked.
 */
export function checkedLookup(policy: DestinationPolicy, resolver: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolver(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        for (const { address } of addresses) {
          const problem = addressProblem(address, policy);
          if (problem) return callback(new RefusedDestinationError(`the webhook's host name ${problem}`), []);
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
