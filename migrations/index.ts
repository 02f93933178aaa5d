// Migrations in the order they apply. Never edit one that has landed: add another.
import { InitialSchema1795510800000 } from './1795510800000-initial-schema.js';

export const MIGRATIONS: Function[] = [InitialSchema1795510800000];
