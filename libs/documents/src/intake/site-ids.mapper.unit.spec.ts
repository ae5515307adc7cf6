import { found } from './report-draft.types';
import { mapSiteIds } from './site-ids.mapper';

const sites = [
  { id: 'site-fra-1', name: 'FRA1' },
  { id: 'site-ams-2', name: 'AMS2' },
];
const written = (names: string[]) => found('sitesCovered', names, 4, 'Facilities in Scope: …', 0.85);

describe('mapSiteIds', () => {
  it('proposes site ids when every facility the report names is a registered site', () => {
    expect(mapSiteIds(written(['FRA1 Frankfurt data center', 'AMS2 Amsterdam data center']), sites)).toMatchObject({ value: ['site-fra-1', 'site-ams-2'], confidence: 0.8 });
  });

  it('keeps the names as written, less sure, when one facility is not registered (no partial list of ids)', () => {
    expect(mapSiteIds(written(['FRA1 Frankfurt data center', 'LON3 London']), sites)).toMatchObject({ value: ['FRA1 Frankfurt data center', 'LON3 London'], confidence: 0.5 });
  });

  it('leaves the field alone without known sites, or when the report names none', () => {
    expect(mapSiteIds(written(['FRA1']), undefined).value).toEqual(['FRA1']);
    const none = { name: 'sitesCovered', value: null, page: null, quote: null, confidence: 0, missingReason: 'no list' };
    expect(mapSiteIds(none, sites)).toBe(none);
  });
});
