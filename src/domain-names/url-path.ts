// One spelling per page: the forms of a path that servers answer alike, so that a blocked URL is found whichever
// of them a link uses. Applied to blocklist entries and to what is checked, so both sides meet in the same form.
//
// On top of WHATWG parsing (which already resolves `.` and `..`, drops the fragment and the default port):
// - percent-encoded unreserved characters are decoded (`%75` is `u`), other escapes get upper-case hex (RFC 3986
//   section 6.2.2);
// - `;parameters` are dropped from each segment (`/a;jsessionid=1/b` is `/a/b`), as Java and PHP servers ignore them;
// - runs of slashes collapse to one (`//a///b` is `/a/b`), as common servers and proxies serve them the same;
// - a trailing slash is dropped (`/a/` is `/a`), as servers redirect one form to the other;
// - an empty query (`?` alone) is dropped; a query is otherwise kept as written, escapes normalised.

const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normaliseEscapes(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** `pathname` and `search` as WHATWG's URL gives them; returns the normalised path plus query (`/` at least). */
export function normaliseUrlPath(pathname: string, search: string): string {
  const segments = normaliseEscapes(pathname)
    .split('/')
    .map((segment) => {
      const semicolon = segment.indexOf(';');
      return semicolon === -1 ? segment : segment.slice(0, semicolon);
    })
    .filter((segment) => segment !== '');
  const path = `/${segments.join('/')}`;
  const query = search === '' || search === '?' ? '' : normaliseEscapes(search);
  return path + query;
}
