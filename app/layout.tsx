import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import { ZodBrowserConfig } from '@/components/zod-browser-config';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Riposte', template: '%s · Riposte' },
  description: 'Visual flows for Microsoft Defender for Endpoint automation',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: proxy.ts sets a fresh CSP nonce on each request and Next.js
  // stamps it on its scripts while rendering. A page prerendered at build time would carry no
  // nonce and its scripts would be refused by the policy. (Read the nonce with requestNonce()
  // from app/_lib/nonce.ts for a <Script nonce> of our own.)
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <ZodBrowserConfig />
        {children}
      </body>
    </html>
  );
}
