import type { DraftField } from './report-draft.types';

/** A site registered for the organization (SiteRegistered): its id and name. */
export interface KnownSite {
  id: string;
  name: string;
}

/**
 * `sitesCovered` takes site ids; a report names facilities. With the organization's sites known,
 * each facility whose text contains a site's id or name becomes that id. Only when every facility
 * maps: a partial list of ids would read as "the other sites are out of scope", so otherwise the
 * names stay as written, at a lower confidence, for the analyst to map.
 */
export function mapSiteIds(field: DraftField, sites: readonly KnownSite[] | undefined): DraftField {
  if (!sites || !Array.isArray(field.value)) return field;
  const names = field.value as string[];
  const ids = names.map((written) => {
    const w = written.toLowerCase();
    const hits = sites.filter((s) => w.includes(s.id.toLowerCase()) || w.includes(s.name.toLowerCase()));
    return hits.length === 1 ? hits[0]!.id : null;
  });
  if (ids.every((id): id is string => id !== null)) return { ...field, value: ids, confidence: Math.min(field.confidence, 0.8) };
  return { ...field, confidence: Math.min(field.confidence, 0.5) };
}
