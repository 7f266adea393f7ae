/**
 * The idempotency keys of payment attempts. An attempt is one request (invoice, method,
 * amount): resubmitting it — a double click, a retry after the network failed — sends the
 * same key, so the server charges at most once. Once the attempt got a definitive answer
 * (`settle`), or the request changes, the next submission is a new attempt with a new key.
 */
export class AttemptKeys {
  private current: { key: string; request: string } | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key to send with `request` (any stable serialization of it). */
  keyFor(request: string): string {
    if (this.current?.request !== request) this.current = { key: this.newKey(), request };
    return this.current.key;
  }

  /** The attempt is over (succeeded, declined, or refused): never send its key again. */
  settle(): void {
    this.current = null;
  }
}
