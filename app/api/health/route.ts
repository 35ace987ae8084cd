// Liveness (Kubernetes livenessProbe, compose healthcheck, Playwright's webServer): the process
// answers HTTP. Deliberately touches no dependency, so a database or Redis outage makes pods
// not ready (/api/ready) instead of restarting them all.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ ok: true, status: 'alive', uptimeSeconds: Math.round(process.uptime()) }, { headers: { 'Cache-Control': 'no-store' } });
}
