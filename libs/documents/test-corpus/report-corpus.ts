import { buildReport } from './report-builder';
import { expectedExceptions, expectedFields, type ExpectedException, type ExpectedFields } from './corpus-expectation';
import { manyControls, type CorpusControl, type ReportParams } from './report-params';
import { otherDocuments } from './other-documents';
import { writePdf, type Block } from './report-pdf.writer';

export interface CorpusEntry {
  name: string;
  blocks: Block[];
  /** A running head (and page footers) on every page but the first. */
  running?: string;
  /** Either the draft a careful reader would propose, or the refusal code. */
  expected: { fields: ExpectedFields; exceptions: ExpectedException[] } | { error: string };
}

const exception = (ref: string, criteria: string | undefined, word: 'Exception' | 'Deviation', n: number, of: number, response?: string): CorpusControl => {
  const description = `${word} noted. For ${n} of ${of} sampled terminated users, logical access was not removed within one business day.`;
  return { ref, criteria, activity: 'Access of terminated users is removed within one business day of termination.', result: response ? `${description} Management's response: ${response}` : description, exception: { description, deviations: n, sampleSize: of, managementResponse: response } };
};
/** The other way reports write it: "Deviations noted:" / "The following exception was noted:". */
const deviation = (ref: string, criteria: string | undefined, lead: string, text: string, counts?: [number, number]): CorpusControl => ({ ref, criteria, activity: 'Backups are monitored daily and failures are resolved.', result: `${lead} ${text}`, exception: { description: `${lead} ${text}`, deviations: counts?.[0], sampleSize: counts?.[1] } });
const ok = (ref: string, criteria?: string): CorpusControl => ({ ref, criteria, activity: 'Production changes are approved by the change advisory board before deployment.', result: 'No exceptions noted.' });

const base: ReportParams = {
  org: 'Acme Cloud, Inc.', system: 'Managed Hosting', frameworks: ['SOC2'], titleFramework: 'SOC 2', type: 'TYPE_2', typeWord: 'Type 2',
  start: '2024-07-01', end: '2025-06-30', wording: 'for-the-period', dates: 'us',
  auditor: 'Moss Adams LLP', signature: ['Moss Adams LLP', 'Seattle, Washington', 'August 15, 2025'], opinionDate: '2025-08-15',
  opinion: 'UNMODIFIED', assertion: true, toc: 'columns', criteria: ['SECURITY', 'AVAILABILITY'],
  services: { items: ['Managed hosting', 'Backup and recovery'], style: 'list' },
  sites: { items: ['FRA1 Frankfurt data center', 'AMS2 Amsterdam data center'], style: 'list' },
  controls: [ok('CC1.1', 'CC6.1'), exception('CC6.2.1', 'CC6.2', 'Exception', 2, 25, 'Access removal is now automated from the HR system.'), ok('CC7.1', 'CC7.1')],
  controlLayout: 'criteria-column',
  cuecs: { items: [['CUEC-1', 'User entities are responsible for removing access of their own terminated employees.'], ['CUEC-2', 'User entities review the access reports provided by Acme quarterly.']], style: 'table' },
  subservices: { items: [{ name: 'Northwind Data Centers', method: 'CARVE_OUT', service: 'colocation services' }], style: 'prose' },
  csocs: [['Northwind Data Centers', 'CSOC-1', 'Physical access to the data center is restricted to authorized personnel.'], ['Northwind Data Centers', 'CSOC-2', 'Environmental controls are monitored continuously.']],
};
const soc1: Partial<ReportParams> = {
  frameworks: ['SOC1'], titleFramework: 'SOC 1', criteria: undefined, controlLayout: 'plain', csocs: undefined,
  objectives: ['Controls provide reasonable assurance that logical access to payroll data is restricted to authorized individuals.', 'Controls provide reasonable assurance that payroll runs are complete and accurate.'],
  controls: [ok('1.1'), exception('1.2', undefined, 'Deviation', 1, 40), ok('2.1')],
};
const basis = (area: string) => `We found that controls were not operating effectively to achieve ${area} during the period: user access reviews were not performed for two quarters.`;

