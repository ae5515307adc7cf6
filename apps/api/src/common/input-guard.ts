import { badInput } from '../graphql/errors';

/** Limits on what a client may send; beyond them input is refused, never truncated. */
export const LIMITS = { id: 100, name: 200, text: 4000, listItems: 500 } as const;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Checks free-form input that GraphQL's types cannot: empty or absurd strings, ids, list sizes.
 * Each refusal names the field path, so a client can point at the field.
 */
export class InputGuard {
  constructor(private readonly prefix = 'input') {}

  text(value: string, field: string, max: number = LIMITS.name): string {
    const v = value.trim();
    if (v.length === 0) throw badInput(this.path(field), 'must not be empty');
    if (v.length > max) throw badInput(this.path(field), `must be at most ${max} characters (got ${v.length})`);
    return v;
  }

  optionalText(value: string | null | undefined, field: string, max: number = LIMITS.text): string | null {
    if (value === null || value === undefined || value.trim() === '') return null;
    return this.text(value, field, max);
  }

  id(value: string, field: string): string {
    const v = this.text(value, field, LIMITS.id);
    if (!ID_RE.test(v)) throw badInput(this.path(field), 'must be letters, digits, ".", "_", ":" or "-"');
    return v;
  }

  optionalId(value: string | null | undefined, field: string): string | null {
    return value === null || value === undefined ? null : this.id(value, field);
  }

  list<T, R>(values: T[] | null | undefined, field: string, each: (v: T, path: string) => R, max: number = LIMITS.listItems): R[] {
    if (!values) return [];
    if (values.length > max) throw badInput(this.path(field), `must have at most ${max} items (got ${values.length})`);
    return values.map((v, i) => each(v, `${field}.${i}`));
  }

  texts(values: string[] | null | undefined, field: string, max: number = LIMITS.name): string[] {
    return this.list(values, field, (v, p) => this.text(v, p, max));
  }

  /** A decimal stream revision; -1 means "no stream yet". */
  revision(value: string | null | undefined, field = 'expectedRevision'): bigint | undefined {
    if (value === null || value === undefined) return undefined;
    if (!/^(-1|0|[1-9]\d{0,18})$/.test(value)) throw badInput(this.path(field), 'must be a decimal revision (or -1)');
    return BigInt(value);
  }

  private path(field: string): string {
    return `${this.prefix}.${field}`;
  }
}
