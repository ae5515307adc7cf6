import { useState } from 'preact/hooks';
import { fetchEvidencePack, verifyAuditTrail, type Verification } from '../api/audit';
import { downloadJson } from '../download';
import { isForbidden, isUnsupported } from '../graphql';
import { Loading, QueryProblem, Section } from './Section';

/** Tamper evidence on demand: verify the hash chain on the server, or take the evidence pack away to verify offline. */
export function AuditPanel(props: { id: string }) {
  const [verification, setVerification] = useState<{ result?: Verification; error?: unknown; busy?: boolean } | null>(null);
  const [pack, setPack] = useState<{ message?: string; error?: unknown; busy?: boolean } | null>(null);
  const verify = async () => {
    setVerification({ busy: true });
    try {
      setVerification({ result: await verifyAuditTrail(props.id) });
    } catch (error) {
      setVerification({ error });
    }
  };
  const exportPack = async () => {
    setPack({ busy: true });
    try {
      const size = downloadJson(await fetchEvidencePack(props.id), `evidence-pack-${props.id}-${new Date().toISOString().slice(0, 10)}.json`);
      setPack({ message: `Evidence pack downloaded (${Math.ceil(size / 1024)} KB). Verify it offline with npm run verify-pack.` });
    } catch (error) {
      setPack({ error });
    }
  };
  const v = verification?.result;
  return (
    <Section id="audit" title="Tamper evidence">
      <div class="button-row">
        <button type="button" onClick={verify} disabled={verification?.busy}>
          Verify audit trail
        </button>
        <button type="button" onClick={exportPack} disabled={pack?.busy}>
          Export evidence pack
        </button>
      </div>
      <div role="status" data-testid="verify-result">
        {verification?.busy && <Loading what="the verification" />}
        {verification?.error ? (
          isUnsupported(verification.error) || isForbidden(verification.error) ? (
            <QueryProblem error={verification.error} what="audit trail verification" />
          ) : (
            <QueryProblem error={verification.error} what="the verification" />
          )
        ) : null}
        {v && (
          <p class={v.valid ? 'verified' : 'notice notice--error'} data-valid={String(v.valid)}>
            <span aria-hidden="true">{v.valid ? '✔ ' : '✖ '}</span>
            {v.summary}
          </p>
        )}
      </div>
      <div role="status" data-testid="pack-result">
        {pack?.busy && <Loading what="the evidence pack" />}
        {pack?.error ? <QueryProblem error={pack.error} what="the evidence pack" /> : null}
        {pack?.message && <p>{pack.message}</p>}
      </div>
    </Section>
  );
}
