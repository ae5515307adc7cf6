import { organizationStream } from '../../libs/oversight/src/application/event-envelope';
import type { ServerProcess } from '../harness/server-process';
import { registration, send } from './fault-commands';

export interface ConflictVerdict {
  withExpected: boolean;
  without: boolean;
  detail: string[];
}

function validation(organizationId: string, commandId: string, expected: string | null): string {
  const revision = expected === null ? '' : `, expectedRevision: "${expected}"`;
  return JSON.stringify({
    query: `mutation { recordOperationalControlsValidation(input: { organizationId: "${organizationId}", commandId: "${commandId}", validationId: "${commandId}", areas: [INCIDENT_MANAGEMENT], method: QUESTIONNAIRE, result: EFFECTIVE, validatedOn: "${new Date().toISOString().slice(0, 10)}"${revision} }) { revision } }`,
  });
}

/**
 * 100 concurrent commands on one organization, without and then with expectedRevision: every
 * acknowledged one is in the stream exactly once, every refused one is CONCURRENCY_CONFLICT and
 * absent, revisions stay contiguous; with the same expected revision exactly one wins.
 */
export type StreamCommands = (streamId: string) => Promise<Array<{ revision: number; commandId: string }>>;

export async function conflictScenario(server: ServerProcess, eventsOf: StreamCommands, tenantId: string): Promise<ConflictVerdict> {
  const token = server.token('admin', tenantId);
  const id = `conflict-org-${Date.now().toString(36)}`;
  const detail: string[] = [];
  if (!(await send(server.url, token, registration(id, 0).body)).ok) throw new Error('could not register the conflict organization');
  const round = async (label: string, expected: string | null) => {
    const ids = Array.from({ length: 100 }, (_, i) => `${id}-${label}-${i}`);
    const outcomes = await Promise.all(ids.map((c) => send(server.url, token, validation(id, c, expected))));
    const acked = ids.filter((_, i) => outcomes[i]!.ok);
    const refusedCodes = outcomes.filter((o) => !o.ok).map((o) => (o.ok ? '' : String(o.code)));
    const stream = await eventsOf(organizationStream(tenantId, id));
    const inStream = new Map<string, number>();
    for (const e of stream) inStream.set(e.commandId, (inStream.get(e.commandId) ?? 0) + 1);
    const contiguous = stream.every((e, i) => e.revision === i);
    const allAckedOnce = acked.every((c) => inStream.get(c) === 1);
    const refusedAbsent = ids.filter((_, i) => !outcomes[i]!.ok).every((c) => !inStream.has(c));
    const onlyConflicts = refusedCodes.every((c) => c === 'CONCURRENCY_CONFLICT');
    detail.push(`${label}: ${acked.length} acknowledged, ${refusedCodes.length} refused (${[...new Set(refusedCodes)].join(', ') || 'none'})`);
    return { ok: contiguous && allAckedOnce && refusedAbsent && onlyConflicts, acked: acked.length };
  };
  const without = await round('any', null);
  const revision = String((await eventsOf(organizationStream(tenantId, id))).length - 1);
  const withExpected = await round('expected', revision);
  return { without: without.ok, withExpected: withExpected.ok && withExpected.acked === 1, detail };
}
