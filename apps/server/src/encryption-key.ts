import { generateEncryptionKey, SecretKeyring } from "@portico/auth";
import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ServerEnv } from "./env.js";

/** Where the zero-config start keeps its generated key, inside PORTICO_DATA_DIR. */
export const ENCRYPTION_KEY_FILE = "encryption-key";

type KeyEnv = Pick<ServerEnv, "NODE_ENV" | "PORTICO_ENCRYPTION_KEY" | "PORTICO_ENCRYPTION_KEYS_OLD">;

interface KeyLogger {
  warn(obj: object, msg: string): void;
}

/** The keyring from PORTICO_ENCRYPTION_KEY (+ _OLD); null when the variable is unset. */
export function secretKeysFromEnv(env: KeyEnv): SecretKeyring | null {
  return env.PORTICO_ENCRYPTION_KEY
    ? new SecretKeyring(env.PORTICO_ENCRYPTION_KEY, env.PORTICO_ENCRYPTION_KEYS_OLD ?? [])
    : null;
}

/**
 * The keyring that seals stored secrets. PORTICO_ENCRYPTION_KEY when set. Without it,
 * production refuses to start (a generated key would silently differ between servers and
 * vanish with the disk); any other start uses a key generated once into
 * `<dataDir>/encryption-key` (mode 0600) and says so in the log.
 */
export async function resolveSecretKeys(
  env: KeyEnv,
  dataDir: string,
  log: KeyLogger,
): Promise<SecretKeyring> {
  const fromEnv = secretKeysFromEnv(env);
  if (fromEnv) return fromEnv;
  if (env.NODE_ENV === "production") {
    throw new Error(
      "PORTICO_ENCRYPTION_KEY is required in production: set it to 32 random bytes in base64 (openssl rand -base64 32).",
    );
  }
  const file = path.join(dataDir, ENCRYPTION_KEY_FILE);
  const key = await readOrCreateKeyFile(file);
  log.warn(
    { file },
    "PORTICO_ENCRYPTION_KEY is not set: using the key kept in the data directory. Production must set PORTICO_ENCRYPTION_KEY.",
  );
  try {
    return new SecretKeyring(key, env.PORTICO_ENCRYPTION_KEYS_OLD ?? []);
  } catch {
    throw new Error(`${file} does not hold a valid encryption key (32 bytes, base64).`);
  }
}

async function readKeyFile(file: string): Promise<string | null> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function readOrCreateKeyFile(file: string): Promise<string> {
  const existing = await readKeyFile(file);
  if (existing !== null) return existing;
  await mkdir(path.dirname(file), { recursive: true });
  // Written whole to a temporary name, then linked into place: link() never replaces an
  // existing file, so two processes starting at once end up sharing one complete key.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${generateEncryptionKey()}\n`, { mode: 0o600, flag: "wx" });
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return (await readFile(file, "utf8")).trim();
}
