import type { Random } from '../generator/random';

/** One command of the fault load: sent until acknowledged, always with the same commandId. */
export interface FaultCommand {
  commandId: string;
  organizationId: string;
  /** Events it records when it succeeds (each kind below records one). */
  events: number;
  body: string;
}

const TODAY = () => new Date().toISOString().slice(0, 10);

function mutation(field: string, input: string): string {
  return JSON.stringify({ query: `mutation { ${field}(input: { ${input} }) { revision replayed eventIds } }` });
}

export function registration(organizationId: string, i: number): FaultCommand {
  const commandId = `fault-register-${organizationId}`;
  return {
    commandId,
    organizationId,
    events: 1,
    body: mutation('registerOrganization', `id: "${organizationId}", commandId: "${commandId}", name: "Fault Org ${i} ${organizationId}", role: VENDOR, category: CLOUD_HOSTING, criticality: HIGH, services: ["hosting"]`),
  };
}

/** A random write on a registered organization: validations mostly, sites and exceptions too. */
export function randomWrite(random: Random, organizationId: string, n: number): FaultCommand {
  const commandId = `fault-${n}`;
  const kind = random.next();
  if (kind < 0.15) {
    return { commandId, organizationId, events: 1, body: mutation('registerSite', `organizationId: "${organizationId}", commandId: "${commandId}", siteId: "site-${n}", name: "Site ${n}", country: "DE"`) };
  }
  if (kind < 0.3) {
    return {
      commandId,
      organizationId,
      events: 1,
      body: mutation('recordException', `organizationId: "${organizationId}", commandId: "${commandId}", exceptionId: "exc-${n}", source: VALIDATION, controlRef: "CC6.${n % 9}", kind: OPERATING, severity: ${random.pick(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])}, description: "Found during fault test ${n}"`),
    };
  }
  return {
    commandId,
    organizationId,
    events: 1,
    body: mutation('recordOperationalControlsValidation', `organizationId: "${organizationId}", commandId: "${commandId}", validationId: "val-${n}", areas: [LOGICAL_ACCESS], method: REMOTE_EVIDENCE, result: ${random.chance(0.9) ? 'EFFECTIVE' : 'DEFICIENT'}, validatedOn: "${TODAY()}"`),
  };
}

export type SendOutcome = { ok: true } | { ok: false; code: string | null; message: string };

/** POSTs one GraphQL body; a network error (the server killed mid-request) is an outcome, not a throw. */
export async function send(url: string, token: string, body: string, signal?: AbortSignal): Promise<SendOutcome> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, signal });
    const json = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (json.errors?.length) return { ok: false, code: json.errors[0]!.extensions?.code ?? null, message: json.errors[0]!.message };
    if (res.status !== 200 || !json.data) return { ok: false, code: `HTTP_${res.status}`, message: JSON.stringify(json).slice(0, 200) };
    return { ok: true };
  } catch (error) {
    return { ok: false, code: null, message: String(error) };
  }
}
