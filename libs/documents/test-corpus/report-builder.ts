import type { Block } from './report-pdf.writer';
import { categoryList, writtenDate, type ReportParams } from './report-params';

/** The blocks of a service auditor's report saying what `p` says, in the wording `p` picks. */
export function buildReport(p: ReportParams): Block[] {
  const d = (iso: string) => writtenDate(iso, p.dates);
  const coverage = {
    'as-of': () => `as of ${d(p.asOf!)}`,
    throughout: () => `throughout the period ${d(p.start!)} through ${d(p.end!)}`,
    during: () => `during the period from ${d(p.start!)} through ${d(p.end!)}`,
    'for-the-period': () => `for the period ${d(p.start!)} to ${d(p.end!)}`,
  }[p.wording]();
  const typeWord = p.typeWord ? ` ${p.typeWord}` : '';
  const isae = p.titleFramework.startsWith('ISAE');
  // The full title of TSP section 100 names all five categories: a reader must not take it for the scope.
  const tsp = 'set forth in TSP section 100, 2017 Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, and Privacy (AICPA, Trust Services Criteria)';
  const subject = !p.criteria
    ? 'to achieve the related control objectives stated in the description'
    : p.frameworks[0] === 'ISAE3000'
      ? `based on the criteria ${tsp}. The trust services categories in scope are ${categoryList(p.criteria)}`
      : `based on the trust services criteria relevant to ${categoryList(p.criteria)} (applicable trust services criteria) ${tsp}`;
  const auditorHeading = isae ? "Section 1: Independent Service Auditor's Assurance Report" : "Section I: Independent Service Auditor's Report";
  const toc: Block[] = p.toc ? [{ t: 'toc', style: p.toc, entries: [[auditorHeading, 3], ...(p.assertion ? [["Section II: Management's Assertion", 6] as [string, number]] : []), [`Section III: Description of ${p.org}'s ${p.system} System`, 8], ['Complementary User Entity Controls', 12], ['Section IV: Tests of Operating Effectiveness and Results of Tests', 15]] }] : [];
  const blocks: Block[] = [
    { t: 'title', lines: [`${p.titleFramework}${typeWord} Report`, `Report on ${p.org}'s Description of Its ${p.system} System`, capitalize(coverage)] },
    ...toc,
    { t: 'h', text: auditorHeading },
    { t: 'p', text: `To the Management of ${p.org}:` },
    { t: 'h', text: 'Scope' },
    { t: 'p', text: `We have examined ${p.org}'s accompanying description of its ${p.system} system ${coverage} (description) and the suitability of the design${p.type === 'TYPE_2' ? ' and operating effectiveness' : ''} of controls stated in the description ${subject}.` },
    ...subserviceProse(p),
    { t: 'h', text: "Service Auditor's Responsibilities" },
    { t: 'p', text: 'Our examination was conducted in accordance with attestation standards. We believe that the evidence we obtained is sufficient and appropriate to provide a reasonable basis for our opinion.' },
    ...opinion(p, coverage),
    { t: 'lines', lines: [...p.signature] },
  ];
  if (p.assertion) blocks.push({ t: 'page' }, { t: 'h', text: `Section II: Management's Assertion` }, { t: 'p', text: `We have prepared the accompanying description of ${p.org}'s ${p.system} system ${coverage}.` });
  blocks.push({ t: 'page' }, { t: 'h', text: `Section III: Description of ${p.org}'s ${p.system} System` });
  if (p.services) blocks.push(...listed('Services Covered', 'The description covers the following services', p.services));
  if (p.sites) blocks.push(...listed('Facilities in Scope', 'The following facilities are in scope', p.sites));
  if (p.objectives) blocks.push({ t: 'h', text: 'Control Objectives' }, ...p.objectives.map((o, i): Block => ({ t: 'p', text: `Control Objective ${i + 1}: ${o}` })));
  if (p.subservices?.style === 'table') {
    blocks.push({ t: 'h', text: 'Subservice Organizations' }, { t: 'table', header: ['Subservice Organization', 'Services Provided', 'Method'], widths: [170, 200, 100], rows: p.subservices.items.map((s) => [s.name, s.service, s.method === 'CARVE_OUT' ? 'Carve-out' : 'Inclusive']) });
  }
  if (p.cuecs) blocks.push(...cuecs(p.cuecs));
  if (p.csocs) blocks.push({ t: 'h', text: 'Complementary Subservice Organization Controls' }, { t: 'table', header: ['Subservice Organization', 'Ref', 'Control'], widths: [150, 60, 260], rows: p.csocs.map(([o, r, t], i) => [i > 0 && p.csocs![i - 1]![0] === o ? '' : o, r, t]) });
  if (p.controlLayout !== 'none') blocks.push({ t: 'page' }, { t: 'h', text: `Section IV: ${p.type === 'TYPE_2' ? 'Tests of Operating Effectiveness and Results of Tests' : 'Controls'}` }, controlsTable(p));
  return blocks;
}

