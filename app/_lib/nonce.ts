// The CSP nonce proxy.ts made for this request, for a <Script nonce={…}> of our own (Next.js
// adds it to its framework scripts by itself).
import { headers } from 'next/headers';

export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get('x-nonce') ?? undefined;
}
