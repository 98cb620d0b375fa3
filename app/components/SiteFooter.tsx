import { useT } from "~/utils/t";
import { LocaleLink } from "./LocaleLink";

export function SiteFooter() {
  const t = useT();
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-8 text-sm text-stone-700">
        <p>{t("footer.about")}</p>
        <p>{t("footer.rights")}</p>
        <p>
          <a className="underline" href="/sitemap.xml">
            {t("footer.sitemap")}
          </a>
          {" · "}
          <LocaleLink className="underline" to="/sell">
            {t("footer.sell")}
          </LocaleLink>
        </p>
      </div>
    </footer>
  );
}
