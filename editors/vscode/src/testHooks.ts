// For the end-to-end test only: when FAULTLINE_VSCODE_TEST_OUT names a
// directory, the extension writes what it did there as JSON files
// (activated, client-started, diagnostics after every change). Nothing is
// written otherwise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const OUT = process.env.FAULTLINE_VSCODE_TEST_OUT;

export function enabled(): boolean {
  return !!OUT;
}

export function write(name: string, value: unknown): void {
  if (!OUT) return;
  try {
    const file = path.join(OUT, name);
    fs.writeFileSync(file + '.tmp', JSON.stringify(value, null, 1));
    fs.renameSync(file + '.tmp', file); // readers never see half a file
  } catch {
    // a test hook must never break the extension
  }
}

/** Mirrors every faultline diagnostic VS Code holds into diagnostics.json. */
export function watchDiagnostics(context: vscode.ExtensionContext): void {
  if (!OUT) return;
  let seq = 0;
  const dump = () => {
    const files: Record<string, unknown[]> = {};
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      const ours = diags.filter((d) => d.source === 'faultline');
      if (ours.length === 0) continue;
      files[uri.fsPath] = ours.map((d) => ({
        code: typeof d.code === 'object' ? d.code.value : d.code,
        line: d.range.start.line,
        character: d.range.start.character,
        severity: vscode.DiagnosticSeverity[d.severity],
        message: d.message,
      }));
    }
    write('diagnostics.json', { seq: ++seq, files });
  };
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(dump));
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'go') write('document.json', { path: e.document.uri.fsPath, text: e.document.getText() });
    }),
  );
}
