import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/** 32 lower-case base32 characters: 160 random bits, safe in URLs and headers. */
export function randomToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The shape `randomToken()` produces; anything else is refused before a database lookup. */
export const RANDOM_TOKEN_PATTERN = "[a-z2-7]{32}";

/** `Authorization: Bearer <value>` → value; null when absent or another scheme. */
export function readBearer(header: string | null | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
