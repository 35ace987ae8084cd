'use client';
// Client only for usePathname: the current section is highlighted.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon } from '../ui/icon';

export interface NavItem {
  href: string;
  label: string;
  icon: string;
}

export function NavLinks({ items, label = 'Main' }: { items: NavItem[]; label?: string }) {
  const pathname = usePathname();
  return (
    <nav className="flex flex-col gap-0.5" aria-label={label}>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            title={item.label}
            className={`flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium ${
              active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white'
            }`}
          >
            <Icon name={item.icon} className="h-4 w-4 shrink-0" />
            <span className="lg:group-data-[compact=true]/shell:sr-only">{item.label}</span>
          </Link>
        );
      })}
    </nav>
  );
}
