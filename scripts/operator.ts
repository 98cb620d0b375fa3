// `npm run operator -- grant <email>` / `npm run operator -- revoke <email>`
//
// Makes an existing account (signed up through /signup) an operator of the platform, or takes
// the role away, in the database at DATABASE_URL. The seed's demo operator is for demos only.
import { sql } from "drizzle-orm";
import { createDb } from "../app/utils/db.server";
import { EnvError, parseEnv } from "../app/utils/env.server";

const USAGE = "Usage: npm run operator -- grant|revoke <email>";

const [command, email] = process.argv.slice(2);
if ((command !== "grant" && command !== "revoke") || !email || !email.includes("@")) {
  console.error(USAGE);
  process.exit(2);
}

let url: string | undefined;
try {
  url = parseEnv().DATABASE_URL;
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(2);
}
if (!url) {
  console.error("✗ DATABASE_URL is not set.");
  process.exit(2);
}

const { db, sql: client } = createDb(url, 1);
try {
  const rows = await db.execute<{ email: string }>(
    sql`UPDATE users SET is_operator = ${command === "grant"}, updated_at = now() WHERE lower(email) = lower(${email}) RETURNING email`,
  );
  if (!rows.length) {
    console.error(`✗ No account with the e-mail ${email}: sign up at /signup first.`);
    process.exitCode = 1;
  } else {
    console.log(`✓ ${rows[0]!.email} ${command === "grant" ? "is now an operator" : "is no longer an operator"}.`);
  }
} finally {
  await client.end({ timeout: 5 });
}
