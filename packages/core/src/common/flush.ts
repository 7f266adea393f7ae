import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@portico/db";
import type { AppError } from "../errors.js";

/**
 * Flushes `em`; a unique violation (a concurrent writer took the same external id, lookup
 * key or code after this request checked it) becomes `conflict()` instead of a 500.
 */
export async function flushOrConflict(em: EntityManager, conflict: () => AppError): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict();
    throw error;
  }
}
