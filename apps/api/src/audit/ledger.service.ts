import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { basename, dirname, join } from 'node:path';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import type { CheckpointData } from '../../../../libs/oversight/src/ledger/checkpoint';
import { LedgerCheckpointer } from '../../../../libs/oversight/src/ledger/ledger-checkpointer';
import { LedgerProver } from '../../../../libs/oversight/src/ledger/ledger-prover';
import { resealLedger } from '../../../../libs/oversight/src/ledger/ledger-seal';
import { SignedHeadFile } from '../../../../libs/oversight/src/ledger/signed-head-file';
import { loadOrCreateSigningKey, type LedgerSigner } from '../../../../libs/oversight/src/ledger/signing-key';
import { PubSub } from 'graphql-subscriptions';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { treeHeadOf } from './tree-head';

export interface LedgerConfig {
  /** LEDGER_CHECKPOINT_EVERY: organization events per signed checkpoint at most (default 100). */
  checkpointEvery: number;
  /** LEDGER_SEAL_INTERVAL_MS: seal whatever is unsealed this often (default 1000; 0: only every N events). */
  sealIntervalMs: number;
  /** LEDGER_SIGNING_KEY_FILE, default DATA_DIR/ledger-signing-key.pem. */
  signingKeyFile: string;
  /** LEDGER_HEAD_FILE: the latest signed head, outside the events database; default beside the key. */
  headFile: string;
}

function nonNegativeInteger(name: string, raw: string | undefined, fallback: number, min: number): number {
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  return value;
}

export function loadLedgerConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const signingKeyFile = env.LEDGER_SIGNING_KEY_FILE || join(dataDir, 'ledger-signing-key.pem');
  return {
    checkpointEvery: nonNegativeInteger('LEDGER_CHECKPOINT_EVERY', env.LEDGER_CHECKPOINT_EVERY, 100, 1),
    sealIntervalMs: nonNegativeInteger('LEDGER_SEAL_INTERVAL_MS', env.LEDGER_SEAL_INTERVAL_MS, 1000, 0),
    signingKeyFile,
    headFile: env.LEDGER_HEAD_FILE || signedHeadBeside(signingKeyFile),
  };
}

export interface SealingAnnouncement {
  state: LedgerStatus['state'];
  reason: string | null;
  head: ReturnType<typeof treeHeadOf> | null;
}

const ANNOUNCED = 'ledgerSealing';

/** The current state first (so a subscriber knows it is listening), then each change. */
async function* startingWith<T>(first: T, rest: AsyncIterableIterator<T>): AsyncGenerator<T> {
  try {
    yield first;
    yield* rest;
  } finally {
    await rest.return?.();
  }
}

export interface LedgerStatus {
  state: 'STARTING' | 'SEALING' | 'HALTED';
  reason: string | null;
}

/**
 * Runs the ledger checkpointer for the life of the app, stopping it before the stores close. The
 * signing key's fingerprint is logged so an auditor can pin it; the key itself never is. A halt
 * and a re-seal are logged as warnings (the announcement channel until notifications exist).
 */
@Injectable()
export class LedgerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly pubSub = new PubSub();
  private signer: LedgerSigner | null = null;
  private head: SignedHeadFile | null = null;
  checkpointer: LedgerCheckpointer | null = null;
  prover: LedgerProver | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const ledger = loadLedgerConfig(this.config.dataDir);
    const signer = loadOrCreateSigningKey(ledger.signingKeyFile);
    this.signer = signer;
    this.head = new SignedHeadFile(ledger.headFile, signer.publicKeyPem);
    this.checkpointer = new LedgerCheckpointer({
      store: this.store,
      signer,
      head: this.head,
      every: ledger.checkpointEvery,
      sealIntervalMs: ledger.sealIntervalMs,
      now: () => this.clock.now(),
      onCheckpoint: (c) => this.logger.debug?.(`Ledger checkpoint #${c.sequence}: tree size ${c.treeSize}, root ${c.treeRoot}`),
      onHalt: (reason) => {
        this.logger.warn(`Ledger sealing HALTED, nothing will be signed until an ADMIN re-seals: ${reason}`);
        void this.pubSub.publish(ANNOUNCED, { state: 'HALTED', reason, head: null } satisfies SealingAnnouncement);
      },
      onError: (error) => this.logger.error(`Ledger checkpoint failed, will retry: ${String(error)}`),
    });
    this.prover = new LedgerProver(this.checkpointer, signer);
    this.checkpointer.start();
    this.logger.log(
      `Ledger sealing every ${ledger.checkpointEvery} events or ${ledger.sealIntervalMs} ms; signed head kept in ${ledger.headFile}; signing key fingerprint ${signer.fingerprint}`,
    );
  }

  /** The server's own key: checkpoints signed by any other are refused by every verification. */
  get publicKeyPem(): string | null {
    return this.signer?.publicKeyPem ?? null;
  }

  status(): LedgerStatus {
    const c = this.checkpointer;
    return { state: c?.state ?? 'STARTING', reason: c?.haltReason ?? null };
  }

  announcements(): AsyncGenerator<SealingAnnouncement> {
    const { state, reason } = this.status();
    return startingWith<SealingAnnouncement>({ state, reason, head: null }, this.pubSub.asyncIterableIterator<SealingAnnouncement>(ANNOUNCED));
  }

  /** The ADMIN's explicit re-seal of a halted ledger; recorded in the checkpoint stream and logged. */
  async reseal(actor: { id: string; role: string }, reason: string): Promise<CheckpointData> {
    const c = this.checkpointer!;
    if (c.state !== 'HALTED') throw new Error('The ledger is not halted: there is nothing to re-seal.');
    const data = await resealLedger(this.store, {
      signer: this.signer!,
      head: this.head!,
      actor,
      reason,
      problem: c.haltReason ?? 'unknown',
      recordedAt: this.clock.now().toISOString(),
    });
    const old = data.reseal?.previousHead;
    this.logger.warn(
      `Ledger RE-SEALED by ${actor.id} (${actor.role}) because "${reason}": old head ${old ? `#${old.sequence} (size ${old.treeSize}, root ${old.treeRoot})` : 'none kept'}, ` +
        `new head #${data.sequence} (size ${data.treeSize}, root ${data.treeRoot}); halted because: ${data.reseal?.problem}`,
    );
    c.restart();
    void this.pubSub.publish(ANNOUNCED, { state: 'STARTING', reason: null, head: treeHeadOf(data) } satisfies SealingAnnouncement);
    return data;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }
}

/**
 * The signed head's file beside its key, named after the key: servers whose keys share a folder
 * (each with its own key) must not share one head. The default key keeps the documented name.
 */
function signedHeadBeside(signingKeyFile: string): string {
  const name = basename(signingKeyFile);
  const head = name === 'ledger-signing-key.pem' ? 'ledger-signed-head.json' : `${name.replace(/\.pem$/, '')}.signed-head.json`;
  return join(dirname(signingKeyFile), head);
}
