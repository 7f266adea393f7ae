/** Where a request came from, copied onto the audit events it causes. */
export interface RequestOrigin {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}
