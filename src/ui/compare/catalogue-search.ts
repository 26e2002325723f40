// Searching and grouping the differences catalogue for its browser: entries by topic, in
// catalogue order, filtered by every word of the query.

import type { CatalogueEntry, Topic } from '../../compare';

export const TOPIC_LABELS: Record<Topic, string> = {
  types: 'Types and values',
  dates: 'Dates and times',
  keys: 'Keys and numbering',
  constraints: 'Constraints',
  'schema-changes': 'Schema changes',
  indexes: 'Indexes',
  queries: 'Queries',
  text: 'Text and names',
  transactions: 'Transactions',
  tools: 'Tools and settings',
};

export interface TopicGroup {
  topic: Topic;
  label: string;
  entries: CatalogueEntry[];
}

function haystack(entry: CatalogueEntry): string {
  const demo = typeof entry.demo === 'string' ? entry.demo : Object.values(entry.demo).join('\n');
  return [entry.id, entry.title, entry.postgres, entry.sqlite, entry.why, entry.portable, demo]
    .join('\n')
    .toLowerCase();
}

/** Entries matching every word of `query` (case-insensitive), grouped by topic. */
export function searchCatalogue(entries: readonly CatalogueEntry[], query: string): TopicGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<Topic, TopicGroup>();
  for (const entry of entries) {
    if (words.length > 0) {
      const text = haystack(entry);
      if (!words.every((w) => text.includes(w))) continue;
    }
    const group = groups.get(entry.topic) ?? {
      topic: entry.topic,
      label: TOPIC_LABELS[entry.topic],
      entries: [],
    };
    group.entries.push(entry);
    groups.set(entry.topic, group);
  }
  const order = Object.keys(TOPIC_LABELS) as Topic[];
  return [...groups.values()].sort((a, b) => order.indexOf(a.topic) - order.indexOf(b.topic));
}
