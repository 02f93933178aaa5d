import { describe, expect, it } from '@jest/globals';
import { barChart } from './charts.js';

describe('barChart', () => {
  it('scales bars to the largest value, each label above its bar, a non-zero value never invisible', () => {
    const chart = barChart([
      { label: 'KNB', value: 600 },
      { label: 'MCI', value: 1 },
      { label: 'none', value: 0 },
    ]);
    expect(chart.width).toBe(640);
    expect(chart.height).toBe(3 * 56);
    expect(chart.bars.map((b) => [b.labelY, b.y, b.width, b.valueX])).toEqual([
      [16, 22, 584, 592],
      [72, 78, 3, 11],
      [128, 134, 0, 8],
    ]);
  });

  it('draws an empty chart with the height of one row', () => {
    expect(barChart([])).toEqual({ width: 640, height: 56, barHeight: 20, bars: [] });
  });
});
