import { AppError } from "../errors.js";

/** Stripe's limits on `metadata`: 50 keys, keys up to 40 characters, values up to 500. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

export type Metadata = Record<string, string>;
/** An update of metadata: keys set to a string are written, keys set to null or "" removed. */
export type MetadataPatch = Record<string, string | null>;

function invalidMetadata(problem: string, key?: string): AppError {
  return new AppError("BAD_REQUEST", "INVALID_METADATA", `Invalid metadata: ${problem}.`, {
    details: { problem, ...(key === undefined ? {} : { key }), limits: METADATA_LIMITS },
  });
}

/** `metadata` as given, or BAD_REQUEST when it breaks a limit. */
export function checkMetadata(metadata: Metadata): Metadata {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_LIMITS.keys) throw invalidMetadata("too_many_keys");
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > METADATA_LIMITS.keyLength || /[[\]]/.test(key)) {
      throw invalidMetadata("invalid_key", key);
    }
    if (typeof value !== "string" || value.length > METADATA_LIMITS.valueLength) {
      throw invalidMetadata("invalid_value", key);
    }
  }
  return metadata;
}

/** `current` with `patch` merged in (Stripe's semantics), checked against the limits. */
export function applyMetadataPatch(current: Metadata, patch: MetadataPatch): Metadata {
  const next: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === "") delete next[key];
    else next[key] = value;
  }
  return checkMetadata(next);
}
