import { HttpStatus } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../platform/http/problem.js';
import { Localised } from '../platform/i18n/translate.js';

export enum BlocklistErrorCode {
  InvalidEntries = 'invalid-entries',
}

/** Every bad item of a bulk request, by index; nothing was written. */
export class InvalidEntriesProblem extends DomainError {
  constructor(errors: FieldProblem[], total: number) {
    super(
      BlocklistErrorCode.InvalidEntries,
      HttpStatus.UNPROCESSABLE_ENTITY,
      `${errors.length} of ${total} items cannot be applied; nothing was written. Each is listed in errors by index.`,
      { errors },
    );
  }
}

/** Why a listing's serial, kind or cursor is refused, in kk, ru and en. */
export const listingMessages = {
  badCursor: () =>
    new Localised({
      en: 'cursor is not one this service gave: pass nextCursor of the page before as it was sent',
      ru: 'cursor: этот курсор выдан не этим сервисом; передайте nextCursor предыдущей страницы без изменений',
      kk: 'cursor: бұл курсорды осы қызмет берген жоқ; алдыңғы беттің nextCursor мәнін өзгертпей беріңіз',
    }),
  serialDiffers: (serial: number, cursorSerial: number) =>
    new Localised({
      en: `serial ${serial} differs from the cursor's ${cursorSerial}: a cursor carries its serial, so leave serial out`,
      ru: `serial ${serial} отличается от серийного номера курсора (${cursorSerial}): курсор несёт свой номер, поэтому не передавайте serial`,
      kk: `serial ${serial} курсордың сериялық нөмірінен (${cursorSerial}) өзгеше: курсор өз нөмірін алып жүреді, сондықтан serial бермеңіз`,
    }),
  kindDiffers: (kind: string, cursorKind: string | null) =>
    new Localised({
      en: `kind ${kind} differs from the cursor's ${cursorKind ?? '(any)'}: a cursor carries its kind, so leave kind out`,
      ru: `kind ${kind} отличается от вида курсора (${cursorKind ?? 'любой'}): курсор несёт свой вид, поэтому не передавайте kind`,
      kk: `kind ${kind} курсордың түрінен (${cursorKind ?? 'кез келген'}) өзгеше: курсор өз түрін алып жүреді, сондықтан kind бермеңіз`,
    }),
  serialAhead: (serial: number, head: number) =>
    new Localised({
      en: `serial ${serial} is ahead of the blocklist, which is at serial ${head}`,
      ru: `serial ${serial} больше текущего серийного номера блок-листа (${head})`,
      kk: `serial ${serial} бұғаттау тізімінің қазіргі сериялық нөмірінен (${head}) үлкен`,
    }),
};
