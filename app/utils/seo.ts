import type { MetaDescriptor } from "@remix-run/node";

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
