'use client';
/**
 * A KQL query: the token-aware multi-line field, in a monospace face so pipes and columns line
 * up as in the Defender portal's query editor. The overlay that draws token chips uses the
 * same face, or the chips would drift from the caret.
 */
import { TokenTextField, type TokenEnv } from './token-text-field';

interface KqlFieldProps {
  id: string;
  value: unknown;
  onChange(next: string): void;
  onBlur(): void;
  env: TokenEnv;
  readOnly: boolean;
  invalid: boolean;
  required: boolean;
  describedBy?: string;
}

export function KqlField({ value, ...props }: KqlFieldProps) {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return (
    <div className="[&_[aria-hidden=true]]:font-mono [&_[aria-hidden=true]]:text-xs [&_textarea]:font-mono [&_textarea]:text-xs" data-widget="kql">
      <TokenTextField {...props} value={text} multiline placeholder={'DeviceInfo\n| where OSPlatform == "Windows11"\n| project DeviceId, DeviceName'} />
    </div>
  );
}
