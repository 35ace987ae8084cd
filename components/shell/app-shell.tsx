// The signed-in layout: a dark sidebar (navigation, who you are, sign out) and the page.
import type { ReactNode } from 'react';
import { Logo } from './logo';
import { NavLinks, type NavItem } from './nav-links';
import { Icon } from '../ui/icon';
import { ShellFrame } from './shell-frame';

interface AppShellProps {
  email: string;
  role: string;
  demo: boolean;
  signOut: () => Promise<void>;
  children: ReactNode;
}

export function AppShell({ email, role, demo, signOut, children }: AppShellProps) {
  const items: NavItem[] = [
    { href: '/dashboard', label: 'Dashboard', icon: 'dashboard' },
    { href: '/flows', label: 'Flows', icon: 'flows' },
    { href: '/runs', label: 'Runs', icon: 'runs' },
    { href: '/approvals', label: 'Approvals', icon: 'check-circle' },
    { href: '/connections', label: 'Connections', icon: 'plug' },
    ...(demo ? [{ href: '/outbox', label: 'Outbox', icon: 'inbox' }] : []),
  ];
  // Administration: the server authorises each page itself; this only hides what a role cannot open.
  const admin: NavItem[] =
    role === 'admin'
      ? [
          { href: '/settings/users', label: 'Users', icon: 'group' },
          { href: '/settings/sso', label: 'Single sign-on', icon: 'shield-search' },
          { href: '/audit', label: 'Audit log', icon: 'shield-alert' },
          { href: '/system', label: 'System', icon: 'database' },
        ]
      : [];
  const account: NavItem[] = [{ href: '/account', label: 'Your account', icon: 'pencil' }];
  return (
    // A grid (not a fixed sidebar) so the dark column always spans the whole page height; the
    // inner panel is sticky so navigation stays in view while long run pages scroll.
    <ShellFrame>
      <aside className="bg-slate-900">
        <div className="flex flex-col px-3 py-4 lg:sticky lg:top-0 lg:h-screen">
        <div className="mb-6 flex items-center gap-2.5 px-2">
          <Logo className="h-7 w-7" />
          <span className="text-base font-semibold tracking-tight text-white lg:group-data-[compact=true]/shell:hidden">Riposte</span>
          {demo && <span className="ml-auto lg:group-data-[compact=true]/shell:hidden rounded bg-amber-400/15 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-300">Demo</span>}
        </div>
        <NavLinks items={items} />
        {admin.length > 0 && (
          <>
            <p className="mt-6 mb-1 px-2.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500 lg:group-data-[compact=true]/shell:sr-only">Administration</p>
            <NavLinks items={admin} label="Administration" />
          </>
        )}
        <div className="mt-6 border-t border-slate-800 pt-4 lg:mt-auto">
          <div className="px-2 lg:group-data-[compact=true]/shell:hidden">
            <p className="truncate text-sm font-medium text-slate-200" title={email} data-testid="current-user">
              {email}
            </p>
            <p className="text-xs capitalize text-slate-400">{role}</p>
          </div>
          <div className="mt-3">
            <NavLinks items={account} label="Account" />
          </div>
          <form action={signOut} className="mt-3">
            <button
              type="submit"
              className="flex w-full items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-slate-300 hover:bg-slate-800/60 hover:text-white"
            >
              <Icon name="logout" />
              <span className="lg:group-data-[compact=true]/shell:sr-only">Sign out</span>
            </button>
          </form>
        </div>
        </div>
      </aside>
      <main className="px-4 py-6 sm:px-8 lg:py-8 lg:group-data-[compact=true]/shell:px-4 lg:group-data-[compact=true]/shell:py-4">{children}</main>
    </ShellFrame>
  );
}
