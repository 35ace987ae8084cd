import type { Metadata } from 'next';
import { ApiReference } from '@/components/api-docs/api-reference';
import { requirePage } from '../../_lib/auth';
import { apiReference } from './view';

export const metadata: Metadata = { title: 'API reference' };

// Every signed-in role may read it (flows:read is every role); the JSON document itself is public.
export default async function ApiDocsPage() {
  await requirePage('flows:read');
  const { areas, components, version } = apiReference();
  return <ApiReference areas={areas} components={components} version={version} />;
}
