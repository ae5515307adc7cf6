import { deciderSpec, SPEC_NOW } from '../../../testing/src';
import { DEFAULT_POLICY, type AssurancePolicy } from './assurance-policy';
import { decide, organizationDecider } from './organization.decider';
import { evolve } from './organization.evolve';
import {
  bridgeLetter,
  command,
  DATA_CENTER_ID,
  dataCenter,
  event,
  EXCEPTION_ID,
  exception,
  exceptionFound,
  offboarded,
  operationalValidation,
  physicalValidation,
  refusal,
  registeredDataCenter,
  REPORT_ID,
  reportReceived,
  review,
  site,
  siteRegistered,
  soc1Type1,
  vendor,
} from './organization.fixtures';
import { initialState } from './organization.state';
import type { OversightCommand } from './oversight.commands';
import type { OversightEventType, RecordedOversightEvent } from './oversight.events';

const spec = deciderSpec(
  organizationDecider,
  (e, eventId, effectiveAt): RecordedOversightEvent => ({ ...e, eventId, effectiveAt, recordedAt: effectiveAt }),
);
const registered = registeredDataCenter();
/** A registered data center, the starting point of most cases. */
const org = spec.given([registered]);
const blank = spec.given([]);
const AT_NOW = { now: SPEC_NOW, effectiveAt: SPEC_NOW };
const offboard = command('OffboardOrganization', { reason: 'Contract ended' });

