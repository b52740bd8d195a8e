import { hasLongDescription, metadataField, parseCoreMetadata } from './core-metadata';

describe('parseCoreMetadata', () => {
  it('reads fields case-insensitively, keeps repeated ones in order, and the body as description', () => {
    const metadata = parseCoreMetadata(
      'Metadata-Version: 2.4\r\nName: My_Lib\r\nVersion: 1.0rc1\r\nClassifier: A\r\nClassifier: B\r\nDescription-Content-Type: text/markdown\r\n\r\n# My lib\r\n\r\ntext\r\n',
    );
    expect(metadataField(metadata, 'name')).toBe('My_Lib');
    expect(metadataField(metadata, 'VERSION')).toBe('1.0rc1');
    expect(metadata.fields.get('classifier')).toEqual(['A', 'B']);
    expect(metadata.body).toBe('# My lib\n\ntext\n');
    expect(metadataField(metadata, 'License')).toBeUndefined();
  });

  it('joins continuation lines, including the legacy `       |` description form', () => {
    const metadata = parseCoreMetadata('Name: x\nDescription: first\n       |second\n        third\nVersion: 1\n');
    expect(metadataField(metadata, 'description')).toBe('first\nsecond\nthird');
    expect(metadataField(metadata, 'version')).toBe('1');
    expect(metadata.body).toBe('');
  });

  it('ignores lines that are not fields', () => {
    expect([...parseCoreMetadata('garbage\n: no key\nName: ok\n').fields.keys()]).toEqual(['name']);
  });
});

describe('hasLongDescription', () => {
  it('finds the description in the body or in the legacy Description field, and not in whitespace', () => {
    expect(hasLongDescription(parseCoreMetadata('Name: a\nVersion: 1\n\n# a\n'))).toBe(true);
    expect(hasLongDescription(parseCoreMetadata('Name: a\nDescription: long\n       |text\n'))).toBe(true);
    expect(hasLongDescription(parseCoreMetadata('Name: a\nVersion: 1\n\n  \n'))).toBe(false);
    expect(hasLongDescription(parseCoreMetadata('Name: a\nVersion: 1\n'))).toBe(false);
  });
});
