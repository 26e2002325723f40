// Realistic-looking text by column name (emails, names, cities, products…), fitted to the
// column's length limits, with the row number appended when the column must be unique.
import { HashSource, pickIndex, quoteLiteral } from './sql';
import {
  ADJECTIVES,
  CITIES,
  COLORS,
  COUNTRIES,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCTS,
  STATUSES,
  WORD_WIDTH,
  packWords,
} from './words';

/** Text as prefix + optional row number + fixed suffix, so a length limit cuts the prefix. */
interface TextRecipe {
  prefix: string;
  prefixMin: number;
  prefixMax: number;
  number: boolean;
  suffix: string;
}

export interface TextOptions {
  hashes: HashSource;
  skew: boolean;
  unique: boolean;
  maxLength: number | null;
  minLength: number | null;
  /** Largest row number this statement can produce (for digit counts). */
  maxN: number;
}

/** Kinds made of several words, which fall back to one word under a short length limit. */
const PHRASES = new Set(['description', 'title', 'fullname', 'street', 'username']);

const FILLER = ' lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor';

/** Column name → words: `firstName`, `first_name` and `FIRST_NAME` all read `first_name`. */
function normalName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Names the kind of text a column holds, from its name. */
export function textKind(name: string): string {
  const n = normalName(name);
  const kinds: [RegExp, string][] = [
    [/e_?mail/, 'email'],
    [/first_?name|given_?name|forename/, 'first'],
    [/last_?name|surname|family_?name/, 'last'],
    [/user_?name|login|handle|nick/, 'username'],
    [/product|item|title|label|headline/, 'title'],
    [/(^|_)name$|full_?name|contact/, 'fullname'],
    [/city|town/, 'city'],
    [/country|nation/, 'country'],
    [/street|address/, 'street'],
    [/phone|mobile|(^|_)tel/, 'phone'],
    [/url|website|link|homepage/, 'url'],
    [/desc|note|comment|body|bio|summary|text|message|review/, 'description'],
    [/sku|code|slug|(^|_)ref/, 'code'],
    [/status|state|type|kind|category|tier|level|role/, 'status'],
    [/colou?r/, 'color'],
  ];
  return kinds.find(([re]) => re.test(n))?.[1] ?? 'word';
}

/** Builds text expressions; one builder per column, sharing the statement's hash source. */
export class TextBuilder {
  constructor(
    private readonly engine: 'postgres' | 'sqlite',
    private readonly options: TextOptions,
  ) {}

  private int(expr: string): string {
    return this.engine === 'postgres' ? `(${expr})::int` : expr;
  }

  /** One word of a list, picked per row (skewed when asked). */
  word(list: readonly string[], lower = false, hashes = this.options.hashes): string {
    const idx = pickIndex(hashes.hash(), list.length, this.options.skew);
    const expr = `rtrim(substr('${packWords(list)}', ${this.int(`${idx} * ${WORD_WIDTH} + 1`)}, ${WORD_WIDTH}))`;
    return lower ? `lower(${expr})` : expr;
  }

  private recipe(kind: string, hashes = this.options.hashes): TextRecipe {
    const w = (list: readonly string[], lower = false): string => this.word(list, lower, hashes);
    const max = (list: readonly string[]): number => Math.max(...list.map((s) => s.length));
    const min = (list: readonly string[]): number => Math.min(...list.map((s) => s.length));
    const one = (list: readonly string[], lower = false): TextRecipe => ({
      prefix: w(list, lower),
      prefixMin: min(list),
      prefixMax: max(list),
      number: this.options.unique,
      suffix: '',
    });
    const two = (a: readonly string[], sep: string, b: readonly string[], lower = false) => ({
      prefix: `${w(a, lower)} || '${sep}' || ${w(b, lower)}`,
      prefixMin: min(a) + sep.length + min(b),
      prefixMax: max(a) + sep.length + max(b),
      number: this.options.unique,
      suffix: '',
    });
    const h = (): string => hashes.hash();
    switch (kind) {
      case 'email':
        return { ...two(FIRST_NAMES, '.', LAST_NAMES, true), number: true, suffix: '@example.com' };
      case 'first':
        return one(FIRST_NAMES);
      case 'last':
        return one(LAST_NAMES);
      case 'username':
        return two(FIRST_NAMES, '_', LAST_NAMES, true);
      case 'title':
        return two(ADJECTIVES, ' ', PRODUCTS);
      case 'fullname':
        return two(FIRST_NAMES, ' ', LAST_NAMES);
      case 'city':
        return one(CITIES);
      case 'country':
        return one(COUNTRIES);
      case 'color':
        return one(COLORS, true);
      case 'status':
        return one(STATUSES);
      case 'street':
        return {
          prefix: `(1 + ${h()} % 999) || ' ' || ${w(LAST_NAMES)} || ' Street'`,
          prefixMin: 1 + 1 + 3 + 7,
          prefixMax: 3 + 1 + max(LAST_NAMES) + 7,
          number: this.options.unique,
          suffix: '',
        };
      case 'phone':
        return {
          prefix: `'+1 555 ' || (1000000 + ${h()} % 9000000)`,
          prefixMin: 14,
          prefixMax: 14,
          number: this.options.unique,
          suffix: '',
        };
      case 'url':
        return {
          prefix: `'https://example.com/' || ${w(PRODUCTS, true)}`,
          prefixMin: 20 + min(PRODUCTS),
          prefixMax: 20 + max(PRODUCTS),
          number: this.options.unique,
          suffix: '',
        };
      case 'description': {
        const words = `${w(ADJECTIVES)} || ' ' || ${w(PRODUCTS, true)} || ' from ' || ${w(CITIES)}`;
        return {
          prefix: words,
          prefixMin: min(ADJECTIVES) + min(PRODUCTS) + min(CITIES) + 7,
          prefixMax: max(ADJECTIVES) + max(PRODUCTS) + max(CITIES) + 7,
          number: this.options.unique,
          suffix: '',
        };
      }
      case 'code':
        return {
          prefix: `upper(substr(${w(PRODUCTS)}, 1, 3))`,
          prefixMin: 3,
          prefixMax: 3,
          number: true,
          suffix: '',
        };
      default:
        return one(PRODUCTS);
    }
  }