const reports: Array<[string, Partial<ReportParams>]> = [
  ['soc2-type2-unmodified-criteria-column', {}],
  ['soc2-type2-qualified-grouped-deviation', { toc: 'dots', typeWord: 'Type II', wording: 'throughout', dates: 'eu', opinion: 'QUALIFIED', qualifiedAreas: ['CC6.2'], basis: basis('criterion CC6.2'), controlLayout: 'grouped', controls: [ok('AC-01', 'CC6.1'), exception('AC-02', 'CC6.2', 'Deviation', 3, 40), ok('AC-03', 'CC6.2')], cuecs: { items: base.cuecs!.items.map(([, t], i) => [String(i + 1), t]), style: 'prose' }, subservices: { items: [{ name: 'Contoso Backup', method: 'INCLUSIVE', service: 'offsite backup' }], style: 'prose' }, csocs: undefined }],
  ['soc2-type1-as-of', { toc: undefined, type: 'TYPE_1', typeWord: 'Type 1', wording: 'as-of', asOf: '2025-03-31', start: undefined, end: undefined, controlLayout: 'plain', controls: [ok('CC6.1'), ok('CC6.2')], subservices: { items: [{ name: 'Northwind Data Centers', method: 'CARVE_OUT', service: 'colocation' }], style: 'table' } }],
  ['soc2-type2-adverse', { opinion: 'ADVERSE', basis: 'Controls over change management were not suitably designed to meet criterion CC8.1.', criteria: ['SECURITY', 'CONFIDENTIALITY', 'PRIVACY'] }],
  ['soc2-type2-disclaimer', { opinion: 'DISCLAIMER', basis: 'Management did not provide the population of changes for the period, and we were unable to test controls over change management.', cuecs: undefined, csocs: undefined, subservices: undefined }],
  ['soc2-type2-long-table-sentences', { controls: [...manyControls(45, 'CM-', (i) => `CC8.${(i % 3) + 1}`), exception('CM-46', 'CC8.1', 'Exception', 1, 60)], services: { items: ['Managed hosting', 'Managed database'], style: 'sentence' }, sites: { items: ['FRA1 Frankfurt', 'AMS2 Amsterdam'], style: 'sentence' } }],
  ['soc2-type2-slash-signature-no-assertion', { auditor: 'Schellman & Company, LLC', signature: ['/s/ Schellman & Company, LLC', 'Tampa, Florida', 'Date: September 2, 2025'], opinionDate: '2025-09-02', assertion: false, criteria: ['SECURITY', 'AVAILABILITY', 'PROCESSING_INTEGRITY', 'CONFIDENTIALITY', 'PRIVACY'], wording: 'throughout' }],
  ['soc1-type2-unmodified', { ...soc1, cuecs: { items: [['1', 'User entities approve payroll changes before submission.'], ['2', 'User entities reconcile payroll registers to their general ledger.']], style: 'prose' } }],
  ['soc1-isae3402-dual-type2-qualified', { ...soc1, toc: 'dots', frameworks: ['SOC1', 'ISAE3402'], titleFramework: 'SOC 1 and ISAE 3402', dates: 'eu', opinion: 'QUALIFIED', qualifiedAreas: ['Control Objective 2'], basis: basis('Control Objective 2'), auditor: 'Grant Thornton Ltd', signature: ['Grant Thornton Ltd', 'Chartered Accountants', 'London, United Kingdom', '30 September 2025'], opinionDate: '2025-09-30' }],
  ['soc1-type1-as-of', { ...soc1, type: 'TYPE_1', typeWord: 'Type 1', wording: 'as-of', asOf: '2024-12-31', start: undefined, end: undefined, controls: [ok('1.1'), ok('2.1')] }],
  ['isae3402-type2-deviations', { ...soc1, frameworks: ['ISAE3402'], titleFramework: 'ISAE 3402', typeWord: 'Type II', dates: 'eu', wording: 'throughout', auditor: 'KPMG AG', signature: ['KPMG AG', 'Zurich, Switzerland', '12 August 2025'], opinionDate: '2025-08-12', subservices: { items: [{ name: 'Helvetia Hosting', method: 'CARVE_OUT', service: 'hosting' }], style: 'table' } }],
  ['isae3402-type1', { ...soc1, frameworks: ['ISAE3402'], titleFramework: 'ISAE 3402', type: 'TYPE_1', typeWord: 'Type I', dates: 'eu', wording: 'as-of', asOf: '2025-06-30', start: undefined, end: undefined, controls: [ok('1.1')], auditor: 'KPMG AG', signature: ['KPMG AG', 'Zurich, Switzerland', '5 August 2025'], opinionDate: '2025-08-05' }],
  ['isae3000-type2-tsc', { frameworks: ['ISAE3000'], titleFramework: 'ISAE 3000', dates: 'eu', criteria: ['SECURITY', 'CONFIDENTIALITY'], auditor: 'BDO LLP', signature: ['BDO LLP', 'Manchester, United Kingdom', '1 October 2025'], opinionDate: '2025-10-01', controlLayout: 'grouped' }],
  ['soc3-general-use', { frameworks: ['SOC3'], titleFramework: 'SOC 3', type: null, typeWord: undefined, wording: 'throughout', controlLayout: 'none', controls: [], cuecs: undefined, csocs: undefined, services: undefined, sites: undefined, assertion: true }],
  ['soc2-type2-subservice-table-inclusive-and-carve-out', { subservices: { items: [{ name: 'Northwind Data Centers', method: 'CARVE_OUT', service: 'Colocation' }, { name: 'Contoso Backup', method: 'INCLUSIVE', service: 'Offsite backup' }], style: 'table' }, typeWord: 'Type II', dates: 'eu' }],
  ['soc1-type2-during-ordinal-wrapped-header', { ...soc1, wording: 'during', dates: 'us-ordinal', start: '2025-01-01', end: '2025-12-31', headerLabels: 'long', controls: [ok('CO1-01'), deviation('CO1-02', undefined, 'The following exception was noted:', 'one backup failure in the sample was not resolved.'), { ...ok('CO2-01'), result: 'No deviations noted.' }] }],
  ['soc2-type2-carve-out-alt-wording', { subservices: { items: [{ name: 'Northwind Data Centers', method: 'CARVE_OUT', service: 'colocation' }, { name: 'Contoso Backup', method: 'INCLUSIVE', service: 'offsite backup' }], style: 'prose-alt' }, csocs: undefined, headerLabels: 'long', controls: [ok('CC6.1', 'CC6.1'), deviation('A1.2.1', 'A1.2', 'Deviations noted:', 'backup restoration was not tested for 2 of 4 quarters.', [2, 4])] }],
  ['soc3-for-the-period-no-assertion-section', { frameworks: ['SOC3'], titleFramework: 'SOC 3', type: null, typeWord: undefined, org: 'Globex Payroll Services, Inc.', system: 'Payroll Processing and Reporting', controlLayout: 'none', controls: [], cuecs: undefined, csocs: undefined, services: undefined, sites: undefined, subservices: undefined, assertion: false, criteria: ['SECURITY', 'AVAILABILITY', 'CONFIDENTIALITY'] }],
  ['soc2-type2-unsigned-draft-no-lists', { auditor: undefined, opinionDate: undefined, signature: ['DRAFT - for discussion purposes only'], cuecs: undefined, services: undefined, sites: undefined, subservices: undefined, csocs: undefined }],
];

export const CORPUS: CorpusEntry[] = [
  ...reports.map(([name, over]): CorpusEntry => {
    const p = { ...base, ...over };
    return { name, blocks: buildReport(p), running: `${p.org} | ${p.titleFramework}${p.typeWord ? ` ${p.typeWord}` : ''} Report | Confidential`, expected: { fields: expectedFields(p), exceptions: expectedExceptions(p) } };
  }),
  ...otherDocuments(),
];

export function corpusPdf(entry: CorpusEntry): Promise<Uint8Array> {
  return writePdf(entry.blocks, entry.running);
}
