// Compare mode's pure core: run one script on both engines, line the results up, find the
// differences and explain them with the catalogue. No DOM, no Svelte.

export type {
  CatalogueEntry,
  DifferenceKind,
  EntryMatch,
  ErrorPattern,
  PortFn,
  StatementExpect,
  Topic,
} from './types';
export { CATALOGUE, catalogueEntry, demoScript } from './catalogue';
export {
  splitVariants,
  sectionAt,
  type CompareScripts,
  type VariantBlock,
  type VariantError,
} from './variants';
export {
  alignResults,
  type AlignInput,
  type AlignedRow,
  type AlignedSide,
  type Difference,
  type SideStatus,
} from './align';
export { diffStatement, MAX_CELL_DIFFERENCES } from './diff';
export { canonical, relateCells, type CellRelation } from './normalise';
export {
  explainDifferences,
  matchEntries,
  suggestPort,
  type EntryHit,
  type Explanation,
  type PortSuggestion,
} from './explain';
