import { statusMeta } from '../status';

/** A distinct shape per status (octagon, slashed circle, hourglass, triangle, diamond, check, dash). */
const GLYPHS: Record<string, { shape: string; mark: string }> = {
  NOT_ASSURED: { shape: 'M5 1h6l4 4v6l-4 4H5l-4-4V5z', mark: 'M5.5 5.5l5 5M10.5 5.5l-5 5' },
  NO_ASSURANCE: { shape: 'M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1z', mark: 'M3.5 12.5l9-9' },
  EXPIRED: { shape: 'M2 1h12L9.5 8 14 15H2l4.5-7z', mark: 'M5 13h6' },
  COVERAGE_GAP: { shape: 'M8 1l7 14H1z', mark: 'M8 6v4.5M8 12.2v.6' },
  ASSURED_WITH_EXCEPTIONS: { shape: 'M8 .5L15.5 8 8 15.5.5 8z', mark: 'M8 4.5v4.5M8 11v.6' },
  ASSURED: { shape: 'M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1z', mark: 'M4.5 8.2l2.4 2.4 4.6-4.9' },
  OFFBOARDED: { shape: 'M2 2h12v12H2z', mark: 'M4.5 8h7' },
};

export function StatusIcon(props: { status: string; size?: number }) {
  const g = GLYPHS[props.status] ?? GLYPHS.OFFBOARDED!;
  const size = props.size ?? 16;
  return (
    <svg class="status-icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={g.shape} fill={statusMeta(props.status).color} stroke="#1a1a1a" stroke-width="1" stroke-linejoin="round" />
      <path d={g.mark} fill="none" stroke="#000" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}
