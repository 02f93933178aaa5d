// Bar charts drawn on the server as SVG geometry: the template writes the elements (and escapes every label), the
// browser needs no script. Horizontal bars, each label above its bar, so long authority names fit on a phone.

export interface ChartItem {
  label: string;
  value: number;
}

export interface ChartBar extends ChartItem {
  /** Top of the bar, and the baseline of its label above it. */
  y: number;
  labelY: number;
  width: number;
  /** Where the value is written: after the bar. */
  valueX: number;
}

export interface BarChart {
  width: number;
  height: number;
  barHeight: number;
  bars: ChartBar[];
}

const WIDTH = 640;
const BAR_HEIGHT = 20;
const LABEL_HEIGHT = 22;
const GAP = 14;
/** Room after the longest bar for its value. */
const VALUE_ROOM = 56;

export function barChart(items: ChartItem[]): BarChart {
  const max = Math.max(1, ...items.map((i) => i.value));
  const row = LABEL_HEIGHT + BAR_HEIGHT + GAP;
  const bars = items.map((item, index) => {
    const top = index * row;
    // A bar of a non-zero value is never thinner than a hairline, so it is visible.
    const width = item.value === 0 ? 0 : Math.max(3, Math.round(((WIDTH - VALUE_ROOM) * item.value) / max));
    return { ...item, labelY: top + 16, y: top + LABEL_HEIGHT, width, valueX: width + 8 };
  });
  return { width: WIDTH, height: Math.max(row, items.length * row), barHeight: BAR_HEIGHT, bars };
}
