/**
 * IP addresses and CIDRs as the API server reads Service fields (clusterIP(s), externalIPs,
 * loadBalancerSourceRanges): `netutils.ParseIPSloppy` / `ParseCIDRSloppy` (k8s.io/utils/net), which accept
 * IPv4 octets with leading zeros, and the "special address" checks of ValidateNonSpecialIP
 * (pkg/apis/core/validation/validation.go).
 */

export interface IP {
  family: 4 | 6;
  /** 4 or 16 bytes. */
  bytes: number[];
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIPv6(text: string): number[] | undefined {
  if (text.includes('%')) return undefined; // zones are not IPs here
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** ParseIPSloppy: an IPv4 (leading zeros allowed) or IPv6 address, else undefined. */
export function parseIP(text: string): IP | undefined {
  if (text.includes(':')) {
    const bytes = parseIPv6(text);
    return bytes ? { family: 6, bytes } : undefined;
  }
  const bytes = parseIPv4(text);
  return bytes ? { family: 4, bytes } : undefined;
}

/** ParseCIDRSloppy: `ip/prefix` with a prefix no longer than the address. */
export function isValidCIDR(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const ip = parseIP(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (ip.family === 4 ? 32 : 128);
}

export const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** ValidateNonSpecialIP: the reasons an external IP cannot be a Service's (unspecified, loopback, link-local). */
export function specialIPProblems(text: string, ip: IP): string[] {
  const b = ip.bytes;
  const v4 =
    ip.family === 4
      ? b
      : b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255
        ? b.slice(12)
        : undefined;
  const problems: string[] = [];
  if (b.every((x) => x === 0)) problems.push(`may not be unspecified (${text})`);
  if ((v4 && v4[0] === 127) || (ip.family === 6 && !v4 && b.slice(0, 15).every((x) => x === 0) && b[15] === 1))
    problems.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
  if ((v4 && v4[0] === 169 && v4[1] === 254) || (!v4 && b[0] === 0xfe && (b[1]! & 0xc0) === 0x80))
    problems.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
  if ((v4 && v4[0] === 224 && v4[1] === 0 && v4[2] === 0) || (!v4 && b[0] === 0xff && (b[1]! & 0x0f) === 0x02))
    problems.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  return problems;
}
