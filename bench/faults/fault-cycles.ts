import type { ServerProcess } from '../harness/server-process';
import type { Random } from '../generator/random';
import { randomWrite, registration, send, type FaultCommand } from './fault-commands';
import { outageHeld, runOutage, type OutageReport, type StoreOutage } from './store-outage';

export interface FaultLedger {
  /** Every command sent, by commandId. */
  commands: Map<string, FaultCommand>;
  /** Acknowledged (answered without error), by commandId → events expected. */
  acknowledged: Map<string, number>;
  cycles: number;
  /** One report per store outage (PostgreSQL mode). */
  outages: OutageReport[];
}

export interface CycleOptions {
  cycles: number;
  organizations: number;
  concurrency: number;
  random: Random;
  log: (line: string) => void;
  /** Also crash the store itself every so many cycles (PostgreSQL). */
  storeOutage?: StoreOutage;
}

/**
 * Drives writes over HTTP and kills the server with SIGKILL at a random moment, cycle after
 * cycle. After each restart every unacknowledged command is retried with its same commandId
 * until it is acknowledged: the client's side of "nothing lost, nothing twice".
 */
export async function runFaultCycles(server: ServerProcess, o: CycleOptions): Promise<FaultLedger> {
  const ledger: FaultLedger = { commands: new Map(), acknowledged: new Map(), cycles: 0, outages: [] };
  const token = server.token('admin');
  const orgs = Array.from({ length: o.organizations }, (_, i) => `fault-org-${i}`);
  await server.start();
  await settle(server, token, ledger, orgs.map((id, i) => registration(id, i)));
  let n = 0;
  for (let cycle = 1; cycle <= o.cycles; cycle++) {
    if (server.pid === 0) await server.start();
    await settle(server, token, ledger, [...ledger.commands.values()].filter((c) => !ledger.acknowledged.has(c.commandId)));
    const killAfter = o.random.int(150, 1200);
    const outage = o.storeOutage !== undefined && cycle % o.storeOutage.every === 0 ? o.storeOutage : undefined;
    const refusals = { count: 0, slowestMs: 0 };
    let alive = true;
    const workers = Array.from({ length: o.concurrency }, async () => {
      while (alive) {
        const command = randomWrite(o.random, o.random.pick(orgs), n++);
        ledger.commands.set(command.commandId, command);
        const sentAt = Date.now();
        const outcome = await send(server.url, token, command.body);
        if (outcome.ok) ledger.acknowledged.set(command.commandId, command.events);
        else if (outage && outcome.code === 'SERVICE_UNAVAILABLE') {
          refusals.count++;
          refusals.slowestMs = Math.max(refusals.slowestMs, Date.now() - sentAt);
          return; // one refusal per worker: the outage is proven, the command is retried later
        } else if (outcome.code !== null && outcome.code !== 'CONCURRENCY_CONFLICT') throw new Error(`${command.commandId} refused: ${outcome.code} ${outcome.message}`);
      }
    });
    await new Promise((r) => setTimeout(r, killAfter));
    ledger.cycles = cycle;
    if (outage) {
      const report = await runOutage(server, outage, refusals, Promise.all(workers));
      alive = false;
      ledger.outages.push(report);
      o.log(
        `cycle ${cycle}: store crashed after ${killAfter} ms; ${report.refused} commands refused SERVICE_UNAVAILABLE (slowest ${report.slowestRefusalMs} ms), ` +
          `/health ${report.healthDown} then ${report.healthUp} ${report.upAfterMs} ms after restart; ${outageHeld(report) ? 'ok' : 'FAILED'}`,
      );
      continue;
    }
    await server.stop('SIGKILL');
    alive = false;
    await Promise.all(workers);
    o.log(`cycle ${cycle}: killed after ${killAfter} ms; ${ledger.commands.size} commands sent, ${ledger.acknowledged.size} acknowledged`);
  }
  await server.start();
  await settle(server, token, ledger, [...ledger.commands.values()].filter((c) => !ledger.acknowledged.has(c.commandId)));
  return ledger;
}

/** Sends each command until acknowledged (a conflict after exhausted retries is retried too). */
async function settle(server: ServerProcess, token: string, ledger: FaultLedger, commands: FaultCommand[]): Promise<void> {
  for (const command of commands) {
    ledger.commands.set(command.commandId, command);
    for (let attempt = 1; ; attempt++) {
      const outcome = await send(server.url, token, command.body);
      if (outcome.ok) {
        ledger.acknowledged.set(command.commandId, command.events);
        break;
      }
      if (attempt >= 20) throw new Error(`${command.commandId} never acknowledged: ${outcome.code} ${outcome.message}`);
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
