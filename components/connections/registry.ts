// Every connection kind the page knows how to show and edit. The server decides which kinds
// it accepts (the page passes that list in); a kind here that the server does not accept yet
// is still listed and shown, but not offered under "New connection".
import { defenderForm } from './forms/defender-form';
import { smtpForm } from './forms/smtp-form';
import { webhookForm } from './forms/webhook-form';
import { httpForm } from './forms/http-form';
import type { KindForm } from './forms/kind-form';

export const KIND_FORMS: readonly KindForm[] = [defenderForm, smtpForm, webhookForm, httpForm];

export function kindForm(kind: string): KindForm | undefined {
  return KIND_FORMS.find((k) => k.kind === kind);
}
