import { Link, type LinkProps } from "@remix-run/react";
import { localePath } from "~/utils/i18n";
import { useLang } from "~/utils/t";

/** A link to a language-neutral path (`/products/x`) that stays in the current language. */
export function LocaleLink({ to, ...props }: Omit<LinkProps, "to"> & { to: string }) {
  const lang = useLang();
  return <Link to={localePath(lang, to)} {...props} />;
}

export function useLocalePath() {
  const lang = useLang();
  return (path: string) => localePath(lang, path);
}
