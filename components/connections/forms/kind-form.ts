// One connection kind's form, declared as data: fields, how stored settings fill them and how
// they become the API input. The generic renderer (connection-form.tsx) draws every kind.
// Adding a kind = one file in this folder + one line in registry.ts.

export type FieldValues = Record<string, string>;

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  type: 'text' | 'url' | 'number' | 'email' | 'select' | 'secret';
  required?: boolean;
  /** Secrets only: may be cleared on edit (e.g. an SMTP password). Required secrets cannot. */
  clearable?: boolean;
  options?: FieldOption[];
  placeholder?: string;
  hint?: string | ((values: FieldValues) => string | undefined);
  /** Shown only when this returns true (e.g. custom hosts for cloud = custom). */
  visible?: (values: FieldValues) => boolean;
  /** Value in a new form. */
  initial?: string;
  autoComplete?: string;
}

export interface KindForm {
  kind: string;
  label: string;
  /** One line under the kind's name in the "New connection" menu. */
  description: string;
  icon: string;
  fields: FieldSpec[];
  /** Stored (non-secret) settings → form values. */
  fromConfig(config: Record<string, unknown>, cloud?: string): FieldValues;
  /** Non-secret form values → API input (secrets are added by the renderer: keep / replace / clear). */
  toInput(values: FieldValues): Record<string, unknown>;
  /** The "where" column: host, cloud or service. */
  summary(conn: { config: Record<string, unknown>; cloud?: string }): string;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function hostOf(url: unknown): string {
  try {
    return new URL(str(url)).host;
  } catch {
    return str(url);
  }
}
