import { describe, it, expect } from '@jest/globals';
import {
  CanonicaliseError,
  MAX_INPUT_LENGTH,
  ancestorsWithin,
  canonicaliseDomain,
  canonicaliseTarget,
  type CanonicalTarget,
  type CanonicaliseErrorCode,
} from './canonicalise.js';

function errorCode(input: string, fn: (input: string) => unknown = canonicaliseTarget): CanonicaliseErrorCode | 'no error' {
  try {
    fn(input);
    return 'no error';
  } catch (e) {
    if (e instanceof CanonicaliseError) return e.code;
    throw e;
  }
}

const bare = (host: string, registrableDomain: string | null, displayHost = host): CanonicalTarget => ({
  kind: 'domain',
  host,
  displayHost,
  registrableDomain,
  url: null,
  path: null,
  userinfo: null,
});

describe('canonicaliseTarget: plain domains', () => {
  it('returns a bare domain as it is', () => {
    expect(canonicaliseTarget('binance.com')).toEqual(bare('binance.com', 'binance.com'));
  });

  it.each(['BINANCE.COM', 'Binance.Com', 'binance.com.', 'BINANCE.COM..', '  binance.com  ', '\tbinance.com\n'])(
    'folds %j to binance.com (case, trailing dots, surrounding whitespace)',
    (input) => {
      expect(canonicaliseTarget(input)).toEqual(bare('binance.com', 'binance.com'));
    },
  );

  it('collapses empty labels the way DNS and Safe Browsing do', () => {
    expect(canonicaliseTarget('a..b.com').host).toBe('a.b.com');
    expect(canonicaliseTarget('..a.com').host).toBe('a.com');
    expect(canonicaliseTarget('http://a...b.com.../x').url).toBe('http://a.b.com/x');
  });

  it('keeps www. (a block on the parent is found through ancestorsWithin, not by rewriting the host)', () => {
    const t = canonicaliseTarget('www.binance.com');
    expect(t.host).toBe('www.binance.com');
    expect(t.registrableDomain).toBe('binance.com');
  });

  it('finds the registrable domain under multi-part public suffixes', () => {
    expect(canonicaliseTarget('shop.example.com.kz').registrableDomain).toBe('example.com.kz');
    expect(canonicaliseTarget('a.b.gov.kz').registrableDomain).toBe('b.gov.kz');
    expect(canonicaliseTarget('x.y.example.co.uk').registrableDomain).toBe('example.co.uk');
  });

  it('treats private suffixes as suffixes: binance.github.io is its own registrable domain', () => {
    expect(canonicaliseTarget('binance.github.io').registrableDomain).toBe('binance.github.io');
    expect(canonicaliseTarget('login.binance.github.io').registrableDomain).toBe('binance.github.io');
    expect(canonicaliseTarget('evil.blogspot.com').registrableDomain).toBe('evil.blogspot.com');
  });

  it('has no registrable domain for a bare public suffix or a single label', () => {
    expect(canonicaliseTarget('github.io')).toEqual(bare('github.io', null));
    expect(canonicaliseTarget('com.kz')).toEqual(bare('com.kz', null));
    expect(canonicaliseTarget('kz')).toEqual(bare('kz', null));
    expect(canonicaliseTarget('localhost')).toEqual(bare('localhost', null));
    expect(canonicaliseTarget('LOCALHOST.')).toEqual(bare('localhost', null));
  });

  it('accepts hyphens anywhere in a label, as browsers and DNS do', () => {
    expect(canonicaliseTarget('-login.evil.kz').registrableDomain).toBe('evil.kz');
    expect(canonicaliseTarget('login-.evil.kz').host).toBe('login-.evil.kz');
    expect(canonicaliseTarget('bi--nance.com').host).toBe('bi--nance.com');
    expect(canonicaliseTarget('1.2.3.com')).toEqual(bare('1.2.3.com', '3.com'));
  });

  it('drops a port on a bare host', () => {
    expect(canonicaliseTarget('binance.com:443')).toEqual(bare('binance.com', 'binance.com'));
    expect(canonicaliseTarget('localhost:8080')).toEqual(bare('localhost', null));
    expect(canonicaliseTarget('https://binance.com:8443')).toEqual(bare('binance.com', 'binance.com'));
  });

  it('removes tabs and newlines inside the input, as the WHATWG parser does', () => {
    expect(canonicaliseTarget('bin\nance.com').host).toBe('binance.com');
    expect(canonicaliseTarget('bin\tance.com').host).toBe('binance.com');
  });

  it('decodes percent-escapes in the host', () => {
    expect(canonicaliseTarget('http://bin%41nce.com/').host).toBe('binance.com');
    expect(canonicaliseTarget('http://binance%2ecom/').host).toBe('binance.com');
  });
});

