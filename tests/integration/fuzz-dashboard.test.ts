// Fuzzing the dashboard routes (see fuzz-support.ts): malformed requests from a seeded generator,
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

describe("fuzzing the dashboard routes", () => {
  it("answers every malformed request below 500 and changes no row when it refuses", async () => {
    const routes = (await fuzzRoutes()).filter((r) => profileOf(r)?.group === "dashboard");
    const report = await fuzz(world, routes, [32, 10], 0);
    printReport("dashboard", report);
    expect(report.failures.slice(0, 40)).toEqual([]);
  }, 240_000);
});
