// One status bar item: the server's state; a click shows the output channel.
import * as vscode from 'vscode';

export type ServerState = 'starting' | 'running' | 'stopped' | 'missing' | 'failed';

const LOOK: Record<ServerState, { text: string; tooltip: string; warn: boolean }> = {
  starting: { text: '$(sync~spin) faultline', tooltip: 'faultline: starting the server', warn: false },
  running: { text: '$(check) faultline', tooltip: 'faultline: server running', warn: false },
  stopped: { text: '$(circle-slash) faultline', tooltip: 'faultline: server stopped', warn: true },
  missing: { text: '$(warning) faultline', tooltip: 'faultline: no server binary found', warn: true },
  failed: { text: '$(error) faultline', tooltip: 'faultline: the server failed to start', warn: true },
};

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('faultline.status', vscode.StatusBarAlignment.Right, 100);
  state: ServerState = 'stopped';

  constructor() {
    this.item.name = 'faultline';
    this.item.command = 'faultline.showOutput';
    this.set('starting');
    this.item.show();
  }

  set(state: ServerState, detail?: string): void {
    this.state = state;
    const look = LOOK[state];
    this.item.text = look.text;
    this.item.tooltip = detail ? `${look.tooltip}\n${detail}` : look.tooltip;
    this.item.backgroundColor = look.warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