describe('canonicaliseTarget: internationalised names', () => {
  it('turns a Cyrillic name into its A-label and keeps the Unicode form for display', () => {
    expect(canonicaliseTarget('бинанс.kz')).toEqual(bare('xn--80abvuby.kz', 'xn--80abvuby.kz', 'бинанс.kz'));
  });

  it('gives the same result for the A-label, the upper-case Unicode form and the upper-case A-label', () => {
    const expected = bare('xn--80abvuby.kz', 'xn--80abvuby.kz', 'бинанс.kz');
    expect(canonicaliseTarget('xn--80abvuby.kz')).toEqual(expected);
    expect(canonicaliseTarget('БИНАНС.KZ')).toEqual(expected);
    expect(canonicaliseTarget('XN--80ABVUBY.KZ.')).toEqual(expected);
  });

  it('handles Kazakh letters and IDN top-level domains (.қаз, .рф)', () => {
    expect(canonicaliseTarget('қазақстан.kz')).toEqual(
      bare('xn--80aaa0a6awh12ed.kz', 'xn--80aaa0a6awh12ed.kz', 'қазақстан.kz'),
    );
    expect(canonicaliseTarget('мысал.қаз')).toEqual(
      bare('xn--80awbu3c.xn--80ao21a', 'xn--80awbu3c.xn--80ao21a', 'мысал.қаз'),
    );
    expect(canonicaliseTarget('www.пример.рф').registrableDomain).toBe('xn--e1afmkfd.xn--p1ai');
  });

  it('does not map a whole-Cyrillic look-alike onto the Latin name (that is the look-alike detector’s job)', () => {
    expect(canonicaliseTarget('ьіпапсе.com').host).toBe('xn--80ak2abk6dtd.com');
  });

  it('uses non-transitional IDNA: ß stays ß', () => {
    expect(canonicaliseTarget('faß.de')).toEqual(bare('xn--fa-hia.de', 'xn--fa-hia.de', 'faß.de'));
    expect(canonicaliseTarget('bücher.de').host).toBe('xn--bcher-kva.de');
  });

  it('maps full-width letters and ideographic full stops (UTS #46 mapping)', () => {
    expect(canonicaliseTarget('ｂｉｎａｎｃｅ．ｃｏｍ').host).toBe('binance.com');
    expect(canonicaliseTarget('binance。com').host).toBe('binance.com');
  });

  it('keeps dotted and dotless i apart, as IDNA does', () => {
    expect(canonicaliseTarget('İ.com').host).toBe('xn--i-9bb.com');
    expect(canonicaliseTarget('ı.com').host).toBe('xn--cfa.com');
  });

  it('accepts an emoji domain, which Node (like browsers) encodes', () => {
    expect(canonicaliseTarget('😀.com')).toEqual(bare('xn--e28h.com', 'xn--e28h.com', '😀.com'));
  });

  it.each(['xn--a.com', 'xn--zz.com', 'xn--abc-.com', 'xn--.com', 'sub.xn--a.kz'])(
    'rejects the undecodable A-label in %s',
    (input) => {
      expect(errorCode(input)).toBe('invalid-host');
    },
  );

});

