import { toCsv } from '../../src/web/components/csv';

// The dashboard's CSV downloads: RFC 4180 quoting; text that a spreadsheet would run as a formula is quoted as text.
test('quotes separators, quotes and line breaks; formula-like text gets a leading apostrophe, numbers stay numbers', () => {
  const rows = [
    { name: 'a,b', note: 'say "hi"', value: -3 },
    { name: '=HYPERLINK("http://x")', note: '+1', value: 0.25 },
    { name: '@sum', note: 'line\nbreak', value: null },
  ];
  expect(toCsv(['name', 'note', 'value'], rows)).toBe(
    ['name,note,value', '"a,b","say ""hi""",-3', `"'=HYPERLINK(""http://x"")",'+1,0.25`, `'@sum,"line\nbreak",`].join('\r\n') + '\r\n',
  );
});
