// The compare core off the main thread: splitting a compare script into per-engine scripts,
// aligning two runs and explaining their differences take hundreds of milliseconds for a
// script of 15,000 statements, which would freeze the page.

import { alignResults, explainDifferences, splitVariants } from '../index';
import { toWire, type CompareReply, type CompareRequest } from './wire';

const post = (reply: CompareReply): void => self.postMessage(reply);

self.addEventListener('message', (event: MessageEvent<CompareRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'split') {
      post({ id: request.id, type: 'split', split: splitVariants(request.script) });
      return;
    }
    const rows = alignResults({ results: request.results, blocks: request.blocks });
    const explanations = explainDifferences(rows);
    post({ id: request.id, type: 'compare', rows: toWire(rows, request.results), explanations });
  } catch (error) {
    post({
      id: request.id,
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