describe('canonicaliseTarget: URLs', () => {
  it('extracts the host of a URL without path', () => {
    expect(canonicaliseTarget('https://www.binance.com')).toEqual(bare('www.binance.com', 'binance.com'));
    expect(canonicaliseTarget('https://www.binance.com/')).toEqual(bare('www.binance.com', 'binance.com'));
    expect(canonicaliseTarget('HTTP://BINANCE.COM/')).toEqual(bare('binance.com', 'binance.com'));
  });

  it('keeps a path and query, drops the fragment, and keeps the input’s scheme', () => {
    expect(canonicaliseTarget('https://www.Binance.com/en/login?ref=abc#top')).toEqual({
      kind: 'domain',
      host: 'www.binance.com',
      displayHost: 'www.binance.com',
      registrableDomain: 'binance.com',
      url: 'https://www.binance.com/en/login?ref=abc',
      path: '/en/login?ref=abc',
      userinfo: null,
    });
    expect(canonicaliseTarget('http://binance.com/x').url).toBe('http://binance.com/x');
  });

  it('uses http:// for a schemeless input with a path', () => {
    const t = canonicaliseTarget('binance.com/en/trade');
    expect(t.url).toBe('http://binance.com/en/trade');
    expect(t.path).toBe('/en/trade');
  });

  it('treats a lone fragment or a bare slash as no path', () => {
    expect(canonicaliseTarget('binance.com/#/login').url).toBeNull();
    expect(canonicaliseTarget('binance.com/').url).toBeNull();
  });

  it('drops default ports and keeps others in the URL', () => {
    expect(canonicaliseTarget('https://binance.com:443/x').url).toBe('https://binance.com/x');
    expect(canonicaliseTarget('http://binance.com:80/x').url).toBe('http://binance.com/x');
    expect(canonicaliseTarget('http://binance.com:443/x').url).toBe('http://binance.com:443/x');
    expect(canonicaliseTarget('binance.com:8080/x').url).toBe('http://binance.com:8080/x');
  });

  it('canonicalises the path the WHATWG way (dot segments, percent-encoding)', () => {
    expect(canonicaliseTarget('http://binance.com/a/../b/./c').path).toBe('/b/c');
    expect(canonicaliseTarget('http://binance.com/a b').url).toBe('http://binance.com/a%20b');
    expect(canonicaliseTarget('http://binance.com/вход').path).toBe('/%D0%B2%D1%85%D0%BE%D0%B4');
  });

  it('puts the A-label and the collapsed host into the URL', () => {
    expect(canonicaliseTarget('https://бинанс.kz./вход').url).toBe('https://xn--80abvuby.kz/%D0%B2%D1%85%D0%BE%D0%B4');
  });

  it('sees through the userinfo trick: the browser visits the host after @', () => {
    expect(canonicaliseTarget('https://binance.com@evil.kz/')).toEqual({ ...bare('evil.kz', 'evil.kz'), userinfo: 'binance.com' });
    const t = canonicaliseTarget('https://binance.com:password@evil.kz/login');
    expect(t.host).toBe('evil.kz');
    expect(t.url).toBe('https://evil.kz/login');
    expect(canonicaliseTarget('http://www.binance.com%40evil.kz@phish.kz/').host).toBe('phish.kz');
  });

  it('accepts the scheme-relative and sloppy-slash forms browsers accept', () => {
    expect(canonicaliseTarget('//binance.com').host).toBe('binance.com');
    expect(canonicaliseTarget('http:binance.com').host).toBe('binance.com');
    expect(canonicaliseTarget('https:/binance.com/x').url).toBe('https://binance.com/x');
    expect(canonicaliseTarget('https:\\\\binance.com\\x').url).toBe('https://binance.com/x');
  });

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['JavaScript:alert(document.cookie)', 'javascript'],
    ['javascript:1', 'javascript'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    ['ftp://binance.com/', 'ftp'],
    ['file:///etc/passwd', 'file'],
    ['mailto:support@binance.com', 'mailto'],
    ['ws://binance.com/stream', 'ws'],
    ['chrome://settings', 'chrome'],
    ['tg://resolve?domain=binance', 'tg'],
    ['binance.com://x', 'a made-up scheme with //'],
    ['user:pass@evil.kz', 'schemeless userinfo, read as a scheme as WHATWG does'],
  ])('refuses %j (%s)', (input) => {
    expect(errorCode(input)).toBe('unsupported-scheme');
  });
});

