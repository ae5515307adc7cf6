import { DEFAULT_POLICY, POLICY_LIMITS, resolvePolicy, type AssurancePolicy } from './assurance-policy';
import { isFiscalYearEnd } from './calendar';
import {
  checkValidation,
  concludeReportReview,
  mapCuec,
  recordBridgeLetter,
  recordReportReceived,
  withdrawReport,
} from './organization.decider.evidence';
import {
  fail,
  q,
  requireActive,
  requireDate,
  requireOpenException,
  requireReport,
  requireSaneClock,
  requireText,
  requireUnique,
  sameValue,
} from './organization.decider.guards';
import { attachDocument, type WithDocument } from './organization.documents';
import { evolve } from './organization.evolve';
import { initialState, type OrganizationState } from './organization.state';
import type { CommandOfType, DecisionContext, OversightCommand, OversightCommandType } from './oversight.commands';
import type { OrganizationProfileUpdatedData, OversightEvent } from './oversight.events';
import { OPERATIONAL_AREAS, PHYSICAL_AREAS } from './oversight.vocabulary';

type DataOf<T extends OversightCommandType> = CommandOfType<T>['data'];

/**
 * Decides what a command on one organization under oversight means: the events to append, or a
 * DomainError naming the rule it breaks (DESIGN §3 "The decider refuses what makes no sense").
 * Pure: the clocks come in `context`, ids in the command. Business dates in the past are
 * accepted (facts are often entered late); only what contradicts the stream or the calendar is not.
 */
export function decide(
  command: OversightCommand,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  // A document carried by a command is attached in the same append, after the fact it supports.
  const { attach, ...data } = command.data as WithDocument & Record<string, unknown>;
  if (!('attach' in command.data)) return decideOne(command, state, context);
  const events = decideOne({ ...command, data } as OversightCommand, state, context);
  if (!attach) return events;
  const after = events.reduce((s, e, i) => evolve(s, { ...e, eventId: `pending-${i}`, effectiveAt: context.effectiveAt, recordedAt: context.now }), state);
  return [...events, ...attachDocument(attach, after, context)];
}

function decideOne(
  command: OversightCommand,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  requireSaneClock(context);
  if (command.type === 'RegisterOrganization') return registerOrganization(command.data, state);
  requireActive(state, context);
  switch (command.type) {
    case 'UpdateOrganizationProfile':
      return updateOrganizationProfile(command.data, state);
    case 'RegisterSite':
      return registerSite(command.data, state);
    case 'SetAssurancePolicy':
      return setAssurancePolicy(command.data);
    case 'DefineExpectedControls':
      return defineExpectedControls(command.data);
    case 'RecordReportReceived':
      return recordReportReceived(command.data, state, context);
    case 'WithdrawReport':
      return withdrawReport(command.data, state, context);
    case 'ConcludeReportReview':
      return concludeReportReview(command.data, state, context);
    case 'RecordBridgeLetter':
      return recordBridgeLetter(command.data, state, context);
    case 'MapCuec':
      return mapCuec(command.data, state, context);
    case 'RecordPhysicalEnvironmentalValidation':
      checkValidation(PHYSICAL_AREAS, command.data, state, context);
      return [{ type: 'PhysicalEnvironmentalControlsValidated', data: { ...command.data } }];
    case 'RecordOperationalControlsValidation':
      checkValidation(OPERATIONAL_AREAS, command.data, state, context);
      return [{ type: 'OperationalControlsValidated', data: { ...command.data } }];
    case 'RecordException':
      return recordException(command.data, state, context);
    case 'PlanRemediation':
      requireOpenException(state, command.data.exceptionId, context);
      requireText(command.data.owner, 'owner');
      requireText(command.data.plan, 'plan');
      // A due date already missed is still a fact worth recording (DESIGN §4).
      requireDate(command.data.dueDate, 'dueDate');
      return [{ type: 'RemediationPlanned', data: { ...command.data } }];
    case 'CloseRemediation':
      requireOpenException(state, command.data.exceptionId, context);
      requireText(command.data.resolution, 'resolution');
      return [{ type: 'RemediationClosed', data: { ...command.data } }];
    case 'AcceptRisk':
      requireOpenException(state, command.data.exceptionId, context);
      requireText(command.data.acceptedBy, 'acceptedBy');
      requireText(command.data.rationale, 'rationale');
      if (command.data.expiresAt !== null) requireDate(command.data.expiresAt, 'expiresAt');
      return [{ type: 'RiskAccepted', data: { ...command.data } }];
    case 'AttachDocument':
      return attachDocument(command.data, state, context);
    case 'OffboardOrganization':
      requireText(command.data.reason, 'reason');
      return [{ type: 'OrganizationOffboarded', data: { ...command.data } }];
    default: {
      const unknown: never = command;
      return fail('UNKNOWN_COMMAND', `command ${q((unknown as { type: unknown }).type)} is not known`);
    }
  }
}

export const organizationDecider = { initialState, evolve, decide };

