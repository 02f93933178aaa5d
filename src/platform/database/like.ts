import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Escapes LIKE wildcards so user input matches literally (used with ESCAPE '\'). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Every word of a folded query, as a substring of `column` (trigram index) or a close spelling of one (pg_trgm word
 * similarity of at least 0.5: Kazakh Latin and ad-hoc spellings differ by a letter, bajbit/baibit score 0.57).
 */
export function whereEveryWordMatches<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, folded: string): void {
  folded.split(' ').forEach((word, i) => {
    qb.andWhere(`(${column} LIKE :like${i} ESCAPE '\\' OR word_similarity(:word${i}, ${column}) >= 0.5)`, {
      [`like${i}`]: `%${escapeLike(word)}%`,
      [`word${i}`]: word,
    });
  });
}
