// A user's state as a badge: colour and words.
import { Badge } from '../ui/badge';
import type { UserStatus } from './types';

const STATUS: Record<UserStatus, { tone: 'green' | 'slate' | 'amber' | 'red' | 'blue'; label: string }> = {
  active: { tone: 'green', label: 'Active' },
  disabled: { tone: 'slate', label: 'Disabled' },
  invited: { tone: 'blue', label: 'Invited' },
  reset_pending: { tone: 'amber', label: 'Reset pending' },
  invite_expired: { tone: 'red', label: 'Link expired' },
};

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}
