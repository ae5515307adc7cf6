/**
 * Selection sets that several documents ask alike, so that the portfolio, the organization page
 * and the as-of answer read the same assurance fields.
 */
export const ASSURANCE = `status statusSince flags expiresAt coverageEnd reach assessedOn currentReportId nextReassessmentOn
  reasons { code message since eventIds status flag }`;
export const ORG_SUMMARY = `id name role category criticality parentOrganizationId assurance { ${ASSURANCE} }`;
