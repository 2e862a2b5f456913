/** Shared by the browser tests and their setup. */
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');

/** Staff accounts the tests sign in with (created by global-setup.ts in the test database only). */
export const E2E_STAFF = [
  { login: 'sato', displayName: 'Sato Aoi', password: 'e2e-sato-password-1', role: 'staff' },
  { login: 'tanaka', displayName: 'Tanaka Ken', password: 'e2e-tanaka-password-1', role: 'staff' },
] as const;

export type E2eStaff = (typeof E2E_STAFF)[number];

/** The admin account the admin pages' tests sign in with (created by global-setup.ts too). */
export const E2E_ADMIN = { login: 'suzuki', displayName: 'Suzuki Mai', password: 'e2e-suzuki-admin-password-1', role: 'admin' } as const;

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
