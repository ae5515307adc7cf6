import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import type { EventStore } from '../../../../libs/event-store/src/event-store.port';
import type { Clock } from '../../../../libs/oversight/src/application/clock';
import { LedgerCheckpointer } from '../../../../libs/oversight/src/ledger/ledger-checkpointer';
import { loadOrCreateSigningKey } from '../../../../libs/oversight/src/ledger/signing-key';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../infrastructure/tokens';

export interface LedgerConfig {
  /** LEDGER_CHECKPOINT_EVERY: organization events per signed checkpoint (default 100). */
  checkpointEvery: number;
  /** LEDGER_SIGNING_KEY_FILE, default DATA_DIR/ledger-signing-key.pem. */
  signingKeyFile: string;
}

export function loadLedgerConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const raw = env.LEDGER_CHECKPOINT_EVERY;
  const every = raw === undefined || raw === '' ? 100 : Number(raw);
  if (!Number.isInteger(every) || every < 1) throw new Error(`LEDGER_CHECKPOINT_EVERY must be a positive integer, got "${raw}"`);
  return { checkpointEvery: every, signingKeyFile: env.LEDGER_SIGNING_KEY_FILE || join(dataDir, 'ledger-signing-key.pem') };
}

/**
 * Runs the ledger checkpointer for the life of the app. It stops before the stores close
 * (beforeApplicationShutdown runs ahead of every onApplicationShutdown). The signing key's
 * fingerprint is logged so an auditor can pin it; the key itself never is.
 */
@Injectable()
export class LedgerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private checkpointer: LedgerCheckpointer | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const ledger = loadLedgerConfig(this.config.dataDir);
    const signer = loadOrCreateSigningKey(ledger.signingKeyFile);
    this.checkpointer = new LedgerCheckpointer({
      store: this.store,
      signer,
      every: ledger.checkpointEvery,
      now: () => this.clock.now(),
      onCheckpoint: (c) => this.logger.log(`Ledger checkpoint #${c.sequence} sealed positions ${c.fromPosition}–${c.toPosition}`),
      onError: (error) => this.logger.error(`Ledger checkpoint failed, will retry: ${String(error)}`),
    });
    this.checkpointer.start();
    this.logger.log(`Ledger sealing every ${ledger.checkpointEvery} events; signing key fingerprint ${signer.fingerprint}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }
}