describe('canonicaliseTarget: IP addresses', () => {
  const ipv4 = (host: string): CanonicalTarget => ({
    kind: 'ipv4',
    host,
    displayHost: host,
    registrableDomain: null,
    url: null,
    path: null,
    userinfo: null,
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['http://127.0.0.1/', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7F000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['1.2.3', '1.2.0.3'],
    ['0', '0.0.0.0'],
    ['1..', '0.0.0.1'], // WHATWG reads `1..` as a domain; collapsing its empty labels leaves the number 1
    ['192.168.1.1:8080', '192.168.1.1'],
  ])('reads %j as the IPv4 address %s', (input, host) => {
    expect(canonicaliseTarget(input)).toEqual(ipv4(host));
  });

  it('keeps the path of an IPv4 URL', () => {
    expect(canonicaliseTarget('http://0x7f.1:8080/admin?x=1')).toEqual({
      ...ipv4('127.0.0.1'),
      url: 'http://127.0.0.1:8080/admin?x=1',
      path: '/admin?x=1',
    });
  });

  it('compresses IPv6 and drops the brackets from host but not from the URL', () => {
    expect(canonicaliseTarget('[::1]')).toEqual({
      kind: 'ipv6',
      host: '::1',
      displayHost: '::1',
      registrableDomain: null,
      url: null,
      path: null,
      userinfo: null,
    });
    expect(canonicaliseTarget('http://[0:0:0:0:0:0:0:1]:80/').host).toBe('::1');
    expect(canonicaliseTarget('https://[2001:DB8:0:0:0:0:0:1]/x').host).toBe('2001:db8::1');
    expect(canonicaliseTarget('https://[2001:DB8:0:0:0:0:0:1]:8443/x').url).toBe('https://[2001:db8::1]:8443/x');
  });

  it('accepts a bare IPv6 address without brackets', () => {
    expect(canonicaliseTarget('::1').host).toBe('::1');
    expect(canonicaliseTarget('2001:DB8:0::1').host).toBe('2001:db8::1');
    expect(canonicaliseTarget('fe80::1').kind).toBe('ipv6');
    expect(canonicaliseTarget('abcd::1').host).toBe('abcd::1');
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address it reaches', () => {
    expect(canonicaliseTarget('[::ffff:1.2.3.4]')).toMatchObject({ kind: 'ipv4', host: '1.2.3.4' });
    expect(canonicaliseTarget('::ffff:102:304')).toMatchObject({ kind: 'ipv4', host: '1.2.3.4' });
    expect(canonicaliseTarget('http://[::ffff:1.2.3.4]:8080/a/')).toMatchObject({ url: 'http://1.2.3.4:8080/a' });
    expect(canonicaliseTarget('[::1.2.3.4]').kind).toBe('ipv6');
  });

  it.each(['999.1.1.1', '1.2.3.4.5', '256.256.256.256', 'foo.123', 'foo.0x10', '[::1', '[1:2:3]', '1:2:3', 'fe80::1%eth0'])(
    'rejects the malformed address %j',
    (input) => {
      expect(errorCode(input)).toBe('invalid-host');
    },
  );
});

describe('canonicaliseTarget: errors', () => {
  it.each(['', '   ', '\n\t'])('reports %j as empty', (input) => {
    expect(errorCode(input)).toBe('empty');
  });

  it('reports over-long input, measured after trimming', () => {
    const long = `binance.com/${'a'.repeat(MAX_INPUT_LENGTH)}`;
    expect(errorCode(long)).toBe('too-long');
    const justFits = `binance.com/${'a'.repeat(MAX_INPUT_LENGTH - 'binance.com/'.length)}`;
    expect(errorCode(`   ${justFits}   `)).toBe('no error');
    expect(MAX_INPUT_LENGTH).toBe(2048);
  });

  it('reports a label over 63 characters, counted in A-label form', () => {
    expect(errorCode(`${'a'.repeat(63)}.com`)).toBe('no error');
    expect(errorCode(`${'a'.repeat(64)}.com`)).toBe('label-too-long');
    // 47 Cyrillic letters fit in 63 characters as Unicode, but their A-label is 69 long.
    const cyrillic = 'биржаөңірлікқаржыорталығыныңресмисайтыүшінжазба';
    expect(cyrillic.length).toBeLessThan(63);
    expect(errorCode(`${cyrillic}.kz`)).toBe('label-too-long');
  });

  it('reports a name over 253 characters (after collapsing dots)', () => {
    const label = 'a'.repeat(63);
    const fits = `${label}.${label}.${label}.${'a'.repeat(58)}.kz`; // 253 characters
    expect(fits.length).toBe(253);
    expect(canonicaliseTarget(`${fits}.`).host).toBe(fits);
    expect(errorCode(`${label}.${label}.${label}.${'a'.repeat(59)}.kz`)).toBe('name-too-long');
    expect(errorCode(`${label}..${label}.${label}.${'a'.repeat(58)}.kz`)).toBe('no error');
  });

  it.each([
    ['exa mple.com', 'a space'],
    ['binance .com', 'a space before a dot'],
    ['binance.com path', 'a space after the host'],
    ['*.binance.com', 'a wildcard'],
    ['a!b.com', 'an exclamation mark'],
    ['bin$ance.com', 'a dollar sign'],
    ['.', 'only a dot'],
    ['...', 'only dots'],
    ['http://', 'no host'],
    ['https://:443/', 'no host before the port'],
    ['binance.com:99999', 'a port out of range'],
    ['http://%zz.com/', 'a broken percent-escape'],
    ['http://a<b.com/', 'a forbidden host code point'],
  ])('reports %j as invalid-host (%s)', (input) => {
    expect(errorCode(input)).toBe('invalid-host');
  });

  it('accepts an underscore label in a host to check (browsers visit it) but not in a name to store', () => {
    expect(canonicaliseTarget('a_b.coinbase.com')).toMatchObject({ host: 'a_b.coinbase.com', registrableDomain: 'coinbase.com' });
    expect(errorCode('foo_bar.com', canonicaliseDomain)).toBe('invalid-host');
  });

  it('throws a CanonicaliseError that is an Error with a message', () => {
    let caught: unknown;
    try {
      canonicaliseTarget('javascript:alert(1)');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CanonicaliseError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as CanonicaliseError).name).toBe('CanonicaliseError');
    expect((caught as CanonicaliseError).message).toMatch(/javascript/);
  });
});

