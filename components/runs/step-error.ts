// Step and run errors are stored as JSON; pull out code and message defensively.
export interface ErrorView {
  code: string;
  message: string;
  nodeId?: string;
}

export function errorView(value: unknown): ErrorView | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { code: 'Error', message: value };
  if (typeof value !== 'object') return { code: 'Error', message: String(value) };
  const v = value as Record<string, unknown>;
  return {
    code: typeof v.code === 'string' ? v.code : 'Error',
    message: typeof v.message === 'string' ? v.message : JSON.stringify(value),
    nodeId: typeof v.nodeId === 'string' ? v.nodeId : undefined,
  };
}
