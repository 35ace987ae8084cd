'use client';
/**
 * The Run code step's JavaScript, in CodeMirror 6 (syntax highlighting, bracket matching,
 * undo, search). The code never runs in the browser: it is only text here. CodeMirror
 * injects its styles as <style> elements at run time, so they carry the page's CSP nonce
 * (EditorView.cspNonce); it needs no eval.
 */
import { useMemo } from 'react';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { pageNonce } from './page-nonce';

interface CodeEditorFieldProps {
  id: string;
  value: unknown;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange(next: string): void;
  onBlur(): void;
}

/** Matches the inspector's inputs: slate border, indigo focus ring, monospace text. */
const theme = EditorView.theme({
  '&': { fontSize: '12px', backgroundColor: '#ffffff' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', padding: '6px 0' },
  '.cm-gutters': { backgroundColor: '#f8fafc', color: '#94a3b8', borderRight: '1px solid #e2e8f0' },
  '.cm-scroller': { maxHeight: '22rem', overflow: 'auto' },
});

export function CodeEditorField({ id, value, readOnly, invalid, describedBy, onChange, onBlur }: CodeEditorFieldProps) {
  const text = typeof value === 'string' ? value : '';
  const extensions = useMemo(
    () => [
      // Without it the policy refuses CodeMirror's <style> and the editor is unstyled.
      EditorView.cspNonce.of(pageNonce() ?? ''),
      javascript(),
      theme,
      EditorView.lineWrapping,
      // The <label> points at the editable element; CodeMirror owns it, so name it here.
      EditorView.contentAttributes.of({ id, 'aria-label': 'Code', ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }), ...(invalid ? { 'aria-invalid': 'true' } : {}) }),
    ],
    [id, describedBy, invalid],
  );
  return (
    <div
      data-widget="code"
      className={`overflow-hidden rounded-md border shadow-xs focus-within:ring-2 ${invalid ? 'border-red-400 focus-within:ring-red-500/20' : 'border-slate-300 focus-within:border-indigo-500 focus-within:ring-indigo-500/20'}`}
    >
      <CodeMirror
        value={text}
        extensions={extensions}
        readOnly={readOnly}
        editable={!readOnly}
        minHeight="10rem"
        basicSetup={{ foldGutter: false, highlightActiveLineGutter: !readOnly, highlightActiveLine: !readOnly }}
        onChange={(next) => onChange(next)}
        onBlur={onBlur}
      />
    </div>
  );
}
