/**
 * The few parts of Express's request and response the console's controllers use, typed
 * structurally (the project does not depend on @types/express).
 */
export interface HttpResponse {
  status(code: number): this;
  type(contentType: string): this;
  send(body: string): void;
  json(body: unknown): void;
  setHeader(name: string, value: string): void;
  sendFile(path: string): void;
}

export interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}
