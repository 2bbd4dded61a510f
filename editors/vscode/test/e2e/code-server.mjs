// Real-editor test: code-server 4.100.3 (the VS Code 1.100.3 workbench and
// extension host) with the packaged .vsix installed, driven by headless
// Chromium through playwright-core, the way a user would:
//   1. open a Go file with crash patterns; faultline's diagnostics arrive and
//      squiggles show in the editor; the status bar item says it is running;
//   2. quick fix through the light bulb menu (Ctrl+.): one NIL002 goes;
//   3. "faultline: Fix All in File" from the command palette: the other goes;
//   4. settings changes apply without a restart: inlay hints on (`→ heap`
//      appears), escape hints off (ESC001 goes);
//   5. "faultline: Explain Rule Under Cursor" on the PANIC001 finding.
// The extension writes what it sees into $FAULTLINE_VSCODE_TEST_OUT (see
// src/testHooks.ts); the test reads those files and the DOM.
// Env: CODE_SERVER (its bin), VSIX, WORK (scratch dir), CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
const { CODE_SERVER, VSIX, WORK } = process.env;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!CODE_SERVER || !VSIX || !WORK) throw new Error('set CODE_SERVER, VSIX and WORK');

const T0 = performance.now();
const ms = {};
const mark = (name) => (ms[name] = Math.round(performance.now() - T0));
const sleep = (n) => new Promise((r) => setTimeout(r, n));
async function waitFor(what, pred, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await pred();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
}
const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const ws = join(WORK, 'ws');
const out = join(WORK, 'out');
const dataDir = join(WORK, 'data');
const extDir = join(WORK, 'extensions');
for (const d of [out, join(dataDir, 'User'), extDir]) mkdirSync(d, { recursive: true });
cpSync(join(here, '..', 'fixtures', 'workspace'), ws, { recursive: true });
const file = join(ws, 'crash.go');
const settingsFile = join(dataDir, 'User', 'settings.json');
const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'editor.codeActionWidget.showHeaders': false,
  'faultline.debounceMs': 0,
};
writeFileSync(settingsFile, JSON.stringify(baseSettings, null, 2));
const env = {
  ...process.env,
  FAULTLINE_VSCODE_TEST_OUT: out,
  XDG_CONFIG_HOME: join(WORK, 'xdg', 'config'),
  XDG_DATA_HOME: join(WORK, 'xdg', 'data'),
  XDG_CACHE_HOME: join(WORK, 'xdg', 'cache'),
  XDG_STATE_HOME: join(WORK, 'xdg', 'state'),
  TMPDIR: join(WORK, 'tmp'),
};
mkdirSync(env.TMPDIR, { recursive: true });
const common = ['--extensions-dir', extDir, '--user-data-dir', dataDir];
execFileSync(CODE_SERVER, [...common, '--install-extension', VSIX], { env, stdio: 'pipe' });
mark('installed');

const readJson = (name) => {
  const p = join(out, name);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : undefined;
};
const diagCodes = () => (readJson('diagnostics.json')?.files?.[file] ?? []).map((d) => d.code).sort();
const docText = () => readJson('document.json')?.text ?? readFileSync(file, 'utf8');

const port = await freePort();
const cs = spawn(CODE_SERVER, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
  '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
  { env, stdio: ['ignore', 'pipe', 'pipe'] });
let csLog = '';
cs.stdout.on('data', (d) => (csLog += d));
cs.stderr.on('data', (d) => (csLog += d));

