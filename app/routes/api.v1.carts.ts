// POST /api/v1/carts → 201 {cartId}: a new, empty guest cart. The id is the client's handle on
// it (unguessable; keep it like a password). Nothing else is accepted here.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiPrivate, notAllowed } from "~/modules/api/respond.server";
import { createCart } from "~/modules/cart/cart.server";
import { getDb } from "~/utils/db.server";

const ALLOW = ["POST"];

export const loader = ({ request }: LoaderFunctionArgs) => notAllowed(request, ALLOW);

export const action = ({ request }: ActionFunctionArgs) =>
  apiHandler(async () => {
    if (request.method !== "POST") return notAllowed(request, ALLOW);
    const cartId = await createCart(getDb(), null);
    return apiPrivate({ cartId }, 201, { Location: `/api/v1/carts/${cartId}` });
  });
