// The page's side of the analysis worker: sends the current texts and
// options, and hands back only the result of the newest request. A result for
// a superseded request (the text or options changed after it was sent) is
// dropped; the diagnostics on screen stay mapped through the edits meanwhile.

export class Analysis {
  /**
   * @param {{ onReady(info): void, onResult(result): void, onBusy(busy: boolean): void, onFatal(message): void }} handlers
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.sent = 0;
    /** Results thrown away because a newer request was sent meanwhile. */
    this.dropped = 0;
    this.ready = false;
    this.queued = null;
    this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "faultline" });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => handlers.onFatal(event.message || "the analysis worker failed to start");
  }

  /** Sends a check request; returns its id. `request` = { files, options, rules }. */
  check(request) {
    const id = ++this.sent;
    const message = { type: "check", id, ...request };
    if (this.ready) this.worker.postMessage(message);
    else this.queued = message;
    this.handlers.onBusy(true);
    return id;
  }

  receive(msg) {
    if (msg.type === "ready") {
      this.ready = true;
      this.handlers.onReady(msg);
      if (this.queued) this.worker.postMessage(this.queued);
      this.queued = null;
    } else if (msg.type === "fatal") {
      this.handlers.onFatal(msg.message);
    } else if (msg.type === "result") {
      if (msg.id !== this.sent) {
        this.dropped++; // superseded by a newer request
        return;
      }
      this.handlers.onBusy(false);
      this.handlers.onResult(msg);
    }
  }
}
