'use client';
// A GET form that leaves empty fields out of the URL (so a filter link reads `?severity=High`,
// not `?q=&alertId=&…`) and navigates client-side. Without JavaScript it is a plain GET form.
import { useRouter } from 'next/navigation';
import type { FormEvent, FormHTMLAttributes } from 'react';

export function CleanGetForm({ action, ...props }: Omit<FormHTMLAttributes<HTMLFormElement>, 'action' | 'method' | 'onSubmit'> & { action: string }) {
  const router = useRouter();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === 'string' && v.trim() !== '') q.append(k, v.trim());
    const s = q.toString();
    router.push(s ? `${action}?${s}` : action);
  }
  return <form method="get" action={action} onSubmit={submit} {...props} />;
}
