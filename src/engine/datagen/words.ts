// Small embedded word lists so generated text looks like data rather than `text_123`.
// Every word is at most WORD_WIDTH characters, plain ASCII and free of quotes, so a list can
// be packed into one fixed-width SQL string literal and a word picked with substr + rtrim:
// one string function per row in both engines, no arrays or CASE chains.

const words = (list: string): readonly string[] => list.split(' ');

/** Width of one slot in a packed list; also the longest word. */
export const WORD_WIDTH = 10;

// The lists, picked by column name (see text.ts). At most WORD_WIDTH characters each.
export const FIRST_NAMES = words(
  'Olivia Liam Emma Noah Ava Oliver Sophia Elijah Mia Lucas Amelia Mateo Harper Ethan Aria ' +
    'Kenji Priya Omar Chloe Diego Fatima Hugo Ingrid Jonas Leila Marco Nadia Pablo Rosa Sven',
);

export const LAST_NAMES = words(
  'Smith Garcia Johnson Nguyen Brown Muller Rossi Kowalski Silva Tanaka Martin Dubois ' +
    'Jensen Novak Ahmed Kim Lopez Wilson Moreau Fischer Costa Ivanova Patel Haddad OBrien ' +
    'Larsen Santos Weber Yamamoto Clark',
);

export const CITIES = words(
  'Amsterdam Berlin Bogota Cairo Chicago Dublin Helsinki Istanbul Jakarta Kyoto Lagos Lima ' +
    'Lisbon London Madrid Melbourne Montreal Mumbai Nairobi Oslo Paris Prague Santiago Seoul ' +
    'Singapore Toronto Vienna Warsaw Zurich Austin',
);

export const COUNTRIES = words(
  'Argentina Australia Brazil Canada Chile Denmark Egypt France Germany India Ireland Italy ' +
    'Japan Kenya Mexico Nigeria Norway Peru Poland Portugal Spain Sweden Turkey Vietnam',
);

export const ADJECTIVES = words(
  'Classic Compact Deluxe Eco Elegant Ergonomic Fast Gentle Handmade Heavy Light Modern ' +
    'Organic Portable Premium Quiet Rugged Sleek Smart Solid Tiny Vintage Warm Wireless',
);

export const PRODUCTS = words(
  'Backpack Blender Bottle Camera Chair Clock Desk Drone Guitar Headphones Helmet Jacket ' +
    'Kettle Keyboard Lamp Laptop Mug Notebook Pillow Printer Scarf Shoes Speaker Tent Toaster ' +
    'Umbrella Wallet Watch',
);

export const COLORS = words(
  'red orange yellow green teal blue indigo violet pink brown black white gray silver gold',
);

export const STATUSES = words('active pending archived draft closed blocked');

/** One fixed-width literal body: word i sits at `i * WORD_WIDTH + 1` (1-based substr). */
export function packWords(words: readonly string[]): string {
  return words.map((w) => w.padEnd(WORD_WIDTH, ' ')).join('');
}
