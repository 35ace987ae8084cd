'use client';
// "Sign in with Microsoft" on the login page, shown when an admin switched SSO on. Client-side so
// the login page needs only one line for it: it asks the public status route whether SSO is on
// and shows why a previous SSO attempt was refused (?sso_error=<code>).
import { useEffect, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { FormError } from '../ui/form';
import { MicrosoftLogo } from './microsoft-logo';
import { ssoMessage } from './sso-messages';

export const SSO_START_PATH = '/api/v1/auth/sso/start';

export function SsoSignInButton() {
  const [enabled, setEnabled] = useState(false);
  const error = ssoMessage(useSearchParams().get('sso_error'));

  useEffect(() => {
    let live = true;
    fetch('/api/v1/auth/sso/status', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ enabled?: unknown }>) : { enabled: false }))
      .then((body) => live && setEnabled(body.enabled === true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!enabled && !error) return null;
  return (
    <div className="mt-5 space-y-4" data-testid="sso-sign-in">
      {error && <FormError testId="sso-error">{error}</FormError>}
      {enabled && (
        <>
          <div className="flex items-center gap-3 text-xs font-medium uppercase tracking-wide text-slate-400">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          {/* A plain link: the start route answers with a redirect to Microsoft. */}
          <a
            href={SSO_START_PATH}
            className="flex w-full items-center justify-center gap-2.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-700 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <MicrosoftLogo />
            Sign in with Microsoft
          </a>
        </>
      )}
    </div>
  );
}
