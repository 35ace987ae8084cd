// Query strings → plain objects for the run services: a repeated key (status=a&status=b)
// becomes an array; the services' zod schemas validate the rest (400 with a message).
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}
