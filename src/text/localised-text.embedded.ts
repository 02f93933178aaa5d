// A localised text stored as three columns, `<prefix>_en`, `<prefix>_ru`, `<prefix>_kk`, as firm names are.
import { Column } from 'typeorm';

export class LocalisedTextEmbedded {
  @Column({ name: 'en', type: 'text' })
  en: string;

  @Column({ name: 'ru', type: 'text', nullable: true })
  ru: string | null;

  @Column({ name: 'kk', type: 'text', nullable: true })
  kk: string | null;
}

/** A localised text the record may lack altogether: all three columns null. */
export class OptionalLocalisedTextEmbedded {
  @Column({ name: 'en', type: 'text', nullable: true })
  en: string | null;

  @Column({ name: 'ru', type: 'text', nullable: true })
  ru: string | null;

  @Column({ name: 'kk', type: 'text', nullable: true })
  kk: string | null;
}

/** CHECK for an optional text with columns prefixed `prefix`: no translation without the English text. */
export function optionalTextCheck(prefix: string): string {
  return `"${prefix}_en" IS NOT NULL OR ("${prefix}_ru" IS NULL AND "${prefix}_kk" IS NULL)`;
}
