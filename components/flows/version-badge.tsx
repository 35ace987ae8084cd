// "Draft" until first published, then the published version number.
import { Badge } from '../ui/badge';

export function VersionBadge({ publishedVersion }: { publishedVersion: number | null }) {
  return publishedVersion ? <Badge tone="indigo">Published v{publishedVersion}</Badge> : <Badge tone="slate">Draft</Badge>;
}
