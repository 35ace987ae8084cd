// Identifier formats copied from real MDE payloads so that code validating or
// displaying ids behaves the same against the simulator as against Microsoft.

export type Random = () => number;

const DOTNET_EPOCH_OFFSET_MS = 62_135_596_800_000;

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10).toString();
  return out;
}

function hex(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** `da637472900382838869_1364969609`: "da" + .NET ticks of the creation time + "_" + a 10-digit number. */
export function alertId(createdAt: Date, random: Random): string {
  const ticks = (BigInt(createdAt.getTime() + DOTNET_EPOCH_OFFSET_MS) * 10_000n) + BigInt(digits(random, 4));
  return `da${ticks.toString()}_${1 + Math.floor(random() * 2_000_000_000)}`;
}

/** MDE device ids are 40 lowercase hex characters (a SHA-1 sized value). */
export function machineId(random: Random): string {
  return hex(random, 40);
}

/** Machine action ids, incident-independent GUIDs, lowercase like MDE returns them. */
export function guid(random: Random): string {
  const h = hex(random, 32);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Positive 64-bit-ish numbers used for incidentId / investigationId. */
export function smallNumber(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
