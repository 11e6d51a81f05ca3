import { errorResponse, HTTP_STATUS_BY_ERROR } from './error-response';

describe('errorResponse', () => {
  it('answers with the status of the code and a JSON error body', () => {
    expect(errorResponse({ code: 'signature-invalid', message: 'The signature does not match.' })).toEqual({
      statusCode: 401,
      headers: { 'Content-Type': ['application/json; charset=utf-8'] },
      body: '{"error":{"code":"signature-invalid","message":"The signature does not match."}}',
    });
  });

  it('answers an oversize body with 413 and a replay with 409', () => {
    expect(HTTP_STATUS_BY_ERROR['body-too-large']).toBe(413);
    expect(HTTP_STATUS_BY_ERROR['message-replayed']).toBe(409);
  });
});
