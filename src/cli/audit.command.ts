// `audit verify`: walks the whole hash chain of the audit trail and names the first event that does not fit.
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import type { ChainBreak } from '../audit/audit-chain.js';
import { AuditService } from '../audit/audit.service.js';
import { EXIT_FAILURE } from './cli-errors.js';
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

@SubCommand({ name: 'verify', description: 'check the hash chain of the whole audit trail; exits 1 if it is broken' })
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly registry: RegistryContext) {
    super();
  }

  async run(): Promise<void> {
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
    if (result.ok) {
      out(`audit chain intact: ${plural(result.checked, 'event')}, head ${result.lastHash}`);
      return;
    }
    out(
      `audit chain BROKEN at seq ${result.broken.seq} (${result.broken.reason}): ${MEANING[result.broken.reason]}. ` +
        (result.checked === 0 ? 'It is the first event.' : `The ${plural(result.checked, 'event')} before it verified.`),
    );
    process.exitCode = EXIT_FAILURE;
  }
}

@Command({ name: 'audit', description: 'the audit trail', subCommands: [AuditVerifyCommand] })
export class AuditCommand extends CommandRunner {
  run(args: string[]): Promise<void> {
    return groupRun(this.command, args);
  }
}
