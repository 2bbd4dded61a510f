// What the extension sends to and launches for the server, with no `vscode`
// import so `node --test` can check exactly these against the real binary.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The `faultline.*` settings the extension reads (as VS Code returns them). */
export interface ExtensionSettings {
  path: string;
  select: string[];
  ignore: string[];
  severity: Record<string, string>;
  goVersion: string;
  buildTags: string;
  debounceMs: number;
  escapeHints: boolean;
  inlayHints: boolean;
  checkWorkspace: boolean;
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
  path: '',
  select: [],
  ignore: [],
  severity: {},
  goVersion: '',
  buildTags: '',
  debounceMs: 50,
  escapeHints: true,
  inlayHints: false,
  checkWorkspace: false,
};

/**
 * The server's settings object (keys of lsp/src/settings.rs), sent as
 * `initializationOptions` and in every `workspace/didChangeConfiguration`.
 * Editor-only keys (`path`, `trace`) are left out: the server would warn
 * about unknown keys.
 */
export function serverSettings(s: ExtensionSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {
    severity: s.severity ?? {},
    debounceMs: s.debounceMs,
    escapeHints: s.escapeHints,
    inlayHints: s.inlayHints,
    checkWorkspace: s.checkWorkspace,
  };
  // An empty `select` means "what faultline.toml says", so it is not sent
  // (the server would read it as "select nothing").
  if (s.select && s.select.length > 0) out.select = s.select;
  if (s.ignore && s.ignore.length > 0) out.ignore = s.ignore;
  if (s.goVersion && s.goVersion.trim() !== '') out.goVersion = s.goVersion.trim();
  // Empty means the `-tags` of GOFLAGS, as leaving the key out does.
  if (s.buildTags && s.buildTags.trim() !== '') out.buildTags = s.buildTags.trim();
  return out;
}

/** Where a server binary was found, and by which rule. */
export interface FoundServer {
  command: string;
  source: 'setting' | 'bundled' | 'PATH';
}

export interface FindServerInput {
  configuredPath: string;
  extensionPath: string;
  workspaceFolder?: string;
  envPath: string | undefined;
  platform: NodeJS.Platform;
  home: string;
  isExecutable?: (file: string) => boolean;
}

function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function exeName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'faultline.exe' : 'faultline';
}

/** Expands `~` and `${workspaceFolder}` in a configured path. */
export function expandPath(p: string, home: string, workspaceFolder?: string): string {
  let out = p.trim();
  if (out === '~' || out.startsWith('~/')) out = path.join(home, out.slice(1));
  if (workspaceFolder) out = out.split('${workspaceFolder}').join(workspaceFolder);
  return out;
}

/**
 * Discovery order: the `faultline.path` setting; the binary bundled in a
 * platform-specific vsix (`bin/faultline`); `faultline` on PATH. A configured
 * path that does not exist is an error (no silent fallback to another binary).
 */
export function findServer(input: FindServerInput): FoundServer | { error: string } {
  const isExe = input.isExecutable ?? defaultIsExecutable;
  const exe = exeName(input.platform);
  if (input.configuredPath && input.configuredPath.trim() !== '') {
    const p = expandPath(input.configuredPath, input.home, input.workspaceFolder);
    if (isExe(p)) return { command: p, source: 'setting' };
    return { error: `faultline.path is set to "${input.configuredPath}", which is not an executable file.` };
  }
  const bundled = path.join(input.extensionPath, 'bin', exe);
  if (isExe(bundled)) return { command: bundled, source: 'bundled' };
  const sep = input.platform === 'win32' ? ';' : ':';
  for (const dir of (input.envPath ?? '').split(sep)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isExe(candidate)) return { command: candidate, source: 'PATH' };
  }
  return {
    error:
      'faultline: no server found. This build of the extension bundles no binary for your platform and ' +
      '`faultline` is not on PATH. Install it (`cargo install --path cli` from the faultline repository) ' +
      'or set `faultline.path` to the binary.',
  };
}

/** The process the client launches: `faultline lsp` over stdio. */
export function serverExecutable(command: string): { command: string; args: string[] } {
  return { command, args: ['lsp'] };
}

/** The language client's document selector: Go files on disk and unsaved ones. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'go' },
  { scheme: 'untitled', language: 'go' },
];
