import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packDocumentFile } from '../../../../libs/oversight/src/ledger/evidence-pack-documents';
import { verifyEvidencePack, type PackReport } from '../../../../libs/oversight/src/ledger/evidence-pack-verify';
import { csvPathFor, documentsDirFor } from './export-pack';

/**
 * `npm run verify-pack -- <file> [--key-fingerprint <hex>]`: verifies an evidence pack offline —
 * no server, no database: every hash and the chain, every status re-derived with the domain
 * code, the CSV (and the .csv file beside the pack, if present), every checkpoint signature.
 * Pin the signing key with --key-fingerprint (from the server's log or an earlier pack).
 * Exit code 0 when valid, 1 otherwise.
 */
function verifyFile(file: string, fingerprint: string | null): PackReport {
  let pack: unknown;
  try {
    pack = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = `${file} is not a readable JSON file: ${error instanceof Error ? error.message : String(error)}`;
    return { valid: false, checks: [{ ok: false, message: reason }], reason, keyFingerprint: null };
  }
  // Files exported --with-documents sit in <pack>.documents/, named by their SHA-256.
  const dir = documentsDirFor(file);
  const read = existsSync(dir) ? (d: Parameters<typeof packDocumentFile>[0]) => {
    const path = join(dir, packDocumentFile(d));
    return existsSync(path) ? readFileSync(path) : null;
  } : null;
  const report = verifyEvidencePack(pack, fingerprint, read);
  const csvFile = csvPathFor(file);
  if (existsSync(csvFile)) {
    const same = readFileSync(csvFile, 'utf8') === (pack as { csv?: unknown }).csv;
    const message = same ? `${csvFile} is the pack's CSV timeline.` : `${csvFile} differs from the pack's CSV timeline.`;
    report.checks.push({ ok: same, message });
    if (!same && report.valid) return { ...report, valid: false, reason: message };
  }
  return report;
}

function main(argv: string[]): number {
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--key-fingerprint');
  const at = argv.indexOf('--key-fingerprint');
  const fingerprint = at >= 0 ? (argv[at + 1] ?? null) : null;
  if (!file) {
    console.error('Usage: npm run verify-pack -- <file> [--key-fingerprint <hex>]');
    return 1;
  }
  const report = verifyFile(file, fingerprint);
  console.log(`Verifying ${file} offline`);
  for (const c of report.checks) console.log(`  ${c.ok ? (c.warning ? '!' : '✔') : '✘'} ${c.message}`);
  console.log(`Signing key fingerprint: ${report.keyFingerprint ?? 'none'}${fingerprint ? '' : ' (not pinned: pass --key-fingerprint to pin it)'}`);
  console.log(report.valid ? 'VALID: the pack is intact and every status follows from its events.' : `REJECTED: ${report.reason}`);
  return report.valid ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
