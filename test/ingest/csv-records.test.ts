import { CsvRecords, type CsvRecord } from '../../src/ingest/csv-records';
import { copyLine, parseCopyLine } from '../../src/ingest/copy-text';

/** Split `text` fed in pieces of `size` characters (1 = the worst case for records crossing chunks). */
function split(text: string, size = text.length || 1): CsvRecord[] {
  const records = new CsvRecords();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...records.push(text.slice(i, i + size), false));
  out.push(...records.push('', true));
  return out;
}

const brief = (rs: CsvRecord[]) => rs.map((r) => [r.line, r.fields ?? r.error]);

describe('CsvRecords', () => {
  const text = '\uFEFFa,b,c\r\n1,"x,y",3\n\n2,"say ""hi""",\n3,"multi\nline",z\n4,ab"c,d\n';

  test.each([1, 2, 3, 7, 1000])('splits RFC 4180 records the same in chunks of %i', (size) => {
    expect(brief(split(text, size))).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x,y', '3']],
      // line 3 is blank: skipped, still counted
      [4, ['2', 'say "hi"', '']],
      [5, ['3', 'multi\nline', 'z']],
      // a stray quote inside an unquoted field is text
      [7, ['4', 'ab"c', 'd']],
    ]);
  });

  test('keeps the raw text of each record, quotes and inner newlines included', () => {
    expect(split(text).map((r) => r.raw)).toEqual(['a,b,c', '1,"x,y",3', '2,"say ""hi""",', '3,"multi\nline",z', '4,ab"c,d']);
  });

  test('a last record without a newline, with CRLF, or ending in a quoted field', () => {
    expect(brief(split('a,b\r\n1,"2"'))).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
    expect(brief(split('a,"b"\r\n', 1))).toEqual([[1, ['a', 'b']]]);
    expect(brief(split('x\n""'))).toEqual([[1, ['x']], [2, ['']]]);
  });

  test('an unclosed quote rejects its first line only; the lines after it are read', () => {
    const rs = split('a,b\n1,"open\n2,fine\n3,"x""y\n', 4);
    expect(brief(rs)).toEqual([
      [1, ['a', 'b']],
      // the quote closes at the next quote, three lines on, and text follows it
      [2, 'unexpected text after a closing quote in field 2'],
      [3, ['2', 'fine']],
      [4, 'a quoted field is never closed'],
    ]);
    expect(rs[1]?.raw).toBe('1,"open');
  });

  test('text after a closing quote is malformed, and reading resumes on the next line', () => {
    expect(brief(split('1,"a"b,c\n2,d\n'))).toEqual([[1, 'unexpected text after a closing quote in field 2'], [2, ['2', 'd']]]);
  });
});

describe('COPY text', () => {
  test('round-trips NULL, empty, backslashes, tabs and newlines', () => {
    const values = [null, '', 'a\\b', 'tab\there', 'two\nlines\r', '\\N'];
    const line = copyLine(values);
    expect(line).toBe('\\N\t\ta\\\\b\ttab\\there\ttwo\\nlines\\r\t\\\\N');
    expect(parseCopyLine(line)).toEqual(values);
  });
});
