import { hash, verify } from "@node-rs/argon2";

// argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~40 ms here.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Spend the same time as a real check so that unknown e-mails cannot be told apart by timing.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password.normalize("NFKC"));
  } catch {
    return false;
  }
}
