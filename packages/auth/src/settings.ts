import type { SecretKeyring } from "./secret-box.js";

/** Session and lockout policy; the API reads it from the environment, tests pass their own. */
export interface AuthSettings {
  /** A session unused this long ends (sliding). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  sessionAbsoluteHours: number;
  /** Consecutive failed attempts that lock an account. */
  lockoutMaxAttempts: number;
  /** How long a lock lasts. */
  lockoutMinutes: number;
  /**
   * Seals secrets stored for reading back (TOTP keys); from PORTICO_ENCRYPTION_KEY. Null
   * when none is configured: MFA then refuses with ENCRYPTION_KEY_MISSING.
   */
  secretKeys: SecretKeyring | null;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = Object.freeze({
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  lockoutMaxAttempts: 5,
  lockoutMinutes: 15,
  secretKeys: null,
});

export function authSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return { ...DEFAULT_AUTH_SETTINGS, ...overrides };
}

export const MINUTE_MS = 60_000;
