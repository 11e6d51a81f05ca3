import { errorResponse } from './error-response';
import { readErrorResponse } from './read-error-response';

describe('readErrorResponse', () => {
  it('reads back what errorResponse writes', () => {
    const error = { code: 'invitation-used' as const, message: 'Each code works once.' };
    expect(readErrorResponse(errorResponse(error).body)).toEqual(error);
  });

  it('gives null for a body that is not an error', () => {
    expect(readErrorResponse('<html>Bad gateway</html>')).toBeNull();
    expect(readErrorResponse('{"error":"oops"}')).toBeNull();
  });

  it('cuts a message longer than any Tandem node writes', () => {
    const body = JSON.stringify({ error: { code: 'x', message: 'm'.repeat(1_000_000) } });
    expect(readErrorResponse(body)?.message).toHaveLength(4000);
  });

  it('reads only own members, not ones a body names through __proto__', () => {
    expect(readErrorResponse('{"__proto__": {"error": {"code": "x", "message": "y"}}}')).toBeNull();
  });
});
