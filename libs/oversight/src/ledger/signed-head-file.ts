import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { checkpointSignatureValid, LEDGER_CHECKPOINT_TYPE, parseCheckpoint, type CheckpointData } from './checkpoint';

/**
 * The latest signed head, kept outside the events database (beside the signing key by default)
 * so that deleting checkpoint rows cannot erase what the server last signed. Written atomically
 * (temporary file, fsync, rename); a file that is unreadable or not signed by our key is an
 * error, never silently ignored. Messages name no path: they are shown on /health.
 */
export interface SignedHeadStore {
  read(): CheckpointData | null;
  write(data: CheckpointData): void;
  readonly location: string;
}

export class SignedHeadFile implements SignedHeadStore {
  constructor(readonly location: string, private readonly publicKeyPem: string) {}

  read(): CheckpointData | null {
    if (!existsSync(this.location)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.location, 'utf8'));
    } catch (error) {
      throw new Error('The signed head file (kept outside the database) is unreadable: it was altered or truncated.');
    }
    const data = parseCheckpoint({ type: LEDGER_CHECKPOINT_TYPE, data: (parsed as { checkpoint?: unknown })?.checkpoint });
    if (typeof data === 'string') throw new Error(`The signed head file (kept outside the database) holds no checkpoint: ${data}.`);
    if (!checkpointSignatureValid(data) || data.publicKey.trim() !== this.publicKeyPem.trim()) {
      throw new Error("The signed head file (kept outside the database) is not signed by this server's key.");
    }
    return data;
  }

  write(data: CheckpointData): void {
    const temporary = `${this.location}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ format: 'oversight-ledger/signed-head', checkpoint: data }, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.location);
  }
}

/** A head kept in memory: for tests, and for stores that have none configured. */
export class MemoryHead implements SignedHeadStore {
  readonly location = 'memory';
  constructor(private data: CheckpointData | null = null) {}
  read(): CheckpointData | null {
    return this.data;
  }
  write(data: CheckpointData): void {
    this.data = data;
  }
}
