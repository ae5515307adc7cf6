import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packDocumentFile } from '../../../../libs/oversight/src/ledger/evidence-pack-documents';
import { verifyEvidencePack, type PackReport } from '../../../../libs/oversight/src/ledger/evidence-pack-verify';
import { csvPathFor, documentsDirFor } from './export-pack';

/**
 * `npm run verify-pack -- <file> [--key-fingerprint <hex>]`: verifies an evidence pack offline —
 * no server, no database: every hash and the chain, every status re-derived with the domain
 * code, the CSV (and the .csv file beside the pack, if present), the signed tree head, an
 * inclusion proof per event and the export statement. Pin the signing key with --key-fingerprint
 * (from the server's log or an earlier pack); --previous-head checks that the log extends a head
 * you kept (the pack must be exported with --since-tree-size of that head).
 * Exit code 0 when valid, 1 otherwise.
 */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a readable JSON file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A head the auditor kept: an earlier pack (its ledger.treeHead), a signedTreeHead answer, or a checkpoint. */
function headFrom(value: any): unknown {
  return value?.ledger?.treeHead ?? value?.data?.signedTreeHead?.checkpoint ?? value?.signedTreeHead?.checkpoint ?? value?.checkpoint ?? value;
}

function verifyFile(file: string, fingerprint: string | null, previousHeadFile: string | null): PackReport {
  let pack: unknown;
  let previous: unknown = null;
  try {
    pack = readJson(file);
    previous = previousHeadFile ? headFrom(readJson(previousHeadFile)) : null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { valid: false, summary: `Not verified: ${reason}`, checks: [{ ok: false, message: reason }], reason, keyFingerprint: null };
  }
  // Files exported --with-documents sit in <pack>.documents/, named by their SHA-256.
  const dir = documentsDirFor(file);
  const read = existsSync(dir)
    ? (d: Parameters<typeof packDocumentFile>[0]) => {
        const path = join(dir, packDocumentFile(d));
        return existsSync(path) ? readFileSync(path) : null;
      }
    : null;
  const report = verifyEvidencePack(pack, fingerprint, previous, read);
  const csvFile = csvPathFor(file);
  if (existsSync(csvFile)) {
    const same = readFileSync(csvFile, 'utf8') === (pack as { csv?: unknown }).csv;
    const message = same ? `${csvFile} is the pack's CSV timeline.` : `${csvFile} differs from the pack's CSV timeline.`;
    report.checks.push({ ok: same, message });
    if (!same && report.valid) return { ...report, valid: false, reason: message, summary: `Not verified: ${message}` };
  }
  return report;
}

function main(argv: string[]): number {
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--key-fingerprint' && argv[i - 1] !== '--previous-head');
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? (argv[at + 1] ?? null) : null;
  };
  const fingerprint = option('--key-fingerprint');
  if (!file) {
    console.error('Usage: npm run verify-pack -- <file> [--key-fingerprint <hex>] [--previous-head <older pack or head JSON>]');
    return 1;
  }
  const report = verifyFile(file, fingerprint, option('--previous-head'));
  console.log(`Verifying ${file} offline`);
  for (const c of report.checks) console.log(`  ${c.ok ? (c.warning ? '!' : '✔') : '✘'} ${c.message}`);
  console.log(`Signing key fingerprint: ${report.keyFingerprint ?? 'none'}${fingerprint ? '' : ' (not pinned: pass --key-fingerprint to pin it)'}`);
  console.log(report.summary);
  console.log(report.valid ? 'VALID' : `REJECTED: ${report.reason}`);
  return report.valid ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
