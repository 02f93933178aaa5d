import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../platform/http/problem.js';
import { Localised } from '../../platform/i18n/translate.js';

export enum PublicationErrorCode {
  NotFound = 'publication-not-found',
  FileNotFound = 'publication-file-not-found',
  Gone = 'publication-gone',
  SerialAhead = 'serial-ahead-of-publications',
  FilesUnavailable = 'publication-files-unavailable',
  Expired = 'publication-expired',
}

export const LATEST_MANIFEST_PATH = '/v1/blocklist/latest/manifest.json';

export class PublicationNotFoundProblem extends DomainError {
  constructor(serial: number | null) {
    super(
      PublicationErrorCode.NotFound,
      HttpStatus.NOT_FOUND,
      serial === null
        ? new Localised({
            en: 'The blocklist has not been published yet.',
            ru: 'Блок-лист ещё не опубликован.',
            kk: 'Бұғаттау тізімі әлі жарияланған жоқ.',
          })
        : new Localised({
            en: `Serial ${serial} was not published (serials that arrive while a publication is written are published together with the next).`,
            ru: `Серийный номер ${serial} не публиковался (номера, появившиеся во время записи публикации, публикуются вместе со следующим).`,
            kk: `${serial} сериялық нөмірі жарияланған жоқ (жарияланым жазылып жатқанда пайда болған нөмірлер келесісімен бірге жарияланады).`,
          }),
      { latest: LATEST_MANIFEST_PATH },
    );
  }
}

export class PublicationFileNotFoundProblem extends DomainError {
  constructor(serial: number, name: string) {
    super(
      PublicationErrorCode.FileNotFound,
      HttpStatus.NOT_FOUND,
      new Localised({
        en: `Publication ${serial} has no file named ${name}; its manifest lists the files.`,
        ru: `В публикации ${serial} нет файла ${name}; файлы перечислены в её манифесте.`,
        kk: `${serial} жарияланымында ${name} файлы жоқ; файлдар оның манифестінде көрсетілген.`,
      }),
      { manifest: `/v1/blocklist/${serial}/manifest.json` },
    );
  }
}

/** Older than the retained window: the files and deltas are gone (the manifest itself is kept). */
export class PublicationGoneProblem extends DomainError {
  constructor(serial: number, oldestRetained: number) {
    super(
      PublicationErrorCode.Gone,
      HttpStatus.GONE,
      new Localised({
        en: `Publication ${serial} is older than the publications kept (the oldest is ${oldestRetained}): load the latest publication whole, as its manifest lists it.`,
        ru: `Публикация ${serial} старше хранимых публикаций (самая старая — ${oldestRetained}): загрузите последнюю публикацию целиком, как её перечисляет манифест.`,
        kk: `${serial} жарияланымы сақталатын жарияланымдардан ескі (ең ескісі — ${oldestRetained}): соңғы жарияланымды манифестінде көрсетілгендей толық жүктеңіз.`,
      }),
      { latest: LATEST_MANIFEST_PATH, oldestRetained },
      { link: `<${LATEST_MANIFEST_PATH}>; rel="latest-version"` },
    );
  }
}

export class SerialAheadProblem extends DomainError {
  constructor(serial: number, latest: number | null) {
    const known = latest ?? { en: 'none yet', ru: 'пока нет', kk: 'әлі жоқ' };
    const said = (lang: 'en' | 'ru' | 'kk') => (typeof known === 'number' ? String(known) : known[lang]);
    super(
      PublicationErrorCode.SerialAhead,
      HttpStatus.CONFLICT,
      new Localised({
        en: `Serial ${serial} is ahead of the latest publication (${said('en')}): a client cannot hold it. Start again from the latest manifest.`,
        ru: `Серийный номер ${serial} больше последней публикации (${said('ru')}): у клиента его быть не может. Начните заново с последнего манифеста.`,
        kk: `${serial} сериялық нөмірі соңғы жарияланымнан (${said('kk')}) алда: ол клиентте болуы мүмкін емес. Соңғы манифесттен қайта бастаңыз.`,
      }),
      { latest: LATEST_MANIFEST_PATH, latestSerial: latest },
    );
  }
}

