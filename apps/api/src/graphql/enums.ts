import { registerEnumType } from '@nestjs/graphql';
import * as v from '../../../../libs/oversight/src/domain/oversight.vocabulary';

/** GraphQL enums straight from the domain's vocabularies, so the two can never drift apart. */
function enumOf<T extends string>(values: readonly T[], name: string, description: string): Record<T, T> {
  const e = Object.fromEntries(values.map((x) => [x, x])) as Record<T, T>;
  registerEnumType(e, { name, description });
  return e;
}

export const OrganizationRoleEnum = enumOf(v.ORGANIZATION_ROLES, 'OrganizationRole', 'A vendor of ours, or a vendor of our vendor.');
export const OrganizationCategoryEnum = enumOf(v.ORGANIZATION_CATEGORIES, 'OrganizationCategory', 'What kind of service organization it is.');
export const CriticalityEnum = enumOf(v.CRITICALITIES, 'Criticality', 'How much we depend on it; also the scale of severities and risks.');
export const InclusionMethodEnum = enumOf(v.INCLUSION_METHODS, 'InclusionMethod', 'How a SOC report treats a subservice organization.');
export const FrameworkEnum = enumOf(v.FRAMEWORKS, 'Framework', 'The attestation framework of a report.');
export const ReportTypeEnum = enumOf(v.REPORT_TYPES, 'ReportType', 'TYPE_1: design as of a date. TYPE_2: operating effectiveness over a period.');
export const OpinionEnum = enumOf(v.OPINIONS, 'Opinion', "The service auditor's opinion.");
export const TrustServicesCriterionEnum = enumOf(v.TRUST_SERVICES_CRITERIA, 'TrustServicesCriterion', 'SOC 2 Trust Services Criteria.');
export const ReviewDecisionEnum = enumOf(v.REVIEW_DECISIONS, 'ReviewDecision', 'Our conclusion on a report.');
export const CuecStateEnum = enumOf(v.CUEC_STATES, 'CuecState', 'How we operate a complementary user entity control.');
export const PhysicalAreaEnum = enumOf(v.PHYSICAL_AREAS, 'PhysicalArea', 'Physical and environmental control areas of a data center.');
export const OperationalAreaEnum = enumOf(v.OPERATIONAL_AREAS, 'OperationalArea', 'Operational control areas of a cloud service.');
export const ValidationMethodEnum = enumOf(v.VALIDATION_METHODS, 'ValidationMethod', 'How a validation was performed.');
export const ValidationResultEnum = enumOf(v.VALIDATION_RESULTS, 'ValidationResult', 'What a validation concluded.');
export const ExceptionSourceEnum = enumOf(v.EXCEPTION_SOURCES, 'ExceptionSource', 'Where an exception was found.');
export const ExceptionKindEnum = enumOf(v.EXCEPTION_KINDS, 'ExceptionKind', 'What failed: design, description or operation of a control.');
export const AssuranceStatusEnum = enumOf(v.ASSURANCE_STATUSES, 'AssuranceStatus', 'Assessed assurance status, highest precedence first.');
export const AssuranceFlagEnum = enumOf(v.ASSURANCE_FLAGS, 'AssuranceFlag', 'Flags beside the status.');
export const RequirementFamilyEnum = enumOf(v.REQUIREMENT_FAMILIES, 'RequirementFamily', 'Report families: ICFR (SOC 1 / ISAE 3402), TSC (SOC 2, ISAE 3000 on the criteria), GENERAL (SOC 3).');
export const ExceptionImpactEnum = enumOf(v.EXCEPTION_IMPACTS, 'ExceptionImpact', 'What an exception means for our reliance on the report, once evaluated.');
export const DataClassEnum = enumOf(v.DATA_CLASSES, 'DataClass', 'Classes of our data an organization handles; they add TSC requirements by default.');
export const BridgeReviewDecisionEnum = enumOf(v.BRIDGE_REVIEW_DECISIONS, 'BridgeReviewDecision', 'Our conclusion on a bridge letter.');
