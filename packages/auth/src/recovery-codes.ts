import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { RecoveryCode, type EntityManager } from "@portico/db";
import { randomBytes } from "node:crypto";
import { hashSecret } from "./secret-hash.js";

/**
 * MFA recovery codes: ten single-use codes shown once at enrolment (or regeneration).
 *
 * Each code is 12 base32 characters drawn from the CSPRNG: 60 random bits, shown as
 * `xxxx-xxxx-xxxx`. Only SHA-256 of the normalised code is stored. A fast hash is enough
 * here (as for session and API-key secrets, secret-hash.ts): with 2^60 possibilities per
 * code, even a stolen table cannot be brute-forced offline at SHA-256 speed in any useful
 * time (~10^18 hashes per code), whereas argon2id exists to protect LOW-entropy secrets
 * such as passwords. Online guessing is capped by the lockout (5 attempts).
 */
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_CODE_CHARS = 12;

export type RecoveryCodeOwner = { merchantUserId: number } | { customerUserId: number };

const ownerFilter = (owner: RecoveryCodeOwner) =>
  "merchantUserId" in owner ? { merchantUser: owner.merchantUserId } : { customerUser: owner.customerUserId };

function newRecoveryCode(): string {
  // 8 random bytes → 13 base32 characters; the first 12 carry 60 uniformly random bits.
  const raw = encodeBase32LowerCaseNoPadding(randomBytes(8)).slice(0, RECOVERY_CODE_CHARS);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/** Case, spaces and dashes do not matter; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(code: string): string | null {
  const compact = code.toLowerCase().replace(/[\s-]+/g, "");
  return new RegExp(`^[a-z2-7]{${RECOVERY_CODE_CHARS}}$`).test(compact) ? compact : null;
}

/** Replaces the owner's codes with ten new ones; returns them in clear, to be shown once. */
export async function replaceRecoveryCodes(
  em: EntityManager,
  owner: RecoveryCodeOwner,
  now: Date,
): Promise<string[]> {
  await em.nativeDelete(RecoveryCode, ownerFilter(owner));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  for (const code of codes) {
    em.create(RecoveryCode, {
      ...ownerFilter(owner),
      codeHash: hashSecret(normalizeRecoveryCode(code)!),
      createdAt: now,
    });
  }
  await em.flush();
  return codes;
}

/**
 * Spends one unused code in a single conditional UPDATE, so two parallel requests with the
 * same code cannot both succeed. False for a wrong, used or malformed code.
 */
export async function consumeRecoveryCode(
  em: EntityManager,
  owner: RecoveryCodeOwner,
  code: string,
  now: Date,
): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (normalized === null) return false;
  const updated = await em.nativeUpdate(
    RecoveryCode,
    { ...ownerFilter(owner), codeHash: hashSecret(normalized), usedAt: null },
    { usedAt: now },
  );
  return updated === 1;
}

export async function countUnusedRecoveryCodes(em: EntityManager, owner: RecoveryCodeOwner): Promise<number> {
  return em.count(RecoveryCode, { ...ownerFilter(owner), usedAt: null });
}

export async function deleteRecoveryCodes(em: EntityManager, owner: RecoveryCodeOwner): Promise<void> {
  await em.nativeDelete(RecoveryCode, ownerFilter(owner));
}
