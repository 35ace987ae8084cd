import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { collectPages, query } from './mde-paging';
import type { MdeRequest } from './mde-request';

const PAGE = z.object({ value: z.array(z.number()), '@odata.nextLink': z.string().nullish() });

/** A fake request function serving pages by URL. */
function pages(byUrl: Record<string, { value: number[]; '@odata.nextLink'?: string }>) {
  return vi.fn(async (_method: string, target: string) => byUrl[target] ?? { value: [] }) as unknown as MdeRequest & ReturnType<typeof vi.fn>;
}

describe('collectPages', () => {
  const server = () => pages({
    '/api/x?$top=2': { value: [1, 2], '@odata.nextLink': 'https://h/api/x?$top=2&$skip=2' },
    'https://h/api/x?$top=2&$skip=2': { value: [3, 4], '@odata.nextLink': 'https://h/api/x?$top=2&$skip=4' },
    'https://h/api/x?$top=2&$skip=4': { value: [5] },
  });

  it('follows @odata.nextLink to the last page', async () => {
    const send = server();
    expect(await collectPages(send, '/api/x?$top=2', PAGE)).toEqual([1, 2, 3, 4, 5]);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('stops reading pages once the limit is reached', async () => {
    const send = server();
    expect(await collectPages(send, '/api/x?$top=2', PAGE, 3)).toEqual([1, 2, 3]);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('builds queries without encoding $ and skips unset values', () => {
    expect(query({ $filter: "a eq 'b c'", $top: 5, lookBackHours: undefined })).toBe("?$filter=a%20eq%20'b%20c'&$top=5");
    expect(query({})).toBe('');
  });
});
