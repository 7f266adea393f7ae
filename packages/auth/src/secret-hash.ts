import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeHexLowerCase } from "@oslojs/encoding";

/**
 * High-entropy secrets (API keys, session secrets, link secrets) are stored as SHA-256:
 * they cannot be guessed, so a slow hash would only cost time. Passwords use argon2id.
 */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares a presented secret with a stored hash without leaking timing. */
export function secretMatches(storedHexHash: string, secret: string): boolean {
  const presented = new TextEncoder().encode(hashSecret(secret));
  const stored = new TextEncoder().encode(storedHexHash);
  return presented.length === stored.length && constantTimeEqual(presented, stored);
}
