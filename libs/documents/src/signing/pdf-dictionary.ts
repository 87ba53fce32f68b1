/**
 * Just enough PDF syntax to compare two versions of a dictionary: its top-level keys and the
 * text of their values (nested dictionaries, arrays, strings and hex strings kept whole).
 */
export function topLevelEntries(dictionary: string): Map<string, string> {
  const entries = new Map<string, string>();
  const start = dictionary.indexOf('<<');
  if (start < 0) {
    return entries;
  }
  let i = start + 2;
  const n = dictionary.length;
  const skipSpace = () => {
    while (i < n && /\s/.test(dictionary[i])) {
      i++;
    }
  };
  const readValue = (): string => {
    const from = i;
    let depth = 0;
    while (i < n) {
      const ch = dictionary[i];
      if (ch === '(') {
        // literal string, with escapes and balanced parentheses
        let level = 0;
        for (; i < n; i++) {
          if (dictionary[i] === '\\') {
            i++;
          } else if (dictionary[i] === '(') {
            level++;
          } else if (dictionary[i] === ')' && --level === 0) {
            break;
          }
        }
        i++;
      } else if (dictionary.startsWith('<<', i) || ch === '[') {
        depth++;
        i += ch === '[' ? 1 : 2;
      } else if (dictionary.startsWith('>>', i) || ch === ']') {
        if (depth === 0) {
          break;
        }
        depth--;
        i += ch === ']' ? 1 : 2;
      } else if (ch === '<') {
        i = dictionary.indexOf('>', i) + 1 || n;
      } else if (depth === 0 && ch === '/' && i > from) {
        break; // the next key
      } else {
        i++;
      }
    }
    return dictionary.slice(from, i).replace(/\s+/g, ' ').trim();
  };
  for (;;) {
    skipSpace();
    if (i >= n || dictionary.startsWith('>>', i) || dictionary[i] !== '/') {
      return entries;
    }
    const keyStart = ++i;
    while (i < n && !/[\s/<>[\]()]/.test(dictionary[i])) {
      i++;
    }
    const key = dictionary.slice(keyStart, i);
    skipSpace();
    // a name value (/Type /Page) is read whole, not taken for the next key
    let value: string;
    if (dictionary[i] === '/') {
      const valueStart = i++;
      while (i < n && !/[\s/<>[\]()]/.test(dictionary[i])) {
        i++;
      }
      value = dictionary.slice(valueStart, i);
    } else {
      value = readValue();
    }
    entries.set(key, value);
  }
}

/** The keys whose values differ between two versions (added and removed keys included). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k));
}

/** Object references in a value: "5 0 R 7 0 R" → [5, 7]. */
export function referencedObjects(value: string | undefined): number[] {
  return [...(value ?? '').matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
}
