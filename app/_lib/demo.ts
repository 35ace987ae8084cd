// Demo mode is on when a demo Defender tenant exists; pages use it to show the Outbox and the
// "Raise test alert" control.
import { cache } from 'react';
import { demoConnection } from '@/server/services/demo';

export const isDemoMode = cache(async (): Promise<boolean> => (await demoConnection().catch(() => null)) !== null);
