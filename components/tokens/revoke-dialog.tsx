'use client';
// Confirms a revoke: anything using the token stops working at once.
import { useState, useTransition } from 'react';
import { Modal } from '../connections/modal';
import type { TokenActions, TokenRow } from './types';

export function RevokeDialog({ token, revoke, onClose, onRevoked }: { token: TokenRow; revoke: TokenActions['revoke']; onClose(): void; onRevoked(): void }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title={`Revoke “${token.name}”?`}
      onClose={onClose}
      testId="revoke-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result = await revoke(token.id);
                if (result.ok) onRevoked();
                else setError(result.error);
              })
            }
            className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-red-500 disabled:opacity-50"
          >
            {pending ? 'Revoking…' : 'Revoke token'}
          </button>
        </>
      }
    >
      <p className="text-sm text-slate-600">Scripts and tools using this token are refused from now on. This cannot be undone; create a new token to replace it.</p>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </Modal>
  );
}
