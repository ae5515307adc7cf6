import type { AssurancePolicy } from './assurance-policy';
import { fail, q, requireDate, requireUnique } from './organization.decider.guards';

/** The v2 policy parameters that need more than a range check (DESIGN §3 v2, Policy). */
export function checkPolicyV2(policy: AssurancePolicy): void {
  policy.requirements.forEach((r, i) => {
    requireUnique(r.criteria, 'DUPLICATE_CRITERION', `requirements[${i}] criterion`);
    if (r.criteria.length > 0 && r.family !== 'TSC') {
      fail('CRITERIA_REQUIRE_TSC', `requirements[${i}] lists criteria ${q(r.criteria)} but its family is ${r.family ?? 'any'}, not TSC`);
    }
  });
  requireUnique(policy.dataClasses, 'DUPLICATE_DATA_CLASS', 'data class');
  requireUnique(policy.requiredPhysicalAreas, 'DUPLICATE_AREA', 'required physical area');
  requireUnique(policy.acceptedValidationMethods, 'DUPLICATE_METHOD', 'accepted validation method');
  if (policy.acceptedValidationMethods.length === 0) {
    fail('VALIDATION_METHODS_REQUIRED', `acceptedValidationMethods must name at least one method`);
  }
  if (policy.acceptType1Until !== null) requireDate(policy.acceptType1Until, 'acceptType1Until');
}
