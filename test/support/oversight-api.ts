import type { ApiServer } from './api-server';

/** The fields a status assertion needs, after any command. */
export const RESULT = `organizationId revision position eventIds replayed
  organization { id name revision assurance { status flags statusSince coverageEnd reach expiresAt
    reasons { code status flag message eventIds since } } }`;

export type Assurance = {
  status: string;
  flags: string[];
  statusSince: string | null;
  coverageEnd: string | null;
  reach: string | null;
  expiresAt: string | null;
  reasons: Array<{ code: string; status: string | null; flag: string | null; message: string; eventIds: string[]; since: string | null }>;
};

/** Sends one mutation whose input type is `<Name>Input` and returns its CommandResult. */
export async function command(api: ApiServer, mutation: string, input: Record<string, unknown>): Promise<any> {
  const type = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
  const data = await api.ok(`mutation($input: ${type}!) { ${mutation}(input: $input) { ${RESULT} } }`, { input });
  return data[mutation];
}

export async function assurance(api: ApiServer, id: string): Promise<Assurance> {
  const data = await api.ok(
    `query($id: ID!) { organization(id: $id) { assurance { status flags statusSince coverageEnd reach expiresAt
      reasons { code status flag message eventIds since } } } }`,
    { id },
  );
  return data.organization.assurance;
}

export function codes(a: Assurance): string[] {
  return a.reasons.map((r) => r.code);
}
