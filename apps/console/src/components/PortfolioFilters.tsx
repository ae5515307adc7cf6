import type { PortfolioFilterState } from '../portfolio-filter';
import { CATEGORIES, CRITICALITIES, humanize } from '../status';

/** The filter form above the heat map; "Clear filters" shows only when something is filtered. */
export function PortfolioFilters(props: { filters: PortfolioFilterState; canClear: boolean; onClear: () => void }) {
  const { search, setSearch, category, setCategory, criticality, setCriticality } = props.filters;
  return (
    <form class="filters" role="search" aria-label="Filter organizations" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search by name
        <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="e.g. colocation" />
      </label>
      <label>
        Category
        <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          <option value="">All categories</option>
          {CATEGORIES.map((c) => (
            <option value={c} key={c}>
              {humanize(c)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Criticality</legend>
        {CRITICALITIES.map((c) => (
          <label class="check" key={c}>
            <input
              type="checkbox"
              checked={criticality.includes(c)}
              onChange={(e) => setCriticality(e.currentTarget.checked ? [...criticality, c] : criticality.filter((x) => x !== c))}
            />
            {humanize(c)}
          </label>
        ))}
      </fieldset>
      {props.canClear && (
        <button type="button" class="link-button" onClick={props.onClear}>
          Clear filters
        </button>
      )}
    </form>
  );
}
