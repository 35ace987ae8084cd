// Readiness probe (Kubernetes readinessProbe, compose, load balancers): 200 when this instance
// can serve, 503 with the failing checks otherwise. Public, like /api/health: the body names no
// connection string or host (server/health/public-error.ts).
import { checkReadiness } from '@/server/health/readiness';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === 'ready' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
