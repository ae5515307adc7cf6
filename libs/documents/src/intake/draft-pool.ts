import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { draftReport, type DraftOptions } from './draft-report';
import { IntakeError, type IntakeErrorCode } from './intake.errors';
import type { ReportDraft } from './report-draft.types';

type Reply = { ok: true; draft: ReportDraft } | { ok: false; code: IntakeErrorCode | null; message: string };

/**
 * Drafting is CPU-bound (pdf.js parsing, then the extractors): on the server's thread one large
 * report would stall every other request. The pool runs at most `size` drafts at once, each in a
 * worker thread; the rest wait their turn. Without the compiled worker (ts-jest runs sources)
 * drafts run in-process, with the same bound.
 */
export class DraftPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly workerFile: string | null = defaultWorkerFile(),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`DraftPool size must be a positive integer, got ${size}`);
  }

  /** Drafts the bytes once a slot is free; `load` is called only then (the bytes are not held while waiting). */
  async draft(load: () => Promise<Uint8Array>, options: DraftOptions): Promise<ReportDraft> {
    await this.acquire();
    try {
      const bytes = await load();
      return this.workerFile ? await this.inWorker(bytes, options) : await draftReport(bytes, options);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiter, so the count never exceeds `size`. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private inWorker(bytes: Uint8Array, options: DraftOptions): Promise<ReportDraft> {
    const worker = this.idle.pop() ?? this.spawn();
    return new Promise<ReportDraft>((resolve, reject) => {
      const crashed = (error: unknown) => {
        worker.off('message', answered);
        void worker.terminate();
        reject(error instanceof Error ? error : new Error(`draft worker stopped: ${String(error)}`));
      };
      const answered = (reply: Reply) => {
        worker.off('error', crashed).off('exit', crashed);
        if (this.closed) void worker.terminate();
        else this.idle.push(worker);
        if (reply.ok) resolve(reply.draft);
        else reject(reply.code ? new IntakeError(reply.code, reply.message) : new Error(reply.message));
      };
      worker.once('message', answered).once('error', crashed).once('exit', crashed);
      const copy = new Uint8Array(bytes);
      worker.postMessage({ bytes: copy, options }, [copy.buffer]);
    });
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerFile!);
    // An idle worker must not keep the process alive at shutdown.
    worker.unref();
    return worker;
  }
}

function defaultWorkerFile(): string | null {
  const file = join(__dirname, 'draft-report.worker.js');
  return existsSync(file) ? file : null;
}
