import { isHttpUrl, opaqueReferenceProblem } from './http-url';

describe('isHttpUrl', () => {
  it.each(['https://acme.atlassian.net/browse/SUP-42', 'http://localhost:8080/x', 'HTTPS://ACME.example'])(
    'accepts %s',
    (url) => {
      expect(isHttpUrl(url)).toBe(true);
    },
  );

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['an ftp URL', 'ftp://files.acme.example'],
    ['a relative URL', '/browse/SUP-42'],
    ['a URL with a space', 'https://acme.example/a b'],
    ['a URL with a leading space', ' https://acme.example'],
    ['a URL with a tab in its scheme', 'ht\ttps://acme.example'],
    ['a URL without a host', 'https://'],
  ])('refuses %s', (_what, url) => {
    expect(isHttpUrl(url)).toBe(false);
  });
});

describe('opaqueReferenceProblem', () => {
  it.each([
    'attachment:10200',
    '069Hn00000AbCdE',
    'https://acme.atlassian.net/rest/api/3/attachment/content/10200',
  ])('accepts the reference %s', (ref) => {
    expect(opaqueReferenceProblem(ref)).toBeNull();
  });

  it.each([
    ['javascript:alert(1)', 'must not be a javascript: URL'],
    [' Java\tScript:alert(1)', 'must not be a javascript: URL'],
    ['data:image/png;base64,AAAA', 'must not be a data: URL'],
    ['file:///etc/passwd', 'must not be a file: URL'],
    ['ftp://files.acme.example/x', 'must be an http or https URL when it names a host'],
  ])('refuses the reference %j', (ref, problem) => {
    expect(opaqueReferenceProblem(ref)).toBe(problem);
  });
});
