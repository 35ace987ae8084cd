// MITRE ATT&CK technique ids of an alert as chips; well-formed ids link to their ATT&CK page
// (the URL is built from the checked id, never from free text).
const TECHNIQUE = /^T(\d{4})(?:\.(\d{3}))?$/;

export function mitreUrl(id: string): string | null {
  const m = TECHNIQUE.exec(id);
  if (m === null) return null;
  return `https://attack.mitre.org/techniques/T${m[1]}/${m[2] === undefined ? '' : `${m[2]}/`}`;
}

export function MitreTechniques({ techniques }: { techniques: string[] }) {
  if (techniques.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {techniques.map((t) => {
        const url = mitreUrl(t);
        const chip = 'rounded bg-violet-50 px-1.5 py-0.5 font-mono text-xs font-medium text-violet-700 ring-1 ring-violet-600/20 ring-inset';
        return url ? (
          <a key={t} href={url} target="_blank" rel="noopener noreferrer" className={`${chip} hover:bg-violet-100`} title={`${t} on MITRE ATT&CK`}>
            {t}
          </a>
        ) : (
          <span key={t} className={chip}>
            {t}
          </span>
        );
      })}
    </span>
  );
}
