// Why a seller's change to a listing was refused. The message is a key of
// locales/listings-dashboard.ts (optionally `key:n`), shown beside the field or above the form.
export type ListingErrorStatus = 400 | 404 | 409 | 422;

export class ListingError extends Error {
  constructor(
    readonly status: ListingErrorStatus,
    readonly messageKey: string,
    /** The form field the message belongs to; none for the whole form. */
    readonly field?: string,
  ) {
    super(messageKey);
    this.name = "ListingError";
  }
}

/** Another cooperative's row, a deleted one or a made-up id: all look the same from outside. */
export function listingNotFound(): never {
  throw new ListingError(404, "listings.error.notFound");
}
