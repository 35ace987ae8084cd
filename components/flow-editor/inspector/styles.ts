// Class strings shared by the inspector widgets, so every control has the same look as
// components/ui/form.tsx (slate base, indigo focus, red when invalid).
/**
 * A control that sets its own width (`w-28`, `w-32` …) must start from this, not `inputClass`:
 * Tailwind emits `.w-full` after `.w-28` in the stylesheet, so an element carrying both is full
 * width whatever the class order. A Run code input's name box did exactly that and, being
 * `shrink-0`, squeezed its value field (and the token picker anchored to it) to nothing.
 */
export const sizedInputClass =
  'block rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 ' +
  'focus:outline-none focus:ring-2 disabled:cursor-not-allowed disabled:bg-slate-50 read-only:bg-slate-50';

export const inputClass = `${sizedInputClass} w-full`;

export function borderClass(invalid: boolean): string {
  return invalid
    ? 'border-red-400 focus:border-red-500 focus:ring-red-500/20'
    : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/20';
}

export const smallButtonClass =
  'inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 ' +
  'focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50';

export const iconButtonClass =
  'inline-flex h-7 w-7 items-center justify-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-slate-700 ' +
  'focus-visible:outline-2 focus-visible:outline-indigo-600';