function registerOrganization(d: DataOf<'RegisterOrganization'>, state: OrganizationState): OversightEvent[] {
  if (state.lifecycle === 'OFFBOARDED') fail('ORGANIZATION_OFFBOARDED', `the organization was offboarded`);
  if (state.lifecycle === 'ACTIVE') {
    fail('ORGANIZATION_ALREADY_REGISTERED', `organization ${q(state.profile?.organizationId)} is already registered`);
  }
  requireText(d.organizationId, 'organizationId');
  requireText(d.name, 'name');
  const parent = d.parentOrganizationId;
  if (parent !== null && d.role === 'VENDOR') {
    fail('VENDOR_CANNOT_HAVE_PARENT', `a VENDOR has no parent organization (got ${q(parent)})`);
  }
  if (parent !== null && d.inclusionMethod === null) {
    fail('PARENT_REQUIRES_INCLUSION_METHOD', `parent ${q(parent)} needs an inclusionMethod (CARVE_OUT or INCLUSIVE)`);
  }
  if (parent === null && d.inclusionMethod !== null) {
    fail('INCLUSION_METHOD_REQUIRES_PARENT', `inclusionMethod ${d.inclusionMethod} needs a parentOrganizationId`);
  }
  if (parent === d.organizationId) fail('ORGANIZATION_CANNOT_BE_OWN_PARENT', `${q(parent)} cannot be its own parent`);
  return [{ type: 'OrganizationRegistered', data: { ...d, services: [...d.services] } }];
}

const PROFILE_FIELDS = ['name', 'category', 'criticality', 'services', 'owner'] as const;

/** Records only what changes; a command that changes nothing is accepted and records nothing. */
function updateOrganizationProfile(d: DataOf<'UpdateOrganizationProfile'>, state: OrganizationState): OversightEvent[] {
  if (d.name !== undefined) requireText(d.name, 'name');
  const changed: OrganizationProfileUpdatedData = {};
  for (const field of PROFILE_FIELDS) {
    const value = d[field];
    if (value !== undefined && !sameValue(value, state.profile?.[field])) Object.assign(changed, { [field]: value });
  }
  return Object.keys(changed).length > 0 ? [{ type: 'OrganizationProfileUpdated', data: changed }] : [];
}

function registerSite(d: DataOf<'RegisterSite'>, state: OrganizationState): OversightEvent[] {
  if (state.sites[d.siteId]) fail('SITE_ALREADY_REGISTERED', `site ${q(d.siteId)} is already registered`);
  requireText(d.siteId, 'siteId');
  requireText(d.name, 'name');
  requireText(d.country, 'country');
  return [{ type: 'SiteRegistered', data: { ...d } }];
}

const POLICY_FIELDS = Object.keys(DEFAULT_POLICY) as (keyof AssurancePolicy)[];

/** A policy replaces the previous one whole: omitted parameters take their defaults. */
function setAssurancePolicy(d: DataOf<'SetAssurancePolicy'>): OversightEvent[] {
  // Only known parameters reach the event, whatever else the caller sent.
  const known = Object.fromEntries(POLICY_FIELDS.filter((k) => k in d).map((k) => [k, d[k]]));
  const policy = resolvePolicy(known as Partial<AssurancePolicy>);
  if (!isFiscalYearEnd(policy.fiscalYearEnd)) {
    fail('INVALID_FISCAL_YEAR_END', `fiscalYearEnd ${q(policy.fiscalYearEnd)} is not a valid MM-DD day`);
  }
  for (const [name, [min, max]] of Object.entries(POLICY_LIMITS)) {
    const value = policy[name as keyof typeof POLICY_LIMITS];
    if (!Number.isInteger(value) || value < min || value > max) {
      fail('POLICY_PARAMETER_OUT_OF_RANGE', `${name} ${q(value)} must be an integer from ${min} to ${max}`);
    }
  }
  requireUnique(policy.requiredCriteria, 'DUPLICATE_CRITERION', 'required criterion');
  const framework = policy.requiredFramework;
  if (policy.requiredCriteria.length > 0 && framework !== null && framework !== 'SOC2') {
    fail('CRITERIA_REQUIRE_SOC2', `required criteria ${q(policy.requiredCriteria)} make no sense with ${framework}`);
  }
  if (policy.maxBridgeMonths >= policy.maxReportAgeMonths) {
    fail(
      'BRIDGE_NOT_SHORTER_THAN_REPORT_AGE',
      `maxBridgeMonths ${policy.maxBridgeMonths} must be less than maxReportAgeMonths ${policy.maxReportAgeMonths}`,
    );
  }
  return [{ type: 'AssurancePolicySet', data: { ...policy, requiredCriteria: [...policy.requiredCriteria] } }];
}

/** Replaces the whole set; an empty list is accepted and clears it (nothing specific expected). */
function defineExpectedControls(d: DataOf<'DefineExpectedControls'>): OversightEvent[] {
  d.controls.forEach((c, i) => {
    requireText(c.ref, `controls[${i}].ref`);
    requireText(c.description, `controls[${i}].description`);
    requireText(c.domain, `controls[${i}].domain`);
  });
  requireUnique(d.controls.map((c) => c.ref), 'DUPLICATE_CONTROL_REF', 'control ref');
  return [{ type: 'ExpectedControlsDefined', data: { controls: d.controls.map((c) => ({ ...c })) } }];
}

function recordException(
  d: DataOf<'RecordException'>,
  state: OrganizationState,
  context: DecisionContext,
): OversightEvent[] {
  if (state.exceptions[d.exceptionId]) {
    fail('EXCEPTION_ALREADY_RECORDED', `exception ${q(d.exceptionId)} was already recorded`);
  }
  requireText(d.exceptionId, 'exceptionId');
  requireText(d.controlRef, 'controlRef');
  requireText(d.description, 'description');
  if (d.source === 'REPORT' && d.reportId === null) {
    fail('REPORT_SOURCE_REQUIRES_REPORT', `an exception with source REPORT must name its reportId`);
  }
  // A withdrawn (superseded) report's exceptions stay real, so only existence is required.
  if (d.reportId !== null) requireReport(state, d.reportId, context);
  return [{ type: 'ExceptionFound', data: { ...d } }];
}