describe('canonicaliseTarget: stability', () => {
  it.each([
    'BINANCE.COM.',
    'a..b.com',
    'бинанс.kz',
    'https://binance.com@evil.kz/',
    '0x7f.1',
    '1..',
    '[::ffff:1.2.3.4]',
    '😀.com',
    'faß.de',
    'login.binance.github.io',
  ])('gives the same result when its own host is fed back in: %j', (input) => {
    const once = canonicaliseTarget(input);
    const twice = canonicaliseTarget(once.kind === 'ipv6' ? `[${once.host}]` : once.host);
    expect(twice).toEqual({ ...once, url: null, path: null, userinfo: null });
    expect(canonicaliseTarget(once.displayHost.includes(':') ? `[${once.displayHost}]` : once.displayHost).host).toBe(
      once.host,
    );
  });

  it('gives the same result when its own URL is fed back in', () => {
    const once = canonicaliseTarget('HTTPS://Bin%41nce.com.:443/a/../b?c=d#e');
    expect(once.url).toBe('https://binance.com/b?c=d');
    expect(canonicaliseTarget(once.url!)).toEqual(once);
  });
});

describe('canonicaliseDomain', () => {
  it('returns the canonical host of a domain', () => {
    expect(canonicaliseDomain('BINANCE.COM.')).toBe('binance.com');
    expect(canonicaliseDomain('бинанс.kz')).toBe('xn--80abvuby.kz');
    expect(canonicaliseDomain('https://www.binance.com/')).toBe('www.binance.com');
    expect(canonicaliseDomain('binance.com:443')).toBe('binance.com');
    expect(canonicaliseDomain('localhost')).toBe('localhost');
  });

  it.each(['127.0.0.1', '0x7f.1', '[::1]', 'https://[2001:db8::1]/'])('refuses the IP address %j', (input) => {
    expect(errorCode(input, canonicaliseDomain)).toBe('invalid-host');
  });

  it.each(['binance.com/login', 'https://binance.com/?ref=1', 'binance.com/x#y'])(
    'refuses %j, which has a path or query',
    (input) => {
      expect(errorCode(input, canonicaliseDomain)).toBe('invalid-host');
    },
  );

  it('passes through the other errors', () => {
    expect(errorCode('', canonicaliseDomain)).toBe('empty');
    expect(errorCode('javascript:alert(1)', canonicaliseDomain)).toBe('unsupported-scheme');
    expect(errorCode(`${'a'.repeat(64)}.com`, canonicaliseDomain)).toBe('label-too-long');
    expect(errorCode('*.evil.kz', canonicaliseDomain)).toBe('invalid-host');
  });
});

