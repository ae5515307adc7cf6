import type { OversightCommand } from '../domain/oversight.commands';
import { canonicalJson } from '../ledger/canonical-json';
import { sha256Hex } from '../ledger/event-hash';
import { CommandIdReusedError } from './command-errors';
import type { OversightMetadata } from './event-envelope';

/**
 * The fingerprint of a command's type and payload, stored in its events' metadata
 * (`commandHash`): a commandId reused with another payload is refused, not answered with the
 * first command's result. Events recorded before it existed are compared by command type only.
 */
export function commandHash(command: OversightCommand): string {
  return sha256Hex(canonicalJson({ type: command.type, data: command.data }));
}

/** Throws CommandIdReusedError unless the recorded event came from this very command. */
export function assertSameCommand(commandId: string, command: OversightCommand, recorded: Partial<OversightMetadata>): void {
  if (recorded.commandType !== command.type) throw new CommandIdReusedError(commandId);
  if (recorded.commandHash !== undefined && recorded.commandHash !== commandHash(command)) throw new CommandIdReusedError(commandId);
}
