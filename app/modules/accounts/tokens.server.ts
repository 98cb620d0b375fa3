import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe token (32 bytes) for cookies and mailed links. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, so a leaked table cannot be replayed. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
