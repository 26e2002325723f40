// Public surface of the share module: links, the local library, cross-tab sync and autosave.

export type {
  PlaygroundMode,
  PlaygroundSettings,
  PlaygroundState,
  PlaygroundView,
  Problem,
  StateValidation,
  TablePosition,
  TablePositions,
} from './state';
export { LIMITS, adoptSharedState, defaultState, describeProblems, validateState } from './state';
export type { DecodeError, DecodeErrorCode, DecodeResult } from './codec';
export {
  LINK_VERSION,
  MAX_INFLATED_BYTES,
  MAX_INPUT_CHARS,
  MAX_PAYLOAD_CHARS,
  ShareEncodeError,
  benchCodec,
  decodeLink,
  encodeState,
  shareUrl,
} from './codec';
export type { LinkLengthInfo, LinkLengthLevel } from './link-length';
export { LONG_LINK_CHARS, SAFE_LINK_CHARS, linkLengthInfo } from './link-length';
export type { PlaygroundOrigin, PlaygroundRecord, RecordStore, StorageStatus } from './store';
export { MemoryStore, ResilientStore } from './store';
export type { ImportResult, LibraryChange, LibraryOptions, SaveResult } from './library';
export { PlaygroundLibrary, libraryOver, memoryLibrary, openLibrary } from './library';
export type { ExportedFile, PlaygroundEnvelope } from './files';
export { FILE_FORMAT, FILE_VERSION, fileNameFor } from './files';
export type { RemoteChange, SyncMessage } from './sync';
export { TabSync, connectLibrary } from './sync';
export type { SessionEvent } from './session';
export { PlaygroundSession } from './session';
export type { AutosaveOptions } from './autosave';
export { AutosaveScheduler } from './autosave';
