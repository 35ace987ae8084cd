// The inspector's icons are the shared set (components/ui/icon.tsx) at the inspector's size.
import { Icon } from '@/components/ui/icon';

export function InspectorIcon({ name, className = 'h-3.5 w-3.5' }: { name: string; className?: string }) {
  return <Icon name={name} className={className} />;
}