/** This replica lacks a retained publication's files and could not render them to the manifest's hashes. */
export class PublicationFilesUnavailableProblem extends DomainError {
  constructor(serial: number) {
    super(
      PublicationErrorCode.FilesUnavailable,
      HttpStatus.SERVICE_UNAVAILABLE,
      new Localised({
        en: `The files of publication ${serial} cannot be served by this instance now; try again, or load the latest publication.`,
        ru: `Этот экземпляр сервиса сейчас не может отдать файлы публикации ${serial}; повторите запрос или загрузите последнюю публикацию.`,
        kk: `Қызметтің бұл данасы қазір ${serial} жарияланымының файлдарын бере алмайды; сұрауды қайталаңыз немесе соңғы жарияланымды жүктеңіз.`,
      }),
      { latest: LATEST_MANIFEST_PATH },
      { 'retry-after': '30' },
    );
  }
}

/** The two serials of a delta file's name in the wrong order. */
export function deltaRangeMessage(from: number, to: number): Localised {
  return new Localised({
    en: `${from}-${to}: the first serial must not be after the second`,
    ru: `${from}-${to}: первый серийный номер не должен быть больше второго`,
    kk: `${from}-${to}: бірінші сериялық нөмір екіншісінен үлкен болмауы керек`,
  });
}

/** Accept-Encoding refuses identity (`identity;q=0`, `*;q=0`) and every coding a file is written in (RFC 9110 §12.5.3). */
export class EncodingNotAcceptableProblem extends DomainError {
  constructor() {
    super(
      'encoding-not-acceptable',
      HttpStatus.NOT_ACCEPTABLE,
      new Localised({
        en: 'Accept-Encoding refuses every coding a file is served in: br, gzip and identity (uncompressed). Accept one of them.',
        ru: 'Accept-Encoding отвергает все кодировки, в которых отдаются файлы: br, gzip и identity (без сжатия). Примите одну из них.',
        kk: 'Accept-Encoding файлдар берілетін барлық кодтауларды қабылдамайды: br, gzip және identity (сығусыз). Солардың бірін қабылдаңыз.',
      }),
      { accepted: ['br', 'gzip', 'identity'] },
    );
  }
}

/**
 * More entries changed between two publications than a delta carries (PUBLICATION_MAX_DELTA_ENTRIES): 410 as for a
 * delta from outside the window, since the answer is the same (load the latest publication whole).
 */
export class DeltaTooLargeProblem extends DomainError {
  constructor(from: number, to: number, entries: number, maxEntries: number) {
    super(
      'delta-too-large',
      HttpStatus.GONE,
      new Localised({
        en: `The delta from publication ${from} to ${to} would carry ${entries} entries, more than the ${maxEntries} a delta carries: load the latest publication whole, as its manifest lists it.`,
        ru: `Дельта от публикации ${from} до ${to} содержала бы ${entries} записей, больше допустимых ${maxEntries}: загрузите последнюю публикацию целиком, как её перечисляет манифест.`,
        kk: `${from} жарияланымынан ${to} жарияланымына дейінгі дельтада ${entries} жазба болар еді, бұл рұқсат етілген ${maxEntries} жазбадан көп: соңғы жарияланымды манифестінде көрсетілгендей толық жүктеңіз.`,
      }),
      { latest: LATEST_MANIFEST_PATH, entries, maxEntries },
      { link: `<${LATEST_MANIFEST_PATH}>; rel="latest-version"` },
    );
  }
}

/**
 * The database cannot be read and the latest publication this instance holds is past its `expiresAt`: a resolver
 * that kept following it could miss every block made since, so the manifest says it is no longer to be relied on
 * and no answer is given that presents it as current.
 */
export class PublicationExpiredProblem extends DomainError {
  constructor(serial: number, expiresAt: Date, retryAfterSeconds: number) {
    const at = expiresAt.toISOString();
    super(
      PublicationErrorCode.Expired,
      HttpStatus.SERVICE_UNAVAILABLE,
      new Localised({
        en: `The database cannot be read, and the latest publication this instance holds (serial ${serial}) expired at ${at}: retry later.`,
        ru: `База данных недоступна, а последняя публикация, которая есть у этого экземпляра (серийный номер ${serial}), истекла ${at}: повторите позже.`,
        kk: `Дерекқор оқылмайды, ал осы данада бар соңғы жарияланымның (сериялық нөмірі ${serial}) мерзімі ${at} өтті: кейінірек қайталаңыз.`,
      }),
      { serial, expiresAt: at },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