let ctx;
let page;
const report = { ms };
try {
  await waitFor('code-server /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60000);
  mark('serverUp');
  ctx = await chromium.launchPersistentContext(join(WORK, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  mark('workbench');

  // workspaceContains:**/go.mod activates the extension before any file is open.
  report.activated = await waitFor('extension activation', () => readJson('activated.json'), 60000);
  report.clientStarted = await waitFor('the language client to start', () => readJson('client-started.json'), 60000);
  if (report.clientStarted.server.source !== 'bundled') throw new Error(`server not the bundled one: ${JSON.stringify(report.clientStarted)}`);
  mark('clientStarted');

  // 1. Open the file through Quick Open, as a user would.
  const editor = page.locator('.monaco-editor[data-uri$="crash.go"]');
  await waitFor('crash.go open in an editor', async () => {
    if ((await editor.count()) > 0) return true;
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
    await page.keyboard.type('crash.go');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 5000 });
    await page.keyboard.press('Enter');
    await editor.first().waitFor({ timeout: 5000 });
    return true;
  }, 40000);
  await waitFor('NIL002 x2, PANIC001, PANIC004, ESC001 from the server',
    () => diagCodes().join() === 'ESC001,NIL002,NIL002,PANIC001,PANIC004', 30000);
  mark('diagnostics');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 15000 });
  report.squiggles = {
    error: await page.locator('.monaco-editor .squiggly-error').count(),
    warning: await page.locator('.monaco-editor .squiggly-warning').count(),
  };
  if (report.squiggles.error !== 2 || report.squiggles.warning !== 1) throw new Error(`squiggles: ${JSON.stringify(report.squiggles)}`);
  report.statusBar = await page.locator('.statusbar-item', { hasText: 'faultline' }).first().getAttribute('aria-label');
  if (!/faultline/.test(report.statusBar ?? '')) throw new Error(`status bar: ${report.statusBar}`);
  mark('squiggles');

  const gotoLine = async (lineCol) => {
    await editor.first().locator('.view-lines').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(lineCol);
    await page.keyboard.press('Enter');
    await sleep(200);
  };

  // 2. Quick fix from the light bulb menu on `counts[w]++` (line 6, col 3).
  await gotoLine('6:4');
  // The light bulb shows once the server's code actions for the line are in.
  await page.locator('.lightBulbWidget, .codicon-lightbulb, .codicon-lightbulb-autofix').first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget .monaco-list-row');
  await menu.filter({ hasText: /Initiali[sz]e `counts`/ }).first().waitFor({ timeout: 15000 });
  report.quickFixMenu = await menu.allInnerTexts();
  // The preferred fix is first and focused: accept it with Enter, as a user would.
  const focused = await page.locator('.action-widget .monaco-list-row.focused').innerText();
  if (!/Initiali[sz]e `counts`/.test(focused)) throw new Error(`focused quick fix: ${focused}`);
  await page.keyboard.press('Enter');
  await waitFor('the quick fix edit and NIL002 on counts gone', () =>
    docText().includes('counts := map[string]int{}') && diagCodes().join() === 'ESC001,NIL002,PANIC001,PANIC004', 15000);
  mark('quickFix');

  const runCommand = async (title) => {
    await page.keyboard.press('Control+Shift+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  };

  // 3. Fix All in File from the command palette.
  await editor.first().locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await runCommand('faultline: Fix All in File');
  await waitFor('fix all to initialise seen and NIL002 to be gone', () =>
    docText().includes('seen := map[int]bool{}') && diagCodes().join() === 'ESC001,PANIC001,PANIC004', 15000);
  mark('fixAll');

  // 4. Settings apply live: escapeHints off drops ESC001, with no restart.
  // Through the Settings editor, as a user would: tick "Inlay Hints" (the
  // escape hint shows as `→ heap` in the editor), then untick "Escape Hints".
  const toggleSetting = async (id, label, expectedBefore) => {
    await runCommand('Preferences: Open User Settings');
    const search = page.locator('.settings-editor .settings-header .monaco-editor textarea, .settings-editor .settings-header input').first();
    await search.waitFor({ timeout: 15000 });
    await search.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(id);
    // By its title: descriptions mention other settings' names too.
    const title = page.locator('.setting-item-label', { hasText: new RegExp(`^${label}$`) });
    const checkbox = page.locator('.setting-item-bool').filter({ has: title }).locator('.setting-value-checkbox');
    await checkbox.waitFor({ timeout: 15000 });
    const before = await checkbox.getAttribute('aria-checked');
    if (before !== String(expectedBefore)) throw new Error(`${id} was ${before}`);
    await checkbox.click();
    await page.locator('.tab', { hasText: 'crash.go' }).first().click();
  };
  await toggleSetting('faultline.inlayHints', 'Inlay Hints', false);
  await page.locator('.monaco-editor .view-lines', { hasText: '→ heap' }).first().waitFor({ timeout: 15000 });
  mark('inlayHint');
  await toggleSetting('faultline.escapeHints', 'Escape Hints', true);
  await waitFor('ESC001 to go after escapeHints=false', () => diagCodes().join() === 'PANIC001,PANIC004', 20000);
  if (readJson('client-started.json').starts !== 1) throw new Error('the settings change restarted the server');
  mark('settingsLive');

  await waitFor('the inlay hint to go after escapeHints=false', async () =>
    (await page.locator('.monaco-editor .view-lines', { hasText: '→ heap' }).count()) === 0, 10000);

  // 5. Explain the rule under the cursor (the PANIC001 finding, `recover()` on line 13).
  await gotoLine('13:4');
  await runCommand('faultline: Explain Rule Under Cursor');
  report.explained = await waitFor('explained.json', () => readJson('explained.json'), 15000);
  if (report.explained.code !== 'PANIC001' || !report.explained.title.includes('PANIC001')) throw new Error(JSON.stringify(report.explained));
  await page.locator('.tab', { hasText: /Preview|Untitled/ }).first().waitFor({ timeout: 15000 });
  mark('explain');

  report.savedText = docText();
  await page.screenshot({ path: join(WORK, 'code-server.png') });
  report.diagnostics = readJson('diagnostics.json').files[file];
  console.log(JSON.stringify(report, null, 1));
} catch (e) {
  process.exitCode = 1;
  console.error('FAILED:', e.message);
  console.error('diagnostics.json:', JSON.stringify(readJson('diagnostics.json')));
  await page?.screenshot({ path: join(WORK, 'failure.png') }).catch(() => {});
  console.error(`screenshot: ${join(WORK, 'failure.png')}`);
  console.error(csLog.split('\n').slice(-30).join('\n'));
} finally {
  await ctx?.close().catch(() => {});
  cs.kill('SIGTERM');
}
