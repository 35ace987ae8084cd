'use client';
// Confirms a revoke: anything using the token stops working at once.
import { ConfirmDialog } from '../ui/confirm-dialog';
import type { TokenActions, TokenRow } from './types';

export function RevokeDialog({ token, revoke, onClose, onRevoked }: { token: TokenRow; revoke: TokenActions['revoke']; onClose(): void; onRevoked(): void }) {
  return (
    <ConfirmDialog
      title={`Revoke “${token.name}”?`}
      testId="revoke-dialog"
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      onConfirm={() => revoke(token.id)}
      onDone={onRevoked}
      onClose={onClose}
    >
      <p className="text-sm text-slate-600">Scripts and tools using this token are refused from now on. This cannot be undone; create a new token to replace it.</p>
    </ConfirmDialog>
  );
}
