'use client';
// A <select> inside a GET form that submits on change; the form still works without JS.
import type { SelectHTMLAttributes } from 'react';

export function AutoSubmitSelect({ className = '', ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      {...props}
      onChange={(e) => e.currentTarget.form?.requestSubmit()}
      className={`rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none ${className}`}
    />
  );
}
