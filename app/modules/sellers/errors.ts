// A refusal the seller pages explain to the user: a message key of locales/admin.ts, the HTTP
// status that says what kind of refusal it is, and the form field it belongs to (if any).
export type SellerErrorStatus = 400 | 403 | 404 | 409 | 422 | 429;

export class SellerError extends Error {
  constructor(
    readonly messageKey: string,
    readonly status: SellerErrorStatus,
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "SellerError";
  }
}
