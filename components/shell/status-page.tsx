// Full-page message for 403 / 404 / errors, in the same visual language as the app.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Logo } from './logo';

interface StatusPageProps {
  code: string;
  title: string;
  href: string;
  linkLabel: string;
  onRetry?: () => void;
  children: ReactNode;
}

export function StatusPage({ code, title, href, linkLabel, onRetry, children }: StatusPageProps) {
  return (
    <main className="flex min-h-[70vh] items-center justify-center px-4 py-16">
      <div className="max-w-md text-center">
        <Logo className="mx-auto h-9 w-9" />
        <p className="mt-6 text-sm font-semibold text-indigo-600">{code}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{children}</p>
        <div className="mt-6 flex justify-center gap-3">
          {onRetry && (
            <button type="button" onClick={onRetry} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
              Try again
            </button>
          )}
          <Link href={href} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50">
            {linkLabel}
          </Link>
        </div>
      </div>
    </main>
  );
}
