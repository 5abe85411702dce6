// End-to-end test of the map in Debian's Chromium, headless, driven by playwright-core.
//   node tests/e2e.mjs BASE_URL ARTIFACT_DIR
// Loads the page, asks Chongqing to Duisburg, then Shanghai to Rotterdam by sea with the
// Red Sea open and closed, and clicks a place for its attributes. Screenshots go to
// ARTIFACT_DIR. Exits non-zero on the first failed check.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [base, artifacts = "web-artifacts"] = process.argv.slice(2);
if (!base) {
  console.error("usage: node tests/e2e.mjs BASE_URL [ARTIFACT_DIR]");
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
});
let failed = false;
const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
page.setDefaultTimeout(60000); // a loaded CI machine renders slowly
const consoleErrors = [];
page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
page.on("pageerror", (e) => consoleErrors.push(e.message));
try {
  await page.goto(base, { waitUntil: "load" });
  await page.waitForFunction(() => window.__silkroute && window.__silkroute.ready, null, { timeout: 60000 });
  const networkFeatures = await page.evaluate(() => window.__silkroute.networkFeatures);
  check(networkFeatures > 500, `the network is drawn (${networkFeatures} features)`);
  check((await page.locator("#scenario option").count()) >= 6, "the scenario switch lists the bundled scenarios");

  async function route(from, to) {
    await page.fill("#from", from);
    await page.fill("#to", to);
    const before = await page.evaluate(() => window.__silkroute.lastQuery);
    await page.click("#go");
    await page.waitForFunction((b) => window.__silkroute.lastQuery !== b, before);
    await page.waitForFunction(() => !document.getElementById("go").disabled);
    return page.evaluate(() => window.__silkroute.routes.map((r) => r.label));
  }

  const labels = await route("Chongqing", "Duisburg");
  check(labels.length >= 2, `Chongqing to Duisburg gives ${labels.length} routes`);
  check(labels[0].includes("Dostyk"), `the best goes via Dostyk: ${labels[0]}`);
  const rows = await page.locator("#results tbody tr").count();
  check(rows === labels.length, `the table has one row per route (${rows})`);
  const drawn = await page.evaluate(() => {
    const m = window.__silkroute.map;
    return m.getLayer("route-line") ? m.querySourceFeatures("routes").length : 0;
  });
  check(drawn >= labels.length, `the routes are drawn on the map (${drawn} features)`);
  const firstRow = await page.locator("#results tbody tr").first().innerText();
  check(/\d+\.\d/.test(firstRow), `the table shows days, cost and CO2: ${firstRow.replace(/\s+/g, " ")}`);
  await page.screenshot({ path: `${artifacts}/chongqing-duisburg.png` });

  // Avoiding a country typed in: Kazakhstan.
  await page.fill("#avoid-more", "KAZ");
  const noKaz = await route("Chongqing", "Duisburg");
  check(!noKaz[0].includes("Dostyk"), `avoiding KAZ leaves Dostyk: ${noKaz[0]}`);
  await page.fill("#avoid-more", "");

  for (const mode of ["rail", "road"]) await page.check(`input[name="avoid"][value="${mode}"]`);
  const open = await route("Shanghai", "Rotterdam");
  check(open[0].includes("suez"), `by sea with the Red Sea open: ${open[0]}`);
  await page.screenshot({ path: `${artifacts}/shanghai-rotterdam-suez.png` });
  const before = await page.evaluate(() => window.__silkroute.lastQuery);
  await page.selectOption("#scenario", "red-sea-closure");
  await page.waitForFunction((b) => window.__silkroute.lastQuery !== b && !document.getElementById("go").disabled, before);
  const closed = await page.evaluate(() => window.__silkroute.routes.map((r) => r.label));
  check(closed[0].includes("capegoodhope") && !closed[0].includes("suez"), `with the Red Sea closed: ${closed[0]}`);
  const status = await page.locator("#status").innerText();
  check(status.includes("red-sea-closure"), `the status names the scenario: ${status}`);
  await page.screenshot({ path: `${artifacts}/shanghai-rotterdam-red-sea-closed.png` });

  // Clicking a place shows its attributes and source.
  // Jump to Duisburg and wait until the map has drawn it before clicking.
  const point = await page.evaluate(async () => {
    const m = window.__silkroute.map;
    const idle = new Promise((resolve) => m.once("idle", resolve));
    m.jumpTo({ center: [6.76, 51.43], zoom: 6 });
    await idle;
    const p = m.project([6.76, 51.43]);
    return { x: p.x, y: p.y };
  });
  const box = await page.locator("#map").boundingBox();
  await page.mouse.click(box.x + point.x, box.y + point.y);
  await page.waitForSelector(".maplibregl-popup-content", { timeout: 15000 });
  const popup = await page.locator(".maplibregl-popup-content").innerText();
  check(popup.includes("Duisburg") && popup.includes("source"), "clicking Duisburg shows its attributes and source");
  await page.screenshot({ path: `${artifacts}/attributes-popup.png` });
  check(consoleErrors.length === 0, `no errors in the browser console${consoleErrors.length ? ": " + consoleErrors.join("; ") : ""}`);
} catch (e) {
  failed = true;
  console.error(`not ok - ${e.message}`);
  await page.screenshot({ path: `${artifacts}/failure.png` }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
