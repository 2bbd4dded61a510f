// Fast test: launches the real server with exactly the command and
// initializationOptions the extension builds (dist/serverOptions.js, the same
// module the extension bundles) and speaks LSP to it over stdio.
// Server binary: $FAULTLINE_BIN (scripts/checks/70-vscode.sh builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const opts = require('../dist/serverOptions.js');
const rpc = require('vscode-jsonrpc/node');

const BIN = process.env.FAULTLINE_BIN;
const fixture = join(here, 'fixtures', 'workspace', 'crash.go');

test('findServer: setting, then bundled, then PATH; a bad setting is an error', () => {
  const exes = new Set(['/opt/fl/faultline', '/ext/bin/faultline', '/usr/local/bin/faultline']);
  const base = { extensionPath: '/ext', envPath: '/usr/bin:/usr/local/bin', platform: 'linux', home: '/home/u',
    isExecutable: (f) => exes.has(f) };
  assert.deepEqual(opts.findServer({ ...base, configuredPath: '/opt/fl/faultline' }),
    { command: '/opt/fl/faultline', source: 'setting' });
  assert.match(opts.findServer({ ...base, configuredPath: '/nope/faultline' }).error, /faultline.path.*not an executable/);
  assert.deepEqual(opts.findServer({ ...base, configuredPath: '' }), { command: '/ext/bin/faultline', source: 'bundled' });
  exes.delete('/ext/bin/faultline');
  assert.deepEqual(opts.findServer({ ...base, configuredPath: '  ' }), { command: '/usr/local/bin/faultline', source: 'PATH' });
  exes.clear();
  assert.match(opts.findServer({ ...base, configuredPath: '' }).error, /no server found.*faultline\.path/s);
  exes.add('/home/u/bin/faultline');
  assert.equal(opts.findServer({ ...base, configuredPath: '~/bin/faultline' }).command, '/home/u/bin/faultline');
  const win = opts.findServer({ ...base, platform: 'win32', configuredPath: '', envPath: 'C:\\a;/x',
    isExecutable: (f) => f === join('/x', 'faultline.exe') });
  assert.equal(win.source, 'PATH');
});

test('findServer on a real directory tree honours the executable bit', () => {
  const d = mkdtempSync(join(tmpdir(), 'fl-find-'));
  mkdirSync(join(d, 'ext', 'bin'), { recursive: true });
  writeFileSync(join(d, 'ext', 'bin', 'faultline'), '#!/bin/sh\n');
  const input = { configuredPath: '', extensionPath: join(d, 'ext'), envPath: '', platform: 'linux', home: d };
  assert.ok('error' in opts.findServer(input), 'not executable yet');
  chmodSync(join(d, 'ext', 'bin', 'faultline'), 0o755);
  assert.equal(opts.findServer(input).source, 'bundled');
});

test('serverSettings sends only keys the server knows, and no empty select', () => {
  const s = opts.serverSettings(opts.DEFAULT_SETTINGS);
  assert.deepEqual(Object.keys(s).sort(), ['checkWorkspace', 'debounceMs', 'escapeHints', 'inlayHints', 'severity']);
  const t = opts.serverSettings({ ...opts.DEFAULT_SETTINGS, path: '/x', select: ['NIL'], ignore: ['ESC001'], goVersion: ' 1.21 ', buildTags: ' integration,e2e ' });
  assert.deepEqual([t.select, t.ignore, t.goVersion, t.buildTags, t.path], [['NIL'], ['ESC001'], '1.21', 'integration,e2e', undefined]);
});

function startServer(initializationOptions) {
  const exe = opts.serverExecutable(BIN);
  const child = spawn(exe.command, exe.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const messages = [];
  const published = [];
  let waiters = [];
  const settle = () => { waiters = waiters.filter((w) => !w()); };
  conn.onNotification('window/showMessage', (p) => { messages.push(p); });
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('textDocument/publishDiagnostics', (p) => { published.push(p); settle(); });
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const until = (pred, what, ms = 10000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for ' + what)), ms);
    const check = () => { const v = pred(); if (v) { clearTimeout(timer); resolve(v); return true; } return false; };
    if (!check()) waiters.push(check);
  });
  return { child, conn, messages, published, until, initializationOptions };
}

const codes = (p) => p.diagnostics.map((d) => d.code).sort();

test('the server accepts the extension\'s options: diagnostics, live settings, inlay hints', { skip: !BIN && 'FAULTLINE_BIN not set' }, async () => {
  const settings = { ...opts.DEFAULT_SETTINGS, inlayHints: true, debounceMs: 0 };
  const init = opts.serverSettings(settings);
  const s = startServer(init);
  try {
    const root = pathToFileURL(dirname(fixture)).href;
    const result = await s.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }],
      capabilities: { workspace: { configuration: true, inlayHint: { refreshSupport: true } },
        textDocument: { inlayHint: {}, publishDiagnostics: { versionSupport: true } } },
      initializationOptions: init,
    });
    assert.equal(result.serverInfo.name, 'faultline');
    assert.ok(result.capabilities.inlayHintProvider, 'inlay hints offered');
    assert.ok(!result.capabilities.documentFormattingProvider, 'no formatting (gopls owns it)');
    assert.ok(!result.capabilities.completionProvider && !result.capabilities.definitionProvider);
    await s.conn.sendNotification('initialized', {});
    const uri = pathToFileURL(fixture).href;
    await s.conn.sendNotification('textDocument/didOpen',
      { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(fixture, 'utf8') } });
    const first = await s.until(() => s.published.find((p) => p.uri === uri && p.diagnostics.length === 5), '5 diagnostics');
    assert.deepEqual(codes(first), ['ESC001', 'NIL002', 'NIL002', 'PANIC001', 'PANIC004']);
    assert.ok(first.diagnostics.every((d) => d.source === 'faultline'));
    const nil002 = first.diagnostics.filter((d) => d.code === 'NIL002').sort((a, b) => a.range.start.line - b.range.start.line)[0];
    assert.deepEqual([nil002.range.start.line, nil002.severity], [5, 1]);

    const hints = await s.conn.sendRequest('textDocument/inlayHint',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } });
    assert.equal(hints.length, 1);
    assert.equal(hints[0].label, '→ heap');
    assert.deepEqual(hints[0].position, { line: 18, character: 2 });

    // escapeHints off, applied live: ESC001 goes, no hints, nothing restarted.
    const n = s.published.length;
    await s.conn.sendNotification('workspace/didChangeConfiguration',
      { settings: opts.serverSettings({ ...settings, escapeHints: false, severity: { PANIC001: 'error' } }) });
    const second = await s.until(() => s.published.slice(n).find((p) => p.uri === uri), 'republished diagnostics');
    assert.deepEqual(codes(second), ['NIL002', 'NIL002', 'PANIC001', 'PANIC004']);
    assert.equal(second.diagnostics.find((d) => d.code === 'PANIC001').severity, 1);
    const none = await s.conn.sendRequest('textDocument/inlayHint',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } });
    assert.ok(none === null || none.length === 0);

    // Fix all in file: the code action the extension's command asks for.
    const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.faultline'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.faultline');
    const edit = JSON.stringify(actions[0].edit);
    assert.match(edit, /counts := map\[string\]int\{\}/);
    assert.match(edit, /seen := map\[int\]bool\{\}/);

    assert.deepEqual(s.messages, [], 'the server warned about the extension\'s settings');
    await s.conn.sendRequest('shutdown');
    const exited = new Promise((r) => s.child.on('exit', r));
    await s.conn.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    s.conn.dispose();
    s.child.kill();
  }
});
