import { type RouteConfig, index, prefix, route } from "@remix-run/route-config";

// Each public page exists once per language: Chinese at the root, English under /en.
// The same module serves both; the language comes from the URL (see ~/utils/i18n).
function pages(lang: "zh" | "en") {
  const id = (name: string) => `${lang}:${name}`;
  return [
    index("routes/home.tsx", { id: id("home") }),
    route("products", "routes/products.tsx", { id: id("products") }),
    route("products/:slug", "routes/product.tsx", { id: id("product") }),
    route("villages", "routes/villages.tsx", { id: id("villages") }),
    route("villages/:slug", "routes/village.tsx", { id: id("village") }),
    route("cooperatives/:slug", "routes/cooperative.tsx", { id: id("cooperative") }),
    route("stays", "routes/stays.tsx", { id: id("stays") }),
    route("stays/:slug", "routes/stay.tsx", { id: id("stay") }),
    route("experiences", "routes/experiences.tsx", { id: id("experiences") }),
    route("experiences/:slug", "routes/experience.tsx", { id: id("experience") }),
    route("search", "routes/search.tsx", { id: id("search") }),
    route("*", "routes/not-found.tsx", { id: id("not-found") }),
  ];
}

export default [
  route("healthz", "routes/healthz.ts"),
  route("robots.txt", "routes/robots[.]txt.ts"),
  route("sitemap.xml", "routes/sitemap[.]xml.ts"),
  route("lang", "routes/lang.ts"),
  ...prefix("api/v1", [
    route("search", "routes/api.v1.search.ts"),
    route("products/:slug", "routes/api.v1.product.ts"),
    route("stays/:slug", "routes/api.v1.stay.ts"),
    route("experiences/:slug", "routes/api.v1.experience.ts"),
    route("villages", "routes/api.v1.villages.ts"),
    route("cooperatives", "routes/api.v1.cooperatives.ts"),
    route("*", "routes/api.v1.not-found.ts"),
  ]),
  ...pages("zh"),
  ...prefix("en", pages("en")),
] satisfies RouteConfig;
