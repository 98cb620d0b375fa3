// Runs the checkout-hold sweeper next to the HTTP server (npm start, start:prod, the e2e server)
// or the Vite dev server: expired holds go back to stock (rooms and seats too), failed Connect
// transfers are retried, abandoned guest carts are deleted, booking reminders go out and rooms'
// imported calendars are re-read.
// Safe on every instance at once (FOR UPDATE SKIP LOCKED, idempotency keys).
export async function startHoldSweeperFromEnv(): Promise<{ stop: () => Promise<void> } | null> {
  const { env } = await import("../../app/utils/env.server");
  const { DATABASE_URL } = env();
  if (!DATABASE_URL) return null;
  const { createDb } = await import("../../app/utils/db.server");
  const { startHoldSweeper } = await import("../../app/modules/orders/holds.server");
  const { retryMissingTransfers } = await import("../../app/modules/orders/payment-events.server");
  const { deleteAbandonedCarts } = await import("../../app/modules/cart/cart.server");
  const { sendBookingReminders } = await import("../../app/modules/bookings/reminders.server");
  const { syncCalendarImports } = await import("../../app/modules/bookings/ical-import.server");
  const { db, sql } = createDb(DATABASE_URL, 2);
  // Transfers refused for a lasting reason would fail again at once (Stripe keeps an answer per
  // idempotency key for 24 h): retry them every ten minutes, not on every sweep.
  let lastRetry = 0;
  const stop = startHoldSweeper(
    () => db,
    async (d) => {
      if (Date.now() - lastRetry < 10 * 60_000) return;
      lastRetry = Date.now();
      // Each chore on its own: one failing does not keep the others from running.
      const chore = (name: string, run: () => Promise<unknown>) =>
        run().catch((error: unknown) => console.error(`[sweeper] ${name} failed:`, error instanceof Error ? error.message : error));
      await chore("transfer retries", () => retryMissingTransfers(d));
      await chore("abandoned carts", () => deleteAbandonedCarts(d));
      // Reminder mails two days before a stay or experience (once per booking).
      await chore("booking reminders", () => sendBookingReminders(d, new Date()));
      // Other channels' calendars of rooms, re-read when older than an hour.
      await chore("calendar imports", () => syncCalendarImports(d, new Date()));
    },
  );
  return {
    stop: async () => {
      stop();
      await sql.end({ timeout: 5 });
    },
  };
}
