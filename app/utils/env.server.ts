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
  // Accounts. The secret signs session cookies; production refuses to start without one.
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // auto: Secure cookies with the __Host- prefix when NODE_ENV=production.
  COOKIE_SECURE: z.enum(["auto", "on", "off"]).default("auto"),
  // Attempts per minute from one IP or for one account (login, sign-up, password reset).
  // Express "trust proxy": how many proxies in front of us set X-Forwarded-For (0: none).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  // Mail: SMTP when SMTP_URL is set; otherwise every message is written to MAIL_DIR as .eml
  // and listed at /dev/mail (which only exists in that mode).
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).default("乡集 Xiangji <no-reply@xiangji.local>"),
  MAIL_DIR: z.string().min(1).optional(),
  // /dev/mail lists those files. auto: outside production only; npm start (the demo) and the
  // e2e server turn it on. Never with SMTP.
  DEV_MAIL: z.enum(["auto", "on", "off"]).default("auto"),
  // Uploaded pictures: local disk (MEDIA_DIR, served at /media) unless S3_BUCKET is set.
  MEDIA_DIR: z.string().min(1).optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Where browsers fetch uploaded pictures from when they live in S3 (a CDN or the bucket's URL).
  S3_PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .transform((v) => v?.replace(/\/+$/, "")),
  // Payments: Stripe when STRIPE_SECRET_KEY is set (PAYMENT_PROVIDER=auto), else the built-in
  // test provider. STRIPE_API_URL points the SDK elsewhere (the tests' local double of Stripe).
  PAYMENT_PROVIDER: z.enum(["auto", "test", "stripe"]).default("auto"),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "must look like sk_test_… or sk_live_…").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=_-]+$/, "must look like whsec_…").optional(),
  STRIPE_API_URL: z.string().url().regex(/^https?:\/\//, "must be an http:// or https:// URL").optional(),
  // How long starting a payment holds the stock, and how often expired holds are swept.
  CHECKOUT_HOLD_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  HOLD_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type Env = z.infer<typeof EnvSchema>;

/** Cookies are Secure (and __Host- prefixed) in production unless COOKIE_SECURE says otherwise. */
export function secureCookies(e: Env = env()): boolean {
  return e.COOKIE_SECURE === "on" || (e.COOKIE_SECURE === "auto" && e.NODE_ENV === "production");
}

/** Mail goes to files unless an SMTP server is configured. */
export function mailToFiles(e: Env = env()): boolean {
  return !e.SMTP_URL;
}

/** Whether /dev/mail exists: mail in files, and not a production server unless DEV_MAIL=on. */
export function devMailOn(e: Env = env()): boolean {
  if (!mailToFiles(e) || e.DEV_MAIL === "off") return false;
  return e.DEV_MAIL === "on" || e.NODE_ENV !== "production";
}

/**
 * Whether the test provider may take "payments": always when chosen explicitly
 * (PAYMENT_PROVIDER=test, as the demo and the e2e server do), and outside production when no
 * Stripe key is set. A production server without Stripe keys takes no orders rather than letting
 * anyone mark one paid.
 */
export function testPaymentsAllowed(e: Env = env()): boolean {
  return e.PAYMENT_PROVIDER === "test" || (e.PAYMENT_PROVIDER === "auto" && !e.STRIPE_SECRET_KEY && e.NODE_ENV !== "production");
}

/** Which payment provider takes payments: Stripe when configured, else the test provider. */
export function paymentProviderName(e: Env = env()): "test" | "stripe" {
  if (e.PAYMENT_PROVIDER === "test") return "test";
  return e.STRIPE_SECRET_KEY ? "stripe" : "test";
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset so that `FOO=` in a shell behaves like no FOO at all.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = EnvSchema.superRefine((e, ctx) => {
    if (e.NODE_ENV === "production" && !e.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production (32+ random characters)" });
    }
    if (e.PAYMENT_PROVIDER === "stripe" && !e.STRIPE_SECRET_KEY) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_SECRET_KEY"], message: "is required with PAYMENT_PROVIDER=stripe" });
    }
    if (e.STRIPE_SECRET_KEY && e.PAYMENT_PROVIDER !== "test" && !e.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required with STRIPE_SECRET_KEY (the webhook signing secret)" });
    }
    if (e.S3_BUCKET && !e.S3_PUBLIC_URL) {
      ctx.addIssue({ code: "custom", path: ["S3_PUBLIC_URL"], message: "is required with S3_BUCKET (where browsers fetch pictures)" });
    }
  }).safeParse(cleaned);
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
