import { z } from "zod";

// Every setting is read once here and validated; a bad value stops the start with a message
// naming the variable. `.env.example` lists them all.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .optional()
    .transform((v) => v?.replace(/\/+$/, "")),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DATA_DIR: z.string().min(1).default(".data"),
  SEED: z.enum(["auto", "never", "force"]).default("auto"),
  // Search: Meilisearch when MEILI_URL is set (or the embedded one under npm start), PostgreSQL
  // otherwise and whenever Meilisearch does not answer within MEILI_TIMEOUT_MS.
  SEARCH_ENGINE: z.enum(["auto", "meilisearch", "postgres"]).default("auto"),
  MEILI_URL: z.string().url().regex(/^https?:\/\//, "must be an http:// or https:// URL").optional(),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "letters, digits, - and _ only")
    .default("xiangji"),
  MEILI_TIMEOUT_MS: z.coerce.number().int().min(20).max(300).default(300),
  // off: this process runs no search worker (another one does).
  SEARCH_WORKER: z.enum(["on", "off"]).default("on"),
  EMBEDDED_MEILI_PORT: z.coerce.number().int().min(1).max(65535).default(7701),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset so that `FOO=` in a shell behaves like no FOO at all.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${i.path.join(".")}=${JSON.stringify(source[String(i.path[0])])}: ${i.message}`,
    );
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
