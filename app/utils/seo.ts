import type { MetaDescriptor } from "@remix-run/node";
import type { MessageKey } from "~/locales";
import { langFromPath } from "~/utils/i18n";
import { translator } from "~/utils/t";

/** Title, description and Open Graph tags; canonical and hreflang links come from the root. */
export function seoMeta(input: { title: string; description: string; siteName: string; image?: string; jsonLd?: object | object[] }): MetaDescriptor[] {
  const title = input.title === input.siteName ? input.title : `${input.title} · ${input.siteName}`;
  const description = input.description.replace(/\s+/g, " ").trim().slice(0, 160);
  const tags: MetaDescriptor[] = [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:site_name", content: input.siteName },
  ];
  if (input.image) tags.push({ property: "og:image", content: input.image });
  if (input.jsonLd) tags.push({ "script:ld+json": input.jsonLd });
  return tags;
}

/** Title and noindex of a private page (accounts, onboarding, dashboard, admin). */
export function privateMeta(pathname: string, titleKey: MessageKey): MetaDescriptor[] {
  const t = translator(langFromPath(pathname));
  return [{ title: `${t(titleKey)} · ${t("site.name")}` }, { name: "robots", content: "noindex" }];
}
