'use server';
import { redirect } from 'next/navigation';
import { signOutSession } from '@/server/services/account';
import { clearSessionCookie, requestOrigin } from '../_lib/auth';

/** Ends the session on the server too, so a copied cookie stops working at once. */
export async function signOut(): Promise<void> {
  const token = await clearSessionCookie();
  if (token) await signOutSession(token, await requestOrigin());
  redirect('/login');
}
