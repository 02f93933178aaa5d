// Columns are named explicitly on entities; this only makes embedded columns snake_case (`source_url`, not `sourceUrl`).
import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm';

export class RegistryNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    const name = customName ?? propertyName;
    return embeddedPrefixes.length > 0 ? [...embeddedPrefixes, name].join('_') : name;
  }
}
