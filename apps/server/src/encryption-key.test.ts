import { generateEncryptionKey, SecretKeyring } from "@portico/auth";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENCRYPTION_KEY_FILE, resolveSecretKeys } from "./encryption-key.js";
import { readServerEnv } from "./env.js";

function recordingLog() {
  const warnings: { fields: object; message: string }[] = [];
  return { warnings, warn: (fields: object, message: string) => void warnings.push({ fields, message }) };
}

describe("resolveSecretKeys", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "portico-key-"));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("uses PORTICO_ENCRYPTION_KEY (and the old keys) and writes no file", async () => {
    const current = generateEncryptionKey();
    const old = generateEncryptionKey();
    const env = readServerEnv({
      NODE_ENV: "production",
      PORTICO_ENCRYPTION_KEY: current,
      PORTICO_ENCRYPTION_KEYS_OLD: ` ${old} ,`,
    });
    const log = recordingLog();
    const keys = await resolveSecretKeys(env, path.join(root, "data"), log);
    expect(keys.currentKeyId).toBe(new SecretKeyring(current).currentKeyId);
    expect(keys.keyIds).toEqual([keys.currentKeyId, new SecretKeyring(old).currentKeyId]);
    expect(log.warnings).toEqual([]);
    await expect(stat(path.join(root, "data"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses to start in production without a key", async () => {
    const env = readServerEnv({ NODE_ENV: "production" });
    await expect(resolveSecretKeys(env, root, recordingLog())).rejects.toThrow(
      /PORTICO_ENCRYPTION_KEY is required in production/,
    );
    await expect(stat(path.join(root, ENCRYPTION_KEY_FILE))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("otherwise generates a key once into the data directory (0600), keeps it, and warns", async () => {
    const dataDir = path.join(root, "fresh", ".data");
    const env = readServerEnv({});
    const log = recordingLog();
    const first = await resolveSecretKeys(env, dataDir, log);
    const file = path.join(dataDir, ENCRYPTION_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = (await readFile(file, "utf8")).trim();
    expect(new SecretKeyring(stored).currentKeyId).toBe(first.currentKeyId);
    expect(log.warnings).toEqual([
      { fields: { file }, message: expect.stringContaining("Production must set PORTICO_ENCRYPTION_KEY") },
    ]);
    expect(JSON.stringify(log.warnings)).not.toContain(stored);

    // A restart, or several processes starting at once, all get the same key.
    const again = await Promise.all([1, 2, 3].map(() => resolveSecretKeys(env, dataDir, recordingLog())));
    expect(again.map((keys) => keys.currentKeyId)).toEqual([1, 2, 3].map(() => first.currentKeyId));
    const sealed = first.seal("JBSWY3DPEHPK3PXP", "merchant_user.totp_secret:mu_1");
    expect(again[0]!.open(sealed, "merchant_user.totp_secret:mu_1")?.plaintext).toBe("JBSWY3DPEHPK3PXP");
  });

  it("creates one key when several processes start on an empty data directory at once", async () => {
    const dataDir = path.join(root, "race");
    const keys = await Promise.all(
      [1, 2, 3, 4].map(() => resolveSecretKeys(readServerEnv({}), dataDir, recordingLog())),
    );
    expect(new Set(keys.map((k) => k.currentKeyId)).size).toBe(1);
  });

  it("refuses a key file that holds no valid key", async () => {
    await writeFile(path.join(root, ENCRYPTION_KEY_FILE), "not a key\n");
    await expect(resolveSecretKeys(readServerEnv({}), root, recordingLog())).rejects.toThrow(
      /does not hold a valid encryption key/,
    );
  });

  it("refuses a malformed PORTICO_ENCRYPTION_KEY without echoing it", () => {
    let message = "";
    try {
      readServerEnv({ PORTICO_ENCRYPTION_KEY: "short-secret-value" });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain("32 random bytes in base64");
    expect(message).not.toContain("short-secret-value");
    expect(() => readServerEnv({ PORTICO_ENCRYPTION_KEYS_OLD: `${generateEncryptionKey()},nope` })).toThrow();
  });
});
