// A key outline for the tokens page (the shared icon set has none).
export function KeyIcon({ className = 'h-5 w-5' }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className={className} aria-hidden="true">
      <circle cx="8" cy="15" r="4" />
      <path d="M10.85 12.15 19 4M15 8l2.5 2.5M17.5 5.5 20 8" />
    </svg>
  );
}