  /** The expression for a text column named `name`, or an error when the limits forbid it. */
  build(name: string): string | { error: string } {
    const { maxLength, minLength, maxN, unique } = this.options;
    const digits = String(Math.max(1, maxN)).length;
    let kind = textKind(name);
    // A phrase cut to a short limit reads badly ("Deluxe cam"): use one word instead.
    const probe = this.recipe(kind, new HashSource(this.engine, 0));
    const longest = probe.prefixMax + (probe.number ? digits + 1 : 0) + probe.suffix.length;
    if (maxLength !== null && longest > maxLength && PHRASES.has(kind)) {
      kind = kind === 'fullname' ? 'first' : 'word';
    }
    const r = this.recipe(kind);
    // With a minimum length, numbers get a fixed width so short row numbers cannot fall below it.
    const fixedWidth = minLength !== null && r.number;
    const numberText = !r.number
      ? ''
      : fixedWidth
        ? this.engine === 'postgres'
          ? `lpad(n::text, ${digits}, '0')`
          : `printf('%0${digits}d', n)`
        : this.engine === 'postgres'
          ? 'n::text'
          : 'n';
    const numMin = !r.number ? 0 : fixedWidth ? digits : 1;
    const numMax = r.number ? digits : 0;
    let prefix = r.number && r.prefix !== '' ? `${r.prefix} || '-'` : r.prefix;
    let prefixMin = r.prefixMin + (r.number ? 1 : 0);
    let prefixMax = r.prefixMax + (r.number ? 1 : 0);
    if (r.suffix !== '') {
      prefix = r.prefix;
      prefixMin = r.prefixMin;
      prefixMax = r.prefixMax;
    }
    if (minLength !== null && prefixMin + numMin + r.suffix.length < minLength) {
      prefix = `${prefix} || ${quoteLiteral(FILLER)}`;
      prefixMin += FILLER.length;
      prefixMax += FILLER.length;
      if (prefixMin + numMin + r.suffix.length < minLength) {
        return { error: `values must be at least ${minLength} characters long` };
      }
      // Cut the padded prefix to just what the minimum needs (or what the limit allows).
      const want = Math.max(minLength - numMin - r.suffix.length, r.prefixMin);
      const cut = maxLength === null ? want : Math.min(want, maxLength - numMax - r.suffix.length);
      prefix = `substr(${prefix}, 1, ${cut})`;
      prefixMax = cut;
      prefixMin = Math.min(prefixMin, cut);
    }
    const join = (p: string, s: string): string =>
      [p, numberText, s === '' ? '' : quoteLiteral(s)].filter((x) => x !== '').join(' || ');
    if (maxLength === null || prefixMax + numMax + r.suffix.length <= maxLength) {
      return join(prefix, r.suffix);
    }
    const avail = maxLength - numMax - r.suffix.length;
    if (avail >= 1 && (minLength === null || avail + numMin + r.suffix.length >= minLength)) {
      return join(`substr(${prefix}, 1, ${avail})`, r.suffix);
    }
    if (r.number && maxLength >= numMax + 1) {
      return join(`substr(${prefix}, 1, ${maxLength - numMax})`, '');
    }
    if (r.number && maxLength >= numMax && unique) return numberText;
    if (!unique) return `substr(${join(prefix, r.suffix)}, 1, ${maxLength})`;
    return {
      error: `${maxLength} characters cannot hold ${maxN.toLocaleString('en-US')} unique values`,
    };
  }
}
