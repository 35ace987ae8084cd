// The local provider's sign-in page (a stand-in for Microsoft's). Values are HTML-escaped.
const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (v: string) => v.replace(/[&<>"']/g, (c) => ESCAPE[c] ?? c);

export function renderLoginPage({ action, error, username }: { action: string; error: string | null; username: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>
<style>
 body{font-family:system-ui,sans-serif;background:#f3f4f6;display:flex;justify-content:center;padding-top:80px}
 form{background:#fff;padding:32px;width:320px;box-shadow:0 2px 6px rgba(0,0,0,.15)}
 label{display:block;font-size:14px;margin-top:12px} input{width:100%;padding:8px;margin-top:4px;box-sizing:border-box}
 button{margin-top:20px;background:#0067b8;color:#fff;border:0;padding:8px 24px} .error{color:#b00020;font-size:14px}
</style></head>
<body><form method="post" action="${esc(action)}">
<h1 style="font-size:22px;margin:0">Sign in</h1><p style="font-size:13px;color:#555">Local OpenID provider (tests)</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<label for="username">User name</label><input id="username" name="username" autocomplete="username" value="${esc(username)}" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button>
</form></body></html>`;
}