describe('ancestorsWithin', () => {
  it('lists the host and each parent down to the registrable domain', () => {
    expect(ancestorsWithin('a.b.binance.com', 'binance.com')).toEqual(['a.b.binance.com', 'b.binance.com', 'binance.com']);
  });

  it('returns just the host when it is the registrable domain', () => {
    expect(ancestorsWithin('binance.com', 'binance.com')).toEqual(['binance.com']);
  });

  it('never climbs past a private suffix', () => {
    expect(ancestorsWithin('login.binance.github.io', 'binance.github.io')).toEqual([
      'login.binance.github.io',
      'binance.github.io',
    ]);
  });

  it('stops at multi-label registrable domains', () => {
    expect(ancestorsWithin('x.shop.example.com.kz', 'example.com.kz')).toEqual([
      'x.shop.example.com.kz',
      'shop.example.com.kz',
      'example.com.kz',
    ]);
  });

  it('returns just the host when there is no registrable domain', () => {
    expect(ancestorsWithin('localhost', null)).toEqual(['localhost']);
    expect(ancestorsWithin('127.0.0.1', null)).toEqual(['127.0.0.1']);
  });

  it('returns just the host when the registrable domain is not a suffix of it at a label boundary', () => {
    expect(ancestorsWithin('notbinance.com', 'binance.com')).toEqual(['notbinance.com']);
    expect(ancestorsWithin('binance.com', 'evil.kz')).toEqual(['binance.com']);
  });

  it('composes with canonicaliseTarget', () => {
    const t = canonicaliseTarget('https://Login.WWW.бинанс.kz./path');
    expect(ancestorsWithin(t.host, t.registrableDomain)).toEqual([
      'login.www.xn--80abvuby.kz',
      'www.xn--80abvuby.kz',
      'xn--80abvuby.kz',
    ]);
  });
});

describe('canonicaliseTarget: every form a pasted address comes in (issue 11, point 2)', () => {
  const binance = bare('binance.com', 'binance.com');

  it.each([
    ['binance.com', 'a bare host'],
    ['https://binance.com', 'https'],
    ['http://binance.com/', 'http with a slash'],
    ['//binance.com', 'scheme-relative'],
    ['HTTPS://BINANCE.COM', 'upper case, scheme too'],
    ['BiNaNcE.CoM', 'mixed case'],
    ['binance.com.', 'a trailing dot'],
    ['binance.com...', 'trailing dots'],
    ['ｂｉｎａｎｃｅ．ｃｏｍ', 'full-width letters and full stop (U+FF0E)'],
    ['binance。com', 'ideographic full stop U+3002'],
    ['binance｡com', 'half-width ideographic full stop U+FF61'],
    ['ｈｔｔｐｓ：／／ｂｉｎａｎｃｅ．ｃｏｍ', 'a full-width scheme and slashes'],
    ['ｂｉｎａｎｃｅ．ｃｏｍ／', 'a full-width slash ending the host'],
    ['http://%62%69%6e%61%6e%63%65%2e%63%6f%6d/', 'a fully percent-encoded host'],
    ['http://BIN%41NCE.com/', 'a percent-encoded upper-case letter'],
    ['hxxps://binance[.]com', 'defanged: hxxps and [.]'],
    ['hxxp://binance[.]com/', 'defanged: hxxp'],
    ['HXXPS://binance[.]com', 'defanged in upper case'],
    ['binance(.)com', 'defanged: (.)'],
    ['binance{.}com', 'defanged: {.}'],
    ['binance[dot]com', 'defanged: [dot]'],
    ['binance [dot] com', 'defanged with spaces: [dot]'],
    ['binance [.] com', 'defanged with spaces: [.]'],
    ['binance(DOT)com', 'defanged: (DOT)'],
    ['hxxps[:]//binance[.]com', 'defanged: [:]'],
    ['hxxps[://]binance[.]com', 'defanged: [://]'],
    ['https[:]//binance[.]com', 'defanged colon after a plain scheme'],
  ])('reads %j as binance.com (%s)', (input) => {
    expect(canonicaliseTarget(input)).toEqual(binance);
  });

  it('refangs the path too, as IOC tools write it, and keeps a full-width path as the browser would request it', () => {
    expect(canonicaliseTarget('hxxps://evil[.]example/login[.]php').url).toBe('https://evil.example/login.php');
    expect(canonicaliseTarget('ｅｖｉｌ．ｅｘａｍｐｌｅ／ｘ').url).toBe('http://evil.example/%EF%BD%98');
  });

  it.each([
    ['бинанс.kz', 'Unicode'],
    ['xn--80abvuby.kz', 'the A-label'],
    ['XN--80ABVUBY.KZ', 'the A-label in upper case'],
    ['http://%D0%B1%D0%B8%D0%BD%D0%B0%D0%BD%D1%81.kz/', 'percent-encoded UTF-8'],
    ['бинанс。kz', 'with an ideographic full stop'],
    ['hxxps://бинанс[.]kz', 'defanged'],
  ])('reads the IDN %j (%s) as its A-label and shows the Unicode form', (input) => {
    expect(canonicaliseTarget(input)).toEqual(bare('xn--80abvuby.kz', 'xn--80abvuby.kz', 'бинанс.kz'));
  });

  it.each([
    ['2130706433', 'decimal'],
    ['0x7f000001', 'hex'],
    ['0X7F000001', 'hex in upper case'],
    ['017700000001', 'octal'],
    ['0x7f.0.0.1', 'hex first part'],
    ['0177.0.0.01', 'octal parts'],
    ['0x7f.0x0.0x0.0x1', 'hex parts'],
    ['127.1', 'two parts'],
    ['127.0.1', 'three parts'],
    ['hxxp://127[.]0[.]0[.]1', 'defanged'],
    ['１２７．０．０．１', 'full-width digits'],
    ['http://%31%32%37.0.0.1/', 'percent-encoded'],
  ])('reads %j (%s) as 127.0.0.1, as WHATWG does', (input) => {
    expect(canonicaliseTarget(input)).toMatchObject({ kind: 'ipv4', host: '127.0.0.1', userinfo: null });
  });

  it.each(['0x100000000', '4294967296', '08.0.0.1'])('refuses %j, which no IPv4 form reads', (input) => {
    expect(errorCode(input)).toBe('invalid-host');
  });
});