describe('organization decider — every command', () => {
  it('exposes initialState, evolve and decide', () => {
    expect(organizationDecider).toEqual({ initialState, evolve, decide });
  });

  it('accepts an effectiveAt in the past or equal to now', () => {
    org.when(offboard, { effectiveAt: '2026-02-01T00:00:00.000Z' }).then([offboarded()]);
    org.when(offboard, { effectiveAt: SPEC_NOW }).then([offboarded()]);
  });

  it('refuses an effectiveAt later than now, even for a registration', () => {
    const future = { effectiveAt: '2026-06-30T12:00:00.001Z' };
    org.when(offboard, future).thenRefuses('EFFECTIVE_AT_IN_FUTURE');
    blank.when(command('RegisterOrganization', dataCenter()), future).thenRefuses('EFFECTIVE_AT_IN_FUTURE');
  });

  it('compares instants, not strings, across time zones', () => {
    // 13:00 at +02:00 is 11:00Z, an hour before SPEC_NOW.
    org.when(offboard, { effectiveAt: '2026-06-30T13:00:00+02:00' }).then([offboarded()]);
    org.when(offboard, { effectiveAt: '2026-06-30T13:00:00Z' }).thenRefuses('EFFECTIVE_AT_IN_FUTURE');
  });

  it('refuses an effectiveAt that is not an instant with a zone', () => {
    org.when(offboard, { effectiveAt: '2026-06-01' }).thenRefuses('INVALID_EFFECTIVE_AT');
    org.when(offboard, { effectiveAt: 'yesterday' }).thenRefuses('INVALID_EFFECTIVE_AT');
  });

  /** One valid command of every type but registration, each accepted on `live`, and what it records. */
  const live = spec.given([registered, siteRegistered(), reportReceived(), exceptionFound()]);
  const onReport = { reportId: REPORT_ID };
  const cuecNotApplicable = {
    ...onReport,
    cuecRef: 'CUEC-1',
    internalControlRef: null,
    state: 'NOT_APPLICABLE',
  } as const;
  const onException = { exceptionId: EXCEPTION_ID };
  const EVERY: Array<{ cmd: OversightCommand; records: OversightEventType }> = [
    { cmd: command('UpdateOrganizationProfile', { criticality: 'LOW' }), records: 'OrganizationProfileUpdated' },
    { cmd: command('RegisterSite', site({ siteId: 'site-fra-2' })), records: 'SiteRegistered' },
    { cmd: command('SetAssurancePolicy', {}), records: 'AssurancePolicySet' },
    { cmd: command('DefineExpectedControls', { controls: [] }), records: 'ExpectedControlsDefined' },
    { cmd: command('RecordReportReceived', soc1Type1()), records: 'AssuranceReportReceived' },
    { cmd: command('WithdrawReport', { ...onReport, reason: 'Superseded' }), records: 'AssuranceReportWithdrawn' },
    { cmd: command('ConcludeReportReview', review()), records: 'ReportReviewConcluded' },
    { cmd: command('RecordBridgeLetter', bridgeLetter()), records: 'BridgeLetterReceived' },
    { cmd: command('MapCuec', cuecNotApplicable), records: 'CuecMapped' },
    {
      cmd: command('RecordPhysicalEnvironmentalValidation', physicalValidation()),
      records: 'PhysicalEnvironmentalControlsValidated',
    },
    {
      cmd: command('RecordOperationalControlsValidation', operationalValidation()),
      records: 'OperationalControlsValidated',
    },
    { cmd: command('RecordException', exception({ exceptionId: 'exc-2' })), records: 'ExceptionFound' },
    {
      cmd: command('PlanRemediation', { ...onException, owner: 'o', plan: 'p', dueDate: '2026-09-30' }),
      records: 'RemediationPlanned',
    },
    {
      cmd: command('CloseRemediation', { ...onException, resolution: 'r', evidence: null, verifiedBy: null }),
      records: 'RemediationClosed',
    },
    {
      cmd: command('AcceptRisk', { ...onException, acceptedBy: 'a', rationale: 'r', expiresAt: null }),
      records: 'RiskAccepted',
    },
    { cmd: offboard, records: 'OrganizationOffboarded' },
  ];
  const EVERY_COMMAND = EVERY.map((row) => row.cmd);
  const registration = command('RegisterOrganization', dataCenter());

  it.each(EVERY)('accepts $cmd.type on a live organization: $records', ({ cmd, records }) => {
    expect(decide(cmd, live.state, AT_NOW).map((e) => e.type)).toEqual([records]);
  });

  it.each([...EVERY_COMMAND, registration])('refuses $type with a future effectiveAt', (cmd) => {
    live.when(cmd, { effectiveAt: '2026-07-01T00:00:00.000Z' }).thenRefuses('EFFECTIVE_AT_IN_FUTURE');
  });

  it.each(EVERY_COMMAND)('refuses $type on an unregistered organization as NOT_FOUND', (cmd) => {
    blank.when(cmd).thenRefuses('ORGANIZATION_NOT_FOUND');
    const error = refusal(() => decide(cmd, initialState(), AT_NOW));
    expect(error.notFound).toBe(true);
  });

  it.each([...EVERY_COMMAND, registration])('refuses $type after offboarding', (cmd) => {
    const gone = spec.given([registered, siteRegistered(), reportReceived(), exceptionFound(), offboarded()]);
    gone.when(cmd).thenRefuses('ORGANIZATION_OFFBOARDED');
  });

  it('refuses a fact effective before the organization was registered', () => {
    spec
      .given([registered], '2026-03-01T00:00:00.000Z')
      .when(command('RegisterSite', site()), { effectiveAt: '2026-02-28T23:59:59.000Z' })
      .thenRefuses('EFFECTIVE_BEFORE_REGISTRATION');
  });

  it('names the rule and the offending values in the message, and never touches the state', () => {
    const state = spec.given([registered, siteRegistered()]).state;
    const before = JSON.stringify(state);
    const error = refusal(() => decide(command('RegisterSite', site()), state, AT_NOW));
    expect(error.rule).toBe('SITE_ALREADY_REGISTERED');
    expect(error.notFound).toBe(false);
    expect(error.message).toBe('SITE_ALREADY_REGISTERED: site "site-fra-1" is already registered');
    decide(command('RegisterSite', site({ siteId: 'site-fra-2' })), state, AT_NOW);
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('RegisterOrganization', () => {
  it('registers a data center carved out of its vendor', () => {
    blank.when(command('RegisterOrganization', dataCenter())).then([registered]);
  });

  it('registers a vendor, and a subservice organization whose parent is not known', () => {
    blank.when(command('RegisterOrganization', vendor())).then([event('OrganizationRegistered', vendor())]);
    const orphan = dataCenter({ parentOrganizationId: null, inclusionMethod: null });
    blank.when(command('RegisterOrganization', orphan)).then([event('OrganizationRegistered', orphan)]);
  });

  it('refuses a second registration', () => {
    org.when(command('RegisterOrganization', dataCenter())).thenRefuses('ORGANIZATION_ALREADY_REGISTERED');
  });

  it('refuses a blank name', () => {
    blank.when(command('RegisterOrganization', dataCenter({ name: '  ' }))).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses a vendor with a parent', () => {
    const data = vendor({ parentOrganizationId: DATA_CENTER_ID, inclusionMethod: 'INCLUSIVE' });
    blank.when(command('RegisterOrganization', data)).thenRefuses('VENDOR_CANNOT_HAVE_PARENT');
  });

  it('refuses a parent without an inclusion method, and the reverse', () => {
    const noMethod = dataCenter({ inclusionMethod: null });
    blank.when(command('RegisterOrganization', noMethod)).thenRefuses('PARENT_REQUIRES_INCLUSION_METHOD');
    const noParent = dataCenter({ parentOrganizationId: null });
    blank.when(command('RegisterOrganization', noParent)).thenRefuses('INCLUSION_METHOD_REQUIRES_PARENT');
  });

  it('refuses an organization that is its own parent', () => {
    const self = dataCenter({ parentOrganizationId: DATA_CENTER_ID });
    blank.when(command('RegisterOrganization', self)).thenRefuses('ORGANIZATION_CANNOT_BE_OWN_PARENT');
  });
});

describe('UpdateOrganizationProfile', () => {
  it('records only the fields that change, arrays compared by value', () => {
    const update = command('UpdateOrganizationProfile', {
      name: 'Frankfurt Colo GmbH',
      services: ['colocation', 'remote hands'],
      criticality: 'MEDIUM',
      owner: null,
    });
    spec
      .given([registered])
      .when(update)
      .then([{ type: 'OrganizationProfileUpdated', data: { criticality: 'MEDIUM', owner: null } }]);
  });

  it('sees a reordered list as a change', () => {
    const services = ['remote hands', 'colocation'];
    spec
      .given([registered])
      .when(command('UpdateOrganizationProfile', { services }))
      .then([{ type: 'OrganizationProfileUpdated', data: { services } }]);
  });

  it('accepts a command that changes nothing and records nothing', () => {
    const earlier = event('OrganizationProfileUpdated', { category: 'CLOUD_HOSTING' });
    const same = command('UpdateOrganizationProfile', { category: 'CLOUD_HOSTING' });
    spec.given([registered, earlier]).when(same).then([]);
    org.when(command('UpdateOrganizationProfile', { criticality: 'CRITICAL' })).then([]);
    org.when(command('UpdateOrganizationProfile', {})).then([]);
  });

  it('refuses an empty name', () => {
    org.when(command('UpdateOrganizationProfile', { name: '' })).thenRefuses('FIELD_REQUIRED');
  });
});

describe('RegisterSite', () => {
  it('registers a site', () => {
    org.when(command('RegisterSite', site())).then([siteRegistered()]);
  });

  it('refuses a known site id', () => {
    const again = command('RegisterSite', site({ name: 'Other' }));
    spec.given([registered, siteRegistered()]).when(again).thenRefuses('SITE_ALREADY_REGISTERED');
  });

  it('refuses a site without a country', () => {
    org.when(command('RegisterSite', site({ country: ' ' }))).thenRefuses('FIELD_REQUIRED');
  });
});

describe('SetAssurancePolicy', () => {
  const policy = (p: Partial<AssurancePolicy>) => command('SetAssurancePolicy', p);
  const policySet = (p: Partial<AssurancePolicy>) =>
    event('AssurancePolicySet', { ...DEFAULT_POLICY, requiredCriteria: [], ...p });

  it('records the whole policy, omitted parameters at their defaults', () => {
    const p: Partial<AssurancePolicy> = {
      requiredFramework: 'SOC2',
      requiredReportType: 'TYPE_2',
      requiredCriteria: ['SECURITY'],
    };
    org.when(policy(p)).then([
      event('AssurancePolicySet', {
        requiredFramework: 'SOC2',
        requiredReportType: 'TYPE_2',
        requiredCriteria: ['SECURITY'],
        requirements: [],
        icfrRelevant: false,
        dataClasses: [],
        minFiscalYearOverlapMonths: 6,
        acceptType1Until: null,
        criticalPlanningGraceDays: 30,
        exceptionEvaluationDays: 30,
        cuecTestMonths: 12,
        requiredPhysicalAreas: [...DEFAULT_POLICY.requiredPhysicalAreas],
        acceptedValidationMethods: ['SITE_VISIT', 'REPORT_TEST_REFERENCE', 'REMOTE_EVIDENCE'],
        reviewWindowDays: 14,
        fiscalYearEnd: '12-31',
        maxReportAgeMonths: 12,
        maxBridgeMonths: 3,
        minPeriodMonths: 6,
        physicalValidationMonths: 12,
        expiryWarningDays: 60,
      }),
    ]);
  });

  it('replaces the previous policy: what is omitted returns to its default', () => {
    const earlier = policySet({ maxReportAgeMonths: 18, fiscalYearEnd: '06-30' });
    spec.given([registered, earlier]).when(policy({})).then([policySet({})]);
  });

  it('keeps only known parameters', () => {
    const sloppy = { minPeriodMonths: 9, colour: 'red' } as Partial<AssurancePolicy>;
    org.when(policy(sloppy)).then([policySet({ minPeriodMonths: 9 })]);
  });

  it('refuses a fiscal year end that is not a day of the year', () => {
    org.when(policy({ fiscalYearEnd: '02-30' })).thenRefuses('INVALID_FISCAL_YEAR_END');
    org.when(policy({ fiscalYearEnd: '12/31' })).thenRefuses('INVALID_FISCAL_YEAR_END');
    org.when(policy({ fiscalYearEnd: '03-31' })).then([policySet({ fiscalYearEnd: '03-31' })]);
  });

  it.each<[keyof AssurancePolicy, number]>([
    ['maxReportAgeMonths', 0],
    ['maxReportAgeMonths', 61],
    ['maxReportAgeMonths', 12.5],
    ['maxBridgeMonths', -1],
    ['minPeriodMonths', 25],
    ['physicalValidationMonths', 0],
    ['expiryWarningDays', 366],
  ])('refuses %s = %s, naming the parameter', (name, value) => {
    org.when(policy({ [name]: value })).thenRefuses('POLICY_PARAMETER_OUT_OF_RANGE');
    const state = org.state;
    const error = refusal(() => decide(policy({ [name]: value }), state, AT_NOW));
    expect(error.message).toContain(name);
  });

  it('accepts the limits themselves', () => {
    const edges = {
      maxReportAgeMonths: 60,
      maxBridgeMonths: 0,
      minPeriodMonths: 24,
      physicalValidationMonths: 60,
      expiryWarningDays: 0,
    };
    org.when(policy(edges)).then([policySet(edges)]);
  });

  it('refuses required criteria with a framework other than SOC2', () => {
    const soc1 = policy({ requiredFramework: 'SOC1', requiredCriteria: ['SECURITY'] });
    org.when(soc1).thenRefuses('CRITERIA_REQUIRE_SOC2');
    org.when(policy({ requiredCriteria: ['PRIVACY'] })).then([policySet({ requiredCriteria: ['PRIVACY'] })]);
  });

  it('refuses a criterion required twice', () => {
    org.when(policy({ requiredCriteria: ['SECURITY', 'SECURITY'] })).thenRefuses('DUPLICATE_CRITERION');
  });

  it('refuses a max bridge not shorter than the max report age', () => {
    org.when(policy({ maxReportAgeMonths: 3 })).thenRefuses('BRIDGE_NOT_SHORTER_THAN_REPORT_AGE');
    org.when(policy({ maxReportAgeMonths: 4 })).then([policySet({ maxReportAgeMonths: 4 })]);
  });
});

describe('DefineExpectedControls', () => {
  const controls = [
    { ref: 'PE-1', description: 'Badge access to the data hall', domain: 'Physical', risk: 'CRITICAL' as const },
    { ref: 'PE-2', description: 'Fire suppression tested yearly', domain: 'Environmental', risk: 'HIGH' as const },
  ];

  it('defines the controls we expect tested', () => {
    org.when(command('DefineExpectedControls', { controls })).then([event('ExpectedControlsDefined', { controls })]);
  });

  it('accepts an empty list, which clears the expectation', () => {
    const earlier = event('ExpectedControlsDefined', { controls });
    const clear = command('DefineExpectedControls', { controls: [] });
    spec.given([registered, earlier]).when(clear).then([event('ExpectedControlsDefined', { controls: [] })]);
  });

  it('refuses a control ref listed twice', () => {
    const twice = [...controls, { ...controls[0]!, description: 'Again' }];
    org.when(command('DefineExpectedControls', { controls: twice })).thenRefuses('DUPLICATE_CONTROL_REF');
  });

  it('refuses a control without a domain', () => {
    const blank = [{ ...controls[0]!, domain: '' }];
    org.when(command('DefineExpectedControls', { controls: blank })).thenRefuses('FIELD_REQUIRED');
  });
});

describe('OffboardOrganization', () => {
  it('offboards with a reason', () => {
    org.when(offboard).then([offboarded()]);
  });

  it('refuses a blank reason', () => {
    org.when(command('OffboardOrganization', { reason: '' })).thenRefuses('FIELD_REQUIRED');
  });

  it('refuses offboarding twice', () => {
    spec.given([registered, offboarded()]).when(offboard).thenRefuses('ORGANIZATION_OFFBOARDED');
  });
});
