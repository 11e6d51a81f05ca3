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
});
