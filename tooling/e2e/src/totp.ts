import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

const PERIOD_SECONDS = 30;

/**
 * The code an authenticator app shows for a manually entered key (base32, spaces allowed),
 * `stepsAhead` 30-second steps from now. The server accepts one step either side of its
 * own and each step only once, so a test that needs a second code within the same half
 * minute asks for the next step (`stepsAhead: 1`).
 */
export function totpCode(secret: string, stepsAhead = 0): string {
  const key = decodeBase32IgnorePadding(secret.replace(/\s+/g, "").toUpperCase());
  const step = Math.floor(Date.now() / 1000 / PERIOD_SECONDS) + stepsAhead;
  return generateHOTP(key, BigInt(step), 6);
}
