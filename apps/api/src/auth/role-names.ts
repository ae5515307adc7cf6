/** The roles of the security model (README "Security"). Framework-free: CLI tools import it. */
export const ROLES = ['ADMIN', 'ANALYST', 'AUDITOR', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];
