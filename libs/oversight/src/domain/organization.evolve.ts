import type { RecordedOversightEvent } from './oversight.events';
import { initialState, type OrganizationState, type Stamp } from './organization.state';

/**
 * Folds one recorded event into the state. Pure: returns a new state and never mutates its input
 * (shallow copies of the parts it changes). Events are facts, so nothing is validated here.
 */
export function evolve(state: OrganizationState, event: RecordedOversightEvent): OrganizationState {
  const stamp: Stamp = { eventId: event.eventId, effectiveAt: event.effectiveAt };
  const s: OrganizationState = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'OrganizationRegistered':
      return { ...s, lifecycle: 'ACTIVE', profile: { ...event.data }, registered: stamp };
    case 'OrganizationProfileUpdated':
      return { ...s, profile: s.profile && { ...s.profile, ...event.data } };
    case 'SiteRegistered':
      return { ...s, sites: { ...s.sites, [event.data.siteId]: { ...event.data, ...stamp } } };
    case 'AssurancePolicySet':
      return { ...s, policy: { ...event.data }, policyStamp: stamp };
    case 'ExpectedControlsDefined':
      return { ...s, expectedControls: [...event.data.controls], expectedControlsStamp: stamp };
    case 'AssuranceReportReceived': {
      const d = event.data;
      const coverageStart = (d.reportType === 'TYPE_2' ? d.periodStart : d.asOfDate) ?? '';
      const coverageEnd = (d.reportType === 'TYPE_2' ? d.periodEnd : d.asOfDate) ?? '';
      return {
        ...s,
        reports: {
          ...s.reports,
          [d.reportId]: {
            ...d,
            coverageStart,
            coverageEnd,
            received: stamp,
            withdrawn: null,
            review: null,
            bridgeLetterIds: [],
            cuecMappings: {},
          },
        },
        reportOrder: [...s.reportOrder, d.reportId],
      };
    }
    case 'AssuranceReportWithdrawn':
      return withReport(s, event.data.reportId, (r) => ({
        ...r,
        withdrawn: { ...stamp, reason: event.data.reason },
      }));
    case 'ReportReviewConcluded':
      return withReport(s, event.data.reportId, (r) => ({ ...r, review: { ...event.data, ...stamp } }));
    case 'BridgeLetterReceived': {
      const next = withReport(s, event.data.reportId, (r) => ({
        ...r,
        bridgeLetterIds: [...r.bridgeLetterIds, event.data.letterId],
      }));
      return {
        ...next,
        bridgeLetters: { ...s.bridgeLetters, [event.data.letterId]: { ...event.data, ...stamp } },
      };
    }
    case 'CuecMapped':
      return withReport(s, event.data.reportId, (r) => ({
        ...r,
        cuecMappings: { ...r.cuecMappings, [event.data.cuecRef]: { ...event.data, ...stamp } },
      }));
    case 'PhysicalEnvironmentalControlsValidated':
      return { ...s, validations: [...s.validations, { kind: 'PHYSICAL', ...event.data, ...stamp }] };
    case 'OperationalControlsValidated':
      return {
        ...s,
        validations: [...s.validations, { kind: 'OPERATIONAL', ...event.data, ...stamp }],
      };
    case 'ExceptionFound':
      return {
        ...s,
        exceptions: {
          ...s.exceptions,
          [event.data.exceptionId]: {
            ...event.data,
            found: stamp,
            remediation: null,
            closed: null,
            riskAcceptance: null,
          },
        },
        exceptionOrder: [...s.exceptionOrder, event.data.exceptionId],
      };
    case 'RemediationPlanned':
      return withException(s, event.data.exceptionId, (x) => ({
        ...x,
        remediation: { ...event.data, ...stamp },
      }));
    case 'RemediationClosed':
      return withException(s, event.data.exceptionId, (x) => ({ ...x, closed: { ...event.data, ...stamp } }));
    case 'RiskAccepted':
      return withException(s, event.data.exceptionId, (x) => ({
        ...x,
        riskAcceptance: { ...event.data, ...stamp },
      }));
    case 'DocumentAttached':
      return { ...s, documents: [...(s.documents ?? []), { ...event.data, ...stamp }] };
    case 'OrganizationOffboarded':
      return { ...s, lifecycle: 'OFFBOARDED', offboarded: { ...stamp, reason: event.data.reason } };
    default: {
      // An unknown type comes from a newer schema: count it, change nothing.
      return s;
    }
  }
}

export function fold(events: Iterable<RecordedOversightEvent>, from = initialState()): OrganizationState {
  let state = from;
  for (const e of events) state = evolve(state, e);
  return state;
}

function withReport(
  s: OrganizationState,
  id: string,
  change: (r: OrganizationState['reports'][string]) => OrganizationState['reports'][string],
): OrganizationState {
  const r = s.reports[id];
  return r ? { ...s, reports: { ...s.reports, [id]: change(r) } } : s;
}

function withException(
  s: OrganizationState,
  id: string,
  change: (x: OrganizationState['exceptions'][string]) => OrganizationState['exceptions'][string],
): OrganizationState {
  const x = s.exceptions[id];
  return x ? { ...s, exceptions: { ...s.exceptions, [id]: change(x) } } : s;
}
