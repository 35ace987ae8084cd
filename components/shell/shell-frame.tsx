'use client';
// The shell's grid. On the designer (/flows/<id>) the sidebar shrinks to an icon rail so the
// canvas gets the width; `data-compact` drives the CSS of everything inside (group-data-*).
import type { ReactNode } from 'react';
import { usePathname } from 'next/navigation';

const DESIGNER = /^\/flows\/[0-9a-f-]{36}$/;

export function ShellFrame({ children }: { children: ReactNode }) {
  const compact = DESIGNER.test(usePathname());
  return (
    <div
      data-compact={compact}
      className="group/shell min-h-screen lg:grid lg:grid-cols-[14rem_minmax(0,1fr)] lg:data-[compact=true]:grid-cols-[3.5rem_minmax(0,1fr)]"
    >
      {children}
    </div>
  );
}
