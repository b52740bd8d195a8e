/**
 * Core metadata (a wheel's METADATA, an sdist's PKG-INFO): RFC 822-style headers, a blank line,
 * then the long description as the body. Multi-use fields (Classifier, Requires-Dist) keep
 * every value in order.
 */
export interface CoreMetadata {
  fields: Map<string, string[]>;
  body: string;
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const fields = new Map<string, string[]>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let last: { key: string; index: number } | null = null;
  let line = 0;
  for (; line < lines.length && lines[line] !== ''; line++) {
    const current = lines[line];
    if (/^[ \t]/.test(current) && last) {
      const values = fields.get(last.key) as string[];
      values[last.index] += `\n${current.replace(/^ {7}\|/, '').replace(/^[ \t]+/, '')}`;
      continue;
    }
    const colon = current.indexOf(':');
    if (colon <= 0) continue;
    const key = current.slice(0, colon).trim().toLowerCase();
    const values = fields.get(key) ?? [];
    values.push(current.slice(colon + 1).trim());
    fields.set(key, values);
    last = { key, index: values.length - 1 };
  }
  return { fields, body: lines.slice(line + 1).join('\n') };
}

/** The first value of a field (case-insensitive name), or undefined. */
export function metadataField(metadata: CoreMetadata, name: string): string | undefined {
  return metadata.fields.get(name.toLowerCase())?.[0];
}

/** Whether the metadata carries a long description (the body, or the legacy Description field) for PyPI's project page. */
export function hasLongDescription(metadata: CoreMetadata): boolean {
  return metadata.body.trim() !== '' || (metadataField(metadata, 'Description') ?? '').trim() !== '';
}
