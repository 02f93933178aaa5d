// How much of a date a source actually states: "blocked in November 2023" is month precision, "licensed in 2023" year.
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
