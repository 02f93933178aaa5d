// Moving a source between its stored form, the operators' input and the public answer.
import type { SourceDto, SourceInputDto } from './source.dto.js';
import type { SourceEmbedded } from './source.embedded.js';

export function toSource(input: SourceInputDto): SourceEmbedded {
  return { url: input.url ?? null, document: input.document ?? null, readOn: input.readOn, confidence: input.confidence, demo: false };
}

export function toSourceDto(source: SourceEmbedded): SourceDto {
  return {
    url: source.url,
    document: source.document,
    readOn: source.readOn,
    confidence: source.confidence,
    demo: source.demo ?? false,
  };
}

/** The distinct sources, in order, of the records a verdict rests on. */
export function sourcesOf(...sources: (SourceEmbedded | undefined)[]): SourceEmbedded[] {
  const seen = new Set<string>();
  return sources.filter((s): s is SourceEmbedded => {
    if (!s) return false;
    const key = `${s.url}|${s.document}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The same records with every source in them marked as demo data (the demo loader's only difference). */
export function asDemo<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asDemo) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asDemo(inner)]));
  return ('readOn' in copy && 'confidence' in copy ? { ...copy, demo: true } : copy) as T;
}
