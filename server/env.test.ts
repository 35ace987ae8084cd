import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvCache } from './env';

const saved = { ...process.env };

describe('env()', () => {
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it('treats an empty value as unset (env files carry NAME= lines)', () => {
    process.env.RIPOSTE_ADMIN_EMAIL = '';
    process.env.PORT = '';
    process.env.RIPOSTE_PUBLIC_URL = '';
    resetEnvCache();
    expect(env().RIPOSTE_ADMIN_EMAIL).toBeUndefined();
    expect(env().PORT).toBe(3000);
    expect(env().RIPOSTE_PUBLIC_URL).toBeUndefined();
  });

  it('still refuses a bad value, naming the variable', () => {
    process.env.RIPOSTE_TRUSTED_PROXIES = '-1';
    resetEnvCache();
    expect(() => env()).toThrow(/RIPOSTE_TRUSTED_PROXIES/);
  });
});
