'use client';
// /account/tokens: create a token (shown once), see your tokens, revoke them.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Card, CardHeader, PageHeader } from '../ui/page-header';
import { CreateTokenForm } from './create-token-form';
import { NewTokenSecret } from './new-token-secret';
import { RevokeDialog } from './revoke-dialog';
import { TokenList } from './token-list';
import { ROLE_LABEL, type TokenActions, type TokenRole, type TokenRow } from './types';

interface Props {
  tokens: TokenRow[];
  ownRole: TokenRole;
  /** Roles a token of yours may have: yours and below. */
  assignableRoles: readonly TokenRole[];
  actions: TokenActions;
  now: number;
}

export function TokensManager({ tokens, ownRole, assignableRoles, actions, now }: Props) {
  const router = useRouter();
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        eyebrow="Account"
        title="API tokens"
        description={
          <>
            Tokens let scripts and other tools call the REST API as you, with <code className="font-mono text-[13px]">Authorization: Bearer &lt;token&gt;</code>. A token has your role ({ROLE_LABEL[ownRole]}) or a lower one.
          </>
        }
      />
      {fresh && <NewTokenSecret name={fresh.name} token={fresh.token} onDone={() => setFresh(null)} />}
      {notice && (
        <p role="status" data-testid="tokens-notice" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      <Card className="mb-6">
        <CardHeader title="Create a token" />
        <CreateTokenForm
          roles={assignableRoles}
          create={actions.create}
          onCreated={(t) => {
            setNotice(null);
            setFresh({ name: t.name, token: t.token });
            router.refresh();
          }}
        />
      </Card>
      <Card>
        <CardHeader title="Your tokens" />
        <TokenList tokens={tokens} now={now} onRevoke={setRevoking} />
      </Card>
      {revoking && (
        <RevokeDialog
          token={revoking}
          revoke={actions.revoke}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setNotice(`Revoked “${revoking.name}”. Anything using it is refused from now on.`);
            setRevoking(null);
            router.refresh();
          }}
        />
      )}
    </>
  );
}
