// Fuzzing the public routes (see fuzz-support.ts): malformed requests from a seeded generator,
// as the people each route is for. 0 answers ≥ 500, no thrown error, no row changed by a refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/utils/db.server";
import { fuzz, fuzzRoutes, printReport, profileOf } from "./fuzz-support";
import { type World, openWorld } from "./fuzz-world";

let world: World;
beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => {
  await closeDb();
  await world?.t.close();
});

describe("fuzzing the public routes", () => {
  it("has a fuzz profile for every route of app/routes.ts with an action, and reaches every API endpoint", async () => {
    const routes = await fuzzRoutes();
    const missing = routes.filter((r) => !profileOf(r)).map((r) => `${r.file} (${r.pattern}) has an action and no fuzz profile in fuzz-support.ts`);
    expect(missing).toEqual([]);
    expect(routes.filter((r) => r.hasAction).length).toBeGreaterThanOrEqual(50);
    expect(routes.filter((r) => r.api).length).toBeGreaterThanOrEqual(15);
    const groups = new Set(routes.map((r) => profileOf(r)!.group));
    expect([...groups].sort()).toEqual(["api", "dashboard", "public"]);
  });

  it("answers every malformed request below 500 and changes no row when it refuses", async () => {
    const routes = (await fuzzRoutes()).filter((r) => profileOf(r)?.group === "public");
    const report = await fuzz(world, routes, [32, 10], 1);
    printReport("public", report);
    expect(report.failures.slice(0, 40)).toEqual([]);
  }, 240_000);
});
