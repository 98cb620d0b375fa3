// At login and sign-up: the guest's cart (cookie) joins the account's cart, and the guest
// cookie goes (the account's cart is found by user id from now on).
import type { Database } from "~/utils/db.server";
import { mergeGuestCartIntoUser } from "./cart.server";
import { clearCartCookieHeader, readCartId } from "./cookie.server";

/** Merges the request's guest cart into the user's and clears its cookie on `response`. */
export async function mergeGuestCartAtSignIn(db: Database, request: Request, userId: number, response: Response): Promise<Response> {
  const guestCartId = await readCartId(request);
  if (!guestCartId) return response;
  await mergeGuestCartIntoUser(db, guestCartId, userId);
  response.headers.append("Set-Cookie", await clearCartCookieHeader());
  return response;
}
