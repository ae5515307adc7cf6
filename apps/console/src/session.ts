/** The signed-in token, kept for this browser tab only (sessionStorage), and what it claims. */
const KEY = 'oversight-console.token';

export interface Claims {
  sub: string;
  role: string;
  tenant: string;
  exp: number | null;
}

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}

/** Accepts "Bearer eyJ…" or the bare token; trims whitespace and line breaks from a paste. */
export function normalizeToken(input: string): string {
  return input.trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
}

/**
 * The token's claims, read for display only: the server verifies the signature and decides
 * everything. Null when it is not a JWT at all.
 */
export function readClaims(token: string): Claims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const c = JSON.parse(json) as Record<string, unknown>;
    return {
      sub: typeof c.sub === 'string' ? c.sub : '?',
      role: typeof c.role === 'string' ? c.role.toUpperCase() : '?',
      tenant: typeof c.tenant === 'string' ? c.tenant : '?',
      exp: typeof c.exp === 'number' ? c.exp : null,
    };
  } catch {
    return null;
  }
}

/**
 * Roles the API lets verify the audit trail and export evidence packs (READERS_OF_DETAIL on
 * verifyAuditTrail and evidencePack). Only to hide buttons: the server still decides, and an
 * unreadable token (null) shows them.
 */
export const AUDIT_ROLES = ['ADMIN', 'ANALYST', 'AUDITOR'];
export const mayAudit = (claims: Claims | null) => !claims || AUDIT_ROLES.includes(claims.role);
