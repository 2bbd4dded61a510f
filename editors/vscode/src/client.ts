// The language client's lifecycle: find the binary, start `faultline lsp`,
// mirror settings to it, restart on demand.
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR, findServer, FoundServer, serverExecutable, serverSettings } from './serverOptions';
import { readSettings } from './settings';
import { StatusBar } from './statusBar';
import * as testHooks from './testHooks';

export class FaultlineClient implements vscode.Disposable {
  client: LanguageClient | undefined;
  server: FoundServer | undefined;
  private starting: Promise<void> | undefined;
  private starts = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
    private readonly status: StatusBar,
  ) {}

  /** Starts the server (a no-op while one is already starting or running). */
  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    this.status.set('starting');
    const settings = readSettings();
    const found = findServer({
      configuredPath: settings.path,
      extensionPath: this.context.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      envPath: process.env.PATH,
      platform: process.platform,
      home: os.homedir(),
    });
    if ('error' in found) {
      this.server = undefined;
      this.status.set('missing', found.error);
      this.output.appendLine(found.error);
      void this.notifyMissing(found.error);
      return;
    }
    this.server = found;
    this.output.appendLine(`faultline: using ${found.command} (from ${found.source})`);
    const exe = serverExecutable(found.command);
    // No `transport`: with TransportKind.stdio the client appends `--stdio`,
    // which `faultline lsp` rejects; without it, stdio is used as is.
    const serverOptions: ServerOptions = exe;
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      traceOutputChannel: this.output,
      initializationOptions: serverSettings(settings),
      diagnosticCollectionName: 'faultline',
      // The server asks for section "faultline" when a didChangeConfiguration
      // carries no settings: answer with the server's shape, not the raw
      // section (which holds editor-only keys such as `path`).
      middleware: {
        workspace: {
          configuration: (params) =>
            params.items.map((item) => (item.section === 'faultline' ? serverSettings(readSettings()) : null)),
        },
      },
    };
    const client = new LanguageClient('faultline', 'faultline', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.status.set('running', `${found.command} (${found.source})`);
      else if (e.newState === State.Starting) this.status.set('starting');
      else this.status.set('stopped');
    });
    this.client = client;
    try {
      await client.start();
      testHooks.write('client-started.json', {
        starts: ++this.starts,
        server: found,
        args: exe.args,
        initializationOptions: clientOptions.initializationOptions,
        serverInfo: client.initializeResult?.serverInfo,
      });
    } catch (e) {
      this.client = undefined;
      const message = `faultline: the server (${found.command}) failed to start: ${e instanceof Error ? e.message : e}`;
      this.status.set('failed', message);
      this.output.appendLine(message);
      void vscode.window.showErrorMessage(message, 'Show Output').then((pick) => pick && this.output.show());
    }
  }

  private async notifyMissing(error: string): Promise<void> {
    const pick = await vscode.window.showErrorMessage(error, 'Set faultline.path', 'Show Output');
    if (pick === 'Set faultline.path') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'faultline.path');
    } else if (pick === 'Show Output') {
      this.output.show();
    }
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (e) {
        this.output.appendLine(`faultline: stopping the server: ${e instanceof Error ? e.message : e}`);
      }
    }
    this.status.set('stopped');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Settings changed: the binary path needs a restart; the rest is sent as is. */
  async settingsChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!e.affectsConfiguration('faultline')) return;
    if (e.affectsConfiguration('faultline.path') || !this.client) {
      await this.restart();
      return;
    }
    if (e.affectsConfiguration('faultline.trace.server')) return; // the client reads it itself
    await this.client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: serverSettings(readSettings()),
    });
  }

  dispose(): void {
    void this.stop();
  }
}
