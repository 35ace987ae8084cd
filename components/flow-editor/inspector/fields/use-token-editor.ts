'use client';
/**
 * Caret-aware token editing for a text input or textarea: remembers the selection (so the
 * picker, which takes focus, still inserts where the user was), and drives `{{` autocomplete
 * (Arrow keys move, Enter/Tab insert, Escape closes). The value stays a plain template string.
 */
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { filterTokenOptions, flattenTokenOptions, type TokenGroup, type TokenOption } from '../token-options';
import { autocompleteAt, completeToken, replaceRange, type AutocompleteMatch } from '../token-text';

type Editable = HTMLInputElement | HTMLTextAreaElement;

export interface TokenEditor<T extends Editable> {
  ref: React.RefObject<T | null>;
  focused: boolean;
  /** Autocomplete state: the filtered groups and the active option (null when closed). */
  auto: { groups: TokenGroup[]; options: TokenOption[]; active: number; listId: string } | null;
  setActive(index: number): void;
  pick(option: TokenOption): void;
  /** Inserts a token where the caret was last (used by the picker button). */
  insert(token: string): void;
  handlers: {
    onChange(e: React.ChangeEvent<T>): void;
    onSelect(e: SyntheticEvent<T>): void;
    onFocus(): void;
    onBlur(): void;
  };
  /** Returns true when autocomplete consumed the key. */
  handleKeyDown(e: KeyboardEvent<T>): boolean;
}

export function useTokenEditor<T extends Editable>(value: string, onChange: (next: string) => void, groups: TokenGroup[]): TokenEditor<T> {
  const ref = useRef<T | null>(null);
  const listId = useId();
  const selection = useRef({ start: value.length, end: value.length });
  const pendingCaret = useRef<number | null>(null);
  // The `{{` the user closed with Escape stays closed until they start another one.
  const dismissedAt = useRef<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [match, setMatch] = useState<AutocompleteMatch | null>(null);
  // The active option belongs to one query: typing more starts again at the first match.
  const [activeState, setActiveState] = useState({ query: '', index: 0 });

  // After an insertion the parent re-renders with the new value; put the caret after the token.
  useLayoutEffect(() => {
    const el = ref.current;
    const caret = pendingCaret.current;
    if (el === null || caret === null) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
    selection.current = { start: caret, end: caret };
  }, [value]);

  const sync = useCallback((el: Editable) => {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    selection.current = { start, end };
    const found = start === end ? autocompleteAt(el.value, start) : null;
    if (found === null) dismissedAt.current = null;
    setMatch(found !== null && found.start !== dismissedAt.current ? found : null);
  }, []);

  const filtered = useMemo(() => (match === null ? [] : filterTokenOptions(groups, match.query)), [groups, match]);
  const options = useMemo(() => flattenTokenOptions(filtered), [filtered]);
  const query = match?.query ?? '';
  const active = activeState.query === query ? Math.min(activeState.index, Math.max(0, options.length - 1)) : 0;
  const setActive = useCallback((index: number) => setActiveState({ query, index }), [query]);

  const apply = useCallback(
    (edit: { value: string; caret: number }) => {
      pendingCaret.current = edit.caret;
      setMatch(null);
      onChange(edit.value);
    },
    [onChange],
  );

  const pick = useCallback(
    (option: TokenOption) => {
      if (match === null) return;
      apply(completeToken(value, selection.current.start, match, option.token));
    },
    [apply, match, value],
  );

  const insert = useCallback(
    (token: string) => apply(replaceRange(value, selection.current.start, selection.current.end, token)),
    [apply, value],
  );

  const handleKeyDown = (e: KeyboardEvent<T>): boolean => {
    if (match === null) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dismissedAt.current = match.start;
      setMatch(null);
      return true;
    }
    if (options.length === 0) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % options.length);
      return true;
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      pick(options[active]);
      return true;
    }
    return false;
  };

  return {
    ref,
    focused,
    auto: match === null ? null : { groups: filtered, options, active, listId },
    setActive,
    pick,
    insert,
    handlers: {
      onChange: (e) => {
        onChange(e.target.value);
        sync(e.target);
      },
      onSelect: (e) => sync(e.currentTarget),
      onFocus: () => setFocused(true),
      onBlur: () => {
        setFocused(false);
        setMatch(null);
      },
    },
    handleKeyDown,
  };
}
