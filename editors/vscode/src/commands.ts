// The palette commands: restart, show output, fix all in file, explain rule.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { FaultlineClient } from './client';
import * as testHooks from './testHooks';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('faultline');

export function registerCommands(context: vscode.ExtensionContext, fl: FaultlineClient): void {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg('faultline.restartServer', async () => {
    await fl.restart();
    if (fl.client) void vscode.window.setStatusBarMessage('faultline: server restarted', 3000);
  });

  reg('faultline.showOutput', () => fl.output.show(true));

  reg('faultline.fixAll', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'go') return;
    const doc = editor.document;
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        whole,
        FIX_ALL_KIND.value,
      )) ?? [];
    const ours = actions.filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
    if (ours.length === 0) {
      void vscode.window.setStatusBarMessage('faultline: nothing to fix', 3000);
      return;
    }
    for (const action of ours) {
      if (action.edit) await vscode.workspace.applyEdit(action.edit);
    }
  });

  reg('faultline.explainRule', async () => {
    const code = await ruleUnderCursor();
    if (!code) return;
    const server = fl.server?.command;
    if (!server) {
      void vscode.window.showErrorMessage('faultline: no server binary to explain the rule with.');
      return;
    }
    execFile(server, ['explain', code], { timeout: 10000, maxBuffer: 1 << 20 }, async (err, stdout, stderr) => {
      if (err) {
        void vscode.window.showErrorMessage(`faultline explain ${code}: ${stderr || err.message}`);
        return;
      }
      testHooks.write('explained.json', { code, title: stdout.split('\n')[0] });
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: stdout });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(undefined, () =>
        vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside),
      );
    });
  });
}

/** The faultline rule code of the diagnostic under the cursor (asks when there are several). */
async function ruleUnderCursor(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const codes = new Set<string>();
  for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (d.source !== 'faultline' || !d.range.contains(pos)) continue;
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    if (code !== undefined) codes.add(String(code));
  }
  if (codes.size === 0) {
    const typed = await vscode.window.showInputBox({
      prompt: 'No faultline finding under the cursor. Rule code to explain:',
      placeHolder: 'NIL002',
      validateInput: (v) => (/^[A-Za-z]+\d{3}$/.test(v.trim()) ? undefined : 'a code like NIL002'),
    });
    return typed?.trim().toUpperCase();
  }
  if (codes.size === 1) return [...codes][0];
  return vscode.window.showQuickPick([...codes], { placeHolder: 'Which rule?' });
}
