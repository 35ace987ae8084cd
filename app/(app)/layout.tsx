import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { getPrincipal } from '../_lib/auth';
import { isDemoMode } from '../_lib/demo';
import { can } from '@/server/auth/roles';
import { signOut } from './sign-out';

// Renders the shell for the signed-in user. Pages authorise themselves as well (requirePage):
// a layout is not re-run on client navigation, so it must not be the only check.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const principal = await getPrincipal();
  if (!principal) redirect('/login');
  const demo = can(principal.role, 'demo:use') && (await isDemoMode());
  return (
    <AppShell email={principal.email} role={principal.role} demo={demo} signOut={signOut}>
      {children}
    </AppShell>
  );
}
