// Placeholder until the order mails land (helper D overwrites this file).
import type { Database } from "~/utils/db.server";

export async function sendOrderPaidMails(_db: Database, _orderId: number, _origin: string): Promise<void> {}
