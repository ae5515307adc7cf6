import type { OrganizationRegisteredData } from '../../libs/oversight/src/domain/oversight.events';
import type { Criticality, Framework, OrganizationCategory } from '../../libs/oversight/src/domain/oversight.vocabulary';
import { Random } from './random';

/** Who an organization is, drawn once from its own random stream. */
export interface OrganizationProfile {
  index: number;
  id: string;
  registration: OrganizationRegisteredData;
  framework: Framework;
  /** Month (1–12) its report periods end in. */
  periodEndMonth: number;
  siteIds: string[];
  /** Validations per site and year (a heavy organization validates monthly). */
  validationsPerSiteYear: number;
  /** Years after the first in which its management sends bridge letters. */
  sendsBridgeLetters: boolean;
  /** Offboarded during the last year. */
  offboards: boolean;
}

const CATEGORIES: Array<[OrganizationCategory, number]> = [
  ['SAAS', 0.35],
  ['CLOUD_HOSTING', 0.15],
  ['DATA_CENTER_COLOCATION', 0.15],
  ['MANAGED_SERVICE', 0.15],
  ['PAYROLL', 0.08],
  ['PAYMENTS', 0.07],
  ['OTHER', 0.05],
];
const CRITICALITIES: Array<[Criticality, number]> = [
  ['CRITICAL', 0.1],
  ['HIGH', 0.25],
  ['MEDIUM', 0.4],
  ['LOW', 0.25],
];
const FIRST = ['Northgate', 'Harbor', 'Cobalt', 'Summit', 'Vertex', 'Lakeside', 'Meridian', 'Eastbay', 'Granite', 'Aurora', 'Beacon', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Juniper', 'Keystone', 'Lumen', 'Orchid', 'Pioneer'];
const SECOND: Record<OrganizationCategory, string[]> = {
  SAAS: ['Software', 'Cloud Apps', 'Analytics', 'CRM', 'Collaboration'],
  CLOUD_HOSTING: ['Cloud', 'Hosting', 'Compute'],
  DATA_CENTER_COLOCATION: ['Colocation', 'Data Centers', 'Interconnect'],
  MANAGED_SERVICE: ['Managed Services', 'IT Services', 'Operations'],
  PAYROLL: ['Payroll', 'HR Services'],
  PAYMENTS: ['Payments', 'Processing'],
  OTHER: ['Logistics', 'Print Services', 'Records'],
};

export function organizationId(index: number): string {
  return `org-${String(index).padStart(6, '0')}`;
}

/** The profile of organization `index`; `heavy` ones are large colocation providers. */
export function organizationProfile(seed: number, index: number, heavy: boolean): OrganizationProfile {
  const random = Random.of(seed, index, 1);
  const category: OrganizationCategory = heavy ? 'DATA_CENTER_COLOCATION' : weighted(random, CATEGORIES);
  const criticality = heavy ? 'CRITICAL' : weighted(random, CRITICALITIES);
  // A fifth of the data centers are subservice organizations carved out of an earlier vendor.
  const parentIndex = !heavy && category === 'DATA_CENTER_COLOCATION' && index > 0 && random.chance(0.2) ? random.int(0, index - 1) : null;
  const sites = heavy ? 80 : category === 'DATA_CENTER_COLOCATION' ? random.int(1, 4) : category === 'CLOUD_HOSTING' ? random.int(1, 3) : 0;
  const base = `${random.pick(FIRST)} ${random.pick(SECOND[category])}`;
  return {
    index,
    id: organizationId(index),
    registration: {
      organizationId: organizationId(index),
      name: `${base} ${index}`,
      role: parentIndex === null ? 'VENDOR' : 'SUBSERVICE',
      category,
      criticality,
      services: [`${category.toLowerCase().replace(/_/g, '-')}-service`],
      owner: random.pick(['vendor.management', 'it.risk', 'procurement', null]),
      parentOrganizationId: parentIndex === null ? null : organizationId(parentIndex),
      inclusionMethod: parentIndex === null ? null : 'CARVE_OUT',
    },
    framework: category === 'PAYROLL' || category === 'PAYMENTS' ? 'SOC1' : 'SOC2',
    periodEndMonth: random.chance(0.6) ? 12 : random.pick([3, 6, 9]),
    siteIds: Array.from({ length: sites }, (_, s) => `site-${s + 1}`),
    validationsPerSiteYear: heavy ? 12 : 1,
    sendsBridgeLetters: random.chance(0.5),
    offboards: !heavy && random.chance(0.03),
  };
}

function weighted<T>(random: Random, table: ReadonlyArray<[T, number]>): T {
  let r = random.next();
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}
