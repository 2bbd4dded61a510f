// Entry point: wires the client, status bar, commands and settings watch.
import * as vscode from 'vscode';
import { FaultlineClient } from './client';
import { registerCommands } from './commands';
import { StatusBar } from './statusBar';
import * as testHooks from './testHooks';

let fl: FaultlineClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('faultline');
  const status = new StatusBar();
  fl = new FaultlineClient(context, output, status);
  context.subscriptions.push(output, status, fl);
  registerCommands(context, fl);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => fl?.settingsChanged(e)));
  testHooks.watchDiagnostics(context);
  testHooks.write('activated.json', { version: context.extension.packageJSON.version, vscode: vscode.version });
  await fl.start();
}

export async function deactivate(): Promise<void> {
  await fl?.stop();
}
