import { safeUrl } from './safe-url';

describe('safeUrl', () => {
  it.each(['https://example.com/a?b=c#d', 'http://example.com', 'mailto:ann@example.com', 'tel:+441234'])(
    'keeps the %s link',
    (url) => {
      expect(safeUrl(url)).toBe(url);
    },
  );

  it('keeps relative and fragment URLs, which have no scheme to abuse', () => {
    expect(safeUrl('/servlet/file?id=1')).toBe('/servlet/file?id=1');
    expect(safeUrl('#top')).toBe('#top');
  });

  it('trims white space around the URL', () => {
    expect(safeUrl('  https://example.com  ')).toBe('https://example.com');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
  ])('refuses %j', (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it('refuses an empty URL', () => {
    expect(safeUrl('   ')).toBeNull();
  });
});
