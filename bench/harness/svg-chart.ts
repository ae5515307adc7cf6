export interface Series {
  name: string;
  axis: 'left' | 'right';
  values: number[];
}

const COLORS = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#ff7f0e'];

/** A small dependency-free SVG line chart: x on a log scale, two y axes from zero. */
export function lineChart(x: readonly number[], series: readonly Series[], title: string): string {
  const [w, h, left, right, top, bottom] = [760, 380, 70, 70, 40, 90];
  const lx = x.map((v) => Math.log10(Math.max(1, v)));
  const [x0, x1] = [Math.min(...lx), Math.max(...lx) === Math.min(...lx) ? Math.min(...lx) + 1 : Math.max(...lx)];
  const maxOf = (axis: 'left' | 'right') => Math.max(1, ...series.filter((s) => s.axis === axis).flatMap((s) => s.values)) * 1.1;
  const ymax = { left: maxOf('left'), right: maxOf('right') };
  const px = (v: number) => left + ((v - x0) / (x1 - x0)) * (w - left - right);
  const py = (v: number, axis: 'left' | 'right') => h - bottom - (v / ymax[axis]) * (h - top - bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${w / 2}" y="20" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    `<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="#333"/>`,
    `<line x1="${w - right}" y1="${top}" x2="${w - right}" y2="${h - bottom}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const f = i / 4;
    const y = h - bottom - f * (h - top - bottom);
    parts.push(`<line x1="${left}" y1="${y}" x2="${w - right}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${Math.round(ymax.left * f)}</text>`);
    parts.push(`<text x="${w - right + 6}" y="${y + 4}">${Math.round(ymax.right * f)}</text>`);
  }
  x.forEach((v, i) => parts.push(`<text x="${px(lx[i]!)}" y="${h - bottom + 16}" text-anchor="middle">${v.toLocaleString('en-US')}</text>`));
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length]!;
    const points = s.values.map((v, i) => `${px(lx[i]!)},${py(v, s.axis)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" ${s.axis === 'right' ? 'stroke-dasharray="6 3"' : ''} points="${points}"/>`);
    s.values.forEach((v, i) => parts.push(`<circle cx="${px(lx[i]!)}" cy="${py(v, s.axis)}" r="3" fill="${color}"/>`));
    const lx0 = left + (k % 3) * 220;
    const ly0 = h - 45 + Math.floor(k / 3) * 18;
    parts.push(`<line x1="${lx0}" y1="${ly0}" x2="${lx0 + 24}" y2="${ly0}" stroke="${color}" stroke-width="2" ${s.axis === 'right' ? 'stroke-dasharray="6 3"' : ''}/>`);
    parts.push(`<text x="${lx0 + 30}" y="${ly0 + 4}">${escape(s.name)} (${s.axis})</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
