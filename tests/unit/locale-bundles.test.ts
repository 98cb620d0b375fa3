// The browser's message chunks (app/locales/bundles) must hold every message of their language
// exactly once, and a catalogue page's chunk none of the other language: a namespace added to
// ~/locales but not to a bundle would show the browser empty texts.
import { describe, expect, it } from "vitest";
import { messages } from "~/locales";
import { BUNDLES, bundleLoaders, bundlesForPath } from "~/locales/bundles";
import { LANGS } from "~/utils/i18n";

describe("message bundles for the browser", () => {
  for (const lang of LANGS) {
    it(`${lang}: public + rest hold every message once, in ${lang}`, async () => {
      const tables = await Promise.all(BUNDLES.map(async (bundle) => (await bundleLoaders[lang][bundle]()).default));
      const keys = tables.flatMap((table) => Object.keys(table));
      expect(new Set(keys).size).toBe(keys.length);
      expect([...keys].sort()).toEqual(Object.keys(messages[lang]).sort());
      for (const table of tables) for (const [key, text] of Object.entries(table)) expect(text).toBe(messages[lang][key as keyof (typeof messages)[typeof lang]]);
    });
  }

  it("catalogue pages load the public bundle only; every other page both", () => {
    for (const path of ["/", "/products", "/products/anji-white-tea", "/stays/x", "/experiences", "/villages/yucun", "/cooperatives/x", "/search"]) {
      expect(bundlesForPath(path), path).toEqual(["public"]);
    }
    for (const path of ["/cart", "/checkout", "/account/bookings", "/dashboard", "/admin/cooperatives", "/login", "/no-such-page", "/products/x/y"]) {
      expect(bundlesForPath(path), path).toEqual(["public", "rest"]);
    }
  });
});
