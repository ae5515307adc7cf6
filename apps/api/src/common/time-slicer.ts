/**
 * A pause for long loops: resolves at once until `sliceMs` of work has passed, then yields a
 * macrotask (setImmediate) so that I/O and other requests run before the loop goes on. No single
 * request then holds the event loop for much more than one slice.
 */
export function timeSlicer(sliceMs = 5): () => Promise<void> | void {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
