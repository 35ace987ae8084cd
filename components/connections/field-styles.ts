// Input styling shared by the connection forms (same look as the sign-in and setup forms).
export function inputClass(invalid: boolean): string {
  return `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:ring-2 focus:outline-none ${
    invalid ? 'border-red-400 focus:border-red-500 focus:ring-red-500/20' : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/20'
  }`;
}
