import { Injectable } from '@nestjs/common';

/** In this process: a publication was committed (the publisher says so; long-polls waiting on it are released). */
@Injectable()
export class PublicationEvents {
  private readonly listeners = new Set<(serial: number) => void>();

  onPublished(listener: (serial: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  published(serial: number): void {
    for (const listener of this.listeners) listener(serial);
  }
}
