import { randomBytes } from "node:crypto";

// Test files run in parallel against one database: every slug, SKU or e-mail a test creates
// carries a random token so that files never collide (and stays valid for the slug CHECKs).
let counter = 0;

export function uniqueToken(): string {
  counter += 1;
  return `${randomBytes(4).toString("hex")}${counter.toString(36)}`;
}

/** `prefix-<token>`: lower-case, matches `^[a-z0-9]+(-[a-z0-9]+)*$`. */
export function uniqueSlug(prefix = "t"): string {
  return `${prefix}-${uniqueToken()}`;
}
