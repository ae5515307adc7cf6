import { useEffect, useState } from 'preact/hooks';
import type { OrganizationFilter } from './api/portfolio';

/**
 * The portfolio's filter form as state: what is typed, ticked and picked, and the filter the
 * organizations are asked with. `key` changes exactly when that filter does (a query dependency).
 */
export function usePortfolioFilter() {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [criticality, setCriticality] = useState<string[]>([]);
  const [category, setCategory] = useState('');

  // Search as you type, once typing pauses.
  useEffect(() => {
    const t = window.setTimeout(() => setQuery(search.trim()), 250);
    return () => window.clearTimeout(t);
  }, [search]);

  const filter: OrganizationFilter = {
    ...(query ? { search: query } : {}),
    ...(criticality.length ? { criticality } : {}),
    ...(category ? { category: [category] } : {}),
  };
  const key = JSON.stringify(filter);
  const clear = () => {
    setSearch('');
    setQuery('');
    setCriticality([]);
    setCategory('');
  };
  return { search, setSearch, criticality, setCriticality, category, setCategory, filter, key, active: key !== '{}', clear };
}

export type PortfolioFilterState = ReturnType<typeof usePortfolioFilter>;
