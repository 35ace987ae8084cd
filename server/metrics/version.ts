// The version this build of Riposte reports (System page, riposte_build_info): package.json's,
// bundled at build time so the standalone server needs no package.json next to it.
import pkg from '@/package.json';

export const APP_VERSION: string = pkg.version;
