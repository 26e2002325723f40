// How far a share link of a given length is likely to travel. The numbers are the limits
// people actually hit when pasting links, kept rough on purpose: tools change theirs.

import { MAX_PAYLOAD_CHARS } from './codec';

export type LinkLengthLevel = 'fine' | 'long' | 'very-long' | 'too-long';

export interface LinkLengthInfo {
  chars: number;
  level: LinkLengthLevel;
  /** One or two plain sentences for a hint next to the Share button. */
  message: string;
}

/** At or below this, a link survives practically anywhere. */
export const SAFE_LINK_CHARS = 2_000;
/** Above this, many chat tools and address bars struggle. */
export const LONG_LINK_CHARS = 8_000;

const MESSAGES: Record<LinkLengthLevel, string> = {
  fine: 'Short enough to paste anywhere.',
  long:
    'Some places cut links this long: a Discord message holds 2,000 characters, and posts on X ' +
    'and similar sites are shorter still. Slack, Teams and email usually keep it whole.',
  'very-long':
    'Many places break links this long: link previews and some email apps cut them, and chat ' +
    'messages have caps (about 28 KB in Teams, 40,000 characters in Slack). ' +
    'It opens if pasted whole, but an exported file is safer.',
  'too-long': 'Too long to work as a link at all. Export the playground as a file and share that.',
};

/** Classifies a full share URL (or payload) by length, with a short hint for the UI. */
export function linkLengthInfo(link: string): LinkLengthInfo {
  const chars = link.length;
  const level: LinkLengthLevel =
    chars <= SAFE_LINK_CHARS
      ? 'fine'
      : chars <= LONG_LINK_CHARS
        ? 'long'
        : chars <= MAX_PAYLOAD_CHARS
          ? 'very-long'
          : 'too-long';
  return { chars, level, message: MESSAGES[level] };
}
