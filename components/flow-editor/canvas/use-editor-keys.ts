'use client';
// Editor shortcuts. All are ignored while focus is in a text field, so native undo/copy/paste
// keep working there, and inside dialogs and menus.
import { useEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import * as cmd from '../commands';
import type { EditorStore } from '../store';

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(type);
  }
  return false;
}

function inOverlay(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"], [data-editor-overlay]') !== null;
}

function ignored(e: Event): boolean {
  return e.defaultPrevented || isTextTarget(e.target) || inOverlay(e.target);
}

/** The user is copying text they selected on the page (e.g. a checker message), not steps. */
function hasTextSelection(): boolean {
  return (window.getSelection()?.toString() ?? '') !== '';
}

function writeSystemClipboard(text: string | null): void {
  if (text === null) return;
  // Best effort: the copy/cut event below also fills the clipboard when this is not allowed.
  navigator.clipboard?.writeText(text).catch(() => undefined);
}

export function useEditorKeys(api: StoreApi<EditorStore>): void {
  useEffect(() => {
    let pasteFallback: ReturnType<typeof setTimeout> | null = null;
    /** Steps copied by the last Ctrl+C/X, handed to the native copy/cut event that follows. */
    let justCopied: string | null = null;

    const onKeyDown = (e: KeyboardEvent) => {
      if (ignored(e)) return;
      const { actions } = api.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) actions.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) actions.redo();
      else if (mod && key === 'a') cmd.selectAll(api);
      else if (mod && key === 'd') cmd.duplicateSelection(api);
      else if (mod && key === 'c' && !hasTextSelection()) {
        justCopied = cmd.copySelection(api);
        writeSystemClipboard(justCopied);
        return; // let the native copy event fire too
      } else if (mod && key === 'x' && !hasTextSelection()) {
        justCopied = cmd.cutSelection(api);
        writeSystemClipboard(justCopied);
        return;
      } else if (mod && key === 'v') {
        // The paste event normally delivers the clipboard; if it never comes (no permission,
        // unusual browser), fall back to the in-memory copy.
        if (pasteFallback !== null) clearTimeout(pasteFallback);
        pasteFallback = setTimeout(() => {
          pasteFallback = null;
          cmd.paste(api, null);
        }, 120);
        return;
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) cmd.deleteSelection(api);
      else if (e.key === 'Escape') {
        actions.openMenu(null);
        actions.setSelection([], []);
      } else return;
      e.preventDefault();
    };

    const onCopy = (e: ClipboardEvent) => {
      if (ignored(e) || hasTextSelection()) return;
      const text = justCopied;
      justCopied = null;
      if (text === null) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
    };

    const onPaste = (e: ClipboardEvent) => {
      if (ignored(e)) return;
      if (pasteFallback !== null) clearTimeout(pasteFallback);
      pasteFallback = null;
      cmd.paste(api, e.clipboardData?.getData('text/plain') ?? null);
      e.preventDefault();
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      if (pasteFallback !== null) clearTimeout(pasteFallback);
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [api]);
}
