// Reads the `faultline.*` configuration into the plain shape serverOptions.ts uses.
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, ExtensionSettings } from './serverOptions';

export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('faultline');
  const d = DEFAULT_SETTINGS;
  return {
    path: c.get<string>('path', d.path),
    select: c.get<string[]>('select', d.select),
    ignore: c.get<string[]>('ignore', d.ignore),
    severity: c.get<Record<string, string>>('severity', d.severity),
    goVersion: c.get<string>('goVersion', d.goVersion),
    buildTags: c.get<string>('buildTags', d.buildTags),
    debounceMs: c.get<number>('debounceMs', d.debounceMs),
    escapeHints: c.get<boolean>('escapeHints', d.escapeHints),
    inlayHints: c.get<boolean>('inlayHints', d.inlayHints),
    checkWorkspace: c.get<boolean>('checkWorkspace', d.checkWorkspace),
  };
}
