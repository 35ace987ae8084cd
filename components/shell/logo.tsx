// The Riposte mark: a shield with a return arrow (a riposte is a counter-attack).
export function Logo({ className = 'h-7 w-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path d="M16 6l8 3v6c0 5-3.4 9.2-8 11-4.6-1.8-8-6-8-11V9l8-3z" fill="none" stroke="white" strokeWidth="2" strokeLinejoin="round" />
      <path d="M19 13h-5l2-2m-2 2l2 2" fill="none" stroke="white" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
