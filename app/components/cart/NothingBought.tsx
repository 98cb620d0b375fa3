import { LocaleLink } from "~/components/LocaleLink";

/** What an empty cart or an empty order list shows: a short message and the way to the products. */
export function NothingBought({ message, browse }: { message: string; browse: string }) {
  return (
    <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-6 text-center">
      <p className="text-lg text-stone-800">{message}</p>
      <LocaleLink to="/products" className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-5 py-2 text-white hover:bg-tea-700">
        {browse}
      </LocaleLink>
    </div>
  );
}
