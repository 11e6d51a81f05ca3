/** JSON pointers (RFC 6901), the way every validation error in Tandem says where it is. */

/** A JSON pointer segment for a property name or index: `~` as `~0`, `/` as `~1`. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The property name or index a JSON pointer segment stands for. */
export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
