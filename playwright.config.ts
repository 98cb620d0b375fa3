import { defineConfig } from "@playwright/test";

// `npm test` starts the production server on a free port with a seeded database and passes its
// URL in E2E_BASE_URL. Run by hand (`npx playwright test`), the tests go to a running `npm start`.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3000";

// Debian's Chromium: `npx playwright install` cannot download browsers on our machines.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Tests must be honest: a flaky test is a failing test.
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? ".cache/test/playwright.json" }],
  ],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    launchOptions: { executablePath, args: launchArgs },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      // Every test runs on a small phone first: most visitors come from WeChat on a phone.
      name: "phone",
      grepInvert: /@desktop-only/,
      testIgnore: /lighthouse\.spec\.ts/,
      use: {
        browserName: "chromium",
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
    {
      // The main journeys once more on a desktop screen (tests tagged @desktop or @desktop-only).
      name: "desktop",
      grep: /@desktop/,
      testIgnore: /lighthouse\.spec\.ts/,
      use: { browserName: "chromium", viewport: { width: 1280, height: 800 } },
    },
    {
      // Lighthouse measures timings: it runs once the other projects are done, so that their
      // browsers do not take the CPU from it (its spec runs serially: one test). It launches its
      // own Chromium with Lighthouse's mobile emulation, so no browser settings here.
      name: "lighthouse",
      testMatch: /lighthouse\.spec\.ts/,
      dependencies: ["phone", "desktop"],
    },
  ],
});
