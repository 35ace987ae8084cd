'use server';
import { redirect } from 'next/navigation';
import { deleteSession } from '@/server/auth/sessions';
import { clearSessionCookie } from '../_lib/auth';

/** Ends the session on the server too, so a copied cookie stops working at once. */
export async function signOut(): Promise<void> {
  const token = await clearSessionCookie();
  if (token) await deleteSession(token);
  redirect('/login');
}