describe('canonicaliseTarget: userinfo', () => {
  it.each([
    ['https://binance.com@evil.kz/', 'binance.com'],
    ['binance.com@evil.kz', 'binance.com'],
    ['https://Binance.COM:Secret@evil.kz/login', 'binance.com:secret'],
    ['https://www.binance.com%40evil.kz@phish.kz/', 'www.binance.com@evil.kz'],
    ['https://%D0%B1%D0%B8%D0%BD%D0%B0%D0%BD%D1%81@evil.kz/', 'бинанс'],
    ['https://:only-password@evil.kz/', ':only-password'],
    ['hxxps://binance[.]com@evil[.]kz', 'binance.com'],
    ['https://50%25off@evil.kz/', '50%off'],
  ])('gives %j the userinfo %j', (input, userinfo) => {
    expect(canonicaliseTarget(input).userinfo).toBe(userinfo);
  });

  it.each(['https://evil.kz/', 'https://@evil.kz/', 'evil.kz', '127.0.0.1'])('has none in %j', (input) => {
    expect(canonicaliseTarget(input).userinfo).toBeNull();
  });
});

describe('canonicaliseTarget: hidden characters are never silently removed', () => {
  function refusal(input: string): { code: string; params: unknown; message: string } | 'no error' {
    try {
      canonicaliseTarget(input);
      return 'no error';
    } catch (e) {
      if (!(e instanceof CanonicaliseError)) throw e;
      return { code: e.code, params: e.params, message: e.message };
    }
  }

  it.each([
    ['\u200B', 'zero-width space'],
    ['\u200C', 'zero-width non-joiner between Latin letters (CONTEXTJ refuses it)'],
    ['\u200D', 'zero-width joiner between Latin letters (CONTEXTJ refuses it)'],
    ['\u200E', 'left-to-right mark'],
    ['\u200F', 'right-to-left mark'],
    ['\u2060', 'word joiner'],
    ['\u2061', 'function application'],
    ['\u2062', 'invisible times'],
    ['\u2063', 'invisible separator'],
    ['\u2064', 'invisible plus'],
    ['\uFEFF', 'zero-width no-break space (BOM)'],
    ['\u00AD', 'soft hyphen'],
    ['\u034F', 'combining grapheme joiner'],
    ['\u180E', 'Mongolian vowel separator'],
    ['\u180B', 'Mongolian free variation selector'],
    ['\uFE0F', 'variation selector 16'],
    ['\u{E0100}', 'variation selector 17'],
    ['\u202A', 'left-to-right embedding'],
    ['\u202E', 'right-to-left override'],
    ['\u2066', 'left-to-right isolate'],
    ['\u2069', 'pop directional isolate'],
    ['\u{E0001}', 'language tag'],
    ['\u{E0041}', 'tag latin capital letter a'],
    ['\u3164', 'Hangul filler'],
    ['\u2800', 'Braille pattern blank'],
  ])('refuses bin%sance.com (%s), naming the code point', (char) => {
    const codePoint = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(refusal(`bin${char}ance.com`)).toEqual({
      code: 'hidden-character',
      params: { codePoint },
      message: `Contains a hidden character (${codePoint}): it cannot be seen, so the address may not be what it looks like`,
    });
  });

  it.each([
    ['http://bin%E2%80%8Bance.com/', 'U+200B', 'percent-encoded in the host'],
    ['https://binance.com\u200B/login', 'U+200B', 'at the end of the host of a URL'],
    ['\u200Bbinance.com', 'U+200B', 'before a bare host'],
    ['\u200Bhttps://binance.com', 'U+200B', 'before the scheme'],
    ['https://binance\u00AD.com@evil.kz/', 'U+00AD', 'in the userinfo'],
    ['https://binance%C2%AD.com@evil.kz/', 'U+00AD', 'percent-encoded in the userinfo'],
    ['hxxps://bin\u200Bance[.]com', 'U+200B', 'in a defanged link'],
    ['binance.com\u200B:443', 'U+200B', 'before a port'],
    ['ｂｉｎ\u200Bａｎｃｅ．ｃｏｍ', 'U+200B', 'among full-width letters'],
    ['bin\u200Dance.com', 'U+200D', 'a joiner where CONTEXTJ does not allow it'],
    ['\u0915\u200D\u0937.com', 'U+200D', 'a joiner between Devanagari letters with no virama before it'],
  ])('refuses %j (%s, %s)', (input, codePoint) => {
    expect(refusal(input)).toMatchObject({ code: 'hidden-character', params: { codePoint } });
  });

  it.each([
    ['\u0915\u094D\u200D\u0937.com', 'xn--11b2ezcw70k.com', 'ZWJ after a Devanagari virama'],
    ['\u0915\u094D\u200C\u0937.com', 'xn--11b2ezcs70k.com', 'ZWNJ after a Devanagari virama'],
    ['\u0DC1\u0DCA\u200D\u0DBB\u0DD3.lk', 'xn--10cl1a0b660p.lk', 'ZWJ after the Sinhala al-lakuna (virama)'],
    ['\u0646\u0627\u0645\u0647\u200C\u0627\u06CC.ir', 'xn--mgba3gch31f060k.ir', 'ZWNJ between Persian joining letters'],
    ['http://%D9%86%D8%A7%D9%85%D9%87%E2%80%8C%D8%A7%DB%8C.ir/', 'xn--mgba3gch31f060k.ir', 'the same, percent-encoded'],
  ])('keeps the joiner in %j (%s): the A-label is the browser’s (%s)', (input, host) => {
    const t = canonicaliseTarget(input);
    expect(t.host).toBe(host);
    expect(new URL(input.startsWith('http://') ? input : `http://${input}/`).hostname).toBe(host);
    expect(t.displayHost).toMatch(/[\u200C\u200D]/u);
    // Not the name without the joiner, which is another domain.
    expect(canonicaliseTarget(input.replace(/\u200C|\u200D|%E2%80%8C/gu, '')).host).not.toBe(host);
  });

  it('leaves hidden characters in the path alone: the browser percent-encodes them, it drops nothing', () => {
    expect(canonicaliseTarget('https://binance.com/a\u200Bb').url).toBe('https://binance.com/a%E2%80%8Bb');
    expect(canonicaliseTarget('https://binance.com/?q=\u200D').url).toBe('https://binance.com/?q=%E2%80%8D');
  });

  it('reports a name that is invalid for another reason as invalid, not as hidden', () => {
    expect(refusal('a\u200Db<c.com')).toMatchObject({ code: 'invalid-host' });
    expect(refusal('exa mple.com')).toMatchObject({ code: 'invalid-host' });
  });

  it('keeps tabs and newlines out of the rule: WHATWG removes them from a URL that was wrapped in a message', () => {
    expect(canonicaliseTarget('https://bin\nance.com').host).toBe('binance.com');
  });
});
