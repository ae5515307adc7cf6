import type { ComponentChildren } from 'preact';
import { isForbidden, isUnsupported } from '../graphql';

/** A titled region of a page (a landmark with an accessible name). */
export function Section(props: { id: string; title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="panel" id={props.id} aria-labelledby={`${props.id}-title`}>
      <div class="panel-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** Loading, "your role may not see this", "not on this server", or the error itself. */
export function QueryProblem(props: { error: unknown; what: string }) {
  if (isForbidden(props.error)) {
    return (
      <p class="notice" data-testid="forbidden">
        Your role may not see {props.what}: the API answered FORBIDDEN.
      </p>
    );
  }
  if (isUnsupported(props.error)) {
    return (
      <p class="notice" data-testid="unsupported">
        {props.what.charAt(0).toUpperCase() + props.what.slice(1)}: not available on this server.
      </p>
    );
  }
  return (
    <p class="notice notice--error" role="alert">
      Could not load {props.what}: {props.error instanceof Error ? props.error.message : String(props.error)}
    </p>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {props.what}…
    </p>
  );
}
