// Outgoing mail through nodemailer: SMTP when SMTP_URL is set, otherwise each message is
// written as an .eml file to MAIL_DIR (default $DATA_DIR/mail) and listed at /dev/mail.
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import nodemailer, { type Transporter } from "nodemailer";
import { env, mailToFiles } from "~/utils/env.server";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
};

export function mailDir(): string {
  const e = env();
  return path.resolve(e.MAIL_DIR ?? path.join(e.DATA_DIR, "mail"));
}

let transport: Transporter | undefined;
function transporter(): Transporter {
  transport ??= mailToFiles()
    ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    : nodemailer.createTransport(env().SMTP_URL!);
  return transport;
}

/** Sends one message. In file mode, returns the file name it was written to. */
export async function sendMail(mail: Mail): Promise<{ messageId: string; file?: string }> {
  const info = (await transporter().sendMail({ from: env().MAIL_FROM, ...mail })) as { messageId: string; message?: Buffer };
  if (!mailToFiles()) return { messageId: info.messageId };
  const dir = mailDir();
  await mkdir(dir, { recursive: true });
  // Sortable by time; the random part keeps two mails of the same millisecond apart.
  const file = `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.eml`;
  await writeFile(path.join(dir, file), info.message ?? "");
  return { messageId: info.messageId, file };
}

export type StoredMail = { file: string; to: string; subject: string; date: string; text: string; html: string | null };

const FILE_NAME = /^[0-9TZ-]+-[a-z0-9]{1,8}\.eml$/;

/** One stored mail, parsed, or null for a name that is not one of ours. */
export async function readStoredMail(file: string): Promise<StoredMail | null> {
  if (!FILE_NAME.test(file)) return null;
  const full = path.join(mailDir(), file);
  const raw = await readFile(full).catch(() => null);
  if (!raw) return null;
  const parsed = await simpleParser(raw);
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
  return {
    file,
    to,
    subject: parsed.subject ?? "",
    date: (parsed.date ?? (await stat(full)).mtime).toISOString(),
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
  };
}

/** The mails written in file mode, newest first (for /dev/mail and tests). */
export async function listStoredMail(limit = 100): Promise<StoredMail[]> {
  const files = (await readdir(mailDir()).catch(() => [] as string[])).filter((f) => FILE_NAME.test(f)).sort().reverse().slice(0, limit);
  const mails = await Promise.all(files.map(readStoredMail));
  return mails.filter((m): m is StoredMail => m !== null);
}

/** The newest stored mail to an address (tests and the e2e suite read links out of it). */
export async function latestMailTo(address: string): Promise<StoredMail | null> {
  const wanted = address.toLowerCase();
  return (await listStoredMail(500)).find((m) => m.to.toLowerCase().includes(wanted)) ?? null;
}
