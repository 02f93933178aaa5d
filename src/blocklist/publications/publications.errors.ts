import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../platform/http/problem.js';

export enum PublicationErrorCode {
  NotFound = 'publication-not-found',
  FileNotFound = 'publication-file-not-found',
  Gone = 'publication-gone',
  SerialAhead = 'serial-ahead-of-publications',
  FilesUnavailable = 'publication-files-unavailable',
}

export const LATEST_MANIFEST_PATH = '/v1/blocklist/latest/manifest.json';

export class PublicationNotFoundProblem extends DomainError {
  constructor(serial: number | null) {
    super(
      PublicationErrorCode.NotFound,
      HttpStatus.NOT_FOUND,
      serial === null
        ? 'The blocklist has not been published yet.'
        : `Serial ${serial} was not published (serials that arrive while a publication is written are published together with the next).`,
      { latest: LATEST_MANIFEST_PATH },
    );
  }
}

export class PublicationFileNotFoundProblem extends DomainError {
  constructor(serial: number, name: string) {
    super(PublicationErrorCode.FileNotFound, HttpStatus.NOT_FOUND, `Publication ${serial} has no file named ${name}; its manifest lists the files.`, {
      manifest: `/v1/blocklist/${serial}/manifest.json`,
    });
  }
}

/** Older than the retained window: the files and deltas are gone (the manifest itself is kept). */
export class PublicationGoneProblem extends DomainError {
  constructor(serial: number, oldestRetained: number) {
    super(
      PublicationErrorCode.Gone,
      HttpStatus.GONE,
      `Publication ${serial} is older than the publications kept (the oldest is ${oldestRetained}): load the latest publication whole, as its manifest lists it.`,
      { latest: LATEST_MANIFEST_PATH, oldestRetained },
      { link: `<${LATEST_MANIFEST_PATH}>; rel="latest-version"` },
    );
  }
}

export class SerialAheadProblem extends DomainError {
  constructor(serial: number, latest: number | null) {
    super(
      PublicationErrorCode.SerialAhead,
      HttpStatus.CONFLICT,
      `Serial ${serial} is ahead of the latest publication (${latest ?? 'none yet'}): a client cannot hold it. Start again from the latest manifest.`,
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
      `The files of publication ${serial} cannot be served by this instance now; try again, or load the latest publication.`,
      { latest: LATEST_MANIFEST_PATH },
      { 'retry-after': '30' },
    );
  }
}
