// Plays the browser between an authorization URL and the app's redirect URI, without a browser:
// follows the provider's redirects, keeps its cookies, fills its login form. For integration
// tests of the SSO callback; the Playwright spec uses a real browser instead.
export interface DrivenLogin {
  /** Where the provider finally sent the browser (the app's redirect URI with code and state). */
  callbackUrl: URL;
}

export async function driveLogin(authUrl: string, redirectUri: string, account: { username: string; password: string }): Promise<DrivenLogin> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };

  let url = new URL(authUrl);
  let init: RequestInit = { method: 'GET' };
  let submitted = false;
  for (let hop = 0; hop < 15; hop++) {
    if (url.href.startsWith(redirectUri)) return { callbackUrl: url };
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } });
    remember(res);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
    if (!action || submitted) throw new Error(`the provider answered ${res.status} without a redirect: ${html.slice(0, 300)}`);
    submitted = true;
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: account.username, password: account.password }).toString(),
    };
  }
  throw new Error('too many redirects');
}
