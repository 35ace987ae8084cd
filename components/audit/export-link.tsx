// "Export JSON lines": a plain download link to the export API with the page's filters, so the
// browser streams the file to disk (no JavaScript, nothing held in the page).
export function ExportLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
      data-testid="audit-export"
    >
      <span aria-hidden="true">↓</span>
      Export JSON lines
    </a>
  );
}
