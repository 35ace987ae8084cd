import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { env } from '@/server/env';
import { loadSsoSettings } from '@/server/auth/sso/settings';
import { ssoRedirectUri } from '@/server/auth/sso/redirect-uri';
import { PageHeader } from '@/components/ui/page-header';
import { SsoSettingsForm } from '@/components/sso/sso-settings-form';
import { requirePage } from '../../../_lib/auth';
import { saveSsoSettingsAction } from './actions';
import { CLOUD_OPTIONS, toFormView } from './view';

export const metadata: Metadata = { title: 'Single sign-on' };
export const dynamic = 'force-dynamic';

export default async function SsoSettingsPage() {
  await requirePage('settings:manage');
  const settings = await loadSsoSettings();
  const redirectUri = ssoRedirectUri(env().RIPOSTE_PUBLIC_URL, await headers());
  return (
    <>
      <PageHeader
        eyebrow="Administration"
        title="Single sign-on"
        description="Let people sign in with their Microsoft Entra ID account. Their Entra groups or app roles decide their Riposte role at every sign-in. docs/sso.md explains the app registration."
      />
      <SsoSettingsForm initial={toFormView(settings)} clouds={CLOUD_OPTIONS} redirectUri={redirectUri} save={saveSsoSettingsAction} />
    </>
  );
}
