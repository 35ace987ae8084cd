// A stand-in for the request that Next gives server actions through next/headers: the test sets
// whose session cookie (and which headers) the next action call sees. Only next/headers and
// next/navigation's redirect are replaced; authorisation, services and the database are real.
import { SESSION_COOKIE } from '@/server/auth/sessions';

interface CookieValue {
  name: string;
  value: string;
}

const state: { cookies: Map<string, string>; headers: Record<string, string> } = { cookies: new Map(), headers: {} };

/** The session cookie the next action call carries (undefined = anonymous). */
export function actAs(sessionToken: string | undefined, headers: Record<string, string> = {}): void {
  state.cookies = new Map(sessionToken ? [[SESSION_COOKIE, sessionToken]] : []);
  state.headers = { 'user-agent': 'authz-matrix', ...headers };
}

const jar = {
  get: (name: string): CookieValue | undefined => (state.cookies.has(name) ? { name, value: state.cookies.get(name) ?? '' } : undefined),
  getAll: (): CookieValue[] => [...state.cookies].map(([name, value]) => ({ name, value })),
  has: (name: string): boolean => state.cookies.has(name),
  set: (name: string, value: string): void => {
    state.cookies.set(name, value);
  },
  delete: (name: string): void => {
    state.cookies.delete(name);
  },
};

export const nextHeadersMock = {
  cookies: async () => jar,
  headers: async () => new Headers(state.headers),
};

/** What the mocked redirect() throws, so a test can tell "redirected to X" from a crash. */
export class Redirected extends Error {
  constructor(readonly url: string) {
    super(`redirect: ${url}`);
    this.name = 'Redirected';
  }
}

export function redirectMock(url: string): never {
  throw new Redirected(url);
}
