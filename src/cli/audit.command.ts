// `audit verify`: walks the whole hash chain of the audit trail and names the first event that does not fit.
import { readFile } from 'node:fs/promises';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import type { ChainBreak } from '../audit/audit-chain.js';
import { AuditService } from '../audit/audit.service.js';
import { type Manifest, parseManifest } from '../blocklist/publications/manifest.js';
import { SigningService } from '../platform/signing/signing.service.js';
import { CliError, EXIT_FAILURE } from './cli-errors.js';
import { groupRun } from './commander-tree.js';
import { out, plural } from './output.js';
import { type Progress, startProgress } from './progress.js';
import { RegistryContext } from './registry-context.js';

const MEANING: Record<ChainBreak['reason'], string> = {
  'hash-mismatch': 'its content no longer matches its hash: the event was changed after it was written',
  'prev-hash-mismatch': 'it does not link to the event before it: events were replaced, reordered or re-chained',
  'unknown-version': 'it names a hash content version this registry does not know: it was not written by this registry',
  gap: 'the event before it is missing: events were deleted',
};

interface VerifyOptions {
  manifest?: string;
  signature?: string;
}

async function readOrFail(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

@SubCommand({
  name: 'verify',
  description: 'check the hash chain of the whole audit trail (and, with --manifest, that it still holds a published checkpoint); exits 1 if not',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(_args: string[], options: VerifyOptions = {}): Promise<void> {
    // The manifest is read and its signature checked first: a file that is not a signed manifest says nothing.
    const checkpoint = options.manifest ? await this.signedManifest(options.manifest, options.signature ?? `${options.manifest}.sig`) : null;
    const audit = await this.registry.get(AuditService);
    let progress: Progress | null = null;
    let result;
    try {
      result = await audit.verify((checked, total) => {
        progress ??= startProgress('verifying audit chain', total);
        progress.update(checked);
      });
    } finally {
      (progress as Progress | null)?.stop();
    }
    if (!result.ok) {
      out(
        `audit chain BROKEN at seq ${result.broken.seq} (${result.broken.reason}): ${MEANING[result.broken.reason]}. ` +
          (result.checked === 0 ? 'It is the first event.' : `The ${plural(result.checked, 'event')} before it verified.`),
      );
      process.exitCode = EXIT_FAILURE;
      return;
    }
    if (checkpoint) {
      const held = await audit.holdsCheckpoint(checkpoint.auditSeq, checkpoint.auditHash);
      if (!held.ok) {
        out(
          `audit chain does NOT hold the checkpoint of publication ${checkpoint.serial} (published ${checkpoint.publishedAt}): ` +
            (held.stored === null
              ? `the signed manifest names event seq ${checkpoint.auditSeq}, which the trail no longer has: events were deleted and the chain re-made.`
              : `event seq ${checkpoint.auditSeq} has hash ${held.stored}, the signed manifest says ${checkpoint.auditHash}: the chain was rewritten and re-hashed after that publication.`) +
            ' The chain is consistent on its own, so only a checkpoint held outside the database shows it.',
        );
        process.exitCode = EXIT_FAILURE;
        return;
      }
    }
    out(
      `audit chain intact: ${plural(result.checked, 'event')}, head ${result.lastHash}` +
        (checkpoint ? `; holds the checkpoint of publication ${checkpoint.serial} (seq ${checkpoint.auditSeq}, manifest signed by key ${checkpoint.keyId})` : ''),
    );
  }

  private async signedManifest(manifestPath: string, signaturePath: string): Promise<Manifest> {
    const bytes = await readOrFail(manifestPath, 'the manifest');
    const manifest = parseManifest(bytes);
    if (!manifest) throw new CliError(`${manifestPath} is not a blocklist manifest (GET /v1/blocklist/{serial}/manifest.json, saved as served)`);
    const signature = await readOrFail(signaturePath, 'the manifest\'s signature');
    const signing = await this.registry.get(SigningService);
    if (!signing.verify(bytes, signature, manifest.keyId)) {
      throw new CliError(
        `the signature ${signaturePath} does not verify the manifest ${manifestPath} with key ${manifest.keyId} (unknown here, or the file was changed): it proves nothing about the audit trail`,
      );
    }
    return manifest;
  }

  @Option({ flags: '--manifest <file>', description: 'a published manifest.json: check the chain still holds its audit checkpoint (and the manifest its signature)' })
  parseManifest(value: string): string {
    return value;
  }

  @Option({ flags: '--signature <file>', description: 'the manifest\'s detached signature (default: the manifest file with .sig appended)' })
  parseSignature(value: string): string {
    return value;
  }
}

@Command({ name: 'audit', description: 'the audit trail', subCommands: [AuditVerifyCommand] })
export class AuditCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    return groupRun(this.command, args);
  }
}
