// harness.mjs: what every browser test of the page shares: Debian's
// headless Chromium in a throw-away profile, offline, and a tally of checks.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let failures = 0;

// Prints "ok  WHAT" or "FAIL WHAT: DETAIL" and counts the failures.
export function check(what, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : ': ' + detail}`);
  if (!ok) failures++;
}

export function failed() {
  return failures;
}

// A browser context (1280x900) and the function that closes it and
// removes its profile.
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'leaderboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
           '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
