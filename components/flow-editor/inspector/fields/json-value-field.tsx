'use client';
// The value widget for Compose and variables: multi-line text with tokens; JSON (a list, an
// object, a number) is parsed when the field loses focus, so `["{{ trigger.machineId }}"]` is a
// list. Alert data inside tokens is only ever text here, never HTML.
import { useState } from 'react';
import { TokenTextField, type TokenEnv } from './token-text-field';
import { textToValue, valueToText } from './json-value';

interface JsonValueFieldProps {
  id: string;
  value: unknown;
  env: TokenEnv;
  readOnly: boolean;
  invalid: boolean;
  required: boolean;
  describedBy?: string;
  onChange(next: unknown, group?: string): void;
  onBlur(): void;
}

export function JsonValueField(props: JsonValueFieldProps) {
  // While typing the raw text is kept; on blur it becomes the stored value.
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | undefined>(undefined);
  const text = draft ?? valueToText(props.value);
  const kind = typeof props.value === 'string' || props.value === undefined ? 'text' : Array.isArray(props.value) ? 'list' : props.value === null ? 'null' : typeof props.value === 'object' ? 'object' : typeof props.value;
  return (
    <div className="space-y-1">
      <TokenTextField
        id={props.id}
        value={text}
        multiline
        env={props.env}
        readOnly={props.readOnly}
        invalid={props.invalid || note !== undefined}
        required={props.required}
        describedBy={props.describedBy}
        placeholder={'Text, or JSON such as ["{{ trigger.machineId }}"]'}
        onChange={(next) => {
          setDraft(next);
          props.onChange(next, `params.${props.id}`);
        }}
        onBlur={() => {
          const parsed = textToValue(text);
          setDraft(null);
          setNote(parsed.error);
          props.onChange(parsed.value);
          props.onBlur();
        }}
      />
      <p className={`text-xs ${note ? 'text-amber-700' : 'text-slate-500'}`} data-testid="json-value-kind">
        {note ?? `Stored as ${kind === 'text' ? 'text' : kind === 'list' ? 'a list' : kind === 'object' ? 'an object' : kind}.`}
      </p>
    </div>
  );
}
