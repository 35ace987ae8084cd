// A trigger type id → the title users know from the catalog ("When a new alert is created").
import { getNodeType } from '@/core/catalog';

export function triggerLabel(type: string | null): string {
  if (!type) return 'Not published yet';
  return getNodeType(type)?.title ?? type;
}
