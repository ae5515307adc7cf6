import { DAY, HOUR, day, periodEnds } from './calendar';
import { annualCycle, CycleBuilder, type PlannedCommand } from './annual-cycle';
import { organizationProfile, type OrganizationProfile } from './organization-profile';
import { Random } from './random';

export interface PortfolioOptions {
  seed: number;
  organizations: number;
  years: number;
  /** The last instant of the history (ms); reports end at least ~80 days before it. */
  end: number;
  /** The first `heavy` organizations are large colocation providers (80 sites, monthly validations). */
  heavy?: number;
}

interface Planned {
  profile: OrganizationProfile;
  random: Random;
  ends: number[];
}

/**
 * The portfolio's commands in recording order, a year at a time so that memory holds one year,
 * not the whole history. Every year-y+1 command is recorded after the earliest year-y period
 * end, so emitting the commands recorded before that point and keeping the rest is a merge.
 */
export function* planPortfolio(options: PortfolioOptions): Generator<PlannedCommand[]> {
  const orgs: Planned[] = Array.from({ length: options.organizations }, (_, i) => {
    const profile = organizationProfile(options.seed, i, i < (options.heavy ?? 0));
    return { profile, random: Random.of(options.seed, i, 2), ends: periodEnds(options.end, profile.periodEndMonth, options.years, 80 * DAY) };
  });
  let pending: PlannedCommand[] = [];
  for (let y = 0; y < options.years; y++) {
    for (const org of orgs) {
      const b = new CycleBuilder(org.profile, org.random, `y${y}`);
      if (y === 0) onboarding(b, org);
      annualCycle(b, org.profile, org.random, y, org.ends[y]!);
      if (y === options.years - 1 && org.profile.offboards) offboarding(b, org, options.end);
      for (const c of b.commands) if (c.at <= options.end) pending.push(c);
    }
    pending.sort(byRecording);
    const last = y === options.years - 1;
    const cutoff = last ? Infinity : Math.min(...orgs.map((o) => o.ends[y]!)) + DAY;
    const split = last ? pending.length : pending.findIndex((c) => c.at >= cutoff);
    const ready = pending.slice(0, split < 0 ? pending.length : split);
    pending = split < 0 ? [] : pending.slice(split);
    yield last ? dropAfterOffboarding(ready) : ready;
  }
}

function byRecording(a: PlannedCommand, b: PlannedCommand): number {
  return a.at - b.at || a.organizationIndex - b.organizationIndex || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Registration, sites, policy and expected controls, shortly before the first report period. */
function onboarding(b: CycleBuilder, org: Planned): void {
  const { profile, random } = org;
  const registeredAt = org.ends[0]! - 364 * DAY - random.int(10, 60) * DAY + 9 * HOUR;
  const registered = b.add(registeredAt, { type: 'RegisterOrganization', data: profile.registration }, undefined, true);
  for (const siteId of profile.siteIds) {
    b.add(registeredAt + random.int(1, 5) * HOUR, { type: 'RegisterSite', data: { siteId, name: `${profile.registration.name} ${siteId}`, country: random.pick(['US', 'DE', 'GB', 'NL', 'SG']), city: null } }, registered, true);
  }
  if (random.chance(0.3)) {
    b.add(registeredAt + DAY, { type: 'SetAssurancePolicy', data: { fiscalYearEnd: '12-31', requiredFramework: profile.framework } }, registered);
  }
  if (random.chance(0.5)) {
    const controls = ['CC6.1', 'CC6.2', 'CC7.2', 'CC8.1', 'A1.2'].map((ref) => ({ ref, description: `Expected control ${ref}`, domain: ref.slice(0, 3), risk: random.pick(['HIGH', 'MEDIUM', 'LOW'] as const) }));
    b.add(registeredAt + 2 * DAY, { type: 'DefineExpectedControls', data: { controls } }, registered);
  }
}

function offboarding(b: CycleBuilder, org: Planned, end: number): void {
  const at = end - org.random.int(5, 30) * DAY;
  b.add(at, { type: 'OffboardOrganization', data: { reason: `Contract ended ${day(at)}` } });
}

/** An offboarded organization records nothing after its offboarding. */
function dropAfterOffboarding(commands: PlannedCommand[]): PlannedCommand[] {
  const offboardedAt = new Map<string, number>();
  for (const c of commands) if (c.command.type === 'OffboardOrganization') offboardedAt.set(c.organizationId, c.at);
  return commands.filter((c) => c.command.type === 'OffboardOrganization' || c.at < (offboardedAt.get(c.organizationId) ?? Infinity));
}