const capitalize = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function subserviceProse(p: ReportParams): Block[] {
  if (p.subservices?.style === 'prose-alt') {
    return p.subservices.items.map((s) => ({
      t: 'p',
      text: s.method === 'CARVE_OUT'
        ? `${p.org} uses the services of ${s.name} for ${s.service}. The description does not include the controls of ${s.name}; the carve-out method was used.`
        : `${p.org} uses the services of ${s.name} for ${s.service}. The description includes the relevant controls of ${s.name}, presented using the inclusive method.`,
    }));
  }
  if (p.subservices?.style !== 'prose') return [];
  return p.subservices.items.map((s) => ({
    t: 'p',
    text: s.method === 'CARVE_OUT'
      ? `${p.org} uses ${s.name} to provide ${s.service}. The description includes only the controls of ${p.org} and excludes controls of ${s.name} (the carve-out method).`
      : `${p.org} uses ${s.name} to provide ${s.service}. The description includes the relevant controls of ${s.name} (the inclusive method).`,
  }));
}

function opinion(p: ReportParams, coverage: string): Block[] {
  const basis = (kind: string): Block[] => [{ t: 'h', text: `Basis for ${kind} Opinion` }, { t: 'p', text: p.basis! }];
  switch (p.opinion) {
    case 'UNMODIFIED':
      return [{ t: 'h', text: 'Opinion' }, { t: 'p', text: p.frameworks.includes('SOC3') ? `In our opinion, management's assertion that the controls within ${p.org}'s ${p.system} system were effective ${coverage} is fairly stated, in all material respects.` : `In our opinion, in all material respects, the description fairly presents the ${p.system} system that was designed and implemented ${coverage}, and the controls stated in the description were suitably designed.` }];
    case 'QUALIFIED':
      return [...basis('Qualified'), { t: 'h', text: 'Qualified Opinion' }, { t: 'p', text: `In our opinion, except for the matter described in the Basis for Qualified Opinion paragraph, in all material respects, the description fairly presents the ${p.system} system ${coverage}.` }];
    case 'ADVERSE':
      return [...basis('Adverse'), { t: 'h', text: 'Adverse Opinion' }, { t: 'p', text: `In our opinion, because of the significance of the matter described in the Basis for Adverse Opinion paragraph, the controls stated in the description were not suitably designed ${coverage}.` }];
    case 'DISCLAIMER':
      return [...basis('Disclaimer of'), { t: 'h', text: 'Disclaimer of Opinion' }, { t: 'p', text: `Because of the significance of the matter described in the Basis for Disclaimer of Opinion paragraph, we have not been able to obtain sufficient appropriate evidence. Accordingly, we do not express an opinion on the description or on the controls.` }];
  }
}

function listed(heading: string, sentence: string, l: { items: string[]; style: 'list' | 'sentence' }): Block[] {
  if (l.style === 'list') return [{ t: 'h', text: heading }, { t: 'list', items: l.items, marker: 'bullet' }];
  const items = l.items.length === 1 ? l.items[0]! : `${l.items.slice(0, -1).join(', ')} and ${l.items[l.items.length - 1]}`;
  return [{ t: 'p', text: `${sentence}: ${items}.` }];
}

function cuecs(c: NonNullable<ReportParams['cuecs']>): Block[] {
  const heading: Block = { t: 'h', text: 'Complementary User Entity Controls' };
  const intro: Block = { t: 'p', text: 'The controls at the service organization were designed with the assumption that certain controls would be implemented by user entities.' };
  if (c.style === 'table') return [heading, intro, { t: 'table', header: ['Ref', 'Complementary User Entity Control'], widths: [70, 400], rows: c.items.map(([r, t]) => [r, t]) }];
  return [heading, intro, { t: 'lines', lines: c.items.map(([r, t]) => `${r}. ${t}`) }];
}

function controlsTable(p: ReportParams): Block {
  const results = p.type === 'TYPE_2';
  const rows = p.controls.map((c) => [c.ref, ...(p.controlLayout === 'criteria-column' ? [c.criteria!] : []), c.activity, ...(results ? ['Inspected a sample of items for evidence of performance.', c.result!] : [])]);
  const long = p.headerLabels === 'long';
  const header = [long ? 'Control Number' : 'Control #', ...(p.controlLayout === 'criteria-column' ? [long ? 'Trust Services Criteria' : 'Criteria'] : []), long ? 'Control Activity Specified by the Service Organization' : 'Control Activity', ...(results ? [long ? 'Tests Performed by the Service Auditor' : 'Tests Performed', long ? 'Results of Tests' : 'Results of Tests'] : [])];
  const widths = p.controlLayout === 'criteria-column' ? [55, 50, 150, 100, 115] : [55, 170, 110, 135];
  const groups = p.controlLayout === 'grouped' ? new Map(p.controls.flatMap((c, i) => (i === 0 || p.controls[i - 1]!.criteria !== c.criteria ? [[i, `${c.criteria} The entity implements controls relevant to this criterion.`] as [number, string]] : []))) : undefined;
  return { t: 'table', header, widths: results ? widths : widths.slice(0, header.length), rows, groups };
}
