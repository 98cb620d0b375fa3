// The Lighthouse budget (issue 7) in the test suite: the same audit as `npm run lighthouse`
// (scripts/lib/lighthouse.ts) against the e2e server — home, a product, a stay, an experience, a
// village and a search page, Lighthouse's mobile profile, the median of 3 runs per page:
// performance ≥ 95, accessibility, best practices and SEO 100.
//
// It runs in the "lighthouse" project of playwright.config.ts, after the phone and desktop tests
// and alone (one worker), so no other browser competes for the CPU while it measures.
import { test } from "@playwright/test";
import { auditPages, budgetProblems, formatTable, pagesToAudit } from "../../scripts/lib/lighthouse";

test("Lighthouse, mobile: performance ≥ 95, accessibility, best practices and SEO 100 on the catalogue pages", async ({ baseURL }) => {
  test.setTimeout(15 * 60_000);
  const pages = await pagesToAudit(baseURL!);
  const results = await auditPages(pages, { runs: 3, chromePath: process.env.CHROMIUM_PATH });
  console.log(`[lighthouse]\n${formatTable(results)}`);
  const problems = budgetProblems(results);
  if (problems.length) throw new Error(`Below the Lighthouse budget:\n${problems.join("\n")}\n\n${formatTable(results)}`);
});
